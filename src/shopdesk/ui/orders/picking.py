"""Picking by scan (扫码拣货): walk the pick list bin by bin and scan each item as it is taken.

The lines are the printed pick list's (OrderDetails.pick_lines), in its walking
order. Each scan counts one unit on the first line of that product not yet
picked; a product that is not on the list, or one more than the list asks for,
is refused loudly (red, beep, what to put back) and counts nothing. Progress
lives only in this dialog: the stock ledger does not change when goods are
picked, and nothing is saved until Finish marks every order picked (each order
on its own: one refused, the others done). Closing early keeps nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.services.order_details import PickLine
from shopdesk.services.order_fulfilment import FlowResult
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.stock.scan_field import ScanField

_Index = QModelIndex | QPersistentModelIndex
DONE_BRUSH = QBrush(QColor("#d9f2d9"))


@dataclass
class PickStop:
    """One line of the pick list and how many of it have been scanned so far."""

    line: PickLine
    picked: int = 0

    @property
    def left(self) -> int:
        return self.line.quantity - self.picked


class PickLinesModel(QAbstractTableModel):
    """The pick list in walking order; picked lines turn green, the next one to pick is bold."""

    def __init__(self, lines: list[PickLine], parent: QWidget | None = None):
        super().__init__(parent)
        self.stops = [PickStop(line) for line in lines]
        self.titles = [
            self.tr("Bin"),
            self.tr("SKU"),
            self.tr("Name"),
            self.tr("Order"),
            self.tr("To pick"),
            self.tr("Picked"),
        ]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.stops)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        stop = self.stops[index.row()]
        line = stop.line
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.location, line.sku, line.name, line.order_number, line.quantity, stop.picked)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and stop.left == 0:
            return DONE_BRUSH
        if role == Qt.ItemDataRole.FontRole and index.row() == self.next_row():
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and line.barcode:
            return line.barcode
        return None

    def next_row(self) -> int | None:
        """The first line in walking order with something left to pick (None when all is picked)."""
        return next((row for row, stop in enumerate(self.stops) if stop.left > 0), None)

    def row_for(self, sku: str) -> int | None:
        """Where a scan of this product counts: its first unfinished line in walking order."""
        return next((row for row, stop in enumerate(self.stops) if stop.line.sku == sku and stop.left > 0), None)

    def count_one(self, row: int) -> None:
        before = self.next_row()
        self.stops[row].picked += 1
        changed = {row, before, self.next_row()} - {None}
        for r in sorted(r for r in changed if r is not None):
            self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def wanted(self, sku: str) -> int:
        return sum(stop.line.quantity for stop in self.stops if stop.line.sku == sku)

    def items_left(self) -> int:
        return sum(stop.left for stop in self.stops)

    def items_picked(self, order_number: str | None = None) -> int:
        """Units scanned so far: on the whole list, or for one order only."""
        return sum(stop.picked for stop in self.stops if order_number in (None, stop.line.order_number))


class PickingDialog(QDialog):
    """Pick the given allocated orders by scanning; `results` holds what Finish did to each order."""

    def __init__(self, shop: Shop, numbers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Picking"))
        self._shop = shop
        self.numbers: list[str] = []
        self.versions: dict[str, int] = {}
        self.results: list[FlowResult] = []
        self.refused = 0  # wrong or extra items refused during this walk
        self.load_error = ""  # why the pick list could not be made (an order no longer allocated)
        lines = self._load(numbers)
        self.lines = PickLinesModel(lines, self)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.scan = ScanField()
        self.scan.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel()
        font = self.progress.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.progress.setFont(font)
        self.next_stop = QLabel()
        self.next_stop.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner types into the scan field, always
        self.finish_button = QPushButton(self.tr("Finish"))
        self.finish_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.finish_button.setToolTip(self.tr("Mark the orders picked once every item is scanned (Ctrl+Enter)"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.finish_button, self.close_button):
            button.setAutoDefault(False)  # Enter belongs to the scan field
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.scan)
        layout.addWidget(self.progress)
        layout.addWidget(self.next_stop)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.scan.entered.connect(lambda code, _by_scanner: self.scan_code(code))
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.reject)
        self.header.setText(
            self.tr("Pick list for %n order(s): {numbers}", "", len(self.numbers)).format(
                numbers=", ".join(self.numbers)
            )
            if self.numbers
            else ""
        )
        self.resize(820, 560)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._show_state()
        self.scan.setFocus()

    def _load(self, numbers: list[str]) -> list[PickLine]:
        """The orders' versions, then their pick lines: an order changed after this is refused at Finish."""
        try:
            orders = [self._shop.orders.get_order(n) for n in numbers]
            lines = self._shop.orders.pick_lines(numbers)
        except ShopDeskError as exc:
            self.load_error = str(exc)
            return []
        self.versions = {order.number: order.version for order in orders}
        self.numbers = list(self.versions)
        return lines

    # Scanning ------------------------------------------------------------------------
    def scan_code(self, code: str) -> bool:
        """Count one scanned unit on the pick list; False (and a loud refusal) when it does not belong."""
        if self.lines.rowCount() == 0:
            self.scan.show_failure(self.tr("There is nothing to pick."))
            return False
        found = self._shop.scanning.resolve_scan(code)
        if not found.found:
            if found.can_assign:
                message = self.tr("Unknown code {code}: no product has this SKU or barcode. Nothing counted.")
                self.scan.show_failure(message.format(code=found.code))
            else:  # a misread barcode: the service says to scan it again
                self.scan.show_failure(found.message)
            return False
        row = self.lines.row_for(found.sku)
        if row is None:
            self.refused += 1
            wanted = self.lines.wanted(found.sku)
            if wanted == 0:
                message = self.tr("WRONG ITEM: {sku} {name} is not on this pick list. Put it back.")
            else:
                message = self.tr("TOO MANY: all {wanted} × {sku} {name} are already picked. Put this one back.")
            self.scan.show_failure(message.format(sku=found.sku, name=found.name, wanted=wanted))
            return False
        self.lines.count_one(row)
        stop = self.lines.stops[row]
        self.table.selectRow(row)
        self.table.scrollTo(self.lines.index(row, 0))
        self.scan.show_success(
            self.tr("{sku} {name}: {picked} of {quantity} from {bin} for {order}").format(
                sku=stop.line.sku,
                name=stop.line.name,
                picked=stop.picked,
                quantity=stop.line.quantity,
                bin=stop.line.location,
                order=stop.line.order_number,
            )
        )
        self._show_state()
        return True

    def is_picked(self) -> bool:
        return self.lines.rowCount() > 0 and self.lines.items_left() == 0

    def _show_state(self) -> None:
        picked = self.is_picked()
        self.finish_button.setEnabled(picked)
        if self.load_error:
            self.progress.setText(self.load_error)
            self.progress.setStyleSheet("color: #b02a37;")
            self.progress.setWordWrap(True)
        elif picked:
            self.progress.setText(self.tr("ALL PICKED ✓ — press Finish"))
            self.progress.setStyleSheet("color: #1e7b34;")
        else:
            self.progress.setText(self.tr("%n item(s) left to pick", "", self.lines.items_left()))
            self.progress.setStyleSheet("")
        row = self.lines.next_row()
        self.next_stop.setVisible(row is not None)
        if row is not None:
            stop = self.lines.stops[row]
            self.next_stop.setText(
                self.tr("Next: {bin} — {left} × {sku} {name} for {order}").format(
                    bin=stop.line.location,
                    left=stop.left,
                    sku=stop.line.sku,
                    name=stop.line.name,
                    order=stop.line.order_number,
                )
            )

    # Finishing and closing ------------------------------------------------------------
    def finish(self) -> bool:
        """Mark every order picked, each on its own; a refused order is shown, the others are done."""
        if not self.is_picked():
            self.scan.show_failure(
                self.tr("%n item(s) are still to pick: scan them before Finish.", "", self.lines.items_left())
            )
            return False
        flow = self._shop.order_flow
        self.results = []
        for number in self.numbers:
            # Each order's timeline tells its own items, not the whole walk's.
            reason = f"picked by scanning ({self.lines.items_picked(number)} item(s))"
            self.results += flow.bulk(flow.mark_picked, [number], reason=reason, expected_version=self.versions[number])
        refused = [r for r in self.results if not r.ok]
        if refused:
            problems = [Problem(r.number, r.message) for r in refused]
            # The tab shows it: this dialog closes now.
            errors.show_error(
                self.parentWidget(), ValidationFailed(problems, self.tr("Some orders were not marked picked"))
            )
        self.accept()
        return True

    def reject(self) -> None:
        """Close (Esc, Close, the window's ×): after some scans, ask first; nothing is kept either way."""
        scanned = self.lines.items_picked()
        if scanned:
            answer = QMessageBox.question(
                self,
                self.tr("Stop picking"),
                self.tr(
                    "Close without marking the orders picked? The %n item(s) scanned are not kept; "
                    "the orders stay allocated.",
                    "",
                    scanned,
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                # Keep picking: the question took the window and the focus; give both back to the
                # scan field, or the next scans go nowhere.
                self.activateWindow()
                self.scan.setFocus()
                QTimer.singleShot(0, self.scan.setFocus)
                return
        super().reject()
