"""Receiving by scan in the Stock tab: scans fill the product and count it; an unknown code can be given a product."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopdesk.domain.permissions import Role
from shopdesk.ui.stock.assign_code_dialog import AssignCodeDialog
from shopdesk.ui.stock.move_dialog import MoveDialog, MoveKind
from shopdesk.ui.stock.scan_field import FAILED_STYLE, OK_STYLE
from tests.factories import ean13
from tests.stock_helpers import build_layout, new_product
from tests.ui.conftest import when_dialog_opens

MUG_CODE = ean13(777)
NEW_CODE = "6901234567892"  # a valid EAN-13 no product has yet


@pytest.fixture
def shop(sqlite_shop):
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", name="Mug", barcodes=[MUG_CODE])
    new_product(sqlite_shop, "TEAPOT", name="Teapot")
    sqlite_shop.locations.set_default_bin(mug, "WH1/A/A-01")
    return sqlite_shop


@pytest.fixture
def beeps(monkeypatch) -> list[bool]:
    heard: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(True)))
    return heard


def receive_dialog(qtbot, shop) -> MoveDialog:
    dialog = MoveDialog(shop, MoveKind.RECEIVE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def scan(qtbot, dialog: MoveDialog, code: str) -> None:
    qtbot.keyClicks(dialog.scan.edit, code)  # no delay: a scanner's burst
    qtbot.keyClick(dialog.scan.edit, Qt.Key.Key_Return)


def test_three_scans_of_the_mug_receive_three_mugs(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    for _ in range(3):
        scan(qtbot, dialog, MUG_CODE)
    assert dialog.isVisible()  # the scanner's Enter does not press OK
    assert dialog.product.text() == "MUG" and dialog.product_name.text() == "MUG Mug"
    assert dialog.quantity.value() == 3 and dialog.target.currentText() == "WH1/A/A-01"
    assert dialog.scan.edit.styleSheet() == OK_STYLE and dialog.scan.feedback.text() == "MUG Mug × 3"
    assert beeps == []
    dialog.unit_cost.setText("3.00")
    dialog.save()
    assert dialog.done_message == "Received 3 × MUG"
    assert shop.inventory.product_stock("MUG").on_hand == 3


def test_another_product_is_counted_only_once_the_pending_count_is_cleared(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    scan(qtbot, dialog, MUG_CODE)
    scan(qtbot, dialog, MUG_CODE)
    scan(qtbot, dialog, "TEAPOT")  # refused: the 2 mugs are not dropped unseen
    assert dialog.product_name.text() == "MUG Mug" and dialog.quantity.value() == 2 and beeps == [True]
    dialog.clear_count()
    scan(qtbot, dialog, "TEAPOT")
    assert dialog.product_name.text() == "TEAPOT Teapot" and dialog.quantity.value() == 1


def test_an_unknown_code_is_red_and_can_be_assigned_to_a_product_then_it_counts(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    scan(qtbot, dialog, NEW_CODE)
    assert dialog.scan.feedback.text() == f"Unknown code {NEW_CODE}"
    assert dialog.scan.edit.styleSheet() == FAILED_STYLE and beeps == [True]
    assert dialog.assign_button.isVisible() and dialog.product_id is None

    def pick_the_teapot(assign: AssignCodeDialog) -> None:
        assert assign.code == NEW_CODE
        assign.picker.enter("TEAPOT")
        assign.ok_button.click()

    seen = when_dialog_opens(AssignCodeDialog, pick_the_teapot)
    dialog.assign_button.click()
    assert len(seen) == 1
    assert NEW_CODE in shop.catalogue.get_product(shop.scanning.resolve_scan("TEAPOT").product_id).draft.barcodes
    assert dialog.product_name.text() == "TEAPOT Teapot" and dialog.quantity.value() == 1
    assert not dialog.assign_button.isVisible()
    scan(qtbot, dialog, NEW_CODE)  # now the code works
    assert dialog.quantity.value() == 2 and dialog.scan.ok is True and beeps == [True]


def test_a_warehouse_clerk_sees_the_unknown_code_but_may_not_assign_it(qtbot, shop, beeps) -> None:
    shop.log_in("小李", Role.WAREHOUSE)
    dialog = receive_dialog(qtbot, shop)
    scan(qtbot, dialog, NEW_CODE)
    assert dialog.scan.feedback.text() == f"Unknown code {NEW_CODE}" and beeps == [True]
    assert not dialog.assign_button.isVisible()


def test_a_misread_code_asks_for_another_scan_and_offers_no_assigning(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    scan(qtbot, dialog, "6901234567891")  # wrong check digit
    assert "Scan it again" in dialog.scan.feedback.text() and dialog.scan.ok is False
    assert not dialog.assign_button.isVisible()


def test_only_receiving_has_the_scan_field(qtbot, shop) -> None:
    dialog = MoveDialog(shop, MoveKind.TRANSFER)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.scan.isVisible()
