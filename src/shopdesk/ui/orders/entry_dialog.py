"""Entering an order by hand (订单录入): a phone call, a WeChat message, a customer at the counter.

Products are found the way the Products tab finds them: scan a barcode, or type
a SKU, a name or its pinyin (cmdx) and press Enter; several matches drop down
to choose from, and the same product again adds one more. The customer is
looked up by name or phone and their address filled in; a new buyer needs no
separate step: the order service creates the customer from the recipient's
name and phone when the order is saved. Every problem is shown at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain
from shopdesk.domain.order_draft import PAYMENT_STATUSES, OrderDraft, OrderLineDraft, ShipTo
from shopdesk.services.catalogue import ProductFilter, ProductRow
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.labels import CHANNEL, ENTRY_CHANNELS, PAYMENT, label
from shopdesk.ui.service_messages import error_text
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField

SUGGESTIONS = 12
FAILED_STYLE = "background-color: #f8d7da;"
COL_SKU, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT = range(5)


class OrderEntryDialog(QDialog):
    def __init__(self, shop: Shop, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New order"))
        self._shop = shop
        self._money = money
        self._exponent = shop.money.exponent
        self.saved_number: str | None = None
        self.customer_id: int | None = None

        self.channel = QComboBox()
        for channel in ENTRY_CHANNELS:
            self.channel.addItem(label(CHANNEL, channel), channel)
        self.channel_no = QLineEdit()
        self.channel_no.setPlaceholderText(self.tr("The platform's order number (not for manual or phone orders)"))

        # Customer: look up, or type a new one into the recipient fields.
        self.customer_search = SearchField()
        self.customer_search.setPlaceholderText(self.tr("Find a customer by name or phone"))
        self.customers = QListWidget()
        self.customers.setMaximumHeight(110)
        self.customers.hide()
        self.customer_label = QLabel(self.tr("New customer: created from the recipient when the order is saved"))
        self.customer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.ship = {
            name: QLineEdit() for name in ("name", "phone", "province", "city", "district", "street", "postcode")
        }
        self.country = QLineEdit("CN")
        self.country.setMaxLength(2)

        # Products: scan or type, Enter adds.
        self.product_search = SearchField()
        self.product_search.setPlaceholderText(self.tr("Scan a barcode, or type SKU, name or pinyin, then Enter"))
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(150)
        self.suggestions.hide()
        self.product_feedback = QLabel()
        self.product_feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Product"), self.tr("Qty"), self.tr("Unit price"), self.tr("Discount")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.lines)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected_lines)
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected_lines)

        self.shipping_fee = QLineEdit("0")
        self.payment_status = QComboBox()
        for status in PAYMENT_STATUSES:
            if status != "refunded":
                self.payment_status.addItem(label(PAYMENT, status), status)
        self.payment_method = QLineEdit()
        self.buyer_remark = QLineEdit()
        self.internal_note = QLineEdit()
        self.confirm = QCheckBox(self.tr("Confirm now (review, then allocate stock)"))
        self.confirm.setChecked(True)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet("color: #c62828;")
        self.problems.hide()

        top = QFormLayout()
        top.addRow(self.tr("Channel"), self.channel)
        top.addRow(self.tr("Channel order no."), self.channel_no)
        customer = QGroupBox(self.tr("Customer and ship-to"))
        grid = QGridLayout(customer)
        grid.addWidget(self.customer_search, 0, 0, 1, 4)
        grid.addWidget(self.customers, 1, 0, 1, 4)
        grid.addWidget(self.customer_label, 2, 0, 1, 4)
        titles = {
            "name": self.tr("Recipient"),
            "phone": self.tr("Phone"),
            "province": self.tr("Province"),
            "city": self.tr("City"),
            "district": self.tr("District"),
            "street": self.tr("Street"),
            "postcode": self.tr("Postcode"),
        }
        places = {"name": (3, 0), "phone": (3, 2), "province": (4, 0), "city": (4, 2), "district": (5, 0)}
        places |= {"postcode": (5, 2)}
        for key, (row, col) in places.items():
            grid.addWidget(QLabel(titles[key]), row, col)
            grid.addWidget(self.ship[key], row, col + 1)
        grid.addWidget(QLabel(titles["street"]), 6, 0)
        grid.addWidget(self.ship["street"], 6, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Country")), 7, 0)
        grid.addWidget(self.country, 7, 1)
        products = QGroupBox(self.tr("Products"))
        inner = QVBoxLayout(products)
        inner.addWidget(self.product_search)
        inner.addWidget(self.suggestions)
        inner.addWidget(self.product_feedback)
        inner.addWidget(self.lines)
        line_tools = QHBoxLayout()
        line_tools.addStretch(1)
        line_tools.addWidget(self.remove_button)
        inner.addLayout(line_tools)
        bottom = QFormLayout()
        bottom.addRow(self.tr("Shipping fee"), self.shipping_fee)
        bottom.addRow(self.tr("Payment"), self.payment_status)
        bottom.addRow(self.tr("Payment method"), self.payment_method)
        bottom.addRow(self.tr("Buyer's remark"), self.buyer_remark)
        bottom.addRow(self.tr("Internal note"), self.internal_note)
        bottom.addRow(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)  # Enter in a scan field adds a product; it never saves by accident
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addLayout(top)
        layout.addWidget(customer)
        layout.addWidget(products, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        self.resize(760, 820)

        self.customer_search.search_changed.connect(self._find_customers)
        self.customer_search.entered.connect(lambda _t: self._choose_customer(self.customers.item(0)))
        self.customers.itemActivated.connect(self._choose_customer)
        self.product_search.search_changed.connect(self._suggest)
        self.product_search.entered.connect(self.add_product)
        self.product_search.down_pressed.connect(self._into_suggestions)
        self.suggestions.itemActivated.connect(self._suggestion_chosen)
        self.product_search.setFocus()

    # Customers ---------------------------------------------------------------------------
    def _find_customers(self, text: str) -> None:
        self.customers.clear()
        if not text.strip():
            self.customers.hide()
            return
        for row in self._shop.parties.find_customers(text, limit=10):
            item = QListWidgetItem(" · ".join(filter(None, (row.name, row.phone_masked, row.city))))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.customers.addItem(item)
        self.customers.setVisible(self.customers.count() > 0)

    def _choose_customer(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.choose_customer(int(item.data(Qt.ItemDataRole.UserRole)), item.text())

    def choose_customer(self, customer_id: int, shown: str = "") -> None:
        """Take a known customer: their default address fills the ship-to (it can still be changed)."""
        self.customer_id = customer_id
        self.customer_label.setText(self.tr("Customer: {who}").format(who=shown or customer_id))
        addresses = self._shop.parties.customer_addresses(customer_id)
        if addresses:
            a = addresses[0]
            for key, value in (
                ("name", a.recipient),
                ("phone", a.phone),
                ("province", a.province),
                ("city", a.city),
                ("district", a.district),
                ("street", a.street),
                ("postcode", a.postcode),
            ):
                self.ship[key].setText(value)
            self.country.setText(a.country)
        self.customers.hide()
        self.product_search.setFocus()

    # Products ----------------------------------------------------------------------------
    def _matches(self, text: str) -> list[ProductRow]:
        rows = self._shop.catalogue.list_products(ProductFilter(text=text), 0, SUGGESTIONS * 2)
        return [r for r in rows if not r.is_parent and not r.archived][:SUGGESTIONS]

    def _suggest(self, text: str) -> None:
        self.suggestions.clear()
        if not text.strip():
            self.suggestions.hide()
            return
        for row in self._matches(text):
            name = f"{row.name} · {row.variant_label}" if row.variant_label else row.name
            item = QListWidgetItem(f"{row.sku}  {name}  {self._money(row.price)}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.suggestions.addItem(item)
        self.suggestions.setVisible(self.suggestions.count() > 0)

    def _into_suggestions(self) -> None:
        if self.suggestions.count():
            self.suggestions.setFocus()
            self.suggestions.setCurrentRow(0)

    def _suggestion_chosen(self, item: QListWidgetItem) -> None:
        self.add_line(item.data(Qt.ItemDataRole.UserRole))

    def add_product(self, text: str) -> bool:
        """Enter in the product field: a barcode or SKU adds its product; one match adds it; several drop down."""
        text = text.strip()
        if not text:
            return False
        found = self._shop.catalogue.find_by_code(text)
        if found is not None and not found.is_parent and not found.archived:
            rows = self._shop.catalogue.products_by_id([found.id])
            if rows:
                return self.add_line(rows[0])
        matches = self._matches(text)
        if len(matches) == 1:
            return self.add_line(matches[0])
        if not matches:
            self.product_feedback.setStyleSheet("color: #b02a37; font-weight: bold;")
            self.product_feedback.setText(self.tr("No product matches {text!r}").format(text=text))
            self.product_search.setStyleSheet(FAILED_STYLE)
            return False
        self._suggest(text)
        self._into_suggestions()
        return False

    def add_line(self, row: ProductRow) -> bool:
        """One more of the product: a new line, or one more on its line."""
        for r in range(self.lines.rowCount()):
            if self.lines.item(r, COL_SKU).text() == row.sku:
                qty = self.lines.item(r, COL_QTY)
                qty.setText(str(int(qty.text()) + 1) if qty.text().strip().isdigit() else qty.text())
                break
        else:
            r = self.lines.rowCount()
            self.lines.insertRow(r)
            name = f"{row.name} · {row.variant_label}" if row.variant_label else row.name
            for column, text, editable in (
                (COL_SKU, row.sku, False),
                (COL_NAME, name, False),
                (COL_QTY, "1", True),
                (COL_PRICE, format_plain(row.price, self._exponent), True),
                (COL_DISCOUNT, "0", True),
            ):
                item = QTableWidgetItem(text)
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column >= COL_QTY:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(r, column, item)
        self.product_feedback.setStyleSheet("color: #1e7b34;")
        self.product_feedback.setText(
            self.tr("{sku} × {qty}").format(sku=row.sku, qty=self.lines.item(r, COL_QTY).text())
        )
        self.product_search.setStyleSheet("")
        self.product_search.clear()
        self.suggestions.hide()
        self.product_search.setFocus()
        return True

    def remove_selected_lines(self) -> None:
        for r in sorted({i.row() for i in self.lines.selectedIndexes()}, reverse=True):
            self.lines.removeRow(r)

    # Saving ------------------------------------------------------------------------------
    def draft(self) -> OrderDraft:
        def cell(r: int, c: int) -> str:
            item = self.lines.item(r, c)
            return item.text().strip() if item is not None else ""

        lines = [
            OrderLineDraft(cell(r, COL_SKU), cell(r, COL_QTY), cell(r, COL_PRICE) or None, cell(r, COL_DISCOUNT) or 0)
            for r in range(self.lines.rowCount())
        ]
        ship = {key: field.text() for key, field in self.ship.items()}
        return OrderDraft(
            lines=lines,
            channel=str(self.channel.currentData()),
            channel_order_no=self.channel_no.text(),
            customer_id=self.customer_id,
            ship_to=ShipTo(country=self.country.text() or "CN", **ship),
            shipping_fee=self.shipping_fee.text().strip() or "0",
            payment_status=str(self.payment_status.currentData()),
            payment_method=self.payment_method.text(),
            buyer_remark=self.buyer_remark.text(),
            internal_note=self.internal_note.text(),
        )

    def submit(self) -> str:
        """Save the order through its service; returns its number (the edit dialog saves an edit instead)."""
        return self._shop.orders.create_order(self.draft(), confirm=self.confirm.isChecked())

    def save(self) -> None:
        try:
            self.saved_number = self.submit()
        except ShopDeskError as exc:
            self.problems.setText(error_text(exc))
            self.problems.show()
            return
        self.accept()
