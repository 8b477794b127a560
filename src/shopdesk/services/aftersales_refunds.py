"""Money back and goods out on a case: refunds (退款) and the replacement order of an exchange or resend.

Refunds are recorded against the order (and the case), with amount, method and
date, and reach the month-end report from there: never more than what was
paid, less every refund before. The order's payment status follows
(partially_refunded, refunded) and the refund is on both timelines.

An exchange (换货) or resend (补发) makes a replacement order: the goods at
price 0, to the original address, channel "aftersales" with the case number as
its channel order number, confirmed like any order, and linked to the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models.aftersales import Case
from shopdesk.db.models.orders import OrderRefund, SalesOrder
from shopdesk.domain.aftersales import CaseStatus
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.domain.permissions import Permission
from shopdesk.services import aftersales_records as rec
from shopdesk.services import order_records
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_records import CaseRef, aware
from shopdesk.services.aftersales_returns import ACTING, CaseReturns
from shopdesk.services.order_flow import confirm_in_session
from shopdesk.services.orders import OrderWriter

REPLACEMENT_CHANNEL = "aftersales"  # replacement orders' channel; their channel order number is the case number


@dataclass(frozen=True)
class RefundResult:
    case_number: str
    order_number: str
    amount: int
    refunded: int  # on the order so far, this refund included
    refundable: int  # what can still be refunded
    payment_status: str


def _money(minor: int, exponent: int) -> str:
    return format_plain(minor, exponent)


def refunded_on(session: Session, order_id: int) -> int:
    """Everything refunded on an order so far, by any case."""
    return int(
        session.scalar(select(func.coalesce(func.sum(OrderRefund.amount), 0)).where(OrderRefund.order_id == order_id))
        or 0
    )


def refunded_on_case(session: Session, case_id: int) -> int:
    """Everything refunded on one case so far: never more than its agreed solution's amount."""
    return int(
        session.scalar(select(func.coalesce(func.sum(OrderRefund.amount), 0)).where(OrderRefund.case_id == case_id))
        or 0
    )


