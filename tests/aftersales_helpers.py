"""Small builders for after-sales tests: a delivered order, a case about it, a fixed clock."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from shopdesk.db.models import AuditEvent
from shopdesk.db.models.aftersales import Case, CaseEvidence, ReturnReceipt
from shopdesk.db.models.orders import OrderRefund
from shopdesk.domain.aftersales import Closing
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, Solution
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules, stocked_shop
from tests.stock_helpers import ledger_snapshot

# Monday 2 November 2026, 09:00 UTC: the tests' "now" unless they move the clock.
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SATURDAY = MONDAY - timedelta(days=2)  # when delivered_order's parcels arrive unless told
_tracking = itertools.count(1)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def delivered_order(
    shop: Shop,
    *lines: tuple[str, int],
    delivered_at: datetime = SATURDAY,
    shipping_fee: int = 1000,
) -> str:
    """A paid order shipped from WH1 the day before it was delivered; the shop must be stocked (see shop_with_mugs).

    It is placed and shipped with the clock moved back, so goods coming back on the
    case come back after they left (the after-sales services refuse anything else).
    """
    lenient_rules(shop)
    with time_machine.travel(delivered_at - timedelta(days=1), tick=True):
        number = shop.orders.create_order(
            draft(*(lines or (("MUG", 5),)), payment_status="paid", shipping_fee=shipping_fee), confirm=True
        )
        shop.order_flow.mark_packed(number)
        shop.order_flow.ship(number, f"SF{next(_tracking):010d}", "SF Express")
    shop.order_flow.mark_delivered(number, at=delivered_at)
    return number


def shop_with_mugs(shop: Shop, mugs: int = 10, tees: int = 10) -> Shop:
    """WH1/WH2 with bins; MUG and TEE at price 25.00, cost 10.00, stocked in WH1/A/A-01."""
    stocked_shop(shop, {"MUG": mugs, "TEE": tees})
    shop.locations.set_default_bin(shop.catalogue.find_by_code("MUG").id, "WH1/A/A-01")  # type: ignore[union-attr]
    return shop


def complaint(order: str, *, lines: tuple[tuple[int | str, int], ...] = ((1, 1),), **overrides: object) -> CaseDraft:
    """A phone complaint about a damaged item on an order, normal priority (48 hours)."""
    fields: dict[str, object] = {
        "channel": "phone",
        "case_class": "quality",
        "sub_reason": "破损 damaged",
        "demand": "return_refund",
        "description": "杯子到货时有裂纹 — the mug arrived cracked",
        "order": order,
        "lines": [CaseLineDraft(line, qty) for line, qty in lines],
        "owner": "amy",
    }
    fields.update(overrides)
    return CaseDraft(**fields)  # type: ignore[arg-type]


def agreed_return(shop: Shop, number: str, amount: int, at: datetime = MONDAY) -> None:
    """Confirm, investigate and agree on a return and refund."""
    cases = shop.aftersales
    cases.confirm(number, at=at)
    cases.investigate(number, at=at)
    cases.agree_solution(number, Solution("return_refund", amount, owner="bo"), at=at)


def satisfied(score: int = 5) -> Closing:
    return Closing(result_told=True, satisfaction=score)


def aftersales_snapshot(shop: Shop) -> tuple[object, ...]:
    """Everything an after-sales action may write: what 'nothing changed' compares."""
    with shop.db.read() as conn:
        counts = tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (Case, CaseEvidence, ReturnReceipt, OrderRefund, AuditEvent)
        )
        cases = conn.execute(
            select(Case.number, Case.status, Case.version, Case.due_at, Case.satisfaction).order_by(Case.id)
        ).all()
    return counts, [tuple(c) for c in cases], ledger_snapshot(shop)
