"""The demo's after-sales cases: every state, a few overdue, returns and refunds that add up, two languages."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from shopdesk.db.models import StockMove
from shopdesk.db.models.aftersales import Case, ReturnReceipt
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.db.stock_check import reconcile_stock
from shopdesk.domain.aftersales import CaseStatus
from shopdesk.services.aftersales_views import CaseFilter
from shopdesk.services.demo import build_demo
from shopdesk.services.demo_cases import seed_cases
from shopdesk.services.shop import Shop

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.mark.slow
def test_the_demo_has_cases_in_every_state_with_returns_and_refunds_in_both_languages(shop: Shop) -> None:
    build_demo(shop, products=80, seed=11, now=NOW)
    summary = seed_cases(shop, random.Random(4), count=40, now=NOW)
    assert summary.cases == 40
    assert set(summary.by_status) == {s.value for s in CaseStatus}
    assert 1 <= summary.overdue <= 10  # a few, not most
    assert shop.aftersales.count_cases(CaseFilter(due="overdue", now=NOW)) == summary.overdue
    assert summary.returned_units > 0 and summary.refunded > 0 and summary.replacement_orders > 0

    with shop.db.read() as conn:
        descriptions = list(conn.execute(select(Case.description)).scalars())
        reopened = conn.execute(select(func.count()).select_from(Case).where(Case.reopen_count > 0)).scalar_one()
        refunded = conn.execute(select(func.coalesce(func.sum(OrderRefund.amount), 0))).scalar_one()
        returned = conn.execute(
            select(func.coalesce(func.sum(ReturnReceipt.quantity), 0)).where(ReturnReceipt.disposition != "lost")
        ).scalar_one()
        over_refunded = conn.execute(
            select(func.count())
            .select_from(SalesOrder)
            .where(
                SalesOrder.paid_amount
                < select(func.coalesce(func.sum(OrderRefund.amount), 0))
                .where(OrderRefund.order_id == SalesOrder.id)
                .scalar_subquery()
            )
        ).scalar_one()
    assert any(re.search(r"[\u4e00-\u9fff]", d) for d in descriptions)
    assert any(re.fullmatch(r"[A-Za-z ,'.]+", d) for d in descriptions)
    assert reopened >= 1
    assert (refunded, returned) == (summary.refunded, summary.returned_units)
    assert over_refunded == 0
    with shop.db.read() as conn:
        assert reconcile_stock(conn) == []  # every return is a stock move the balances agree with
        # One return, one date: its stock moves are dated when it came back, after the order shipped.
        dated = conn.execute(
            select(ReturnReceipt.received_at, StockMove.moved_at, SalesOrder.shipped_at)
            .join(StockMove, StockMove.id == ReturnReceipt.move_id)
            .join(SalesOrderLine, SalesOrderLine.id == ReturnReceipt.order_line_id)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        ).all()
    assert dated and all(received == moved > shipped for received, moved, shipped in dated)
    analysis = shop.aftersales.analyse(datetime(2026, 9, 1, tzinfo=UTC), NOW, now=NOW)
    assert analysis.cases == 40 and analysis.satisfaction.scored > 0
