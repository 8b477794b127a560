"""A USB scanner types the code and presses Enter: in the stock dialogs that Enter looks the product up or
counts it, it never presses OK. The dialogs are shown and the keys are real key events, as at the warehouse PC."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from shopdesk.ui.stock.move_dialog import MoveDialog, MoveKind
from shopdesk.ui.stock.scan_field import FAILED_STYLE
from tests.factories import ean13
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

MUG_CODE = ean13(777)
TEAPOT_CODE = ean13(778)


@pytest.fixture
def shop(sqlite_shop):
    """10 mugs in WH1/A/A-01 (their default bin), 2 in WH1/A/A-02; 5 teapots in WH1/A/A-02 (no default bin)."""
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", name="Mug", barcodes=[MUG_CODE])
    new_product(sqlite_shop, "TEAPOT", name="Teapot", barcodes=[TEAPOT_CODE])
    sqlite_shop.locations.set_default_bin(mug, "WH1/A/A-01")
    sqlite_shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=300)
    sqlite_shop.inventory.receive("MUG", 2, "WH1/A/A-02", unit_cost=300)
    sqlite_shop.inventory.receive("TEAPOT", 5, "WH1/A/A-02", unit_cost=1500)
    return sqlite_shop


@pytest.fixture
def beeps(monkeypatch) -> list[bool]:
    heard: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(True)))
    return heard


def shown(qtbot, shop, kind: MoveKind) -> MoveDialog:
    dialog = MoveDialog(shop, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def scan_into(qtbot, field, code: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    qtbot.keyClicks(field, code)  # no delay: a scanner's burst
    qtbot.keyClick(field, key)


@pytest.mark.parametrize(
    "kind", [MoveKind.ADJUST, MoveKind.TRANSFER, MoveKind.SCRAP, MoveKind.QUARANTINE, MoveKind.RECEIVE]
)
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_scanning_into_the_product_field_looks_it_up_and_does_not_press_ok(qtbot, shop, kind, key) -> None:
    dialog = shown(qtbot, shop, kind)
    # All that OK needs is there: a pressed OK would book at once (adjust: 5 teapots counted as 0).
    dialog.reason.setText("counted on the shelf")
    dialog.unit_cost.setText("15.00")
    dialog.source.setCurrentIndex(dialog.source.findText("WH1/A/A-02"))
    dialog.target.setCurrentIndex(dialog.target.findText("WH2/B/B-01"))
    before = ledger_snapshot(shop)
    dialog.product.setFocus()
    scan_into(qtbot, dialog.product, TEAPOT_CODE, key)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.done_message == "" and ledger_snapshot(shop) == before
    assert dialog.product_name.text() == "TEAPOT Teapot" and dialog.product.text() == TEAPOT_CODE


def test_a_scanned_product_is_counted_from_what_is_on_hand_there_not_from_zero(qtbot, shop) -> None:
    dialog = shown(qtbot, shop, MoveKind.ADJUST)
    dialog.reason.setText("recount")
    scan_into(qtbot, dialog.product, MUG_CODE)
    assert dialog.quantity.value() == 10  # the mugs in A-01, not 0
    assert dialog.on_hand_here.text() == "10"
    dialog.source.setCurrentIndex(dialog.source.findText("WH1/A/A-02"))
    assert dialog.quantity.value() == 2 and dialog.on_hand_here.text() == "2"
    dialog.source.setCurrentIndex(dialog.source.findText("WH2/B/B-01"))
    assert dialog.quantity.value() == 0 and dialog.on_hand_here.text() == "0"
    before = ledger_snapshot(shop)
    dialog.save()  # nothing counted differently: nothing moves
    assert dialog.done_message == "MUG: the count matches, nothing changed" and ledger_snapshot(shop) == before


def test_a_count_typed_in_is_kept_when_the_location_changes_and_is_what_gets_booked(qtbot, shop) -> None:
    dialog = shown(qtbot, shop, MoveKind.ADJUST)
    dialog.reason.setText("recount")
    scan_into(qtbot, dialog.product, MUG_CODE)
    dialog.quantity.setValue(7)
    dialog.source.setCurrentIndex(dialog.source.findText("WH1/A/A-02"))
    assert dialog.quantity.value() == 7  # what the person counted is not overwritten
    dialog.save()
    assert dialog.done_message == "MUG adjusted to 7"
    places = {loc.path: loc.on_hand for loc in shop.inventory.product_stock("MUG").locations}
    assert places["WH1/A/A-02"] == 7 and places["WH1/A/A-01"] == 10


def test_scans_in_the_receive_scan_field_never_press_ok(qtbot, shop, beeps) -> None:
    dialog = shown(qtbot, shop, MoveKind.RECEIVE)
    dialog.unit_cost.setText("3.00")
    before = ledger_snapshot(shop)
    for _ in range(3):
        scan_into(qtbot, dialog.scan.edit, MUG_CODE)
    assert dialog.isVisible() and ledger_snapshot(shop) == before
    assert dialog.quantity.value() == 3 and beeps == []


def test_a_different_product_while_a_count_is_pending_is_refused_and_the_count_kept(qtbot, shop, beeps) -> None:
    dialog = shown(qtbot, shop, MoveKind.RECEIVE)
    dialog.unit_cost.setText("3.00")
    scan_into(qtbot, dialog.scan.edit, MUG_CODE)
    scan_into(qtbot, dialog.scan.edit, MUG_CODE)
    scan_into(qtbot, dialog.scan.edit, "TEAPOT")
    assert dialog.isVisible() and beeps == [True]
    assert dialog.scan.edit.styleSheet() == FAILED_STYLE
    assert dialog.scan.feedback.text() == "You are receiving 2 × MUG: press OK to book them, or Clear to start again"
    assert dialog.product_name.text() == "MUG Mug" and dialog.quantity.value() == 2
    scan_into(qtbot, dialog.scan.edit, MUG_CODE)  # the mug count goes on
    assert dialog.quantity.value() == 3
    dialog.save()
    assert dialog.done_message == "Received 3 × MUG"
    assert shop.inventory.product_stock("MUG").on_hand == 15


def test_clear_drops_the_pending_count_and_the_next_product_is_counted_from_one(qtbot, shop, beeps) -> None:
    dialog = shown(qtbot, shop, MoveKind.RECEIVE)
    scan_into(qtbot, dialog.scan.edit, MUG_CODE)
    scan_into(qtbot, dialog.scan.edit, MUG_CODE)
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.product.text() == "" and dialog.product_id is None and dialog.quantity.value() == 1
    scan_into(qtbot, dialog.scan.edit, "TEAPOT")
    scan_into(qtbot, dialog.scan.edit, "TEAPOT")
    assert dialog.product_name.text() == "TEAPOT Teapot" and dialog.quantity.value() == 2 and beeps == []
    dialog.unit_cost.setText("20.00")
    dialog.save()
    assert dialog.done_message == "Received 2 × TEAPOT"
    assert shop.inventory.product_stock("TEAPOT").on_hand == 5 + 2
    assert shop.inventory.product_stock("MUG").on_hand == 12  # the cleared mugs were not booked


def test_the_scan_line_edit_keeps_its_enter_from_the_dialog(qtbot) -> None:
    from shopdesk.ui.stock.scan_field import ScanLineEdit

    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = ScanLineEdit(dialog)
    ok = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    ok.accepted.connect(dialog.accept)
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    dialog.show()
    qtbot.waitExposed(dialog)
    scan_into(qtbot, field, "A-01")
    assert entered == ["A-01"] and dialog.isVisible()
