"""The order list's rows: read in pages from the order service; orders on hold in amber, cancelled ones grey.

One keystroke in the search field costs one call: OrderQueries.first_page gives
the first page and, when the search matches few orders, the bucket counts and how
many orders the filter shows from the same pass. A search in many orders (a digit,
a letter) would have to count them all: that count comes once typing pauses (the
tab's timer asks the model to reload, which counts the same filter in full), so the
list is painted again at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shopdesk.domain.money import currency_exponent, format_plain
from shopdesk.services.order_queries import FEW_MATCHES, OrderFilter, OrderPage, OrderQueries, OrderRow
from shopdesk.ui.models.paged_table import Column, PagedTableModel
from shopdesk.ui.orders.labels import CHANNEL, STATUS, label, when
from shopdesk.ui.widgets.money import MoneyFormat

HELD_BACKGROUND = QBrush(QColor("#fff4d6"))
# Rows read at a time: a screenful or three. The first page comes with the keystroke's counts, so a
# smaller page makes every keystroke cheaper (200,000 orders: benchmarks/bench_fulfilment.py).
PAGE_SIZE = 100
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
translate = QCoreApplication.translate


class OrderSource:
    """count/page for PagedTableModel; `counts` holds the bucket counts of the last filter counted.

    A new filter is counted from its first pass only (`pending` when that did not see every
    match: `counts` and the count are then lower bounds); the same filter again is a fresh
    look, counted in full (orders may have come since, or the first count was pending).
    """

    def __init__(self, orders: OrderQueries):
        self._orders = orders
        self._first: tuple[OrderFilter, OrderPage] | None = None
        self.counts: dict[str, int] = {}
        self.few = FEW_MATCHES  # matches read in the first pass before counting is left for later

    @property
    def pending(self) -> bool:
        """The last count is what the first pass saw; counting the same filter again completes it."""
        return self._first is not None and not self._first[1].exact

    def count(self, flt: OrderFilter) -> int:
        # The last keystroke's matches narrow the next one's search (typing "138" after "13").
        fresh = self._first is None or self._first[0] != flt
        previous = self._first[1] if fresh and self._first is not None else None
        page = self._orders.first_page(flt, limit=PAGE_SIZE, few=self.few, previous=previous, count=not fresh)
        self._first = (flt, page)
        self.counts = page.counts
        return page.total

    def page(self, flt: OrderFilter, offset: int, limit: int) -> Sequence[OrderRow]:
        if self._first is not None and self._first[0] == flt and offset == 0 and limit <= PAGE_SIZE:
            return self._first[1].rows[:limit]
        return self._orders.list_orders(flt, offset, limit)


def order_columns(money: MoneyFormat, currency: str) -> list[Column[OrderRow]]:
    def amount(r: OrderRow) -> str:
        # An order in another currency (allowed on entry) shows its own code rather than our symbol.
        return (
            money(r.total)
            if r.currency == currency
            else f"{format_plain(r.total, currency_exponent(r.currency))} {r.currency}"
        )

    return [
        Column(translate("OrderColumns", "Order"), lambda r: r.number, "number"),
        Column(translate("OrderColumns", "Placed"), lambda r: when(r.placed_at), "placed_at"),
        Column(translate("OrderColumns", "Status"), lambda r: label(STATUS, r.status), "status"),
        Column(translate("OrderColumns", "Channel"), lambda r: label(CHANNEL, r.channel), "channel"),
        Column(translate("OrderColumns", "Buyer"), lambda r: r.buyer),
        Column(translate("OrderColumns", "Phone"), lambda r: r.phone),
        Column(translate("OrderColumns", "City"), lambda r: r.city),
        Column(translate("OrderColumns", "Items"), lambda r: str(r.items), numeric=True),
        Column(translate("OrderColumns", "Total"), amount, "total", numeric=True),
        Column(
            translate("OrderColumns", "Tracking number"), lambda r: " ".join(filter(None, (r.carrier, r.tracking_no)))
        ),
        Column(translate("OrderColumns", "Channel order no."), lambda r: r.channel_order_no),
        Column(translate("OrderColumns", "Review reasons"), lambda r: r.hold_reasons),
    ]


class OrderTableModel(PagedTableModel[OrderFilter, OrderRow]):
    """The paged order list; an order waiting for review is amber on every cell, a cancelled one grey."""

    def __init__(
        self, orders: OrderQueries, money: MoneyFormat, currency: str, flt: OrderFilter, parent: QObject | None = None
    ):
        self.source = OrderSource(orders)
        super().__init__(
            self.source,
            order_columns(money, currency),
            flt,
            muted=lambda r: r.status == "cancelled",
            page_size=PAGE_SIZE,
            parent=parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # A repaint asks several roles of every visible cell: plain ints compare faster than Qt's enums.
        if role == _BACKGROUND:
            row = self.row_at(index.row()) if index.isValid() else None
            return HELD_BACKGROUND if row is not None and row.status == "on_hold" else None
        if role == _TOOLTIP and index.isValid():
            row = self.row_at(index.row())
            if row is not None and row.hold_reasons:
                return translate("OrderColumns", "On hold for review: {reasons}").format(reasons=row.hold_reasons)
            return None
        return super().data(index, role)
