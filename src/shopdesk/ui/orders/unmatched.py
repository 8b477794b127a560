"""Unmatched SKUs (未匹配商品): channel codes no product answers to, and the orders that wait for them.

The same queue as `shopdesk sku unmatched`: per channel, each code with the
name the buyer saw and how many orders and units wait. Linking a code to one
of our products (关联商品, `shopdesk sku link`) is remembered for that channel;
the orders that waited only for it are created at once, and later imports of
the channel translate the code before checking it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.permissions import Permission
from shopdesk.services.channels import LinkResult, UnmatchedSku, link_channel_sku, unmatched_skus
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.orders.product_picker import ProductPicker
from shopdesk.ui.tasks import Progress, TaskRunner

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class UnmatchedModel(QAbstractTableModel):
    """The unmatched queue, one row per (channel, code)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[UnmatchedSku] = []
        self._titles = [
            self.tr("Channel"),
            self.tr("Channel SKU"),
            self.tr("Product name on the channel"),
            self.tr("Orders waiting"),
            self.tr("Units"),
        ]

    def set_rows(self, rows: list[UnmatchedSku]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (label(CHANNEL, row.channel), row.channel_sku, row.name, str(len(row.orders)), str(row.quantity))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join(row.orders)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None


class UnmatchedDialog(QDialog):
    """`linked` keeps what every Link did, for the Orders tab to refresh and report."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unmatched SKUs"))
        self._shop = shop
        self.runner = TaskRunner(self)
        self.linked: list[LinkResult] = []
        self.model = UnmatchedModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.intro = QLabel(
            self.tr(
                "Orders naming these channel SKUs wait. Link each to one of our products once: "
                "the link is kept for that channel and the waiting orders are created."
            )
        )
        self.intro.setWordWrap(True)
        self.picker = ProductPicker(shop)
        self.link_button = QPushButton(self.tr("Link to product"))
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.link_selected)
        self.may_link = shop.can(Permission.EDIT_CATALOGUE)
        if not self.may_link:
            self.link_button.setToolTip(self.tr("Linking SKUs needs a role that edits the catalogue"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        product = QGroupBox(self.tr("Our product"))
        inner = QVBoxLayout(product)
        inner.addWidget(self.picker)
        inner.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)  # Enter in the product search chooses a product, it never closes
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(product)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self.resize(820, 600)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.picker.chosen.connect(lambda _row: self._enable())
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(unmatched_skus(self._shop))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> UnmatchedSku | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, channel: str, channel_sku: str) -> None:
        for r, row in enumerate(self.model.rows):
            if (row.channel, row.channel_sku) == (channel, channel_sku):
                self.table.selectRow(r)
                return
        raise LookupError(channel_sku)

    def _enable(self) -> None:
        self.link_button.setEnabled(
            self.may_link
            and self.selected() is not None
            and self.picker.product is not None
            and not self.runner.running()
        )

    def link_selected(self) -> None:
        """Link the selected channel SKU to the chosen product; its waiting orders are created (in the background)."""
        code, product = self.selected(), self.picker.product
        if code is None or product is None:
            return
        self.link_button.setEnabled(False)

        def work(_progress: Progress) -> LinkResult:
            return link_channel_sku(self._shop, code.channel, code.channel_sku, product.sku)

        def done(result: LinkResult) -> None:
            self.linked.append(result)
            text = self.tr("Linked {code} ({channel}) to {sku}.").format(
                code=result.channel_sku, channel=label(CHANNEL, result.channel), sku=result.product_sku
            )
            if result.created:
                text += " " + self.tr("Orders created: {numbers}.").format(numbers=", ".join(result.created))
            if result.still_waiting:
                text += " " + self.tr("Still waiting for other links: {numbers}.").format(
                    numbers=", ".join(result.still_waiting)
                )
            self.outcome.setText(text)
            self.picker.clear()
            self.reload()

        task = self.runner.run(self.tr("Linking {code}").format(code=code.channel_sku), work, on_done=done)
        task.done.connect(self._enable)

    def reject(self) -> None:
        self.runner.shutdown()
        super().reject()
