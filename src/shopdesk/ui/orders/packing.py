"""The packing table (打包): scan the order, then scan every item into the parcel.

Scanners are keyboards that type fast and press Enter, so both fields act on
Enter and clear themselves for the next scan; the Enter stays with the field
and never closes the packing table (it has no OK: it closes with Close or Esc).
A wrong or extra item is refused loudly: the field turns red, the message says
what to take out, the computer beeps, and nothing is counted. When the last
item is scanned the order is packed; its packing slip and label can be printed
from here, and the next order's number can be scanned straight away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import ShipTo
from shopdesk.services.order_fulfilment import WrongItem
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.labels import STATUS, label
from shopdesk.ui.orders.lines_model import OrderLinesModel
from shopdesk.ui.orders.printing import Choice, DocumentPrinter
from shopdesk.ui.service_messages import translated
from shopdesk.ui.stock.scan_field import ScanLineEdit
from shopdesk.ui.widgets.money import MoneyFormat

OK_STYLE = "background-color: #d9f2d9;"
FAILED_STYLE = "background-color: #f8d7da;"
PACKABLE = ("allocated", "picked", "packed")
BIG_TO_SMALL = ("CN", "TW", "HK", "MO", "JP", "KR")  # 江苏省南京市: the province first, written together


def place(to: ShipTo) -> str:
    """Where the parcel goes, as the label reads it: a province the same as its city once (上海市, Berlin)."""
    region = to.province.strip() if to.province.strip() != to.city.strip() else ""
    city = to.city.strip()
    if (to.country or "CN").upper() in BIG_TO_SMALL:
        return f"{region}{city}"
    return " ".join(p for p in (city, region) if p)


class PackingDialog(QDialog):
    def __init__(
        self,
        shop: Shop,
        money: MoneyFormat,
        printer: DocumentPrinter,
        number: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Packing"))
        self._shop = shop
        self._printer = printer
        self.number: str | None = None
        self.refused = 0  # wrong or extra items refused while this order was on the table
        self.order_field = ScanLineEdit()
        self.order_field.setPlaceholderText(self.tr("Scan or type the order number, then Enter"))
        self.item_field = ScanLineEdit()
        self.item_field.setPlaceholderText(self.tr("Scan each item (barcode or SKU), then Enter"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel()
        font = self.progress.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.progress.setFont(font)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.lines = OrderLinesModel(money, packing=True, parent=self)
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner types into the item field, always
        self.slip_button = QPushButton(self.tr("Print packing slip"))
        self.label_button = QPushButton(self.tr("Print label"))
        self.next_button = QPushButton(self.tr("Next order"))
        for button in (self.slip_button, self.label_button, self.next_button):
            button.setAutoDefault(False)  # Enter belongs to the scan fields
        form = QFormLayout()
        form.addRow(self.tr("Order"), self.order_field)
        form.addRow(self.tr("Item"), self.item_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.label_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.header)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.order_field.returnPressed.connect(self._order_entered)
        self.item_field.returnPressed.connect(self._item_entered)
        self.item_field.textEdited.connect(lambda _text: self.item_field.setStyleSheet(""))
        self.slip_button.clicked.connect(self.print_slip)
        self.label_button.clicked.connect(self.print_label)
        self.next_button.clicked.connect(self.next_order)
        self.resize(720, 520)
        self._show_state()
        if number:
            self.open_order(number)
        else:
            self.order_field.setFocus()

    # The order ------------------------------------------------------------------------
    def _order_entered(self) -> None:
        text = self.order_field.text().strip()
        if text:
            self.open_order(text)

    def open_order(self, number: str) -> None:
        """Put an order on the packing table: it must be allocated or picked (or packed, to reprint)."""
        try:
            order = self._shop.orders.get_order(number)
        except ShopDeskError as exc:
            self._fail(str(exc), self.order_field)
            return
        if order.status not in PACKABLE:
            self._fail(
                self.tr("Order {number} is {status}: only allocated or picked orders are packed.").format(
                    number=order.number, status=label(STATUS, order.status)
                ),
                self.order_field,
            )
            return
        self.number = order.number
        self.refused = 0
        self.order_field.setText(order.number)
        self.order_field.setStyleSheet("")
        to = order.ship_to
        self.header.setText(" · ".join(filter(None, (order.number, to.name, place(to), order.buyer_remark))))
        self.lines.set_lines(order.lines)
        self.feedback.clear()
        self._show_state()
        self.item_field.setFocus()

    def next_order(self) -> None:
        self.number = None
        self.lines.set_lines([])
        self.order_field.clear()
        self.header.clear()
        self.feedback.clear()
        self._show_state()
        self.order_field.setFocus()

    # Scanning items ---------------------------------------------------------------------
    def _item_entered(self) -> None:
        code = self.item_field.text().strip()
        self.item_field.clear()
        if code:
            self.scan(code)

    def scan(self, code: str) -> bool:
        """Count one scanned item into the parcel; False (and a loud refusal) when it does not belong."""
        if self.number is None:
            self._fail(self.tr("Scan the order number first."), self.order_field)
            return False
        try:
            done = self._shop.order_flow.pack_scan(self.number, code)
        except WrongItem as exc:
            self.refused += 1
            self._fail(str(exc), self.item_field)
            return False
        except ShopDeskError as exc:
            self._fail(str(exc), self.item_field)
            return False
        self.lines.set_packed(done.line_no, done.line_packed)
        self.item_field.setStyleSheet(OK_STYLE)
        self.feedback.setStyleSheet("color: #1e7b34;")
        self.feedback.setText(
            self.tr("{sku} {name}: {packed} of {quantity}").format(
                sku=done.sku, name=done.name, packed=done.line_packed, quantity=done.line_quantity
            )
        )
        self._show_state()
        return True

    def _fail(self, message: str, field: QLineEdit) -> None:
        field.setStyleSheet(FAILED_STYLE)
        self.feedback.setStyleSheet("color: #b02a37; font-weight: bold;")
        self.feedback.setText(translated(message))
        QApplication.beep()
        field.setFocus()

    def is_packed(self) -> bool:
        return self.number is not None and self.lines.rowCount() > 0 and self.lines.items_left() == 0

    def _show_state(self) -> None:
        packed = self.is_packed()
        if self.number is None:
            self.progress.setText("")
        elif packed:
            self.progress.setText(self.tr("PACKED ✓ — close the parcel"))
            self.progress.setStyleSheet("color: #1e7b34;")
        else:
            self.progress.setText(self.tr("%n item(s) left to scan", "", self.lines.items_left()))
            self.progress.setStyleSheet("")
        self.item_field.setEnabled(self.number is not None and not packed)
        self.slip_button.setEnabled(self.number is not None)
        self.label_button.setEnabled(self.number is not None)
        self.next_button.setEnabled(packed)
        if packed:  # the parcel is done: the next scan is the next order's number
            self.order_field.selectAll()
            self.order_field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # a scan wherever the focus is must not close the packing table
            return
        super().keyPressEvent(event)

    # Paper --------------------------------------------------------------------------------
    def print_slip(self) -> None:
        if self.number:
            self._printer.packing_slip(self.number)

    def print_label(self) -> None:
        if self.number:
            parent = self.parent()  # the Orders tab knows this computer's label stock
            size, zpl = getattr(parent, "label_size", "100x150"), getattr(parent, "label_zpl", False)
            self._printer.labels([self.number], Choice(None, size, zpl))
