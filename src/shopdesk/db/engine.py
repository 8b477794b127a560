"""Engine set-up for a local SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool, StaticPool

BUSY_TIMEOUT_MS = 10_000


def url_for(target: str | Path) -> str:
    """A database URL from what a person types: a URL, or a path to a SQLite file."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory and non-SQLite URLs."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo=echo)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, echo=echo, pool_pre_ping=True)


def _sqlite_engine(url: str, *, echo: bool) -> Engine:
    memory = sqlite_path(url) is None
    engine = create_engine(
        url,
        echo=echo,
        # One connection for an in-memory database (tests). For a file, a small pool: closing
        # the last connection to a WAL database checkpoints the log (~17 ms a scan here), so
        # connections are kept. Two app instances on one file still coordinate through
        # SQLite's own locks; the pool is per process.
        poolclass=StaticPool if memory else QueuePool,
        pool_pre_ping=False,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred and late).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Writers take the write lock up front (BEGIN IMMEDIATE), so two app instances
        # never deadlock upgrading a read lock; read-only work starts a plain deferred BEGIN.
        readonly = conn.get_execution_options().get("shopdesk_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine
