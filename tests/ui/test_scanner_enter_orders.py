"""Packing and shipping by USB scanner: every scan ends in Enter, and the dialog stays open for the next one.

The dialogs are shown and the keys are real key events, as at the packing table."""

from __future__ import annotations

from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopdesk.domain.order_draft import ShipTo
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.packing import PackingDialog
from shopdesk.ui.orders.ship_dialog import ShipDialog
from shopdesk.ui.widgets.money import MoneyFormat
from tests.order_helpers import NANJING, SHANGHAI, draft, lenient_rules, stocked_shop
from tests.stock_helpers import new_product

CUP_CODE = "6901234567892"
MONEY = MoneyFormat("CNY", 2, "en_US")
BERLIN = ShipTo("Anna Schmidt", "+49301234567", "DE", "Berlin", "Berlin", "", "Unter den Linden 1", "10117")
MUNICH = ShipTo("Max Huber", "+49891234567", "DE", "Bavaria", "Munich", "", "Marienplatz 8", "80331")


@pytest.fixture
def shop(sqlite_shop: Shop) -> Shop:
    shop = stocked_shop(sqlite_shop, {"TEE": 10})
    new_product(shop, "CUP", name="Cup", barcodes=[CUP_CODE])
    shop.inventory.receive("CUP", 10, "WH1/A/A-01", unit_cost=900)
    lenient_rules(shop)
    return shop


@pytest.fixture
def beeps(monkeypatch) -> list[bool]:
    heard: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(True)))
    return heard


def scan_into(qtbot, field, code: str) -> None:
    qtbot.keyClicks(field, code)  # no delay: a scanner's burst
    qtbot.keyClick(field, Qt.Key.Key_Return)


def packing_table(qtbot, shop: Shop, number: str | None = None) -> PackingDialog:
    dialog = PackingDialog(shop, MONEY, mock.Mock(), number)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_order_number_and_three_items_are_scanned_one_by_one_and_the_dialog_stays_open(qtbot, shop, beeps) -> None:
    number = shop.orders.create_order(draft(("CUP", 2), ("TEE", 1)), confirm=True)
    dialog = packing_table(qtbot, shop)  # opened with no order selected
    scan_into(qtbot, dialog.order_field, number)
    assert dialog.isVisible() and dialog.number == number
    assert dialog.progress.text() == "3 items left to scan"
    for code, left in ((CUP_CODE, "2 items left to scan"), ("TEE", "1 item left to scan")):
        scan_into(qtbot, dialog.item_field, code)
        assert dialog.isVisible() and dialog.progress.text() == left
    scan_into(qtbot, dialog.item_field, CUP_CODE)
    assert dialog.isVisible() and dialog.progress.text().startswith("PACKED")
    assert shop.orders.get_order(number).status == "packed" and beeps == []


def test_after_a_parcel_is_packed_the_next_order_is_scanned_straight_in(qtbot, shop, beeps) -> None:
    first = shop.orders.create_order(draft(("CUP", 1)), confirm=True)
    second = shop.orders.create_order(draft(("TEE", 1)), confirm=True)
    dialog = packing_table(qtbot, shop, first)
    scan_into(qtbot, dialog.item_field, CUP_CODE)
    assert dialog.is_packed() and dialog.isVisible()
    focused = dialog.focusWidget()  # the scanner types wherever the focus is
    assert focused is not None
    scan_into(qtbot, focused, second)
    assert dialog.isVisible() and dialog.number == second
    assert dialog.progress.text() == "1 item left to scan" and beeps == []


def test_a_wrong_scan_beeps_and_the_dialog_stays_open(qtbot, shop, beeps) -> None:
    number = shop.orders.create_order(draft(("CUP", 1)), confirm=True)
    dialog = packing_table(qtbot, shop)
    scan_into(qtbot, dialog.order_field, "SO-NOSUCH")
    assert dialog.isVisible() and dialog.number is None and beeps == [True]
    dialog.order_field.clear()
    scan_into(qtbot, dialog.order_field, number)
    scan_into(qtbot, dialog.item_field, "TEE")
    assert dialog.isVisible() and dialog.refused == 1 and beeps == [True, True]
    assert dialog.progress.text() == "1 item left to scan"


@pytest.mark.parametrize(
    ("ship_to", "place"),
    [(BERLIN, "Berlin"), (MUNICH, "Munich Bavaria"), (NANJING, "江苏省南京市"), (SHANGHAI, "上海市")],
)
def test_the_ship_to_header_names_the_place_as_the_label_does(qtbot, shop, ship_to, place) -> None:
    number = shop.orders.create_order(draft(("CUP", 1), ship_to=ship_to), confirm=True)
    dialog = packing_table(qtbot, shop, number)
    assert dialog.header.text() == f"{number} · {ship_to.name} · {place}"


def test_three_tracking_numbers_are_scanned_for_three_orders_each_gets_its_own(qtbot, shop, beeps) -> None:
    numbers = [shop.orders.create_order(draft(("CUP", 1)), confirm=True) for _ in range(3)]
    for number in numbers:
        shop.order_flow.mark_packed(number)
    dialog = ShipDialog(shop, numbers)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.carrier.setCurrentText("顺丰速运")
    tracking = ["SF1000000011", "SF1000000012", "SF1000000013"]
    for at, code in enumerate(tracking):
        assert dialog.order.text() == f"{numbers[at]} ({at + 1} of 3)"
        dialog.tracking.setFocus()
        scan_into(qtbot, dialog.tracking, code)
        assert dialog.isVisible() and dialog.shipped == numbers[: at + 1]
    assert dialog.order.text() == "All done: 3 orders shipped" and beeps == []
    shipped = [shop.orders.get_order(n) for n in numbers]
    assert [(o.status, o.tracking_no) for o in shipped] == [("shipped", code) for code in tracking]


def test_a_refused_tracking_number_keeps_the_order_and_the_dialog(qtbot, shop, beeps) -> None:
    numbers = [shop.orders.create_order(draft(("CUP", 1)), confirm=True) for _ in range(2)]
    for number in numbers:
        shop.order_flow.mark_packed(number)
    dialog = ShipDialog(shop, numbers)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.carrier.setCurrentText("顺丰速运")
    scan_into(qtbot, dialog.tracking, "SF1000000021")
    dialog.tracking.clear()
    scan_into(qtbot, dialog.tracking, "SF1000000021")  # the same parcel label scanned again
    assert dialog.isVisible() and dialog.shipped == numbers[:1] and beeps == [True]
    assert "already on order" in dialog.feedback.text()
    assert shop.orders.get_order(numbers[1]).status == "packed"
