"""Quick entry of a new case (工单登记), from an order or a customer, with their history beside it.

Type or scan the order number and press Enter: its lines appear to tick, and
the customer's earlier orders and cases show on the right. Or find the customer
by name or phone. What the service refuses (a due time already past, an
evidence file missing or too large) is said in the dialog, which keeps what
was typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, CreatedCase
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.complaints.dialogs import refusal_text
from shopdesk.ui.complaints.labels import CHANNEL, CLASS, PRIORITY, SOLUTION, STATUS, choices, label
from shopdesk.ui.complaints.queue import when
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.form import FieldMessage
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField


class NewCaseDialog(QDialog):
    """`created` holds the new case's number, due time and window warning once saved."""

    def __init__(self, shop: Shop, money: MoneyFormat, parent: QWidget | None = None, *, order: str = ""):
        super().__init__(parent)
        self._shop = shop
        self._money = money
        self._sub_reasons = shop.aftersales.sub_reasons()
        self._hours = shop.aftersales.deadline_hours()
        self._order_lines: list[int] = []
        self.customer_id: int | None = None
        self.created: CreatedCase | None = None
        self.setWindowTitle(self.tr("New case"))

        self.order = SearchField()  # Enter looks the order up; it never saves the case
        self.order.setText(order)
        self.order.setPlaceholderText(self.tr("order number, then Enter"))
        self.customer_search = SearchField()
        self.customer_search.setPlaceholderText(self.tr("or a customer's name or phone, then Enter"))
        self.customers = QComboBox()
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Product"), self.tr("Shipped"), self.tr("Units")]
        )
        self.lines.horizontalHeader().setStretchLastSection(True)
        self.history = QListWidget()
        self.channel = QComboBox()
        self.case_class = QComboBox()
        self.sub_reason = QComboBox()
        self.sub_reason.setEditable(True)
        self.demand = QComboBox()
        self.demand.addItem("—", "")
        self.priority = QComboBox()
        for combo, table in (
            (self.channel, CHANNEL),
            (self.case_class, CLASS),
            (self.demand, SOLUTION),
            (self.priority, PRIORITY),
        ):
            for text, value in choices(table):
                combo.addItem(text, value)
        self.priority.setCurrentIndex(self.priority.findData("normal"))
        self.owner = QLineEdit(shop.user)
        self.due = QLabel()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.evidence = QListWidget()
        self.evidence.setFixedHeight(60)
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self._choose_files)
        self.message = FieldMessage()

        find = QFormLayout()
        find.addRow(self.tr("Order"), self.order)
        find.addRow(self.tr("Customer"), self.customer_search)
        find.addRow("", self.customers)
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Class"), self.case_class)
        form.addRow(self.tr("Sub-reason"), self.sub_reason)
        form.addRow(self.tr("Customer's demand"), self.demand)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Deadline (处理时限)"), self.due)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Description"), self.description)
        files = QHBoxLayout()
        files.addWidget(self.evidence, 1)
        files.addWidget(add_files, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Evidence"), files)
        left = QVBoxLayout()
        left.addLayout(find)
        left.addWidget(self.lines)
        left.addLayout(form)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Customer history: orders and earlier cases")))
        right.addWidget(self.history)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.order.returnPressed.connect(self.load_order)
        self.customer_search.returnPressed.connect(self.find_customers)
        self.customers.currentIndexChanged.connect(lambda _i: self._customer_chosen())
        self.case_class.currentIndexChanged.connect(lambda _i: self._offer_sub_reasons())
        self.priority.currentIndexChanged.connect(lambda _i: self._show_due())
        self._offer_sub_reasons()
        self._show_due()
        if order:
            self.load_order()

    # The order and the customer --------------------------------------------------------------
    def load_order(self) -> None:
        number = self.order.text().strip().upper()
        if not number:
            return
        try:
            detail = self._shop.orders.get_order(number)
        except ShopDeskError as exc:
            self.message.show_messages([str(exc)])
            return
        self.message.show_messages([])
        self.order.setText(detail.number)
        self._order_lines = [line.line_no for line in detail.lines]
        self.lines.setRowCount(len(detail.lines))
        for row, line in enumerate(detail.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(str(line.line_no)))
            self.lines.setItem(row, 1, QTableWidgetItem(f"{line.sku} {line.name}"))
            self.lines.setItem(row, 2, QTableWidgetItem(str(line.qty_shipped)))
            units = QSpinBox()
            units.setRange(0, line.quantity)
            self.lines.setCellWidget(row, 3, units)
        self.lines.resizeColumnsToContents()
        self.customer_id = detail.customer_id
        self._show_history()

    def find_customers(self) -> None:
        self.customers.clear()
        for row in self._shop.parties.find_customers(self.customer_search.text()):
            self.customers.addItem(f"{row.name}  {row.phone_masked}  {row.city}", row.id)

    def _customer_chosen(self) -> None:
        if self.customers.currentData() is not None:
            self.customer_id = self.customers.currentData()
            self._show_history()

    def _show_history(self) -> None:
        self.history.clear()
        if self.customer_id is None:
            return
        history = self._shop.aftersales.customer_history(self.customer_id)
        for o in history.orders:
            self.history.addItem(
                f"{o.number}  {o.placed_at.astimezone():%Y-%m-%d}  {o.status}  {self._money(o.total)}  ×{o.items}"
            )
        for c in history.cases:
            self.history.addItem(
                f"{c.number}  {when(c.opened_at)}  {label(STATUS, c.status)}  {label(CLASS, c.case_class)}  "
                f"{c.sub_reason}  {c.order_number}"
            )

    # Fields ---------------------------------------------------------------------------------
    def _offer_sub_reasons(self) -> None:
        typed = self.sub_reason.currentText()
        self.sub_reason.clear()
        self.sub_reason.addItems(self._sub_reasons.get(self.case_class.currentData(), []))
        if typed and self.sub_reason.findText(typed) < 0:
            self.sub_reason.setEditText(typed)

    def _show_due(self) -> None:
        hours = self._hours.get(self.priority.currentData(), 48)
        self.due.setText(self.tr("%n hour(s) from now", "", hours))

    def _choose_files(self) -> None:
        paths, _ = file_dialogs.getOpenFileNames(self, self.tr("Evidence files"), str(Path.home()))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.evidence.addItem(str(path))

    def chosen_lines(self) -> list[CaseLineDraft]:
        found = []
        for row, line_no in enumerate(self._order_lines):
            units = self.lines.cellWidget(row, 3)
            if isinstance(units, QSpinBox) and units.value():
                found.append(CaseLineDraft(line_no, units.value()))
        return found

    def set_units(self, line_no: int, units: int) -> None:
        widget = self.lines.cellWidget(self._order_lines.index(line_no), 3)
        assert isinstance(widget, QSpinBox)
        widget.setValue(units)

    # Saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        draft = CaseDraft(
            channel=self.channel.currentData(),
            case_class=self.case_class.currentData(),
            description=self.description.toPlainText(),
            sub_reason=self.sub_reason.currentText(),
            demand=self.demand.currentData(),
            customer_id=self.customer_id,
            order=self.order.text().strip() or None,
            lines=self.chosen_lines(),
            priority=self.priority.currentData(),
            owner=self.owner.text(),
            evidence=[Path(self.evidence.item(i).text()) for i in range(self.evidence.count())],
        )
        try:
            self.created = self._shop.aftersales.create_case(draft)
        except ShopDeskError as exc:
            self.message.show_messages([refusal_text(exc)])
            return
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.accept()
