"""Has anything changed since I last looked? A cheap probe for lists shown on several PCs.

`change_stamp(db)` returns a number that changes after anyone (this process, another
app window, another PC) commits a change to the shop's database, and stays the same
while people only read. The Qt client polls it every few seconds and reads its list
again only when it moved (ui/refresh.py).

- SQLite: `PRAGMA data_version` on one connection kept open for the probe alone. SQLite
  changes it when another connection commits, and reads leave it alone. A probe is a
  few microseconds; it never takes a lock.
- PostgreSQL: every transaction that wrote sends `NOTIFY shopdesk_changes` as it
  commits (a hook on every engine, installed when shopdesk.db is imported). Notifications
  are transactional: sent on commit, never for a rollback, and only to the same database.
  The probe LISTENs on one connection of its own and counts what arrived, reading only
  what the socket already holds, so a probe never waits for the server. Whether a
  transaction wrote is PostgreSQL's own answer (an xid was assigned), so reads never count.
- An in-memory SQLite database has no other connections: its stamp never changes.

When the probe's connection is lost (a server restart), the stamp moves once it is
back: notifications sent meanwhile are gone, so the lists read again to be sure.
"""

from __future__ import annotations

import sqlite3
import weakref
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event

if TYPE_CHECKING:
    from shopdesk.db.database import Database

CHANNEL = "shopdesk_changes"
# One statement, one round trip, at the commit of a transaction that may have written:
# txid_current_if_assigned() is NULL unless this transaction wrote something.
_NOTIFY_IF_WROTE = f"SELECT pg_notify('{CHANNEL}', '') WHERE txid_current_if_assigned() IS NOT NULL"


@event.listens_for(Engine, "commit")
def _tell_listeners(conn: Connection) -> None:
    """Before a PostgreSQL transaction commits: NOTIFY the probes if it wrote (ShopDesk's read-only
    connections, Database.read(), never write and skip the round trip)."""
    if conn.dialect.name != "postgresql" or conn.get_execution_options().get("shopdesk_readonly"):
        return
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_NOTIFY_IF_WROTE)
    finally:
        cursor.close()


class ChangeProbe:
    """A dedicated connection that says when the database changed; use `stamp()`."""

    def __init__(self, db: Database):
        # What the probe needs, not the Database itself: a probe must not keep it alive.
        self._dialect = db.dialect
        self._file = db.file
        self._url = db.engine.url
        self._conn: Any = None
        self._count = 0  # PostgreSQL: notifications seen (and reconnects)
        self._broken = False

    def stamp(self) -> int:
        """A number that differs after someone committed a change since the last call that saw it."""
        if self._dialect == "sqlite":
            return self._sqlite_stamp()
        if self._dialect == "postgresql":
            return self._postgresql_stamp()
        return 0

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(Exception):  # closing a connection that already died
                conn.close()

    # SQLite ------------------------------------------------------------------------------
    def _sqlite_stamp(self) -> int:
        path = self._file
        if path is None:
            return 0
        if self._conn is None:
            # Its own connection, outside the pool: data_version counts the commits of the others.
            self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # PostgreSQL --------------------------------------------------------------------------
    def _postgresql_stamp(self) -> int:
        import psycopg

        try:
            if self._conn is None:
                self._conn = self._listen()
                if self._broken:  # what was sent while the connection was down is lost
                    self._count += 1
                    self._broken = False
            pgconn = self._conn.pgconn
            # Read what the socket holds and take the notifications out, without a round trip.
            pgconn.consume_input()  # raises when the connection is gone
            while pgconn.notifies() is not None:
                self._count += 1
        except psycopg.Error:
            self.close()
            self._broken = True
        return self._count

    def _listen(self) -> Any:
        import psycopg

        url = self._url
        args = url.translate_connect_args(username="user", database="dbname")
        args.update({k: v for k, v in url.query.items() if isinstance(v, str)})
        conn = psycopg.connect(autocommit=True, connect_timeout=5, **args)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn


_PROBES: weakref.WeakKeyDictionary[Database, ChangeProbe] = weakref.WeakKeyDictionary()


def change_stamp(db: Database) -> int:
    """The database's change stamp through one probe per Database (its connection kept open).

    Every list of one app window shares it; compare with the value seen last time.
    """
    probe = _PROBES.get(db)
    if probe is None:
        probe = _PROBES[db] = ChangeProbe(db)
        weakref.finalize(db, probe.close)
    return probe.stamp()


def close_probe(db: Database) -> None:
    """Close the database's probe connection (the next change_stamp opens a new one)."""
    probe = _PROBES.pop(db, None)
    if probe is not None:
        probe.close()
