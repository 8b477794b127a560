"""A complaint from arrival to follow-up: numbers, due times, escalation, closing, reopening, the timeline."""

from __future__ import annotations

import pytest

from shopdesk.domain.aftersales import Closing, IllegalCaseChange
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.aftersales import CaseDraft, Solution
from shopdesk.services.aftersales_views import CaseFilter
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import (
    MONDAY,
    aftersales_snapshot,
    complaint,
    days,
    delivered_order,
    hours,
    satisfied,
    shop_with_mugs,
)


def test_a_48_hour_case_breaches_is_escalated_and_closed(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2))
    cases = shop.aftersales
    created = cases.create_case(complaint(order, priority="normal"), at=MONDAY)
    assert created.number == "CS-000001"
    assert created.due_at == MONDAY + hours(48)
    cases.confirm(created.number, "customer sent photos of the crack", at=MONDAY + hours(1))
    cases.investigate(created.number, at=MONDAY + hours(2))

    # Wednesday 10:00, an hour past the promise: the queue shows it overdue, a day earlier only "due soon".
    tuesday, wednesday = MONDAY + hours(25), MONDAY + hours(49)
    assert [r.number for r in cases.list_cases(CaseFilter(due="due_soon", now=tuesday))] == ["CS-000001"]
    assert cases.list_cases(CaseFilter(due="overdue", now=tuesday)) == []
    [row] = cases.list_cases(CaseFilter(due="overdue", now=wednesday))
    assert (row.number, row.overdue, row.owner) == ("CS-000001", True, "amy")
    assert cases.attention_count(now=wednesday) == 1

    cases.escalate(
        created.number, priority="urgent", owner="lead.wang", reason="breached the 48 h promise", at=wednesday
    )
    detail = cases.get_case(created.number, now=wednesday)
    assert (detail.priority, detail.owner, detail.due_at, detail.overdue) == (
        "urgent",
        "lead.wang",
        wednesday + hours(4),  # the urgent deadline, counted from the escalation
        False,
    )
    [escalation] = [e for e in detail.timeline if e.action == "escalated"]
    assert escalation.user == "tester" and escalation.at == wednesday
    assert escalation.changes["priority"] == ["normal", "urgent"]
    assert escalation.changes["owner"] == ["amy", "lead.wang"]
    assert escalation.reason == "breached the 48 h promise"

    cases.agree_solution(created.number, Solution("refund_only", 2500, note="keep the mug"), at=wednesday + hours(1))
    cases.start(created.number, at=wednesday + hours(1))
    cases.refund(created.number, 2500, "alipay", at=wednesday + hours(2))
    cases.close(created.number, satisfied(4), "told by phone: refunded 25.00", at=wednesday + hours(3))

    closed = cases.get_case(created.number)
    assert (closed.status, closed.satisfaction, closed.closed_at) == ("closed", 4, wednesday + hours(3))
    assert [(e.from_status, e.to_status) for e in closed.timeline if e.action == "status"] == [
        ("new", "confirmed"),
        ("confirmed", "investigating"),
        ("investigating", "solution_agreed"),
        ("solution_agreed", "in_progress"),
        ("in_progress", "closed"),
    ]
    assert closed.timeline[0].action == "created"
    assert cases.attention_count(now=wednesday + hours(10)) == 0


