"""What the after-sales services hand out: the queue's filter and rows, a case in full, a customer's history.

Plain frozen dataclasses, so the CLI prints them as JSON and the UI shows them
without holding anything of the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shopdesk.domain.aftersales import CaseStatus, WindowCheck


@dataclass(frozen=True)
class CaseFilter:
    """What the queue shows: a frozen value, so the paged table model can keep it as its key."""

    search: str = ""  # case or order number, customer, owner, sub-reason
    statuses: tuple[str, ...] = ()  # empty: every status
    open_only: bool = False
    owner: str | None = None  # "" means nobody's (unassigned)
    customer_id: int | None = None
    order: str | None = None  # an order number
    due: str = ""  # "overdue", "due_soon" (within a day, not yet overdue), or "" for any
    sort: str = "due"  # due, opened, number, priority, status, owner, customer
    descending: bool = False
    now: datetime | None = None  # None: the moment of the query


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    status: str
    priority: str
    channel: str
    case_class: str
    sub_reason: str
    customer: str  # masked
    order_number: str
    owner: str
    opened_at: datetime
    due_at: datetime
    solution_type: str
    overdue: bool
    due_soon: bool


@dataclass(frozen=True)
class CaseLineView:
    order_line_id: int
    line_no: int
    product_id: int | None
    sku: str
    name: str
    quantity: int  # the units the case is about
    ordered: int
    qty_shipped: int
    qty_returned: int
    unit_net: int  # what one unit was sold for, after its line's discount (minor units, rounded down)


@dataclass(frozen=True)
class EvidenceView:
    id: int
    filename: str
    size: int
    sha256: str
    added_at: datetime
    user: str


@dataclass(frozen=True)
class ReturnView:
    sku: str
    line_no: int
    quantity: int
    disposition: str
    value: int
    received_at: datetime
    note: str
    user: str


@dataclass(frozen=True)
class RefundLine:
    amount: int
    method: str
    refunded_at: datetime
    reason: str
    user: str


@dataclass(frozen=True)
class CaseEvent:
    """One entry of the case's timeline: a step (from → to), a comment, a change; who, when, why."""

    at: datetime
    user: str
    action: str
    from_status: str | None
    to_status: str | None
    reason: str
    changes: dict[str, list[Any]]


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    status: str
    channel: str
    case_class: str
    sub_reason: str
    demand: str
    description: str
    priority: str
    owner: str
    customer_id: int | None
    customer_name: str
    order_id: int | None
    order_number: str
    currency: str
    paid_amount: int  # what the buyer paid on the order
    refunded: int  # refunded on the order so far, by any case
    delivered_at: datetime | None
    window: WindowCheck | None  # None: no order, or not delivered yet
    opened_at: datetime
    due_at: datetime
    overdue: bool
    solution_type: str
    solution_amount: int
    solution_note: str
    solution_owner: str
    solution_deadline: datetime | None
    window_override: str
    result_told_at: datetime | None
    followup_at: datetime | None
    satisfaction: int | None
    no_followup_reason: str
    closed_at: datetime | None
    reopen_count: int
    replacement_order: str
    next_statuses: list[str]  # where the workflow may go from here
    lines: list[CaseLineView] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)
    returns: list[ReturnView] = field(default_factory=list)
    refunds: list[RefundLine] = field(default_factory=list)  # this case's refunds
    timeline: list[CaseEvent] = field(default_factory=list)

    @property
    def refundable(self) -> int:
        """What can still be refunded on the order: paid, less every refund so far."""
        return max(0, self.paid_amount - self.refunded)

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


@dataclass(frozen=True)
class HistoryOrder:
    number: str
    placed_at: datetime
    status: str
    total: int
    payment_status: str
    items: int


@dataclass(frozen=True)
class HistoryCase:
    number: str
    opened_at: datetime
    status: str
    case_class: str
    sub_reason: str
    order_number: str


@dataclass(frozen=True)
class CustomerHistory:
    """What the clerk sees next to a new case: the buyer's orders and earlier cases, newest first."""

    customer_id: int
    name: str
    orders: list[HistoryOrder]
    cases: list[HistoryCase]
