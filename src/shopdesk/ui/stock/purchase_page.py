"""Purchase orders (采购单) in the Stock tab: the list, a PO's lines, ordering, receiving, the PDF, and reordering.

The reorder suggestions (补货建议) sit under the list; one button turns them
into draft purchase orders, one per supplier, in the background.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.services.purchase_queries import PoLineView, PoRow, PoView
from shopdesk.services.purchasing import ReceiptLine
from shopdesk.services.reorder import CreatedOrders, ReorderLine
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.stock.list_model import ListTableModel, list_table_view
from shopdesk.ui.stock.new_po_dialog import AddPoLineDialog, NewPoDialog
from shopdesk.ui.stock.scan_field import ScanField
from shopdesk.ui.stock.source import po_columns, po_line_columns, reorder_columns
from shopdesk.ui.stock.suppliers_dialog import SuppliersDialog
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat


class ReceivePoDialog(QDialog):
    """How many of each outstanding line arrived, and where it goes; by eye or by scanning.

    The lines offer the outstanding quantities, for a person receiving by eye.
    The first scan switches to counting: every line goes to 0 (a notice says
    so) and each scan adds 1 to the first line of that product with units
    still outstanding. A product not on the order, one more than outstanding,
    or an unknown code is refused (red, a beep) and counts nothing. Quantities
    may still be typed. Only OK books (a click, Alt+O or Ctrl+Enter): Enter,
    a scanner's or in a quantity, never does.
    """

    def __init__(self, shop: Shop, po: PoView, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.po = po
        self.result_text = ""
        self.counting = False  # True once a scan switched the lines to counting from 0
        self.setWindowTitle(self.tr("Receive {number}").format(number=po.number))
        self.scan = ScanField(self)
        self.scan.edit.setPlaceholderText(self.tr("Scan to receive: each scan adds 1 to its line"))
        self.counting_notice = QLabel(self.tr("Counting by scan: every line started at 0; each scan adds 1."))
        self.counting_notice.setStyleSheet("font-weight: bold;")
        self.counting_notice.hide()
        form = QFormLayout()
        self.quantities: dict[int, QSpinBox] = {}
        self._lines: dict[int, PoLineView] = {}
        for line in po.lines:
            if line.outstanding <= 0:
                continue
            spin = QSpinBox()
            spin.setRange(0, line.outstanding)
            spin.setValue(line.outstanding)
            self.quantities[line.line_no] = spin
            self._lines[line.line_no] = line
            form.addRow(f"{line.line_no}. {line.sku} {line.name}", spin)
        self.location = QComboBox()
        self.location.addItem(self.tr("Each product's default bin"), None)
        for ref in shop.locations.bins():
            self.location.addItem(ref.path, ref.path)
        self.note = QLineEdit()
        form.addRow(self.tr("Put into"), self.location)
        form.addRow(self.tr("Delivery note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setAutoDefault(False)  # Enter must not book the order (see keyPressEvent)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&OK"))  # Alt+O
        self.ok_button.setToolTip(self.tr("Book what the lines say (Ctrl+Enter)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addWidget(self.counting_notice)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.scan.scanned.connect(self.receive_scan)
        self.scan.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never books (the button box makes OK the default; a scan may land in a quantity): Ctrl+Enter does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def start_counting(self) -> None:
        """The first scan: from now the lines count scans, from 0."""
        if self.counting:
            return
        self.counting = True
        for spin in self.quantities.values():
            spin.setValue(0)
        self.counting_notice.show()

    def receive_scan(self, code: str) -> bool:
        """Add 1 to the first line of the scanned product with units outstanding; True if it counted."""
        self.start_counting()
        scan = self._shop.scanning.resolve_scan(code)
        if not scan.found or scan.product_id is None:
            self.scan.show_failure(
                self.tr("Unknown code {code}: not counted").format(code=scan.code) if scan.can_assign else scan.message
            )
            return False
        product = f"{scan.sku} {scan.name}"
        lines = [no for no, line in self._lines.items() if line.product_id == scan.product_id]
        if not lines:
            self.scan.show_failure(
                self.tr("{product} is not on {number}: not counted").format(product=product, number=self.po.number)
            )
            return False
        for no in lines:
            spin = self.quantities[no]
            if spin.value() < spin.maximum():
                spin.setValue(spin.value() + 1)
                self.scan.show_success(
                    self.tr("{product}: {counted} of {outstanding}").format(
                        product=product, counted=spin.value(), outstanding=spin.maximum()
                    )
                )
                return True
        outstanding = sum(self.quantities[no].maximum() for no in lines)
        self.scan.show_failure(
            self.tr("{product}: all {outstanding} outstanding are counted already; this one is not").format(
                product=product, outstanding=outstanding
            )
        )
        return False

    def save(self) -> None:
        location = self.location.currentData()
        lines = [ReceiptLine(no, spin.value(), location) for no, spin in self.quantities.items() if spin.value() > 0]
        try:
            result = self._shop.purchasing.receive(self.po.id, lines, note=self.note.text())
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.result_text = self.tr("Received %n unit(s) on {number}", "", result.units).format(number=result.number)
        if result.allocated_orders:
            self.result_text += " · " + self.tr("now allocated: {orders}").format(
                orders=", ".join(result.allocated_orders)
            )
        self.accept()


class PurchasePage(QWidget):
    message = Signal(str)
    received = Signal()

    def __init__(self, shop: Shop, runner: TaskRunner, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._money = money
        costs = shop.can(Permission.VIEW_COSTS)  # warehouse staff receive goods without seeing what they cost
        # Buying is the owner's; receiving is for whoever moves stock (the services refuse the others anyway).
        self._buys = shop.can(Permission.PURCHASE)
        self._receives = shop.can(Permission.MOVE_STOCK)
        self.orders: ListTableModel[PoRow] = ListTableModel(po_columns(money, costs=costs), parent=self)
        self.lines: ListTableModel[PoLineView] = ListTableModel(po_line_columns(money, costs=costs), parent=self)
        self.suggestions: ListTableModel[ReorderLine] = ListTableModel(reorder_columns(), parent=self)
        self.status = QComboBox()
        self.status.addItem(self.tr("Open"), "open")
        self.status.addItem(self.tr("All"), None)
        self.new_button = QPushButton(self.tr("New PO…"))
        self.add_line_button = QPushButton(self.tr("Add line…"))
        self.order_button = QPushButton(self.tr("Send to supplier"))
        self.receive_button = QPushButton(self.tr("Receive…"))
        self.pdf_button = QPushButton(self.tr("Save PDF…"))
        self.cancel_button = QPushButton(self.tr("Cancel PO…"))
        self.close_button = QPushButton(self.tr("Close PO…"))
        self.create_button = QPushButton(self.tr("Create purchase orders from the suggestions"))
        self.order_table = list_table_view(self.orders)
        self.line_table = list_table_view(self.lines)
        self.suggestion_table = list_table_view(self.suggestions)
        self.detail = QLabel()

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show")))
        tools.addWidget(self.status)
        for button in (
            self.new_button,
            self.add_line_button,
            self.order_button,
            self.receive_button,
            self.pdf_button,
            self.cancel_button,
            self.close_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        self.suppliers_button = QPushButton(self.tr("Suppliers…"))
        tools.addWidget(self.suppliers_button)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.order_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.line_table)
        upper.addWidget(right)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Reorder suggestions (补货建议)")))
        heading.addStretch(1)
        heading.addWidget(self.create_button)
        lower_layout.addLayout(heading)
        lower_layout.addWidget(self.suggestion_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split)

        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.order_table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.new_button.clicked.connect(self.new_po)
        self.add_line_button.clicked.connect(self.add_line_to_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.order_button.clicked.connect(self.order_selected)
        self.receive_button.clicked.connect(self.receive_selected)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.create_button.clicked.connect(self.create_from_suggestions)
        self.suppliers_button.clicked.connect(self.open_suppliers)

    def showEvent(self, event: QShowEvent) -> None:
        # Read when shown, not when the tab is made: the suggestions sum a window of sales.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        selected = self.selected()
        self.orders.set_rows(self._shop.purchasing.list_orders(status=self.status.currentData()))
        self.suggestions.set_rows(self._shop.reordering.suggestions())
        self.create_button.setEnabled(self._buys and self.suggestions.rowCount() > 0)
        self.new_button.setEnabled(self._buys)
        if selected is not None:
            self.select(selected.number)
        self._show_selected()

    def select(self, number: str) -> None:
        for row, item in enumerate(self.orders.rows()):
            if item.number == number:
                self.order_table.selectRow(row)
                return

    def selected(self) -> PoRow | None:
        rows = self.order_table.selectionModel().selectedRows() if self.order_table.selectionModel() else []
        return self.orders.row_at(rows[0].row()) if rows else None

    def selected_po(self) -> PoView | None:
        row = self.selected()
        return None if row is None else self._shop.purchasing.get(row.id)

    def _show_selected(self) -> None:
        po = self.selected_po()
        self.lines.set_rows(po.lines if po else [])
        self.detail.setText(
            ""
            if po is None
            else self.tr("{number} · {supplier} · delivered to {warehouse}").format(
                number=po.number, supplier=po.supplier_name, warehouse=po.warehouse or "-"
            )
        )
        status = po.status if po else ""
        self.order_button.setEnabled(self._buys and status == "draft")
        self.receive_button.setEnabled(self._receives and status in ("ordered", "partially_received"))
        self.pdf_button.setEnabled(po is not None and self._shop.can(Permission.VIEW_COSTS))
        self.cancel_button.setEnabled(self._buys and status in ("draft", "ordered"))
        self.add_line_button.setEnabled(self._buys and status == "draft")
        self.close_button.setEnabled(self._buys and status in ("partially_received", "received"))

    def new_po(self) -> None:
        """A draft typed in by hand; it is shown selected (in the Open list it belongs to)."""
        dialog = NewPoDialog(self._shop, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.message.emit(self.tr("Created {number}").format(number=dialog.number))
        self.refresh()
        self.select(dialog.number)

    def add_line_to_selected(self) -> None:
        po = self.selected_po()
        if po is None:
            return
        dialog = AddPoLineDialog(self._shop, po.number, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def close_selected(self) -> None:
        """Close a received order, or a partly received one whose rest will not come (that needs a reason)."""
        po = self.selected_po()
        if po is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Close {number}").format(number=po.number), self.tr("Why will the rest not be delivered?")
        )
        if not ok:
            return
        try:
            self._shop.purchasing.close(po.id, reason)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.message.emit(self.tr("{number} closed").format(number=po.number))
        self.refresh()

    def order_selected(self) -> None:
        po = self.selected_po()
        if po is None:
            return
        try:
            self._shop.purchasing.order(po.id)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.message.emit(self.tr("{number} sent to the supplier").format(number=po.number))
        self.refresh()

    def receive_selected(self) -> None:
        po = self.selected_po()
        if po is None:
            return
        dialog = ReceivePoDialog(self._shop, po, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.emit(dialog.result_text)
            self.refresh()
            self.received.emit()

    def cancel_selected(self) -> None:
        po = self.selected_po()
        if po is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Cancel {number}").format(number=po.number), self.tr("Why?"))
        if not ok:
            return
        try:
            self._shop.purchasing.cancel(po.id, reason)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.refresh()

    def save_pdf(self) -> None:
        po = self.selected_po()
        if po is None:
            return
        path, _chosen = file_dialogs.getSaveFileName(
            self, self.tr("Save purchase order"), str(Path.home() / f"{po.number}.pdf"), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write_pdf(po.number, Path(path))

    def write_pdf(self, number: str, path: Path) -> None:
        def work(_progress: Progress) -> Path:
            return self._shop.purchasing.purchase_order_pdf(number, path)

        self._runner.run(
            self.tr("Writing the purchase order"),
            work,
            on_done=lambda written: self.message.emit(self.tr("Saved {path}").format(path=written)),
        )

    def create_from_suggestions(self) -> None:
        """Draft purchase orders from the suggestions shown, one per supplier (in the background)."""
        lines = self.suggestions.rows()

        def work(_progress: Progress) -> CreatedOrders:
            return self._shop.reordering.create_purchase_orders(lines)

        def done(created: CreatedOrders) -> None:
            text = self.tr("Created %n draft purchase order(s)", "", len(created.numbers))
            if created.without_supplier:
                text += " · " + self.tr("no supplier for {skus}").format(skus=", ".join(created.without_supplier))
            self.message.emit(text)
            self.refresh()

        self._runner.run(self.tr("Creating purchase orders"), work, on_done=done)

    def open_suppliers(self) -> None:
        """The suppliers (供应商) and what each supplies; the suggestions change with them, so they are read again."""
        SuppliersDialog(self._shop, self._money, self).exec()
        self.refresh()
