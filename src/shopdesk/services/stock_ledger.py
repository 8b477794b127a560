"""Posting stock moves: the one place where balances, reservations and valuation change.

A Ledger works inside the caller's transaction. For each move it
1. locks the product's valuation row (SELECT … FOR UPDATE on PostgreSQL; SQLite
   writers already hold the database lock from BEGIN IMMEDIATE), so moves of one
   product are serialised and always lock rows in the same order (no deadlocks);
2. takes the quantity out of the source balance with ONE conditional UPDATE
   whose row count decides (no oversell, whatever runs at the same time);
3. values the move (domain.stock), adds to the destination balance, inserts
   the move, and updates the valuation (and FIFO layers).
Any failure raises, and the caller's transaction rolls back as a whole.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update

from shopdesk.db.models import (
    Barcode,
    Product,
    ShopSetting,
    StockBalance,
    StockCostLayer,
    StockMove,
    StockReservation,
    StockTransfer,
    StockValuation,
)
from shopdesk.db.models.base import utcnow
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.stock import (
    AverageState,
    Layer,
    MoveKind,
    NotEnoughStock,
    Valuation,
    issue_fifo,
    value_of,
)
from shopdesk.services.locations import LocationRef
from shopdesk.services.stock_arrivals import stock_arrived
from shopdesk.services.stock_sql import insert_ignore, insert_or_add
from shopdesk.services.sync_outbox import stock_changed

# The tables themselves: the hot path speaks SQLAlchemy Core (no ORM objects per move).
BALANCE = cast(Table, StockBalance.__table__)
MOVE = cast(Table, StockMove.__table__)
VALUATION = cast(Table, StockValuation.__table__)
LAYER = cast(Table, StockCostLayer.__table__)
RESERVATION = cast(Table, StockReservation.__table__)
TRANSFER = cast(Table, StockTransfer.__table__)

# The statements of the hot path (a scan is one move), built once: only their parameters change.
_SETTINGS = select(ShopSetting.key, ShopSetting.value).where(ShopSetting.key.in_(("valuation", "allow_negative_stock")))
_PRODUCT_COLUMNS = (Product.id, Product.sku, Product.cost, Product.is_parent)
_PRODUCT_BY_ID = select(*_PRODUCT_COLUMNS).where(Product.id == bindparam("id"))
_PRODUCT_BY_SKU = select(*_PRODUCT_COLUMNS).where(Product.sku_key == bindparam("key"))
_PRODUCT_BY_BARCODE = (
    select(*_PRODUCT_COLUMNS).join(Barcode, Barcode.product_id == Product.id).where(Barcode.code == bindparam("code"))
)
_LOCK_VALUATION = select(VALUATION).where(VALUATION.c.product_id == bindparam("p")).with_for_update()
_BALANCE_KEY = (BALANCE.c.product_id == bindparam("p"), BALANCE.c.location_id == bindparam("loc"))
# The conditional UPDATEs that make overselling impossible: the row count says whether the stock was there.
_TAKE_AVAILABLE = (
    update(BALANCE)
    .where(*_BALANCE_KEY, BALANCE.c.on_hand - BALANCE.c.reserved >= bindparam("q"))
    .values(on_hand=BALANCE.c.on_hand - bindparam("q"))
)
_TAKE_ON_HAND = (
    update(BALANCE)
    .where(*_BALANCE_KEY, BALANCE.c.on_hand >= bindparam("q"))
    .values(on_hand=BALANCE.c.on_hand - bindparam("q"))
)
_INSERT_MOVE = insert(MOVE).returning(MOVE.c.id)
_VALUATION_CHANGE = (
    update(VALUATION)
    .where(VALUATION.c.product_id == bindparam("p"))
    .values(quantity=VALUATION.c.quantity + bindparam("q"), value=VALUATION.c.value + bindparam("v"))
)
_VALUATION_RECEIPT = _VALUATION_CHANGE.values(last_in_qty=bindparam("q"), last_in_value=bindparam("v"))


@dataclass(frozen=True)
class SourceDoc:
    """The document a move or reservation belongs to: ("sales_order", 42, "SO-0042")."""

    type: str = ""
    id: int | None = None
    number: str = ""

    def label(self) -> str:
        return self.number or (f"{self.type} {self.id}" if self.id is not None else self.type)


NO_SOURCE = SourceDoc()


class Take(enum.Enum):
    """What a move may take out of its source location."""

    AVAILABLE = "available"  # free stock only: reserved units stay for their orders
    ON_HAND = "on_hand"  # anything physically there (a count says it is gone)
    RESERVED = "reserved"  # units reserved for the move's order (shipping an order)


@dataclass(frozen=True)
class PostedMove:
    id: int
    quantity: int
    value: int  # minor units: the cost of the goods moved
    released_orders: tuple[str, ...] = ()  # orders whose reservation the move (a count, a loss) took away


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    cost: int
    is_parent: bool = False  # a style with variants: stock is kept on the variants, never on the style


class StyleHoldsNoStock(ShopDeskError):
    """A style (parent product with variants) was named where stock goes in: its variant SKUs take stock."""


def style_message(conn: Connection, product_id: int, sku: str, verb: str = "receive") -> str:
    """What to say when stock would go onto a style: name a few of its variants to use instead."""
    variants = list(
        conn.execute(
            select(Product.sku)
            .where(Product.parent_id == product_id, Product.archived.is_(False))
            .order_by(Product.sku)
            .limit(4)
        ).scalars()
    )
    if not variants:
        return f"{sku} is a style (a parent product): stock is kept on its variant SKUs, not on the style"
    listed = ", ".join(variants[:3]) + (", …" if len(variants) > 3 else "")
    return f"{sku} is a style with variants; {verb} its variant SKUs ({listed})"


def read_settings(conn: Connection) -> tuple[Valuation, bool]:
    """The valuation method and whether negative stock is allowed (shop settings, with their defaults)."""
    rows: dict[str, Any] = {key: value for key, value in conn.execute(_SETTINGS)}
    method = Valuation(rows.get("valuation") or Valuation.AVERAGE)
    return method, bool(rows.get("allow_negative_stock", False))


def product_info(conn: Connection, product: int | str) -> ProductInfo:
    """A product by id, SKU (any case) or barcode, inside the caller's transaction."""
    if isinstance(product, int) and not isinstance(product, bool):
        row = conn.execute(_PRODUCT_BY_ID, {"id": product}).first()
        if row is None:
            raise NotFound(f"No product with id {product}")
        return ProductInfo(*row)
    code = str(product).strip()
    row = conn.execute(_PRODUCT_BY_SKU, {"key": sku_key(code)}).first()
    if row is None and code:
        row = conn.execute(_PRODUCT_BY_BARCODE, {"code": code}).first()
    if row is None:
        raise NotFound(f"No product with SKU or barcode {code!r}")
    return ProductInfo(*row)


