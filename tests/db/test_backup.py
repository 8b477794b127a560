"""Backups and restores of a shop file, as the owner (and the app, once a day) makes them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.db import backup as backups
from shopdesk.domain.errors import NewerDatabase, ShopDeskError
from tests.factories import product


def count(path: Path, table: str = "product") -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_restore_round_trip_keeps_a_copy_of_what_it_replaces(sqlite_shop, tmp_path) -> None:
    sqlite_shop.catalogue.create_product(product("KEEP-1"))
    shop_file = sqlite_shop.db.file
    backup_file = tmp_path / "monday.sqlite"
    assert main(["--db", str(shop_file), "db", "backup", str(backup_file)]) == 0
    sqlite_shop.catalogue.create_product(product("LATER-1"))
    sqlite_shop.close()

    assert main(["--db", str(shop_file), "db", "restore", str(backup_file)]) == 0
    assert count(shop_file) == 1
    kept = list(shop_file.parent.glob("*.before-restore-*.sqlite"))
    assert len(kept) == 1 and count(kept[0]) == 2


def test_with_users_on_only_the_owner_restores_a_backup_over_the_shop(
    sqlite_shop, tmp_path, capsys, monkeypatch
) -> None:
    from shopdesk.domain.permissions import Role
    from shopdesk.services.users import Users

    sqlite_shop.catalogue.create_product(product("KEEP-1"))
    shop_file = sqlite_shop.db.file
    backup_file = tmp_path / "monday.sqlite"
    assert main(["--db", str(shop_file), "db", "backup", str(backup_file)]) == 0
    sqlite_shop.catalogue.create_product(product("LATER-1"))
    Users(sqlite_shop).add("王店长", Role.OWNER, "9876")
    Users(sqlite_shop).add("小李", Role.WAREHOUSE, "1234")
    sqlite_shop.close()
    monkeypatch.delenv("SHOPDESK_USER", raising=False)
    capsys.readouterr()

    assert main(["--db", str(shop_file), "db", "restore", str(backup_file)]) == 1
    assert "--login" in capsys.readouterr().err
    monkeypatch.setenv("SHOPDESK_PIN", "1234")
    assert main(["--db", str(shop_file), "--login", "小李", "db", "restore", str(backup_file)]) == 1
    assert "may not restore a backup over the shop: that needs the role owner" in capsys.readouterr().err
    assert count(shop_file) == 2  # nothing replaced
    monkeypatch.setenv("SHOPDESK_PIN", "9876")
    assert main(["--db", str(shop_file), "--login", "王店长", "db", "restore", str(backup_file)]) == 0
    assert count(shop_file) == 1


def test_restore_refuses_what_is_not_a_shopdesk_backup(sqlite_shop, tmp_path, capsys) -> None:
    shop_file = sqlite_shop.db.file
    sqlite_shop.catalogue.create_product(product("MINE"))
    sqlite_shop.close()
    before = shop_file.read_bytes()

    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(os.urandom(8192))
    assert main(["--db", str(shop_file), "db", "restore", str(garbage)]) == 1
    assert "not a ShopDesk database" in capsys.readouterr().err

    truncated = tmp_path / "truncated.sqlite"
    backups.backup_to(shop_file, tmp_path / "full.sqlite")
    truncated.write_bytes((tmp_path / "full.sqlite").read_bytes()[:6000])
    with pytest.raises(ShopDeskError):
        backups.restore_from(truncated, shop_file)

    future = tmp_path / "future.sqlite"
    backups.backup_to(shop_file, future)
    with sqlite3.connect(future) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(NewerDatabase, match="newer version"):
        backups.restore_from(future, shop_file)
    assert shop_file.read_bytes() == before


WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("CREATE TABLE IF NOT EXISTS ticks (n INTEGER, pair INTEGER)")
print("ready", flush=True)
n = 0
deadline = time.time() + 5
while time.time() < deadline:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO ticks VALUES (?, 0)", (n,))
    conn.execute("INSERT INTO ticks VALUES (?, 1)", (n,))
    conn.execute("COMMIT")
    n += 1
"""


def test_backup_while_another_process_writes_is_consistent(sqlite_shop, tmp_path) -> None:
    shop_file = sqlite_shop.db.file
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(shop_file)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        copies = [backups.backup_to(shop_file, tmp_path / f"b{i}.sqlite") for i in range(3)]
    finally:
        writer.wait(timeout=30)
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            # each transaction wrote a pair of rows: a consistent copy never holds half a pair
            assert conn.execute("SELECT count(*) % 2 FROM ticks").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM ticks").fetchone()[0] > 0