def test_a_reopened_case_goes_back_to_investigating_and_counts_the_reopen(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    cases = shop.aftersales
    number = cases.create_case(complaint(order, case_class="logistics", sub_reason="延迟 late"), at=MONDAY).number
    cases.close(
        number,
        Closing(result_told=True, no_followup_reason="parcel arrived, customer did not answer"),
        at=MONDAY + hours(3),
    )
    cases.reopen(number, "customer called again: box was crushed", at=MONDAY + days(2))
    detail = cases.get_case(number)
    assert (detail.status, detail.reopen_count, detail.closed_at, detail.no_followup_reason) == (
        "investigating",
        1,
        None,
        "",
    )
    assert detail.due_at == MONDAY + days(2) + hours(48)  # a fresh promise from the reopening
    cases.agree_solution(number, Solution("compensation", 500, note="coupon ¥5 next order"), at=MONDAY + days(2))
    cases.start(number, at=MONDAY + days(2))
    cases.await_customer(number, "coupon sent, waiting for the customer to confirm", at=MONDAY + days(2))
    cases.close(number, satisfied(5), "coupon received", at=MONDAY + days(3))
    steps = [(e.from_status, e.to_status) for e in cases.timeline(number) if e.action == "status"]
    assert ("closed", "investigating") in steps
    assert cases.get_case(number).reopen_count == 1


def test_cases_are_numbered_in_sequence_and_each_step_follows_the_process(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    cases = shop.aftersales
    numbers = [cases.create_case(complaint(order), at=MONDAY).number for _ in range(3)]
    assert numbers == ["CS-000001", "CS-000002", "CS-000003"]
    with pytest.raises(IllegalCaseChange, match="Case CS-000002 is new; it cannot become in_progress"):
        cases.start("cs-000002", at=MONDAY)
    cases.confirm(2, at=MONDAY)  # "2" is CS-000002 too
    with pytest.raises(ShopDeskError, match="money is refunded once a solution is agreed"):
        cases.refund("CS-000002", 100, at=MONDAY)
    assert cases.get_case("CS-000002").status == "confirmed"


def test_closing_needs_the_result_told_and_a_follow_up_or_a_reason(shop: Shop) -> None:
    shop_with_mugs(shop)
    number = shop.aftersales.create_case(complaint(delivered_order(shop)), at=MONDAY).number
    before = aftersales_snapshot(shop)
    with pytest.raises(ShopDeskError, match="follow-up"):
        shop.aftersales.close(number, Closing(result_told=True), "told", at=MONDAY + hours(1))
    with pytest.raises(ShopDeskError, match="tell the customer the result"):
        shop.aftersales.close(number, Closing(result_told=False, satisfaction=5), at=MONDAY + hours(1))
    assert aftersales_snapshot(shop) == before


def test_a_due_time_in_the_past_is_refused_and_nothing_is_saved(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed) as given:
        shop.aftersales.create_case(complaint(order, due_at=MONDAY - hours(1)), at=MONDAY)
    assert [p.where for p in given.value.problems] == ["due_at"]
    assert "already past" in str(given.value)
    # An email that came in three days ago: its 48-hour deadline has passed, so the clerk must set one.
    with pytest.raises(ValidationFailed, match=r"normal deadline of 48 hours .* has passed: give a due time"):
        shop.aftersales.create_case(complaint(order, opened_at=MONDAY - days(3)), at=MONDAY)
    assert aftersales_snapshot(shop) == before
    late = shop.aftersales.create_case(
        complaint(order, opened_at=MONDAY - days(3), due_at=MONDAY + hours(8)), at=MONDAY
    )
    assert late.number == "CS-000001"  # the refused attempts took no number


def test_every_problem_of_a_new_case_is_listed_at_once(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2))
    bad = CaseDraft(
        channel="fax",
        case_class="weather",
        priority="whenever",
        demand="a pony",
        order=order,
        lines=[],
    )
    bad.lines = complaint(order, lines=((7, 1), (1, 3))).lines
    with pytest.raises(ValidationFailed) as given:
        shop.aftersales.create_case(bad, at=MONDAY)
    assert sorted(p.where for p in given.value.problems) == [
        "case_class",
        "channel",
        "demand",
        "line 1",
        "line 2: quantity",
        "priority",
    ]
    assert "has 2 unit(s) on the order" in str(given.value)


def test_comments_and_detail_changes_are_on_the_timeline(shop: Shop) -> None:
    shop_with_mugs(shop)
    number = shop.aftersales.create_case(complaint(delivered_order(shop)), at=MONDAY).number
    shop.aftersales.comment(number, "客户说包装完好 — box was fine", at=MONDAY + hours(1))
    shop.aftersales.update_details(number, {"sub_reason": "瑕疵 defect"}, reason="glaze fault, not transport")
    events = shop.aftersales.timeline(number)
    assert [(e.action, e.reason) for e in events][1] == ("comment", "客户说包装完好 — box was fine")
    assert events[2].changes == {"sub_reason": ["破损 damaged", "瑕疵 defect"]}
    assert shop.aftersales.get_case(number).sub_reason == "瑕疵 defect"


def test_the_customer_history_shows_orders_and_earlier_cases(shop: Shop) -> None:
    shop_with_mugs(shop)
    first = delivered_order(shop)
    second = delivered_order(shop, ("TEE", 1))
    shop.aftersales.create_case(complaint(first), at=MONDAY)
    customer = shop.aftersales.order_customer(second)
    assert customer is not None
    history = shop.aftersales.customer_history(customer)
    assert history.name == "张三"
    assert {o.number for o in history.orders} == {first, second}
    assert [(c.number, c.order_number) for c in history.cases] == [("CS-000001", first)]
    [row] = shop.aftersales.list_cases(CaseFilter(customer_id=customer))
    assert row.customer == "张*"  # lists show buyers masked
