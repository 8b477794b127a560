"""Marking packed orders shipped: carrier and tracking number (快递单号), one order after the other.

The tracking number is usually scanned off the carrier's label: Enter ships the
order and moves to the next one, and the dialog stays open until every order
is done or the person closes it (the scanner's Enter never closes it). A number
already on another order, or one a carrier cannot have, is refused with the
reason and nothing is shipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.labels import CARRIERS
from shopdesk.ui.service_messages import translated
from shopdesk.ui.stock.scan_field import ScanLineEdit

FAILED_STYLE = "background-color: #f8d7da;"


class ShipDialog(QDialog):
    def __init__(self, shop: Shop, numbers: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark shipped"))
        self._shop = shop
        self._numbers = list(numbers)
        self._at = 0
        self.shipped: list[str] = []
        self.order = QLabel()
        self.order.setTextFormat(Qt.TextFormat.PlainText)
        self.carrier = QComboBox()
        self.carrier.setEditable(True)
        default = str(shop.setting("default_carrier") or "")
        self.carrier.addItems([default, *[c for c in CARRIERS if c != default]] if default else list(CARRIERS))
        self.tracking = ScanLineEdit()
        self.tracking.setPlaceholderText(self.tr("Scan or type the tracking number, then Enter"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        form.addRow(self.tr("Order"), self.order)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Tracking number"), self.tracking)
        form.addRow(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.skip = QPushButton(self.tr("Skip"))
        self.skip.setAutoDefault(False)
        buttons.addButton(self.skip, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.tracking.returnPressed.connect(self.ship_current)
        self.tracking.textEdited.connect(lambda _text: self.tracking.setStyleSheet(""))
        self.skip.clicked.connect(self._next)
        self._show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # a scan with the focus elsewhere must not close the dialog mid-batch
            return
        super().keyPressEvent(event)

    @property
    def current(self) -> str | None:
        return self._numbers[self._at] if self._at < len(self._numbers) else None

    def _show_current(self) -> None:
        number = self.current
        if number is None:
            self.order.setText(self.tr("All done: %n order(s) shipped", "", len(self.shipped)))
            self.tracking.setEnabled(False)
            self.skip.setEnabled(False)
            return
        self.order.setText(
            self.tr("{number} ({n} of {total})").format(number=number, n=self._at + 1, total=len(self._numbers))
        )
        self.tracking.clear()
        self._prefill_waybill(number)
        self.tracking.setFocus()

    def _prefill_waybill(self, number: str) -> None:
        # A waybill recorded before packing (Waybill…) is what the parcel leaves with: Enter ships it.
        try:
            order = self._shop.orders.get_order(number)
        except ShopDeskError:
            return
        if order.tracking_no:
            self.carrier.setCurrentText(order.carrier)
            self.tracking.setText(order.tracking_no)
            self.tracking.selectAll()

    def _next(self) -> None:
        self._at += 1
        self._show_current()

    def ship_current(self) -> bool:
        """Ship the order shown with the carrier and tracking number entered; False if refused."""
        number = self.current
        if number is None:
            return False
        try:
            self._shop.order_flow.ship(number, self.tracking.text().strip(), self.carrier.currentText().strip())
        except ValidationFailed as exc:
            return self._refused(translated("; ".join(p.message for p in exc.problems)))
        except ShopDeskError as exc:
            return self._refused(translated(str(exc)))
        self.shipped.append(number)
        self.feedback.setStyleSheet("color: #1e7b34;")
        self.feedback.setText(self.tr("{number} shipped").format(number=number))
        self._next()
        return True

    def _refused(self, message: str) -> bool:
        self.tracking.setStyleSheet(FAILED_STYLE)
        self.feedback.setStyleSheet("color: #b02a37; font-weight: bold;")
        self.feedback.setText(message)
        QApplication.beep()
        self.tracking.selectAll()
        return False
