"""Import products from CSV or XLSX: preview, validate everything, then write all of it or nothing.

Re-importing a SKU (any case) updates that product; empty cells and missing
columns leave an existing product as it is. The column mapping used is
remembered per file layout, so the shop's usual file maps itself next time.
"""

from __future__ import annotations

import gc
import json
import typing
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, Text, bindparam, cast, func, insert, select, update
from sqlalchemy import Table as SqlTable
from sqlalchemy.exc import IntegrityError

from shopdesk.db.models import AuditEvent, Barcode, Category, ImportProfile, Product
from shopdesk.db.models.base import utcnow
from shopdesk.db.search_index import FTS_TABLES
from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ListingStatus, ProductDraft, sku_key
from shopdesk.domain.errors import Conflict, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.imports import products as layout
from shopdesk.imports.product_plan import Plan, plan_rows
from shopdesk.imports.product_rows import FileRow, RowReader, detect_decimal_comma, mark_duplicates
from shopdesk.imports.search_keys import BulkSearchKeys
from shopdesk.imports.tables import Table, find_header_row, read_table
from shopdesk.services import audit
from shopdesk.services.access import guarded

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

SAMPLE_ROWS = 20
_CHUNK = 500  # rows between progress reports
# Keys per IN (...) query: under the 999 parameters of SQLite before 3.32 (still on some Linux systems).
_KEYS_PER_QUERY = 900
# Declarative models type __table__ as any FromClause; ours are each mapped to one Table.
_PRODUCTS = typing.cast(SqlTable, Product.__table__)
_BARCODES = typing.cast(SqlTable, Barcode.__table__)
_AUDIT = typing.cast(SqlTable, AuditEvent.__table__)
_CATEGORIES = typing.cast(SqlTable, Category.__table__)
_PROFILES = typing.cast(SqlTable, ImportProfile.__table__)
_GTIN_KINDS = {13: bc.EAN13, 12: bc.UPCA, 8: bc.EAN8}
_FTS_TABLE = FTS_TABLES[_PRODUCTS.name]  # SQLite's trigram index of product.search_text (migration 0012)
_FTS_INSERT_TRIGGER = f"{_FTS_TABLE}_insert"


class ImportCancelled(ShopDeskError):
    """The person stopped the import; nothing was written."""


@dataclass
class ImportOptions:
    encoding: str | None = None  # None: detect
    delimiter: str | None = None  # None: sniff (CSV only)
    sheet: str | None = None  # XLSX: None = first sheet
    header_row: int | None = None  # 1-based; None: detect
    decimal_comma: bool | None = None  # None: detect from the file
    mapping: dict[str, str] | None = None  # our field name -> file heading; None: remembered, else guessed
    good_rows_only: bool = False
    # Applied over the remembered or guessed mapping (the command line's --map FIELD=HEADING).
    extra_mapping: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldInfo:
    field: str
    label: str  # "Price (售价)"
    required: bool


@dataclass
class ImportPreview:
    """What the importer makes of a file, before anything is written."""

    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    mapping: dict[str, str]
    mapping_source: str  # "chosen", "remembered" or "guessed"
    decimal_comma: bool
    fields: list[FieldInfo]
    sample: list[list[str]]  # the first data rows, as text, one cell per heading
    total_rows: int
    new_count: int  # rows without problems that add a product
    update_count: int  # rows without problems that change one
    problems: list[Problem]
    bad_rows: list[int] = field(default_factory=list)
    unchanged_count: int = 0  # rows that say what the product already is
    sample_rows: list[int] = field(default_factory=list)  # the spreadsheet row number of each sample row


@dataclass
class ImportResult:
    created: int
    updated: int
    skipped_rows: list[int]
    problems: list[Problem]
    dry_run: bool
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1
    unchanged: int = 0  # existing products the file left exactly as they were


@dataclass
class _Existing:
    id: int
    is_parent: bool
    draft: ProductDraft
    category_id: int | None
    search_text: str


@dataclass
class _File:
    table: Table
    header_row: int
    headers: list[str]
    mapping: dict[str, str]
    mapping_source: str
    decimal_comma: bool
    reader: RowReader
    rows: list[FileRow]  # empty when the file as a whole cannot be imported
    data_rows: int
    problems: list[Problem]  # about the whole file (missing columns)


@dataclass
class _Plan(Plan):
    existing: dict[str, _Existing] = field(default_factory=dict)  # sku_key -> the product there now
    parent_ids: dict[str, int] = field(default_factory=dict)  # sku_key -> id of parents in the shop


Progress = Callable[[int, int], None]


