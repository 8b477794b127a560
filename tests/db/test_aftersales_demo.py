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


@pytest.mark.slow
def test_each_case_tells_one_story_that_fits_what_was_bought(shop: Shop) -> None:
    from shopdesk.db.models import Category, Product
    from shopdesk.db.models.aftersales import CaseLine

    build_demo(shop, products=200, customers=50, orders=300, seed=3, now=NOW)
    with shop.db.read() as conn:
        cases = conn.execute(
            select(
                Case.number,
                Case.case_class,
                Case.sub_reason,
                Case.description,
                Case.demand,
                Case.solution_type,
                Category.path,
                Product.variant_label,
            )
            .join(CaseLine, CaseLine.case_id == Case.id)
            .join(SalesOrderLine, SalesOrderLine.id == CaseLine.order_line_id)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .join(Category, Category.id == Product.category_id)
        ).all()
    assert len(cases) >= 20
    sizes = {"S", "M", "L", "XL", "XXL", *(str(n) for n in range(28, 45))}
    for c in cases:
        said = c.description.lower()
        sized = c.path.startswith("服装/") and bool(sizes & {v.strip() for v in (c.variant_label or "").split("/")})
        # "Wrong size" only for clothes and shoes bought in a size, and only when the customer talks of the size.
        assert ("wrong size" in c.sub_reason) == ("尺码" in said or "size" in said), c
        assert sized or "wrong size" not in c.sub_reason, c
        # Broken on arrival is "damaged"; a skin reaction is about cosmetics; only electronics get repaired.
        if "broken" in said or "压坏" in said:
            assert "damaged" in c.sub_reason, c
        if "skin" in said:
            assert c.path.startswith("美妆个护/") and c.case_class == "quality", c
        assert "repair" not in (c.demand, c.solution_type) or c.path.startswith("数码配件/"), c
        # The customer's demand is what was agreed.
        assert c.solution_type in (None, "", c.demand), c
        # The class says what kind of problem it is.
        quality = {"damaged", "not as described", "defect", "skin reaction", "wrong size"}
        assert (c.case_class == "quality") == any(word in c.sub_reason for word in quality), c
