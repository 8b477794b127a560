"""What the shop holds now of the SKUs, barcodes and parent SKUs a product file names, read in bulk."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Text, cast, select
from sqlalchemy import Table as SqlTable

from shopdesk.db.models import Barcode, Category, Product
from shopdesk.domain.catalogue import ListingStatus, ProductDraft
from shopdesk.imports.product_plan import Plan

# Keys per IN (...) query: under the 999 parameters of SQLite before 3.32 (still on some Linux systems).
_KEYS_PER_QUERY = 900
# Declarative models type __table__ as any FromClause; ours are each mapped to one Table.
_PRODUCTS = typing.cast(SqlTable, Product.__table__)
_BARCODES = typing.cast(SqlTable, Barcode.__table__)
_CATEGORIES = typing.cast(SqlTable, Category.__table__)


@dataclass
class ExistingProduct:
    id: int
    is_parent: bool
    draft: ProductDraft
    category_id: int | None
    search_text: str


@dataclass
class ImportPlan(Plan):
    existing: dict[str, ExistingProduct] = field(default_factory=dict)  # sku_key -> the product there now
    parent_ids: dict[str, int] = field(default_factory=dict)  # sku_key -> id of parents in the shop


def chunks(items: Sequence[Any], size: int = _KEYS_PER_QUERY) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_products(conn: Connection, keys: list[str]) -> dict[str, ExistingProduct]:
    """The products already in the shop under these SKU keys, as drafts (for merging and validation)."""
    parent = _PRODUCTS.alias("parent")
    c = _PRODUCTS.c
    columns = (
        c.id,
        c.sku_key,
        c.sku,
        c.name,
        c.price,
        c.cost,
        c.alt_name,
        c.description,
        c.category_id,
        _CATEGORIES.c.path,
        c.unit,
        c.weight_g,
        c.status,
        # As text: most products have no tags, and "[]" needs no JSON parser.
        cast(c.tags, Text),
        parent.c.sku,
        c.variant_label,
        c.is_parent,
        c.search_text,
    )
    found: dict[str, ExistingProduct] = {}
    for chunk in chunks(sorted(set(keys))):
        query = (
            select(*columns)
            .select_from(_PRODUCTS)
            .outerjoin(_CATEGORIES, _CATEGORIES.c.id == c.category_id)
            .outerjoin(parent, parent.c.id == c.parent_id)
            .where(c.sku_key.in_(chunk))
        )
        for (
            id_,
            key,
            sku,
            name,
            price,
            cost,
            alt_name,
            description,
            category_id,
            category_path,
            unit,
            weight_g,
            status,
            tags,
            parent_sku,
            variant_label,
            is_parent,
            search_text,
        ) in conn.execute(query):
            draft = ProductDraft(
                sku=sku,
                name=name,
                price=price,
                cost=cost,
                alt_name=alt_name,
                description=description,
                category_path=category_path or "",
                unit=unit,
                weight_g=weight_g,
                status=ListingStatus(status),
                tags=[] if tags in (None, "[]") else list(json.loads(tags) or []),
                parent_sku=parent_sku or "",
                variant_label=variant_label,
            )
            found[key] = ExistingProduct(id_, is_parent, draft, category_id, search_text)
    by_id = {e.id: e for e in found.values()}
    for chunk in chunks(sorted(by_id)):
        barcodes = select(Barcode.product_id, Barcode.code).where(Barcode.product_id.in_(chunk))
        for product_id, code in conn.execute(barcodes.order_by(Barcode.id)):
            by_id[product_id].draft.barcodes.append(code)
    return found


def barcode_owners(conn: Connection, codes: list[str]) -> dict[str, tuple[str, str]]:
    """code -> (sku_key, sku) of the product that has it now."""
    owners: dict[str, tuple[str, str]] = {}
    for chunk in chunks(sorted(set(codes))):
        query = (
            select(_BARCODES.c.code, _PRODUCTS.c.sku_key, _PRODUCTS.c.sku)
            .join(_PRODUCTS, _PRODUCTS.c.id == _BARCODES.c.product_id)
            .where(_BARCODES.c.code.in_(chunk))
        )
        owners.update({code: (key, sku) for code, key, sku in conn.execute(query)})
    return owners


def ids_by_key(conn: Connection, keys: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in chunks(sorted(set(keys))):
        query = select(_PRODUCTS.c.sku_key, _PRODUCTS.c.id).where(_PRODUCTS.c.sku_key.in_(chunk))
        ids.update({key: id_ for key, id_ in conn.execute(query)})
    return ids
