"""Schema migrations (Alembic), backups before them, and integrity checks."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from shopdesk.db.database import Database, explain_database_errors
from shopdesk.db.stock_check import reconcile_stock
from shopdesk.domain.errors import NewerDatabase, ShopDeskError


def migrations_dir() -> Path:
    """Inside the installed package (wheel), or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # src/shopdesk or site-packages/shopdesk
    for candidate in (here / "migrations", here.parent.parent / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise RuntimeError("ShopDesk's migrations folder is missing from this installation")


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    cfg.attributes["engine"] = db.engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(migrations_dir()))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with explain_database_errors(db), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory(str(migrations_dir())).walk_revisions()}


def is_empty(db: Database) -> bool:
    with explain_database_errors(db), db.engine.connect() as conn:
        return not inspect(conn).get_table_names()


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while the app writes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
        tmp.replace(target)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):  # never leave half a backup behind
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return target


def refuse_newer(db: Database, current: str | None) -> None:
    """A database a newer ShopDesk wrote is left alone: this version does not know its tables."""
    if current is not None and current not in known_revisions():
        raise NewerDatabase(
            f"{db.describe()} was written by a newer version of ShopDesk (schema {current}). "
            "Install the newer ShopDesk to open it; nothing was changed."
        )


@dataclass
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def upgrade(db: Database) -> UpgradeResult:
    """Bring the schema to this version's head; back up an existing SQLite file first.

    Refuses a database written by a newer ShopDesk, and anything that is not a
    ShopDesk database, without touching it.
    """
    current = current_revision(db)
    head = head_revision()
    refuse_newer(db, current)
    if current is None and not is_empty(db):
        raise ShopDeskError(f"{db.describe()} holds tables but is not a ShopDesk database; nothing was changed.")
    backup = None
    if current is not None and current != head and db.file is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(db.file, db.file.with_name(f"{db.file.stem}.before-upgrade-{stamp}{db.file.suffix}"))
    if current != head:
        with explain_database_errors(db):
            command.upgrade(alembic_config(db), "head")
    return UpgradeResult(current, head, backup)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> CheckReport:
    """Integrity and foreign keys (SQLite), schema version (both)."""
    report = CheckReport()
    current = current_revision(db)
    refuse_newer(db, current)
    report.checked.append("schema version")
    if current != head_revision():
        report.problems.append(
            f"schema is at {current or 'nothing'}, this version expects {head_revision()}: run shopdesk db upgrade"
        )
    with explain_database_errors(db), db.engine.connect() as conn:
        if db.dialect == "sqlite":
            report.checked.append("integrity_check")
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                report.problems.extend(f"integrity: {r}" for r in rows)
            report.checked.append("foreign_key_check")
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                report.problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        else:
            report.checked.append("connection")
            conn.execute(text("SELECT 1"))
        report.checked.append("stock ledger")
        report.problems.extend(reconcile_stock(conn))
    return report
