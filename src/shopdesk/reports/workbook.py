"""Excel workbooks an accountant can trust: typed cells, the shop's money format, text that stays text.

A ReportBook wraps an openpyxl workbook in write-only mode (DESIGN.md: big
sheets never in the normal mode; lxml makes it faster), and a SheetWriter
writes one sheet of it row by row:
- numbers are numbers, money is a number in the shop currency's format
  (integer minor units in, an exact Decimal out: never a float on our side),
  dates are dates in the shop computer's local time (Excel keeps no zone);
- the header row is bold and frozen, the data rows have an autofilter, the
  columns sensible widths, and an optional totals row sums the columns marked
  `total` with SUM formulas — the only formulas we write;
- text that a spreadsheet would run (starting with = + - @, a tab or a return)
  is written as a text cell with Excel's quote prefix, and characters XML
  cannot hold are dropped;
- every sheet prints on A4 landscape, one page wide, the header repeated.

`save_atomically` writes next to the target and renames at the end, so the
file appears complete or not at all (a cancelled or failed report leaves
nothing behind).
"""

from __future__ import annotations

import contextlib
import enum
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from shopdesk.domain.errors import ShopDeskError
from shopdesk.files import atomic_output

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
MAX_SHEET_TITLE = 31  # Excel's limit; longer titles make it "repair" the file
PAPER_A4 = "9"  # the paper size code of A4 in SpreadsheetML


