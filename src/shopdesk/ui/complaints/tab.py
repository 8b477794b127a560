"""The Complaints tab (售后/投诉): the case queue with the chosen case beside it, and the analysis.

The queue is a paged SQL model (100,000 cases open at once), filtered by
status, owner and due time and sorted in SQL, by due time first. Overdue cases
are red. `attention_changed` carries how many open cases are overdue or due
within a day, for the number on the tab; it is counted again after every action
and once a minute, because time makes cases overdue too.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.aftersales_views import CaseFilter, CaseRow
from shopdesk.services.shop import Shop
from shopdesk.ui.complaints.analysis import AnalysisPage
from shopdesk.ui.complaints.case_view import CaseView
from shopdesk.ui.complaints.labels import STATUS, label
from shopdesk.ui.complaints.new_case import NewCaseDialog
from shopdesk.ui.complaints.queue import CaseTableModel
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.refresh import ListWatcher
from shopdesk.ui.tasks import TaskRunner
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

STATE_KEY = "complaints/table"
SPLITTER_KEY = "complaints/splitter"
RECOUNT_MS = 60_000
OPEN = "open"  # the status filter's first choice: every case not closed


class ComplaintsTab(QWidget):
    message = Signal(str)
    attention_changed = Signal(int)

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.attention = 0
        money = self._money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.model = CaseTableModel(shop.aftersales, CaseFilter(open_only=True), parent=self)

        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Search case, order, customer, owner or sub-reason  Ctrl+F"))
        self.status = QComboBox()
        self.status.addItem("", OPEN)
        self.status.addItem("", None)
        for value in STATUS:
            self.status.addItem(label(STATUS, value), value)
        self.owner = QComboBox()
        self.due = QComboBox()
        self.due.addItem(self.tr("Any due time"), "")
        self.due.addItem(self.tr("Overdue"), "overdue")
        self.due.addItem(self.tr("Due within a day"), "due_soon")
        for combo in (self.status, self.owner, self.due):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.search.setMinimumWidth(120)
        self.count_label = QLabel()
        self.table = DataTableView()
        self.table.setModel(self.model)
        # Others' changes (another PC, another window) show up within seconds (ui/refresh.py).
        self.watcher = ListWatcher(shop, self.table, self.model, parent=self)
        self.view = CaseView(shop, money)
        self.analysis = AnalysisPage(shop, runner, money)
        self._load_owners()

        self.new_action = QAction(self.tr("New case…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda _checked=False: self.new_case())
        self.addAction(self.new_action)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.search.setFocus)
        self.addAction(find)
        new_button = QToolButton()
        new_button.setDefaultAction(self.new_action)

        top = QHBoxLayout()
        top.addWidget(new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status)
        filters.addWidget(QLabel(self.tr("Owner")))
        filters.addWidget(self.owner)
        filters.addWidget(self.due)
        filters.addStretch(1)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addLayout(top)
        queue_layout.addLayout(filters)
        queue_layout.addWidget(self.table)
        # The case beside the queue scrolls, so the window can still be made small.
        beside = QScrollArea()
        beside.setWidgetResizable(True)
        beside.setWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(queue)
        self.splitter.addWidget(beside)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.pages = QTabWidget()
        self.pages.addTab(self.splitter, self.tr("Cases (工单)"))
        self.pages.addTab(self.analysis, self.tr("Analysis"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.search.down_pressed.connect(self.table.setFocus)
        for combo in (self.status, self.owner, self.due):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(lambda: self.view.load(self._selected_number()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.view.load(self._selected_number()))
        self.view.changed.connect(self._case_changed)
        self.analysis.message.connect(self.message)
        self.pages.currentChanged.connect(
            lambda i: self.analysis.refresh() if self.pages.widget(i) is self.analysis else None
        )
        self._timer = QTimer(self)
        self._timer.setInterval(RECOUNT_MS)
        self._timer.timeout.connect(self.recount)
        self._timer.start()
        self._show_count(self.model.rowCount())
        self.recount()

    # Layout kept between sessions -----------------------------------------------------------
    def save_layout(self, store: QSettings) -> None:
        store.setValue(STATE_KEY, self.table.save_layout())
        store.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_layout(self, store: QSettings) -> None:
        if not self.table.restore_layout(store.value(STATE_KEY)):
            self.table.fit_columns()
        state = store.value(SPLITTER_KEY)
        if state:
            self.splitter.restoreState(state)  # type: ignore[arg-type]

    # The queue ----------------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        status = self.status.currentData()
        return dataclasses.replace(
            self.model.filter,
            search=self.search.text().strip(),
            open_only=status == OPEN,
            statuses=(status,) if status not in (OPEN, None) else (),
            owner=self.owner.currentData(),
            due=self.due.currentData(),
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        """Read the queue again (after a change here or elsewhere)."""
        self._load_owners()
        self.model.set_filter(self.current_filter())
        self.recount()

    def _show_status_counts(self) -> None:
        """How many cases each status has under the other filters, in the status list ("Investigating (3)")."""
        flt = dataclasses.replace(self.model.filter, open_only=False, statuses=())
        counts = self._shop.aftersales.status_counts(flt)
        self.status.setItemText(
            0, self.tr("Open cases ({n})").format(n=sum(n for s, n in counts.items() if s != "closed"))
        )
        self.status.setItemText(1, self.tr("All cases ({n})").format(n=sum(counts.values())))
        for i in range(2, self.status.count()):
            value = self.status.itemData(i)
            self.status.setItemText(i, f"{label(STATUS, value)} ({counts.get(value, 0)})")

    def recount(self) -> None:
        count = self._shop.aftersales.attention_count()
        if count != self.attention:
            self.attention = count
            self.attention_changed.emit(count)

    def _load_owners(self) -> None:
        current = self.owner.currentData()
        self.owner.blockSignals(True)
        try:
            self.owner.clear()
            self.owner.addItem(self.tr("Everyone"), None)
            self.owner.addItem(self.tr("Nobody's"), "")
            for name in self._shop.aftersales.owners():
                self.owner.addItem(name, name)
            self.owner.setCurrentIndex(max(self.owner.findData(current), 0) if current is not None else 0)
        finally:
            self.owner.blockSignals(False)

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n case(s)", "", count))
        self._show_status_counts()

    def selected_row(self) -> CaseRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected_number(self) -> str | None:
        row = self.selected_row()
        return row.number if row is not None else None

    def select_case(self, number: str) -> None:
        """Show a case: in the queue when the filter lets it through, beside it in any case."""
        self.model.row_at(0)
        row = self.model.find_cached(lambda r: r.number == number)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.view.load(number)

    def _case_changed(self, number: str) -> None:
        self.refresh()
        self.select_case(number)

    # A new case ---------------------------------------------------------------------------------
    def new_case(self, order: str = "") -> None:
        dialog = NewCaseDialog(self._shop, self._money, self, order=order)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            created = dialog.created
            self.refresh()
            self.select_case(created.number)
            text = self.tr("Case {number} recorded").format(number=created.number)
            if created.warning:
                text += " — " + self.tr("outside the return window: a return needs an override")
            self.message.emit(text)

    def tab_title(self) -> str:
        """The tab's title: "Complaints", with the number of cases needing attention when there are any."""
        base = self.tr("Complaints")
        return f"{base} ({self.attention})" if self.attention else base
