"""Database upkeep for the CLI and the UI: upgrade and check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopdesk.db import migrate
from shopdesk.db.database import Database


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
    db = Database(target)
    try:
        return migrate.check(db)
    finally:
        db.dispose()
