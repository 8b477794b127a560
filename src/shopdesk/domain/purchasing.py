"""Purchase order states (采购单) and the changes allowed between them.

draft → ordered → partially received → received → closed; cancelled from draft
or ordered (nothing received yet). A partially received order can also be
closed when the supplier will not deliver the rest. Only the purchasing service
changes a state, through `check_transition`, and each change is audited.
"""

from __future__ import annotations

import enum

from shopdesk.domain.errors import ShopDeskError


class PoStatus(enum.StrEnum):
    DRAFT = "draft"
    ORDERED = "ordered"  # sent to the supplier
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"  # every line received in full
    CLOSED = "closed"
    CANCELLED = "cancelled"


P = PoStatus
ALLOWED: dict[PoStatus, frozenset[PoStatus]] = {
    P.DRAFT: frozenset({P.ORDERED, P.CANCELLED}),
    P.ORDERED: frozenset({P.PARTIALLY_RECEIVED, P.RECEIVED, P.CANCELLED}),
    P.PARTIALLY_RECEIVED: frozenset({P.PARTIALLY_RECEIVED, P.RECEIVED, P.CLOSED}),
    P.RECEIVED: frozenset({P.CLOSED}),
    P.CLOSED: frozenset(),
    P.CANCELLED: frozenset(),
}

# Orders whose outstanding quantities are still expected (the reorder work counts them as on order).
OPEN = frozenset({P.DRAFT, P.ORDERED, P.PARTIALLY_RECEIVED})
# Orders goods can be received against.
RECEIVABLE = frozenset({P.ORDERED, P.PARTIALLY_RECEIVED})


class IllegalPoTransition(ShopDeskError):
    pass


def check_transition(number: str, current: PoStatus, target: PoStatus) -> None:
    """Refuse an impossible change, saying where the purchase order is and what it may become."""
    if target in ALLOWED[current]:
        return
    allowed = ", ".join(sorted(s.value for s in ALLOWED[current] if s != current)) or "nothing (it is final)"
    raise IllegalPoTransition(
        f"Purchase order {number} is {current.value.replace('_', ' ')}; "
        f"it cannot become {target.value.replace('_', ' ')}. Allowed: {allowed}."
    )


def status_after_receipt(ordered: list[tuple[int, int]]) -> PoStatus:
    """The state after a receipt, from (quantity, received) of every line: received when all are complete."""
    if all(received >= quantity for quantity, received in ordered):
        return P.RECEIVED
    return P.PARTIALLY_RECEIVED
