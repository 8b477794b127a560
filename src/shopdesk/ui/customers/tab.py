"""The Customers tab (客户关系管理): who bought what, their segment, and their after-sales cases.

The list is a paged SQL model (services/customers.py), searched by name, phone
or order number as you type, filtered by segment (新客户/活跃/沉睡/流失) and high
value (★, priority service), sorted by name, orders, spending or last purchase.
Phones are masked in the list; the selected customer's page shows them in full
with the orders and cases. Duplicates (same phone) are merged from a dialog.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.permissions import Permission
from shopdesk.services.aftersales_views import HistoryCase, HistoryOrder
from shopdesk.services.customers import CustomerDetail, CustomerFilter, CustomerListRow, Customers
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.complaints import labels as case_labels
from shopdesk.ui.customers.customer_dialog import CustomerDialog
from shopdesk.ui.customers.duplicates import DuplicatesDialog
from shopdesk.ui.customers.source import (
    LONG_TEXT_COLUMNS,
    SEGMENT_LABELS,
    CustomerSource,
    customer_columns,
    segment_label,
)
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.models.paged_table import Column, PagedTableModel
from shopdesk.ui.orders.labels import CHANNEL, PAYMENT, STATUS, label
from shopdesk.ui.refresh import ListWatcher
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.tasks import TaskRunner
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

STATE_KEY = "customers/table"
SPLITTER_KEY = "customers/splitter"
NARROW_TEXT_CHARS = 18  # widest a text column is fitted to, in average characters
SIDE_CHARS = 80  # the customer's page beside the list, in average characters


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d")


def _small_table(model: ListTableModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class CustomersTab(QWidget):
    """`message` carries one-line news for the status bar."""

    message = Signal(str)

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self.customers = Customers(shop)
        self.money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.model: PagedTableModel[CustomerFilter, CustomerListRow] = PagedTableModel(
            CustomerSource(self.customers), customer_columns(self.money), CustomerFilter(), parent=self
        )
        self.detail: CustomerDetail | None = None

        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Search name, phone or order number  Ctrl+F"))
        self.segment = QComboBox()
        self.segment.addItem(self.tr("All segments"), None)
        for key in SEGMENT_LABELS:
            self.segment.addItem(segment_label(key), key)
        self.high_value = QCheckBox(self.tr("★ High value only"))
        self.count_label = QLabel()
        self.duplicates_button = QPushButton(self.tr("Find duplicates…"))
        self.duplicates_button.clicked.connect(self.find_duplicates)
        self.duplicates_button.setEnabled(shop.can(Permission.WORK_ORDERS))  # merging changes customers
        self.new_button = QPushButton(self.tr("New…"))
        self.new_button.clicked.connect(self.new_customer)
        self.new_button.setEnabled(shop.can(Permission.WORK_ORDERS))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_customer)
        self.table = DataTableView()
        self.table.setModel(self.model)
        # Others' changes (another PC, another window) show up within seconds (ui/refresh.py).
        self.watcher = ListWatcher(shop, self.table, self.model, parent=self)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tags_button = QPushButton(self.tr("Edit tags…"))
        self.tags_button.clicked.connect(self.edit_tags)
        self.orders: ListTableModel[HistoryOrder] = ListTableModel(
            [
                Column(self.tr("Order"), lambda o: o.number),
                Column(self.tr("Placed"), lambda o: _when(o.placed_at)),
                Column(self.tr("Status"), lambda o: label(STATUS, o.status)),
                Column(self.tr("Items"), lambda o: str(o.items), numeric=True),
                Column(self.tr("Total"), lambda o: self.money(o.total), numeric=True),
                Column(self.tr("Payment"), lambda o: label(PAYMENT, o.payment_status)),
            ],
            parent=self,
        )
        self.cases: ListTableModel[HistoryCase] = ListTableModel(
            [
                Column(self.tr("Case"), lambda c: c.number),
                Column(self.tr("Opened"), lambda c: _when(c.opened_at)),
                Column(self.tr("Status"), lambda c: case_labels.label(case_labels.STATUS, c.status)),
                Column(self.tr("Class"), lambda c: case_labels.label(case_labels.CLASS, c.case_class)),
                Column(self.tr("Reason"), lambda c: c.sub_reason),
                Column(self.tr("Order"), lambda c: c.order_number),
            ],
            parent=self,
        )
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(self.tr("Segment")))
        filters.addWidget(self.segment)
        filters.addWidget(self.high_value)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.new_button)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.duplicates_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.summary)
        side_layout.addWidget(self.tags_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(QLabel(self.tr("Purchase history")))
        self.orders_view, self.cases_view = _small_table(self.orders), _small_table(self.cases)
        side_layout.addWidget(self.orders_view, 2)
        side_layout.addWidget(QLabel(self.tr("After-sales cases")))
        side_layout.addWidget(self.cases_view, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.search.down_pressed.connect(self.table.setFocus)
        self.segment.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.high_value.toggled.connect(lambda _on: self.apply_filters())
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._show_count(self.model.rowCount())
        self._selection_changed()

    # Layout kept between sessions ----------------------------------------------------
    def save_layout(self, store: QSettings) -> None:
        store.setValue(STATE_KEY, self.table.save_layout())
        store.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_layout(self, store: QSettings) -> None:
        if not self.table.restore_layout(store.value(STATE_KEY)):
            self.fit_columns()
        state = store.value(SPLITTER_KEY)
        if state:
            self.splitter.restoreState(state)  # type: ignore[arg-type]
        else:
            self.share_width()

    def fit_columns(self) -> None:
        """Columns as wide as what they show, but a long region or name is cut short (…) rather than
        pushing Last purchase and Segment out of sight; the person can widen any column."""
        self.table.fit_columns()
        header = self.table.horizontalHeader()
        widest = self.table.fontMetrics().averageCharWidth() * NARROW_TEXT_CHARS
        for section in LONG_TEXT_COLUMNS:
            if header.sectionSize(section) > widest:
                header.resizeSection(section, widest)

    def share_width(self) -> None:
        """The list gets the width its columns need; the customer's page beside it the rest (at least
        enough for the purchase history)."""
        header = self.table.horizontalHeader()
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        needed = sum(header.sectionSize(s) for s in range(header.count())) + self.table.verticalHeader().width() + frame
        side = self.fontMetrics().averageCharWidth() * SIDE_CHARS
        self.splitter.setSizes([needed, side])

    # Filtering -----------------------------------------------------------------------
    def current_filter(self) -> CustomerFilter:
        return dataclasses.replace(
            self.model.filter,
            text=self.search.text().strip(),
            segment=self.segment.currentData(),
            high_value_only=self.high_value.isChecked(),
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def show_filtered(self, text: str = "", segment: str | None = None, high_value: bool = False) -> None:
        """Show the customers a link points at (the Dashboard, another tab)."""
        self.search.setText(text)
        self.segment.setCurrentIndex(max(self.segment.findData(segment), 0))
        self.high_value.setChecked(high_value)
        self.apply_filters()

    def refresh(self) -> None:
        self.model.refresh()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n customer(s)", "", count))

    # The selected customer ---------------------------------------------------------------
    def selected_row(self) -> CustomerListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.tags_button.setEnabled(row is not None and self.customers.shop.can(Permission.WORK_ORDERS))
        self.edit_button.setEnabled(row is not None and self.customers.shop.can(Permission.WORK_ORDERS))
        if row is None:
            self.detail = None
            self.summary.setText(self.tr("Choose a customer to see their purchases and cases."))
            self.orders.set_rows([])
            self.cases.set_rows([])
            return
        try:
            self.detail = self.customers.detail(row.id)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self._show_detail(self.detail)

    def _show_detail(self, d: CustomerDetail) -> None:
        r = d.row
        e = html.escape
        priority = self.tr("High value: priority service")
        lines = [
            f"<b style='font-size:15px'>{e(r.name)}</b>"
            + (f" <span style='color:#b8860b'>★ {e(priority)}</span>" if r.high_value else ""),
            e(
                self.tr("Segment: {segment} · Channel: {channel}").format(
                    segment=segment_label(r.segment), channel=label(CHANNEL, r.channel)
                )
            ),
            e(self.tr("Phone: {phones}").format(phones=", ".join(d.phones) or "—")),
        ]
        lines += [e(address) for address in d.addresses[:3]]
        lines.append(
            e(
                self.tr("{orders} order(s), spent {spent}, average {average}, last purchase {last}").format(
                    orders=r.orders,
                    spent=self.money(r.spent),
                    average="—" if r.average_order_value is None else self.money(r.average_order_value),
                    last=_when(r.last_order) or "—",
                )
            )
        )
        if r.tags:
            lines.append(e(self.tr("Tags: {tags}").format(tags=", ".join(r.tags))))
        self.summary.setText("<br>".join(lines))
        self.orders.set_rows(d.orders)
        self.cases.set_rows(d.cases)
        widest = self.fontMetrics().averageCharWidth() * NARROW_TEXT_CHARS
        for view in (self.orders_view, self.cases_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            for section in range(header.count() - 1):
                header.resizeSection(section, min(header.sectionSize(section), widest))

    # Actions -----------------------------------------------------------------------------------
    def edit_tags(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Tags"),
            self.tr("Tags of {name}, separated by commas:").format(name=row.name),
            text=", ".join(row.tags),
        )
        if not ok:
            return
        try:
            self.customers.set_tags(row.id, [t for t in text.replace("，", ",").split(",")])
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.refresh()
        self.message.emit(self.tr("Tags of {name} saved").format(name=row.name))

    def new_customer(self) -> None:
        dialog = CustomerDialog(self._shop, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self.refresh()
            self.message.emit(self.tr("Customer {name} added").format(name=dialog.name.text().strip()))

    def edit_customer(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            dialog = CustomerDialog(self._shop, row.id, parent=self)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        if dialog.exec():
            self.refresh()
            self._selection_changed()
            self.message.emit(self.tr("Customer {name} saved").format(name=dialog.name.text().strip()))

    def find_duplicates(self) -> None:
        dialog = DuplicatesDialog(self.customers, self)
        dialog.exec()
        if dialog.merged:
            self.refresh()
            self.message.emit(self.tr("Merged %n duplicate customer(s)", "", dialog.merged))
