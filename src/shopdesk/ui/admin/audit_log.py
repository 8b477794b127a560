"""Shop → Audit log (审计日志): who changed what, when, from what to what, and why.

Reading it needs no permission to change anything (the accountant reads it); exporting
the rows shown needs EXPORT. The filters run in SQL (services/audit.py) and the table
shows the newest LIMIT events that match, saying so when there are more.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.files import atomic_output
from shopdesk.reports.tables import Report, Table, write_report
from shopdesk.reports.workbook import Col, Kind, safe_text
from shopdesk.services.audit import MONEY_FIELDS, AuditFilter, Event, events, filter_choices
from shopdesk.services.product_export import protect
from shopdesk.ui import errors
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

LIMIT = 500
DAYS_SHOWN_AT_FIRST = 30
SEARCH_PAUSE_MS = 300
CHANGES_COLUMN = 5


def entity_names() -> dict[str, str]:
    """What the trail's kinds of things are called on screen; a kind not listed shows as it is stored."""
    t = QCoreApplication.translate
    return {
        "product": t("Audit", "Product"),
        "order": t("Audit", "Order"),
        "case": t("Audit", "After-sales case"),
        "purchase_order": t("Audit", "Purchase order"),
        "stocktake": t("Audit", "Stocktake"),
        "customer": t("Audit", "Customer"),
        "user": t("Audit", "User"),
        "supplier": t("Audit", "Supplier"),
        "location": t("Audit", "Location"),
        "setting": t("Audit", "Setting"),
    }


def _value(field: str, value: Any, money: MoneyFormat) -> str:
    if value is None or value == "":
        return "—"
    if field in MONEY_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return money(value)
    if isinstance(value, bool):  # a switch in the settings: said as the person reads it
        return QCoreApplication.translate("Audit", "on") if value else QCoreApplication.translate("Audit", "off")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def readable_changes(event: Event, money: MoneyFormat) -> str:
    """'price: ¥59.00 → ¥65.00; status: draft → active' — each changed field, old → new."""
    return "; ".join(
        f"{field}: {_value(field, old, money)} → {_value(field, new, money)}"
        for field, (old, new) in event.changes.items()
    )


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class AuditLogDialog(QDialog):
    HEADERS = ("When", "Who", "What", "Which", "Action", "Old → new", "Reason")

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.shop = shop
        self.runner = runner
        self.language = language
        self.money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.shown: list[Event] = []
        self.setWindowTitle(self.tr("Audit log"))
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-DAYS_SHOWN_AT_FIRST))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.user = QComboBox()
        self.entity = QComboBox()
        people, kinds = filter_choices(shop.db)
        self.user.addItem(self.tr("Everyone"), None)
        for person in people:
            self.user.addItem(person, person)
        self.entity.addItem(self.tr("Everything"), None)
        names = entity_names()
        for kind in kinds:
            self.entity.addItem(names.get(kind, kind), kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("SKU, order number, name or reason"))
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("From"), self.since),
            (self.tr("to"), self.until),
            (self.tr("Who"), self.user),
            (self.tr("What"), self.entity),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count = QLabel()
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setVisible(shop.can(Permission.EXPORT))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._typing = QTimer(self)  # search as you type, once the typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._typing.start)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.refresh)
        for combo in (self.user, self.entity):
            combo.currentIndexChanged.connect(self.refresh)
        self.resize(1100, 560)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            entity=self.entity.currentData(),
            user=self.user.currentData(),
            since=_local_midnight(_day(self.since.date())),
            until=_local_midnight(_day(self.until.date()) + timedelta(days=1)),  # the "to" day is included
            text=self.search.text().strip() or None,
        )

    def refresh(self) -> None:
        self._typing.stop()
        self.shown = events(
            self.shop.db,
            self.current_filter(),
            limit=LIMIT,
            personal=self.shop.can(Permission.VIEW_PERSONAL_DATA),
        )
        names = entity_names()
        self.table.setRowCount(len(self.shown))
        for r, row in enumerate(self.rows(names)):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):  # old → new gets the room; the tooltip has it all
            widest = 520 if column == CHANGES_COLUMN else 220
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        if len(self.shown) >= LIMIT:
            self.count.setText(self.tr("The newest {n} events; narrow the filters to see older ones.").format(n=LIMIT))
        else:
            self.count.setText(self.tr("%n event(s)", "", len(self.shown)))

    def rows(self, names: dict[str, str] | None = None) -> list[list[str]]:
        """The rows shown, as text, in the table's column order."""
        names = names or entity_names()
        return [
            [
                f"{e.at.astimezone():%Y-%m-%d %H:%M}",
                e.user,
                names.get(e.entity, e.entity),
                e.entity_label or f"#{e.entity_id}",
                e.action,
                readable_changes(e, self.money),
                e.reason,
            ]
            for e in self.shown
        ]

    def export(self) -> None:
        """Save the rows shown (as filtered) as a workbook or a CSV file."""
        try:
            self.shop.require(Permission.EXPORT, "export the audit log")
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        path, chosen = file_dialogs.getSaveFileName(
            self,
            self.tr("Export the audit log"),
            f"audit-{date.today():%Y-%m-%d}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
        headers = [self.tr(h) for h in self.HEADERS]
        rows = self.rows()
        title = self.tr("Audit log")

        def work(_progress: Progress) -> Path:
            return save_rows(target, title, headers, rows, self.shop, self.language)

        def done(saved: Path) -> None:
            QMessageBox.information(
                self,
                self.tr("Exported"),
                self.tr("%n event(s) exported to {path}", "", len(rows)).format(path=saved),
            )

        self.runner.run(self.tr("Exporting the audit log"), work, on_done=done)


def save_rows(
    target: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], shop: Shop, language: str
) -> Path:
    """The rows as a workbook (the reports' writer) or as CSV for Excel (UTF-8 with BOM); all or nothing."""
    if target.suffix.lower() == ".csv":
        with atomic_output(target) as staged, staged.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(headers)
            writer.writerows([protect(safe_text(cell)) for cell in row] for row in rows)
        return target
    table = Table(title, [Col(h, Kind.TEXT) for h in headers], rows)
    return write_report(
        Report(title, [table]),
        target,
        currency=shop.money.currency,
        exponent=shop.money.exponent,
        language=language,
        total_label="",
    )


def open_audit_log(shop: Shop, runner: TaskRunner, language: str, parent: QWidget) -> AuditLogDialog:
    dialog = AuditLogDialog(shop, runner, language, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
