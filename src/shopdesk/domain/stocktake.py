"""Stocktake rules (库存盘点): states, what a valid count is, and how a difference is found.

A count line is one product at one location. When the stocktake starts, the
expected quantity (the book on hand) is frozen. Goods keep moving while people
count (a parcel ships, a delivery is put away), so the difference posted is

    difference = counted − (frozen expected + net moves at that location
                            between the freeze and the moment the count was entered)

The second term is the book quantity when the count was entered: a sale
during the count is not a loss, a receipt during the count is not a gain.
"""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation

from shopdesk.domain.errors import Problem


class StocktakeStatus(enum.StrEnum):
    COUNTING = "counting"  # expected quantities frozen, counts being entered
    POSTED = "posted"  # differences written as adjustment moves; kept for review
    CANCELLED = "cancelled"


class Uncounted(enum.StrEnum):
    """What posting does with lines nobody counted."""

    REFUSE = "refuse"  # posting is refused while lines are uncounted (the default)
    SKIP = "skip"  # they stay as they are: nothing is adjusted
    ZERO = "zero"  # nothing was found: the whole book quantity is written off


# Units counted in whole items; a fractional or negative count of these is a typing error.
COUNTED_UNITS = frozenset({"piece", "pair", "set", "box"})
MAX_COUNT = 10**9


def unit_words(unit: str) -> str:
    return {"piece": "pieces", "pair": "pairs", "set": "sets", "box": "boxes"}.get(unit, unit)


def parse_count(value: object, unit: str = "piece", where: str = "count") -> tuple[int | None, Problem | None]:
    """A counted quantity from what a person typed or a file holds: (count, None) or (None, problem).

    Quantities are whole numbers of the product's base unit, zero or more
    ("12", "12.0" and 12 are twelve; "2.5", "-1" and "abc" are refused).
    """
    text = str(value).strip()
    shown = unit_words(unit)
    if isinstance(value, bool) or not text:
        return None, Problem(where, f"enter the number of {shown} counted", text)
    try:
        number = Decimal(text) if not isinstance(value, int) else Decimal(value)
    except InvalidOperation:
        return None, Problem(where, f"a count is a number of {shown}", text)
    if not number.is_finite():
        return None, Problem(where, f"a count is a number of {shown}", text)
    if number < 0:
        return None, Problem(where, "a count cannot be negative: count what is there, 0 if nothing", text)
    if number != number.to_integral_value():
        what = f"whole {shown}" if unit in COUNTED_UNITS else f"whole {shown} (the product's base unit)"
        return None, Problem(where, f"a count is in {what}, not fractions", text)
    if number > MAX_COUNT:
        return None, Problem(where, "this count is unrealistically large", text)
    return int(number), None


def difference(counted: int, book_at_count: int) -> int:
    """Counted minus the book quantity when the count was entered (frozen expected + moves since the freeze)."""
    return counted - book_at_count
