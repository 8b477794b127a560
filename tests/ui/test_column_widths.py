"""Tables whose columns were cut off: every column shows its title and its cells whole, none hides behind a
horizontal scroll bar, and the column with the most to say (a product's name, why something happened) takes
the width left over. In English and in Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from shopdesk.services.shop import Shop
from shopdesk.ui.complaints.dialogs import ReturnDialog
from shopdesk.ui.i18n import CHINESE, ENGLISH, install_translations, remove_translations
from shopdesk.ui.orders.detail import OrderDetailView
from shopdesk.ui.widgets.money import MoneyFormat
from tests.aftersales_helpers import complaint, delivered_order, shop_with_mugs
from tests.order_helpers import draft
from tests.stock_helpers import new_product
from tests.ui.test_stock_tab import stock_tab, stocked  # noqa: F401  (fixtures)

LONG_SKU = "HD-1001-GRY-XXL"
LONG_REASON = (
    "买家来电取消：地址写错了，要重新下单到公司地址 — the buyer phoned to cancel, the address was wrong "
    "and they will order again to their office"
)


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request, qapp) -> Iterator[str]:
    translators = install_translations(qapp, request.param) if request.param == CHINESE else []
    yield request.param
    remove_translations(qapp, translators)


def on_screen(qtbot, widget: QWidget, size: tuple[int, int] | None = None) -> QWidget:
    qtbot.addWidget(widget)
    if size:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cut_columns(view: QTableView, stretch: int) -> list[str]:
    """Titles of the columns narrower than their title or their cells on screen (the stretching one aside)."""
    header = view.horizontalHeader()
    titles = [str(view.model().headerData(c, header.orientation())) for c in range(header.count())]
    return [
        titles[c]
        for c in range(header.count())
        if c != stretch and header.sectionSize(c) < max(header.sectionSizeHint(c), view.sizeHintForColumn(c))
    ]


def all_in_sight(view: QTableView) -> bool:
    header = view.horizontalHeader()
    return header.length() <= view.viewport().width() and not view.horizontalScrollBar().isVisible()


def takes_the_rest(view: QTableView, column: int) -> bool:
    header = view.horizontalHeader()
    return header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch and header.length() == (
        view.viewport().width()
    )


def test_the_stocktake_lines_show_every_title_and_sku_whole(qtbot, stock_tab, stocked, language: str) -> None:  # noqa: F811
    new_product(stocked, LONG_SKU, name="男士连帽卫衣 加绒加厚")
    stocked.inventory.receive(LONG_SKU, 2, "WH1/A/A-01", unit_cost=6260)
    number = stocked.stocktakes.start(warehouse="WH1").number
    stocked.stocktakes.set_count(number, LONG_SKU, 3, location="WH1/A/A-01")
    on_screen(qtbot, stock_tab, (1600, 900))
    page = stock_tab.stocktake
    stock_tab.pages.setCurrentWidget(page)
    page.load_stocktakes(number)
    table = page.table
    assert LONG_SKU in [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert cut_columns(table, stretch=2) == []  # "Moved during count", the SKU, the value: all whole
    assert all_in_sight(table) and takes_the_rest(table, 2)  # the name takes the width, not the value


def test_the_return_dialog_opens_with_units_back_and_where_they_go_in_sight(qtbot, sqlite_shop, language) -> None:
    shop = shop_with_mugs(sqlite_shop)
    order = delivered_order(shop, ("MUG", 2), ("TEE", 1))
    number = shop.aftersales.create_case(complaint(order, lines=((1, 2), (2, 1)))).number
    dialog = on_screen(qtbot, ReturnDialog(shop, shop.aftersales.get_case(number)))
    table = dialog.table
    assert cut_columns(table, stretch=1) == []
    assert all_in_sight(table) and takes_the_rest(table, 1)
    goes_to = table.cellWidget(0, 4)
    assert goes_to.isVisible() and table.viewport().rect().contains(goes_to.geometry())


def order_with_a_long_story(shop: Shop) -> str:
    shop_with_mugs(shop)
    new_product(shop, LONG_SKU, name="男士连帽卫衣")
    shop.inventory.receive(LONG_SKU, 5, "WH1/A/A-01", unit_cost=6260)
    number = shop.orders.create_order(draft(("MUG", 2), (LONG_SKU, 1)), confirm=True)
    shop.order_flow.cancel(number, LONG_REASON)
    return number


def test_the_order_detail_shows_every_amount_and_why_whole(qtbot, sqlite_shop, language: str) -> None:
    number = order_with_a_long_story(sqlite_shop)
    view = on_screen(qtbot, OrderDetailView(MoneyFormat("CNY", 2, "en")), (640, 700))  # the tab's detail pane
    view.show_order(sqlite_shop.orders.get_order(number))
    lines = view.lines_view
    assert cut_columns(lines, stretch=1) == []  # SKU, quantities, Amount, Shipped, Returned
    assert all_in_sight(lines) and takes_the_rest(lines, 1)
    timeline = view.timeline
    assert cut_columns(timeline, stretch=3) == []
    assert all_in_sight(timeline) and takes_the_rest(timeline, 3)
    why = [timeline.item(r, 3).text() for r in range(timeline.rowCount())]
    row = why.index(LONG_REASON)
    # The long reason wraps onto more lines in its row instead of running out of sight; short ones keep one line.
    one_line = timeline.fontMetrics().height() + 8
    qtbot.waitUntil(lambda: timeline.rowHeight(row + 1) <= one_line)  # the rows are laid out after the table
    assert timeline.rowHeight(row) >= 2 * timeline.fontMetrics().height()
