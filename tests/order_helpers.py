"""Small builders for order tests: an address, a draft, a stocked shop, and the reservation invariant."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import func, select

from shopdesk.db.models import StockBalance, StockReservation
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.domain.orders import HOLDS_RESERVATION
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, new_product

SHANGHAI = ShipTo("张三", "13812345678", "CN", "上海市", "上海市", "浦东新区", "世纪大道100号", "200120")
NANJING = ShipTo("李四", "13900001111", "CN", "江苏省", "南京市", "鼓楼区", "中山路1号", "210000")


def draft(*lines: tuple[str, int] | OrderLineDraft, ship_to: ShipTo = SHANGHAI, **overrides: object) -> OrderDraft:
    """An order to Shanghai with the given lines: ("MUG", 2) or full OrderLineDrafts."""
    built = [line if isinstance(line, OrderLineDraft) else OrderLineDraft(line[0], line[1]) for line in lines]
    return OrderDraft(lines=built, ship_to=ship_to, **overrides)  # type: ignore[arg-type]


def elsewhere(ship_to: ShipTo, street: str) -> ShipTo:
    return replace(ship_to, street=street)


def stocked_shop(shop: Shop, stock: dict[str, int] | None = None, *, price: int = 2500, cost: int = 1000) -> Shop:
    """Two warehouses (WH1 bins A-01, A-02; WH2 bin B-01); products MUG and TEE; stock in WH1/A/A-01.

    `stock` maps SKU -> units received into WH1/A/A-01 (default: 10 of each).
    """
    build_layout(shop)
    for sku in ("MUG", "TEE"):
        new_product(shop, sku, price=price, cost=cost)
    for sku, units in (stock if stock is not None else {"MUG": 10, "TEE": 10}).items():
        if units:
            shop.inventory.receive(sku, units, "WH1/A/A-01", unit_cost=cost)
    return shop


def lenient_rules(shop: Shop) -> None:
    """Review rules that hold nothing, for tests about allocation and shipping."""
    from shopdesk.domain.review import ReviewRules

    shop.order_flow.set_review_rules(
        ReviewRules(burst_orders=0, max_amount=None, hold_on_remark=False, check_address=False, hold_on_shortage=False)
    )


def reservation_problems(shop: Shop) -> list[str]:
    """Where the stock held differs from what the allocated/picked/packed orders ask for (empty: all is well)."""
    problems = []
    holding = [s.value for s in HOLDS_RESERVATION]
    with shop.db.read() as conn:
        wanted: dict[int, int] = defaultdict(int)
        for product_id, qty in conn.execute(
            select(SalesOrderLine.product_id, func.sum(SalesOrderLine.quantity))
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.status.in_(holding))
            .group_by(SalesOrderLine.product_id)
        ):
            wanted[product_id] = int(qty)
        reserved = dict(
            conn.execute(
                select(StockBalance.product_id, func.sum(StockBalance.reserved)).group_by(StockBalance.product_id)
            ).all()
        )
        for product_id in set(wanted) | set(reserved):
            if int(reserved.get(product_id) or 0) != wanted.get(product_id, 0):
                problems.append(
                    f"product {product_id}: {reserved.get(product_id) or 0} reserved, orders hold {wanted.get(product_id, 0)}"
                )
        per_order = dict(
            conn.execute(
                select(StockReservation.source_id, func.sum(StockReservation.quantity)).group_by(
                    StockReservation.source_id
                )
            ).all()
        )
        for order_id, status, units in conn.execute(
            select(SalesOrder.id, SalesOrder.status, func.sum(SalesOrderLine.quantity))
            .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
            .group_by(SalesOrder.id, SalesOrder.status)
        ):
            held = int(per_order.get(order_id) or 0)
            expected = int(units) if status in holding else 0
            if held != expected:
                problems.append(f"order {order_id} ({status}): holds {held}, should hold {expected}")
        negative = conn.execute(select(func.count()).select_from(StockBalance).where(StockBalance.on_hand < 0)).scalar()
        if negative:
            problems.append(f"{negative} balance(s) below zero")
    return problems
