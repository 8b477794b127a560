"""The Database: one engine, and units of work over it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Self

from sqlalchemy import URL, Connection, Engine
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from shopdesk.db.engine import make_engine, sqlite_path, url_for
from shopdesk.domain.errors import ShopDeskError

try:
    from psycopg import OperationalError as PsycopgOperationalError
except ImportError:  # the postgres extra is not installed: only SQLite shops on this computer
    PsycopgOperationalError = None  # type: ignore[assignment,misc]

# SQLSTATEs of a connection the server ended: class 08 (connection exception) and the
# server shutting the session down (admin command, crash, starting up).
_CONNECTION_ENDED = ("57P01", "57P02", "57P03")


class ServerUnavailable(ShopDeskError):
    """The PostgreSQL server cannot be reached or stopped answering; ShopDesk reconnects on its own."""


def server_address(url: URL) -> str:
    """HOST:PORT of a server URL, for messages (never the user or the password)."""
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def lost_connection(exc: BaseException) -> bool:
    """True when exc says the connection to the server is gone or could not be made.

    A statement the server refused (a lock timeout, a serialization failure: also
    OperationalErrors) is not a lost connection and is left to the caller.
    """
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig  # type: ignore[assignment]
    if PsycopgOperationalError is None or not isinstance(exc, PsycopgOperationalError):
        return False
    state = exc.sqlstate
    return state is None or state.startswith("08") or state in _CONNECTION_ENDED


def _connect_failed(exc: BaseException) -> bool:
    # psycopg words a failed connection attempt "connection failed: …" or "connection timeout expired".
    text = str(exc.orig if isinstance(exc, DBAPIError) else exc)
    invalidated = isinstance(exc, DBAPIError) and exc.connection_invalidated
    return not invalidated and (text.startswith("connection failed") or "timeout expired" in text)


def explain_lost_connection(url: URL, exc: BaseException, *, doing: str) -> ServerUnavailable:
    """The message for a lost or impossible connection (lost_connection(exc) is true).

    doing says what was lost with it: "change" (a unit of work), "commit" (the
    server may have saved it), or "read".
    """
    where = server_address(url)
    if _connect_failed(exc):
        text = str(exc.orig if isinstance(exc, DBAPIError) else exc)
        reason = text.strip().splitlines()[0].rpartition("failed: ")[2].removeprefix("FATAL:").strip() or text.strip()
        if url.password:
            reason = reason.replace(url.password, "***")
        if "authentication failed" in reason:
            return ServerUnavailable(f"The PostgreSQL server at {where} refused the login ({reason}).")
        return ServerUnavailable(
            f"Cannot reach the PostgreSQL server at {where} ({reason}). Check that the server is running "
            "and that this computer can reach it; ShopDesk connects again on its own once it answers."
        )
    if doing == "commit":
        return ServerUnavailable(
            f"The PostgreSQL server at {where} stopped answering while your change was being saved; it may or "
            "may not have been saved. ShopDesk reconnects on its own; check your last change before you do it again."
        )
    lost = "nothing was changed" if doing == "read" else "your last change was not saved"
    return ServerUnavailable(
        f"The PostgreSQL server at {where} stopped answering; {lost}. ShopDesk reconnects on its own; try again."
    )


class UnitOfWork:
    """One use case's transaction: commit explicitly, anything else rolls back.

    Usage: `with db.uow() as uow: ...; uow.commit()`.
    """

    def __init__(self, engine: Engine):
        self._engine = engine
        self.session: Session

    def __enter__(self) -> Self:
        self.session = Session(self._engine, expire_on_commit=False, autoflush=True)
        self.session.begin()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if isinstance(exc, ServerUnavailable) or (exc is not None and lost_connection(exc)):
            # The server rolled the transaction back when the connection died; tidying up the
            # dead connection (close rolls back) must not hide that behind a second error.
            with suppress(Exception):
                self.session.close()
            if not isinstance(exc, ServerUnavailable):
                raise explain_lost_connection(self._engine.url, exc, doing="change") from exc
            return
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        try:
            self.session.commit()
        except Exception as exc:
            # The connection died around COMMIT: the server may have saved the change or not.
            if lost_connection(exc) and not _connect_failed(exc):
                raise explain_lost_connection(self._engine.url, exc, doing="commit") from exc
            raise

    def flush(self) -> None:
        self.session.flush()


class Database:
    """Where the shop's data lives: a SQLite file, memory, or a PostgreSQL URL."""

    def __init__(self, target: str, *, echo: bool = False):
        self.url = url_for(target)
        self.engine = make_engine(self.url, echo=echo)
        self._readonly_engine = self.engine.execution_options(shopdesk_readonly=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def file(self):  # type: ignore[no-untyped-def]
        return sqlite_path(self.url)

    def describe(self) -> str:
        """Where the data is, for people: a file path, or the server without the password."""
        if self.file:
            return str(self.file)
        return self.engine.url.render_as_string(hide_password=True)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only connection for queries (lists, reports); never takes the write lock."""
        try:
            with self._readonly_engine.connect() as conn, conn.begin():
                yield conn
        except Exception as exc:
            if lost_connection(exc):
                raise explain_lost_connection(self.engine.url, exc, doing="read") from exc
            raise

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def explain_database_errors(db: Database) -> Iterator[None]:
    """Turn 'file is not a database' and unreachable servers into messages for people."""
    try:
        yield
    except (DatabaseError, OperationalError) as exc:
        orig = str(getattr(exc, "orig", exc))
        if "file is not a database" in orig or "not a database" in orig:
            raise ShopDeskError(f"{db.describe()} is not a ShopDesk database (it is not an SQLite file).") from exc
        if "unable to open database file" in orig:
            raise ShopDeskError(f"Cannot open the database file {db.describe()}: {orig}") from exc
        if lost_connection(exc):
            raise explain_lost_connection(db.engine.url, exc, doing="read") from exc
        if db.dialect == "postgresql" and isinstance(exc, OperationalError):
            raise ShopDeskError(
                f"Cannot reach the PostgreSQL server at {db.describe()}: {orig.strip().splitlines()[0]}"
            ) from exc
        raise
