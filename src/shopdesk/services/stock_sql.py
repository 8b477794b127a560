"""Upserts written once for SQLite and PostgreSQL (both speak INSERT … ON CONFLICT)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def _insert(conn: Connection, table: Table):  # type: ignore[no-untyped-def]
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def insert_ignore(
    conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], index_elements: Sequence[str]
) -> None:
    """Insert rows whose key is not there yet; leave existing rows alone."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(index_elements=list(index_elements)), list(rows))


def insert_or_add(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    index_elements: Sequence[str],
    add_columns: Sequence[str],
    replace_columns: Sequence[str] = (),
) -> None:
    """Insert rows, or add their `add_columns` (and overwrite `replace_columns`) on the row already there.

    One statement, so two writers cannot both insert the same key.
    """
    if not rows:
        return
    stmt = _insert(conn, table)
    changes = {col: table.c[col] + stmt.excluded[col] for col in add_columns}
    changes.update({col: stmt.excluded[col] for col in replace_columns})
    stmt = stmt.on_conflict_do_update(index_elements=list(index_elements), set_=changes)
    conn.execute(stmt, list(rows))
