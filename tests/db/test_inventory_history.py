"""Stock as it was at any past moment, and the roll-forward opening + in − out = closing, to the cent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shopdesk.domain.stock import MoveKind
from tests.stock_helpers import build_layout, new_product


def now() -> datetime:
    return datetime.now(UTC)


def test_stock_as_of_a_past_moment_and_roll_forward_reconcile(shop) -> None:
    layout = build_layout(shop)
    mug, pen = new_product(shop, "MUG-1"), new_product(shop, "PEN-1")
    inv = shop.inventory
    t0 = now()
    inv.receive(mug, 7, layout.bin_a, value=2300)  # 3.2857… each
    inv.receive(pen, 3, layout.bin_b, value=1000)
    t1 = now()
    inv.ship(mug, 2, layout.bin_a)  # 23.00 × 2/7 = 6.571… → 6.57
    inv.transfer(mug, 1, layout.bin_a, layout.bin_far)  # in transit: still owned, still valued
    inv.scrap(pen, 1, layout.bin_b)  # 10.00 × 1/3 → 3.33
    t2 = now()
    inv.receive(mug, 1, layout.bin_b, unit_cost=450)
    inv.adjust(pen, layout.bin_b, set_to=5, reason="found 3 more")  # +3 at 6.67/2 = 3.335 each → 10.01 (half up)
    t3 = now()

    assert (inv.as_of(t0).quantity, inv.as_of(t0).value) == (0, 0)
    assert (inv.as_of(t1).quantity, inv.as_of(t1).value) == (10, 3300)
    # At t2: mugs 5 worth 23.00 − 6.57 = 16.43; pens 2 worth 10.00 − 3.33 = 6.67.
    assert (inv.as_of(t2).quantity, inv.as_of(t2).value) == (7, 1643 + 667)
    assert (inv.as_of(t2, "MUG-1").quantity, inv.as_of(t2, "MUG-1").value) == (5, 1643)
    # Now: mugs 6 worth 16.43 + 4.50 = 20.93; pens 5 worth 6.67 + 10.01 = 16.68.
    assert inv.as_of(t3).value == 2093 + 1668 == inv.total_value()

    period = inv.roll_forward(t1, t3)
    assert period.opening.value == 3300 and period.closing.value == 2093 + 1668
    assert set(period.incoming_by_kind) == {MoveKind.RECEIPT, MoveKind.ADJUSTMENT}
    assert set(period.outgoing_by_kind) == {MoveKind.SHIPMENT, MoveKind.SCRAP}
    assert (period.incoming.quantity, period.incoming.value) == (1 + 3, 450 + 1001)
    assert (period.outgoing.quantity, period.outgoing.value) == (2 + 1, 657 + 333)
    assert period.opening.value + period.incoming.value - period.outgoing.value == period.closing.value
    assert period.reconciles

    # Any cut of the history reconciles, whatever falls inside it.
    for start, end in [(t0, t1), (t0, t2), (t2, t3), (t1, t2), (t3, t3 + timedelta(days=1))]:
        assert inv.roll_forward(start, end).reconciles
        assert inv.roll_forward(start, end, "PEN-1").reconciles
