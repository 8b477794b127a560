"""Fixtures: a fresh, migrated shop on SQLite and on PostgreSQL for each test.

PostgreSQL tests use SHOPDESK_TEST_PG (a URL to a database the tests may drop
and create databases next to). Without it they are skipped on a developer's
machine, and fail under CI=true: CI must prove both databases.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.services.shop import Shop

# The Qt tests run headless wherever the README's test command is typed (a machine without a
# screen would otherwise abort when the first QApplication starts); a developer may still ask
# for a real window with QT_QPA_PLATFORM=xcb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PG_URL = os.environ.get("SHOPDESK_TEST_PG", "")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings and data of the app under test never touch the real user folders."""
    monkeypatch.setenv("SHOPDESK_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("SHOPDESK_DB", raising=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(str(path))
    migrate.upgrade(db)
    db.dispose()
    return path


def _pg_admin_url() -> str:
    return str(make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but SHOPDESK_TEST_PG is not set: PostgreSQL tests must run in CI")
        pytest.skip("PostgreSQL tests need SHOPDESK_TEST_PG")
    name = f"shopdesk_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    migrate.upgrade(db)
    db.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def fresh_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, migrated, empty database of the given kind; dropped after the test."""
    if backend == "sqlite":
        target = tmp_path / "shop.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        return str(target)
    template = request.getfixturevalue("pg_template")
    name = f"shopdesk_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh migrated database URL, once per backend."""
    return fresh_database_url(request.param, request, tmp_path)


@pytest.fixture
def shop(db_url: str) -> Iterator[Shop]:
    """A fresh, empty shop, once on SQLite and once on PostgreSQL."""
    shop = Shop(Database(db_url), user="tester")
    yield shop
    shop.close()


@pytest.fixture
def sqlite_shop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Shop]:
    """A fresh shop on a SQLite file, for tests where the database makes no difference."""
    shop = Shop(Database(fresh_database_url("sqlite", request, tmp_path)), user="tester")
    yield shop
    shop.close()
