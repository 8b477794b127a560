"""Writing a checked product file to the shop in bulk: products, barcodes, parents, categories and audit trail."""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, func, insert, select, update
from sqlalchemy import Table as SqlTable

from shopdesk.db.models import AuditEvent, Barcode, Category, Product
from shopdesk.db.models.base import utcnow
from shopdesk.db.search_index import FTS_TABLES
from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ProductDraft, sku_key
from shopdesk.imports.search_keys import BulkSearchKeys
from shopdesk.services import audit
from shopdesk.services.product_import_lookups import ImportPlan, chunks, ids_by_key

_CHUNK = 500  # rows between progress reports
# Declarative models type __table__ as any FromClause; ours are each mapped to one Table.
_PRODUCTS = typing.cast(SqlTable, Product.__table__)
_BARCODES = typing.cast(SqlTable, Barcode.__table__)
_AUDIT = typing.cast(SqlTable, AuditEvent.__table__)
_CATEGORIES = typing.cast(SqlTable, Category.__table__)
_GTIN_KINDS = {13: bc.EAN13, 12: bc.UPCA, 8: bc.EAN8}
_FTS_TABLE = FTS_TABLES[_PRODUCTS.name]  # SQLite's trigram index of product.search_text (migration 0012)
_FTS_INSERT_TRIGGER = f"{_FTS_TABLE}_insert"


class ProductWriter:
    """Writes the changed rows of a plan on the import's connection; the caller commits or rolls back."""

    def __init__(self, user: str, tick: Callable[[int, int], None]):
        self.user = user
        self.tick = tick  # tick(done, total): reports progress, raises if the person cancelled

    def write(self, conn: Connection, plan: ImportPlan, *, file_rows: int, reason: str) -> None:
        """Add and change the products of the plan's changed rows, their barcodes, parents and audit trail."""
        # Progress: reading and checking was the first half; preparing rows (pinyin) and inserting the rest.
        rows, total = plan.changed_rows, 2 * file_rows
        base = file_rows
        category_ids = _category_ids(conn, {plan.drafts[r.row].category_path for r in rows if "category" in r.given})
        new_values: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []  # with a new search key
        kept_text: list[dict[str, Any]] = []  # the search key stays as it is
        search_keys = BulkSearchKeys()
        now = utcnow()  # one time for the whole import, instead of a column default called per row
        for done, row in enumerate(rows):
            if done % _CHUNK == 0:
                self.tick(base + done * 3 // 4, total)
            draft = plan.drafts[row.row]
            before = plan.existing.get(row.key)
            values = {
                "sku": draft.sku.strip(),
                "name": draft.name.strip(),
                "alt_name": draft.alt_name.strip(),
                "description": draft.description,
                "category_id": category_ids.get(draft.category_path)
                if "category" in row.given or before is None
                else before.category_id,
                "unit": draft.unit,
                "price": draft.price,
                "cost": draft.cost,
                "weight_g": draft.weight_g,
                "status": str(draft.status),
                "tags": list(draft.tags),
                "variant_label": draft.variant_label.strip(),
                "updated_at": now,
            }
            if before is None:
                new_values.append(
                    {**values, "search_text": search_keys.product(draft), "sku_key": row.key, "created_at": now}
                )
            elif _same_search_fields(draft, before.draft):
                kept_text.append({f"b_{k}": v for k, v in values.items()} | {"b_id": before.id})
            else:
                values["search_text"] = search_keys.product(draft)
                updates.append({f"b_{k}": v for k, v in values.items()} | {"b_id": before.id})
        # Plain executemany, then the new ids by SKU: RETURNING in parameter order runs row by row on SQLite.
        last_before = (conn.execute(select(func.max(_PRODUCTS.c.id))).scalar() or 0) if new_values else None
        with _search_index_after_insert(conn, last_before):
            for chunk_start in range(0, len(new_values), _CHUNK * 4):
                conn.execute(insert(_PRODUCTS), new_values[chunk_start : chunk_start + _CHUNK * 4])
                self.tick(base + (3 * len(rows) + chunk_start) // 4, total)
        ids = {key: p.id for key, p in plan.existing.items()}
        if last_before is not None:
            # The new rows are the ones past the last id before (one query, not one per 900 keys); another
            # writer's products committed meanwhile (PostgreSQL) have other SKUs and are left out.
            wanted = {v["sku_key"] for v in new_values}
            query = select(_PRODUCTS.c.sku_key, _PRODUCTS.c.id).where(_PRODUCTS.c.id > last_before)
            ids.update((key, id_) for key, id_ in conn.execute(query) if key in wanted)
            # A PostgreSQL sequence behind ids written by hand (a restored copy) can give lower ids.
            ids.update(ids_by_key(conn, [key for key in wanted if key not in ids]))
        # Rows whose search key stays (a price list) leave search_text out of the SET list: naming the
        # column fires the FTS5 update trigger, which re-indexes the row whether the text changed or not.
        for group in (updates, kept_text):
            if group:
                columns: dict[str, BindParameter[Any]] = {
                    k.removeprefix("b_"): bindparam(k) for k in group[0] if k != "b_id"
                }
                conn.execute(
                    update(_PRODUCTS)
                    .where(_PRODUCTS.c.id == bindparam("b_id"))
                    .values(**columns, version=_PRODUCTS.c.version + 1),
                    group,
                )
        self._write_barcodes(conn, plan, ids)
        self._write_parents(conn, plan, ids)
        self._write_audit(conn, plan, ids, now, reason)
        self.tick(total, total)

    def _write_audit(self, conn: Connection, plan: ImportPlan, ids: dict[str, int], now: Any, reason: str) -> None:
        """The trail of what the import did: each product created, and each change of name, price, cost or status."""
        events = []
        for row in plan.changed_rows:
            draft = plan.drafts[row.row]
            before = plan.existing.get(row.key)
            changes = audit.diff({} if before is None else _audited(before.draft), _audited(draft))
            if changes:
                events.append(
                    {
                        "at": now,
                        "user": self.user,
                        "entity": "product",
                        "entity_id": ids[row.key],
                        "entity_label": draft.sku.strip(),
                        "action": "created" if before is None else "edited",
                        "changes": {k: [old, new] for k, (old, new) in changes.items()},
                        "reason": reason,
                    }
                )
        for start in range(0, len(events), _CHUNK * 4):
            conn.execute(insert(_AUDIT), events[start : start + _CHUNK * 4])

    def _write_barcodes(self, conn: Connection, plan: ImportPlan, ids: dict[str, int]) -> None:
        removed: list[str] = []
        added: list[dict[str, Any]] = []
        for row in plan.changed_rows:
            if "barcodes" not in row.given:
                continue
            before = plan.existing.get(row.key)
            had = set(before.draft.barcodes) if before else set()
            wanted = plan.drafts[row.row].barcodes
            removed += [code for code in had if code not in wanted]
            added += [{"product_id": ids[row.key], "code": c, "kind": _barcode_kind(c)} for c in wanted if c not in had]
        # Codes leave their old product before another product in the file takes them.
        for chunk in chunks(removed):
            conn.execute(_BARCODES.delete().where(_BARCODES.c.code.in_(chunk)))
        if added:
            conn.execute(insert(_BARCODES), added)

    def _write_parents(self, conn: Connection, plan: ImportPlan, ids: dict[str, int]) -> None:
        links = []
        parents: set[int] = set()
        for row in plan.changed_rows:
            if "parent_sku" not in row.given:
                continue
            parent_key = sku_key(plan.drafts[row.row].parent_sku)
            parent_id = ids.get(parent_key) or plan.parent_ids[parent_key]
            links.append({"b_id": ids[row.key], "b_parent": parent_id})
            parents.add(parent_id)
        if links:
            conn.execute(
                update(_PRODUCTS).where(_PRODUCTS.c.id == bindparam("b_id")).values(parent_id=bindparam("b_parent")),
                links,
            )
        for chunk in chunks(sorted(parents)):
            conn.execute(update(_PRODUCTS).where(_PRODUCTS.c.id.in_(chunk)).values(is_parent=True))


def _same_search_fields(draft: ProductDraft, before: ProductDraft) -> bool:
    """Nothing the search key is made of changed (a price list): the stored key still holds."""
    return (draft.name, draft.alt_name, draft.variant_label, draft.sku, draft.barcodes) == (
        before.name,
        before.alt_name,
        before.variant_label,
        before.sku,
        before.barcodes,
    )


@contextmanager
def _search_index_after_insert(conn: Connection, last_before: int | None) -> Iterator[None]:
    """On SQLite, index the products inserted in the block (ids past last_before) in one statement after it.

    The FTS5 insert trigger of migration 0012 indexes each new row as it comes, about five times the
    work of one INSERT ... SELECT over all of them. The trigger is dropped for the block and created
    again from its own stored SQL, in this same transaction (the unit of work began it with BEGIN
    IMMEDIATE, so no other writer can insert meanwhile): a rollback or a killed process brings the
    trigger back with everything else. PostgreSQL's pg_trgm index needs nothing; nor does a database
    without the FTS5 index.
    """
    found = None
    if last_before is not None and conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_INSERT_TRIGGER,)
        ).scalar()
    if found is None:
        yield
        return
    conn.exec_driver_sql(f"DROP TRIGGER {_FTS_INSERT_TRIGGER}")
    yield
    conn.exec_driver_sql(
        f"INSERT INTO {_FTS_TABLE}(rowid, search_text) SELECT id, search_text FROM {_PRODUCTS.name} WHERE id > ?",
        (last_before,),
    )
    conn.exec_driver_sql(found)


