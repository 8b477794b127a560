"""Opening stock for a demo shop: default bins and opening balances, for services/demo.py to call.

In the demo's own transaction: `opening_stock(conn, rng, user=..., product_ids=..., bins_by_warehouse=...)`;
on its own: `seed_opening_stock(shop, rng, product_ids, bins_by_warehouse)`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Table, func, insert, select

from shopdesk.db.models import Location, Product, ProductWarehouse, StockBalance, StockLevel
from shopdesk.domain.stock import MoveKind
from shopdesk.services.stock_bulk import ReceiptLine, receive_lines
from shopdesk.services.stock_sql import insert_ignore

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


@dataclass(frozen=True)
class OpeningStockSummary:
    default_bins: int
    moves: int
    units: int
    value: int  # minor units


# What the order history (services/demo_orders.py) sells: order lines per order and units per line, on average.
LINES_PER_ORDER = 1.6
UNITS_PER_LINE = 1.36
SALES_DAYS = 90
EXPECTED_ORDERS = 400  # a demo without orders is stocked as if it will sell this many


def sales_weights(count: int) -> list[float]:
    """How much the products sell, best seller first: a few best sellers, a long tail (demo_orders._plan)."""
    return [1 / (rank + 1) ** 0.9 for rank in range(count)]


def opening_stock(
    conn: Connection,
    rng: random.Random,
    *,
    user: str,
    product_ids: Sequence[int],
    bins_by_warehouse: Sequence[Sequence[int]],
    moved_at: datetime | None = None,
    expected_orders: int = EXPECTED_ORDERS,
) -> OpeningStockSummary:
    """Give every product a default bin in each warehouse, and most of them opening stock there.

    The shop holds what it expects to sell: the seed picks which products sell
    best, and each gets 1½–3 months of its expected sales (`expected_orders` over
    90 days, with the order stage's weights) in the first warehouse, at least a
    few units; the long tail gets 1–6 units, some of which will not sell at all
    (slow movers, dead stock). About one product in twelve starts at zero, so the
    shop has something to reorder; a quarter of the stocked ones also have a few
    units in the second warehouse. The order stage (services/demo_orders.py)
    ranks best sellers by what they opened with, so stock and sales agree.
    Valued at the product's cost (or 40–60% of its price when it has none).
    Same generator state, same stock.
    """
    warehouses = [list(b) for b in bins_by_warehouse if b]
    if not warehouses or not product_ids:
        return OpeningStockSummary(0, 0, 0, 0)
    warehouse_of = dict(
        select_pairs(
            conn, select(Location.id, Location.warehouse_id).where(Location.id.in_([w[0] for w in warehouses]))
        )
    )
    costs = dict(select_pairs(conn, select(Product.id, Product.cost).where(Product.id.in_(list(product_ids)))))
    prices = dict(select_pairs(conn, select(Product.id, Product.price).where(Product.id.in_(list(product_ids)))))
    ranked = list(product_ids)
    rng.shuffle(ranked)  # which products sell best is the seed's choice, not the catalogue's order
    weights = sales_weights(len(ranked))
    monthly_units = max(expected_orders, 0) * LINES_PER_ORDER * UNITS_PER_LINE * 30 / SALES_DAYS / sum(weights)
    expected = {product_id: weight * monthly_units for product_id, weight in zip(ranked, weights, strict=True)}
    defaults: list[dict[str, int]] = []
    lines: list[ReceiptLine] = []
    for product_id in product_ids:
        chosen = [rng.choice(bins) for bins in warehouses]
        defaults += [
            {"product_id": product_id, "warehouse_id": warehouse_of[bins[0]], "default_bin_id": bin_id}
            for bins, bin_id in zip(warehouses, chosen, strict=True)
        ]
        unit_cost = costs.get(product_id) or round(prices.get(product_id, 0) * rng.uniform(0.4, 0.6))
        if rng.random() < 11 / 12:
            months = rng.uniform(1.5, 3.0)
            quantity = max(rng.randint(1, 6), min(150, round(expected[product_id] * months)))
            lines.append(ReceiptLine(product_id, quantity, chosen[0], quantity * unit_cost))
            if len(chosen) > 1 and rng.random() < 0.25:
                quantity = rng.randint(1, max(2, quantity // 3))
                lines.append(ReceiptLine(product_id, quantity, chosen[1], quantity * unit_cost))
    insert_ignore(conn, cast(Table, ProductWarehouse.__table__), defaults, ["product_id", "warehouse_id"])
    receive_lines(conn, user, lines, reason="opening stock", kind=MoveKind.OPENING, moved_at=moved_at)
    return OpeningStockSummary(
        len(defaults), len(lines), sum(line.quantity for line in lines), sum(line.value for line in lines)
    )


def stock_levels(conn: Connection, rng: random.Random, product_ids: Sequence[int]) -> int:
    """Safety stock and a warning line (预警线) for about two products in three, as a shop sets them.

    The warning line is 20–40% of what the product opened with (about a month of its
    sales, since the demo opens with 1.5–3 months), at least 1; the safety stock half
    of it. A product that opened with nothing gets a line of 1–3, so it shows among the
    low-stock alerts at once. Returns how many were set.
    """
    opened = dict(
        select_pairs(
            conn,
            select(StockBalance.product_id, func.sum(StockBalance.on_hand)).group_by(StockBalance.product_id),
        )
    )
    rows = []
    for product_id in product_ids:
        if rng.random() >= 2 / 3:
            continue
        quantity = int(opened.get(product_id) or 0)
        line = max(1, round(quantity * rng.uniform(0.2, 0.4))) if quantity else rng.randint(1, 3)
        rows.append({"product_id": product_id, "warning_line": line, "safety_stock": line // 2})
    if rows:
        conn.execute(insert(StockLevel), rows)
    return len(rows)


def select_pairs(conn: Connection, query) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(a, b) for a, b in conn.execute(query)]


def seed_opening_stock(
    shop: Shop, rng: random.Random, product_ids: Sequence[int], bins_by_warehouse: Sequence[Sequence[int]]
) -> OpeningStockSummary:
    """opening_stock() in a unit of work of its own."""
    with shop.db.uow() as uow:
        summary = opening_stock(
            uow.session.connection(), rng, user=shop.user, product_ids=product_ids, bins_by_warehouse=bins_by_warehouse
        )
        uow.commit()
        return summary
