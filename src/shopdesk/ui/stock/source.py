"""Where the Stock tab's tables get their rows (services), and how each column shows them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shopdesk.services.purchase_queries import PoLineView, PoRow
from shopdesk.services.reorder import ReorderLine
from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import StockFilter, StockLevels, StockRow
from shopdesk.services.stock_queries import LocationStock, MoveRow
from shopdesk.services.stocktake import CountLine
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.widgets.money import MoneyFormat

translate = QCoreApplication.translate

MOVE_KINDS = {
    "receipt": QT_TRANSLATE_NOOP("MoveKind", "Received"),
    "opening": QT_TRANSLATE_NOOP("MoveKind", "Opening stock"),
    "transfer": QT_TRANSLATE_NOOP("MoveKind", "Transfer"),
    "transit_out": QT_TRANSLATE_NOOP("MoveKind", "Sent to another warehouse"),
    "transit_in": QT_TRANSLATE_NOOP("MoveKind", "Arrived from another warehouse"),
    "adjustment": QT_TRANSLATE_NOOP("MoveKind", "Stocktake adjustment"),
    "scrap": QT_TRANSLATE_NOOP("MoveKind", "Scrapped"),
    "quarantine": QT_TRANSLATE_NOOP("MoveKind", "Quarantined"),
    "release": QT_TRANSLATE_NOOP("MoveKind", "Released from quarantine"),
    "shipment": QT_TRANSLATE_NOOP("MoveKind", "Shipped"),
    "return": QT_TRANSLATE_NOOP("MoveKind", "Customer return"),
}
PO_STATES = {
    "draft": QT_TRANSLATE_NOOP("PoStatus", "Draft"),
    "ordered": QT_TRANSLATE_NOOP("PoStatus", "Ordered"),
    "partially_received": QT_TRANSLATE_NOOP("PoStatus", "Partly received"),
    "received": QT_TRANSLATE_NOOP("PoStatus", "Received"),
    "closed": QT_TRANSLATE_NOOP("PoStatus", "Closed"),
    "cancelled": QT_TRANSLATE_NOOP("PoStatus", "Cancelled"),
}


def move_kind_label(kind: str) -> str:
    text = MOVE_KINDS.get(kind)
    return translate("MoveKind", text) if text else kind


def po_status_label(status: str) -> str:
    text = PO_STATES.get(status)
    return translate("PoStatus", text) if text else status


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


class StockSource:
    """count/page for PagedTableModel over services.stock_levels."""

    def __init__(self, shop: Shop):
        self._levels = StockLevels(shop)

    def count(self, flt: StockFilter) -> int:
        return self._levels.count(flt)

    def page(self, flt: StockFilter, offset: int, limit: int) -> Sequence[StockRow]:
        return self._levels.page(flt, offset, limit)


def _value(money: MoneyFormat, value: int | None) -> str:
    return "" if value is None else money(value)


def stock_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[StockRow]]:
    """The stock list's columns; without `costs` (a role that may not see stock value) no Value column."""
    value = [Column(translate("StockColumns", "Value"), lambda r: _value(money, r.value), numeric=True)]
    return [
        Column(translate("StockColumns", "SKU"), lambda r: r.sku, "sku"),
        Column(translate("StockColumns", "Name"), lambda r: r.name, "name"),
        Column(translate("StockColumns", "Category"), lambda r: r.category),
        Column(translate("StockColumns", "On hand"), lambda r: str(r.on_hand), "on_hand", numeric=True),
        Column(translate("StockColumns", "Reserved"), lambda r: str(r.reserved), numeric=True),
        Column(translate("StockColumns", "Available"), lambda r: str(r.available), "available", numeric=True),
        Column(
            translate("StockColumns", "Warning line"),
            lambda r: str(r.warning_line) if r.warning_line else "",
            numeric=True,
        ),
        *(value if costs else []),
    ]


def location_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[LocationStock]]:
    value = [Column(translate("StockColumns", "Value"), lambda r: _value(money, r.value), numeric=True)]
    return [
        Column(translate("StockColumns", "Location"), lambda r: r.path),
        Column(translate("StockColumns", "On hand"), lambda r: str(r.on_hand), numeric=True),
        Column(translate("StockColumns", "Reserved"), lambda r: str(r.reserved), numeric=True),
        Column(translate("StockColumns", "Available"), lambda r: str(r.available), numeric=True),
        *(value if costs else []),
    ]


