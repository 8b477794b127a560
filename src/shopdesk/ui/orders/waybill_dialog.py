"""Recording an order's waybill (面单) before the parcel leaves: carrier, service and tracking number.

The number comes from the carrier's number range or is scanned off a printed
waybill at the bench; it goes on the order's label, and shipping later needs no
number. A number already on another order is refused with the reason and the
dialog stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.labels import CARRIERS

FAILED_STYLE = "color: #b02a37; font-weight: bold;"


class WaybillDialog(QDialog):
    """`recorded` is True once the waybill was saved on the order."""

    def __init__(self, shop: Shop, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waybill for {number}").format(number=number))
        self._shop = shop
        self.number = number
        self.recorded = False
        order = shop.orders.get_order(number)
        # A second waybill replaces the first: start from the one recorded, else the shop's usual carrier.
        carrier = order.carrier or str(shop.setting("default_carrier") or "")
        self.carrier = QComboBox()
        self.carrier.setEditable(True)
        self.carrier.addItems([carrier, *[c for c in CARRIERS if c != carrier]] if carrier else list(CARRIERS))
        self.service = QLineEdit(order.carrier_service)
        self.service.setPlaceholderText(self.tr("e.g. 标快"))
        self.tracking = QLineEdit(order.tracking_no)
        self.tracking.setPlaceholderText(self.tr("Scan or type the waybill number"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Service"), self.service)
        form.addRow(self.tr("Waybill number"), self.tracking)
        form.addRow(self.feedback)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tracking.setFocus()

    def accept(self) -> None:
        """Record the waybill; a refusal is shown and the dialog stays open."""
        try:
            self._shop.order_flow.record_waybill(
                self.number,
                self.tracking.text().strip(),
                self.carrier.currentText().strip(),
                service=self.service.text().strip(),
            )
        except ValidationFailed as exc:
            self._refused("; ".join(p.message for p in exc.problems) or str(exc))
            return
        except ShopDeskError as exc:
            self._refused(str(exc))
            return
        self.recorded = True
        super().accept()

    def _refused(self, message: str) -> None:
        self.feedback.setStyleSheet(FAILED_STYLE)
        self.feedback.setText(message)
        self.tracking.selectAll()
        self.tracking.setFocus()
