"""The schema the models describe is exactly the one the migrations build."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.db.models import Base
from shopdesk.db.search_index import FTS_SCHEMA_TABLES, TRIGRAM_INDEXES
from shopdesk.domain.errors import NewerDatabase, ShopDeskError


def _modelled(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # The search indexes (FTS5 tables with their shadow tables, pg_trgm indexes) live in
    # migration 0012 only: SQLAlchemy models have no FTS5 tables or operator-class GIN indexes.
    if type_ == "table" and name in FTS_SCHEMA_TABLES:
        return False
    return not (type_ == "index" and name in TRIGRAM_INDEXES)


def test_models_and_migrations_agree(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.connect() as conn:
        opts = {"compare_type": True, "include_object": _modelled}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    db.dispose()
    assert diff == []


def test_migrations_are_a_single_line_of_history() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.migrations_dir()))
    assert len(script.get_heads()) == 1


def test_upgrading_an_old_file_backs_it_up_first(tmp_path) -> None:
    from alembic.script import ScriptDirectory

    revisions = [r.revision for r in ScriptDirectory(str(migrate.migrations_dir())).walk_revisions()]
    if len(revisions) < 2:
        pytest.skip("needs at least two revisions to upgrade between")
    first = revisions[-1]
    path = tmp_path / "shop.sqlite"
    db = Database(str(path))
    command.upgrade(migrate.alembic_config(db), first)  # a shop file as an older ShopDesk left it
    result = migrate.upgrade(db)
    db.dispose()
    assert (result.from_revision, result.to_revision) == (first, migrate.head_revision())
    assert result.backup is not None and result.backup.exists()
    assert result.backup.parent == path.parent and ".before-upgrade-" in result.backup.name
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path) -> None:
    path = tmp_path / "shop.sqlite"
    db = Database(str(path))
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='9999_future'")
    db.dispose()
    before = path.read_bytes()
    db = Database(str(path))
    with pytest.raises(NewerDatabase, match="newer version of ShopDesk"):
        migrate.upgrade(db)
    with pytest.raises(NewerDatabase, match="Install the newer ShopDesk"):
        migrate.check(db)  # db check says the same instead of checking tables it does not know
    db.dispose()
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    before = path.read_bytes()
    db = Database(str(path))
    with pytest.raises(ShopDeskError, match="not a ShopDesk database"):
        migrate.upgrade(db)
    db.dispose()
    assert path.read_bytes() == before


def test_another_apps_sqlite_file_is_refused(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    db = Database(str(path))
    with pytest.raises(ShopDeskError, match="not a ShopDesk database"):
        migrate.upgrade(db)
    db.dispose()


def test_check_passes_on_a_fresh_database(db_url: str) -> None:
    db = Database(db_url)
    report = migrate.check(db)
    db.dispose()
    assert report.ok, report.problems


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path) -> None:
    db = Database(str(tmp_path / "s.sqlite"))
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()
