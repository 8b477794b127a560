"""How the case commands read what people type: times, amounts, whole numbers and order lines."""

from __future__ import annotations

from datetime import datetime

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import parse_amount
from shopdesk.services.shop import Shop


def time_arg(text: str | None, label: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ShopDeskError(f"{label} {text!r} is not a time: write it like 2026-11-25 18:00") from None


def amount_arg(shop: Shop, text: str, label: str) -> int:
    try:
        return parse_amount(text, shop.money.exponent)
    except ValueError as exc:
        raise ShopDeskError(f"{label} {text!r} {exc} (write it like 12.50)") from None


def whole(text: str, label: str) -> int:
    if not text.strip().isdigit() or int(text) <= 0:
        raise ShopDeskError(f"{label} must be a whole number above zero (found: {text!r})")
    return int(text)


def line_ref(text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text.strip()


def line_and_qty(text: str, label: str) -> tuple[int | str, int]:
    line, _, qty = text.partition(":")
    if not line.strip():
        raise ShopDeskError(f"{label} {text!r}: give the order line, like 1:2 or MUG-1:2")
    return line_ref(line), whole(qty, f"{label} {text!r}: the quantity") if qty else 1
