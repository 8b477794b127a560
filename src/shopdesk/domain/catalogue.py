"""Catalogue rules: what a valid product record is (商品管理)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from shopdesk.domain import barcodes as bc
from shopdesk.domain.errors import Problem

MAX_SKU = 64
MAX_NAME = 200
MAX_DESCRIPTION = 20_000
MAX_PRICE = 2**31 - 1  # minor units: what a 32-bit INTEGER column holds on every database (21,474,836.47)
_SKU_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-+#]*$")
# Bidi overrides and isolates can make a name display as something else.
_SPOOFING_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab and newline are allowed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ListingStatus(enum.StrEnum):
    DRAFT = "draft"
    LISTED = "listed"  # 上架
    DELISTED = "delisted"  # 下架


UNITS = ("piece", "g", "kg", "ml", "l", "m", "pair", "set", "box")


@dataclass
class ProductDraft:
    """What a person (or an import row) says a product should be."""

    sku: str
    name: str
    price: int = 0
    cost: int = 0
    alt_name: str = ""
    description: str = ""
    category_path: str = ""  # "服装/上衣/T恤"
    unit: str = "piece"
    weight_g: int | None = None
    status: ListingStatus = ListingStatus.DRAFT
    barcodes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    parent_sku: str = ""
    variant_label: str = ""  # "红色 / M"


def sku_key(sku: str) -> str:
    """SKUs are unique without regard to case: 'ab-1' and 'AB-1' are one product."""
    return sku.strip().upper()


def check_sku(sku: str) -> str | None:
    sku = sku.strip()
    if not sku:
        return "SKU is required"
    if len(sku) > MAX_SKU:
        return f"SKU is longer than {MAX_SKU} characters ({len(sku)})"
    if not _SKU_CHARS.match(sku):
        return "SKU may only contain letters A-Z, digits and . _ / - + #, and must start with a letter or digit"
    return None


def check_text(label: str, text: str, limit: int, *, required: bool = False) -> str | None:
    if required and not text.strip():
        return f"{label} is required"
    if len(text) > limit:
        return f"{label} is longer than {limit} characters ({len(text)})"
    if text.isprintable():  # the usual case: no control or format characters at all
        return None
    if _SPOOFING_CHARS.search(text):
        return f"{label} contains invisible text-direction control characters"
    if _CONTROL_CHARS.search(text):
        return f"{label} contains control characters"
    return None


def check_amount(label: str, minor: int) -> str | None:
    if minor < 0:
        return f"{label} cannot be negative"
    if minor > MAX_PRICE:
        return f"{label} is unrealistically large"
    return None


def validate(draft: ProductDraft) -> list[Problem]:
    """Every problem of the draft, keyed by field name."""
    problems: list[Problem] = []

    def add(where: str, message: str | None, found: object = None) -> None:
        if message:
            problems.append(Problem(where, message, None if found is None else str(found)))

    add("sku", check_sku(draft.sku), draft.sku)
    add("name", check_text("Name", draft.name, MAX_NAME, required=True), draft.name[:40])
    add("alt_name", check_text("Second name", draft.alt_name, MAX_NAME), draft.alt_name[:40])
    add("description", check_text("Description", draft.description, MAX_DESCRIPTION))
    add("price", check_amount("Price", draft.price), draft.price)
    add("cost", check_amount("Cost", draft.cost), draft.cost)
    if draft.unit not in UNITS:
        add("unit", f"unit must be one of {', '.join(UNITS)}", draft.unit)
    if draft.weight_g is not None and draft.weight_g < 0:
        add("weight_g", "weight cannot be negative", draft.weight_g)
    seen: set[str] = set()
    for code in draft.barcodes:
        try:
            bc.classify(code)
        except ValueError as exc:
            add("barcodes", str(exc), code)
        if code in seen:
            add("barcodes", "barcode listed twice", code)
        seen.add(code)
    for part in filter(None, draft.category_path.split("/")):
        add("category", check_text("Category", part.strip(), 100), part)
    if draft.parent_sku and sku_key(draft.parent_sku) == sku_key(draft.sku):
        add("parent_sku", "a product cannot be its own parent", draft.parent_sku)
    return problems
