"""Read a CSV or XLSX file into rows of text, the way a person sees it in Excel.

Everything comes back as strings: numbers stored as text stay text, and SKUs
or barcodes with leading zeros keep them. An XLSX number like 6901234567892.0
becomes "6901234567892", never "6.90123E+12". Row numbers are the ones a
spreadsheet shows (a quoted CSV cell spanning two lines is still one row).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from shopdesk.domain.errors import ShopDeskError

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# A cell a spreadsheet would run as a formula is written with a leading quote
# (see services/product_export.py); reading takes that quote off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ZERO_PADDED = re.compile(r"^0+$")
_SNIFF_CHARS = 64 * 1024
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_OTHER_CJK = {"cp949", "euc_kr", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "johab"}


class UnreadableFile(ShopDeskError):
    """The file cannot be read as a table: missing, binary, damaged or in an unknown encoding."""


@dataclass
class Table:
    """A sheet as text: rows[0] is spreadsheet row 1; trailing empty cells are dropped."""

    path: Path
    kind: str  # "csv" or "xlsx"
    rows: list[list[str]]
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only
    sheet_names: list[str] = field(default_factory=list)


def read_table(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
) -> Table:
    """Read a CSV (any of , ; tab) or the named/first sheet of an XLSX file.

    Raises UnreadableFile with a message for the shop owner when the file
    cannot be read; encoding and delimiter are detected unless given.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError as exc:
        raise UnreadableFile(f"{path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile(f"{path} is a folder, not a file.") from exc
    except OSError as exc:
        raise UnreadableFile(f"Cannot open {path}: {exc.strerror or exc}.") from exc
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        return _read_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise UnreadableFile(
            f"{path.name} is an old Excel 97-2003 workbook (.xls). Open it in Excel or WPS and "
            "save it as .xlsx or CSV, then import that file."
        )
    return _read_csv(path, encoding, delimiter)


# CSV ---------------------------------------------------------------------------------


def _read_csv(path: Path, encoding: str | None, delimiter: str | None) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if encoding:
        encoding = _known_codec(encoding)
    elif b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(f"{path.name} is not a CSV or Excel file (it holds binary data).")
    else:
        encoding = detect_encoding(data)
        if encoding is None:
            raise UnreadableFile(
                f"Cannot tell which encoding {path.name} uses. Choose one (UTF-8 or GB18030 for Chinese Excel files)."
            )
    text = _decode(path, data, encoding)
    lines_to_skip = 0
    first_line = text[:12].split("\n", 1)[0].strip()
    if first_line.lower().startswith("sep=") and len(first_line) == 5:
        # Excel's own "sep=;" hint line names the delimiter and is not data.
        delimiter = delimiter or first_line[4]
        lines_to_skip = 1
    delimiter = delimiter or guess_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [_trim(row) for row in reader]
    except csv.Error as exc:
        raise UnreadableFile(f"{path.name} is not a valid CSV file (row {reader.line_num}: {exc}).") from exc
    rows = rows[lines_to_skip:]
    if "'" in text:
        rows = [[_unprotect(cell) for cell in row] for row in rows]
    return Table(path, "csv", _drop_trailing_empty(rows), encoding=encoding, delimiter=delimiter)


def _known_codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise UnreadableFile(f"Unknown encoding {name!r}; try utf-8, utf-8-sig or gb18030.") from exc


def detect_encoding(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 for Chinese Excel, else a best guess."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text" export
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_chinese_gb(data):
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    # Short Chinese files are often guessed as Korean or Japanese; GB18030 covers GBK and GB2312.
    if name.replace("-", "_") in _GB_FAMILY | _OTHER_CJK and _decodes(data, "gb18030"):
        return "gb18030"
    return name


def _looks_chinese_gb(data: bytes) -> bool:
    """Decodes as GB18030 and most non-ASCII characters are common Chinese characters or punctuation."""
    sample = data[: 256 * 1024]
    cut = sample.rfind(b"\n")
    sample = sample[: cut + 1] if cut > 0 else sample
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return False
    han = sum(
        1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return han >= 0.8 * len(wide)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _decode(path: Path, data: bytes, encoding: str) -> str:
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = detect_encoding(data)
        hint = f" It looks like {encoding_label(guess)}; choose that encoding." if guess and guess != encoding else ""
        raise UnreadableFile(
            f"{path.name} is not {encoding_label(encoding)} text: unreadable bytes at line {line}.{hint}"
        ) from exc


def encoding_label(encoding: str | None) -> str:
    """How an encoding is named to people: 'UTF-8 with BOM', 'GB18030 (GBK)'."""
    labels = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "gb18030": "GB18030 (GBK)", "utf-16": "UTF-16"}
    if encoding is None:
        return "unknown"
    return labels.get(encoding, encoding.upper())


def guess_delimiter(text: str) -> str:
    """The one of , ; tab that splits the most lines into the same number (> 1) of cells."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        if candidate not in sample:
            continue
        try:
            counts = Counter(len(_trim(row)) for row in csv.reader(io.StringIO(sample), delimiter=candidate) if row)
        except csv.Error:
            continue
        widths = [(n_lines, width) for width, n_lines in counts.items() if width > 1]
        score = max(widths, default=(0, 0))
        if score > best_score:
            best, best_score = candidate, score
    return best


# XLSX --------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(
            f"{path.name} is not a readable Excel (.xlsx) file: it is damaged or another format."
        ) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise UnreadableFile(f"{path.name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}.")
        worksheet = workbook[sheet or names[0]]
        rows = [_trim([_cell_text(cell) for cell in row]) for row in worksheet.iter_rows()]
    finally:
        workbook.close()
    rows = [[_unprotect(cell) for cell in row] for row in rows]
    return Table(path, "xlsx", _drop_trailing_empty(rows), sheet=sheet or names[0], sheet_names=names)


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        text = number_text(value)
        # A number shown with a "00000" format is how Excel users keep leading zeros.
        fmt = getattr(cell, "number_format", "") or ""
        if _ZERO_PADDED.match(fmt) and text.isdigit():
            text = text.zfill(len(fmt))
        return text
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def number_text(value: int | float | Decimal) -> str:
    """A spreadsheet number as people type it: 6901234567892.0 -> '6901234567892', 19.9 -> '19.9'."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = format(Decimal(repr(value)) if isinstance(value, float) else value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Shared ------------------------------------------------------------------------------


def _trim(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end] if end != len(row) else row


def _drop_trailing_empty(rows: list[list[str]]) -> list[list[str]]:
    end = len(rows)
    while end and not rows[end - 1]:
        end -= 1
    return rows[:end]


def _unprotect(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def find_header_row(rows: Iterable[list[str]], is_heading: Callable[[str], bool], *, scan: int = 30) -> int | None:
    """1-based number of the first row with at least two known headings (title rows above are skipped)."""
    for number, row in enumerate(rows, start=1):
        if number > scan:
            break
        if sum(1 for cell in row if cell.strip() and is_heading(cell)) >= 2:
            return number
    return None


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA', as a spreadsheet labels columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
