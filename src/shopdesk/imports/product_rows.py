"""One row of a product file -> a ProductDraft, and every problem with the row and column it is in.

An empty cell, like a column the file does not have, says nothing: an
existing product keeps what it has, a new one gets the default. So a file with
only SKU, name and price columns updates prices and leaves the rest alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from shopdesk.domain.catalogue import ListingStatus, ProductDraft, check_text, sku_key, validate
from shopdesk.domain.errors import Problem
from shopdesk.domain.money import parse_amount
from shopdesk.imports.products import FIELDS_BY_NAME, column_where

_MISSING = object()
_LIST_SPLIT = re.compile(r"\s*[,;|，；、]\s*")
_BARCODE_SPLIT = re.compile(r"[\s,;|，；、]+")
_CATEGORY_SPLIT = re.compile(r"\s*[/>＞»›]\s*")
_EXCEL_ROUNDED = re.compile(r"^\d(?:[.,]\d+)?E\+\d+$", re.IGNORECASE)
_COMMA_DECIMAL = re.compile(r"^[-+]?[¥￥$€£]?\s*\d{1,3}(?:[.\s ]\d{3})*,\d{1,2}$")
_DOT_DECIMAL = re.compile(r"^[-+]?[¥￥$€£]?\s*\d{1,3}(?:[,\s ]\d{3})*\.\d{1,3}$|^[-+]?\d+\.\d+$")
# Grouped thousands as people write them: 1,234,567.89 (decimal point) or 1.234.567,89 (decimal comma).
_DOT_GROUPS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_COMMA_GROUPS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$")
_FOUND_LIMIT = 60
MAX_VARIANT = 100
MAX_CATEGORY_PATH = 400
# Prices, costs and weights are 32-bit integer columns (PostgreSQL INTEGER): 21,474,836.47 yuan at most.
MAX_STORED = 2**31 - 1

STATUS_WORDS = {
    "上架": ListingStatus.LISTED,
    "在售": ListingStatus.LISTED,
    "出售中": ListingStatus.LISTED,
    "listed": ListingStatus.LISTED,
    "on sale": ListingStatus.LISTED,
    "active": ListingStatus.LISTED,
    "下架": ListingStatus.DELISTED,
    "已下架": ListingStatus.DELISTED,
    "仓库中": ListingStatus.DELISTED,
    "delisted": ListingStatus.DELISTED,
    "inactive": ListingStatus.DELISTED,
    "草稿": ListingStatus.DRAFT,
    "draft": ListingStatus.DRAFT,
}
UNIT_WORDS = {
    **{w: "piece" for w in ("件", "个", "只", "台", "支", "把", "本", "张", "条", "根", "块", "瓶", "包", "袋")},
    **{w: "piece" for w in ("pc", "pcs", "piece", "pieces", "each", "ea", "unit")},
    "克": "g",
    "千克": "kg",
    "公斤": "kg",
    "毫升": "ml",
    "升": "l",
    "米": "m",
    "双": "pair",
    "对": "pair",
    "pairs": "pair",
    "套": "set",
    "sets": "set",
    "盒": "box",
    "箱": "box",
    "boxes": "box",
}
# Problems from domain.catalogue.validate name our fields; these show the file's text as found.
_SHOW_CELL = {"price", "cost", "weight_g", "status", "unit"}


@dataclass
class FileRow:
    """A data row of the file, read: what it says, which fields it gave, and what is wrong with it."""

    row: int  # as the spreadsheet numbers it
    draft: ProductDraft
    given: frozenset[str]
    cells: dict[str, str] = field(default_factory=dict)  # field -> the cell's text
    problems: list[Problem] = field(default_factory=list)
    key: str = ""  # sku_key of the SKU

    def __post_init__(self) -> None:
        self.key = sku_key(self.draft.sku)


class RowReader:
    """Reads data rows with one column mapping and one number format."""

    def __init__(
        self, headings: Sequence[str], columns: Mapping[str, int], *, exponent: int = 2, decimal_comma: bool = False
    ):
        self.headings = list(headings)
        self.columns = dict(columns)
        self.exponent = exponent
        self.decimal_comma = decimal_comma
        converters: dict[str, Callable[[str], object]] = {
            "sku": _code,
            "parent_sku": _code,
            "name": str.strip,
            "alt_name": str.strip,
            "variant_label": _variant,
            "price": lambda text: self._money("price", text),
            "cost": lambda text: self._money("cost", text),
            "barcodes": _barcodes,
            "category": _category,
            "unit": _unit,
            "weight_g": self._grams,
            "status": _status,
            "tags": _tags,
            "description": str,  # kept exactly, line breaks and all
        }
        # Most columns repeat their values down the file (categories, prices, units...): each
        # distinct text is converted once. SKUs, names and barcodes are mostly unique.
        unique = {"sku", "name", "barcodes", "description"}
        self._plan = [
            (name, position, converters[name], None if name in unique else {})
            for name, position in sorted(columns.items(), key=lambda c: c[1])
        ]
        point = "," if decimal_comma else "."
        # Most prices are plain "59.00": read those directly, the rest through parse_amount.
        self._plain_money = (
            re.compile(rf"^(\d{{1,12}})(?:{re.escape(point)}(\d{{1,{exponent}}}))?$") if exponent else None
        )

    def where(self, row: int, name: str) -> str:
        return column_where(row, self.columns, self.headings, name)

    def read(self, row: int, cells: Sequence[str]) -> FileRow:
        values: dict[str, object] = {}
        texts: dict[str, str] = {}
        problems: list[Problem] = []
        width = len(cells)
        for name, position, convert, cache in self._plan:
            if position >= width:
                continue
            text = cells[position]
            if not text or text.isspace():
                continue
            texts[name] = text
            value = _MISSING if cache is None else cache.get(text, _MISSING)
            if value is _MISSING:
                try:
                    value = convert(text)
                except ValueError as exc:
                    problems.append(Problem(self.where(row, name), str(exc), _shown(text)))
                    continue
                if cache is not None:
                    cache[text] = value
            elif value.__class__ is list:
                value = list(value)  # no two drafts share one list
            values[name] = value
        if "category" in values:
            values["category_path"] = values.pop("category")
        draft = ProductDraft(sku=str(values.pop("sku", "")), name=str(values.pop("name", "")), **values)  # type: ignore[arg-type]
        return FileRow(row, draft, frozenset(texts), texts, problems)

    def _money(self, name: str, text: str) -> int:
        plain = self._plain_money.match(text) if self._plain_money else None
        if plain:
            whole, fraction = plain.groups()
            amount = int(whole) * 10**self.exponent + int((fraction or "").ljust(self.exponent, "0"))
        else:
            self._check_grouping(name, text)
            try:
                amount = parse_amount(text, self.exponent, decimal_comma=self.decimal_comma)
            except ValueError as exc:
                raise ValueError(f"{FIELDS_BY_NAME[name].label} {exc}") from exc
        if amount > MAX_STORED:
            raise ValueError(f"{FIELDS_BY_NAME[name].label} is larger than ShopDesk can store")
        return amount

    def _check_grouping(self, name: str, text: str) -> None:
        """12,50 read with a decimal point would silently become 1250.00: refuse what is not 1,234,567."""
        core = re.sub(r"[^\d,.+-]", "", text)
        separator, pattern = (".", _COMMA_GROUPS) if self.decimal_comma else (",", _DOT_GROUPS)
        if separator in core and not pattern.match(core):
            point = "decimal comma" if not self.decimal_comma else "decimal point"
            raise ValueError(
                f"{FIELDS_BY_NAME[name].label} is ambiguous: the {separator!r} is not a thousands separator here; "
                f"is it a {point}? Write all prices the same way, or choose how decimals are written"
            )

    def _grams(self, text: str) -> int:
        if text.isdigit() and len(text) < 10:
            return int(text)
        cleaned = text.strip().casefold().replace(" ", "")
        factor = 1
        for suffix, multiplier in (("kg", 1000), ("千克", 1000), ("公斤", 1000), ("g", 1), ("克", 1)):
            if cleaned.endswith(suffix):
                cleaned, factor = cleaned[: -len(suffix)], multiplier
                break
        if self.decimal_comma:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        try:
            grams = Decimal(cleaned) * factor
        except InvalidOperation as exc:
            raise ValueError("weight is not a number of grams") from exc
        if not grams.is_finite():
            raise ValueError("weight is not a number of grams")
        if grams != grams.to_integral_value():
            raise ValueError("weight must be whole grams")
        if grams > MAX_STORED:
            raise ValueError("weight is unrealistically large")
        return int(grams)

    def sort_problems(self, row: FileRow) -> None:
        """A row's problems from left to right, as the person reads the row."""
        position = {self.where(row.row, name): index for name, index in self.columns.items()}
        row.problems.sort(key=lambda p: position.get(p.where, -1))

    def check(self, row: FileRow, draft: ProductDraft) -> list[Problem]:
        """domain.catalogue.validate on what the product will be, each problem placed in its cell."""
        problems: list[Problem] = []
        found_problems = validate(draft)
        if not found_problems:
            return problems
        already = {p.where for p in row.problems}
        for problem in found_problems:
            where = self.where(row.row, problem.where)
            if where in already:
                continue  # the cell was already reported as unreadable
            found = row.cells.get(problem.where) if problem.where in _SHOW_CELL else problem.found
            problems.append(Problem(where, problem.message, None if found is None else _shown(found)))
        return problems


