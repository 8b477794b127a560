"""Sales order states and the changes allowed between them.

draft → confirmed → (on hold for review) → allocated → picked → packed → shipped →
delivered → completed; cancelled from anything before shipped (which releases the
reservation). Only the order service changes a state, through `check_transition`.
"""

from __future__ import annotations

import enum

from shopdesk.domain.errors import ShopDeskError


class OrderStatus(enum.StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    ON_HOLD = "on_hold"  # 待审核: waiting for a reviewer (异常订单)
    ALLOCATED = "allocated"  # 待发货: stock reserved, ready to pick
    PICKED = "picked"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


S = OrderStatus
ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.DRAFT: frozenset({S.CONFIRMED, S.CANCELLED}),
    # confirmed -> confirmed is not a change; a confirmed order waiting for stock stays confirmed (backorder)
    S.CONFIRMED: frozenset({S.ON_HOLD, S.ALLOCATED, S.CANCELLED}),
    S.ON_HOLD: frozenset({S.CONFIRMED, S.ALLOCATED, S.CANCELLED}),
    S.ALLOCATED: frozenset({S.PICKED, S.PACKED, S.ON_HOLD, S.CONFIRMED, S.CANCELLED}),
    S.PICKED: frozenset({S.PACKED, S.ALLOCATED, S.CANCELLED}),
    S.PACKED: frozenset({S.SHIPPED, S.PICKED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.COMPLETED}),
    S.DELIVERED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
}

# States in which the order holds reserved stock.
HOLDS_RESERVATION = frozenset({S.ALLOCATED, S.PICKED, S.PACKED})
# States in which stock has left the shop.
STOCK_LEFT = frozenset({S.SHIPPED, S.DELIVERED, S.COMPLETED})


class IllegalTransition(ShopDeskError):
    pass


def check_transition(number: str, current: OrderStatus, target: OrderStatus) -> None:
    """Refuse an impossible change with a message saying where the order is and what is allowed."""
    if target in ALLOWED[current]:
        return
    allowed = ", ".join(sorted(s.value for s in ALLOWED[current])) or "nothing (it is final)"
    raise IllegalTransition(f"Order {number} is {current.value}; it cannot become {target.value}. Allowed: {allowed}.")
