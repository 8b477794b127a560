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
from typing import cast

from sqlalchemy import Connection, Table, case, func, insert, select

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

PRODUCT = cast(Table, Product.__table__)


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
    products_checked: bool = False,
) -> list[int]:
    """Post every line from the supplier location inside the caller's transaction; returns the move ids in order.

    `moved_at` dates opening balances (e.g. the day before the history a demo shop invents); receipts are now.
    `products_checked`: the caller knows every product exists and is no style (a purchase order's plan).
    """
    problems = _problems(lines)
    places = _places(conn, lines)  # each line's location, in line order
    for n, ref in enumerate(places, start=1):
        if not (ref.is_physical or ref.kind == "quarantine"):
            problems.append(Problem(f"line {n}", "goods are received into a warehouse, zone or bin", ref.path))
    missing, styles = (set(), {}) if products_checked else _unfit_products(conn, {line.product_id for line in lines})
    messages: dict[int, str] = {}
    for n, line in enumerate(lines, start=1):
        if line.product_id in missing:
            problems.append(Problem(f"line {n}", "no such product", str(line.product_id)))
        elif line.product_id in styles:  # a style: its variants take the stock
            sku = styles[line.product_id]
            if line.product_id not in messages:
                messages[line.product_id] = style_message(conn, line.product_id, sku)
            problems.append(Problem(f"line {n}", messages[line.product_id], sku))
    if problems:
        raise ValidationFailed(problems, "Nothing was received")
    if not lines:
        return []
    method, _ = read_settings(conn)
    supplier = virtual_location(conn, "supplier")
    per_product: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # qty, value, last qty, last value
    per_balance: dict[tuple[int, int], int] = defaultdict(int)
    for line, ref in zip(lines, places, strict=True):
        totals = per_product[line.product_id]
        totals[0] += line.quantity
        totals[1] += line.value
        totals[2], totals[3] = line.quantity, line.value
        per_balance[(line.product_id, ref.id)] += line.quantity
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
    stock_arrived(
        conn, {line.product_id for line, ref in zip(lines, places, strict=True) if ref.is_physical}, user, source.type
    )
    now = moved_at or utcnow()
    move_rows = [
        {
            "product_id": line.product_id,
            "from_location_id": supplier.id,
            "to_location_id": ref.id,
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
        for line, ref in zip(lines, places, strict=True)
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


def _places(conn: Connection, lines: Sequence[ReceiptLine]) -> list[LocationRef]:
    """Each line's location: a LocationRef as given, a name or id resolved once (NotFound names it)."""
    resolved: dict[object, LocationRef] = {}
    places = []
    for line in lines:
        given = line.location
        if isinstance(given, LocationRef):  # already resolved (a purchase order's plan): nothing to look up
            places.append(given)
            continue
        if given not in resolved:
            resolved[given] = resolve_location(conn, given)
        places.append(resolved[given])
    return places


def _unfit_products(conn: Connection, wanted: set[int]) -> tuple[set[int], dict[int, str]]:
    """The ids of `wanted` that are no product, and the styles among them (id: SKU).

    Counted first: when all is well (the usual case) one row answers, not a row per product
    of a 1,000-line delivery; only then are they read one by one.
    """
    if not wanted:
        return set(), {}
    ids = list(wanted)
    found, parents = conn.execute(
        select(func.count(), func.coalesce(func.sum(case((PRODUCT.c.is_parent, 1), else_=0)), 0)).where(
            PRODUCT.c.id.in_(ids)
        )
    ).one()
    if found == len(ids) and not parents:
        return set(), {}
    rows = conn.execute(select(PRODUCT.c.id, PRODUCT.c.sku, PRODUCT.c.is_parent).where(PRODUCT.c.id.in_(ids)))
    known = {product_id: (sku, is_parent) for product_id, sku, is_parent in rows}
    return wanted - set(known), {product_id: sku for product_id, (sku, is_parent) in known.items() if is_parent}
