"""Reading stock: balances per product, location and warehouse; value now, in the past, and roll-forward.

Stock value is the cost of everything the shop owns (bins, quarantine, in
transit). Now, it is the sum of the valuation rows; at any past moment, it is
the sum of the values of the moves that crossed into owned locations minus
those that crossed out, up to that moment. So the roll-forward
opening + in − out = closing holds exactly, to the minor unit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, case, func, select

from shopdesk.db.models import Location, Product, StockBalance, StockMove, StockTransfer, StockValuation
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import HELD_KINDS, PHYSICAL_KINDS, STOCK_KINDS, allocate, unit_cost
from shopdesk.services.stock_ledger import product_info

if TYPE_CHECKING:
    from decimal import Decimal

    from shopdesk.services.shop import Shop


@dataclass(frozen=True)
class LocationStock:
    path: str
    kind: str
    on_hand: int
    reserved: int
    available: int
    # The product's value shared out over its locations by quantity (adds up exactly);
    # None for a role without VIEW_COSTS, as in ProductStock and MoveRow.
    value: int | None


@dataclass(frozen=True)
class ProductStock:
    product_id: int
    sku: str
    on_hand: int  # in warehouses, zones and bins: what can be picked
    reserved: int
    available: int
    quarantine: int
    in_transit: int
    value: int | None  # everything owned: on hand, quarantine and in transit
    unit_cost: Decimal | None
    locations: list[LocationStock] = field(default_factory=list)  # warehouses, zones, bins: add up to on_hand
    held: list[LocationStock] = field(default_factory=list)  # quarantine and in transit: owned, available 0


@dataclass(frozen=True)
class WarehouseStock:
    warehouse: str
    on_hand: int
    reserved: int
    available: int


@dataclass(frozen=True)
class StockFigure:
    quantity: int
    value: int


@dataclass(frozen=True)
class RollForward:
    """Opening + in − out = closing for a period [start, end), by quantity and value."""

    start: datetime
    end: datetime
    opening: StockFigure
    incoming: StockFigure
    outgoing: StockFigure
    closing: StockFigure
    incoming_by_kind: dict[str, StockFigure]
    outgoing_by_kind: dict[str, StockFigure]

    @property
    def reconciles(self) -> bool:
        return (
            self.opening.quantity + self.incoming.quantity - self.outgoing.quantity == self.closing.quantity
            and self.opening.value + self.incoming.value - self.outgoing.value == self.closing.value
        )


@dataclass(frozen=True)
class PendingTransfer:
    id: int
    sku: str
    quantity: int
    from_path: str
    to_path: str
    sent_at: object
    user: str


@dataclass(frozen=True)
class MoveRow:
    id: int
    moved_at: datetime
    kind: str
    from_path: str
    to_path: str
    quantity: int
    value: int | None
    reason: str
    source: str
    user: str


_SRC = Location.__table__.alias("src")
_DST = Location.__table__.alias("dst")
_STOCK = tuple(sorted(STOCK_KINDS))


def _crossing():  # type: ignore[no-untyped-def]
    """+1 for a move into owned stock from outside, -1 for one leaving it, 0 inside or outside."""
    into = _DST.c.kind.in_(_STOCK) & _SRC.c.kind.not_in(_STOCK)
    out = _SRC.c.kind.in_(_STOCK) & _DST.c.kind.not_in(_STOCK)
    return case((into, 1), (out, -1), else_=0)


def _moves_with_locations(*columns):  # type: ignore[no-untyped-def]
    return (
        select(*columns)
        .select_from(StockMove)
        .join(_SRC, _SRC.c.id == StockMove.from_location_id)
        .join(_DST, _DST.c.id == StockMove.to_location_id)
    )


class StockQueries:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def product_stock(self, product: int | str) -> ProductStock:
        """On hand, reserved, available and value of one product, in total and per location.

        A role without VIEW_COSTS gets the quantities with no value and no unit cost.
        """
        with self.db.read() as conn:
            stock = product_stock(conn, product)
        if self.shop.can(Permission.VIEW_COSTS):
            return stock
        return replace(
            stock,
            value=None,
            unit_cost=None,
            locations=[replace(loc, value=None) for loc in stock.locations],
            held=[replace(loc, value=None) for loc in stock.held],
        )

    def warehouse_stock(self, product: int | str) -> list[WarehouseStock]:
        """On hand, reserved and available of a product per warehouse."""
        with self.db.read() as conn:
            info = product_info(conn, product)
            wh = Location.__table__.alias("wh")
            warehouse_id = func.coalesce(Location.warehouse_id, Location.id)
            rows = conn.execute(
                select(wh.c.path, func.sum(StockBalance.on_hand), func.sum(StockBalance.reserved))
                .select_from(StockBalance)
                .join(Location, Location.id == StockBalance.location_id)
                .join(wh, wh.c.id == warehouse_id)
                .where(StockBalance.product_id == info.id, Location.kind.in_(PHYSICAL_KINDS))
                .group_by(wh.c.path)
                .order_by(wh.c.path)
            )
            return [WarehouseStock(path, int(oh), int(rs), int(oh) - int(rs)) for path, oh, rs in rows]

    def location_stock(self, location: int | str) -> list[tuple[str, int, int, int]]:
        """(sku, on_hand, reserved, available) of every product with stock at a location."""
        from shopdesk.services.locations import resolve_location

        with self.db.read() as conn:
            loc = resolve_location(conn, location)
            rows = conn.execute(
                select(Product.sku, StockBalance.on_hand, StockBalance.reserved)
                .join(Product, Product.id == StockBalance.product_id)
                .where(StockBalance.location_id == loc.id)
                .where((StockBalance.on_hand != 0) | (StockBalance.reserved != 0))
                .order_by(Product.sku_key)
            )
            return [(sku, oh, rs, oh - rs) for sku, oh, rs in rows]

    def total_value(self) -> int:
        """The value of all stock now, from the valuation kept with every move (refused without VIEW_COSTS)."""
        self.shop.require(Permission.VIEW_COSTS, "see the stock value")
        with self.db.read() as conn:
            return int(conn.execute(select(func.coalesce(func.sum(StockValuation.value), 0))).scalar_one())

    def as_of(self, at: datetime, product: int | str | None = None) -> StockFigure:
        """Quantity and value of the stock owned at a moment (moves at or before `at`)."""
        with self.db.read() as conn:
            product_id = None if product is None else product_info(conn, product).id
            return _figure(conn, StockMove.moved_at <= at, product_id)

    def roll_forward(self, start: datetime, end: datetime, product: int | str | None = None) -> RollForward:
        """Opening at `start`, moves in and out during [start, end), closing at `end` — by move kind too."""
        with self.db.read() as conn:
            product_id = None if product is None else product_info(conn, product).id
            opening = _figure(conn, StockMove.moved_at < start, product_id)
            closing = _figure(conn, StockMove.moved_at < end, product_id)
            sign = _crossing()
            query = _moves_with_locations(
                StockMove.kind, sign.label("sign"), func.sum(StockMove.quantity), func.sum(StockMove.value)
            ).where(StockMove.moved_at >= start, StockMove.moved_at < end, sign != 0)
            if product_id is not None:
                query = query.where(StockMove.product_id == product_id)
            incoming: dict[str, StockFigure] = {}
            outgoing: dict[str, StockFigure] = {}
            for kind, direction, qty, value in conn.execute(query.group_by(StockMove.kind, sign)):
                (incoming if direction > 0 else outgoing)[kind] = StockFigure(int(qty), int(value))
        return RollForward(
            start,
            end,
            opening,
            _sum(incoming.values()),
            _sum(outgoing.values()),
            closing,
            incoming,
            outgoing,
        )

    def pending_transfers(self) -> list[PendingTransfer]:
        """Transfers still in transit, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(
                    StockTransfer.id,
                    Product.sku,
                    StockTransfer.quantity,
                    _SRC.c.path,
                    _DST.c.path,
                    StockTransfer.sent_at,
                    StockTransfer.user,
                )
                .join(Product, Product.id == StockTransfer.product_id)
                .join(_SRC, _SRC.c.id == StockTransfer.from_location_id)
                .join(_DST, _DST.c.id == StockTransfer.to_location_id)
                .where(StockTransfer.state == "in_transit")
                .order_by(StockTransfer.id)
            )
            return [PendingTransfer(*r) for r in rows]

    def history(self, product: int | str, limit: int = 200, offset: int = 0) -> list[MoveRow]:
        """The ledger of one product, newest first by when each move happened (then the later recorded);
        without VIEW_COSTS the moves have no value.

        A move can be recorded after one that happened later (a return booked days after it arrived, the
        demo's history, an import), so the order is by its time, not by its row id.
        """
        costs_shown = self.shop.can(Permission.VIEW_COSTS)
        with self.db.read() as conn:
            info = product_info(conn, product)
            rows = conn.execute(
                _moves_with_locations(
                    StockMove.id,
                    StockMove.moved_at,
                    StockMove.kind,
                    _SRC.c.path,
                    _DST.c.path,
                    StockMove.quantity,
                    StockMove.value,
                    StockMove.reason,
                    StockMove.source_type,
                    StockMove.source_number,
                    StockMove.user,
                )
                .where(StockMove.product_id == info.id)
                .order_by(StockMove.moved_at.desc(), StockMove.id.desc())
                .offset(offset)
                .limit(limit)
            )
            return [
                MoveRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] if costs_shown else None, r[7], r[9] or r[8], r[10])
                for r in rows
            ]


