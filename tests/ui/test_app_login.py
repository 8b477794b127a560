"""Opening a shop that has users asks who is working; every start of the day makes a backup."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from shopdesk.app import start_gui
from shopdesk.config import data_dir
from shopdesk.domain.permissions import Role
from shopdesk.services.users import Users
from shopdesk.ui.i18n import remove_translations
from shopdesk.ui.login import LoginDialog


def open_window(qtbot, target):
    _app, window = start_gui(target)
    qtbot.addWidget(window)
    return window


def close_window(window) -> None:
    window.close()
    remove_translations(QApplication.instance(), window.translators)
    if window.shop is not None:
        window.shop.close()


@pytest.fixture
def shop_with_users(sqlite_shop):
    users = Users(sqlite_shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    sqlite_shop.close()
    return sqlite_shop.db.url


def test_the_person_who_logs_in_works_in_their_role(qtbot, monkeypatch, shop_with_users) -> None:
    def exec_as_warehouse(dialog: LoginDialog) -> int:
        dialog.name.setCurrentText("小李")
        dialog.pin.setText("1234")
        dialog.try_login()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", exec_as_warehouse)
    window = open_window(qtbot, shop_with_users)
    try:
        qtbot.waitUntil(lambda: window.shop is not None, timeout=30_000)
        assert (window.shop.user, window.shop.role) == ("小李", Role.WAREHOUSE)
        assert window.where.text().endswith("· 小李 (Warehouse staff)")  # who is working, in the status bar
    finally:
        close_window(window)


def test_cancelling_the_login_leaves_the_shop_closed(qtbot, monkeypatch, shop_with_users) -> None:
    shown: list[bool] = []

    def cancel(dialog: LoginDialog) -> int:
        shown.append(True)
        return LoginDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", cancel)
    window = open_window(qtbot, shop_with_users)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
        qtbot.wait(200)
        assert window.shop is None
    finally:
        close_window(window)


def test_the_first_start_of_the_day_backs_the_shop_up(qtbot, sqlite_shop) -> None:
    sqlite_shop.close()
    window = open_window(qtbot, sqlite_shop.db.url)
    try:
        qtbot.waitUntil(lambda: window.shop is not None, timeout=30_000)
        expected = data_dir() / "backups" / sqlite_shop.db.file.stem / f"daily-{date.today():%Y-%m-%d}.sqlite"
        assert expected.exists()
    finally:
        close_window(window)
