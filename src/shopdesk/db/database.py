"""The Database: one engine, and units of work over it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from shopdesk.db.engine import make_engine, sqlite_path, url_for
from shopdesk.domain.errors import ShopDeskError


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
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

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
        with self._readonly_engine.connect() as conn, conn.begin():
            yield conn

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
        if db.dialect == "postgresql" and isinstance(exc, OperationalError):
            raise ShopDeskError(
                f"Cannot reach the PostgreSQL server at {db.describe()}: {orig.strip().splitlines()[0]}"
            ) from exc
        raise
