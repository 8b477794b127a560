"""Database upkeep for the CLI and the UI: upgrade and check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopdesk.config import data_dir
from shopdesk.db import backup as backups
from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.domain.errors import ShopDeskError

DAILY_BACKUPS_KEPT = 14


@dataclass
class UpgradeOutcome:
    where: str
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def upgrade(target: str) -> UpgradeOutcome:
    db = Database(target)
    try:
        result = migrate.upgrade(db)
        return UpgradeOutcome(db.describe(), result.from_revision, result.to_revision, result.backup)
    finally:
        db.dispose()


def check(target: str) -> migrate.CheckReport:
    """Integrity, schema version and stock ledger; refuses (changing nothing) what is not a shop."""
    db = Database(target)
    try:
        if db.file is not None and not db.file.exists():
            # Connecting would create an empty file at a mistyped path.
            raise ShopDeskError(f"{db.file} does not exist; nothing was checked.")
        if migrate.current_revision(db) is None and not migrate.is_empty(db):
            raise ShopDeskError(f"{db.describe()} holds tables but is not a ShopDesk database; nothing was checked.")
        return migrate.check(db)
    finally:
        db.dispose()


def _sqlite_file(db: Database) -> Path:
    if db.file is None:
        raise ShopDeskError(
            "This shop is on a PostgreSQL server: back it up on the server (pg_dump), not from ShopDesk."
        )
    return db.file


def backup(target: str, to: Path) -> Path:
    """A consistent copy of the shop file, safe while the app is writing."""
    db = Database(target)
    try:
        return backups.backup_to(_sqlite_file(db), to)
    finally:
        db.dispose()


def restore(target: str, source: Path) -> Path | None:
    """Replace the shop with a backup; returns where the replaced file was kept."""
    db = Database(target)
    try:
        path = _sqlite_file(db)
    finally:
        db.dispose()
    return backups.restore_from(source, path)


def daily_backup_folder(db: Database) -> Path | None:
    """Where the automatic daily backups of a shop file go (None for a PostgreSQL shop)."""
    return None if db.file is None else data_dir() / "backups" / db.file.stem


def daily_backup(db: Database, keep: int = DAILY_BACKUPS_KEPT) -> Path | None:
    """The first start of a day backs the shop file up into the data folder's backups/."""
    folder = daily_backup_folder(db)
    if db.file is None or folder is None:
        return None
    return backups.daily_backup(db.file, folder, keep)