def test_one_daily_backup_a_day_and_only_the_newest_are_kept(sqlite_shop, tmp_path) -> None:
    shop_file = sqlite_shop.db.file
    folder = tmp_path / "daily"
    for day in range(1, 6):
        assert backups.daily_backup(shop_file, folder, keep=3, today=date(2026, 11, day)) is not None
        assert backups.daily_backup(shop_file, folder, keep=3, today=date(2026, 11, day)) is None
    assert sorted(p.name for p in folder.iterdir()) == [
        "daily-2026-11-03.sqlite",
        "daily-2026-11-04.sqlite",
        "daily-2026-11-05.sqlite",
    ]


def test_a_backup_where_nothing_can_be_written_says_so_and_leaves_nothing(sqlite_shop, tmp_path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    before = sorted(tmp_path.iterdir())
    with pytest.raises(ShopDeskError, match="Could not write the backup"):
        backups.backup_to(sqlite_shop.db.file, not_a_folder / "b.sqlite")
    assert sorted(tmp_path.iterdir()) == before


def _small_file_limit() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write instead of a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_backup_onto_a_full_disk_says_so_and_leaves_nothing(sqlite_shop, tmp_path) -> None:
    """A file-size limit makes every write past 20 kB fail, as a full disk does."""
    for i in range(200):
        sqlite_shop.catalogue.create_product(product(f"FILL-{i}", description="x" * 500))
    target = tmp_path / "out" / "b.sqlite"
    target.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--db", str(sqlite_shop.db.file), "db", "backup", str(target)],
        capture_output=True,
        text=True,
        preexec_fn=_small_file_limit,
    )
    assert result.returncode == 1
    assert "Could not write the backup" in result.stderr
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "status"),
    [(["check"], 1), (["upgrade"], 1), (["backup", "copy.sqlite"], 0)],  # a copy of it harms nobody
)
def test_another_apps_sqlite_file_is_left_exactly_as_it_was(tmp_path, command, status, capsys) -> None:
    """Pointing `shopdesk db …` at a file that is not ours must not change it (not even to WAL mode)."""
    recipes = tmp_path / "recipes.sqlite"
    with sqlite3.connect(recipes) as conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipe (name) VALUES ('红烧肉')")
    conn.close()
    before = recipes.read_bytes()

    assert main(["--db", str(recipes), "db", *command[:1], *(str(tmp_path / c) for c in command[1:])]) == status
    if status:
        assert f"{recipes} holds tables but is not a ShopDesk database" in capsys.readouterr().err

    assert recipes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("recipes")) == ["recipes.sqlite"]
    with sqlite3.connect(f"file:{recipes}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.mark.parametrize(
    "keep",
    [lambda size: 100, lambda size: size // 2, lambda size: size - 1],
    ids=["the header only", "half of it", "all but the last byte"],
)
def test_a_backup_cut_short_is_refused_and_the_shop_is_left_as_it_was(sqlite_shop, tmp_path, keep, capsys) -> None:
    """A copy interrupted on its way (a USB stick pulled out) is refused, even where SQLite would read it."""
    sqlite_shop.catalogue.create_product(product("MINE"))
    shop_file = sqlite_shop.db.file
    whole = backups.backup_to(shop_file, tmp_path / "copies" / "whole.sqlite").read_bytes()
    sqlite_shop.close()
    cut = tmp_path / "copies" / "cut.sqlite"
    cut.write_bytes(whole[: keep(len(whole))])
    before = shop_file.read_bytes()
    beside = sorted(shop_file.parent.iterdir())

    assert main(["--db", str(shop_file), "db", "restore", str(cut)]) == 1
    assert f"{cut} is damaged or incomplete (" in capsys.readouterr().err
    assert shop_file.read_bytes() == before
    assert sorted(shop_file.parent.iterdir()) == beside  # no kept copy, no half-restored file


def _mount_small_disk(folder: Path, options: str) -> Callable[[], None]:
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here (needs root): {mounted.stderr.decode().strip()}")
    # lazy: a file a failed test left open must not keep the mount behind
    return lambda: subprocess.run(["umount", "--lazy", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A real 4 MB disk (tmpfs), to be filled up."""
    unmount = _mount_small_disk(tmp_path / "stick", "size=4m")
    yield tmp_path / "stick"
    unmount()


@pytest.fixture
def read_only_disk(tmp_path) -> Iterator[Path]:
    """A real read-only disk: as root, a folder without write permission would not stop the write."""
    unmount = _mount_small_disk(tmp_path / "cdrom", "ro,size=64k")
    yield tmp_path / "cdrom"
    unmount()


def fill(disk: Path, leave: int) -> None:
    """Fill the disk until only about `leave` bytes are free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "holiday-photos.bin").write_bytes(b"\0" * max(free - leave, 0))


def test_a_backup_onto_a_really_full_disk_says_so_and_leaves_nothing(sqlite_shop, small_disk) -> None:
    fill(small_disk, leave=64 * 1024)
    with pytest.raises(ShopDeskError, match=f"Could not write the backup to {small_disk}/monday.sqlite: "):
        backups.backup_to(sqlite_shop.db.file, small_disk / "monday.sqlite")
    assert sorted(p.name for p in small_disk.iterdir()) == ["holiday-photos.bin"]
    assert sqlite_shop.catalogue.count_products() == 0  # the shop itself carries on


def test_a_daily_backup_on_a_full_disk_keeps_the_earlier_ones(sqlite_shop, small_disk) -> None:
    folder = small_disk / "daily"
    assert backups.daily_backup(sqlite_shop.db.file, folder, keep=1, today=date(2026, 11, 1)) is not None
    fill(small_disk, leave=64 * 1024)
    with pytest.raises(ShopDeskError, match="Could not write the backup"):
        backups.daily_backup(sqlite_shop.db.file, folder, keep=1, today=date(2026, 11, 2))
    # the failed day's backup must not push out the last good one
    assert sorted(p.name for p in folder.iterdir()) == ["daily-2026-11-01.sqlite"]


def test_a_backup_onto_a_read_only_disk_says_so_and_leaves_nothing(sqlite_shop, read_only_disk) -> None:
    with pytest.raises(
        ShopDeskError,
        match=f"Could not write the backup to {read_only_disk}/b.sqlite: that folder cannot be written to",
    ):
        backups.backup_to(sqlite_shop.db.file, read_only_disk / "b.sqlite")
    assert list(read_only_disk.iterdir()) == []


def test_checking_a_mistyped_path_says_so_and_creates_nothing(tmp_path, capsys) -> None:
    assert main(["--db", str(tmp_path / "shpo.sqlite"), "db", "check"]) == 1
    assert f"{tmp_path / 'shpo.sqlite'} does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_restore_onto_a_full_disk_leaves_the_shop_and_the_disk_as_they_were(
    sqlite_shop, small_disk, tmp_path
) -> None:
    """The copy of the current shop fits, the bigger backup does not: nothing is replaced, nothing left over."""
    shop_file = backups.backup_to(sqlite_shop.db.file, small_disk / "shop.sqlite")  # a small shop on the stick
    for i in range(300):
        sqlite_shop.catalogue.create_product(product(f"FULL-{i}", description="x" * 2000))
    big_backup = backups.backup_to(sqlite_shop.db.file, tmp_path / "friday.sqlite")
    fill(small_disk, leave=shop_file.stat().st_size + 64 * 1024)
    before = shop_file.read_bytes()

    with pytest.raises(ShopDeskError, match=f"Could not restore {big_backup}: .*The shop file was not changed"):
        backups.restore_from(big_backup, shop_file)
    assert shop_file.read_bytes() == before
    # SQLite's own -wal/-shm beside a WAL file it read are expected; no copy, no half-restored file
    assert sorted(p.name for p in small_disk.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "holiday-photos.bin",
        "shop.sqlite",
    ]


def test_a_copy_of_the_app_still_open_on_the_shop_keeps_working_in_the_restored_shop(sqlite_shop, tmp_path) -> None:
    """Another window left open during a restore: what it saves afterwards lands in the restored shop, not lost."""
    sqlite_shop.catalogue.create_product(product("KEEP-1"))
    shop_file = sqlite_shop.db.file
    backup_file = tmp_path / "monday.sqlite"
    assert main(["--db", str(shop_file), "db", "backup", str(backup_file)]) == 0
    sqlite_shop.catalogue.create_product(product("LATER-1"))  # sqlite_shop stays open, as a window would

    assert main(["--db", str(shop_file), "db", "restore", str(backup_file)]) == 0
    sqlite_shop.catalogue.create_product(product("AFTER-RESTORE"))

    with sqlite3.connect(shop_file) as conn:
        skus = sorted(row[0] for row in conn.execute("SELECT sku FROM product"))
    assert skus == ["AFTER-RESTORE", "KEEP-1"]
