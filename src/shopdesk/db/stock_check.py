"""Reconcile the stock state with the ledger: every balance, reservation and valuation is recomputed from moves.

Called by `shopdesk db check` (db/migrate.py). Each difference becomes one line
saying which product, where, what the table says and what the moves add up to.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func, inspect, select

from shopdesk.db.models import (
    Location,
    Product,
    ShopSetting,
    StockBalance,
    StockCostLayer,
    StockMove,
    StockReservation,
    StockValuation,
)
from shopdesk.domain.stock import STOCK_KINDS

Key = tuple[int, int]


def _stock_location_ids(conn: Connection) -> set[int]:
    return set(conn.execute(select(Location.id).where(Location.kind.in_(tuple(STOCK_KINDS)))).scalars())


def _names(conn: Connection) -> tuple[dict[int, str], dict[int, str]]:
    skus = dict(
        conn.execute(
            select(Product.id, Product.sku).where(Product.id.in_(select(StockMove.product_id).distinct()))
        ).all()
    )
    paths = dict(conn.execute(select(Location.id, Location.path)).all())
    return skus, paths  # type: ignore[return-value]


def reconcile_stock(conn: Connection) -> list[str]:
    """Every difference between the stock tables and the sum of the stock moves (empty when all agree)."""
    if not inspect(conn).has_table("stock_move"):
        return []
    stock_ids = _stock_location_ids(conn)
    skus, paths = _names(conn)
    problems: list[str] = []

    # Balances: on hand = moves in - moves out, per product and stock location.
    from_moves: dict[Key, int] = defaultdict(int)
    for product_id, location_id, qty in conn.execute(
        select(StockMove.product_id, StockMove.to_location_id, func.sum(StockMove.quantity)).group_by(
            StockMove.product_id, StockMove.to_location_id
        )
    ):
        if location_id in stock_ids:
            from_moves[(product_id, location_id)] += int(qty)
    for product_id, location_id, qty in conn.execute(
        select(StockMove.product_id, StockMove.from_location_id, func.sum(StockMove.quantity)).group_by(
            StockMove.product_id, StockMove.from_location_id
        )
    ):
        if location_id in stock_ids:
            from_moves[(product_id, location_id)] -= int(qty)
    balances: dict[Key, tuple[int, int]] = {
        (p, loc): (oh, rs)
        for p, loc, oh, rs in conn.execute(
            select(StockBalance.product_id, StockBalance.location_id, StockBalance.on_hand, StockBalance.reserved)
        )
    }
    for key in sorted(set(from_moves) | set(balances)):
        product_id, location_id = key
        where = f"{skus.get(product_id, f'product {product_id}')} at {paths.get(location_id, location_id)}"
        on_hand = balances.get(key, (0, 0))[0]
        if location_id not in stock_ids and on_hand:
            problems.append(f"stock of {where}: a location that holds no stock has a balance of {on_hand}")
        elif on_hand != from_moves.get(key, 0):
            problems.append(
                f"stock of {where}: balance says {on_hand} on hand, the moves add up to {from_moves.get(key, 0)}"
            )

    # Reserved = the reservations held for documents.
    held: dict[Key, int] = {
        (p, loc): int(q)
        for p, loc, q in conn.execute(
            select(
                StockReservation.product_id, StockReservation.location_id, func.sum(StockReservation.quantity)
            ).group_by(StockReservation.product_id, StockReservation.location_id)
        )
    }
    for key in sorted(set(held) | {k for k, v in balances.items() if v[1]}):
        reserved = balances.get(key, (0, 0))[1]
        if reserved != held.get(key, 0):
            where = f"{skus.get(key[0], key[0])} at {paths.get(key[1], key[1])}"
            problems.append(f"reserved {where}: balance says {reserved}, the reservations add up to {held.get(key, 0)}")

    problems += _reconcile_valuation(conn, stock_ids, skus)
    return problems


def _reconcile_valuation(conn: Connection, stock_ids: set[int], skus: dict[int, str]) -> list[str]:
    problems: list[str] = []
    expected: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for product_id, src, dst, qty, value in conn.execute(
        select(
            StockMove.product_id,
            StockMove.from_location_id,
            StockMove.to_location_id,
            func.sum(StockMove.quantity),
            func.sum(StockMove.value),
        ).group_by(StockMove.product_id, StockMove.from_location_id, StockMove.to_location_id)
    ):
        sign = (dst in stock_ids) - (src in stock_ids)
        expected[product_id][0] += sign * int(qty)
        expected[product_id][1] += sign * int(value)
    kept = {
        p: (q, v)
        for p, q, v in conn.execute(select(StockValuation.product_id, StockValuation.quantity, StockValuation.value))
    }
    for product_id in sorted(set(expected) | set(kept)):
        want = tuple(expected.get(product_id, (0, 0)))
        have = kept.get(product_id, (0, 0))
        if have != want:
            problems.append(
                f"valuation of {skus.get(product_id, product_id)}: kept as {have[0]} units worth {have[1]}, "
                f"the moves add up to {want[0]} units worth {want[1]} (minor units)"
            )
    method = conn.execute(select(ShopSetting.value).where(ShopSetting.key == "valuation")).scalar()
    if method == "fifo":
        layers = {
            p: (int(q), int(v))
            for p, q, v in conn.execute(
                select(
                    StockCostLayer.product_id,
                    func.sum(StockCostLayer.remaining_qty),
                    func.sum(StockCostLayer.remaining_value),
                ).group_by(StockCostLayer.product_id)
            )
        }
        for product_id in sorted(set(layers) | set(kept)):
            if layers.get(product_id, (0, 0)) != kept.get(product_id, (0, 0)):
                problems.append(
                    f"FIFO layers of {skus.get(product_id, product_id)} hold {layers.get(product_id, (0, 0))} "
                    f"(units, value), the valuation says {kept.get(product_id, (0, 0))}"
                )
    allow_negative = conn.execute(select(ShopSetting.value).where(ShopSetting.key == "allow_negative_stock")).scalar()
    if not allow_negative:
        for product_id, location_id, on_hand in conn.execute(
            select(StockBalance.product_id, StockBalance.location_id, StockBalance.on_hand).where(
                StockBalance.on_hand < 0
            )
        ):
            problems.append(
                f"stock of {skus.get(product_id, product_id)} is negative ({on_hand}) at location {location_id}"
            )
    return problems
