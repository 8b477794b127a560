"""Scan picking: answering Cancel to 'Close without marking the orders picked?' goes on picking,
and the scanner's next codes land in the scan field again (they were silently lost)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from shopdesk.ui.orders.picking import PickingDialog
from tests.ui.test_picking_scan import CUP_CODE, picking_shop, scan  # noqa: F401  (picking_shop is a fixture)


def test_cancel_at_stop_picking_puts_the_next_scans_in_the_scan_field(qtbot, picking_shop, monkeypatch) -> None:  # noqa: F811
    shop, numbers = picking_shop
    dialog = PickingDialog(shop, numbers[1:])  # SO-2 one tee, SO-3 one cup
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    scan(qtbot, dialog, "TEE")

    def question(parent, *_args):  # type: ignore[no-untyped-def]
        """The question box takes the window and the focus while it is up; the picker answers Cancel."""
        box = QMessageBox(parent)
        box.show()
        box.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
        box.close()
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.lines.items_picked() == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scan.edit)
    qtbot.keyClicks(QApplication.focusWidget(), CUP_CODE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.is_picked()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Discard))
