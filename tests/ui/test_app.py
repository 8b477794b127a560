"""Starting the app: the window on the default shop file, a clear refusal of a foreign file, layout kept."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import create_engine, text

from shopdesk.app import run_gui, start_gui
from shopdesk.cli import main as shopdesk_command
from shopdesk.config import default_database
from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.ui.i18n import remove_translations
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.welcome import WelcomeDialog


@contextmanager
def started(qtbot, target):
    _app, window = start_gui(target)
    qtbot.addWidget(window)
    try:
        yield window
    finally:
        window.close()
        remove_translations(QApplication.instance(), window.translators)
        if window.shop is not None:
            window.shop.close()


def test_with_no_database_given_the_app_creates_the_shop_file_in_the_data_folder(qtbot) -> None:
    assert not default_database().exists()
    with started(qtbot, None) as window:
        assert window.isVisible()
        assert window.tabs.tabText(0) == "Products"
        qtbot.waitUntil(lambda: window.products is not None, timeout=20_000)
        assert window.products.count_label.text() == "0 products"
        assert window.where.text() == str(default_database())
    assert migrate.current_revision(Database(str(default_database()))) == migrate.head_revision()


def test_the_main_window_opens_on_a_shop_with_the_products_tab(qtbot, small_shop) -> None:
    with started(qtbot, small_shop.db.url) as window:
        qtbot.waitUntil(lambda: window.products is not None, timeout=20_000)
        assert window.tabs.widget(0) is window.dashboard and window.tabs.tabText(0) == "Dashboard"
        assert window.tabs.tabText(window.tabs.indexOf(window.products)) == "Products"
        assert window.products.count_label.text() == "4 products"
        assert window.windowTitle() == "ShopDesk — My Shop"


def test_column_widths_and_window_size_are_remembered(qtbot, small_shop) -> None:
    with started(qtbot, small_shop.db.url) as window:
        qtbot.waitUntil(lambda: window.products is not None, timeout=20_000)
        window.resize(window.width(), 450)  # the offscreen screen is small: the height tells
        window.products.table.horizontalHeader().resizeSection(1, 333)
        window.products.table.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)  # price
    with started(qtbot, small_shop.db.url) as window:
        qtbot.waitUntil(lambda: window.products is not None, timeout=20_000)
        assert window.height() == 450
        assert window.products.table.horizontalHeader().sectionSize(1) == 333
        assert (window.products.model.filter.sort, window.products.model.filter.descending) == ("price", True)


@contextmanager
def hang_guard():
    """Ends the app's event loop with 99 if it is still running after a minute: fail rather than hang."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))
    guard.start(60_000)
    try:
        yield
    finally:
        guard.stop()


def close_message_when_shown(seen: list[str]) -> None:
    def poll() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if boxes:
            seen.append(boxes[0].text())
            boxes[0].accept()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def newer_shop(path) -> str:
    db = Database(str(path))
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    return str(path)


def foreign_sqlite(path) -> str:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE recipes (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    return str(path)


def not_sqlite(path) -> str:
    path.write_bytes(b"PK\x03\x04 this is a spreadsheet" * 100)
    return str(path)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (newer_shop, "was written by a newer version of ShopDesk"),
        (foreign_sqlite, "holds tables but is not a ShopDesk database; nothing was changed."),
        (not_sqlite, "is not a ShopDesk database (it is not an SQLite file)."),
    ],
)
def test_a_database_that_is_not_ours_is_explained_and_the_app_exits_with_1(qtbot, tmp_path, make, says) -> None:
    target = make(tmp_path / "shop.sqlite")
    before = tables_in(target)
    seen: list[str] = []
    close_message_when_shown(seen)
    with hang_guard():
        assert run_gui(target) == 1
    assert len(seen) == 1 and says in seen[0]
    assert tables_in(target) == before


def tables_in(path: str) -> object:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def test_the_shopdesk_command_without_arguments_opens_the_app_on_the_default_file(qtbot) -> None:
    def close_when_ready() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.products]
        welcome = QApplication.activeModalWidget()
        if isinstance(welcome, WelcomeDialog) and welcome.go.isEnabled():  # no shop yet: create one first
            welcome.name.setText("My Shop")
            welcome.go.click()
            QTimer.singleShot(50, close_when_ready)
        elif windows:
            windows[0].close()  # the last window: the app ends as when the person closes it
        else:
            QTimer.singleShot(50, close_when_ready)

    QTimer.singleShot(50, close_when_ready)
    with hang_guard():
        assert shopdesk_command([]) == 0
    assert migrate.current_revision(Database(str(default_database()))) == migrate.head_revision()


def test_showing_the_window_loads_no_database_code() -> None:
    """The window comes up before SQLAlchemy and the services load (see benchmarks/bench_startup.py)."""
    code = (
        "import sys, shopdesk.cli, shopdesk.app, shopdesk.ui.main_window;"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'shopdesk.services.shop') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_app_left_open_over_midnight_makes_the_new_days_backup(qtbot, small_shop) -> None:
    from shopdesk.services.maintenance import daily_backup_folder
    from shopdesk.ui.application import backup_today

    with started(qtbot, small_shop.db.url) as window:
        qtbot.waitUntil(lambda: window.products is not None, timeout=20_000)
        folder = daily_backup_folder(window.shop.db)
        today = folder / f"daily-{date.today():%Y-%m-%d}.sqlite"

        def finished() -> bool:  # the copy is written as .part (and its -journal) and renamed when whole
            return today.exists() and not any(p.name.endswith(("part", "journal")) for p in folder.iterdir())

        qtbot.waitUntil(finished, timeout=20_000)  # made at start
        today.unlink()  # as if the day had changed since the app was opened
        backup_today(window)  # the hourly check
        qtbot.waitUntil(finished, timeout=20_000)
        assert [p.name for p in folder.iterdir()] == [today.name]
