"""A shop server that goes away is told to the person as a plain message, never as a crash."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import create_engine

from shopdesk.db.database import Database, ServerUnavailable
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.errors import CrashDialog
from tests.conftest import _pg_admin_url, fresh_database_url
from tests.db.test_server_gone import end_session_after_first_write
from tests.factories import product

pytest.importorskip("psycopg")


def open_dialogs(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


@pytest.fixture
def offline_shop() -> Iterator[tuple[Shop, int]]:
    """A shop whose server is switched off (nothing listens on its port)."""
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    shop = Shop(Database(f"postgresql+psycopg://clerk:s3cret-pw@127.0.0.1:{port}/shop"), user="tester")
    yield shop, port
    shop.close()


def test_saving_while_the_server_is_off_shows_a_clear_message_not_a_crash(qtbot, runner, offline_shop, caplog) -> None:
    shop, port = offline_shop
    with caplog.at_level(logging.INFO):
        task = runner.run("Saving the product", lambda _progress: shop.catalogue.create_product(product("MUG-1")))
        qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    [box] = open_dialogs(QMessageBox)
    assert box.text().startswith(f"Cannot reach the PostgreSQL server at 127.0.0.1:{port} (Connection refused).")
    assert "s3cret-pw" not in box.text()
    assert open_dialogs(CrashDialog) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # not logged as a fault
    box.accept()


def test_the_same_error_escaping_a_button_handler_is_the_same_clear_message(qtbot, offline_shop) -> None:
    shop, port = offline_shop
    try:
        shop.catalogue.count_products()
    except ServerUnavailable:
        errors.excepthook(*sys.exc_info())
    [box] = open_dialogs(QMessageBox)
    assert box.text().startswith(f"Cannot reach the PostgreSQL server at 127.0.0.1:{port}")
    assert open_dialogs(CrashDialog) == []
    box.accept()


@pytest.fixture
def pg_shop(request: pytest.FixtureRequest, tmp_path) -> Iterator[Shop]:
    shop = Shop(Database(fresh_database_url("postgresql", request, tmp_path)), user="tester")
    yield shop
    shop.close()


def test_a_save_cut_off_by_the_server_is_explained_and_the_next_try_works(qtbot, runner, pg_shop) -> None:
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        unhook = end_session_after_first_write(pg_shop, admin, "product")
        tea = product("TEA-1", barcodes=["6901234567892"])  # its barcode is written after the product
        save = lambda _progress: pg_shop.catalogue.create_product(tea)  # noqa: E731
        task = runner.run("Saving the product", save)
        qtbot.waitUntil(lambda: task.finished, timeout=30_000)
        unhook()
    finally:
        admin.dispose()
    [box] = open_dialogs(QMessageBox)
    assert "stopped answering; your last change was not saved" in box.text()
    assert open_dialogs(CrashDialog) == []
    box.accept()

    saved: list[int] = []
    again = runner.run("Saving the product", save, on_done=saved.append)
    qtbot.waitUntil(lambda: again.finished, timeout=30_000)
    assert len(saved) == 1 and open_dialogs(QMessageBox) == []
    assert [row.sku for row in pg_shop.catalogue.list_products()] == ["TEA-1"]
