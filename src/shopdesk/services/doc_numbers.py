"""Document numbers (PO-000001, ST-000001) from the shared number_sequence table (migration 0007)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Table, select, update

from shopdesk.db.models.orders import NumberSequence
from shopdesk.services.stock_sql import insert_ignore

SEQUENCE = cast(Table, NumberSequence.__table__)
WIDTH = 6


def take_number(conn: Connection, sequence: str, prefix: str, number_column) -> str:  # type: ignore[no-untyped-def]
    """The next number of a kind of document, taken inside the caller's transaction.

    One UPDATE ... RETURNING takes it, as the order numbers are taken
    (services/order_records.py): a second app instance waits for this
    transaction and gets the next number; a rolled-back document leaves no gap.
    The first time, the sequence starts after the highest number already in
    `number_column` (documents written before the sequence existed).
    """
    where = SEQUENCE.c.name == sequence
    if conn.execute(select(SEQUENCE.c.last_value).where(where)).first() is None:
        highest = conn.execute(
            select(number_column).where(number_column.like(f"{prefix}%")).order_by(number_column.desc()).limit(1)
        ).scalar()
        digits = (highest or "")[len(prefix) :]
        insert_ignore(
            conn, SEQUENCE, [{"name": sequence, "last_value": int(digits) if digits.isdigit() else 0}], ["name"]
        )
    last = conn.execute(
        update(SEQUENCE).where(where).values(last_value=SEQUENCE.c.last_value + 1).returning(SEQUENCE.c.last_value)
    ).scalar_one()
    return f"{prefix}{last:0{WIDTH}d}"
