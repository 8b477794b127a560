"""Returned goods of a case (退货): received, inspected, and sent where inspection says.

Returned units are received against the case and inspected; each goes where
inspection sends it, as stock moves posted through the stock ledger in the
same transaction as the case's record of them:
- restock:    customer → a bin (the product's default bin in the order's warehouse unless named);
- quarantine: customer → quarantine (owned and valued, not available);
- scrap:      customer → quarantine → scrap (written off);
- supplier:   customer → quarantine → supplier (sent back).
Goods come back at the cost they left with (their shipment move's value; the
parts of a shipment returned in pieces add up to exactly its value), as
Inventory.customer_return does. A return that never arrives is closed as lost
with the value it left with, and no stock moves.

A return has one date: the receipt and its stock moves are dated at the moment
given (a return booked the day after it arrived keeps the day it arrived), so
the month-end's return figures, its Refunds and returns sheet and the stock
valuation all count it in the same month. That moment cannot be in the future,
before the case was opened or before the order shipped; and goods put back on a
shelf cannot be dated before a stocktake counted that shelf (the count would
then disagree with the stock history). Back-dated return moves only add stock to
a location, so no location's history goes below zero because of them.

The checks made before anything is written (lines, quantities, bins and that
moment) are in services/aftersales_return_checks.py; refunds and replacement
orders are in services/aftersales_refunds.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import StockMove
from shopdesk.db.models.aftersales import Case, ReturnReceipt
from shopdesk.db.models.base import clock_at
from shopdesk.db.models.orders import SalesOrderLine
from shopdesk.domain.aftersales import CaseStatus, Disposition, SolutionType
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import MoveKind, share
from shopdesk.services import aftersales_records as rec
from shopdesk.services import order_records
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_queries import CaseQueries
from shopdesk.services.aftersales_records import CaseRef, aware
from shopdesk.services.aftersales_return_checks import check_counts, check_moment, line_history, resolve_lines
from shopdesk.services.locations import virtual_location
from shopdesk.services.stock_ledger import Ledger, product_info

LOST = "lost"  # a return_receipt disposition: the parcel never arrived
# Goods come back (and money goes back) once a solution is agreed and until the case is closed.
ACTING = frozenset({CaseStatus.SOLUTION_AGREED, CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER})
TAKES_GOODS_BACK = frozenset({SolutionType.RETURN_REFUND, SolutionType.EXCHANGE, SolutionType.REPAIR})
SENDS_GOODS = frozenset({SolutionType.EXCHANGE, SolutionType.RESEND})
# Scrapped goods and goods for the supplier wait in quarantine on the way. Back to the supplier is a
# return too, leaving the stock (the roll-forward shows it going out, apart from customer returns coming in).
_ONWARD = {
    Disposition.SCRAP.value: ("scrap", MoveKind.SCRAP),
    Disposition.SUPPLIER.value: ("supplier", MoveKind.RETURN),
}


@dataclass(frozen=True)
class ReturnLine:
    """Units of one order line that came back, and where inspection sends them."""

    line: int | str  # the order's line number, or a SKU on the order
    quantity: int
    disposition: str = Disposition.RESTOCK.value  # restock, quarantine, scrap, supplier
    location: str | int | None = None  # restock only: a bin (default: the product's bin in the order's warehouse)
    note: str = ""  # what inspection found


@dataclass(frozen=True)
class ReturnResult:
    case_number: str
    units: int
    value: int  # at the original cost of goods, minor units
    by_disposition: dict[str, tuple[int, int]]  # disposition -> (units, value)
    move_ids: list[int]


def returned_at():  # type: ignore[no-untyped-def]
    """When a return counts, in every report: when its stock move came back, else (lost) when it was recorded.

    Both are the same moment for returns recorded since receipts and moves share it;
    for older ones the ledger's time wins, as the stock valuation counts it. Needs
    ReturnReceipt outer-joined to StockMove on ReturnReceipt.move_id.
    """
    return func.coalesce(StockMove.moved_at, ReturnReceipt.received_at)


def _shipment_moves(conn: Connection, order_id: int, product_id: int) -> list[list[int]]:
    """[move id, units still out with the customer, value still out] of an order's shipments of a product."""
    moves = conn.execute(
        select(StockMove.id, StockMove.quantity, StockMove.value)
        .where(
            StockMove.source_type == order_records.SOURCE_TYPE,
            StockMove.source_id == order_id,
            StockMove.product_id == product_id,
            StockMove.kind == MoveKind.SHIPMENT.value,
        )
        .order_by(StockMove.id)
    ).all()
    if not moves:
        return []
    back = {
        origin: (int(q), int(v))
        for origin, q, v in conn.execute(
            select(StockMove.origin_move_id, func.sum(StockMove.quantity), func.sum(StockMove.value))
            .where(StockMove.origin_move_id.in_([m.id for m in moves]), StockMove.kind == MoveKind.RETURN.value)
            .group_by(StockMove.origin_move_id)
        )
    }
    return [[m.id, m.quantity - back.get(m.id, (0, 0))[0], m.value - back.get(m.id, (0, 0))[1]] for m in moves]


