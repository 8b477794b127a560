"""Import products from CSV or XLSX: preview, validate everything, then write all of it or nothing.

Re-importing a SKU (any case) updates that product; empty cells and missing
columns leave an existing product as it is. The column mapping used is
remembered per file layout, so the shop's usual file maps itself next time.
Reading, mapping and checking the file are here; what the shop holds now is read in
product_import_lookups, and the checked rows are written by product_import_writing.
"""

from __future__ import annotations

import gc
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, update
from sqlalchemy import Table as SqlTable
from sqlalchemy.exc import IntegrityError

from shopdesk.db.models import ImportProfile
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import Conflict, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.imports import products as layout
from shopdesk.imports.product_plan import plan_rows
from shopdesk.imports.product_rows import FileRow, RowReader, detect_decimal_comma, mark_duplicates
from shopdesk.imports.tables import Table, find_header_row, read_table
from shopdesk.services.access import guarded
from shopdesk.services.product_import_lookups import ImportPlan, barcode_owners, existing_products, ids_by_key
from shopdesk.services.product_import_writing import ProductWriter

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

SAMPLE_ROWS = 20
_CHUNK = 500  # rows between progress reports
# Declarative models type __table__ as any FromClause; ours are each mapped to one Table.
_PROFILES = typing.cast(SqlTable, ImportProfile.__table__)


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
                writer = ProductWriter(self.shop.user, lambda done, total: _tick(progress, cancelled, done, total))
                writer.write(conn, plan, file_rows=len(loaded.rows), reason=f"import {path.name}")
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
    ) -> ImportPlan:
        rows = loaded.rows
        existing = existing_products(conn, [r.key for r in rows if r.key])
        owners = barcode_owners(conn, [c for r in rows for c in r.draft.barcodes])
        parent_ids = ids_by_key(conn, [sku_key(r.draft.parent_sku) for r in rows if r.draft.parent_sku])
        total = 2 * len(rows)
        plan = plan_rows(
            rows,
            loaded.reader,
            {key: product.draft for key, product in existing.items()},
            owners,
            parent_ids,
            tick=lambda done: _tick(progress, cancelled, (len(rows) + done) // 2, total),
        )
        return ImportPlan(**vars(plan), existing=existing, parent_ids=parent_ids)

    # Remembering the mapping --------------------------------------------------------
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


def _tick(progress: Progress | None, cancelled: Callable[[], bool] | None, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("Import cancelled; nothing was imported.")
    if progress is not None:
        progress(done, total)


def _first_filled(table: Table) -> int:
    return next(n for n, row in enumerate(table.rows, start=1) if any(c.strip() for c in row))
