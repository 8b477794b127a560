"""Backups and restores of a SQLite shop file (the online backup API: safe while the app writes)."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from shopdesk.db.migrate import backup_sqlite, known_revisions
from shopdesk.domain.errors import NewerDatabase, ShopDeskError

DAILY_PREFIX = "daily-"


def backup_to(source: Path, target: Path) -> Path:
    """Copy the shop file to target; a failed copy leaves no partial file and says why."""
    if target.exists() and target.is_dir():
        target = target / f"{source.stem}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    try:
        return backup_sqlite(source, target)
    except (OSError, sqlite3.Error) as exc:
        reason = str(exc)
        if isinstance(exc, sqlite3.Error) and target.parent.is_dir() and not os.access(target.parent, os.W_OK):
            reason = "that folder cannot be written to (a read-only disk, or no permission)"  # SQLite: "unable to open"
        raise ShopDeskError(f"Could not write the backup to {target}: {reason}") from exc


def revision_of(path: Path) -> str:
    """The schema revision inside a file, or a ShopDeskError if it is not a whole ShopDesk database."""
    if not path.is_file():
        raise ShopDeskError(f"{path} does not exist")
    short = _cut_short(path)
    if short:
        raise ShopDeskError(f"{path} is damaged or incomplete ({short}); it cannot be restored. Nothing was changed.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
            if status != "ok":
                raise ShopDeskError(f"{path} is damaged ({status}); it cannot be restored. Nothing was changed.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise ShopDeskError(f"{path} is damaged ({exc}); it cannot be restored. Nothing was changed.") from exc
        raise ShopDeskError(f"{path} is not a ShopDesk database ({exc})") from exc
    if not row:
        raise ShopDeskError(f"{path} is not a ShopDesk database (no schema version)")
    return str(row[0])


def _cut_short(path: Path) -> str | None:
    """Why an SQLite file is shorter than its own header says (a copy cut off), or None.

    SQLite reads a missing tail as empty pages, so a file cut at the right place
    passes its own checks while rows are gone: the size is checked against the header.
    """
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(b"SQLite format 3\0"):
        return None  # not an SQLite file at all: refused as such when opened
    if len(header) < 100:
        return f"only {len(header)} bytes"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    # The page count in the header is trusted only when written together with the change counter.
    if pages and header[24:28] == header[92:96] and size < pages * page_size:
        return f"{size:,} of {pages * page_size:,} bytes"
    if size % page_size:
        return f"{size:,} bytes is not a whole number of {page_size:,}-byte pages"
    return None


def restore_from(backup: Path, target: Path) -> Path | None:
    """Replace the shop file with a backup, keeping a copy of what it replaces (returned).

    Refuses a file that is not a ShopDesk database, is damaged, or comes from a newer version.
    """
    revision = revision_of(backup)
    if revision not in known_revisions():
        raise NewerDatabase(f"{backup} comes from a newer version of ShopDesk (schema {revision}); not restored")
    kept = None
    if target.exists():
        try:
            kept = backup_to(
                target, target.with_name(f"{target.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}.sqlite")
            )
        except ShopDeskError as exc:
            raise ShopDeskError(f"Could not restore {backup}: {exc}. The shop file was not changed.") from exc
    tmp = target.with_name(target.name + ".restoring")
    try:
        backup_sqlite(backup, tmp)
    except (OSError, sqlite3.Error) as exc:
        if kept is not None:  # nothing was replaced, so nothing needs keeping (and the disk is likely full)
            kept.unlink(missing_ok=True)
        raise ShopDeskError(f"Could not restore {backup}: {exc}. The shop file was not changed.") from exc
    try:
        if not _copy_into_live_file(tmp, target):
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return kept


def _copy_into_live_file(source: Path, target: Path) -> bool:
    """Write the backup into the shop file through SQLite itself; False when the target is no database.

    A copy of the app still open on the file (another PC's window, a second app) then
    reads the restored shop at its next step and writes into it. Replacing the file
    instead would leave that copy writing into the old, unlinked file: its changes lost.
    """
    if not target.exists():
        return False
    try:
        probe = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            probe.execute("PRAGMA schema_version").fetchone()  # a file that is no database fails here
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return False  # damaged or foreign: nothing can have it open as a shop, so it is replaced
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=30)  # waits for a write in progress elsewhere
        try:
            src.backup(dst)  # one transaction: all of the backup, or the shop as it was
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise ShopDeskError(f"Could not restore into {target}: {exc}. The shop file was not changed.") from exc
    finally:
        src.close()
    return True


def daily_backup(source: Path, folder: Path, keep: int, today: date | None = None) -> Path | None:
    """Once a day the app is used: a backup in folder, keeping the newest `keep` of them."""
    today = today or date.today()
    target = folder / f"{DAILY_PREFIX}{today:%Y-%m-%d}.sqlite"
    if target.exists() or not source.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    made = backup_to(source, target)
    for old in sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite"))[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made
