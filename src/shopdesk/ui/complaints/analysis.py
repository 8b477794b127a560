"""The analysis page of the Complaints tab: where complaints come from, what comes back, how fast we are.

A period (default: the last 30 days) and its figures: SLA and satisfaction at
the top, then tables by class, sub-reason, product, channel and month, and the
returns per SKU with the high-return warning (高频退货商品预警) in red.
Export writes the same to Excel in the background.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.aftersales_analysis import CaseAnalysis
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.complaints.labels import CHANNEL, CLASS, label
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat

WARNING = QBrush(QColor("#fde0dc"))


def _percent(value: object) -> str:
    return "—" if value is None else f"{value} %"


class AnalysisPage(QWidget):
    message = Signal(str)

    def __init__(self, shop: Shop, runner: TaskRunner, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._money = money
        self.analysis: CaseAnalysis | None = None
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-30))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        refresh = QPushButton(self.tr("Show"))
        refresh.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.choose_export)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.warning.setWordWrap(True)
        self.tables: dict[str, QTableWidget] = {}
        views = QTabWidget()
        for key, title, headings in (
            (
                "returns",
                self.tr("Returns per SKU"),
                [
                    self.tr("SKU"),
                    self.tr("Name"),
                    self.tr("Sold"),
                    self.tr("Returned"),
                    self.tr("Return rate"),
                    self.tr("Quality complaint rate"),
                ],
            ),
            ("class", self.tr("By class"), [self.tr("Class"), self.tr("Cases")]),
            ("sub_reason", self.tr("By sub-reason"), [self.tr("Class"), self.tr("Sub-reason"), self.tr("Cases")]),
            ("product", self.tr("By product"), [self.tr("SKU"), self.tr("Name"), self.tr("Cases"), self.tr("Units")]),
            ("channel", self.tr("By channel"), [self.tr("Channel"), self.tr("Cases")]),
            ("month", self.tr("By month"), [self.tr("Month"), self.tr("Cases")]),
        ):
            table = QTableWidget(0, len(headings))
            table.setHorizontalHeaderLabels(headings)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
            self.tables[key] = table
            views.addTab(table, title)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("From")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to (including)")))
        period.addWidget(self.end)
        period.addWidget(refresh)
        period.addStretch(1)
        period.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(views, 1)

    def period(self) -> tuple[datetime, datetime]:
        """The chosen days in the shop's local time: from the first day's start to the end of the last."""
        first, after = self.start.date(), self.end.date().addDays(1)
        start = datetime.combine(date(first.year(), first.month(), first.day()), time()).astimezone()
        end = datetime.combine(date(after.year(), after.month(), after.day()), time()).astimezone()
        return start, end

    def refresh(self) -> None:
        try:
            self.show_analysis(self._shop.aftersales.analyse(*self.period()))
        except Exception as exc:
            errors.show_error(self, exc)

    def show_analysis(self, a: CaseAnalysis) -> None:
        self.analysis = a
        sla, sat = a.sla, a.satisfaction
        self.summary.setText(
            self.tr(
                "{cases} case(s) opened · open now {open}, overdue {overdue}, due within a day {soon} · "
                "average time to resolve {hours} h · reopen rate {reopen} · satisfaction {score} ({scored} follow-ups) · "
                "refunded {refunded}"
            ).format(
                cases=a.cases,
                open=sla.open,
                overdue=sla.overdue,
                soon=sla.due_within_day,
                hours=sla.average_hours_to_resolve if sla.average_hours_to_resolve is not None else "—",
                reopen=_percent(sla.reopen_rate),
                score=sat.average if sat.average is not None else "—",
                scored=sat.scored,
                refunded=self._money(a.refunded),
            )
        )
        high = a.high_return
        self.warning.setText(
            self.tr("High-return warning (高频退货商品预警): {skus}").format(
                skus=", ".join(f"{r.sku} {r.return_rate} %" for r in high)
            )
            if high
            else ""
        )
        self.warning.setVisible(bool(high))
        self._fill(
            "returns",
            [[r.sku, r.name, r.sold, r.returned, _percent(r.return_rate), _percent(r.defect_rate)] for r in a.returns],
            flagged=[r.high_return for r in a.returns],
        )
        self._fill("class", [[label(CLASS, t.key), t.cases] for t in a.by_class])
        self._fill("sub_reason", [[label(CLASS, s.case_class), s.sub_reason, s.cases] for s in a.by_sub_reason])
        self._fill("product", [[p.sku, p.name, p.cases, p.units] for p in a.by_product])
        self._fill("channel", [[label(CHANNEL, t.key), t.cases] for t in a.by_channel])
        self._fill("month", [[t.key, t.cases] for t in a.by_month])

    def _fill(self, key: str, rows: list[list[object]], flagged: list[bool] | None = None) -> None:
        table = self.tables[key]
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if flagged and flagged[r]:
                    item.setBackground(WARNING)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def choose_export(self) -> None:
        path, _ = file_dialogs.getSaveFileName(
            self,
            self.tr("Export the analysis"),
            str(Path.home() / self.tr("complaints.xlsx")),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        start, end = self.period()

        def work(progress: Progress) -> Path:
            progress(0, 1, "")
            return self._shop.aftersales.export_analysis(path, start, end)

        self._runner.run(
            self.tr("Exporting the analysis"),
            work,
            on_done=lambda written: self.message.emit(self.tr("Analysis written to {path}").format(path=written)),
        )
