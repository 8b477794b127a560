"""Catalogue use cases: products, variants, categories, barcodes (商品管理).

The product list (searched, filtered, sorted and paged in SQL) is here; editing one
product is in services/catalogue_editing.py, its suppliers in services/catalogue_suppliers.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import BindParameter, Connection, Row, Select, bindparam, func, or_, select

from shopdesk.db import search_index
from shopdesk.db.models import Barcode, Category, Product
from shopdesk.domain.search import normalize_query
from shopdesk.services.catalogue_suppliers import ProductSuppliers


@dataclass(frozen=True)
class ProductRow:
    """One line of the product list; cost is None for a role that may not see costs."""

    id: int
    sku: str
    name: str
    alt_name: str
    variant_label: str
    category: str
    price: int
    cost: int | None
    status: str
    archived: bool
    is_parent: bool
    barcode: str = ""


SORT_COLUMNS = {
    "sku": Product.sku_key,
    "name": Product.name,
    "category": Category.path,
    "price": Product.price,
    "cost": Product.cost,
    "status": Product.status,
}


@dataclass(frozen=True)
class ProductFilter:
    """What the product list shows: a search text and filters, sorted in SQL."""

    text: str = ""
    category_id: int | None = None
    status: str | None = None
    include_archived: bool = False
    sort: str = "sku"
    descending: bool = False


FEW_MATCHES = 2000
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)  # a list of ids, bound as it is (no coercion)


@dataclass(frozen=True)
class ProductMatches:
    """How many products a filter shows; when there are few, their ids in list order."""

    count: int
    ids: list[int] | None


class Catalogue(ProductSuppliers):
    """The catalogue service: the product list here, editing and suppliers from its bases."""

    # Reading -----------------------------------------------------------------------
    def _filtered(self, query: Select, flt: ProductFilter, subtree: Sequence[int] | None) -> Select:
        if flt.text.strip():
            query = query.where(search_index.contains(self.db.engine, Product.search_text, normalize_query(flt.text)))
        if subtree is not None:
            query = query.where(Product.category_id.in_(subtree))
        if flt.status:
            query = query.where(Product.status == flt.status)
        if not flt.include_archived:
            query = query.where(Product.archived.is_(False))
        return query

    def _subtree(self, conn, category_id: int | None) -> list[int] | None:  # type: ignore[no-untyped-def]
        if category_id is None:
            return None
        path = conn.execute(select(Category.path).where(Category.id == category_id)).scalar()
        if path is None:
            return []
        like = path.replace("%", "\\%").replace("_", "\\_") + "/%"
        return list(
            conn.execute(
                select(Category.id).where(or_(Category.id == category_id, Category.path.like(like, escape="\\")))
            ).scalars()
        )

    def count_products(self, flt: ProductFilter = ProductFilter()) -> int:
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            query = self._filtered(select(func.count()).select_from(Product), flt, subtree)
            return int(conn.execute(query).scalar_one())

    def list_products(
        self, flt: ProductFilter = ProductFilter(), offset: int = 0, limit: int = 200
    ) -> list[ProductRow]:
        """One page of the product list, filtered and sorted in SQL."""
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            query = (
                self._filtered(_list_query(), flt, subtree).order_by(*self._ordering(flt)).offset(offset).limit(limit)
            )
            return self._with_barcodes(conn, conn.execute(query).all())

    def match_products(self, flt: ProductFilter = ProductFilter(), few: int = FEW_MATCHES) -> ProductMatches:
        """How many products the list shows, found in one pass over the table; their ids too when few match.

        A substring search cannot use an index, so each keystroke in the search field
        costs a scan, and a count plus a first page would cost two. Here the first
        `few` + 1 matches are read in id order: when that is all of them, their ids come
        back sorted as the list sorts (pages are then read by id, see products_by_id);
        otherwise only the rows after the last one read are counted.
        """
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            counted = self._filtered(select(func.count()).select_from(Product), flt, subtree)
            if not flt.text.strip():  # without a search text the indexes answer the count on their own
                return ProductMatches(int(conn.execute(counted).scalar_one()), None)
            first = (
                conn.execute(self._filtered(select(Product.id), flt, subtree).order_by(Product.id).limit(few + 1))
                .scalars()
                .all()  # fetchall: a row-by-row fetch costs more than the query here
            )
            if len(first) <= few:
                if not first:
                    return ProductMatches(0, [])
                in_order = _list_query(Product.id).where(Product.id.in_(_IDS)).order_by(*self._ordering(flt))
                return ProductMatches(len(first), list(conn.execute(in_order, {"ids": first}).scalars().all()))
            rest = counted.where(Product.id > first[few - 1])
            return ProductMatches(few + int(conn.execute(rest).scalar_one()), None)

    def products_by_id(self, ids: Sequence[int]) -> list[ProductRow]:
        """List lines of the given products, in the order given; ids no longer there are left out."""
        with self.db.read() as conn:
            found = {r.id: r for r in conn.execute(_list_query().where(Product.id.in_(_IDS)), {"ids": list(ids)})}
            return self._with_barcodes(conn, [found[i] for i in ids if i in found])

    def _ordering(self, flt: ProductFilter) -> list[Any]:
        # Sorting by a hidden cost would still give it away: such a list sorts by SKU.
        return _ordering(flt if self.costs_shown or flt.sort != "cost" else replace(flt, sort="sku"))

    def _with_barcodes(self, conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]]) -> list[ProductRow]:
        found = _with_barcodes(conn, rows)
        return found if self.costs_shown else [replace(r, cost=None) for r in found]


def _list_query(*columns: Any) -> Select:
    """The product list's select (its columns, or the given ones) with the category joined for sorting."""
    columns = columns or (
        Product.id,
        Product.sku,
        Product.name,
        Product.alt_name,
        Product.variant_label,
        func.coalesce(Category.path, "").label("category"),
        Product.price,
        Product.cost,
        Product.status,
        Product.archived,
        Product.is_parent,
    )
    return select(*columns).select_from(Product).outerjoin(Category, Product.category_id == Category.id)


def _ordering(flt: ProductFilter) -> list[Any]:
    sort_col = SORT_COLUMNS.get(flt.sort, Product.sku_key)
    return [
        sort_col.desc() if flt.descending else sort_col.asc(),
        Product.id.desc() if flt.descending else Product.id,
    ]


def _with_barcodes(conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]]) -> list[ProductRow]:
    """ProductRows with the first barcode of each product (one query for the whole page)."""
    first_barcode: dict[int, str] = {}
    if rows:
        for pid, code in conn.execute(
            select(Barcode.product_id, Barcode.code)
            .where(Barcode.product_id.in_([r.id for r in rows]))
            .order_by(Barcode.id.desc())
        ):
            first_barcode[pid] = code
    return [ProductRow(**r._asdict(), barcode=first_barcode.get(r.id, "")) for r in rows]  # columns named as fields
