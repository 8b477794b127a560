"""Export products to CSV or XLSX with the headings the importer reads, so a file round-trips.

CSV is UTF-8 with a BOM so Excel shows Chinese correctly. A text cell that a
spreadsheet would run as a formula (= + - @, tab, CR at the start) is written
as text: in CSV with a leading quote (the importer takes it off again), in
XLSX as a text cell with Excel's own quote prefix. SKUs and barcodes are text,
so leading zeros survive. The file appears complete or not at all: it is
written next to the target and renamed.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Barcode, Category, Product
from shopdesk.domain.catalogue import ListingStatus
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain, minor_to_decimal
from shopdesk.domain.permissions import Permission
from shopdesk.imports.products import FIELDS, Field
from shopdesk.imports.tables import FORMULA_STARTS

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
_PAGE = 2000
_STATUS_ZH = {ListingStatus.LISTED: "上架", ListingStatus.DELISTED: "下架", ListingStatus.DRAFT: "草稿"}
_MONEY = {"price", "cost"}


@dataclass
class ExportResult:
    path: Path
    format: str  # "csv" or "xlsx"
    count: int


class ProductExport:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def run(
        self,
        path: Path,
        *,
        include_archived: bool = False,
        language: str = "en",
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportResult:
        """Write every product (not archived ones unless asked) to a .csv or .xlsx file.

        language "en" or "zh" chooses the headings and status words; the importer reads both.
        A role without VIEW_COSTS gets the file without the cost column.
        """
        path = Path(path)
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise ShopDeskError(f"Cannot export to {path.name}: the file name must end in .csv or .xlsx.")
        if language not in ("en", "zh"):
            raise ShopDeskError(f"Unknown heading language {language!r}; use en or zh.")
        if not path.parent.is_dir():
            raise ShopDeskError(f"Cannot export to {path}: the folder {path.parent} does not exist.")
        fields = [f for f in FIELDS if f.name != "cost" or self.shop.can(Permission.VIEW_COSTS)]
        headings = [f.label_zh if language == "zh" else f.label for f in fields]
        with self.db.read() as conn:
            total = _count(conn, include_archived)
            rows = self._rows(conn, fields, include_archived, language, total, progress)
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            except OSError as exc:
                raise ShopDeskError(f"Cannot write in {path.parent}: {exc.strerror or exc}.") from exc
            os.close(fd)
            tmp = Path(tmp_name)
            try:
                writer = _write_csv if kind == "csv" else _write_xlsx
                count = writer(tmp, fields, headings, rows, self.shop.money.exponent)
                os.replace(tmp, path)
            except OSError as exc:
                raise ShopDeskError(
                    f"Cannot write {path}: {exc.strerror or exc}. If the file is open in Excel, close it and try again."
                ) from exc
            finally:
                tmp.unlink(missing_ok=True)
        return ExportResult(path, kind, count)

    def _rows(
        self,
        conn: Connection,
        fields: list[Field],
        include_archived: bool,
        language: str,
        total: int,
        progress: Callable[[int, int], None] | None,
    ) -> Iterator[list[Any]]:
        """Product rows in SKU order, a page at a time (money in minor units)."""
        parent = Product.__table__.alias("parent")
        query = (
            select(
                Product.id,
                Product.sku_key,
                Product.sku,
                Product.name,
                Product.alt_name,
                Product.price,
                Product.cost,
                func.coalesce(Category.path, "").label("category"),
                Product.unit,
                Product.weight_g,
                Product.status,
                Product.tags,
                func.coalesce(parent.c.sku, "").label("parent_sku"),
                Product.variant_label,
                Product.description,
            )
            .select_from(Product)
            .outerjoin(Category, Category.id == Product.category_id)
            .outerjoin(parent, parent.c.id == Product.parent_id)
            .order_by(Product.sku_key)
            .limit(_PAGE)
        )
        if not include_archived:
            query = query.where(Product.archived.is_(False))
        last, done = None, 0
        while True:
            page = conn.execute(query if last is None else query.where(Product.sku_key > last)).all()
            if not page:
                return
            codes: dict[int, list[str]] = {}
            ids = [p.id for p in page]
            for product_id, code in conn.execute(
                select(Barcode.product_id, Barcode.code).where(Barcode.product_id.in_(ids)).order_by(Barcode.id)
            ):
                codes.setdefault(product_id, []).append(code)
            for p in page:
                status = ListingStatus(p.status)
                values = {
                    "sku": p.sku,
                    "name": p.name,
                    "alt_name": p.alt_name,
                    "price": p.price,
                    "cost": p.cost,
                    "barcodes": ", ".join(codes.get(p.id, [])),
                    "category": p.category,
                    "unit": p.unit,
                    "weight_g": p.weight_g,
                    "status": _STATUS_ZH[status] if language == "zh" else str(status),
                    "tags": ", ".join(p.tags or []),
                    "parent_sku": p.parent_sku,
                    "variant_label": p.variant_label,
                    "description": p.description,
                }
                yield [values[f.name] for f in fields]
            done += len(page)
            last = page[-1].sku_key
            if progress is not None:
                progress(done, total)


def _count(conn: Connection, include_archived: bool) -> int:
    query = select(func.count()).select_from(Product)
    if not include_archived:
        query = query.where(Product.archived.is_(False))
    return int(conn.execute(query).scalar_one())


def protect(text: str) -> str:
    """'=1+2' -> "'=1+2": a spreadsheet opening the CSV shows the text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write_csv(target: Path, fields: list[Field], headings: list[str], rows: Iterator[list[Any]], exponent: int) -> int:
    money = [i for i, f in enumerate(fields) if f.name in _MONEY]
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(headings)
        for row in rows:
            for i in money:
                row[i] = format_plain(row[i], exponent)
            writer.writerow(["" if v is None else protect(v) if isinstance(v, str) else v for v in row])
            count += 1
    return count


def _write_xlsx(
    target: Path, fields: list[Field], headings: list[str], rows: Iterator[list[Any]], exponent: int
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Products")
    sheet.freeze_panes = "A2"
    sheet.append(headings)
    money_format = "0." + "0" * exponent if exponent else "0"
    money = {i: WriteOnlyCell(sheet) for i, f in enumerate(fields) if f.name in _MONEY}
    for cell in money.values():
        cell.number_format = money_format
    count = 0
    for row in rows:
        cells: list[Any] = []
        for i, value in enumerate(row):
            if value == "":
                value = None  # an empty cell, not an empty text: smaller and faster
            elif isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value.startswith(FORMULA_STARTS) or value in ERROR_CODES:
                    # A text cell, shown as typed; Excel's quote prefix keeps it text when edited.
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    cell.quotePrefix = value.startswith(FORMULA_STARTS)
                    value = cell
            elif i in money:
                # One styled cell per column, reused: append() writes the row out before the next one.
                cell = money[i]
                cell.value = minor_to_decimal(value, exponent)
                value = cell
            cells.append(value)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count