class CaseReturns(CaseQueries):
    """Returns, lost returns, refunds and replacement orders; the reading side comes from CaseQueries."""

    # Returned goods ---------------------------------------------------------------------
    @guarded(Permission.WORK_CASES, "receive returns")
    def receive_return(self, ref: CaseRef, lines: Sequence[ReturnLine], *, at: datetime | None = None) -> ReturnResult:
        """Returned goods arrive and are inspected: each line goes to stock, quarantine, scrap or the supplier.

        Refused as a whole, with every problem listed, when the case has no order
        or no agreed solution that takes goods back, a line is not on the order,
        or more units would come back than were shipped. `at` (default now) dates
        the receipt and its stock moves alike; it cannot be in the future, before
        the case was opened or the order shipped, nor, for goods put on a shelf,
        before a stocktake counted them there.
        """
        return self._take_back(ref, lines, at=at, lost=False)

    @guarded(Permission.WORK_CASES, "close returns as lost")
    def close_return_as_lost(
        self, ref: CaseRef, lines: Sequence[ReturnLine], *, at: datetime | None = None
    ) -> ReturnResult:
        """A return the customer sent that never arrived: recorded as lost with the value it left with."""
        return self._take_back(ref, lines, at=at, lost=True)

    def _take_back(self, ref: CaseRef, lines: Sequence[ReturnLine], *, at: datetime | None, lost: bool) -> ReturnResult:
        moment = aware(at)
        what = "Return not recorded"
        with self.db.uow() as uow:
            session = uow.session
            conn = session.connection()
            case = rec.load_case(session, ref)
            order = rec.order_of_case(session, case, "receive returned goods")
            status = CaseStatus(case.status)
            if status not in ACTING:
                raise ShopDeskError(
                    f"Case {case.number} is {status.value}: goods come back once a solution is agreed "
                    "and until the case is closed."
                )
            if case.solution_type not in {s.value for s in TAKES_GOODS_BACK}:
                raise ShopDeskError(
                    f"Case {case.number}'s agreed solution ({case.solution_type}) takes no goods back; "
                    "agree on return and refund, exchange or repair first."
                )
            check_moment(case, order, moment, what)
            resolved = resolve_lines(conn, order, lines, lost=lost, what=what)
            if not lost:
                check_counts(conn, resolved, moment, what)
            doc = rec.source_doc(case)
            ledger = Ledger.open(conn, self.user)
            customer = virtual_location(conn, "customer")
            history = line_history(conn, [r.line.id for r in resolved])
            shipments: dict[int, list[list[int]]] = {}
            by_disposition: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            move_ids: list[int] = []
            # The ledger dates its moves "now": now is the receipt's moment, so a return has one date everywhere.
            with clock_at(moment):
                for r in resolved:
                    line, item = r.line, r.item
                    disposition = LOST if lost else item.disposition
                    done_qty, done_value = history.get(line.id, (0, 0))
                    # What these units left with, from the line's cost of goods: the value of a lost
                    # return, and of a return whose shipment moves are not in the ledger.
                    line_value = (
                        share(line.cost_of_goods - done_value, item.quantity, line.qty_shipped - done_qty)
                        if line.cost_of_goods
                        else None
                    )
                    taken = 0
                    if lost:
                        taken = line_value or 0
                        self._receipt(session, case, line, item, disposition, taken, None, moment)
                    else:
                        assert line.product_id is not None
                        info = product_info(conn, line.product_id)
                        if line.product_id not in shipments:
                            shipments[line.product_id] = _shipment_moves(conn, order.id, line.product_id)
                        first = (
                            r.location if disposition == Disposition.RESTOCK else virtual_location(conn, "quarantine")
                        )
                        assert first is not None
                        reason = f"returned on {case.number}: {disposition}"
                        for origin, qty, value in self._chunks(shipments[line.product_id], item.quantity, line_value):
                            posted = ledger.post(
                                info,
                                qty,
                                customer,
                                first,
                                MoveKind.RETURN,
                                value=value,
                                reason=reason,
                                source=doc,
                                origin_move_id=origin,
                            )
                            move_ids.append(posted.id)
                            if disposition in _ONWARD:
                                kind_name, kind = _ONWARD[disposition]
                                out = ledger.post(
                                    info, qty, first, virtual_location(conn, kind_name), kind, reason=reason, source=doc
                                )
                                move_ids.append(out.id)
                            self._receipt(
                                session,
                                case,
                                line,
                                replace(item, quantity=qty),
                                disposition,
                                posted.value,
                                posted.id,
                                moment,
                            )
                            taken += posted.value
                        line.qty_returned += item.quantity
                    history[line.id] = (done_qty + item.quantity, done_value + taken)
                    by_disposition[disposition][0] += item.quantity
                    by_disposition[disposition][1] += taken
            units = sum(u for u, _ in by_disposition.values())
            value = sum(v for _, v in by_disposition.values())
            summary = ", ".join(
                f"{r.item.quantity} × {r.line.sku} {LOST if lost else r.item.disposition}" for r in resolved
            )
            notes = "; ".join(r.item.note.strip() for r in resolved if r.item.note.strip())
            rec.note(
                session,
                self.user,
                case,
                "return_lost" if lost else "return",
                notes,
                at=at,
                goods=(None, summary),
                value=(None, value),
            )
            uow.commit()
        return ReturnResult(case.number, units, value, {k: (v[0], v[1]) for k, v in by_disposition.items()}, move_ids)

    @staticmethod
    def _chunks(
        moves: list[list[int]], quantity: int, line_value: int | None
    ) -> list[tuple[int | None, int, int | None]]:
        """(origin shipment move, units, value) pieces of a return, taken from the shipments still out.

        Without shipment moves (an order shipped before ShopDesk), the line's own
        cost of goods gives the value, else the ledger's current cost.
        """
        pieces: list[tuple[int | None, int, int | None]] = []
        left = quantity
        for move in moves:
            move_id, out_qty, out_value = move
            if left == 0 or out_qty <= 0:
                continue
            take = min(left, out_qty)
            value = share(out_value, take, out_qty)
            move[1], move[2] = out_qty - take, out_value - value
            pieces.append((move_id, take, value))
            left -= take
        if left:
            pieces.append((None, left, None if line_value is None else share(line_value, left, quantity)))
        return pieces

    def _receipt(
        self,
        session: Session,
        case: Case,
        line: SalesOrderLine,
        item: ReturnLine,
        disposition: str,
        value: int,
        move_id: int | None,
        at: datetime,
    ) -> None:
        assert line.product_id is not None
        session.add(
            ReturnReceipt(
                case_id=case.id,
                order_line_id=line.id,
                product_id=line.product_id,
                quantity=item.quantity,
                disposition=disposition,
                value=value,
                move_id=move_id,
                received_at=at,
                note=item.note.strip(),
                user=self.user,
            )
        )
