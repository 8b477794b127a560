"""What a return may record, checked before anything is written: its lines, its quantities and bins, its moment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from shopdesk.db.models.aftersales import Case, ReturnReceipt
from shopdesk.db.models.base import utcnow
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.db.models.stocktake import Stocktake, StocktakeLine
from shopdesk.domain.aftersales import Disposition
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.stocktake import StocktakeStatus
from shopdesk.services.aftersales_records import aware
from shopdesk.services.locations import LocationRef, default_bin, first_warehouse, resolve_location

if TYPE_CHECKING:  # a type only: aftersales_returns uses these checks
    from shopdesk.services.aftersales_returns import ReturnLine


@dataclass
class ResolvedLine:
    line: SalesOrderLine
    item: ReturnLine
    location: LocationRef | None


def line_history(conn: Connection, case_line_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Order line id -> (units already back or lost, their value), over every case of the order."""
    if not case_line_ids:
        return {}
    return {
        line_id: (int(q), int(v))
        for line_id, q, v in conn.execute(
            select(ReturnReceipt.order_line_id, func.sum(ReturnReceipt.quantity), func.sum(ReturnReceipt.value))
            .where(ReturnReceipt.order_line_id.in_(list(case_line_ids)))
            .group_by(ReturnReceipt.order_line_id)
        )
    }


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def check_moment(case: Case, order: SalesOrder, moment: datetime, what: str) -> None:
    """A return's moment is after the goods left and the case was opened, and not in the future."""
    problems: list[Problem] = []
    if moment > utcnow():
        problems.append(Problem("at", "goods cannot come back in the future", _local(moment)))
    opened = aware(case.opened_at)
    if moment < opened:
        problems.append(
            Problem("at", f"case {case.number} was opened {_local(opened)}: goods come back after that", _local(moment))
        )
    if order.shipped_at is not None and moment < aware(order.shipped_at):
        problems.append(
            Problem(
                "at",
                f"order {order.number} shipped {_local(aware(order.shipped_at))}: goods come back after they left",
                _local(moment),
            )
        )
    if problems:
        raise ValidationFailed(problems, what)


def check_counts(conn: Connection, resolved: Sequence[ResolvedLine], moment: datetime, what: str) -> None:
    """Goods put back on a shelf are not dated before a stocktake counted that product there.

    The count was compared with the book without them: dated before it, the stock
    history would hold them on top of what was counted.
    """
    problems: list[Problem] = []
    for n, r in enumerate(resolved, start=1):
        if r.location is None:
            continue
        counted = conn.execute(
            select(Stocktake.number, StocktakeLine.counted_at)
            .join(Stocktake, Stocktake.id == StocktakeLine.stocktake_id)
            .where(
                StocktakeLine.product_id == r.line.product_id,
                StocktakeLine.location_id == r.location.id,
                StocktakeLine.counted_at > moment,
                Stocktake.status != StocktakeStatus.CANCELLED.value,
            )
            .order_by(StocktakeLine.counted_at.desc())
            .limit(1)
        ).first()
        if counted is not None:
            problems.append(
                Problem(
                    f"return line {n}: at",
                    f"{r.line.sku} in {r.location.path} was counted {_local(aware(counted.counted_at))} "
                    f"({counted.number}): restock it at a later moment, or send it to quarantine",
                    _local(moment),
                )
            )
    if problems:
        raise ValidationFailed(problems, what)


def resolve_lines(
    conn: Connection, order: SalesOrder, items: Sequence[ReturnLine], *, lost: bool, what: str
) -> list[ResolvedLine]:
    """Every line checked at once: on the order, a sensible quantity and disposition, no more than shipped."""
    problems: list[Problem] = []
    if not items:
        raise ValidationFailed([Problem("lines", "say which order lines came back, and how many")], what)
    by_no = {line.line_no: line for line in order.lines}
    history = line_history(conn, [line.id for line in order.lines])
    asked: dict[int, int] = defaultdict(int)
    resolved: list[ResolvedLine] = []
    for n, item in enumerate(items, start=1):
        where = f"return line {n}"
        line = _order_line(order, by_no, item.line, where, problems)
        quantity = item.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            problems.append(Problem(f"{where}: quantity", "must be a whole number above zero", str(quantity)))
            continue
        if not lost and item.disposition not in {d.value for d in Disposition}:
            problems.append(
                Problem(
                    f"{where}: disposition",
                    "must be restock, quarantine, scrap or supplier",
                    str(item.disposition),
                )
            )
            continue
        message = check_text("Note", item.note, 2000)
        if message:
            problems.append(Problem(f"{where}: note", message))
        if line is None:
            continue
        if line.product_id is None:
            problems.append(Problem(where, f"line {line.line_no} ({line.sku}) is not matched to a product"))
            continue
        asked[line.id] += quantity
        done = history.get(line.id, (0, 0))[0]
        if asked[line.id] > line.qty_shipped - done:
            problems.append(
                Problem(
                    f"{where}: quantity",
                    f"line {line.line_no} ({line.sku}): {line.qty_shipped} shipped and {done} already came "
                    f"back or were lost, so at most {max(0, line.qty_shipped - done)} can come back",
                    str(asked[line.id]),
                )
            )
            continue
        location = None
        if not lost and item.disposition == Disposition.RESTOCK:
            location = _restock_location(conn, order, line.product_id, item.location, where, problems)
        resolved.append(ResolvedLine(line, item, location))
    if problems:
        raise ValidationFailed(problems, what)
    return resolved


def _order_line(
    order: SalesOrder,
    by_no: dict[int, SalesOrderLine],
    ref: int | str,
    where: str,
    problems: list[Problem],
) -> SalesOrderLine | None:
    if isinstance(ref, int) or str(ref).strip().isdigit():
        line = by_no.get(int(ref))
        if line is None:
            problems.append(Problem(f"{where}: line", f"order {order.number} has no line {ref}", str(ref)))
        return line
    matches = [line for line in order.lines if line.sku.casefold() == str(ref).strip().casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        problems.append(Problem(f"{where}: line", f"order {order.number} has no line with SKU {ref}", str(ref)))
    else:
        numbers = ", ".join(str(m.line_no) for m in matches)
        problems.append(Problem(f"{where}: line", f"{ref} is on lines {numbers}: give the line number", str(ref)))
    return None


def _restock_location(
    conn: Connection,
    order: SalesOrder,
    product_id: int,
    given: str | int | None,
    where: str,
    problems: list[Problem],
) -> LocationRef | None:
    if given not in (None, ""):
        try:
            ref = resolve_location(conn, given)  # type: ignore[arg-type]
        except ShopDeskError as exc:
            problems.append(Problem(f"{where}: location", str(exc), str(given)))
            return None
        if not ref.is_physical:
            problems.append(Problem(f"{where}: location", "restocked goods go to a warehouse, zone or bin", ref.path))
            return None
        return ref
    warehouse = resolve_location(conn, order.warehouse_id) if order.warehouse_id else first_warehouse(conn)
    found = default_bin(conn, product_id, warehouse) or warehouse
    if found is None:
        problems.append(Problem(f"{where}: location", "this shop has no warehouse to put returned goods in"))
    return found
