"""Lists follow what others do: a product added on another PC appears in the Products tab at the next poll,
with the clerk's selection and scroll position kept."""

from __future__ import annotations

import pytest

from shopdesk.db.database import Database
from shopdesk.services.shop import Shop
from tests.factories import product
from tests.order_helpers import draft, stocked_shop
from tests.ui.conftest import column


@pytest.fixture
def other_pc(small_shop):  # type: ignore[no-untyped-def]
    other = Shop(Database(small_shop.db.url), user="小李")
    yield other
    other.close()


def select_sku(tab, sku: str) -> None:  # type: ignore[no-untyped-def]
    row = column(tab, "SKU").index(sku)
    tab.table.selectRow(row)
    assert [r.sku for r in tab.selected_rows()] == [sku]


def test_a_product_added_on_another_pc_appears_at_the_next_poll(qtbot, products_tab, other_pc) -> None:
    assert products_tab.watcher.timer.isActive()
    select_sku(products_tab, "MUG-001")
    assert products_tab.watcher.poll() is False  # nothing changed: the list is not read again

    other_pc.catalogue.create_product(product("AAA-001", name="帆布袋", price=3900))
    qtbot.waitUntil(products_tab.watcher.poll, timeout=20_000)

    assert column(products_tab, "SKU") == ["AAA-001", "LS-001", "MUG-001", "TS-001", "TS-002"]
    assert products_tab.count_label.text() == "5 products"
    assert [r.sku for r in products_tab.selected_rows()] == ["MUG-001"]  # the same product, one row down


def test_a_product_changed_elsewhere_is_shown_changed_and_the_scroll_position_stays(
    qtbot, products_tab, small_shop, other_pc
) -> None:
    for n in range(60):
        small_shop.catalogue.create_product(product(f"ZZ-{n:03d}", price=100 + n))
    products_tab.refresh()
    qtbot.waitUntil(lambda: products_tab.model.rowCount() == 64, timeout=20_000)
    products_tab.watcher.poll()  # our own saves count as changes too; settle first
    select_sku(products_tab, "MUG-001")
    bar = products_tab.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=20_000)
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    assert scrolled > 0

    mug = other_pc.catalogue.find_by_code("MUG-001")
    assert mug is not None
    other_pc.catalogue.update_product(mug.id, _renamed(mug.draft, "陶瓷马克杯 大号"), mug.version)
    qtbot.waitUntil(products_tab.watcher.poll, timeout=20_000)

    assert "陶瓷马克杯 大号" in column(products_tab, "Name")
    assert bar.value() == scrolled
    assert [r.sku for r in products_tab.selected_rows()] == ["MUG-001"]


def test_a_hidden_list_reads_again_when_it_is_shown(qtbot, products_tab, other_pc) -> None:
    products_tab.hide()
    other_pc.catalogue.create_product(product("AAA-002"))
    assert products_tab.watcher.poll() is False  # not on screen: nothing read
    products_tab.show()
    qtbot.waitExposed(products_tab)
    qtbot.waitUntil(products_tab.watcher.poll, timeout=20_000)
    assert column(products_tab, "SKU")[0] == "AAA-002"


def _renamed(draft, name: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(draft, name=name)


def test_an_order_taken_on_another_pc_joins_the_searched_order_list(qtbot, sqlite_shop, runner) -> None:
    from shopdesk.ui.orders.tab import OrdersTab

    stocked_shop(sqlite_shop)
    first = sqlite_shop.orders.create_order(draft(("TEE", 1)), confirm=True)
    sqlite_shop.orders.create_order(draft(("MUG", 1)), confirm=True)
    tab = OrdersTab(sqlite_shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1400, 700)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.keyClicks(tab.search, "TEE")
    qtbot.waitUntil(lambda: tab.model.filter.text == "TEE", timeout=20_000)
    assert [tab.model.row_at(r).number for r in range(tab.model.rowCount())] == [first]
    tab.watcher.poll()  # our own orders above count as news too: settle first

    other = Shop(Database(sqlite_shop.db.url), user="客服小王")
    try:
        second = other.orders.create_order(draft(("TEE", 2)), confirm=True)
    finally:
        other.close()
    qtbot.waitUntil(tab.watcher.poll, timeout=20_000)
    assert [tab.model.row_at(r).number for r in range(tab.model.rowCount())] == [second, first]  # newest first
