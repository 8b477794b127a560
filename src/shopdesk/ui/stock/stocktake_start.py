"""The scope of a new stocktake (库存盘点): a warehouse, a zone in it, a category, blind or not.

A partial count (one zone this week, another the next) is how a shop counts
without closing; the service freezes only the lines of the scope chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from shopdesk.services.shop import Shop


class StartStocktakeDialog(QDialog):
    """Warehouse (or all), zone (or all of the warehouse), category (or all), blind or not."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.setWindowTitle(self.tr("New stocktake"))
        self.warehouse = QComboBox()
        self.warehouse.addItem(self.tr("Every warehouse"), None)
        for ref in shop.locations.warehouses():
            self.warehouse.addItem(ref.path, ref.path)
        self.zone = QComboBox()
        self.category = QComboBox()
        self.category.addItem(self.tr("Every category"), None)
        for _id, path in shop.catalogue.categories():
            self.category.addItem(path, path)
        self.blind = QCheckBox(self.tr("Blind count: counters do not see the expected quantities"))
        self.note = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("Category"), self.category)
        form.addRow("", self.blind)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.warehouse.currentIndexChanged.connect(lambda _i: self._list_zones())
        self._list_zones()

    def _list_zones(self) -> None:
        """The zones of the warehouse chosen (of every warehouse when none is)."""
        self.zone.clear()
        self.zone.addItem(self.tr("Every zone"), None)
        for ref in self._shop.locations.physical_locations(self.warehouse.currentData()):
            if ref.kind == "zone":
                self.zone.addItem(ref.path, ref.path)