def _variant(text: str) -> str:
    # The domain does not check variant labels; the database column holds 100 characters.
    message = check_text("Variant", text.strip(), MAX_VARIANT)
    if message:
        raise ValueError(message)
    return text.strip()


def _barcodes(text: str) -> list[str]:
    return list(dict.fromkeys(_code(code) for code in _BARCODE_SPLIT.split(text.strip()) if code))


def _category(text: str) -> str:
    path = "/".join(part for part in _CATEGORY_SPLIT.split(text.strip()) if part)
    if len(path) > MAX_CATEGORY_PATH:
        raise ValueError(f"category path is longer than {MAX_CATEGORY_PATH} characters ({len(path)})")
    return path


def _unit(text: str) -> str:
    word = text.strip().casefold()
    return UNIT_WORDS.get(word, word)


def _status(text: str) -> ListingStatus:
    status = STATUS_WORDS.get(text.strip().casefold())
    if status is None:
        raise ValueError("status must be 上架 (listed), 下架 (delisted) or 草稿 (draft)")
    return status


def _tags(text: str) -> list[str]:
    return list(dict.fromkeys(tag for tag in _LIST_SPLIT.split(text.strip()) if tag))


def _code(text: str) -> str:
    code = text.strip()
    if "+" in code and _EXCEL_ROUNDED.match(code):
        raise ValueError(
            "Excel turned this code into a rounded number; format the column as Text and type the codes again"
        )
    return code