class Kind(enum.Enum):
    """What a column holds, and so how its cells are typed and formatted."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # integer minor units in
    DATE = "date"
    DATETIME = "datetime"
    PERCENT = "percent"  # a Decimal fraction in (0.25 is 25%)
    DECIMAL = "decimal"  # a Decimal shown with two decimals (turnover, days, average units)


_WIDTHS = {
    Kind.TEXT: 18,
    Kind.INTEGER: 10,
    Kind.MONEY: 15,
    Kind.DATE: 12,
    Kind.DATETIME: 17,
    Kind.PERCENT: 10,
    Kind.DECIMAL: 11,
}


@dataclass(frozen=True)
class Col:
    """One column: its title (already in the report's language), what it holds, and whether it is totalled."""

    title: str
    kind: Kind = Kind.TEXT
    width: float | None = None
    total: bool = False
    note: str = ""  # what the column counts, as a comment on its header cell (shown when pointed at)


class ReportCancelled(ShopDeskError):
    """The person stopped the report; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The report was cancelled; no file was written.")


def money_format(symbol: str, exponent: int) -> str:
    """The number format of the shop's money: "¥"#,##0.00 (negative amounts with a minus sign)."""
    digits = "#,##0" + ("." + "0" * exponent if exponent else "")
    quoted = '"' + symbol.replace('"', "") + '"' if symbol else ""
    return f"{quoted}{digits};-{quoted}{digits}"


def safe_text(value: str) -> str:
    """The text without the control characters an .xlsx cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class ReportBook:
    """A write-only workbook for one report, in the shop's currency."""

    def __init__(self, *, money_symbol: str, exponent: int):
        self.workbook = Workbook(write_only=True)
        self.exponent = exponent
        self.money_format = money_format(money_symbol, exponent)
        self._titles: set[str] = set()

    def sheet(self, title: str, columns: Sequence[Col], *, autofilter: bool = True) -> SheetWriter:
        """A new sheet whose first row is the columns' header, frozen; `autofilter` over the data rows."""
        title = _sheet_title(title, self._titles)
        self._titles.add(title.casefold())
        return SheetWriter(self, self.workbook.create_sheet(title), columns, autofilter=autofilter)

    def to_money(self, minor: int | None) -> Decimal | None:
        return None if minor is None else Decimal(minor).scaleb(-self.exponent)


def _sheet_title(title: str, taken: set[str]) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in safe_text(title)).strip().strip("'") or "Sheet"
    cleaned = cleaned[:MAX_SHEET_TITLE]
    candidate, n = cleaned, 2
    while candidate.casefold() in taken:  # Excel refuses two sheets whose names differ only by case
        suffix = f" ({n})"
        candidate, n = cleaned[: MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
    return candidate


class SheetWriter:
    """Writes one sheet row by row; `close()` (or `totals()`) finishes the autofilter and print setup."""

    def __init__(self, book: ReportBook, sheet: Any, columns: Sequence[Col], *, autofilter: bool):
        self.book = book
        self.sheet = sheet
        self.columns = list(columns)
        self.autofilter = autofilter
        self.data_rows = 0  # rows below the header
        self.rows_written = 0
        self._closed = False
        # One style per kind of cell, shared by every cell of that kind: a style set cell by cell
        # costs openpyxl a lookup each time (benchmarks/bench_reports.py).
        self._styles: dict[tuple[str | None, bool], Any] = {}
        formats = {
            Kind.MONEY: book.money_format,
            Kind.DATE: DATE_FORMAT,
            Kind.DATETIME: DATETIME_FORMAT,
            Kind.PERCENT: PERCENT_FORMAT,
            Kind.DECIMAL: DECIMAL_FORMAT,
            Kind.INTEGER: INTEGER_FORMAT,
        }
        self._formats = [formats.get(c.kind) for c in self.columns]
        self._convert = [self._converter(c.kind) for c in self.columns]
        for n, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = column.width or _WIDTHS[column.kind]
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = PAPER_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.oddHeader.center.text = "&A"
        sheet.oddFooter.center.text = "&P / &N"
        self._append([self._header(c) for c in self.columns])

    # Cells -----------------------------------------------------------------------------
    def _style(self, number_format: str | None, bold: bool) -> Any:
        key = (number_format, bold)
        style = self._styles.get(key)
        if style is None:
            template = WriteOnlyCell(self.sheet)
            if number_format:
                template.number_format = number_format
            if bold:
                template.font = Font(bold=True)
            style = self._styles[key] = template._style
        return style

    def _header(self, column: Col) -> Any:
        cell = self._cell(column.title, None, bold=True)
        if column.note:
            comment = Comment(safe_text(column.note), "ShopDesk")
            comment.width, comment.height = 300, 150
            cell.comment = comment
        return cell

    def _cell(self, value: Any, number_format: str | None, *, bold: bool = False) -> Any:
        if isinstance(value, str):
            return self._text(value, bold=bold)
        cell = WriteOnlyCell(self.sheet, value=value)
        if number_format or bold:
            cell._style = self._style(number_format, bold)  # shared, never changed afterwards
        return cell

    def _text(self, value: str, *, bold: bool = False) -> Any:
        value = safe_text(value)
        if not value.startswith(FORMULA_STARTS) and not bold:
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # text, shown as typed; never run
            cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        return cell

    def _converter(self, kind: Kind) -> Callable[[Any], Any]:
        if kind is Kind.MONEY:
            return self.book.to_money
        if kind is Kind.DATE:
            return _local_date
        if kind is Kind.DATETIME:
            return _local_datetime
        return _same

    # Rows ------------------------------------------------------------------------------
    def _append(self, cells: list[Any]) -> None:
        self.sheet.append(cells)
        self.rows_written += 1

    def row(self, values: Sequence[Any]) -> None:
        """One data row, values in column order (money as integer minor units)."""
        cells: list[Any] = []
        for value, convert, number_format in zip(values, self._convert, self._formats, strict=True):
            if value is None:
                cells.append(None)
            elif isinstance(value, str):
                cells.append(self._text(value) if value[:1] in _RISKY or not value.isprintable() else value)
            else:
                value = convert(value)
                if number_format is None:
                    cells.append(value)
                else:
                    cell = WriteOnlyCell(self.sheet, value=value)
                    cell._style = self._style(number_format, False)
                    cells.append(cell)
        self._append(cells)
        self.data_rows += 1

    def rows(self, rows: Iterable[Sequence[Any]], tick: Callable[[], None] | None = None) -> None:
        """Many data rows; `tick()` is called every 1,000 rows (progress and cancel)."""
        for n, values in enumerate(rows, start=1):
            self.row(values)
            if tick is not None and n % 1000 == 0:
                tick()

    def blank(self) -> None:
        self._append([])

    def labelled(self, label: str, values: Sequence[Any], kinds: Sequence[Kind], *, bold: bool = False) -> None:
        """A free row (a figure of a summary page): a label, then values each typed by its own kind.

        Not a data row: it neither counts for the autofilter nor for a totals row.
        """
        formats = {
            Kind.MONEY: self.book.money_format,
            Kind.PERCENT: PERCENT_FORMAT,
            Kind.DECIMAL: DECIMAL_FORMAT,
            Kind.DATE: DATE_FORMAT,
            Kind.DATETIME: DATETIME_FORMAT,
            Kind.INTEGER: INTEGER_FORMAT,
        }
        cells: list[Any] = [self._text(label, bold=bold)]
        for value, kind in zip(values, kinds, strict=True):
            if value is None:
                cells.append(None)
                continue
            converted = self._converter(kind)(value)
            cells.append(self._cell(converted, formats.get(kind), bold=bold))
        self._append(cells)

    def totals(self, label: str) -> None:
        """A bold totals row of SUM formulas under the data rows (empty sheets get no totals row)."""
        if self.data_rows:
            first, last = 2, 1 + self.data_rows
            cells: list[Any] = []
            for n, (column, number_format) in enumerate(zip(self.columns, self._formats, strict=True), start=1):
                if n == 1:
                    cells.append(self._text(label, bold=True))
                elif column.total:
                    letter = get_column_letter(n)
                    cell = WriteOnlyCell(self.sheet, value=f"=SUM({letter}{first}:{letter}{last})")
                    cell._style = self._style(number_format, True)
                    cells.append(cell)
                else:
                    cells.append(None)
            self._append(cells)
        self.close()

    def close(self) -> None:
        """Filter over the header and the data rows (not the totals row)."""
        if self._closed:
            return
        self._closed = True
        if self.autofilter:
            last = get_column_letter(len(self.columns))
            self.sheet.auto_filter.ref = f"A1:{last}{1 + self.data_rows}"


_RISKY = frozenset(FORMULA_STARTS)


def _same(value: Any) -> Any:
    return value


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return value.astimezone().date() if value.tzinfo else value.date()
    return value


def _local_datetime(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def check_target(target: Path) -> Path:
    """The workbook's path, refused with a clear message when it cannot be written (before any work)."""
    target = Path(target).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise ShopDeskError(f"A report is an Excel workbook: name the file .xlsx (found {target.name})")
    if target.is_dir():
        raise ShopDeskError(f"{target} is a folder; name the workbook file inside it")
    folder = target.parent
    if not folder.is_dir():
        raise ShopDeskError(f"The folder {folder} does not exist; choose another place for the workbook")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ShopDeskError(f"Cannot write in the folder {folder} (permission denied); choose another place")
    if target.exists() and not os.access(target, os.W_OK):
        raise ShopDeskError(f"{target} exists and cannot be replaced (read-only or open in another program)")
    return target


def save_atomically(book: ReportBook, target: Path, cancelled: Callable[[], bool] | None = None) -> Path:
    """Save the workbook in the app's staging folder, then move it into place (shopdesk.files):
    a crash, a cancel or a full disk never leaves half a workbook next to the user's files."""
    target = check_target(target)
    with atomic_output(target) as staged:
        book.workbook.save(staged)
        if cancelled is not None and cancelled():
            raise ReportCancelled
    return target


def discard(book: ReportBook) -> None:
    """Close a workbook that will not be saved, removing the temporary files of its sheets."""
    for sheet in book.workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):  # a half-written sheet may refuse to close; its file goes anyway
            sheet.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            Path(out).unlink(missing_ok=True)
