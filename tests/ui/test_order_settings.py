"""Settings → Orders (订单设置): the owner changes the review rules (审单规则); the next orders are held by them."""

from __future__ import annotations

import pytest

from shopdesk.config import Settings
from shopdesk.domain.order_draft import ShipTo
from shopdesk.domain.permissions import Role
from shopdesk.services.shop import Shop
from shopdesk.ui.settings.dialog import SettingsDialog
from shopdesk.ui.settings.orders import OrderSettingsPage
from shopdesk.ui.sync.controller import SyncController
from tests.order_helpers import draft, stocked_shop

BEIJING = ShipTo("王五", "170 0739 0164", "CN", "北京市", "北京市", "东城区", "长安街1号", "100000")


@pytest.fixture
def shop(sqlite_shop: Shop) -> Shop:
    return stocked_shop(sqlite_shop)


def open_dialog(qtbot, shop: Shop, runner) -> SettingsDialog:  # type: ignore[no-untyped-def]
    controller = SyncController(shop, runner)
    dialog = SettingsDialog(Settings.load(), sync=controller, page="orders")
    qtbot.addWidget(dialog)
    controller.setParent(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def page_of(dialog: SettingsDialog) -> OrderSettingsPage:
    assert dialog.orders is not None and dialog.pages.currentWidget() is dialog.orders
    return dialog.orders


def test_a_lower_threshold_and_a_blocked_phone_saved_here_hold_the_next_orders(qtbot, shop: Shop, runner) -> None:
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert page.high_value.text() == "5000.00" and page.blocked_phones.toPlainText() == ""
    page.high_value.setText("40.00")
    page.blocked_phones.setPlainText("17007390164\n")
    page.backorders.setCurrentIndex(page.backorders.findData("ship_available"))
    page.mask_label_phones.setChecked(True)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert set(page.saved) == {"review_rules", "backorder_policy", "label_mask_phones"}

    rules = shop.order_flow.review_rules()
    assert (rules.max_amount, rules.blocked_phones) == (4000, frozenset({"17007390164"}))
    assert (shop.order_flow.backorder_policy(), shop.setting("label_mask_phones")) == ("ship_available", True)
    cheap = shop.orders.create_order(draft(("MUG", 1)))
    dear = shop.orders.create_order(draft(("MUG", 2)))  # 50.00 is above 40.00
    blocked = shop.orders.create_order(draft(("MUG", 1), ship_to=BEIJING))
    assert shop.order_flow.confirm(cheap).status == "allocated"
    held = shop.order_flow.confirm(dear)
    assert held.status == "on_hold" and any("threshold" in r for r in held.hold_reasons)
    held = shop.order_flow.confirm(blocked)
    assert held.status == "on_hold" and any("blocked" in r for r in held.hold_reasons)

    again = page_of(open_dialog(qtbot, shop, runner))
    assert (again.high_value.text(), again.blocked_phones.toPlainText()) == ("40.00", "17007390164")
    assert again.backorders.currentData() == "ship_available" and again.mask_label_phones.isChecked()


def test_a_wrong_amount_saves_nothing_and_the_dialog_stays_open(qtbot, shop: Shop, runner) -> None:
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    page.high_value.setText("lots")
    page.blocked_phones.setPlainText("13800001111")
    dialog.save()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "3000.00" in page.high_value_field.message.text()
    page.high_value.setText("")  # no limit
    page.blocked_phones.setPlainText("no number here")
    dialog.save()
    assert "not a phone number" in page.message.text()
    assert shop.order_flow.review_rules().blocked_phones == frozenset()
    assert shop.order_flow.review_rules().max_amount == 500_000


def test_a_clerk_sees_the_rules_but_cannot_change_them(qtbot, shop: Shop, runner) -> None:
    shop.log_in("小李", Role.CUSTOMER_SERVICE)
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert not page.editable and page.high_value.isReadOnly() and not page.backorders.isEnabled()
    page.high_value.setText("1.00")
    dialog.save()
    assert shop.order_flow.review_rules().max_amount == 500_000
