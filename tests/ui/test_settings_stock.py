"""Settings → Stock (库存设置): the owner sets the reorder window and negative stock; the shop acts on them.

The rules themselves are proven on both databases in tests/db (test_reorder.py,
test_inventory_moves.py); here the page saves through the services, shows what
was saved when opened again, and the valuation method is locked once stock moved.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from shopdesk.config import Settings
from shopdesk.db.models.base import utcnow
from shopdesk.domain.permissions import Role
from shopdesk.domain.stock import NotEnoughStock
from shopdesk.services.reorder import MAX_WINDOW_DAYS
from shopdesk.services.shop import Shop
from shopdesk.ui.settings.dialog import SettingsDialog
from shopdesk.ui.settings.stock import StockSettingsPage
from shopdesk.ui.sync.controller import SyncController
from tests.stock_helpers import build_layout, new_product

BIN = "WH1/A/A-01"


@pytest.fixture
def shop(sqlite_shop: Shop) -> Shop:
    """A mug product and a warehouse, and no stock move yet."""
    build_layout(sqlite_shop)
    new_product(sqlite_shop, "MUG", cost=300)
    return sqlite_shop


def open_dialog(qtbot, shop: Shop, runner) -> SettingsDialog:  # type: ignore[no-untyped-def]
    controller = SyncController(shop, runner)
    dialog = SettingsDialog(Settings.load(), sync=controller, page="stock")
    qtbot.addWidget(dialog)
    controller.setParent(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def page_of(dialog: SettingsDialog) -> StockSettingsPage:
    assert dialog.stock is not None and dialog.pages.currentWidget() is dialog.stock
    return dialog.stock


def test_a_shorter_window_and_negative_stock_saved_here_are_kept_and_used(qtbot, shop: Shop, runner) -> None:
    shop.inventory.receive("MUG", 100, BIN, unit_cost=300)
    shop.inventory.ship("MUG", 70, BIN)  # 30 left
    with pytest.raises(NotEnoughStock):
        shop.inventory.ship("MUG", 40, BIN)
    [before] = shop.reordering.suggestions(include_all=True)
    assert (before.window_days, before.sold_in_window) == (30, 70)

    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert page.editable and page.window_days.value() == 30 and not page.allow_negative.isChecked()
    assert (page.window_days.minimum(), page.window_days.maximum()) == (1, MAX_WINDOW_DAYS)  # what the service takes
    page.window_days.setValue(7)
    page.allow_negative.setChecked(True)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert set(page.saved) == {"reorder_window_days", "allow_negative_stock"}

    # The 70 mugs sold today are now spread over 7 days, and a week and a half on they no longer count.
    [mug] = shop.reordering.suggestions(include_all=True)
    assert (mug.window_days, mug.sold_in_window, mug.daily_sales) == (7, 70, Decimal(10))
    assert shop.reordering.suggestions(include_all=True, at=utcnow() + timedelta(days=10)) == []
    # Shipping more than is there is accepted now: the balance goes below zero.
    shop.inventory.ship("MUG", 40, BIN)
    assert shop.inventory.product_stock("MUG").on_hand == -10

    again = page_of(open_dialog(qtbot, shop, runner))
    assert again.window_days.value() == 7 and again.allow_negative.isChecked()


def test_the_valuation_method_is_chosen_before_the_first_move_and_then_locked(qtbot, shop: Shop, runner) -> None:
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert page.valuation.isEnabled() and page.valuation.currentData() == "average"
    page.valuation.setCurrentIndex(page.valuation.findData("fifo"))
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert shop.setting("valuation") == "fifo"

    shop.inventory.receive("MUG", 10, BIN, unit_cost=300)
    locked = page_of(open_dialog(qtbot, shop, runner))
    assert locked.valuation.currentData() == "fifo" and not locked.valuation.isEnabled()
    assert "only be chosen before the first stock move" in locked.valuation_note.text()


def test_a_move_made_while_the_page_was_open_keeps_the_method_and_saves_nothing(qtbot, shop: Shop, runner) -> None:
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    page.valuation.setCurrentIndex(page.valuation.findData("fifo"))
    page.window_days.setValue(14)
    shop.inventory.receive("MUG", 10, BIN, unit_cost=300)  # on another computer, meanwhile
    dialog.save()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.pages.currentWidget() is page
    assert "before the first stock move" in page.valuation_field.message.text()
    assert "not saved" in page.message.text()
    assert (shop.setting("valuation"), shop.reordering.window_days()) == ("average", 30)
    # The page now shows the method the shop keeps, locked; saving again saves the window alone.
    assert page.valuation.currentData() == "average" and not page.valuation.isEnabled()
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert (page.saved, shop.reordering.window_days()) == (["reorder_window_days"], 14)


def test_warehouse_staff_see_the_stock_settings_but_cannot_change_them(qtbot, shop: Shop, runner) -> None:
    shop.log_in("老王", Role.WAREHOUSE)
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert not page.editable and page.window_days.isReadOnly()
    assert not page.allow_negative.isEnabled() and not page.valuation.isEnabled()
    assert "Only the owner" in "".join(label.text() for label in page.findChildren(type(page.valuation_note)))
    page.window_days.setValue(60)
    dialog.save()
    assert (shop.reordering.window_days(), shop.setting("allow_negative_stock")) == (30, False)
