"""Stock rules in plain Python: location kinds, move kinds, and valuation (库存计价).

Valuation is per product over all the stock the shop owns (bins, quarantine,
in transit), by moving weighted average (the default) or FIFO cost layers.

Rounding, documented once:
- Values are integer minor units. A move's value is the cost of the whole
  move; a unit cost is never stored, it is value / quantity (an average unit
  cost like 3.2666… has more decimals than money).
- A part of a value is `round_half_up(value × part / whole)`: halves round
  away from zero (0.5 → 1).
- When the last units of a stock (average) or of a layer (FIFO) leave, they
  take exactly the value that is left, so repeated issues never drift: the
  value of an empty stock is always 0, and the value of the stock is always
  the sum of its moves in minus its moves out.
- Under average cost, each issue is within half a minor unit of
  average × quantity at that moment.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shopdesk.domain.errors import Conflict

# Locations (the table's `kind`): where the shop keeps stock, and where stock comes from or goes.
PHYSICAL_KINDS = frozenset({"warehouse", "zone", "bin"})
# Stock the shop owns but cannot pick: counted in the valuation, never in available stock.
HELD_KINDS = frozenset({"quarantine", "transit"})
STOCK_KINDS = PHYSICAL_KINDS | HELD_KINDS  # locations with a balance and a value
EXTERNAL_KINDS = frozenset({"supplier", "customer", "adjustment", "scrap"})
VIRTUAL_KINDS = HELD_KINDS | EXTERNAL_KINDS


class MoveKind(enum.StrEnum):
    RECEIPT = "receipt"  # supplier -> stock
    OPENING = "opening"  # opening balance when starting with ShopDesk
    TRANSFER = "transfer"  # bin -> bin in one warehouse
    TRANSIT_OUT = "transit_out"  # bin -> in transit (to another warehouse)
    TRANSIT_IN = "transit_in"  # in transit -> bin at the other end
    ADJUSTMENT = "adjustment"  # stocktake gain or loss, against the adjustment location
    SCRAP = "scrap"
    QUARANTINE = "quarantine"
    RELEASE = "release"  # quarantine -> bin
    SHIPMENT = "shipment"  # stock -> customer, records the cost of goods sold
    RETURN = "return"  # customer -> stock, at the original cost


class Valuation(enum.StrEnum):
    AVERAGE = "average"
    FIFO = "fifo"


class NotEnoughStock(Conflict):
    """Taking more than a location has (or than is free of reservations)."""


def share(value: int, part: int, whole: int) -> int:
    """`part` units' share of `value` for `whole` units, rounded half up; all of it when part == whole."""
    if part == whole:
        return value
    return int((Decimal(value) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def unit_cost(value: int, quantity: int) -> Decimal | None:
    """Average cost of one unit in minor units (more decimals than money), or None without stock."""
    if quantity <= 0:
        return None
    return Decimal(value) / quantity


def value_of(quantity: int, unit: Decimal) -> int:
    return int((unit * quantity).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class AverageState:
    """A product's owned quantity and value under moving weighted average."""

    quantity: int
    value: int

    def receive(self, quantity: int, value: int) -> AverageState:
        return AverageState(self.quantity + quantity, self.value + value)

    def issue_value(self, quantity: int, fallback_unit: Decimal) -> int:
        """The cost of `quantity` units leaving now.

        With no stock to average (only possible where negative stock is allowed),
        the units are valued at `fallback_unit` (the last purchase cost). A value
        is never negative: a stock driven negative can leave a small distortion in
        the average until it is positive again, but never breaks value = Σ moves.
        """
        if self.quantity <= 0:
            return max(0, value_of(quantity, fallback_unit))
        if quantity <= self.quantity:
            return max(0, share(self.value, quantity, self.quantity))
        beyond = quantity - self.quantity
        return max(0, self.value + value_of(beyond, Decimal(self.value) / self.quantity))

    def issue(self, quantity: int, value: int) -> AverageState:
        return AverageState(self.quantity - quantity, self.value - value)


@dataclass(frozen=True)
class Layer:
    """A FIFO cost layer: what is left of one incoming move."""

    id: int
    remaining_qty: int
    remaining_value: int


@dataclass(frozen=True)
class LayerTake:
    layer_id: int
    quantity: int
    value: int


def issue_fifo(layers: Sequence[Layer], quantity: int) -> tuple[int, list[LayerTake]]:
    """Take `quantity` from the oldest layers first; returns the total cost and what each layer gives.

    A layer emptied gives exactly its remaining value. Raises NotEnoughStock if
    the layers hold less than asked: FIFO cannot value units it never received.
    """
    takes: list[LayerTake] = []
    left = quantity
    for layer in layers:
        if left == 0:
            break
        if layer.remaining_qty <= 0:
            continue
        qty = min(left, layer.remaining_qty)
        takes.append(LayerTake(layer.id, qty, share(layer.remaining_value, qty, layer.remaining_qty)))
        left -= qty
    if left:
        have = quantity - left
        raise NotEnoughStock(
            f"FIFO valuation has cost layers for only {have} unit(s), {quantity} asked for: "
            "under FIFO the shop's total stock of a product cannot go below zero"
        )
    return sum(t.value for t in takes), takes


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to non-negative `weights` so the parts add up exactly.

    Each part is the rounded-down share plus one for the largest remainders
    (ties to the earlier weight). Used to show a product's value per location.
    """
    whole = sum(w for w in weights if w > 0)
    if whole <= 0:
        return [0 for _ in weights]
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    floors = [magnitude * max(w, 0) // whole for w in weights]
    remainders = [(magnitude * max(w, 0) % whole, -i) for i, w in enumerate(weights)]
    for _, neg_i in sorted(remainders, reverse=True)[: magnitude - sum(floors)]:
        floors[-neg_i] += 1
    return [sign * f for f in floors]
