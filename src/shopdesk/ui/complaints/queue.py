"""The case queue's rows: read in pages from the after-sales service, overdue cases in red, due soon in amber."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shopdesk.services.aftersales import Aftersales
from shopdesk.services.aftersales_views import CaseFilter, CaseRow
from shopdesk.ui.complaints.labels import CHANNEL, CLASS, PRIORITY, SOLUTION, STATUS, label
from shopdesk.ui.models.paged_table import Column, PagedTableModel

OVERDUE_BACKGROUND = QBrush(QColor("#fde0dc"))
OVERDUE_TEXT = QBrush(QColor("#b71c1c"))
DUE_SOON_BACKGROUND = QBrush(QColor("#fff4d6"))
translate = QCoreApplication.translate


class CaseSource:
    """count/page for PagedTableModel over the after-sales service."""

    def __init__(self, aftersales: Aftersales):
        self._aftersales = aftersales

    def count(self, flt: CaseFilter) -> int:
        return self._aftersales.count_cases(flt)

    def page(self, flt: CaseFilter, offset: int, limit: int) -> Sequence[CaseRow]:
        return self._aftersales.list_cases(flt, offset, limit)


def when(at: datetime | None) -> str:
    """A moment in the shop's local time, as the queue and the case view show it."""
    return "" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M}"


def case_columns() -> list[Column[CaseRow]]:
    return [
        Column(translate("CaseColumns", "Case"), lambda r: r.number, "number"),
        Column(translate("CaseColumns", "Status"), lambda r: label(STATUS, r.status), "status"),
        Column(translate("CaseColumns", "Priority"), lambda r: label(PRIORITY, r.priority), "priority"),
        Column(translate("CaseColumns", "Due"), lambda r: when(r.due_at), "due"),
        Column(translate("CaseColumns", "Owner"), lambda r: r.owner, "owner"),
        Column(translate("CaseColumns", "Class"), lambda r: label(CLASS, r.case_class)),
        Column(translate("CaseColumns", "Sub-reason"), lambda r: r.sub_reason),
        Column(translate("CaseColumns", "Customer"), lambda r: r.customer, "customer"),
        Column(translate("CaseColumns", "Order"), lambda r: r.order_number),
        Column(translate("CaseColumns", "Channel"), lambda r: label(CHANNEL, r.channel)),
        Column(translate("CaseColumns", "Solution"), lambda r: label(SOLUTION, r.solution_type)),
        Column(translate("CaseColumns", "Opened"), lambda r: when(r.opened_at), "opened"),
    ]


class CaseTableModel(PagedTableModel[CaseFilter, CaseRow]):
    """The paged queue; an overdue case is red, one due within a day amber, on every cell of its row."""

    def __init__(self, aftersales: Aftersales, flt: CaseFilter, parent: Any = None):
        super().__init__(CaseSource(aftersales), case_columns(), flt, parent=parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and index.isValid():
            row = self.row_at(index.row())
            if row is not None and row.overdue:
                return OVERDUE_BACKGROUND if role == Qt.ItemDataRole.BackgroundRole else OVERDUE_TEXT
            if row is not None and row.due_soon and role == Qt.ItemDataRole.BackgroundRole:
                return DUE_SOON_BACKGROUND
            if role == Qt.ItemDataRole.BackgroundRole:
                return None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None and row.overdue:
                return translate("CaseColumns", "Overdue: the deadline (处理时限) has passed")
        return super().data(index, role)
