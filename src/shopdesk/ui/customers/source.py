"""The customer list's rows: where they come from (services/customers.py) and how each column shows them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shopdesk.services.customers import CustomerFilter, CustomerListRow, Customers
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.widgets.money import MoneyFormat

translate = QCoreApplication.translate
SEGMENT_LABELS = {
    "new": QT_TRANSLATE_NOOP("CustomerSegment", "New"),
    "active": QT_TRANSLATE_NOOP("CustomerSegment", "Active"),
    "sleeping": QT_TRANSLATE_NOOP("CustomerSegment", "Sleeping"),
    "lost": QT_TRANSLATE_NOOP("CustomerSegment", "Lost"),
    "none": QT_TRANSLATE_NOOP("CustomerSegment", "Never bought"),
}
HIGH_VALUE_MARK = "★ "


def segment_label(segment: str) -> str:
    """新客户 / 活跃 / 沉睡 / 流失 in Chinese."""
    text = SEGMENT_LABELS.get(segment or "none")
    return translate("CustomerSegment", text) if text else segment


class CustomerSource:
    """count/page for PagedTableModel over the customers service."""

    def __init__(self, customers: Customers):
        self._customers = customers

    def count(self, flt: CustomerFilter) -> int:
        return self._customers.count(flt)

    def page(self, flt: CustomerFilter, offset: int, limit: int) -> Sequence[CustomerListRow]:
        return self._customers.page(flt, offset, limit)


# Customer, Region and Tags: fitted no wider than a set width, a longer text cut short (…).
LONG_TEXT_COLUMNS = (0, 2, 9)


def customer_columns(money: MoneyFormat) -> list[Column[CustomerListRow]]:
    return [
        Column(
            translate("CustomerColumns", "Customer"),
            lambda r: (HIGH_VALUE_MARK if r.high_value else "") + r.name,
            "name",
        ),
        Column(translate("CustomerColumns", "Phone"), lambda r: r.phone),
        Column(translate("CustomerColumns", "Region"), lambda r: r.region),
        Column(translate("CustomerColumns", "Channel"), lambda r: label(CHANNEL, r.channel)),
        Column(translate("CustomerColumns", "Orders"), lambda r: f"{r.orders:,}", "orders", numeric=True),
        Column(translate("CustomerColumns", "Total spent"), lambda r: money(r.spent), "spent", numeric=True),
        Column(
            translate("CustomerColumns", "Average order"),
            lambda r: "" if r.average_order_value is None else money(r.average_order_value),
            numeric=True,
        ),
        Column(
            translate("CustomerColumns", "Last purchase"),
            lambda r: "" if r.last_order is None else r.last_order.astimezone().strftime("%Y-%m-%d"),
            "last_order",
        ),
        Column(translate("CustomerColumns", "Segment"), lambda r: segment_label(r.segment)),
        Column(translate("CustomerColumns", "Tags"), lambda r: ", ".join(r.tags)),
        Column(translate("CustomerColumns", "Cases"), lambda r: str(r.cases) if r.cases else "", numeric=True),
    ]