def _shown(text: str) -> str:
    return text if len(text) <= _FOUND_LIMIT else text[: _FOUND_LIMIT - 1] + "…"


def merged(row: FileRow, existing: ProductDraft | None) -> ProductDraft:
    """What the product will be: the file's values over the existing product's (or the defaults)."""
    if existing is None:
        return row.draft
    changes = {}
    # The SKU matched without regard to case; the product keeps the spelling it has.
    for name in row.given - {"sku"}:
        attribute = "category_path" if name == "category" else name
        changes[attribute] = getattr(row.draft, attribute)
    return replace(existing, **changes)


def detect_decimal_comma(texts: Iterable[str]) -> bool:
    """True when the prices are written 12,50 (and none 12.50); 1,234 alone is read as thousands."""
    comma = False
    for text in texts:
        if "," not in text:
            if "." in text and _DOT_DECIMAL.match(text.strip()):
                return False  # one 12.50 settles it
            continue
        text = text.strip()
        if _COMMA_DECIMAL.match(text):
            comma = True
        elif _DOT_DECIMAL.match(text):
            return False
    return comma


def mark_duplicates(rows: Sequence[FileRow], reader: RowReader) -> None:
    """The same SKU (any case) or barcode on two rows is a problem on every one of those rows."""
    first_sku: dict[str, FileRow] = {}
    first_code: dict[str, FileRow] = {}
    sku_groups: dict[str, list[FileRow]] = {}
    code_groups: dict[str, list[FileRow]] = {}
    for row in rows:
        if row.key:
            other = first_sku.setdefault(row.key, row)
            if other is not row:
                sku_groups.setdefault(row.key, [other]).append(row)
        for code in row.draft.barcodes:
            other = first_code.setdefault(code, row)
            if other is not row:
                code_groups.setdefault(code, [other]).append(row)
    for group in sku_groups.values():
        numbers = ", ".join(str(r.row) for r in group)
        for row in group:
            where = reader.where(row.row, "sku")
            row.problems.append(
                Problem(where, f"SKU appears more than once in this file (rows {numbers})", row.draft.sku)
            )
    for code, group in code_groups.items():
        numbers = ", ".join(str(r.row) for r in group)
        for row in group:
            where = reader.where(row.row, "barcodes")
            row.problems.append(Problem(where, f"barcode is on more than one row of this file (rows {numbers})", code))
