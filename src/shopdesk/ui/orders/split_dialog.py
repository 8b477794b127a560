"""Splitting an order in two (拆单): choose how many units of each line move to a new order.

Typically to ship now what is there while the rest waits. The new order takes
the original's state (OrderFlow.split); a refusal is shown and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.order_fulfilment import FlowResult
from shopdesk.services.shop import Shop
from shopdesk.ui.service_messages import translated


class SplitDialog(QDialog):
    """`result` is the split's outcome once it was done (its new_orders name the new order)."""

    def __init__(self, shop: Shop, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Split order {number}").format(number=number))
        self._shop = shop
        self.number = number
        self.result: FlowResult | None = None
        order = shop.orders.get_order(number)
        self.lines = QTableWidget(len(order.lines), 4)
        self.lines.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Qty"), self.tr("Split off")])
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.moved: dict[int, QSpinBox] = {}  # line no -> units to move
        for row, line in enumerate(order.lines):
            for column, text in enumerate((line.sku, line.name, str(line.quantity))):
                self.lines.setItem(row, column, QTableWidgetItem(text))
            spin = QSpinBox()
            spin.setRange(0, line.quantity)
            self.lines.setCellWidget(row, 3, spin)
            self.moved[line.line_no] = spin
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (goes in the timeline), e.g. ship what is in stock now"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setStyleSheet("color: #b02a37;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("How many units of each line go to the new order?")))
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.resize(620, 360)

    def quantities(self) -> dict[int, int]:
        return {line_no: spin.value() for line_no, spin in self.moved.items() if spin.value()}

    def accept(self) -> None:
        """Split off what was chosen; a refusal is shown and the dialog stays open."""
        try:
            self.result = self._shop.order_flow.split(self.number, self.quantities(), self.reason.text().strip())
        except ValidationFailed as exc:
            self.feedback.setText(translated("\n".join([exc.headline, *(p.message for p in exc.problems)])))
            return
        except ShopDeskError as exc:
            self.feedback.setText(translated(str(exc)))
            return
        super().accept()
