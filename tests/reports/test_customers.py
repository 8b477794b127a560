"""The Customers tab's service and the Dashboard's figures over the hand-computed October."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from shopdesk.db.models import AuditEvent, Customer
from shopdesk.db.models.aftersales import Case
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import ValidationFailed
from shopdesk.reports.analytics import SegmentRules
from shopdesk.services.customers import CustomerFilter, Customers, normalized_phone
from shopdesk.services.dashboard import Dashboard
from shopdesk.services.parties import CustomerDraft
from shopdesk.services.reports import Reports
from tests.reports.shop_month import ZHANG, at, build_october

NOVEMBER_10 = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def customers(shop):
    build_october(shop)
    with time_machine.travel(NOVEMBER_10, tick=True):
        yield Customers(shop)


def test_the_list_shows_what_each_customer_bought_with_phones_masked(customers) -> None:
    rows = {r.name: r for r in customers.page()}
    zhang = rows["张三"]
    # A (105.00) and C (100.00), less the 60.00 refunded; one case.
    assert (zhang.orders, zhang.spent, zhang.average_order_value, zhang.cases) == (2, 14500, 7250, 1)
    assert zhang.last_order == at(10, 20) and zhang.phone == "138****5678" and zhang.region == "上海市"
    # On 10 November: 张三's first order (5 Oct) is 36 days old: active; the others bought within 30 days: new.
    assert {name: r.segment for name, r in rows.items()} == {
        "张三": "active",
        "李四": "new",
        "王五": "new",
        "赵六": "new",
    }
    assert customers.count(CustomerFilter(segment="new")) == 3
    assert [r.name for r in customers.page(CustomerFilter(segment="active"))] == ["张三"]
    assert [r.name for r in customers.page(CustomerFilter(sort="spent", descending=True))][:2] == ["张三", "李四"]


def test_search_by_name_phone_or_order_number(customers) -> None:
    order_b = customers.shop.orders.list_orders()[-2].number  # the second order: 李四's
    assert [r.name for r in customers.page(CustomerFilter(text="张"))] == ["张三"]
    assert [r.name for r in customers.page(CustomerFilter(text="1390000"))] == ["李四"]
    assert [r.name for r in customers.page(CustomerFilter(text=order_b.lower()))] == ["李四"]
    assert customers.count(CustomerFilter(text="nobody")) == 0


def test_high_value_customers_are_marked_by_the_shops_rule(customers) -> None:
    Reports(customers.shop).set_segment_rules(SegmentRules(high_value_spent=100))
    assert [r.name for r in customers.page(CustomerFilter(high_value_only=True))] == ["张三"]
    assert customers.detail(customers.page(CustomerFilter(text="张"))[0].id).row.high_value


def test_the_customer_page_has_phones_in_full_orders_and_cases(customers) -> None:
    zhang = customers.page(CustomerFilter(text="张"))[0]
    detail = customers.detail(zhang.id)
    assert detail.phones == [ZHANG.phone]
    assert len(detail.orders) == 2 and [c.case_class for c in detail.cases] == ["quality"]


def test_merging_a_duplicate_moves_orders_and_cases_and_is_audited(customers) -> None:
    shop = customers.shop
    twin = shop.parties.create_customer(CustomerDraft("张三 (淘宝)", phones=["+86 138-1234-5678"], channel="taobao"))
    shop.parties.create_customer(CustomerDraft("someone else", phones=["13512345678"]))
    assert normalized_phone("+86 138-1234-5678") == normalized_phone("13812345678")
    groups = customers.duplicates()
    assert len(groups) == 1 and groups[0].phone == "138****5678"
    keep, other = groups[0].customers[0][0], twin
    assert groups[0].customers[0][2] == 2  # the one with the orders first
    customers.set_tags(other, ["VIP"])

    result = customers.merge(keep, [other], reason="same person, two channels")
    assert (result.kept, result.merged) == (keep, [other])
    with shop.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(Customer).where(Customer.id == other)).scalar_one() == 0
        assert (
            conn.execute(
                select(func.count()).select_from(SalesOrder).where(SalesOrder.customer_id == keep)
            ).scalar_one()
            == 2
        )
        assert conn.execute(select(func.count()).select_from(Case).where(Case.customer_id == keep)).scalar_one() == 1
        events = conn.execute(
            select(AuditEvent.entity_id, AuditEvent.reason).where(AuditEvent.action == "merged").order_by(AuditEvent.id)
        ).all()
    assert [e.entity_id for e in events] == [other, keep] and events[0].reason == "same person, two channels"
    detail = customers.detail(keep)
    assert detail.row.tags == ("VIP",) and detail.phones == [ZHANG.phone]  # one phone, typed two ways
    assert customers.duplicates() == []


def test_merging_nothing_or_strangers_is_refused(customers) -> None:
    keep = customers.page()[0].id
    with pytest.raises(ValidationFailed):
        customers.merge(keep, [keep])
    with pytest.raises(Exception, match="No customer"):
        customers.merge(keep, [999_999])


def test_the_dashboard_counts_what_needs_doing_and_the_last_30_days(customers) -> None:
    figures = Dashboard(customers.shop).figures()
    work, sales = figures.work, figures.sales
    # D (王五) is allocated: to ship. The case's due time passed in October: overdue.
    assert (work.to_review, work.to_ship, work.overdue_cases, work.open_cases) == (0, 1, 1, 1)
    # Placed since 12 October: B 50.00, C 100.00, D 25.00, E 25.00; in the last 7 days nothing.
    assert len(sales.days) == 30 and sales.days[-1].day == dt.date(2026, 11, 10)
    assert sales.sales_since(30) == 5000 + 10000 + 2500 + 2500 and sales.orders_since(30) == 4
    assert sales.sales_since(7) == 0 and sales.top_products == []
    # On 5 November the week's best seller is the MUG of order E (3 November).
    week = Dashboard(customers.shop).sales(dt.datetime(2026, 11, 5, 12, tzinfo=dt.UTC))
    assert [(p.sku, p.units, p.sales) for p in week.top_products] == [("MUG", 1, 2500)]
    assert week.sales_since(7) == 2500 and week.days[-1].day == dt.date(2026, 11, 5)
