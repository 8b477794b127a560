"""What a customer spent: paid or shipped purchases less refunds, the same on the Customers tab and in the
segments report, which also counts the customers who never bought (the tab's "never bought" filter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import time_machine

from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.services.customers import CustomerFilter, Customers
from shopdesk.services.reports import ReportParams, Reports
from tests.order_helpers import draft
from tests.reports.shop_month import WANG, ZHANG, build_october

NOVEMBER_10 = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC)
QIAN = replace(WANG, name="钱七", phone="13500004444")


def test_unpaid_orders_not_shipped_are_not_spent_and_both_views_agree(shop) -> None:
    build_october(shop)
    with time_machine.travel(NOVEMBER_10, tick=True):
        customers = Customers(shop)
        before = {r.name: (r.orders, r.spent) for r in customers.page()}
        # 张三 orders again but has not paid (confirmed, waiting); 钱七's only order is unpaid too.
        shop.orders.create_order(draft(OrderLineDraft("MUG", 1), ship_to=ZHANG, payment_status="unpaid"), confirm=True)
        shop.orders.create_order(draft(OrderLineDraft("PEN", 1), ship_to=QIAN, payment_status="unpaid"), confirm=True)
        rows = {r.name: r for r in customers.page()}
        # By hand: 张三 A (105.00) + C (100.00) − 60.00 refunded = 145.00 over 2 orders, the unpaid 25.00 left out.
        assert (rows["张三"].orders, rows["张三"].spent) == before["张三"] == (2, 14500)
        assert (rows["钱七"].orders, rows["钱七"].spent, rows["钱七"].segment) == (0, 0, "")
        assert [r.name for r in customers.page(CustomerFilter(segment="none"))] == ["钱七"]

        reports = Reports(shop)
        rfm = {r.customer_id: (r.orders, r.spent) for r in reports.rfm(NOVEMBER_10, mask=False)}
        assert rfm == {r.id: (r.orders, r.spent) for r in rows.values() if r.orders}
        report = reports.run("segments", ReportParams(at=NOVEMBER_10))
        summary = {r[0]: r[1:] for r in report.table("Customer segments").rows}
        # Every customer the tab lists is in one segment; 钱七 is the one who never bought, with nothing spent.
        assert sum(v[0] for v in summary.values()) == customers.count() == 5
        assert summary["never bought"][0] == customers.count(CustomerFilter(segment="none")) == 1
        assert summary["never bought"][2:4] == (0, 0)
        assert sum(v[3] for v in summary.values()) == sum(r.spent for r in rows.values())
        assert "paid or shipped" in report.table("Customer segments").notes[0]
