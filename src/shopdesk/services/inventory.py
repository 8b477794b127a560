"""Inventory use cases (库存管理): receive, transfer, adjust, scrap, quarantine, reserve, ship, return.

Each public method is one unit of work: every balance change is committed in
the same transaction as the stock move that causes it, or nothing is. Bad input
raises a ShopDeskError saying what and where, and leaves the ledger unchanged.
Products are named by id, SKU or barcode; locations by id, path or code.

Reading (balances, value now and in the past, roll-forward) is in
services/stock_queries.py, bulk receipts in services/stock_bulk.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update

from shopdesk.db.models import StockReservation, StockTransfer
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import MoveKind
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.locations import LocationRef, resolve_location, virtual_location
from shopdesk.services.order_stock import release_beyond_on_hand
from shopdesk.services.stock_bulk import ReceiptLine, receive_lines
from shopdesk.services.stock_ledger import (
    NO_SOURCE,
    TRANSFER,
    Ledger,
    PostedMove,
    SourceDoc,
    Take,
    product_info,
)
from shopdesk.services.stock_queries import StockQueries
from shopdesk.services.stock_rules import (
    check_order,
    check_quantity,
    line_value,
    return_value,
)
from shopdesk.services.stock_rules import check_valuation_change as check_valuation_change  # the shop's setting guard

if TYPE_CHECKING:
    pass

ProductLike = int | str
LocationLike = int | str | LocationRef


@dataclass(frozen=True)
class TransferResult:
    moves: list[PostedMove]
    transfer_id: int | None = None  # set when the goods are in transit to another warehouse

    @property
    def in_transit(self) -> bool:
        return self.transfer_id is not None


class Inventory(StockQueries):
    """Stock use cases; the reading side (balances, value, roll-forward) comes from StockQueries."""

    # Plumbing ----------------------------------------------------------------------
    def _ledger(self, conn: Connection) -> Ledger:
        return Ledger.open(conn, self.shop.user)

    def _stock_location(
        self, conn: Connection, name: LocationLike, where: str, *, physical: bool = True
    ) -> LocationRef:
        ref = resolve_location(conn, name)
        allowed = ref.is_physical if physical else ref.holds_stock
        if not allowed:
            kinds = "a warehouse, zone or bin" if physical else "a location that holds stock"
            raise ValidationFailed([Problem(where, f"must be {kinds}", ref.path)], "Nothing was moved")
        return ref

    @guarded(Permission.MOVE_STOCK, "change the valuation method")
    def set_valuation_method(self, method: str) -> None:
        """Choose moving average ('average') or FIFO ('fifo'); refused once any stock has moved."""
        self.shop.set_setting("valuation", str(method))  # the shop checks it with check_valuation_change

    # Receiving -----------------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "receive stock")
    def receive(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        unit_cost: int | None = None,
        value: int | None = None,
        source: SourceDoc = NO_SOURCE,
        reason: str = "",
    ) -> PostedMove:
        """Goods in from a supplier at a cost (unit_cost per unit, or the value of the whole line, minor units)."""
        check_quantity(quantity)
        value = line_value(quantity, unit_cost, value)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location")
            posted = self._ledger(conn).post(
                info,
                quantity,
                virtual_location(conn, "supplier"),
                loc,
                MoveKind.RECEIPT,
                value=value,
                source=source,
                reason=reason,
            )
            uow.commit()
            return posted

    @guarded(Permission.MOVE_STOCK, "receive stock")
    def receive_many(
        self,
        lines: Sequence[ReceiptLine],
        *,
        source: SourceDoc = NO_SOURCE,
        reason: str = "",
        opening: bool = False,
    ) -> list[int]:
        """Receive many lines in one transaction (a purchase order's delivery, opening balances): all or nothing.

        Every bad line is reported at once (ValidationFailed); returns the move ids in line order.
        """
        with self.db.uow() as uow:
            kind = MoveKind.OPENING if opening else MoveKind.RECEIPT
            ids = receive_lines(
                uow.session.connection(), self.shop.user, lines, source=source, reason=reason, kind=kind
            )
            uow.commit()
            return ids

    # Moving within the shop ------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "move stock")
    def transfer(
        self,
        product: ProductLike,
        quantity: int,
        from_location: LocationLike,
        to_location: LocationLike,
        *,
        reason: str = "",
        source: SourceDoc = NO_SOURCE,
    ) -> TransferResult:
        """Move free stock between bins: directly in one warehouse, through transit to another warehouse."""
        check_quantity(quantity)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            src = self._stock_location(conn, from_location, "from")
            dst = self._stock_location(conn, to_location, "to")
            if src.id == dst.id:
                raise ValidationFailed(
                    [Problem("to", "is the same location as from: nothing would move", dst.path)], "Nothing was moved"
                )
            ledger = self._ledger(conn)
            if src.warehouse_id == dst.warehouse_id:
                posted = ledger.post(info, quantity, src, dst, MoveKind.TRANSFER, reason=reason, source=source)
                uow.commit()
                return TransferResult([posted])
            sent = ledger.post(
                info,
                quantity,
                src,
                virtual_location(conn, "transit"),
                MoveKind.TRANSIT_OUT,
                reason=reason,
                source=source,
            )
            transfer = StockTransfer(
                product_id=info.id,
                quantity=quantity,
                from_location_id=src.id,
                to_location_id=dst.id,
                state="in_transit",
                send_move_id=sent.id,
                user=self.shop.user,
                sent_at=utcnow(),
            )
            uow.session.add(transfer)
            uow.flush()
            uow.commit()
            return TransferResult([sent], transfer.id)

    @guarded(Permission.MOVE_STOCK, "receive transfers")
    def receive_transfer(self, transfer_id: int, to_location: LocationLike | None = None) -> PostedMove:
        """Goods in transit arrive at the other warehouse (in the bin named when sent, unless another is given)."""
        with self.db.uow() as uow:
            conn = uow.session.connection()
            transfer = conn.execute(select(TRANSFER).where(StockTransfer.id == transfer_id)).first()
            if transfer is None:
                raise NotFound(f"No transfer {transfer_id}")
            # The state change is conditional too: two people receiving one transfer, only one succeeds.
            claimed = conn.execute(
                update(TRANSFER)
                .where(StockTransfer.id == transfer_id, StockTransfer.state == "in_transit")
                .values(state="received", received_at=utcnow())
            ).rowcount
            if claimed != 1:
                raise Conflict(f"Transfer {transfer_id} was already received")
            dst = self._stock_location(conn, to_location or transfer.to_location_id, "to")
            posted = self._ledger(conn).post(
                product_info(conn, transfer.product_id),
                transfer.quantity,
                virtual_location(conn, "transit"),
                dst,
                MoveKind.TRANSIT_IN,
                source=SourceDoc("transfer", transfer.id, f"TR-{transfer.id}"),
            )
            conn.execute(update(TRANSFER).where(StockTransfer.id == transfer_id).values(receive_move_id=posted.id))
            uow.commit()
            return posted

    # Counting and write-offs ----------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "adjust stock")
    def adjust(
        self,
        product: ProductLike,
        location: LocationLike,
        *,
        set_to: int | None = None,
        delta: int | None = None,
        reason: str,
        source: SourceDoc = NO_SOURCE,
    ) -> PostedMove | None:
        """Correct the stock of a location to a counted quantity (set_to) or by a difference (delta).

        The difference moves against the adjustment location (stocktake gains and
        losses); gains come in at the current unit cost. Returns None when the
        count matches and nothing moves. A loss that leaves less on the shelf than
        is reserved is still posted (the goods are not there): allocated orders
        give back their reservation, newest first, until what stays reserved is
        there, and wait for stock again; the move's `released_orders` names them
        (services/order_stock.release_beyond_on_hand).
        """
        problems = []
        if (set_to is None) == (delta is None):
            problems.append(Problem("quantity", "give either the counted quantity or the difference, not both"))
        elif set_to is not None and (isinstance(set_to, bool) or not isinstance(set_to, int) or set_to < 0):
            problems.append(Problem("set_to", "a counted quantity is a whole number, zero or more", str(set_to)))
        elif delta is not None and (isinstance(delta, bool) or not isinstance(delta, int) or delta == 0):
            problems.append(Problem("delta", "a difference is a whole number other than zero", str(delta)))
        if not reason.strip():
            problems.append(Problem("reason", "say why the stock is adjusted (e.g. 'stocktake', 'found damaged')"))
        if problems:
            raise ValidationFailed(problems, "Stock not adjusted")
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location", physical=False)
            ledger = self._ledger(conn)
            ledger.lock_valuation(info.id)  # the count is compared with a balance nobody else can move now
            on_hand, _ = ledger.balance(info.id, loc.id)
            diff = (set_to - on_hand) if set_to is not None else delta
            assert diff is not None
            if diff == 0:
                return None
            adjustment = virtual_location(conn, "adjustment")
            released: list[str] = []
            if diff > 0:
                posted = ledger.post(
                    info, diff, adjustment, loc, MoveKind.ADJUSTMENT, reason=reason.strip(), source=source
                )
            else:
                # The goods are not there: orders holding more than is left lose their reservation and wait.
                released = release_beyond_on_hand(
                    uow.session,
                    self.shop.user,
                    info,
                    loc,
                    on_hand + diff,
                    f"{info.sku} at {loc.path} adjusted to {on_hand + diff} ({reason.strip()})",
                )
                posted = ledger.post(
                    info,
                    -diff,
                    loc,
                    adjustment,
                    MoveKind.ADJUSTMENT,
                    take=Take.ON_HAND,
                    reason=reason.strip(),
                    source=source,
                )
            # The ledger keeps the move; the audit log keeps the edit of a stock figure, old → new, with everything else.
            audit.record(
                uow.session,
                self.shop.user,
                "product",
                info.id,
                "stock_adjusted",
                label=info.sku,
                changes={"on_hand": (on_hand, on_hand + diff)},
                reason=f"{loc.path}: {reason.strip()}",
            )
            uow.commit()
            return replace(posted, released_orders=tuple(released)) if released else posted

    @guarded(Permission.MOVE_STOCK, "scrap stock")
    def scrap(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        reason: str = "",
        source: SourceDoc = NO_SOURCE,
    ) -> PostedMove:
        """Write off damaged or expired goods (from a bin or from quarantine); their cost leaves the stock value."""
        return self._between(
            product, quantity, location, "scrap", MoveKind.SCRAP, reason=reason, source=source, into_virtual=True
        )

    @guarded(Permission.MOVE_STOCK, "quarantine stock")
    def quarantine(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        reason: str = "",
        source: SourceDoc = NO_SOURCE,
    ) -> PostedMove:
        """Set goods aside (inspection, suspected defect): still owned and valued, no longer available."""
        return self._between(
            product,
            quantity,
            location,
            "quarantine",
            MoveKind.QUARANTINE,
            reason=reason,
            source=source,
            into_virtual=True,
        )

    @guarded(Permission.MOVE_STOCK, "release quarantined stock")
    def release_quarantine(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        reason: str = "",
        source: SourceDoc = NO_SOURCE,
    ) -> PostedMove:
        """Put goods from quarantine back on a shelf."""
        return self._between(
            product,
            quantity,
            location,
            "quarantine",
            MoveKind.RELEASE,
            reason=reason,
            source=source,
            into_virtual=False,
        )

    def _between(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        virtual_kind: str,
        kind: MoveKind,
        *,
        reason: str,
        source: SourceDoc,
        into_virtual: bool,
    ) -> PostedMove:
        check_quantity(quantity)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            virtual = virtual_location(conn, virtual_kind)
            loc = self._stock_location(conn, location, "location", physical=not into_virtual)
            if loc.id == virtual.id:
                raise ValidationFailed([Problem("location", "is already there", loc.path)], "Nothing was moved")
            src, dst = (loc, virtual) if into_virtual else (virtual, loc)
            posted = self._ledger(conn).post(info, quantity, src, dst, kind, reason=reason, source=source)
            uow.commit()
            return posted

    # Orders --------------------------------------------------------------------------
    @guarded(Permission.WORK_ORDERS, "reserve stock")
    def reserve(self, product: ProductLike, quantity: int, location: LocationLike, order: SourceDoc) -> None:
        """Hold available stock at a location for an order; NotEnoughStock when it is not there (nothing held)."""
        check_quantity(quantity)
        check_order(order)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location")
            self._ledger(conn).reserve(info, loc, quantity, order)
            uow.commit()

    @guarded(Permission.WORK_ORDERS, "release reserved stock")
    def release(
        self, product: ProductLike, location: LocationLike, order: SourceDoc, quantity: int | None = None
    ) -> int:
        """Give back an order's reservation (all of it unless a quantity is given); returns how much was released."""
        check_order(order)
        if quantity is not None:
            check_quantity(quantity)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location")
            ledger = self._ledger(conn)
            held = ledger.reserved_for(info.id, loc.id, order)
            quantity = held if quantity is None else quantity
            if quantity == 0:
                return 0
            ledger.release(info, loc, quantity, order)
            uow.commit()
            return quantity

    @guarded(Permission.WORK_ORDERS, "release reserved stock")
    def release_order(self, order: SourceDoc) -> int:
        """Give back everything reserved for an order (it was cancelled); returns the units released."""
        check_order(order)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            ledger = self._ledger(conn)
            rows = conn.execute(
                select(StockReservation.product_id, StockReservation.location_id, StockReservation.quantity)
                .where(StockReservation.source_type == order.type, StockReservation.source_id == order.id)
                .order_by(StockReservation.product_id, StockReservation.location_id)
            ).all()
            for product_id, location_id, quantity in rows:
                ledger.release(product_info(conn, product_id), resolve_location(conn, location_id), quantity, order)
            uow.commit()
            return sum(r.quantity for r in rows)

    @guarded(Permission.FULFIL, "ship stock")
    def ship(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        order: SourceDoc | None = None,
        reason: str = "",
    ) -> PostedMove:
        """Goods leave to the customer; the move records their cost (cost of goods sold).

        With an order, its reservation at the location is used up; without one
        (a counter sale), only free stock can be shipped.
        """
        check_quantity(quantity)
        if order is not None:
            check_order(order)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location")
            posted = self._ledger(conn).post(
                info,
                quantity,
                loc,
                virtual_location(conn, "customer"),
                MoveKind.SHIPMENT,
                take=Take.RESERVED if order is not None else Take.AVAILABLE,
                order=order,
                reason=reason,
                source=order or NO_SOURCE,
            )
            uow.commit()
            return posted

    @guarded(Permission.MOVE_STOCK, "book customer returns")
    def customer_return(
        self,
        product: ProductLike,
        quantity: int,
        location: LocationLike,
        *,
        shipment_move_id: int | None = None,
        unit_cost: int | None = None,
        source: SourceDoc = NO_SOURCE,
        reason: str = "",
    ) -> PostedMove:
        """Goods come back from a customer, at the cost they left with (from their shipment move).

        Returning a shipment in parts brings back exactly its value when the last
        part comes back. Without the shipment, give the unit cost, or the
        current average is used. Usually returned into quarantine for inspection.
        """
        check_quantity(quantity)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            info = product_info(conn, product)
            loc = self._stock_location(conn, location, "location", physical=False)
            value = None if unit_cost is None else line_value(quantity, unit_cost, None)
            if shipment_move_id is not None:
                value = return_value(conn, info, shipment_move_id, quantity)
            posted = self._ledger(conn).post(
                info,
                quantity,
                virtual_location(conn, "customer"),
                loc,
                MoveKind.RETURN,
                value=value,
                reason=reason,
                source=source,
                origin_move_id=shipment_move_id,
            )
            uow.commit()
            return posted