class CaseRefunds(CaseReturns):
    """Refunds and replacement orders; returned goods come from CaseReturns."""

    # Refunds ------------------------------------------------------------------------------
    @guarded(Permission.WORK_CASES, "refund orders")
    def refund(
        self,
        ref: CaseRef,
        amount: int,
        method: str = "original",
        *,
        at: datetime | None = None,
        reason: str = "",
    ) -> RefundResult:
        """Pay money back on the case's order (amount in minor units, method, date).

        Refused with a clear message, and nothing recorded, when it is more than
        the buyer paid less every refund before, more than the case's agreed
        solution amount less the case's refunds before (agree a new solution to
        pay back more), or the case has no agreed solution yet.
        """
        moment = aware(at)
        exponent = self.shop.money.exponent
        problems = []
        if isinstance(amount, bool) or not isinstance(amount, int):
            problems.append(Problem("amount", "a refund is an amount above zero", str(amount)))
        elif amount <= 0:
            problems.append(Problem("amount", "a refund is an amount above zero", _money(amount, exponent)))
        for where, message in (
            ("method", check_text("Refund method", method, 32, required=True)),
            ("reason", check_text("Reason", reason, 2000)),
        ):
            if message:
                problems.append(Problem(where, message, method if where == "method" else None))
        if problems:
            raise ValidationFailed(problems, "Refund not recorded")
        with self.db.uow() as uow:
            session = uow.session
            case = rec.load_case(session, ref)
            status = CaseStatus(case.status)
            if status not in ACTING:
                raise ShopDeskError(
                    f"Case {case.number} is {status.value}: money is refunded once a solution is agreed "
                    "and until the case is closed (reopen it first if it is closed)."
                )
            order = rec.order_of_case(session, case, "refund")
            refunded = refunded_on(session, order.id)
            left = order.paid_amount - refunded
            if amount > left:
                problems.append(
                    Problem(
                        "amount",
                        f"order {order.number} was paid {_money(order.paid_amount, exponent)} and "
                        f"{_money(refunded, exponent)} is already refunded, so at most "
                        f"{_money(max(0, left), exponent)} can be refunded",
                        _money(amount, exponent),
                    )
                )
            on_case = refunded_on_case(session, case.id)
            agreed_left = case.solution_amount - on_case
            if amount > agreed_left:
                problems.append(
                    Problem(
                        "amount",
                        f"case {case.number} agreed {case.solution_type} with {_money(case.solution_amount, exponent)}"
                        f" back and {_money(on_case, exponent)} is already refunded on it, so at most "
                        f"{_money(max(0, agreed_left), exponent)} more; to pay back more, agree a new solution "
                        "with the larger amount first",
                        _money(amount, exponent),
                    )
                )
            if problems:
                raise ValidationFailed(problems, "Refund not recorded")
            session.add(
                OrderRefund(
                    order_id=order.id,
                    case_id=case.id,
                    amount=amount,
                    method=method.strip(),
                    refunded_at=moment,
                    reason=reason.strip() or f"case {case.number}",
                    user=self.user,
                )
            )
            before = order.payment_status
            order.payment_status = "refunded" if refunded + amount >= order.paid_amount else "partially_refunded"
            order_records.note(
                session,
                self.user,
                order,
                "refund",
                reason.strip() or f"case {case.number}",
                refunded=(refunded, refunded + amount),
                payment_status=(before, order.payment_status),
            )
            rec.note(
                session,
                self.user,
                case,
                "refund",
                reason.strip(),
                at=at,
                refund=(None, amount),
                method=(None, method.strip()),
            )
            uow.commit()
            return RefundResult(
                case.number,
                order.number,
                amount,
                refunded + amount,
                order.paid_amount - refunded - amount,
                order.payment_status,
            )

    # Replacement orders -------------------------------------------------------------------
    def _replacement(
        self, session: Session, case: Case, lines: Sequence[tuple[str, int]] | None, at: datetime | None
    ) -> SalesOrder:
        """The exchange's or resend's order: zero-priced lines to the original address, linked to the case."""
        order = rec.order_of_case(session, case, "send a replacement")
        if lines is None:
            by_id = {line.id: line for line in order.lines}
            lines = [(by_id[c.order_line_id].sku, c.quantity) for c in case.lines if c.order_line_id in by_id]
        if not lines:
            raise ValidationFailed(
                [Problem("replacement", "say which goods to send (the case names no order lines)")],
                f"Case {case.number}: no replacement order made",
            )
        earlier = session.scalar(
            select(func.count())
            .select_from(SalesOrder)
            .where(SalesOrder.channel == REPLACEMENT_CHANNEL, SalesOrder.channel_order_no.like(f"{case.number}%"))
        )
        draft = OrderDraft(
            lines=[OrderLineDraft(sku, qty, unit_price=0) for sku, qty in lines],
            channel=REPLACEMENT_CHANNEL,
            channel_order_no=case.number if not earlier else f"{case.number}/{earlier + 1}",
            customer_id=order.customer_id,
            ship_to=ShipTo(
                order.ship_name,
                order.ship_phone,
                order.ship_country,
                order.ship_province,
                order.ship_city,
                order.ship_district,
                order.ship_street,
                order.ship_postcode,
            ),
            placed_at=aware(at),
            currency=order.currency,
            allow_other_currency=True,
            payment_status="paid",
            paid_amount=0,
            internal_note=f"{case.solution_type} for {order.number}, case {case.number}",
        )
        writer = OrderWriter(session, self.shop)
        prepared, problems = writer.check(draft)
        if problems or prepared is None:
            raise ValidationFailed(problems, f"Case {case.number}: the replacement order cannot be made")
        replacement = writer.write(prepared, reason=f"replacement for {order.number} ({case.number})")
        confirm_in_session(session, self.shop, replacement, f"replacement on case {case.number}")
        return replacement
