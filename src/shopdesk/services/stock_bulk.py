"""Receiving many lines at once (a 1,000-line purchase order, opening balances) in one transaction.

Set-based rather than move by move: one upsert of the valuations, one of the
balances, one multi-row insert of the moves (and of the FIFO layers). Rows are
written in product order, the same order single moves lock them in, so a bulk
receipt and a clerk's move never deadlock on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from shopdesk.db.models import Product
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.stock import MoveKind, Valuation
from shopdesk.services.locations import LocationRef, resolve_location, virtual_location
from shopdesk.services.stock_arrivals import stock_arrived
from shopdesk.services.stock_ledger import (
    BALANCE,
    LAYER,
    MOVE,
    NO_SOURCE,
    VALUATION,
    SourceDoc,
    read_settings,
    style_message,
)
from shopdesk.services.stock_sql import insert_or_add, insert_returning_ids
from shopdesk.services.sync_outbox import stock_changed


@dataclass(frozen=True)
class ReceiptLine:
    """One line received: `value` is the cost of the whole line in minor units; `reason` its own, if any."""

    product_id: int
    quantity: int
    location: int | str | LocationRef
    value: int
    reason: str | None = None  # e.g. "PO-000012 line 3"; else the receipt's reason


def _problems(lines: Sequence[ReceiptLine]) -> list[Problem]:
    problems = []
    for n, line in enumerate(lines, start=1):
        q, v = line.quantity, line.value
        if isinstance(q, bool) or not isinstance(q, int) or q <= 0:
            problems.append(Problem(f"line {n}", "quantity must be a whole number above zero", str(q)))
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            problems.append(Problem(f"line {n}", "value must be zero or more, in minor units", str(v)))
    return problems


def receive_lines(
    conn: Connection,
    user: str,
    lines: Sequence[ReceiptLine],
    *,
    source: SourceDoc = NO_SOURCE,
    reason: str = "",
    kind: MoveKind = MoveKind.RECEIPT,
    moved_at: datetime | None = None,
) -> list[int]:
    """Post every line from the supplier location inside the caller's transaction; returns the move ids in order.

    `moved_at` dates opening balances (e.g. the day before the history a demo shop invents); receipts are now.
    """
    problems = _problems(lines)
    refs: dict[object, LocationRef] = {}
    for n, line in enumerate(lines, start=1):
        if line.location not in refs:
            ref = resolve_location(conn, line.location)  # NotFound names the location
            refs[line.location] = ref
        ref = refs[line.location]
        if not (ref.is_physical or ref.kind == "quarantine"):
            problems.append(Problem(f"line {n}", "goods are received into a warehouse, zone or bin", ref.path))
    wanted = {line.product_id for line in lines}
    known: dict[int, tuple[str, bool]] = (
        {
            row.id: (row.sku, row.is_parent)
            for row in conn.execute(select(Product.id, Product.sku, Product.is_parent).where(Product.id.in_(wanted)))
        }
        if wanted
        else {}
    )
    styles: dict[int, str] = {}
    for n, line in enumerate(lines, start=1):
        if line.product_id not in known:
            problems.append(Problem(f"line {n}", "no such product", str(line.product_id)))
        elif known[line.product_id][1]:  # a style: its variants take the stock
            if line.product_id not in styles:
                styles[line.product_id] = style_message(conn, line.product_id, known[line.product_id][0])
            problems.append(Problem(f"line {n}", styles[line.product_id], known[line.product_id][0]))
    if problems:
        raise ValidationFailed(problems, "Nothing was received")
    if not lines:
        return []
    method, _ = read_settings(conn)
    supplier = virtual_location(conn, "supplier")
    per_product: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # qty, value, last qty, last value
    per_balance: dict[tuple[int, int], int] = defaultdict(int)
    for line in lines:
        totals = per_product[line.product_id]
        totals[0] += line.quantity
        totals[1] += line.value
        totals[2], totals[3] = line.quantity, line.value
        per_balance[(line.product_id, refs[line.location].id)] += line.quantity
    insert_or_add(
        conn,
        VALUATION,
        [
            {"product_id": p, "quantity": t[0], "value": t[1], "last_in_qty": t[2], "last_in_value": t[3]}
            for p, t in sorted(per_product.items())
        ],
        ["product_id"],
        ["quantity", "value"],
        ["last_in_qty", "last_in_value"] if kind in (MoveKind.RECEIPT, MoveKind.OPENING) else [],
    )
    insert_or_add(
        conn,
        BALANCE,
        [
            {"product_id": p, "location_id": loc, "on_hand": q, "reserved": 0}
            for (p, loc), q in sorted(per_balance.items())
        ],
        ["product_id", "location_id"],
        ["on_hand"],
    )
    stock_changed(conn, per_product)  # the stores' outbox (services/sync_outbox.py)
    stock_arrived(conn, {line.product_id for line in lines if refs[line.location].is_physical}, user, source.type)
    now = moved_at or utcnow()
    move_rows = [
        {
            "product_id": line.product_id,
            "from_location_id": supplier.id,
            "to_location_id": refs[line.location].id,
            "quantity": line.quantity,
            "value": line.value,
            "kind": str(kind),
            "reason": (reason if line.reason is None else line.reason)[:200],
            "source_type": source.type,
            "source_id": source.id,
            "source_number": source.number,
            "origin_move_id": None,
            "user": user,
            "moved_at": now,
        }
        for line in lines
    ]
    ids = insert_returning_ids(conn, MOVE, move_rows)
    if method is Valuation.FIFO:
        conn.execute(
            insert(LAYER),
            [
                {
                    "product_id": line.product_id,
                    "move_id": move_id,
                    "quantity": line.quantity,
                    "value": line.value,
                    "remaining_qty": line.quantity,
                    "remaining_value": line.value,
                    "created_at": now,
                }
                for line, move_id in zip(lines, ids, strict=True)
            ],
        )
    return ids