def move_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[MoveRow]]:
    value = [Column(translate("MoveColumns", "Value"), lambda r: _value(money, r.value), numeric=True)]
    return [
        Column(translate("MoveColumns", "When"), lambda r: r.moved_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        Column(translate("MoveColumns", "What"), lambda r: move_kind_label(r.kind)),
        Column(translate("MoveColumns", "Quantity"), lambda r: str(r.quantity), numeric=True),
        Column(translate("MoveColumns", "From"), lambda r: r.from_path),
        Column(translate("MoveColumns", "To"), lambda r: r.to_path),
        *(value if costs else []),
        Column(translate("MoveColumns", "Document"), lambda r: r.source),
        Column(translate("MoveColumns", "Reason"), lambda r: r.reason),
        Column(translate("MoveColumns", "By"), lambda r: r.user),
    ]


@dataclass(frozen=True)
class CountFilter:
    """Which count lines the stocktake screen shows."""

    stocktake_id: int = 0
    only: str = "all"  # all, uncounted, counted, differences
    text: str = ""
    for_counter: bool = True
    sort: str = "location"
    descending: bool = False


class CountLineSource:
    def __init__(self, shop: Shop):
        self._stocktakes = shop.stocktakes

    def count(self, flt: CountFilter) -> int:
        if not flt.stocktake_id:
            return 0
        return self._stocktakes.line_count(flt.stocktake_id, only=flt.only, text=flt.text, for_counter=flt.for_counter)

    def page(self, flt: CountFilter, offset: int, limit: int) -> Sequence[CountLine]:
        if not flt.stocktake_id:
            return []
        return self._stocktakes.count_lines(
            flt.stocktake_id, for_counter=flt.for_counter, only=flt.only, text=flt.text, offset=offset, limit=limit
        )


def count_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[CountLine]]:
    value = [
        Column(translate("CountColumns", "Value"), lambda r: "" if r.value is None else money(r.value), numeric=True)
    ]
    return [
        Column(translate("CountColumns", "Location"), lambda r: r.location),
        Column(translate("CountColumns", "SKU"), lambda r: r.sku),
        Column(translate("CountColumns", "Name"), lambda r: r.name),
        Column(translate("CountColumns", "Expected"), lambda r: _number(r.expected), numeric=True),
        Column(translate("CountColumns", "Moved during count"), lambda r: _number(r.moved_during_count), numeric=True),
        Column(translate("CountColumns", "Counted"), lambda r: _number(r.counted), numeric=True),
        Column(translate("CountColumns", "Difference"), lambda r: _signed(r.difference), numeric=True),
        *(value if costs else []),
    ]


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}" if value else "0"


def po_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[PoRow]]:
    total = [Column(translate("PoColumns", "Total"), lambda r: _value(money, r.total), numeric=True)]
    return [
        Column(translate("PoColumns", "Number"), lambda r: r.number),
        Column(translate("PoColumns", "Supplier"), lambda r: r.supplier),
        Column(translate("PoColumns", "Status"), lambda r: po_status_label(r.status)),
        Column(translate("PoColumns", "Created"), lambda r: r.created_at.astimezone().strftime("%Y-%m-%d")),
        Column(translate("PoColumns", "Received"), lambda r: f"{r.received_units} / {r.ordered_units}", numeric=True),
        *(total if costs else []),
    ]


def po_line_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[PoLineView]]:
    """A purchase order's lines; without `costs` (warehouse staff receiving it) no unit cost or total."""
    prices = [
        Column(translate("PoColumns", "Unit cost"), lambda r: _value(money, r.unit_cost), numeric=True),
        Column(translate("PoColumns", "Total"), lambda r: _value(money, r.line_total), numeric=True),
    ]
    return [
        Column(translate("PoColumns", "Line"), lambda r: str(r.line_no), numeric=True),
        Column(translate("PoColumns", "SKU"), lambda r: r.sku),
        Column(translate("PoColumns", "Name"), lambda r: r.name),
        Column(translate("PoColumns", "Ordered"), lambda r: str(r.quantity), numeric=True),
        Column(translate("PoColumns", "Received"), lambda r: str(r.received_qty), numeric=True),
        *(prices if costs else []),
    ]


def reorder_columns() -> list[Column[ReorderLine]]:
    return [
        Column(translate("ReorderColumns", "SKU"), lambda r: r.sku),
        Column(translate("ReorderColumns", "Name"), lambda r: r.name),
        Column(translate("ReorderColumns", "Supplier"), lambda r: r.supplier or translate("ReorderColumns", "(none)")),
        Column(translate("ReorderColumns", "Sold per day"), lambda r: f"{r.daily_sales:.2f}", numeric=True),
        Column(translate("ReorderColumns", "Lead time (days)"), lambda r: str(r.lead_time_days), numeric=True),
        Column(translate("ReorderColumns", "Available"), lambda r: str(r.available), numeric=True),
        Column(translate("ReorderColumns", "On order"), lambda r: str(r.on_order), numeric=True),
        Column(translate("ReorderColumns", "Reorder point"), lambda r: str(r.reorder_point), numeric=True),
        Column(translate("ReorderColumns", "Order"), lambda r: str(r.suggested), numeric=True),
    ]
