"""Giving an unknown scanned code to a product (关联到商品): pick the product, the code becomes one of its barcodes.

Only for roles that may edit the catalogue; the service checks the code (a
GTIN's check digit) and refuses a code that already names another product.
Enter (a scanner's, or a person's) only ever searches: a scan landing here
must not give the code to whatever it found. OK takes a click, Alt+O or
Ctrl+Enter, with a product chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.scanning import ScanResult
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.orders.product_picker import ProductPicker


class AssignCodeDialog(QDialog):
    """Accepted once `code` is a barcode of the product picked; `result_scan` is then that product's scan."""

    def __init__(self, shop: Shop, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.code = code
        self.result_scan: ScanResult | None = None
        self.setWindowTitle(self.tr("Assign {code} to a product").format(code=code))
        self.picker = ProductPicker(shop)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter in the picker chooses a product, it must not press OK
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&OK"))  # Alt+O
        self.ok_button.setToolTip(self.tr("Give the code to the chosen product (Ctrl+Enter)"))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which product has the barcode {code}?").format(code=code)))
        layout.addWidget(self.picker)
        layout.addWidget(self.buttons)
        self.picker.chosen.connect(lambda row: self.ok_button.setEnabled(row is not None))
        self.buttons.accepted.connect(self.assign)
        self.buttons.rejected.connect(self.reject)
        self.picker.search.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never presses OK here (the button box makes OK the default); Ctrl+Enter does, deliberately."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.ok_button.isEnabled():
                self.assign()
            event.accept()
            return
        super().keyPressEvent(event)

    def assign(self) -> None:
        product = self.picker.product
        if product is None:
            return
        try:
            self.result_scan = self._shop.scanning.assign_barcode(product.id, self.code)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.accept()