def _sum(figures) -> StockFigure:  # type: ignore[no-untyped-def]
    figures = list(figures)
    return StockFigure(sum(f.quantity for f in figures), sum(f.value for f in figures))


def _figure(conn: Connection, when, product_id: int | None) -> StockFigure:  # type: ignore[no-untyped-def]
    sign = _crossing()
    query = _moves_with_locations(
        func.coalesce(func.sum(sign * StockMove.quantity), 0), func.coalesce(func.sum(sign * StockMove.value), 0)
    ).where(when)
    if product_id is not None:
        query = query.where(StockMove.product_id == product_id)
    qty, value = conn.execute(query).one()
    return StockFigure(int(qty), int(value))


def product_stock(conn: Connection, product: int | str) -> ProductStock:
    info = product_info(conn, product)
    rows = conn.execute(
        select(Location.path, Location.kind, StockBalance.on_hand, StockBalance.reserved)
        .join(Location, Location.id == StockBalance.location_id)
        .where(StockBalance.product_id == info.id)
        .where((StockBalance.on_hand != 0) | (StockBalance.reserved != 0))
        .order_by(Location.kind.in_(tuple(HELD_KINDS)), Location.path)
    ).all()
    valuation = conn.execute(
        select(StockValuation.quantity, StockValuation.value).where(StockValuation.product_id == info.id)
    ).first()
    owned_qty, value = (valuation.quantity, valuation.value) if valuation else (0, 0)
    shares = allocate(value, [r.on_hand for r in rows])
    # Goods held in quarantine or in transit are owned (on hand there, with a value) but cannot be
    # picked or sold: nothing of them is available.
    every = [
        LocationStock(r.path, r.kind, r.on_hand, r.reserved, 0 if r.kind in HELD_KINDS else r.on_hand - r.reserved, v)
        for r, v in zip(rows, shares, strict=True)
    ]
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        group = r.kind if r.kind in HELD_KINDS else "physical"
        totals[group] += r.on_hand
        totals[group + "_reserved"] += r.reserved
    return ProductStock(
        info.id,
        info.sku,
        on_hand=totals["physical"],
        reserved=totals["physical_reserved"],
        available=totals["physical"] - totals["physical_reserved"],
        quarantine=totals["quarantine"],
        in_transit=totals["transit"],
        value=value,
        unit_cost=unit_cost(value, owned_qty),
        locations=[loc for loc in every if loc.kind not in HELD_KINDS],
        held=[loc for loc in every if loc.kind in HELD_KINDS],
    )
