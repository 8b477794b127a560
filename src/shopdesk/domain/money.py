"""Money is integer minor units of the shop currency; Decimal only in between.

Rounding is ROUND_HALF_UP at the line level: a line's net amount is computed
in Decimal and rounded once, and totals are sums of rounded lines.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_DEFAULT_EXPONENT = 2
_AMOUNT = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def currency_exponent(currency: str) -> int:
    """Number of decimals of a currency's minor unit: CNY/EUR/USD 2, JPY 0."""
    from babel.numbers import get_currency_precision

    try:
        return int(get_currency_precision(currency.upper()))
    except Exception:
        return _DEFAULT_EXPONENT


def parse_amount(text: str | int | Decimal, exponent: int = 2, *, decimal_comma: bool = False) -> int:
    """Parse a price as a person or a spreadsheet writes it, into minor units.

    Accepts "3.20", "3,20" (with decimal_comma), "1,234.50", "¥12", "12 €".
    Refuses more decimals than the currency has, instead of rounding silently.
    Raises ValueError with a message fit to show.
    """
    if isinstance(text, bool):
        raise ValueError("not a number")
    if isinstance(text, int):
        return text * 10**exponent
    if isinstance(text, Decimal):
        value = text
    else:
        raw = str(text).strip()
        cleaned = re.sub(r"[\s\u00a0\u202f¥￥$€£]|RMB|CNY|EUR|USD|GBP|JPY|元", "", raw, flags=re.I)
        if decimal_comma:
            cleaned = cleaned.replace(".", "").replace("'", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "").replace("'", "")
        if not cleaned:
            raise ValueError("is empty")
        if not _AMOUNT.match(cleaned):
            raise ValueError("is not a number")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
            raise ValueError("is not a number") from exc
    return decimal_to_minor(value, exponent)


def decimal_to_minor(value: Decimal, exponent: int = 2) -> int:
    """Exact conversion; more decimals than the currency has is an error."""
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"has more than {exponent} decimal places")
    return int(scaled)


def round_half_up(value: Decimal, exponent: int = 2) -> int:
    """Round a Decimal amount to minor units, half up (0.005 -> 0.01)."""
    return int(value.scaleb(exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def minor_to_decimal(minor: int, exponent: int = 2) -> Decimal:
    return Decimal(minor).scaleb(-exponent)


def format_plain(minor: int, exponent: int = 2) -> str:
    """'1234.50' - for files and fields, no grouping, no symbol."""
    return f"{minor_to_decimal(minor, exponent):.{exponent}f}"


def format_money(minor: int, currency: str, locale: str = "en_US") -> str:
    """'¥1,234.50' in the user's locale."""
    from babel.numbers import format_currency

    return format_currency(minor_to_decimal(minor, currency_exponent(currency)), currency, locale=locale)
