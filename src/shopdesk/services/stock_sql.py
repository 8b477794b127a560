"""Upserts written once for SQLite and PostgreSQL (both speak INSERT … ON CONFLICT)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite


def _insert(conn: Connection, table: Table):  # type: ignore[no-untyped-def]
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


@functools.cache
def _upsert(
    dialect: str, table: Table, index_elements: tuple[str, ...], add: tuple[str, ...], replace: tuple[str, ...]
):  # type: ignore[no-untyped-def]
    """Built once per shape: a scan's move runs it every time."""
    stmt = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    changes = {col: table.c[col] + stmt.excluded[col] for col in add}
    changes.update({col: stmt.excluded[col] for col in replace})
    return stmt.on_conflict_do_update(index_elements=list(index_elements), set_=changes)


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
    stmt = _upsert(conn.dialect.name, table, tuple(index_elements), tuple(add_columns), tuple(replace_columns))
    conn.execute(stmt, list(rows))


def insert_returning_ids(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert many rows and return their ids in the order given, fast on both databases.

    PostgreSQL: a multi-row INSERT … RETURNING, ordered by SQLAlchemy. SQLite would
    run that one row at a time, so there: executemany, then the ids above the
    highest one before. That is exact because a SQLite writer holds the database
    lock (BEGIN IMMEDIATE) for the whole transaction and rowids only grow; when
    they are the next n numbers (count and highest say so: the usual case) they
    are not read back one by one.
    """
    if not rows:
        return []
    if conn.dialect.name != "sqlite":
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(conn.execute(stmt, list(rows)).scalars())
    before = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    conn.execute(insert(table), list(rows))
    added, highest = conn.execute(select(func.count(), func.max(table.c.id)).where(table.c.id > before)).one()
    if added == len(rows) and highest == before + len(rows):
        return list(range(before + 1, highest + 1))
    ids = list(conn.execute(select(table.c.id).where(table.c.id > before).order_by(table.c.id)).scalars())
    if len(ids) != len(rows):  # pragma: no cover - would mean another writer inside our transaction
        raise RuntimeError("rows appeared in the middle of a bulk insert")
    return ids