class Ledger:
    def __init__(self, conn: Connection, *, user: str, method: Valuation, allow_negative: bool):
        self.conn = conn
        self.user = user
        self.method = method
        self.allow_negative = allow_negative

    @classmethod
    def open(cls, conn: Connection, user: str) -> Ledger:
        method, allow_negative = read_settings(conn)
        return cls(conn, user=user, method=method, allow_negative=allow_negative)

    # Balances ------------------------------------------------------------------------
    def balance(self, product_id: int, location_id: int) -> tuple[int, int]:
        """(on_hand, reserved) of one product at one location; (0, 0) when it never had stock."""
        row = self.conn.execute(
            select(BALANCE.c.on_hand, BALANCE.c.reserved).where(
                BALANCE.c.product_id == product_id, BALANCE.c.location_id == location_id
            )
        ).first()
        return (row.on_hand, row.reserved) if row else (0, 0)

    def _not_enough(self, product: ProductInfo, loc: LocationRef, quantity: int, what: str) -> NotEnoughStock:
        on_hand, reserved = self.balance(product.id, loc.id)
        return NotEnoughStock(
            f"Not enough stock of {product.sku} at {loc.path}: {quantity} asked for, "
            f"{what} (on hand {on_hand}, reserved {reserved}, available {on_hand - reserved})"
        )

    def _add(self, product_id: int, location_id: int, quantity: int) -> None:
        insert_or_add(
            self.conn,
            BALANCE,
            [{"product_id": product_id, "location_id": location_id, "on_hand": quantity, "reserved": 0}],
            ["product_id", "location_id"],
            ["on_hand"],
        )

    def _take(self, product: ProductInfo, loc: LocationRef, quantity: int, take: Take, order: SourceDoc | None) -> None:
        where = (BALANCE.c.product_id == product.id, BALANCE.c.location_id == loc.id)
        if take is Take.RESERVED:
            if order is None or order.id is None:
                raise ShopDeskError("Shipping reserved stock needs the order the stock is reserved for")
            self._consume_reservation(product, loc, quantity, order)
            stmt = update(BALANCE).where(*where, BALANCE.c.reserved >= quantity)
            if not self.allow_negative:
                stmt = stmt.where(BALANCE.c.on_hand >= quantity)
            stmt = stmt.values(on_hand=BALANCE.c.on_hand - quantity, reserved=BALANCE.c.reserved - quantity)
            if self.conn.execute(stmt).rowcount != 1:
                raise self._not_enough(product, loc, quantity, f"not that many reserved for {order.label()}")
            return
        if self.allow_negative:
            insert_ignore(
                self.conn,
                BALANCE,
                [{"product_id": product.id, "location_id": loc.id, "on_hand": 0, "reserved": 0}],
                ["product_id", "location_id"],
            )
            self.conn.execute(update(BALANCE).where(*where).values(on_hand=BALANCE.c.on_hand - quantity))
            return
        stmt = _TAKE_AVAILABLE if take is Take.AVAILABLE else _TAKE_ON_HAND
        if self.conn.execute(stmt, {"p": product.id, "loc": loc.id, "q": quantity}).rowcount != 1:
            raise self._not_enough(product, loc, quantity, "not enough there")

    # Reservations ---------------------------------------------------------------------
    def reserve(self, product: ProductInfo, loc: LocationRef, quantity: int, order: SourceDoc) -> None:
        """Hold available stock for an order: one conditional UPDATE decides, then the order's share is noted."""
        assert order.id is not None
        stmt = (
            update(BALANCE)
            .where(
                BALANCE.c.product_id == product.id,
                BALANCE.c.location_id == loc.id,
                BALANCE.c.on_hand - BALANCE.c.reserved >= quantity,
            )
            .values(reserved=BALANCE.c.reserved + quantity)
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise self._not_enough(product, loc, quantity, f"cannot reserve it for {order.label()}")
        stock_changed(self.conn, (product.id,))  # the stores' outbox (services/sync_outbox.py)
        insert_or_add(
            self.conn,
            RESERVATION,
            [
                {
                    "product_id": product.id,
                    "location_id": loc.id,
                    "source_type": order.type,
                    "source_id": order.id,
                    "source_number": order.number,
                    "quantity": quantity,
                    "created_at": utcnow(),
                }
            ],
            ["product_id", "location_id", "source_type", "source_id"],
            ["quantity"],
        )

    def reserved_for(self, product_id: int, location_id: int, order: SourceDoc) -> int:
        return int(
            self.conn.execute(
                select(RESERVATION.c.quantity).where(*self._reservation_key(product_id, location_id, order))
            ).scalar()
            or 0
        )

    def _reservation_key(self, product_id: int, location_id: int, order: SourceDoc) -> tuple:  # type: ignore[type-arg]
        return (
            RESERVATION.c.product_id == product_id,
            RESERVATION.c.location_id == location_id,
            RESERVATION.c.source_type == order.type,
            RESERVATION.c.source_id == order.id,
        )

    def _consume_reservation(self, product: ProductInfo, loc: LocationRef, quantity: int, order: SourceDoc) -> None:
        key = self._reservation_key(product.id, loc.id, order)
        if self.conn.execute(delete(RESERVATION).where(*key, RESERVATION.c.quantity == quantity)).rowcount == 1:
            return
        stmt = update(RESERVATION).where(*key, RESERVATION.c.quantity > quantity)
        if self.conn.execute(stmt.values(quantity=RESERVATION.c.quantity - quantity)).rowcount != 1:
            held = self.reserved_for(product.id, loc.id, order)
            raise NotEnoughStock(
                f"{order.label()} has {held} of {product.sku} reserved at {loc.path}, {quantity} asked for"
            )

    def release(self, product: ProductInfo, loc: LocationRef, quantity: int, order: SourceDoc) -> None:
        self._consume_reservation(product, loc, quantity, order)
        stmt = (
            update(BALANCE)
            .where(
                BALANCE.c.product_id == product.id,
                BALANCE.c.location_id == loc.id,
                BALANCE.c.reserved >= quantity,
            )
            .values(reserved=BALANCE.c.reserved - quantity)
        )
        if self.conn.execute(stmt).rowcount != 1:  # the reservation row and the balance disagree: a bug
            raise RuntimeError(f"stock_balance.reserved of {product.sku} at {loc.path} is below its reservations")
        stock_changed(self.conn, (product.id,))

    # Valuation ------------------------------------------------------------------------
    def lock_valuation(self, product_id: int) -> StockValuation:
        """The product's valuation row, locked for the rest of the transaction (created if new)."""
        row = self.conn.execute(_LOCK_VALUATION, {"p": product_id}).first()
        if row is None:
            insert_ignore(
                self.conn,
                VALUATION,
                [{"product_id": product_id, "quantity": 0, "value": 0, "last_in_qty": 0, "last_in_value": 0}],
                ["product_id"],
            )
            row = self.conn.execute(_LOCK_VALUATION, {"p": product_id}).one()
        return row  # type: ignore[return-value]

    def fallback_unit_cost(self, product: ProductInfo, row: StockValuation) -> Decimal:
        """What one unit costs when there is nothing to average: the average, the last receipt, the product cost."""
        if row.quantity > 0 and row.value >= 0:
            return Decimal(row.value) / row.quantity
        if row.last_in_qty > 0:
            return Decimal(row.last_in_value) / row.last_in_qty
        return Decimal(product.cost)

    def _open_layers(self, product_id: int) -> list[Layer]:
        rows = self.conn.execute(
            select(LAYER.c.id, LAYER.c.remaining_qty, LAYER.c.remaining_value)
            .where(LAYER.c.product_id == product_id, LAYER.c.remaining_qty > 0)
            .order_by(LAYER.c.id)
        )
        return [Layer(*r) for r in rows]

    def _issue_value(self, product: ProductInfo, row: StockValuation, quantity: int) -> int:
        if self.method is Valuation.FIFO:
            value, takes = issue_fifo(self._open_layers(product.id), quantity)
            for t in takes:
                self.conn.execute(
                    update(LAYER)
                    .where(LAYER.c.id == t.layer_id)
                    .values(
                        remaining_qty=LAYER.c.remaining_qty - t.quantity,
                        remaining_value=LAYER.c.remaining_value - t.value,
                    )
                )
            return value
        return AverageState(row.quantity, row.value).issue_value(quantity, self.fallback_unit_cost(product, row))

    # Posting --------------------------------------------------------------------------
    def post(
        self,
        product: ProductInfo,
        quantity: int,
        src: LocationRef,
        dst: LocationRef,
        kind: MoveKind,
        *,
        value: int | None = None,
        take: Take = Take.AVAILABLE,
        order: SourceDoc | None = None,
        reason: str = "",
        source: SourceDoc = NO_SOURCE,
        origin_move_id: int | None = None,
    ) -> PostedMove:
        """Move `quantity` from src to dst, valued; `value` is the cost of goods coming in from outside."""
        if quantity <= 0:
            raise ValueError("a move's quantity is above zero")
        if src.id == dst.id:
            raise ShopDeskError(f"A move needs two different locations (both are {src.path})")
        if not src.holds_stock and not dst.holds_stock:
            raise ShopDeskError(f"Stock cannot move from {src.path} straight to {dst.path}")
        if product.is_parent and dst.holds_stock:  # units wrongly on a style may still be adjusted or scrapped away
            verb = {MoveKind.RECEIPT: "receive", MoveKind.OPENING: "receive", MoveKind.ADJUSTMENT: "count"}
            raise StyleHoldsNoStock(style_message(self.conn, product.id, product.sku, verb.get(kind, "move")))
        row = self.lock_valuation(product.id)
        if src.holds_stock:
            self._take(product, src, quantity, take, order)
        incoming = dst.holds_stock and not src.holds_stock
        outgoing = src.holds_stock and not dst.holds_stock
        if incoming:
            if value is None:
                value = value_of(quantity, self.fallback_unit_cost(product, row))
            if value < 0:
                raise ShopDeskError(f"The cost of goods received cannot be negative ({value})")
        elif outgoing:
            value = self._issue_value(product, row, quantity)
        else:  # between two stock locations: the value is carried along, the valuation is unchanged
            value = AverageState(row.quantity, row.value).issue_value(quantity, self.fallback_unit_cost(product, row))
        if dst.holds_stock:
            self._add(product.id, dst.id, quantity)
        if src.is_physical != dst.is_physical:  # bin to bin leaves what can be sold as it is
            stock_changed(self.conn, (product.id,))
            if dst.is_physical:  # waiting orders may get it once this is committed
                stock_arrived(self.conn, (product.id,), self.user, source.type)
        move_id = self.conn.execute(
            _INSERT_MOVE,
            {
                "product_id": product.id,
                "from_location_id": src.id,
                "to_location_id": dst.id,
                "quantity": quantity,
                "value": value,
                "kind": str(kind),
                "reason": reason[:200],
                "source_type": source.type,
                "source_id": source.id,
                "source_number": source.number,
                "origin_move_id": origin_move_id,
                "user": self.user,
                "moved_at": utcnow(),
            },
        ).scalar_one()
        if incoming:
            if kind in (MoveKind.RECEIPT, MoveKind.OPENING):
                self.conn.execute(_VALUATION_RECEIPT, {"p": product.id, "q": quantity, "v": value})
            else:
                self.conn.execute(_VALUATION_CHANGE, {"p": product.id, "q": quantity, "v": value})
            if self.method is Valuation.FIFO:
                self.conn.execute(
                    insert(LAYER).values(
                        product_id=product.id,
                        move_id=move_id,
                        quantity=quantity,
                        value=value,
                        remaining_qty=quantity,
                        remaining_value=value,
                        created_at=utcnow(),
                    )
                )
        elif outgoing:
            self.conn.execute(_VALUATION_CHANGE, {"p": product.id, "q": -quantity, "v": -value})
        return PostedMove(move_id, quantity, value)


def has_moves(conn: Connection) -> int:
    """How many stock moves the shop has (0 before the first)."""
    return int(conn.execute(select(func.count()).select_from(MOVE)).scalar_one())
