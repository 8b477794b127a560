"""Engine set-up for a local SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool, StaticPool

from shopdesk.domain.errors import ShopDeskError

BUSY_TIMEOUT_MS = 10_000
# A PostgreSQL server that is down or unreachable is reported within seconds, not after
# the operating system's TCP timeout (a minute or more); a URL may set its own connect_timeout.
PG_CONNECT_TIMEOUT_S = 5
PG_CONNECTION_ARGS = {
    "connect_timeout": PG_CONNECT_TIMEOUT_S,
    # A link that died without a word (a firewall dropping idle connections, a cable pulled)
    # is noticed by TCP keepalives while idle, and by the pool's pre-ping when reused, which
    # gives up after tcp_user_timeout instead of retransmitting for many minutes.
    "keepalives": 1,
    "keepalives_idle": 60,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}


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
    if parsed.get_backend_name() != "postgresql":
        return create_engine(parsed, echo=echo, pool_pre_ping=True, hide_parameters=True)
    if parsed.drivername == "postgresql+psycopg":
        _require_psycopg()
    connect_args = {key: value for key, value in PG_CONNECTION_ARGS.items() if key not in parsed.query}
    # pre_ping replaces a pooled connection the server has dropped (restart, idle kill) before a
    # use case gets it; a connection that dies during a use case is invalidated by SQLAlchemy,
    # together with every pooled connection older than it (db/database.py explains the error).
    return create_engine(parsed, echo=echo, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True)


def _require_psycopg() -> None:
    """A shop on a server needs the PostgreSQL driver, which `pip install .` alone does not bring."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ShopDeskError(
            "This copy of ShopDesk cannot talk to a PostgreSQL server: its driver is not installed. "
            "Install it with: pip install 'shopdesk[postgres]'"
        ) from None


def _sqlite_engine(url: str, *, echo: bool) -> Engine:
    memory = sqlite_path(url) is None
    engine = create_engine(
        url,
        echo=echo,
        hide_parameters=True,  # a failed statement's values (a buyer's phone) never reach a log or a dialog
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
            # WAL is a property of the file: switch only a new file or a ShopDesk one, never a
            # foreign database that is about to be refused (opening it must not change it).
            if _new_or_shopdesk(cursor):
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


def _new_or_shopdesk(cursor: sqlite3.Cursor) -> bool:
    """True for an empty file and for one holding ShopDesk's schema version table."""
    tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not tables or "alembic_version" in tables
