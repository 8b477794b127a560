"""A product's default bin (默认库位) in a warehouse: where it is put away and picked from by default.

Saved through Locations.set_default_bin (MOVE_STOCK). The dialog shows the
current default of the warehouse chosen; a refusal is shown in the dialog,
which stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.shop import Shop
from shopdesk.ui.service_messages import error_text


class DefaultBinDialog(QDialog):
    """OK saves the chosen bin as the product's default in its warehouse; `done_message` says so."""

    def __init__(
        self, shop: Shop, product_id: int, sku: str, warehouse_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._shop = shop
        self._product_id = product_id
        self._sku = sku
        self.done_message = ""
        self.setWindowTitle(self.tr("Default bin of {sku}").format(sku=sku))
        self.warehouse = QComboBox()
        for ref in shop.locations.warehouses():
            self.warehouse.addItem(ref.path, ref.id)
        # The warehouse the Stock tab shows; with all of them shown, the first.
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(warehouse_id)))
        self.current = QLabel()
        self.bin = QComboBox()
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setStyleSheet("color: #b02a37;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Default bin now"), self.current)
        form.addRow(self.tr("New default bin"), self.bin)
        form.addRow(self.feedback)
        form.addRow(self.buttons)
        self.warehouse.currentIndexChanged.connect(lambda _i: self._show_warehouse())
        self._show_warehouse()

    def _show_warehouse(self) -> None:
        """The chosen warehouse's bins in walking order, its current default selected."""
        warehouse_id = self.warehouse.currentData()
        self.bin.clear()
        self.feedback.clear()
        if warehouse_id is None:
            self.current.setText(self.tr("none"))
            self.feedback.setText(self.tr("This shop has no warehouse yet: add one under Locations…"))
            self.ok_button.setEnabled(False)
            return
        home = self._shop.locations.default_bin(self._product_id, warehouse_id)
        self.current.setText(home.path if home is not None else self.tr("none"))
        for ref in self._shop.locations.bins(warehouse_id):
            self.bin.addItem(ref.path, ref.id)
        if home is not None:
            self.bin.setCurrentIndex(max(0, self.bin.findData(home.id)))
        if not self.bin.count():
            self.feedback.setText(
                self.tr("{warehouse} has no bins yet: add one under Locations…").format(
                    warehouse=self.warehouse.currentText()
                )
            )
        self.ok_button.setEnabled(self.bin.count() > 0)

    def save(self) -> None:
        bin_id = self.bin.currentData()
        if bin_id is None:
            return
        try:
            ref = self._shop.locations.set_default_bin(self._product_id, bin_id)
        except ShopDeskError as exc:
            self.feedback.setText(error_text(exc))
            return
        self.done_message = self.tr("{sku} is kept in {bin} by default").format(sku=self._sku, bin=ref.path)
        self.accept()
