"""Product files: which column is which (English and Chinese headings) and remembering layouts.

A layout is the list of a file's headings; the same headings in the next file
mean the same mapping, so a shop's usual export maps itself.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shopdesk.domain.errors import Problem
from shopdesk.imports.tables import column_letter

PROFILE_KIND = "products"


@dataclass(frozen=True)
class Field:
    """One thing a product file can say, with the headings that mean it."""

    name: str  # our field name, as in ProductDraft (category -> category_path)
    label: str  # English heading, written on export
    label_zh: str  # Chinese heading, written on export
    required: bool
    aliases: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field(
        "sku",
        "SKU",
        "货号",
        True,
        ("商家编码", "商品编码", "商品货号", "sku编码", "item code", "product code", "article number"),
    ),
    Field("name", "Name", "名称", True, ("商品名称", "品名", "商品标题", "product name", "title")),
    Field("alt_name", "English name", "英文名", False, ("英文名称", "second name", "alt name", "name (english)")),
    Field("price", "Price", "售价", False, ("价格", "零售价", "销售价", "一口价", "sale price", "retail price")),
    Field("cost", "Cost", "成本", False, ("进价", "采购价", "成本价", "cost price", "purchase price")),
    Field("barcodes", "Barcodes", "条码", False, ("barcode", "条形码", "国际条码", "商品条码", "ean", "upc", "gtin")),
    Field("category", "Category", "分类", False, ("类目", "商品分类", "category path")),
    Field("unit", "Unit", "单位", False, ("计量单位",)),
    Field("weight_g", "Weight (g)", "重量(g)", False, ("weight", "重量", "重量(克)", "weight g")),
    Field("status", "Status", "状态", False, ("上架状态", "商品状态", "listing status")),
    Field("tags", "Tags", "标签", False, ("tag",)),
    Field("parent_sku", "Parent SKU", "父SKU", False, ("款号", "style", "style code", "parent")),
    Field("variant_label", "Variant", "规格", False, ("规格型号", "销售属性", "specification", "options")),
    Field("description", "Description", "描述", False, ("商品描述", "详情", "商品详情")),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
REQUIRED = tuple(f.name for f in FIELDS if f.required)


def normalize_heading(text: str) -> str:
    """'  重量（g） ' and 'Weight (G)' compare as '重量(g)' and 'weight(g)'; '*货号' as '货号'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-*:：]+", "", text)


_ALIASES: dict[str, str] = {}
for _field in FIELDS:
    for _alias in (_field.name, _field.label, _field.label_zh, *_field.aliases):
        _ALIASES.setdefault(normalize_heading(_alias), _field.name)


def field_for_heading(heading: str) -> str | None:
    """Our field name for a heading the importer knows, else None."""
    return _ALIASES.get(normalize_heading(heading))


def is_known_heading(heading: str) -> bool:
    return normalize_heading(heading) in _ALIASES


def layout_key(headings: Sequence[str]) -> str:
    """The same headings (ignoring case, spaces and full-width forms) give the same key."""
    normalized = "\x1f".join(normalize_heading(h) for h in headings if h.strip())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def guess_mapping(headings: Sequence[str]) -> dict[str, str]:
    """Our field -> the file's heading, for every heading the importer recognises (first one wins)."""
    mapping: dict[str, str] = {}
    for heading in headings:
        name = field_for_heading(heading) if heading.strip() else None
        if name and name not in mapping:
            mapping[name] = heading
    return mapping


def resolve_columns(
    headings: Sequence[str], mapping: Mapping[str, str], header_row: int
) -> tuple[dict[str, int], list[Problem]]:
    """Column index of each mapped field; a problem for each required field without a column."""
    index: dict[str, int] = {}
    for position, heading in enumerate(headings):
        index.setdefault(heading, position)
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    where = f"row {header_row}"
    found = ", ".join(h for h in headings if h.strip())
    for name, heading in mapping.items():
        if not heading:
            continue
        if name not in FIELDS_BY_NAME:
            problems.append(Problem(where, f"unknown product field {name!r} in the column mapping", heading))
        elif heading not in index:
            problems.append(Problem(where, f"no column is headed {heading!r} (chosen for {describe(name)})", found))
        else:
            columns[name] = index[heading]
    for name in REQUIRED:
        if not mapping.get(name):
            problems.append(
                Problem(
                    where,
                    f"missing required column {describe(name)}: head a column {FIELDS_BY_NAME[name].label} "
                    f"or {FIELDS_BY_NAME[name].label_zh}, or choose it in the column mapping",
                    found,
                )
            )
    return columns, problems


def describe(name: str) -> str:
    """'Price (售价)': how a field is named to people."""
    field = FIELDS_BY_NAME[name]
    return f"{field.label} ({field.label_zh})"


def column_where(row: int, columns: Mapping[str, int], headings: Sequence[str], name: str) -> str:
    """'row 7, column D (售价)' - the cell a problem is in, as Excel shows it."""
    if name not in columns:
        return f"row {row}"
    position = columns[name]
    heading = headings[position] if position < len(headings) else ""
    return (
        f"row {row}, column {column_letter(position)} ({heading})"
        if heading
        else f"row {row}, column {column_letter(position)}"
    )
