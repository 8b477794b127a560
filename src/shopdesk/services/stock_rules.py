"""Rules the stock use cases check before anything moves: quantities, costs, orders, returns, valuation changes."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from shopdesk.db.models import StockMove
from shopdesk.domain.errors import Conflict, Problem, ValidationFailed
from shopdesk.domain.stock import MoveKind, Valuation, share
from shopdesk.services.stock_ledger import ProductInfo, SourceDoc, has_moves


def check_quantity(quantity: object, where: str = "quantity") -> int:
    """A move's quantity: a whole number of base units above zero, or ValidationFailed."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationFailed(
            [Problem(where, "must be a whole number above zero", str(quantity))], "Nothing was moved"
        )
    return quantity


def check_valuation_change(conn: Connection, method: object) -> None:
    """The valuation method is chosen before the first stock move and then kept (history stays valued one way)."""
    try:
        Valuation(str(method))
    except ValueError:
        raise ValidationFailed(
            [Problem("valuation", "must be 'average' or 'fifo'", str(method))], "Valuation not changed"
        ) from None
    count = has_moves(conn)
    if count:
        raise Conflict(
            f"The valuation method can only be chosen before the first stock move; this shop has {count} move(s)."
        )


def check_order(order: SourceDoc) -> None:
    if not order.type or order.id is None:
        raise ValidationFailed([Problem("order", "a reservation belongs to a document with a type and an id")])


def line_value(quantity: int, unit_cost: int | None, value: int | None) -> int:
    problems = []
    if (unit_cost is None) == (value is None):
        problems.append(Problem("cost", "give the unit cost or the value of the whole line (one of them)"))
    for label, amount in (("unit_cost", unit_cost), ("value", value)):
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount < 0):
            problems.append(Problem(label, "must be zero or more, in minor units of the shop currency", str(amount)))
    if problems:
        raise ValidationFailed(problems, "Nothing was received")
    return value if value is not None else quantity * (unit_cost or 0)


def return_value(conn: Connection, info: ProductInfo, shipment_move_id: int, quantity: int) -> int:
    move = conn.execute(select(StockMove).where(StockMove.id == shipment_move_id)).first()
    if move is None or move.kind != MoveKind.SHIPMENT or move.product_id != info.id:
        raise ValidationFailed(
            [Problem("shipment", f"is not a shipment of {info.sku}", str(shipment_move_id))], "Return not recorded"
        )
    returned_qty, returned_value = conn.execute(
        select(func.coalesce(func.sum(StockMove.quantity), 0), func.coalesce(func.sum(StockMove.value), 0)).where(
            StockMove.origin_move_id == shipment_move_id, StockMove.kind == MoveKind.RETURN
        )
    ).one()
    left = move.quantity - returned_qty
    if quantity > left:
        raise ValidationFailed(
            [Problem("quantity", f"only {left} of the {move.quantity} shipped can still come back", str(quantity))],
            "Return not recorded",
        )
    return share(move.value - returned_value, quantity, left)
