"""The Reports tab (报表): choose a report and its period, look at it, save it as an Excel workbook.

Reading and writing run in the background (ui/tasks.py) with progress and
Cancel; a cancelled or failed workbook leaves no file behind (the services
write next to the target and rename at the end). After saving, the folder can
be opened in one click.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.reports.analytics import AbcThresholds
from shopdesk.reports.tables import Report, Table, TypedValue
from shopdesk.reports.workbook import Kind
from shopdesk.services.report_sales import GROUPINGS
from shopdesk.services.reports import COST_REPORTS, NEEDS_MOMENT, NEEDS_PERIOD, ReportParams, Reports, Saved
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.i18n import CHINESE, ENGLISH, money_locale
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.tasks import Progress, Task, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat

MONTHS_OFFERED = 24


def _local_midnight(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day()).astimezone()


def month_keys(today: date, count: int = MONTHS_OFFERED) -> list[str]:
    """This month and the ones before it, newest first: 2026-11, 2026-10, …"""
    keys, year, month = [], today.year, today.month
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys


class ReportsTab(QWidget):
    """`message` carries one-line news for the status bar; `saved` the workbook just written."""

    message = Signal(str)
    saved = Signal(object)
    shown = Signal()

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._language = language
        self.reports = Reports(shop)
        self.money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.task: Task[Any] | None = None
        self.report: Report | None = None
        self.last_saved: Path | None = None

        self.kinds = QListWidget()
        for kind, text in (
            ("month-end", self.tr("Month-end workbook (月结)")),
            ("stock", self.tr("Stock on hand and value")),
            ("low-stock", self.tr("Low stock and reorder suggestions")),
            ("abc", self.tr("ABC analysis")),
            ("turnover", self.tr("Inventory turnover")),
            ("movers", self.tr("Slow movers and dead stock")),
            ("segments", self.tr("Customer segments (RFM)")),
            ("repurchase", self.tr("Repurchase rate")),
            ("complaints", self.tr("Complaints and returns")),
            ("sales", self.tr("Sales by channel, category, product or time")),
        ):
            if kind in COST_REPORTS and not shop.can(Permission.VIEW_COSTS):
                continue  # the service refuses them to this role: not offered
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(item)
        # Wide enough for the longest name; a narrower list (the person moved the splitter) wraps it.
        self.kinds.setWordWrap(True)
        self.kinds.setResizeMode(QListView.ResizeMode.Adjust)
        self.kinds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        names = [self.kinds.item(row).text() for row in range(self.kinds.count())]
        metrics = self.kinds.fontMetrics()
        self.kinds_width = (
            max((metrics.horizontalAdvance(name) for name in names), default=0)
            + 2 * self.kinds.frameWidth()
            + self.kinds.verticalScrollBar().sizeHint().width()
            + 4 * metrics.averageCharWidth()  # the item's margins
        )

        today = date.today()
        self.month = QComboBox()
        for key in month_keys(today):
            self.month.addItem(key, key)
        self.month.setCurrentIndex(1)  # the month just closed
        first_of_month = QDate(today.year, today.month, 1)
        self.start = QDateEdit(first_of_month.addMonths(-1))
        self.end = QDateEdit(first_of_month.addDays(-1))
        self.at = QDateEdit(QDate.currentDate())
        for edit in (self.start, self.end, self.at):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.basis = QComboBox()
        self.basis.addItem(self.tr("Revenue"), "revenue")
        self.basis.addItem(self.tr("Margin"), "margin")
        self.thresholds = QLineEdit("80/15/5")
        self.grouping = QComboBox()
        for key, text in zip(
            GROUPINGS,
            (
                self.tr("Channel"),
                self.tr("Category"),
                self.tr("Product"),
                self.tr("Day"),
                self.tr("Week"),
                self.tr("Month"),
            ),
            strict=True,
        ):
            self.grouping.addItem(text, key)
        self.window_days = QSpinBox()
        self.window_days.setRange(1, 730)
        self.window_days.setValue(90)
        self.slow_days = QSpinBox()
        self.slow_days.setRange(1, 3650)
        self.slow_days.setValue(180)
        self.language = QComboBox()
        self.language.addItem("English", ENGLISH)
        self.language.addItem("简体中文", CHINESE)
        self.language.setCurrentIndex(1 if language == CHINESE else 0)
        self.mask = QCheckBox(self.tr("Show buyers masked (张**)"))
        self.mask.setChecked(bool(shop.setting("report_mask_customers")))
        if not shop.can(Permission.VIEW_PERSONAL_DATA):  # the workbook masks buyers for this role whatever is ticked
            self.mask.setChecked(True)
            self.mask.setEnabled(False)
            self.mask.setToolTip(self.tr("Your role sees buyers masked"))

        self.form = QFormLayout()
        self._rows: dict[str, QWidget] = {}
        for key, label, widget in (
            ("month", self.tr("Month"), self.month),
            ("start", self.tr("From"), self.start),
            ("end", self.tr("To (included)"), self.end),
            ("at", self.tr("As of the end of"), self.at),
            ("basis", self.tr("Classes by"), self.basis),
            ("thresholds", self.tr("A/B/C shares (%)"), self.thresholds),
            ("grouping", self.tr("Group by"), self.grouping),
            ("window", self.tr("Sales looked at (days)"), self.window_days),
            ("slow", self.tr("Slow beyond (days of stock)"), self.slow_days),
            ("language", self.tr("Workbook language"), self.language),
            ("mask", "", self.mask),
        ):
            self.form.addRow(label, widget)
            self._rows[key] = widget
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_report)
        self.save_button = QPushButton(self.tr("Save to Excel…"))
        self.save_button.clicked.connect(self.choose_file)
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(self.form)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.notes)
        right_layout.addWidget(self.tables, 1)
        splitter = QSplitter()
        splitter.addWidget(self.kinds)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.kinds_width, 4 * self.kinds_width])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.month.currentIndexChanged.connect(lambda _i: self._month_to_dates())
        self.kinds.currentRowChanged.connect(lambda _row: self._kind_changed())
        self.kinds.setCurrentRow(0)

    # Choosing ------------------------------------------------------------------------------
    def kind(self) -> str:
        item = self.kinds.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "month-end"

    def select(self, kind: str) -> None:
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)

    def _kind_changed(self) -> None:
        kind = self.kind()
        period = kind in NEEDS_PERIOD
        shown = {
            "month": kind == "month-end" or period,
            "start": period,
            "end": period,
            "at": kind in NEEDS_MOMENT,
            "basis": kind == "abc",
            "thresholds": kind == "abc",
            "grouping": kind == "sales",
            "window": kind == "movers",
            "slow": kind == "movers",
            "language": True,
            "mask": kind == "month-end",
        }
        for key, widget in self._rows.items():
            self.form.setRowVisible(widget, shown[key])

    def _month_to_dates(self) -> None:
        year, month = (int(p) for p in str(self.month.currentData()).split("-"))
        first = QDate(year, month, 1)
        self.start.setDate(first)
        self.end.setDate(first.addMonths(1).addDays(-1))

    def params(self) -> ReportParams:
        """The report as chosen on screen; bad thresholds are refused with a clear message."""
        kind = self.kind()
        return ReportParams(
            month=str(self.month.currentData()),
            start=_local_midnight(self.start.date()),
            end=_local_midnight(self.end.date()) + timedelta(days=1),
            at=_local_midnight(self.at.date()) + timedelta(days=1),
            language=str(self.language.currentData()),
            by=str(self.basis.currentData() if kind == "abc" else self.grouping.currentData()),
            thresholds=AbcThresholds.parse(self.thresholds.text()) if kind == "abc" else AbcThresholds(),
            window_days=self.window_days.value(),
            slow_cover_days=self.slow_days.value(),
            mask_customers=self.mask.isChecked(),
        )

    def _busy(self) -> bool:
        return self.task is not None and not self.task.finished

    # Showing ---------------------------------------------------------------------------------
    def show_report(self) -> None:
        """Read the report in the background and show its tables."""
        if self._busy():
            return
        try:
            kind, params = self.kind(), self.params()
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        params = ReportParams(**{**params.__dict__, "language": self._language})

        def work(_progress: Progress) -> Report:
            return self.reports.run(kind, params)

        self.status.setText(self.tr("Reading…"))
        self.task = self._runner.run(self.tr("Reading the report"), work, on_done=self._show, on_error=self._failed)

    def _show(self, report: Report) -> None:
        self.report = report
        self.status.setText("")
        self.tables.clear()
        notes: list[str] = []
        for table in report.tables:
            notes += table.notes
            view = QTableView()
            view.setModel(self._model(table))
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.resizeColumnsToContents()
            self.tables.addTab(view, f"{table.title} ({len(table.rows):,})")
        self.notes.setText("\n".join(notes))
        self.shown.emit()

    def _model(self, table: Table) -> ListTableModel:  # type: ignore[type-arg]
        columns = [
            Column(
                c.title, (lambda row, n=n, kind=c.kind: self.cell_text(row[n], kind)), numeric=c.kind is not Kind.TEXT
            )
            for n, c in enumerate(table.columns)
        ]
        model: ListTableModel[Any] = ListTableModel(columns, parent=self.tables)
        model.set_rows(list(table.rows))
        return model

    def cell_text(self, value: Any, kind: Kind) -> str:
        """A cell as the report's tables show it on screen (the workbook keeps numbers as numbers)."""
        if isinstance(value, TypedValue):
            return self.cell_text(value.value, value.kind)
        if value is None:
            return ""
        if kind is Kind.MONEY:
            return self.money(int(Decimal(value).to_integral_value()))
        if kind is Kind.PERCENT:
            return f"{Decimal(value) * 100:.1f}%"
        if kind is Kind.INTEGER and isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d" if kind is Kind.DATE else "%Y-%m-%d %H:%M")
        return str(value)

    # Saving ------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        kind = self.kind()
        name = f"{self.month.currentData()}-month-end.xlsx" if kind == "month-end" else f"{kind}.xlsx"
        folder = self.last_saved.parent if self.last_saved else Path.home()
        path, _chosen = file_dialogs.getSaveFileName(
            self, self.tr("Save the report"), str(folder / name), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.save_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def save_to(self, path: Path) -> Task[Saved] | None:
        """Write the chosen report to `path` in the background, with progress and Cancel."""
        if self._busy():
            return None
        try:
            kind, params = self.kind(), self.params()
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return None

        def work(progress: Progress) -> Saved:
            return self.reports.save(kind, params, path, progress=progress, cancelled=progress.is_cancelled)

        self.status.setText(self.tr("Writing {path}…").format(path=path))
        task = self.task = self._runner.run(
            self.tr("Writing the report"), work, on_done=self._saved, on_error=self._failed
        )
        task.done.connect(self._after_save)
        return task

    def _saved(self, saved: Saved) -> None:
        self.last_saved = saved.path
        self.open_folder_button.setEnabled(True)
        self.status.setText(self.tr("Saved {path}").format(path=saved.path))
        self.message.emit(self.tr("Report saved to {path}").format(path=saved.path))
        self.saved.emit(saved.path)

    def _after_save(self) -> None:
        if self.task is not None and self.task.was_cancelled:
            self.status.setText(self.tr("Cancelled: no file was written."))

    def _failed(self, _exc: BaseException) -> None:
        self.status.setText(self.tr("The report was not written."))

    def open_folder(self) -> None:
        if self.last_saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_saved.parent)))
