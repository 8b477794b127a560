"""An order's lines as a table: what the detail shows, and what the packer ticks off by scanning."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shopdesk.services.order_details import OrderLineView
from shopdesk.ui.widgets.money import MoneyFormat

DONE_BACKGROUND = QBrush(QColor("#d9f2d9"))
LAST_SCANNED_BACKGROUND = QBrush(QColor("#b7e4c7"))
_ROOT = QModelIndex()
_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


class OrderLinesModel(QAbstractTableModel):
    """Lines of one order. With packing=True the columns are what the packer needs: scanned of ordered."""

    def __init__(self, money: MoneyFormat, *, packing: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._money = money
        self._packing = packing
        self._lines: list[OrderLineView] = []
        self._packed: dict[int, int] = {}  # line no -> scanned so far (packing)
        self.last_scanned: int | None = None
        if packing:
            self._titles = [
                translate("OrderLines", "SKU"),
                translate("OrderLines", "Product"),
                translate("OrderLines", "Scanned"),
                translate("OrderLines", "Ordered"),
            ]
        else:
            self._titles = [
                translate("OrderLines", "SKU"),
                translate("OrderLines", "Product"),
                translate("OrderLines", "Qty"),
                translate("OrderLines", "Unit price"),
                translate("OrderLines", "Discount"),
                translate("OrderLines", "Amount"),
                translate("OrderLines", "Shipped"),
                translate("OrderLines", "Returned"),
            ]

    def set_lines(self, lines: Sequence[OrderLineView]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._packed = {line.line_no: line.qty_packed for line in self._lines}
        self.last_scanned = None
        self.endResetModel()

    def line(self, row: int) -> OrderLineView | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def set_packed(self, line_no: int, packed: int) -> None:
        """One more item of a line went into the parcel."""
        self._packed[line_no] = packed
        self.last_scanned = line_no
        if self._lines:  # the highlight moves to this line: every row may change colour
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, self.columnCount() - 1))

    def packed(self, line_no: int) -> int:
        return self._packed.get(line_no, 0)

    def items_left(self) -> int:
        return sum(line.quantity - self._packed.get(line.line_no, 0) for line in self._lines)

    # QAbstractItemModel ----------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return section + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = Qt.AlignmentFlag.AlignLeft if column < 2 else Qt.AlignmentFlag.AlignRight
            return int(left | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._packing:
            if line.line_no == self.last_scanned:
                return LAST_SCANNED_BACKGROUND
            return DONE_BACKGROUND if self._packed.get(line.line_no, 0) >= line.quantity else None
        return None

    def _text(self, line: OrderLineView, column: int) -> str:
        if self._packing:
            return [line.sku, line.name, str(self._packed.get(line.line_no, 0)), str(line.quantity)][column]
        return [
            line.sku,
            line.name,
            str(line.quantity),
            self._money(line.unit_price),
            self._money(line.discount) if line.discount else "",
            self._money(line.net),
            str(line.qty_shipped) if line.qty_shipped else "",
            str(line.qty_returned) if line.qty_returned else "",
        ][column]
