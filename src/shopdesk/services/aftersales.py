"""After-sales cases (工单 / 投诉处理): recorded on arrival, worked through the process, closed with a follow-up.

new → confirmed → investigating → solution agreed → in progress → awaiting
customer → closed; a closed case reopens to investigating (domain/aftersales.py).
Every step, comment and change goes on the case's timeline (the audit trail,
entity "case") with who and when, in the same transaction as the change.
Bad input raises ValidationFailed listing every problem, and changes nothing.

Every action takes `at`, the moment it happened (default: now), so a call
noted later, the demo's history and the worked examples in the tests keep
their real times. Recording a case is in services/aftersales_entry.py,
returns in services/aftersales_returns.py, refunds and replacement orders in
services/aftersales_refunds.py, reading in services/aftersales_queries.py,
the analysis in services/aftersales_analysis.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from shopdesk.db.models.aftersales import Case
from shopdesk.domain.aftersales import CaseStatus, Closing, Priority, SolutionType, check_closing, due_at
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain
from shopdesk.domain.permissions import Permission
from shopdesk.services import aftersales_records as rec
from shopdesk.services import order_records
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_analysis import CaseAnalysis, analyse
from shopdesk.services.aftersales_entry import (
    WINDOW_CHECKED,
    CaseDraft,
    CaseEntry,
    CaseLineDraft,
    CreatedCase,
    products_of,
)
from shopdesk.services.aftersales_export import write_analysis
from shopdesk.services.aftersales_records import CaseRef, aware
from shopdesk.services.aftersales_refunds import refunded_on
from shopdesk.services.aftersales_returns import SENDS_GOODS
from shopdesk.services.aftersales_settings import VALUES
from shopdesk.services.aftersales_windows import window_check

# Callers build their drafts from here, next to the service that takes them.
__all__ = ["Aftersales", "CaseDraft", "CaseLineDraft", "CreatedCase", "Solution", "StepResult"]


@dataclass
class Solution:
    """What was agreed with the customer: type, amount, who carries it out and by when."""

    type: str  # refund_only 仅退款, return_refund 退货退款, exchange 换货, repair 维修, compensation 补偿, resend 补发
    amount: int = 0  # minor units: the refund or the compensation (money, or a coupon's value)
    owner: str = ""  # responsible person (责任人); empty: the case's owner
    deadline: datetime | None = None  # None: the case's due time
    note: str = ""  # e.g. "coupon 20 off next order", "courier picks up Tuesday"


@dataclass(frozen=True)
class StepResult:
    number: str
    status: str
    message: str
    replacement_order: str = ""


class Aftersales(CaseEntry):
    """Working cases through the process; entry, refunds, returns and reading come from the classes below it."""

    # The workflow -----------------------------------------------------------------------------
    def _step(
        self,
        ref: CaseRef,
        target: CaseStatus,
        reason: str,
        at: datetime | None,
        message: str,
        before: Any = None,
    ) -> StepResult:
        with self.db.uow() as uow:
            case = rec.load_case(uow.session, ref)
            if before is not None:
                before(uow.session, case)
            rec.change_status(uow.session, self.user, case, target, reason, at=at)
            uow.commit()
            return StepResult(case.number, case.status, message)

    @guarded(Permission.WORK_CASES, "work after-sales cases")
    def confirm(self, ref: CaseRef, note: str = "", *, at: datetime | None = None) -> StepResult:
        """The complaint and the customer's demand are confirmed with the customer (确认投诉)."""
        return self._step(ref, CaseStatus.CONFIRMED, note or "complaint and demand confirmed", at, "confirmed")

    @guarded(Permission.WORK_CASES, "work after-sales cases")
    def investigate(self, ref: CaseRef, note: str = "", *, at: datetime | None = None) -> StepResult:
        """Someone looks into it and collects evidence (调查取证)."""
        return self._step(ref, CaseStatus.INVESTIGATING, note or "investigating", at, "investigating")

    @guarded(Permission.WORK_CASES, "agree solutions")
    def agree_solution(
        self, ref: CaseRef, solution: Solution, *, window_override: str = "", at: datetime | None = None
    ) -> StepResult:
        """Decide the solution with its amount, responsible person and deadline (处理时限和责任人).

        A return or exchange asked for outside the return window (counted from
        delivery) is refused unless an override with a reason is given; the
        override is kept on the case and in its timeline.
        """
        moment = aware(at)
        exponent = self.shop.money.exponent
        problems = []
        if solution.type not in VALUES["demand"]:
            allowed = ", ".join(s.value for s in SolutionType)
            problems.append(Problem("type", f"the solution is one of {allowed}", str(solution.type)))
        if isinstance(solution.amount, bool) or not isinstance(solution.amount, int) or solution.amount < 0:
            problems.append(Problem("amount", "an amount is zero or more, in minor units", str(solution.amount)))
        for name, label, limit, value in (
            ("owner", "Responsible person", 64, solution.owner),
            ("note", "Note", 5000, solution.note),
            ("window_override", "Override reason", 2000, window_override),
        ):
            message = check_text(label, value, limit)
            if message:
                problems.append(Problem(name, message))
        deadline = aware(solution.deadline) if solution.deadline is not None else None
        if deadline is not None and deadline <= moment:
            problems.append(Problem("deadline", "the deadline is already past", deadline.isoformat()))
        if problems:
            raise ValidationFailed(problems, "The solution was not recorded")
        with self.db.uow() as uow:
            session = uow.session
            conn = session.connection()
            case = rec.load_case(session, ref)
            kind = SolutionType(solution.type)
            if kind in {SolutionType.REFUND_ONLY, SolutionType.RETURN_REFUND} and case.order_id is not None:
                order = order_records.load_order(session, case.order_id, for_update=False)
                refunded = refunded_on(session, order.id)
                if solution.amount > order.paid_amount - refunded:
                    raise ValidationFailed(
                        [
                            Problem(
                                "amount",
                                f"order {order.number} was paid {_fmt(order.paid_amount, exponent)} and "
                                f"{_fmt(refunded, exponent)} is already refunded, so at most "
                                f"{_fmt(max(0, order.paid_amount - refunded), exponent)} can be agreed",
                                _fmt(solution.amount, exponent),
                            )
                        ],
                        "The solution was not recorded",
                    )
            override = window_override.strip()
            if kind in WINDOW_CHECKED and case.order_id is not None:
                order = order_records.load_order(session, case.order_id, for_update=False)
                window = window_check(conn, case, products_of(order, [c.order_line_id for c in case.lines]))
                if window is not None and not window.within and not override:
                    raise ValidationFailed(
                        [Problem("window_override", f"{window.message} (why is it accepted?)")],
                        f"Case {case.number}: the return was not agreed",
                    )
                if window is None or window.within:
                    override = ""
            before = _solution_fields(case)
            case.solution_type = kind.value
            case.solution_amount = solution.amount
            case.solution_owner = solution.owner.strip() or case.owner
            case.solution_deadline = deadline or aware(case.due_at)
            case.solution_note = solution.note.strip()
            if override:
                case.window_override = override
            after = _solution_fields(case)
            rec.change_status(
                session,
                self.user,
                case,
                CaseStatus.SOLUTION_AGREED,
                solution.note.strip() or f"agreed: {kind.value}",
                at=at,
                **{k: (before[k], after[k]) for k in after if before[k] != after[k]},
                **({"window_override": (None, override)} if override else {}),
            )
            uow.commit()
            return StepResult(case.number, case.status, f"solution agreed: {kind.value}")

    @guarded(Permission.WORK_CASES, "carry out solutions")
    def start(
        self,
        ref: CaseRef,
        note: str = "",
        *,
        replacement: Sequence[tuple[str, int]] | None = None,
        at: datetime | None = None,
    ) -> StepResult:
        """Carry out the agreed solution; an exchange or resend makes its replacement order now.

        The replacement order has the case's goods (or `replacement`: SKU and
        units, e.g. another size) at price 0, goes to the original address, is
        confirmed (reserved when the stock is there) and is linked to the case.
        """
        with self.db.uow() as uow:
            session = uow.session
            case = rec.load_case(session, ref)
            rec.change_status(session, self.user, case, CaseStatus.IN_PROGRESS, note or "in progress", at=at)
            number = ""
            if case.solution_type in {s.value for s in SENDS_GOODS}:
                made = self._replacement(session, case, replacement, at)
                before = case.replacement_order_id
                case.replacement_order_id = made.id
                number = made.number
                rec.note(
                    session,
                    self.user,
                    case,
                    "replacement",
                    f"{case.solution_type}: order {made.number}",
                    at=at,
                    replacement_order=(before, made.number),
                )
            uow.commit()
            message = f"in progress; replacement order {number}" if number else "in progress"
            return StepResult(case.number, case.status, message, number)

    @guarded(Permission.WORK_CASES, "work after-sales cases")
    def await_customer(self, ref: CaseRef, note: str = "", *, at: datetime | None = None) -> StepResult:
        """Waiting for the customer (to send the goods back, to answer, to try the repaired item)."""
        return self._step(ref, CaseStatus.AWAITING_CUSTOMER, note or "awaiting customer", at, "awaiting customer")

    @guarded(Permission.WORK_CASES, "work after-sales cases")
    def resume(self, ref: CaseRef, note: str = "", *, at: datetime | None = None) -> StepResult:
        """The customer answered: back to work."""
        return self._step(ref, CaseStatus.IN_PROGRESS, note or "customer answered", at, "in progress")

    @guarded(Permission.WORK_CASES, "close cases")
    def close(self, ref: CaseRef, closing: Closing, result: str = "", *, at: datetime | None = None) -> StepResult:
        """Close with the result told to the customer and a follow-up (回访) score 1–5, or why there is none."""
        moment = aware(at)
        with self.db.uow() as uow:
            session = uow.session
            case = rec.load_case(session, ref)
            check_closing(case.number, closing)
            message = check_text("Result", result, 5000) or check_text("Reason", closing.no_followup_reason, 2000)
            if message:
                raise ValidationFailed([Problem("result", message)], f"Case {case.number} was not closed")
            case.result_told_at = moment
            case.satisfaction = closing.satisfaction
            case.followup_at = moment if closing.satisfaction is not None else None
            case.no_followup_reason = closing.no_followup_reason.strip() if closing.satisfaction is None else ""
            followup = (
                f"follow-up: satisfaction {closing.satisfaction}/5"
                if closing.satisfaction is not None
                else f"no follow-up: {case.no_followup_reason}"
            )
            rec.change_status(
                session,
                self.user,
                case,
                CaseStatus.CLOSED,
                "; ".join(filter(None, (result.strip(), followup))),
                at=at,
                satisfaction=(None, closing.satisfaction),
            )
            uow.commit()
            return StepResult(case.number, case.status, f"closed ({followup})")

    @guarded(Permission.WORK_CASES, "reopen cases")
    def reopen(self, ref: CaseRef, reason: str, *, at: datetime | None = None) -> StepResult:
        """The customer is not satisfied after all: back to investigating, with a new due time; reopens are counted."""
        moment = aware(at)
        message = check_text("Reason", reason, 2000, required=True)
        if message:
            raise ValidationFailed([Problem("reason", "say why the case is reopened")], "The case was not reopened")
        with self.db.uow() as uow:
            session = uow.session
            case = rec.load_case(session, ref)
            hours = rec.deadline_hours(session.connection())
            old_due = aware(case.due_at)
            new_due = due_at(moment, Priority(case.priority), hours)
            before_score = case.satisfaction
            rec.change_status(
                session,
                self.user,
                case,
                CaseStatus.INVESTIGATING,
                reason.strip(),
                at=at,
                reopen_count=(case.reopen_count, case.reopen_count + 1),
                satisfaction=(before_score, None),
                due_at=(old_due.isoformat(), new_due.isoformat()),
            )
            case.reopen_count += 1
            case.due_at = new_due
            case.closed_at = None
            case.result_told_at = None
            case.followup_at = None
            case.satisfaction = None
            case.no_followup_reason = ""
            uow.commit()
            return StepResult(
                case.number, case.status, f"reopened ({case.reopen_count}×), due {new_due:%Y-%m-%d %H:%M}"
            )

    # Changes that are not steps ---------------------------------------------------------------
    @guarded(Permission.WORK_CASES, "comment on cases")
    def comment(self, ref: CaseRef, text: str, *, at: datetime | None = None) -> None:
        """A note on the timeline: what the customer said, what was found, what was promised."""
        message = check_text("Comment", text, 20000, required=True)
        if message:
            raise ValidationFailed([Problem("comment", message)], "The comment was not saved")
        with self.db.uow() as uow:
            case = rec.load_case(uow.session, ref)
            rec.note(uow.session, self.user, case, "comment", text.strip(), at=at)
            uow.commit()

    @guarded(Permission.WORK_CASES, "escalate cases")
    def escalate(
        self,
        ref: CaseRef,
        *,
        priority: str | None = None,
        owner: str | None = None,
        reason: str,
        at: datetime | None = None,
    ) -> StepResult:
        """Change the priority (the due time follows from now) and/or the owner; the reason goes on the timeline."""
        moment = aware(at)
        problems = []
        if priority is not None and priority not in VALUES["priority"]:
            allowed = ", ".join(p.value for p in Priority)
            problems.append(Problem("priority", f"the priority must be one of {allowed}", priority))
        if owner is not None and (message := check_text("Owner", owner, 64)):
            problems.append(Problem("owner", message))
        if check_text("Reason", reason, 2000, required=True):
            problems.append(Problem("reason", "say why the case is escalated or handed over"))
        if priority is None and owner is None:
            problems.append(Problem("priority", "give a new priority or a new owner"))
        if problems:
            raise ValidationFailed(problems, "The case was not changed")
        with self.db.uow() as uow:
            session = uow.session
            case = rec.load_case(session, ref)
            if case.status == CaseStatus.CLOSED:
                raise ShopDeskError(f"Case {case.number} is closed; reopen it first.")
            changes: dict[str, tuple[Any, Any]] = {}
            if priority is not None and priority != case.priority:
                new_due = due_at(moment, Priority(priority), rec.deadline_hours(session.connection()))
                changes["priority"] = (case.priority, priority)
                changes["due_at"] = (aware(case.due_at).isoformat(), new_due.isoformat())
                case.priority, case.due_at = priority, new_due
            if owner is not None and owner.strip() != case.owner:
                changes["owner"] = (case.owner, owner.strip())
                case.owner = owner.strip()
            if not changes:
                raise ShopDeskError(f"Case {case.number} already has that priority and owner; nothing changed.")
            rec.note(session, self.user, case, "escalated", reason.strip(), at=at, **changes)
            uow.commit()
            return StepResult(case.number, case.status, f"priority {case.priority}, owner {case.owner or '-'}")

    @guarded(Permission.WORK_CASES, "change cases")
    def update_details(
        self, ref: CaseRef, changes: Mapping[str, str], *, reason: str = "", at: datetime | None = None
    ) -> None:
        """Correct the class, sub-reason, demand or description as the picture gets clearer (audited)."""
        allowed = {"case_class": 16, "sub_reason": 100, "demand": 32, "description": 20000}
        problems = []
        for name, value in changes.items():
            if name not in allowed:
                problems.append(Problem(name, f"only {', '.join(allowed)} can be changed here"))
            elif name == "case_class" and value not in VALUES["case_class"]:
                problems.append(Problem(name, f"the class must be one of {', '.join(sorted(VALUES['case_class']))}"))
            elif name == "demand" and value and value not in VALUES["demand"]:
                problems.append(Problem(name, "the demand is a solution type (refund_only, return_refund, ...)"))
            elif message := check_text(name.replace("_", " ").capitalize(), value, allowed[name]):
                problems.append(Problem(name, message))
        if problems:
            raise ValidationFailed(problems, "The case was not changed")
        with self.db.uow() as uow:
            case = rec.load_case(uow.session, ref)
            diff = {k: (getattr(case, k), v.strip()) for k, v in changes.items() if getattr(case, k) != v.strip()}
            if not diff:
                return
            for name, (_, new) in diff.items():
                setattr(case, name, new)
            rec.note(uow.session, self.user, case, "edited", reason, at=at, **diff)
            uow.commit()

    # Analysis ------------------------------------------------------------------------------
    def analyse(self, start: datetime, end: datetime, now: datetime | None = None) -> CaseAnalysis:
        """Complaints, returns per SKU, SLA and satisfaction for a period (see services/aftersales_analysis.py)."""
        with self.db.read() as conn:
            return analyse(conn, start, end, now)

    @guarded(Permission.EXPORT, "export the complaints analysis")
    def export_analysis(self, target: Path, start: datetime, end: datetime, now: datetime | None = None) -> Path:
        """The analysis as an Excel workbook at `target` (.xlsx)."""
        money = self.shop.money
        return write_analysis(self.analyse(start, end, now), target, money.exponent, money.currency)


def _solution_fields(case: Case) -> dict[str, Any]:
    deadline = case.solution_deadline
    return {
        "solution_type": case.solution_type,
        "solution_amount": case.solution_amount,
        "solution_owner": case.solution_owner,
        "solution_deadline": aware(deadline).isoformat() if deadline else None,
    }


def _fmt(minor: int, exponent: int) -> str:
    return format_plain(minor, exponent)
