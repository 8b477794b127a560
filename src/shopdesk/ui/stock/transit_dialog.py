"""Goods in transit (在途): transfers sent to another warehouse and not yet arrived, received there with one click.

A transfer between warehouses leaves the sending bin at once and waits in
transit until the other warehouse says it arrived (Inventory.receive_transfer);
until then it is owned and valued, but nobody can pick it. The goods go to the
bin named when they were sent, unless another bin of that warehouse is chosen.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.services.shop import Shop
from shopdesk.services.stock_queries import PendingTransfer
from shopdesk.ui import errors
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.widgets.table_view import DataTableView

translate = QCoreApplication.translate


def _sent_at(row: PendingTransfer) -> str:
    when = row.sent_at
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else ""


def transit_columns() -> list[Column[PendingTransfer]]:
    return [
        Column(translate("TransitColumns", "Transfer"), lambda r: f"TR-{r.id}"),
        Column(translate("TransitColumns", "SKU"), lambda r: r.sku),
        Column(translate("TransitColumns", "Quantity"), lambda r: str(r.quantity), numeric=True),
        Column(translate("TransitColumns", "From"), lambda r: r.from_path),
        Column(translate("TransitColumns", "To"), lambda r: r.to_path),
        Column(translate("TransitColumns", "Sent"), _sent_at),
        Column(translate("TransitColumns", "By"), lambda r: r.user),
    ]


class TransitDialog(QDialog):
    """The transfers in transit; Receive books the selected one into its bin (or the bin chosen)."""

    received = Signal(str)

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.setWindowTitle(self.tr("Goods in transit (在途)"))
        self.model: ListTableModel[PendingTransfer] = ListTableModel(transit_columns(), parent=self)
        self.table = DataTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(DataTableView.SelectionMode.SingleSelection)
        self.bin = QComboBox()
        self.receive_button = QPushButton(self.tr("Receive"))
        self.receive_button.setEnabled(False)
        self.empty = QLabel(self.tr("Nothing is in transit."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Into")))
        row.addWidget(self.bin, 1)
        row.addWidget(self.receive_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(760, 360)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        self.receive_button.clicked.connect(self.receive_selected)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._shop.inventory.pending_transfers())
        self.empty.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> PendingTransfer | None:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return self.model.row_at(rows[0]) if rows else None

    def _selection_changed(self) -> None:
        transfer = self.selected()
        self.bin.clear()
        self.receive_button.setEnabled(transfer is not None and self._shop.can(Permission.MOVE_STOCK))
        if transfer is None:
            return
        self.bin.addItem(self.tr("{path} (as sent)").format(path=transfer.to_path), None)
        warehouse = transfer.to_path.split("/", 1)[0]
        for ref in self._shop.locations.bins(warehouse):
            if ref.path != transfer.to_path:
                self.bin.addItem(ref.path, ref.id)

    def receive_selected(self) -> bool:
        """Book the selected transfer in; True when it was received."""
        transfer = self.selected()
        if transfer is None:
            return False
        into = self.bin.currentData()
        path = transfer.to_path if into is None else self.bin.currentText()
        try:
            self._shop.inventory.receive_transfer(transfer.id, into)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            self.refresh()  # someone else may have received it meanwhile
            return False
        self.received.emit(
            self.tr("TR-{id}: {qty} × {sku} arrived at {path}").format(
                id=transfer.id, qty=transfer.quantity, sku=transfer.sku, path=path
            )
        )
        self.refresh()
        return True
