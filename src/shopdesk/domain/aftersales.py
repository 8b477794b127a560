"""After-sales cases (工单): classes, the workflow, deadlines (处理时限) and return windows.

new → confirmed → investigating → solution agreed → in progress → awaiting customer →
closed; a closed case reopens back to investigating until the customer is satisfied.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from shopdesk.domain.errors import ShopDeskError


class CaseStatus(enum.StrEnum):
    NEW = "new"
    CONFIRMED = "confirmed"
    INVESTIGATING = "investigating"
    SOLUTION_AGREED = "solution_agreed"
    IN_PROGRESS = "in_progress"
    AWAITING_CUSTOMER = "awaiting_customer"
    CLOSED = "closed"


class CaseChannel(enum.StrEnum):
    CHAT = "chat"
    PHONE = "phone"
    EMAIL = "email"
    SOCIAL = "social"
    PLATFORM = "platform"


class CaseClass(enum.StrEnum):
    QUALITY = "quality"  # 产品质量
    SERVICE = "service"  # 服务态度
    LOGISTICS = "logistics"  # 物流
    OTHER = "other"


class SolutionType(enum.StrEnum):
    REFUND_ONLY = "refund_only"  # 仅退款
    RETURN_REFUND = "return_refund"  # 退货退款
    EXCHANGE = "exchange"  # 换货
    REPAIR = "repair"  # 维修
    COMPENSATION = "compensation"  # 补偿 (money or coupon)
    RESEND = "resend"  # 补发


class Priority(enum.StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class Disposition(enum.StrEnum):
    """Where a returned item goes after inspection."""

    RESTOCK = "restock"
    QUARANTINE = "quarantine"
    SCRAP = "scrap"
    SUPPLIER = "supplier"


C = CaseStatus
CASE_ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    C.NEW: frozenset({C.CONFIRMED, C.CLOSED}),
    C.CONFIRMED: frozenset({C.INVESTIGATING, C.SOLUTION_AGREED, C.CLOSED}),
    C.INVESTIGATING: frozenset({C.SOLUTION_AGREED, C.CLOSED}),
    C.SOLUTION_AGREED: frozenset({C.IN_PROGRESS, C.INVESTIGATING}),
    C.IN_PROGRESS: frozenset({C.AWAITING_CUSTOMER, C.CLOSED}),
    C.AWAITING_CUSTOMER: frozenset({C.IN_PROGRESS, C.CLOSED}),
    C.CLOSED: frozenset({C.INVESTIGATING}),  # reopen
}

DEFAULT_DEADLINE_HOURS: dict[str, int] = {"urgent": 4, "high": 24, "normal": 48, "low": 72}

DEFAULT_SUB_REASONS: dict[str, list[str]] = {
    "quality": ["破损 damaged", "瑕疵 defect", "尺码不符 wrong size", "与描述不符 not as described"],
    "service": ["回复慢 slow reply", "态度差 rude", "承诺未兑现 broken promise"],
    "logistics": ["延迟 late", "丢件 lost", "错发 wrong item", "漏发 missing item"],
    "other": ["其他 other"],
}


class IllegalCaseChange(ShopDeskError):
    pass


def check_case_transition(number: str, current: CaseStatus, target: CaseStatus) -> None:
    if target in CASE_ALLOWED[current]:
        return
    allowed = ", ".join(sorted(s.value for s in CASE_ALLOWED[current]))
    raise IllegalCaseChange(f"Case {number} is {current.value}; it cannot become {target.value}. Allowed: {allowed}.")


def due_at(opened_at: datetime, priority: Priority, deadlines: dict[str, int] | None = None) -> datetime:
    """The time by which a case must be resolved, from its priority's deadline (处理时限)."""
    hours = (deadlines or DEFAULT_DEADLINE_HOURS)[priority.value]
    return opened_at + timedelta(hours=hours)


@dataclass(frozen=True)
class Closing:
    """What closing a case needs: the result told, and a follow-up (回访) or why none was possible."""

    result_told: bool
    satisfaction: int | None = None  # 1–5
    no_followup_reason: str = ""


def check_closing(number: str, closing: Closing) -> None:
    if not closing.result_told:
        raise ShopDeskError(f"Case {number}: tell the customer the result before closing it.")
    if closing.satisfaction is None:
        if not closing.no_followup_reason.strip():
            raise ShopDeskError(
                f"Case {number}: record the follow-up (回访) with a satisfaction score 1–5, "
                "or say why no follow-up was possible."
            )
    elif not 1 <= closing.satisfaction <= 5:
        raise ShopDeskError(f"Case {number}: satisfaction must be 1 to 5 (found {closing.satisfaction}).")


@dataclass(frozen=True)
class WindowCheck:
    within: bool
    days_since_delivery: int
    window_days: int

    @property
    def message(self) -> str:
        if self.within:
            return f"day {self.days_since_delivery} after delivery, within the {self.window_days}-day return window"
        return (
            f"day {self.days_since_delivery} after delivery, outside the {self.window_days}-day return window: "
            "needs an override with a reason"
        )


def return_window(delivered_at: datetime, asked_at: datetime, window_days: int) -> WindowCheck:
    """Whether a return request falls inside the window counted in days from delivery.

    Delivery day is day 0; with a 7-day window, a request on day 6 or 7 is within, day 8 is not.
    Days are calendar days of the zone the two moments are given in: pass them in the shop's local time.
    """
    days = (asked_at.date() - delivered_at.date()).days
    return WindowCheck(days <= window_days, days, window_days)
