"""Stock levels of one product: safety stock (安全库存) and warning line (预警线), shop-wide or per warehouse.

Saved through services/reorder.py Reordering.set_levels (the owner's; it is
audited). A warehouse without figures of its own uses the product's shop-wide
ones: the fields show those, and only a figure that was changed is saved as
the warehouse's own.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import LevelSetting, StockLevels
from shopdesk.ui import errors

MAX_UNITS = 1_000_000_000


class LevelsDialog(QDialog):
    def __init__(self, shop: Shop, product_id: int, sku: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._product_id = product_id
        self._sku = sku
        self.done_message = ""
        self.setWindowTitle(self.tr("Stock levels of {sku}").format(sku=sku))
        self._settings = StockLevels(shop).level_settings(product_id)
        self.where = QComboBox()
        for setting in self._settings:
            self.where.addItem(setting.warehouse or self.tr("Whole shop"), setting.warehouse_id)
        self.safety_stock = QSpinBox()
        self.warning_line = QSpinBox()
        for box in (self.safety_stock, self.warning_line):
            box.setRange(0, MAX_UNITS)
        self.warning_line.setSpecialValueText(self.tr("none"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Where"), self.where)
        form.addRow(self.tr("Safety stock (安全库存)"), self.safety_stock)
        form.addRow(self.tr("Warning line (预警线)"), self.warning_line)
        form.addRow(self.note)
        form.addRow(buttons)
        self.where.currentIndexChanged.connect(lambda _i: self._show_setting())
        self._show_setting()

    def _current(self) -> LevelSetting:
        return self._settings[max(0, self.where.currentIndex())]

    def _shown(self) -> tuple[int, int]:
        """The figures that apply where chosen: the warehouse's own, else the shop-wide ones."""
        setting, shop_wide = self._current(), self._settings[0]
        safety = shop_wide.safety_stock if setting.safety_stock is None else setting.safety_stock
        line = shop_wide.warning_line if setting.warning_line is None else setting.warning_line
        return int(safety or 0), int(line or 0)

    def _show_setting(self) -> None:
        setting = self._current()
        safety, line = self._shown()
        self.safety_stock.setValue(safety)
        self.warning_line.setValue(line)
        if setting.warehouse_id is None:
            self.note.setText(self.tr("Warehouses without figures of their own use these."))
        elif setting.safety_stock is None and setting.warning_line is None:
            self.note.setText(
                self.tr("{wh} has no figures of its own: the shop-wide ones are shown.").format(wh=setting.warehouse)
            )
        else:
            self.note.setText(self.tr("{wh}'s own figures.").format(wh=setting.warehouse))

    def save(self) -> None:
        setting = self._current()
        safety, line = self._shown()
        shop_wide = setting.warehouse_id is None
        # In a warehouse, an unchanged figure that is the product's stays the product's (None leaves it).
        new_safety = self.safety_stock.value()
        new_line = self.warning_line.value()
        changed_safety = new_safety if shop_wide or new_safety != safety or setting.safety_stock is not None else None
        changed_line = new_line if shop_wide or new_line != line or setting.warning_line is not None else None
        try:
            self._shop.reordering.set_levels(
                self._product_id,
                safety_stock=changed_safety,
                warning_line=changed_line,
                warehouse=setting.warehouse_id,
            )
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.done_message = self.tr("{sku}: safety stock {safety}, warning line {line} ({where})").format(
            sku=self._sku, safety=new_safety, line=new_line, where=self.where.currentText()
        )
        self.accept()
