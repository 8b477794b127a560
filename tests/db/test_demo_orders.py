"""The demo's 90 days of orders: every state, stock that adds up, dated history, the same history for the same seed."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shopdesk.db import migrate
from shopdesk.db.models import AuditEvent, PurchaseOrder, StockMove, Stocktake
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.services.demo import build_demo
from shopdesk.services.shop import Shop
from tests.order_helpers import reservation_problems

NOW = datetime(2026, 3, 18, 6, 30, tzinfo=UTC)  # a Wednesday afternoon in Shanghai
EVERY_STATE = {
    "draft",
    "confirmed",
    "on_hold",
    "allocated",
    "picked",
    "packed",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
}


def demo(shop: Shop, orders: int = 120, seed: int = 42) -> None:
    build_demo(shop, products=150, customers=40, orders=orders, seed=seed, now=NOW)


def test_ninety_days_of_orders_in_every_state_with_stock_that_adds_up(shop: Shop) -> None:
    demo(shop)
    with shop.db.read() as conn:
        states = Counter(conn.execute(select(SalesOrder.status).where(SalesOrder.channel != "aftersales")).scalars())
        held = conn.execute(select(SalesOrder.hold_reasons).where(SalesOrder.status == "on_hold")).scalars().all()
        channels = set(conn.execute(select(SalesOrder.channel)).scalars())
        placed = conn.execute(select(func.min(SalesOrder.placed_at), func.max(SalesOrder.placed_at))).one()
    assert sum(states.values()) == 120
    assert set(states) == EVERY_STATE
    assert states["completed"] > states["allocated"] > states["on_hold"] >= 3
    # Each order on hold says why, with the review rules' own reasons.
    reasons = {r["code"] for reasons in held for r in reasons}
    assert all(held) and {"burst", "blocked_phone", "address_suspicious"} <= reasons
    assert {"manual", "phone", "woocommerce", "taobao", "pinduoduo"} <= channels
    assert NOW - timedelta(days=90) <= placed[0] and placed[1] < NOW

    # What allocated, picked and packed orders hold is exactly what is reserved.
    assert reservation_problems(shop) == []
    assert migrate.check(shop.db).ok

    # Every shipped line left with its cost of goods, equal to its order's shipment moves.
    with shop.db.read() as conn:
        gone = ("shipped", "delivered", "completed")
        lines = conn.execute(
            select(SalesOrder.number, SalesOrderLine.quantity, SalesOrderLine.qty_shipped, SalesOrderLine.cost_of_goods)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.status.in_(gone), SalesOrder.channel != "aftersales")
        ).all()
        moved = dict(
            conn.execute(
                select(StockMove.source_number, func.sum(StockMove.value))
                .where(StockMove.kind == "shipment")
                .group_by(StockMove.source_number)
            ).all()
        )
    assert lines and all(shipped == qty and cost > 0 for _, qty, shipped, cost in lines)
    per_order: Counter[str] = Counter()
    for number, _, _, cost in lines:
        per_order[number] += cost
    assert all(moved[number] == cost for number, cost in per_order.items())


def test_the_history_is_dated_when_it_happened_so_last_month_has_a_month_end(shop: Shop) -> None:
    demo(shop)
    month_start, month_end = datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)
    with shop.db.read() as conn:
        kinds = Counter(
            conn.execute(
                select(StockMove.kind).where(StockMove.moved_at >= month_start, StockMove.moved_at < month_end)
            ).scalars()
        )
        shipped = conn.execute(
            select(func.count())
            .select_from(SalesOrder)
            .where(SalesOrder.shipped_at >= month_start, SalesOrder.shipped_at < month_end)
        ).scalar_one()
        received = conn.execute(
            select(func.count()).select_from(PurchaseOrder).where(PurchaseOrder.status == "received")
        ).scalar_one()
        still_coming = conn.execute(
            select(func.count()).select_from(PurchaseOrder).where(PurchaseOrder.status == "ordered")
        ).scalar_one()
        posted = conn.execute(select(Stocktake.posted_at).where(Stocktake.status == "posted")).scalars().all()
        # A timeline is in order of time: created before shipped, each step at its own moment.
        steps = conn.execute(
            select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.id)
            .where(AuditEvent.entity == "order")
            .order_by(AuditEvent.entity_id, AuditEvent.id)
        ).all()
        future = conn.execute(select(func.count()).select_from(StockMove).where(StockMove.moved_at > NOW)).scalar()
    assert kinds["shipment"] > 10 and kinds["receipt"] > 0 and kinds["adjustment"] > 0
    assert shipped > 5 and received >= 2 and still_coming >= 1
    assert len(posted) == 1 and month_start <= posted[0] < month_end
    assert future == 0
    by_order: dict[int, list[datetime]] = {}
    for order_id, at, _ in steps:
        by_order.setdefault(order_id, []).append(at)
    assert all(times == sorted(times) for times in by_order.values())
    assert len({times[0].date() for times in by_order.values()}) > 30  # orders came in over many days


def test_the_same_seed_lives_the_same_history(request: pytest.FixtureRequest, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from shopdesk.db.database import Database
    from tests.conftest import fresh_database_url

    histories = []
    for n in range(2):
        folder = tmp_path / str(n)
        folder.mkdir()
        shop = Shop(Database(fresh_database_url("sqlite", request, folder)), user="tester")
        demo(shop, orders=60, seed=7)
        with shop.db.read() as conn:
            histories.append(
                conn.execute(
                    select(
                        SalesOrder.number,
                        SalesOrder.status,
                        SalesOrder.total,
                        SalesOrder.tracking_no,
                        SalesOrder.placed_at,
                        SalesOrder.shipped_at,
                    ).order_by(SalesOrder.id)
                ).all()
                + conn.execute(
                    select(StockMove.product_id, StockMove.quantity, StockMove.value, StockMove.moved_at)
                    .where(StockMove.moved_at < NOW - timedelta(days=1))
                    .order_by(StockMove.id)
                ).all()
            )
        shop.close()
    assert histories[0] == histories[1]
    assert len(histories[0]) > 60


def test_the_shop_holds_what_it_sells_best_sellers_opened_with_most(shop: Shop) -> None:
    # 150 products, 120 orders: the opening stock is a few months of sales, not years, and follows the sales.
    demo(shop)
    with shop.db.read() as conn:
        opening = dict(
            conn.execute(
                select(StockMove.product_id, func.sum(StockMove.quantity))
                .where(StockMove.kind == "opening")
                .group_by(StockMove.product_id)
            ).all()
        )
        opening_value = conn.execute(select(func.sum(StockMove.value)).where(StockMove.kind == "opening")).scalar_one()
        sold = dict(
            conn.execute(
                select(StockMove.product_id, func.sum(StockMove.quantity))
                .where(StockMove.kind == "shipment")
                .group_by(StockMove.product_id)
            ).all()
        )
        cost_of_goods = conn.execute(select(func.sum(StockMove.value)).where(StockMove.kind == "shipment")).scalar_one()
    # Months of sales, not years (it was ~19 times the 90 days' cost of goods). With 120 orders over 150
    # products most sell less than one unit a month, and the long tail still holds a few units each.
    assert 0 < opening_value <= 3 * cost_of_goods
    best = sorted(sold, key=lambda p: -sold[p])[:5]
    tail = [p for p in opening if p not in sold]  # opened with stock, never sold: the dead stock
    assert tail  # 120 orders leave many of them: the 300-product, 400-order demo has about a third of them dead
    assert min(opening.get(p, 0) for p in best) > max(opening[p] for p in tail) / 2
    assert sum(opening.get(p, 0) for p in best) / 5 > 3 * sum(opening[p] for p in tail) / len(tail)


def test_parcels_abroad_go_with_an_international_carrier_even_on_labels_printed_before_they_ship(shop: Shop) -> None:
    from shopdesk.services.fulfilment_documents import FulfilmentDocuments

    domestic = {"顺丰速运", "中通快递", "圆通速递", "韵达快递", "申通快递", "京东物流"}
    international = {"EMS", "DHL Express"}
    build_demo(shop, products=150, customers=60, orders=200, seed=5, now=NOW)
    with shop.db.read() as conn:
        parcels = conn.execute(
            select(SalesOrder.number, SalesOrder.ship_country, SalesOrder.status, SalesOrder.carrier).where(
                SalesOrder.status.in_(("allocated", "picked", "packed", "shipped", "delivered", "completed"))
            )
        ).all()
    abroad = [p for p in parcels if p.ship_country != "CN"]
    at_home = [p for p in parcels if p.ship_country == "CN" and p.carrier]
    assert abroad and at_home
    assert all(p.carrier in international for p in abroad), [p for p in abroad if p.carrier not in international]
    assert all(p.carrier in domestic for p in at_home)
    # The shop's default carrier is a domestic courier; a label for a parcel abroad that has not left yet
    # still names the international carrier booked for it.
    waiting = [p.number for p in abroad if p.status in ("allocated", "picked", "packed")]
    assert waiting
    labels = FulfilmentDocuments(shop).labels(waiting)
    assert {label.carrier for label in labels} <= international
    assert all(label.tracking_number for label in labels)


def test_the_summary_counts_every_order_in_the_shop_replacements_apart(shop: Shop) -> None:
    summary = build_demo(shop, products=150, customers=40, orders=120, seed=42, now=NOW)
    history = summary.order_history
    with shop.db.read() as conn:
        channels = Counter(conn.execute(select(SalesOrder.channel)).scalars())
    replacements = channels.pop("aftersales", 0)
    assert replacements > 0  # exchanges and resends sent goods again: orders the 120 did not count
    assert history["replacement_orders"] == replacements == sum(history["replacement_by_status"].values())
    # The orders the summary names are all the customers' orders in the shop, and their states add up to them.
    assert summary.orders == history["orders"] == sum(channels.values()) == sum(history["by_status"].values())
