"""A USB scanner (a keyboard typing the code, then Enter) receiving a purchase order and counting a stocktake.

A scan's Enter must never press a dialog's OK: receiving counts one unit per
scan and books only when OK is clicked; an unknown code in a stocktake is said
and counted nowhere, and is given to a product only from a deliberate click.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.ui.stock.assign_code_dialog import AssignCodeDialog
from shopdesk.ui.stock.purchase_page import ReceivePoDialog
from shopdesk.ui.stock.scan_field import FAILED_STYLE
from shopdesk.ui.stock.stocktake_page import StocktakePage
from shopdesk.ui.widgets.money import MoneyFormat
from tests.factories import ean13
from tests.stock_helpers import build_layout, new_product
from tests.ui.conftest import when_dialog_opens

MONEY = MoneyFormat("CNY", 2, "en_US")
MUG_CODE = ean13(701)
TEAPOT_CODE = ean13(702)
CUP_CODE = ean13(703)
NEW_CODE = "6901234567892"  # a valid EAN-13 no product has yet


@pytest.fixture
def shop(sqlite_shop):
    """Mugs, teapots and cups with barcodes; PO-000001 from ACME: line 1 five mugs, line 2 three teapots (ordered)."""
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", name="Mug", barcodes=[MUG_CODE])
    new_product(sqlite_shop, "TEAPOT", name="Teapot", barcodes=[TEAPOT_CODE])
    new_product(sqlite_shop, "CUP", name="Cup", barcodes=[CUP_CODE])
    sqlite_shop.locations.set_default_bin(mug, "WH1/A/A-01")
    sqlite_shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", lead_time_days=7))
    sqlite_shop.purchasing.create("ACME", [PoLineDraft("MUG", 5, 300), PoLineDraft("TEAPOT", 3, 1500)])
    sqlite_shop.purchasing.order("PO-000001")
    return sqlite_shop


@pytest.fixture
def beeps(monkeypatch) -> list[bool]:
    heard: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(True)))
    return heard


def received(shop) -> list[tuple[str, int]]:
    return [(ln.sku, ln.received_qty) for ln in shop.purchasing.get("PO-000001").lines]


def on_hand(shop, sku: str) -> int:
    return shop.inventory.product_stock(sku).on_hand


# Receiving a purchase order --------------------------------------------------------------------
def receive_dialog(qtbot, shop) -> ReceivePoDialog:
    dialog = ReceivePoDialog(shop, shop.purchasing.get("PO-000001"))
    qtbot.addWidget(dialog)
    dialog.location.setCurrentIndex(dialog.location.findText("WH1/A/A-01"))  # the teapot has no default bin
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_and_enter(qtbot, widget, code: str) -> None:
    qtbot.keyClicks(widget, code)  # a USB scanner types the code fast...
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # ...and presses Enter


def po_scan(qtbot, dialog: ReceivePoDialog, code: str) -> None:
    type_and_enter(qtbot, dialog.scan.edit, code)


def quantities(dialog: ReceivePoDialog) -> dict[int, int]:
    return {no: spin.value() for no, spin in dialog.quantities.items()}


def test_a_scan_into_the_receive_dialog_never_books_the_po(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    assert quantities(dialog) == {1: 5, 2: 3}  # as ordered, for a person receiving by eye
    cursor = dialog.focusWidget()  # wherever the cursor is when the dialog opens
    assert cursor is not None
    type_and_enter(qtbot, cursor, MUG_CODE)
    assert dialog.isVisible() and dialog.result() == 0
    assert received(shop) == [("MUG", 0), ("TEAPOT", 0)] and on_hand(shop, "MUG") == 0
    # The first scan switched the dialog to counting: every line from 0, that scan counted once.
    assert quantities(dialog) == {1: 1, 2: 0}
    assert dialog.counting_notice.isVisible() and "0" in dialog.counting_notice.text()
    assert beeps == []


def test_two_mugs_and_one_teapot_scanned_book_exactly_those(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    po_scan(qtbot, dialog, MUG_CODE)
    po_scan(qtbot, dialog, TEAPOT_CODE)
    po_scan(qtbot, dialog, MUG_CODE)
    assert quantities(dialog) == {1: 2, 2: 1}
    assert dialog.scan.ok is True and dialog.scan.feedback.text() == "MUG Mug: 2 of 5"
    assert dialog.isVisible() and received(shop) == [("MUG", 0), ("TEAPOT", 0)]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_text == "Received 3 units on PO-000001"
    assert received(shop) == [("MUG", 2), ("TEAPOT", 1)]
    assert on_hand(shop, "MUG") == 2 and on_hand(shop, "TEAPOT") == 1
    assert beeps == []


def test_a_product_not_on_the_po_is_refused_red_with_a_beep_and_counts_nothing(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    po_scan(qtbot, dialog, MUG_CODE)
    po_scan(qtbot, dialog, CUP_CODE)
    assert dialog.scan.ok is False and beeps == [True]
    assert dialog.scan.edit.styleSheet() == FAILED_STYLE
    assert dialog.scan.feedback.text() == "CUP Cup is not on PO-000001: not counted"
    assert quantities(dialog) == {1: 1, 2: 0}
    assert dialog.isVisible() and received(shop) == [("MUG", 0), ("TEAPOT", 0)]


def test_more_than_outstanding_is_refused_and_counts_nothing(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    for _ in range(3):
        po_scan(qtbot, dialog, TEAPOT_CODE)
    assert beeps == [] and quantities(dialog) == {1: 0, 2: 3}
    po_scan(qtbot, dialog, TEAPOT_CODE)  # a fourth teapot: only three are outstanding
    assert dialog.scan.ok is False and beeps == [True]
    assert dialog.scan.feedback.text() == "TEAPOT Teapot: all 3 outstanding are counted already; this one is not"
    assert quantities(dialog) == {1: 0, 2: 3}
    dialog.save()
    assert received(shop) == [("MUG", 0), ("TEAPOT", 3)]


def test_an_unknown_code_is_said_and_counts_nothing(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    po_scan(qtbot, dialog, NEW_CODE)
    assert dialog.scan.ok is False and beeps == [True]
    assert dialog.scan.feedback.text().startswith(f"Unknown code {NEW_CODE}")
    assert quantities(dialog) == {1: 0, 2: 0} and dialog.isVisible()


def test_quantities_typed_by_hand_are_booked(qtbot, shop, beeps) -> None:
    dialog = receive_dialog(qtbot, shop)
    spin = dialog.quantities[1]
    spin.selectAll()
    qtbot.keyClicks(spin, "4")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert quantities(dialog) == {1: 4, 2: 3} and dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert received(shop) == [("MUG", 4), ("TEAPOT", 3)]


# Counting a stocktake ---------------------------------------------------------------------------
@pytest.fixture
def counting(qtbot, shop, runner):
    """The stocktake screen counting WH1 at A-01, shown; the MUG has 4 on the book there."""
    shop.inventory.receive("MUG", 4, "WH1/A/A-01", unit_cost=300)
    number = shop.stocktakes.start(warehouse="WH1").number
    page = StocktakePage(shop, runner, MONEY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    page.load_stocktakes(number)
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    return page, number


def counted(shop, number: str) -> list[tuple[str, int]]:
    return [(ln.sku, ln.counted) for ln in shop.stocktakes.count_lines(number) if ln.counted]


def test_an_unknown_code_then_a_known_scan_counts_the_known_product_and_assigns_nothing(
    qtbot, shop, counting, beeps, monkeypatch
) -> None:
    page, number = counting
    opened: list[AssignCodeDialog] = []
    monkeypatch.setattr(AssignCodeDialog, "exec", lambda self: opened.append(self) or 0)
    type_and_enter(qtbot, page.scan.edit, NEW_CODE)
    assert opened == []  # no dialog pops up to catch the next scan
    assert page.scan.ok is False and beeps == [True]
    assert page.scan.feedback.text().startswith(f"Unknown code {NEW_CODE}")
    assert page.assign_button.isVisible() and page.assign_button.text() == f"Assign {NEW_CODE} to a product…"
    assert counted(shop, number) == []
    type_and_enter(qtbot, page.scan.edit, MUG_CODE)  # the counter carries on
    assert opened == [] and page.scan.ok is True
    assert counted(shop, number) == [("MUG", 1)]
    assert not shop.scanning.resolve_scan(NEW_CODE).found  # nothing was given the unknown code
    assert not page.assign_button.isVisible()  # the offer was for the unknown scan only


def test_the_assign_button_gives_the_code_to_the_chosen_product_and_counts_it_once(
    qtbot, shop, counting, beeps
) -> None:
    page, number = counting
    news: list[str] = []
    page.message.connect(news.append)
    type_and_enter(qtbot, page.scan.edit, NEW_CODE)
    assert page.assign_button.isVisible() and counted(shop, number) == []

    def choose_the_mug(assign: AssignCodeDialog) -> None:
        assert assign.code == NEW_CODE
        type_and_enter(qtbot, assign.picker.search, "Mug")  # a person searches by name...
        assert assign.isVisible() and assign.picker.product is not None
        qtbot.mouseClick(assign.ok_button, Qt.MouseButton.LeftButton)  # ...and clicks OK

    seen = when_dialog_opens(AssignCodeDialog, choose_the_mug)
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and seen[0].result() == QDialog.DialogCode.Accepted
    assert shop.scanning.resolve_scan(NEW_CODE).sku == "MUG"
    assert counted(shop, number) == [("MUG", 1)]
    assert page.scan.ok is True and page.scan.feedback.text() == "MUG at WH1/A/A-01: 1 counted"
    assert news == [f"{NEW_CODE} is now a barcode of MUG"]
    assert not page.assign_button.isVisible()


def test_warehouse_staff_see_the_unknown_code_but_no_assign_button(qtbot, shop, runner, beeps) -> None:
    from shopdesk.domain.permissions import Role

    number = shop.stocktakes.start(warehouse="WH1").number
    shop.log_in("小李", Role.WAREHOUSE)  # counts stock, may not edit the catalogue
    page = StocktakePage(shop, runner, MONEY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.load_stocktakes(number)
    type_and_enter(qtbot, page.scan.edit, NEW_CODE)
    assert page.scan.ok is False and beeps == [True]
    assert not page.assign_button.isVisible()


# The assign dialog --------------------------------------------------------------------------------
def assign_dialog(qtbot, shop) -> AssignCodeDialog:
    dialog = AssignCodeDialog(shop, NEW_CODE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_in_the_assign_dialogs_search_searches_and_never_accepts(qtbot, shop) -> None:
    dialog = assign_dialog(qtbot, shop)
    type_and_enter(qtbot, dialog.picker.search, TEAPOT_CODE)  # a scan lands in the search
    assert dialog.picker.product is not None and dialog.picker.product.sku == "TEAPOT"
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)  # and another Enter
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Enter)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # an Enter reaching the dialog itself (OK is its default button)
    assert dialog.isVisible() and dialog.result() == 0
    assert not shop.scanning.resolve_scan(NEW_CODE).found


def test_ctrl_enter_accepts_the_chosen_product_in_the_assign_dialog(qtbot, shop) -> None:
    dialog = assign_dialog(qtbot, shop)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # nothing chosen yet: nothing to accept
    type_and_enter(qtbot, dialog.picker.search, "CUP")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shop.scanning.resolve_scan(NEW_CODE).sku == "CUP"
