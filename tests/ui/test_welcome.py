"""The first run: a new shop, the demo shop, or the shop's PostgreSQL server — each ends in a shop to open."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QDialog

from shopdesk.app import run_gui
from shopdesk.cli import main as shopdesk_command
from shopdesk.config import Settings, default_database, first_run
from shopdesk.services.shop import Shop
from shopdesk.ui.welcome import DEMO, NEW_SHOP, SERVER, WelcomeDialog, demo_database
from tests.ui.conftest import when_dialog_opens


@pytest.fixture
def welcome(qtbot):
    dialog = WelcomeDialog(Settings.load(), demo_products=20, demo_orders=15)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def opened(target: str) -> Shop:
    shop, _upgrade = Shop.open(target, upgrade=False)
    return shop


def test_a_computer_with_no_shop_gets_the_welcome_and_one_with_a_shop_does_not(sqlite_shop) -> None:
    assert first_run()
    assert not first_run("shop.sqlite")
    Settings(database=sqlite_shop.db.url).save()
    assert not first_run()


def test_a_new_shop_is_created_with_its_name_currency_sender_valuation_and_language(qtbot, welcome) -> None:
    welcome.choice.button(NEW_SHOP).setChecked(True)
    welcome.go.click()
    assert welcome.name_field.message.text() == "Enter the shop's name"
    assert not default_database().exists()

    welcome.name.setText("兰兰茶舍")
    welcome.currency.setCurrentIndex(welcome.currency.findData("EUR"))
    welcome.language.setCurrentIndex(welcome.language.findData("zh_CN"))
    welcome.sender_address.setPlainText("兰兰 13800138000\n浙江省杭州市西湖区龙井路1号")
    welcome.valuation.setCurrentIndex(welcome.valuation.findData("fifo"))
    assert welcome.currency.currentText().startswith("EUR — Euro")
    welcome.go.click()

    qtbot.waitUntil(lambda: welcome.result() == QDialog.DialogCode.Accepted, timeout=30_000)
    assert welcome.target == str(default_database())
    shop = opened(welcome.target)
    try:
        assert shop.setting("name") == "兰兰茶舍"
        assert shop.money.currency == "EUR"
        assert shop.setting("valuation") == "fifo"
        assert shop.setting("sender_address") == "兰兰 13800138000\n浙江省杭州市西湖区龙井路1号"
    finally:
        shop.close()
    settings = Settings.load()
    assert (settings.language, settings.database) == ("zh_CN", "")
    assert not first_run()


def test_the_demo_shop_is_built_in_its_own_file_and_remembered(qtbot, welcome) -> None:
    welcome.choice.button(DEMO).setChecked(True)
    assert welcome.go.text() == "Open the demo"
    welcome.go.click()

    qtbot.waitUntil(lambda: welcome.result() == QDialog.DialogCode.Accepted, timeout=120_000)
    assert welcome.target == str(demo_database())
    assert not default_database().exists()  # the owner's own shop stays free for real data
    shop = opened(welcome.target)
    try:
        with shop.db.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM product").scalar() == 20
            assert conn.exec_driver_sql("SELECT count(*) FROM sales_order").scalar() > 0
    finally:
        shop.close()
    assert Settings.load().database == str(demo_database())


def test_a_server_that_cannot_be_reached_is_explained_and_nothing_is_remembered(qtbot, welcome) -> None:
    welcome.choice.button(SERVER).setChecked(True)
    welcome.url.setText("mysql://shop")
    welcome.test.click()
    assert welcome.url_field.message.text() == "Enter a URL starting with postgresql+psycopg://"

    welcome.url.setText("postgresql+psycopg://shopdesk:wrong@127.0.0.1:1/nowhere?connect_timeout=3")
    welcome.go.click()
    qtbot.waitUntil(lambda: welcome.go.isEnabled(), timeout=30_000)
    assert welcome.test_result.text().startswith("Cannot reach the PostgreSQL server at")
    assert welcome.result() != QDialog.DialogCode.Accepted and welcome.target is None
    assert Settings.load().database == ""


@pytest.mark.skipif(not os.environ.get("SHOPDESK_TEST_PG"), reason="needs SHOPDESK_TEST_PG")
def test_the_shops_server_is_tested_then_connected_and_remembered(qtbot, welcome) -> None:
    url = os.environ["SHOPDESK_TEST_PG"]
    welcome.choice.button(SERVER).setChecked(True)
    welcome.url.setText(url)
    welcome.test.click()
    qtbot.waitUntil(lambda: welcome.test_result.text() == "Connected: the server answers.", timeout=30_000)

    welcome.go.click()
    qtbot.waitUntil(lambda: welcome.result() == QDialog.DialogCode.Accepted, timeout=30_000)
    assert welcome.target == url
    assert Settings.load().database == url


def test_on_a_computer_with_no_shop_the_app_asks_first_and_quit_leaves_nothing_behind(qtbot) -> None:
    seen = when_dialog_opens(WelcomeDialog, lambda dialog: dialog.reject())
    assert run_gui(None) == 0
    assert len(seen) == 1
    assert not default_database().exists() and first_run()


def test_the_smoke_test_option_opens_the_window_on_the_shop_and_quits_cleanly(qtbot, small_shop) -> None:
    assert shopdesk_command(["gui", "--db", small_shop.db.url, "--quit-after", "0.2"]) == 0