def _barcode_kind(code: str) -> str:
    """The kind barcodes.classify gives a code that passed it (every code did, in domain validation)."""
    return _GTIN_KINDS.get(len(code), bc.CODE128) if code.isdigit() else bc.CODE128


def _category_ids(conn: Connection, paths: set[str]) -> dict[str, int]:
    """Ids of category paths like '服装/上衣/T恤', creating missing levels one depth at a time."""
    levels: dict[str, str] = {}  # every path and sub-path -> its last part
    for path in filter(None, paths):
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            levels["/".join(parts[:depth])] = parts[depth - 1]
    ids: dict[str, int] = {}
    for chunk in chunks(sorted(levels)):
        query = select(_CATEGORIES.c.path, _CATEGORIES.c.id).where(_CATEGORIES.c.path.in_(chunk))
        ids.update({path: id_ for path, id_ in conn.execute(query)})
    missing = sorted((p for p in levels if p not in ids), key=lambda p: p.count("/"))
    by_depth: dict[int, list[str]] = defaultdict(list)
    for path in missing:
        by_depth[path.count("/")].append(path)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        new = [
            {"path": p, "name": levels[p], "parent_id": ids.get(p.rpartition("/")[0]) if depth else None} for p in level
        ]
        inserted = conn.execute(insert(_CATEGORIES).returning(_CATEGORIES.c.id, sort_by_parameter_order=True), new)
        ids.update(zip(level, inserted.scalars(), strict=True))
    return ids


def _audited(draft: ProductDraft) -> dict[str, object]:
    """The fields the audit trail keeps of a product, as services/catalogue_editing.py records them."""
    return {
        "sku": draft.sku.strip(),
        "name": draft.name.strip(),
        "price": draft.price,
        "cost": draft.cost,
        "status": str(draft.status),
    }