class ProductImport:
    """Products from a spreadsheet, all-or-nothing unless only the good rows are wanted."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Public ------------------------------------------------------------------------
    def preview(
        self,
        path: Path,
        options: ImportOptions,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportPreview:
        """Read and check the whole file against the shop; return what an import would do. Writes nothing."""
        with _cycle_collector_paused():
            loaded = self._load(Path(path), options, progress, cancelled)
            with self.db.read() as conn:
                plan = self._plan(conn, loaded, progress, cancelled)
        width = len(loaded.headers)
        numbered = enumerate(loaded.table.rows[loaded.header_row :], start=loaded.header_row + 1)
        data = [(number, cells) for number, cells in numbered if cells][:SAMPLE_ROWS]
        new = sum(1 for r in plan.rows if r.key not in plan.existing)
        return ImportPreview(
            path=loaded.table.path,
            kind=loaded.table.kind,
            encoding=loaded.table.encoding,
            delimiter=loaded.table.delimiter,
            sheet=loaded.table.sheet,
            sheet_names=loaded.table.sheet_names,
            header_row=loaded.header_row,
            headers=loaded.headers,
            mapping=loaded.mapping,
            mapping_source=loaded.mapping_source,
            decimal_comma=loaded.decimal_comma,
            fields=[FieldInfo(f.name, layout.describe(f.name), f.required) for f in layout.FIELDS],
            sample=[(cells + [""] * width)[:width] for _, cells in data],
            sample_rows=[number for number, _ in data],
            total_rows=loaded.data_rows,
            new_count=new,
            update_count=len(plan.rows) - new - len(plan.unchanged),
            unchanged_count=len(plan.unchanged),
            problems=loaded.problems + plan.problems,
            bad_rows=plan.bad_rows,
        )

    @guarded(Permission.EDIT_CATALOGUE, "import products")
    def run(
        self,
        path: Path,
        options: ImportOptions,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import the file in one transaction.

        Raises ValidationFailed listing every problem (unless good_rows_only),
        ImportCancelled when cancelled; in both cases nothing is written.
        progress(done, total) is called as rows are checked and written.
        """
        with _cycle_collector_paused():
            return self._run(Path(path), options, dry_run, progress, cancelled)

    def _run(
        self,
        path: Path,
        options: ImportOptions,
        dry_run: bool,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> ImportResult:
        loaded = self._load(path, options, progress, cancelled)
        if loaded.problems:
            raise ValidationFailed(loaded.problems, f"{path.name} cannot be imported; nothing was changed")
        with self.db.uow() as uow:
            conn = uow.session.connection()
            plan = self._plan(conn, loaded, progress, cancelled)
            if plan.problems and not options.good_rows_only:
                rows = len(plan.bad_rows)
                raise ValidationFailed(
                    plan.problems,
                    f"{path.name}: {len(plan.problems)} problem(s) in {rows} row(s); nothing was imported",
                )
            created = sum(1 for r in plan.rows if r.key not in plan.existing)
            table = loaded.table
            result = ImportResult(
                created,
                len(plan.rows) - created - len(plan.unchanged),
                plan.bad_rows,
                plan.problems,
                dry_run,
                table.encoding,
                table.delimiter,
                table.sheet,
                loaded.header_row,
                len(plan.unchanged),
            )
            if dry_run:
                return result
            try:
                self._write(conn, loaded, plan, progress, cancelled, reason=f"import {path.name}")
                self._remember_mapping(conn, loaded)
                uow.commit()
            except IntegrityError as exc:
                raise Conflict(
                    f"{path.name} clashes with products saved at the same time; nothing was imported. Try again."
                ) from exc
        return result

    # Reading the file ---------------------------------------------------------------
    def _load(
        self, path: Path, options: ImportOptions, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> _File:
        table = read_table(path, encoding=options.encoding, delimiter=options.delimiter, sheet=options.sheet)
        if not table.rows:
            raise ShopDeskError(f"{path.name} is empty.")
        header_row = options.header_row or find_header_row(table.rows, layout.is_known_heading) or _first_filled(table)
        if not 1 <= header_row <= len(table.rows):
            raise ShopDeskError(
                f"{path.name} has {len(table.rows)} rows; there is no row {header_row} to read headings from."
            )
        headers = [h.strip() for h in table.rows[header_row - 1]]
        mapping, source = self._mapping(headers, options)
        columns, problems = layout.resolve_columns(headers, mapping, header_row)
        if problems and table.encoding not in (None, "utf-8", "utf-8-sig", "gb18030", "utf-16"):
            problems.append(
                Problem(
                    f"row {header_row}",
                    f"if these headings look garbled, the encoding is not {table.encoding}; choose another",
                )
            )
        body = list(enumerate(table.rows[header_row:], start=header_row + 1))
        body = [(n, cells) for n, cells in body if cells]  # rows come with blank cells trimmed off the end
        if options.decimal_comma is None:
            money_columns = [columns[f] for f in ("price", "cost") if f in columns]
            texts = (cells[i] for _, cells in body for i in money_columns if i < len(cells))
            decimal_comma = detect_decimal_comma(texts)
        else:
            decimal_comma = options.decimal_comma
        reader = RowReader(headers, columns, exponent=self.shop.money.exponent, decimal_comma=decimal_comma)
        rows: list[FileRow] = []
        total = 2 * len(body)
        # Without the required columns every row would be wrong the same way: report the columns only.
        for done, (number, cells) in enumerate([] if problems else body):
            if done % _CHUNK == 0:
                _tick(progress, cancelled, done // 2, total)
            rows.append(reader.read(number, cells))
        mark_duplicates(rows, reader)
        return _File(table, header_row, headers, mapping, source, decimal_comma, reader, rows, len(body), problems)

    def _mapping(self, headers: list[str], options: ImportOptions) -> tuple[dict[str, str], str]:
        mapping, source = self._base_mapping(headers, options)
        if options.extra_mapping:
            mapping = {**mapping, **options.extra_mapping}
            source = "chosen"
        return {k: v for k, v in mapping.items() if v}, source

    def _base_mapping(self, headers: list[str], options: ImportOptions) -> tuple[dict[str, str], str]:
        if options.mapping is not None:
            return {k: v for k, v in options.mapping.items() if v}, "chosen"
        key = layout.layout_key(headers)
        with self.db.read() as conn:
            remembered = conn.execute(
                select(ImportProfile.mapping).where(
                    ImportProfile.kind == layout.PROFILE_KIND, ImportProfile.layout_key == key
                )
            ).scalar()
        if remembered:
            # The same layout may differ in case or full-width forms: map to this file's own headings.
            by_form = {layout.normalize_heading(h): h for h in reversed(headers) if h}
            mapping = {f: by_form.get(layout.normalize_heading(h), h) for f, h in remembered.items() if h}
            return mapping, "remembered"
        return layout.guess_mapping(headers), "guessed"

    # Checking against the shop ------------------------------------------------------
    def _plan(
        self, conn: Connection, loaded: _File, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> _Plan:
        rows = loaded.rows
        existing = _existing_products(conn, [r.key for r in rows if r.key])
        owners = _barcode_owners(conn, [c for r in rows for c in r.draft.barcodes])
        parent_ids = _ids_by_key(conn, [sku_key(r.draft.parent_sku) for r in rows if r.draft.parent_sku])
        total = 2 * len(rows)
        plan = plan_rows(
            rows,
            loaded.reader,
            {key: product.draft for key, product in existing.items()},
            owners,
            parent_ids,
            tick=lambda done: _tick(progress, cancelled, (len(rows) + done) // 2, total),
        )
        return _Plan(**vars(plan), existing=existing, parent_ids=parent_ids)

    # Writing ------------------------------------------------------------------------
    def _write(
        self,
        conn: Connection,
        loaded: _File,
        plan: _Plan,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        *,
        reason: str,
    ) -> None:
        # Progress: reading and checking was the first half; preparing rows (pinyin) and inserting the rest.
        rows, total = plan.changed_rows, 2 * len(loaded.rows)
        base = len(loaded.rows)
        category_ids = _category_ids(conn, {plan.drafts[r.row].category_path for r in rows if "category" in r.given})
        new_values: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []  # with a new search key
        kept_text: list[dict[str, Any]] = []  # the search key stays as it is
        search_keys = BulkSearchKeys()
        now = utcnow()  # one time for the whole import, instead of a column default called per row
        for done, row in enumerate(rows):
            if done % _CHUNK == 0:
                _tick(progress, cancelled, base + done * 3 // 4, total)
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
                _tick(progress, cancelled, base + (3 * len(rows) + chunk_start) // 4, total)
        ids = {key: p.id for key, p in plan.existing.items()}
        if last_before is not None:
            # The new rows are the ones past the last id before (one query, not one per 900 keys); another
            # writer's products committed meanwhile (PostgreSQL) have other SKUs and are left out.
            wanted = {v["sku_key"] for v in new_values}
            query = select(_PRODUCTS.c.sku_key, _PRODUCTS.c.id).where(_PRODUCTS.c.id > last_before)
            ids.update((key, id_) for key, id_ in conn.execute(query) if key in wanted)
            # A PostgreSQL sequence behind ids written by hand (a restored copy) can give lower ids.
            ids.update(_ids_by_key(conn, [key for key in wanted if key not in ids]))
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
        _tick(progress, cancelled, total, total)

    def _write_audit(self, conn: Connection, plan: _Plan, ids: dict[str, int], now: Any, reason: str) -> None:
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
                        "user": self.shop.user,
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

    def _write_barcodes(self, conn: Connection, plan: _Plan, ids: dict[str, int]) -> None:
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
        for chunk in _chunks(removed):
            conn.execute(_BARCODES.delete().where(_BARCODES.c.code.in_(chunk)))
        if added:
            conn.execute(insert(_BARCODES), added)

    def _write_parents(self, conn: Connection, plan: _Plan, ids: dict[str, int]) -> None:
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
        for chunk in _chunks(sorted(parents)):
            conn.execute(update(_PRODUCTS).where(_PRODUCTS.c.id.in_(chunk)).values(is_parent=True))

    def _remember_mapping(self, conn: Connection, loaded: _File) -> None:
        key = layout.layout_key(loaded.headers)
        table = _PROFILES
        found = conn.execute(
            select(table.c.id).where(table.c.kind == layout.PROFILE_KIND, table.c.layout_key == key)
        ).scalar()
        if found is None:
            conn.execute(
                insert(table).values(
                    kind=layout.PROFILE_KIND, layout_key=key, name=loaded.table.path.name[:100], mapping=loaded.mapping
                )
            )
        else:
            conn.execute(update(table).where(table.c.id == found).values(mapping=loaded.mapping))


# Helpers --------------------------------------------------------------------------


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
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a file is read, checked and written, on again after.

    An import makes a few objects per cell and keeps them all until it ends, so the collector's full
    passes walk an ever larger heap and find nothing (the rows hold no cycles): 10-20% of an import's
    CPU time at 20,000 rows (benchmarks/bench_import.py). Reference counting still frees everything
    as usual; only cycles wait for the collector's next pass, after the import.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


def _tick(progress: Progress | None, cancelled: Callable[[], bool] | None, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("Import cancelled; nothing was imported.")
    if progress is not None:
        progress(done, total)


def _first_filled(table: Table) -> int:
    return next(n for n, row in enumerate(table.rows, start=1) if any(c.strip() for c in row))


def _chunks(items: Sequence[Any], size: int = _KEYS_PER_QUERY) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_products(conn: Connection, keys: list[str]) -> dict[str, _Existing]:
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
    found: dict[str, _Existing] = {}
    for chunk in _chunks(sorted(set(keys))):
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
            found[key] = _Existing(id_, is_parent, draft, category_id, search_text)
    by_id = {e.id: e for e in found.values()}
    for chunk in _chunks(sorted(by_id)):
        barcodes = select(Barcode.product_id, Barcode.code).where(Barcode.product_id.in_(chunk))
        for product_id, code in conn.execute(barcodes.order_by(Barcode.id)):
            by_id[product_id].draft.barcodes.append(code)
    return found


def _barcode_owners(conn: Connection, codes: list[str]) -> dict[str, tuple[str, str]]:
    """code -> (sku_key, sku) of the product that has it now."""
    owners: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(sorted(set(codes))):
        query = (
            select(_BARCODES.c.code, _PRODUCTS.c.sku_key, _PRODUCTS.c.sku)
            .join(_PRODUCTS, _PRODUCTS.c.id == _BARCODES.c.product_id)
            .where(_BARCODES.c.code.in_(chunk))
        )
        owners.update({code: (key, sku) for code, key, sku in conn.execute(query)})
    return owners


def _ids_by_key(conn: Connection, keys: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        query = select(_PRODUCTS.c.sku_key, _PRODUCTS.c.id).where(_PRODUCTS.c.sku_key.in_(chunk))
        ids.update({key: id_ for key, id_ in conn.execute(query)})
    return ids


def _category_ids(conn: Connection, paths: set[str]) -> dict[str, int]:
    """Ids of category paths like '服装/上衣/T恤', creating missing levels one depth at a time."""
    levels: dict[str, str] = {}  # every path and sub-path -> its last part
    for path in filter(None, paths):
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            levels["/".join(parts[:depth])] = parts[depth - 1]
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(levels)):
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
    """The fields the audit trail keeps of a product, as services/catalogue.py records them."""
    return {
        "sku": draft.sku.strip(),
        "name": draft.name.strip(),
        "price": draft.price,
        "cost": draft.cost,
        "status": str(draft.status),
    }
