"""Sales channels in the app: adding a store, testing it, syncing now and on a schedule, the outbox's dead letters,
and the status bar's word on it all — against a fake WooCommerce store on this computer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import keyring
import pytest
from PySide6.QtWidgets import QMessageBox
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from shopdesk.config import Settings
from shopdesk.db.models import SalesChannel, SyncLogEntry
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, enqueue
from shopdesk.services.sync_runs import set_sync_interval, sync_all, sync_interval, sync_status
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed
from shopdesk.ui.settings.dialog import SettingsDialog
from shopdesk.ui.sync.add_channel import AddChannelDialog, NewKeyDialog
from shopdesk.ui.sync.channels_page import ChannelsPage
from shopdesk.ui.sync.controller import SyncController
from shopdesk.ui.sync.indicator import SyncIndicator
from tests.order_helpers import stocked_shop
from tests.sync.conftest import MemoryKeyring
from tests.sync.fake_woo import HISTORY, FakeWooStore, item, woo_order
from tests.ui.conftest import when_dialog_opens

KEY, SECRET = "ck_live_4f9a0c", "cs_live_secret_77"
ORDERS_PATH = "/wp-json/wc/v3/orders"
STATUS_PATH = "/wp-json/wc/v3/system_status"
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The computer's real keyring is never touched: an in-memory one stands in for it."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def web_store(httpserver: HTTPServer) -> FakeWooStore:
    """A WooCommerce store with two paid orders for mugs, answering who it is."""
    store = FakeWooStore([woo_order(501, 0, item(1, "MUG", 2, "50.00")), woo_order(502, 5, item(1, "TEE", 1, "25.00"))])
    httpserver.expect_request(ORDERS_PATH).respond_with_handler(store)
    httpserver.expect_request(STATUS_PATH).respond_with_json(
        {"environment": {"version": "9.4.2", "site_url": "https://mugs.example.com"}}
    )
    return store


@pytest.fixture
def controller(qtbot, sqlite_shop: Shop, runner) -> SyncController:
    stocked_shop(sqlite_shop)
    # Owned by a widget as in the window: deleted on the GUI thread, never by a collection on a worker.
    return SyncController(sqlite_shop, runner)


def add_web_store(shop: Shop, httpserver: HTTPServer, name: str = "webshop") -> None:
    SyncService(shop).add_channel(name, "woocommerce", httpserver.url_for("/"), KEY, SECRET, since=HISTORY)


def show_page(qtbot, controller: SyncController, runner) -> ChannelsPage:  # type: ignore[no-untyped-def]
    page = ChannelsPage(controller, runner)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def wait_for_status(qtbot, controller: SyncController) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        controller.refresh_status()


def test_a_store_on_plain_http_is_refused_by_the_url_field_and_nothing_is_saved(
    qtbot, sqlite_shop: Shop, memory_keyring: MemoryKeyring
) -> None:
    dialog = AddChannelDialog(SyncService(sqlite_shop))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("webshop")
    dialog.url.setText("http://example.com")
    dialog.key.setText(KEY)
    dialog.secret.setText(SECRET)
    dialog.save()
    assert dialog.result() != AddChannelDialog.DialogCode.Accepted
    url = dialog.fields["url"].message
    assert url.isVisible() and "https://" in url.text() and "unencrypted" in url.text()
    assert not dialog.fields["key"].message.isVisible()
    assert SyncService(sqlite_shop).channels() == [] and memory_keyring.kept == {}


def test_a_missing_key_and_a_bad_address_are_both_said_at_once(qtbot, sqlite_shop: Shop) -> None:
    dialog = AddChannelDialog(SyncService(sqlite_shop))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("webshop")
    dialog.url.setText("shop.example.com")
    dialog.save()
    assert dialog.fields["key"].message.text() == "Enter the store's API key"
    assert dialog.fields["url"].message.text() == "Give the store's address like https://shop.example.com"


def test_a_store_added_on_the_page_keeps_its_key_in_the_keyring_and_shows_in_the_status_bar(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer, memory_keyring: MemoryKeyring
) -> None:
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    wait_for_status(qtbot, controller)
    assert indicator.isHidden()  # no store: no word of sync
    page = show_page(qtbot, controller, runner)
    assert page.table.rowCount() == 0 and not page.sync_button.isEnabled()

    left_in_dialog: list[str] = []

    def fill(dialog: AddChannelDialog) -> None:
        dialog.name.setText("WebShop")
        dialog.url.setText(httpserver.url_for("/"))
        dialog.key.setText(KEY)
        dialog.secret.setText(SECRET)
        dialog.buffer.setValue(2)
        dialog.save()
        left_in_dialog.append(dialog.key.text() + dialog.secret.text())

    seen = when_dialog_opens(AddChannelDialog, fill)
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        page.add_button.click()
    assert seen and left_in_dialog == [""]  # not kept in the dialog either
    row = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert row[:5] == ["webshop", "WooCommerce", httpserver.url_for("/").rstrip("/"), "2", "Active"]
    assert row[5] == "never"
    assert credentials.load("webshop") == credentials.Credentials(KEY, SECRET)
    with controller.shop.db.read() as conn:
        stored = [
            str(v) for table in (SalesChannel, SyncLogEntry) for r in conn.execute(select(table.__table__)) for v in r
        ]
    assert stored and not [v for v in stored if KEY in v or SECRET in v]
    assert not indicator.isHidden() and indicator.text() == "Sync: not yet"


def test_test_connection_shows_the_stores_answer_or_why_it_did_not_answer(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    add_web_store(controller.shop, httpserver)
    SyncService(controller.shop).add_channel("gone", "woocommerce", "http://127.0.0.1:9", KEY, SECRET)
    page = show_page(qtbot, controller, runner)
    page.table.selectRow([c.name for c in page.channels].index("webshop"))
    page.test_button.click()
    qtbot.waitUntil(lambda: "answers" in page.outcome.text(), timeout=WAIT_MS)
    assert page.outcome.text() == "webshop answers: WooCommerce 9.4.2 at https://mugs.example.com"
    assert page.log.item(0, 1).text() == "Test connection" and page.log.item(0, 2).text() == "OK"

    page.table.selectRow([c.name for c in page.channels].index("gone"))
    page.test_button.click()
    qtbot.waitUntil(lambda: "cannot reach the store" in page.outcome.text(), timeout=WAIT_MS)
    assert page.outcome.text().startswith("gone: cannot reach the store")
    assert "cannot reach the store" in page.table.item(page.table.currentRow(), 6).text()  # its last error


def test_sync_now_imports_the_stores_orders_and_the_orders_tab_shows_them(
    qtbot, sqlite_shop: Shop, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    from shopdesk.ui.main_window import MainWindow

    stocked_shop(sqlite_shop)
    add_web_store(sqlite_shop, httpserver)
    set_sync_interval(sqlite_shop, 0)  # no schedule: this sync is the person's
    window = MainWindow("en")
    qtbot.addWidget(window)
    window.set_shop(sqlite_shop)
    try:
        assert window.sync is not None and window.orders is not None
        qtbot.waitUntil(lambda: window.sync.status is not None, timeout=WAIT_MS)
        assert window.orders.model.rowCount() == 0
        assert window.sync_indicator.text() == "Sync: not yet" and not window.sync.timer.isActive()
        settings = SettingsDialog(Settings.load(), window, sync=window.sync, page="channels")
        page = settings.channels
        assert page is not None and settings.pages.currentWidget() is page
        with qtbot.waitSignal(window.sync.orders_created, timeout=WAIT_MS) as created:
            page.sync_button.click()
            assert window.sync_indicator.text() == "Syncing…" and not page.sync_button.isEnabled()
        assert created.args == [["SO-000001", "SO-000002"]]
        orders = [window.orders.model.row_at(r) for r in range(window.orders.model.rowCount())]
        assert sorted((o.number, o.channel) for o in orders) == [("SO-000001", "webshop"), ("SO-000002", "webshop")]
        assert page.outcome.text().startswith("webshop: 2 new order(s), 0 known")
        qtbot.waitUntil(lambda: window.sync_indicator.text() == "Sync: just now", timeout=WAIT_MS)
        assert page.sync_button.isEnabled() and page.table.item(0, 5).text() != "never"
        settings.deleteLater()

        # The word in the status bar opens the channels page; runs after its dialog is gone still end well.
        opened = when_dialog_opens(SettingsDialog, lambda dialog: dialog.reject())
        window.sync_indicator.click()
        assert opened and opened[0].pages.currentWidget() is opened[0].channels
        with qtbot.waitSignal(window.sync.running_changed, timeout=WAIT_MS):
            assert window.sync.sync_now() is not None
        qtbot.waitUntil(lambda: not window.sync.running, timeout=WAIT_MS)
    finally:
        assert window.runner.shutdown()


def test_a_dead_change_can_be_retried_and_then_dropped_after_a_confirmation(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer
) -> None:
    shop = controller.shop
    add_web_store(shop, httpserver)
    with shop.db.uow() as uow:
        enqueue(uow.session, "webshop", "stock", {"levels": {"MUG": 7}})
        uow.commit()

    def revoked(_channel, _item) -> None:  # type: ignore[no-untyped-def]
        raise SendFailed("the store refused the request: HTTP 401 (the key was refused)", 401)

    SyncService(shop).send_outbox(revoked)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    wait_for_status(qtbot, controller)
    assert indicator.text() == "Sync: 1 problem" and "HTTP 401" in indicator.toolTip()
    page = show_page(qtbot, controller, runner)
    outbox = page.outbox
    assert page.below.tabText(1) == "Waiting to be sent (1)"
    cells = [outbox.table.item(0, c).text() for c in range(outbox.table.columnCount())]
    assert cells[1:4] == [f"Stock levels #{outbox.items[0].id}", "Not sent", "1"] and "HTTP 401" in cells[5]
    assert not outbox.retry_button.isEnabled()

    outbox.table.selectRow(0)
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        outbox.retry_button.click()
    assert [(i.state, i.attempts) for i in SyncService(shop).outbox()] == [("pending", 0)]
    assert outbox.table.item(0, 2).text() == "Waiting" and indicator.isHidden() is False
    assert indicator.text() == "Sync: not yet"

    SyncService(shop).send_outbox(revoked)
    outbox.reload()
    outbox.table.selectRow(0)
    declined = when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click())
    outbox.drop_button.click()
    assert declined and [i.state for i in SyncService(shop).outbox()] == ["dead"]  # No keeps it
    confirmed = when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    outbox.drop_button.click()
    assert confirmed and SyncService(shop).outbox() == [] and outbox.table.rowCount() == 0


def test_the_schedule_syncs_every_store_and_one_store_being_down_does_not_stop_the_others(
    qtbot, controller: SyncController, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    shop = controller.shop
    SyncService(shop).add_channel("offline", "woocommerce", "http://127.0.0.1:9", KEY, SECRET)  # nothing listens
    add_web_store(shop, httpserver)
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    wait_for_status(qtbot, controller)
    assert controller.timer.isActive() and controller.timer.interval() == 10 * 60_000  # the shop's default
    assert indicator.text() == "Sync: not yet"

    with qtbot.waitSignal(controller.run_finished, timeout=WAIT_MS) as finished:
        controller.timer.timeout.emit()  # ten minutes have passed
        assert indicator.text() == "Syncing…"
    runs = {run.channel: run for run in finished.args[0]}
    assert runs["offline"].error.startswith("Sync with offline stopped: cannot reach the store")
    assert runs["webshop"].created == ["SO-000001", "SO-000002"] and not runs["webshop"].error
    qtbot.waitUntil(lambda: indicator.text() == "Sync: 1 problem", timeout=WAIT_MS)
    assert "offline: cannot reach the store" in indicator.toolTip()

    # Next time the offline store is asked again, and the orders already here are not imported twice.
    with qtbot.waitSignal(controller.run_finished, timeout=WAIT_MS) as finished:
        controller.scheduled_run()
    runs = {run.channel: run for run in finished.args[0]}
    assert runs["offline"].error and runs["webshop"].created == [] and runs["webshop"].already >= 1


def test_no_second_run_starts_while_one_is_running(
    qtbot, controller: SyncController, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    add_web_store(controller.shop, httpserver)
    wait_for_status(qtbot, controller)
    store_answered = threading.Event()
    hold = threading.Event()
    slow = FakeWooStore(web_store.orders)

    def slow_store(request: Request) -> Response:
        store_answered.set()
        hold.wait(WAIT_MS / 1000)
        return slow(request)

    httpserver.clear()
    httpserver.expect_request(ORDERS_PATH).respond_with_handler(slow_store)
    first = controller.sync_now()
    assert first is not None and controller.running
    qtbot.waitUntil(store_answered.is_set, timeout=WAIT_MS)
    assert controller.sync_now() is None and controller.sync_now("webshop") is None
    controller.scheduled_run()
    assert [t for t in controller.runner.running() if t.title == first.title] == [first]
    with qtbot.waitSignal(controller.running_changed, timeout=WAIT_MS):
        hold.set()
    assert not controller.running and len(slow.requests) == 1


def test_a_shop_without_stores_runs_no_sync_and_shows_nothing(qtbot, controller: SyncController) -> None:
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        controller.start()
    assert controller.status is not None and controller.status.channels == 0
    assert not controller.timer.isActive() and indicator.isHidden()
    controller.scheduled_run()
    assert not controller.running and controller.runner.running() == []


def test_opening_a_shop_whose_stores_are_due_syncs_them_at_once(
    qtbot, controller: SyncController, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    add_web_store(controller.shop, httpserver)
    with qtbot.waitSignal(controller.orders_created, timeout=WAIT_MS) as created:
        controller.start()
    assert created.args == [["SO-000001", "SO-000002"]]
    qtbot.waitUntil(lambda: not controller.running, timeout=WAIT_MS)


def test_a_run_visits_every_store_and_notes_the_one_that_is_down_on_both_databases(
    shop: Shop, httpserver: HTTPServer, web_store: FakeWooStore
) -> None:
    stocked_shop(shop)
    SyncService(shop).add_channel("offline", "woocommerce", "http://127.0.0.1:9", KEY, SECRET)
    add_web_store(shop, httpserver)
    keyring.get_keyring().delete_password(credentials.SERVICE, "channel:offline")  # its key was lost too
    runs = {run.channel: run for run in sync_all(shop)}
    assert runs["offline"].error.startswith("No credentials for channel offline")
    assert runs["webshop"].created == ["SO-000001", "SO-000002"]
    status = sync_status(shop)
    assert (status.channels, status.interval_minutes) == (2, 10)
    assert [p for p in status.problems if p.startswith("offline:")] == [
        "offline: No credentials for channel offline in the system keyring; add the channel again."
    ]
    assert SyncService(shop).sync_log("offline")[0][1:3] == ("sync", "failed")


def test_the_owner_turns_the_schedule_off_on_the_page_for_the_whole_shop(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer
) -> None:
    add_web_store(controller.shop, httpserver)
    wait_for_status(qtbot, controller)
    page = show_page(qtbot, controller, runner)
    assert page.interval.value() == 10 and controller.timer.isActive()
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        page.interval.setValue(0)
    assert page.interval.text() == "off" and not controller.timer.isActive()
    assert sync_interval(controller.shop) == 0
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        page.interval.setValue(30)
    assert controller.timer.isActive() and controller.timer.interval() == 30 * 60_000


def test_a_revoked_key_is_replaced_and_the_store_answers_again(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer, memory_keyring: MemoryKeyring
) -> None:
    add_web_store(controller.shop, httpserver)

    def only_the_new_key(request: Request) -> Response:
        if request.authorization is None or request.authorization.username != "ck_new_2026":
            return Response('{"message": "Consumer key is invalid."}', status=401, content_type="application/json")
        return Response('{"environment": {"version": "9.4.2"}}', content_type="application/json")

    httpserver.expect_request(STATUS_PATH).respond_with_handler(only_the_new_key)
    page = show_page(qtbot, controller, runner)
    page.test_button.click()
    qtbot.waitUntil(lambda: "HTTP 401" in page.outcome.text(), timeout=WAIT_MS)
    assert "the key was refused" in page.outcome.text()

    def give_key(dialog: NewKeyDialog) -> None:
        dialog.save()  # no key typed: said by the field, nothing changes
        assert dialog.key_field.message.text() == "Enter the store's API key"
        dialog.key.setText("ck_new_2026")
        dialog.secret.setText("cs_new_2026")
        dialog.save()

    assert when_dialog_opens(NewKeyDialog, give_key) is not None
    page.key_button.click()
    assert credentials.load("webshop") == credentials.Credentials("ck_new_2026", "cs_new_2026")
    page.test_button.click()
    qtbot.waitUntil(lambda: "answers" in page.outcome.text(), timeout=WAIT_MS)
    assert page.outcome.text().startswith("webshop answers: WooCommerce 9.4.2")


def test_a_paused_store_is_left_out_of_the_schedule_and_a_removed_one_leaves_its_orders(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer, web_store: FakeWooStore, memory_keyring
) -> None:
    shop = controller.shop
    add_web_store(shop, httpserver)
    wait_for_status(qtbot, controller)
    page = show_page(qtbot, controller, runner)
    page.pause_button.click()
    assert page.table.item(0, 4).text() == "Paused" and page.pause_button.text() == "Resume"
    controller.scheduled_run()
    qtbot.waitUntil(lambda: not controller.running, timeout=WAIT_MS)
    assert web_store.requests == [] and shop.orders.list_orders(OrderFilter()) == []

    page.pause_button.click()
    with qtbot.waitSignal(controller.orders_created, timeout=WAIT_MS):
        controller.scheduled_run()
    qtbot.waitUntil(lambda: not controller.running, timeout=WAIT_MS)
    declined = when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.No).click())
    page.remove_button.click()
    assert declined and page.table.rowCount() == 1
    confirmed = when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    page.remove_button.click()
    assert confirmed and page.table.rowCount() == 0 and SyncService(shop).channels() == []
    qtbot.waitUntil(lambda: controller.status is not None and controller.status.channels == 0, timeout=WAIT_MS)
    assert memory_keyring.kept == {} and not controller.timer.isActive()
    assert len(shop.orders.list_orders(OrderFilter())) == 2  # what the store sold is still to be shipped


def test_a_store_added_with_an_earlier_start_pulls_from_that_day(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer
) -> None:
    from PySide6.QtCore import QDate

    page = show_page(qtbot, controller, runner)

    def fill(dialog: AddChannelDialog) -> None:
        dialog.name.setText("webshop")
        dialog.url.setText(httpserver.url_for("/"))
        dialog.key.setText(KEY)
        assert not dialog.since.isEnabled()  # from now on, unless asked
        dialog.earlier.setChecked(True)
        dialog.since.setDate(QDate(2026, 11, 15))
        dialog.save()

    when_dialog_opens(AddChannelDialog, fill)
    with qtbot.waitSignal(controller.status_changed, timeout=WAIT_MS):
        page.add_button.click()
    start = SyncService(controller.shop).channel("webshop").cursor
    assert start.startswith("2026-11-1")  # midnight of the 15th on this computer's clock, kept in UTC
    assert abs(datetime.fromisoformat(start) - datetime(2026, 11, 15).astimezone()) < timedelta(seconds=1)


def test_an_order_in_another_currency_is_imported_from_the_page_and_the_sync_moves_on(
    qtbot, controller: SyncController, runner, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([woo_order(701, 1), woo_order(702, 2, currency="USD"), woo_order(703, 3)])
    httpserver.expect_request(ORDERS_PATH).respond_with_handler(store)
    add_web_store(controller.shop, httpserver)
    page = show_page(qtbot, controller, runner)
    with qtbot.waitSignal(controller.run_finished, timeout=WAIT_MS):
        page.sync_button.click()
    assert page.below.tabText(2) == "Orders not imported (1)"
    problems = page.order_problems
    assert [problems.table.item(0, c).text() for c in (0, 1)] == ["webshop", "702"]
    assert "this order is in USD" in problems.table.item(0, 3).text()
    assert any("order 702 was not imported" in p for p in sync_status(controller.shop).problems)
    problems.table.selectRow(0)
    with qtbot.waitSignal(controller.run_finished, timeout=WAIT_MS):
        problems.accept_button.click()
    assert page.below.tabText(2) == "Orders not imported (0)"
    imported = {o.channel_order_no: o.currency for o in controller.shop.orders.list_orders(OrderFilter())}
    assert imported == {"701": "CNY", "702": "USD", "703": "CNY"}
    assert SyncService(controller.shop).channel("webshop").cursor == "2026-11-20T08:03:00+00:00"
