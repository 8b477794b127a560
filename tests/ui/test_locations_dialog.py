"""Stock tab → Locations…: the warehouse tree, adding zones and bins, the walking order; and Default bin…."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shopdesk.domain.permissions import Role
from shopdesk.services import audit
from shopdesk.ui.stock.default_bin_dialog import DefaultBinDialog
from shopdesk.ui.stock.locations_dialog import LocationsDialog
from tests.order_helpers import draft, lenient_rules
from tests.stock_helpers import build_layout, new_product


@pytest.fixture
def shop(sqlite_shop):
    """WH1 (A: A-01 pick 1, A-02 pick 2), WH2 (B: B-01); 10 mugs in A-01, 2 in A-02, 5 teapots in B-01."""
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", name="Mug")
    new_product(sqlite_shop, "TEAPOT", name="Teapot")
    sqlite_shop.locations.set_default_bin(mug, "WH1/A/A-01")
    sqlite_shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=300)
    sqlite_shop.inventory.receive("MUG", 2, "WH1/A/A-02", unit_cost=300)
    sqlite_shop.inventory.receive("TEAPOT", 5, "WH2/B/B-01", unit_cost=1500)
    return sqlite_shop


@pytest.fixture
def stock_tab(qtbot, shop, runner):
    from shopdesk.ui.stock.tab import StockTab

    tab = StockTab(shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def open_locations(qtbot, stock_tab) -> LocationsDialog:  # type: ignore[no-untyped-def]
    stock_tab.locations_action.trigger()
    dialog = stock_tab.findChild(LocationsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def tree_rows(dialog: LocationsDialog) -> list[tuple[str, str, str]]:
    """(indented location, pick order, on hand) as the person sees the tree, top to bottom."""
    rows = []
    for item in dialog._items():
        depth, parent = 0, item.parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        rows.append(("  " * depth + item.text(0), item.text(1), item.text(2)))
    return rows


def select(dialog: LocationsDialog, path: str) -> None:
    item = dialog.item_for(path)
    assert item is not None, path
    dialog.tree.setCurrentItem(item)


def test_the_tree_shows_warehouses_zones_and_bins_with_pick_order_and_units(qtbot, stock_tab) -> None:
    dialog = open_locations(qtbot, stock_tab)
    assert tree_rows(dialog) == [
        ("WH1", "", "12"),
        ("  A", "", "12"),
        ("    A-01", "1", "10"),
        ("    A-02", "2", "2"),
        ("WH2", "", "5"),
        ("  B", "", "5"),
        ("    B-01", "1", "5"),
    ]
    assert dialog.add_warehouse_button.isEnabled()  # the owner


def test_adding_a_zone_and_a_bin_under_the_selection_keeps_the_dialog_open(qtbot, stock_tab, shop) -> None:
    news: list[str] = []
    stock_tab.message.connect(news.append)
    dialog = open_locations(qtbot, stock_tab)
    select(dialog, "WH1/A/A-02")  # a zone goes into this bin's warehouse
    assert dialog.where.text() == "Selected: WH1/A/A-02. A new zone goes into WH1, a new bin into WH1/A."
    qtbot.keyClicks(dialog.code, "C")
    qtbot.keyClicks(dialog.name, "Cold room")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter in a field neither adds nor closes
    assert dialog.isVisible() and dialog.code.text() == "C"
    dialog.add_zone_button.click()
    assert dialog.selected().path == "WH1/C" and dialog.code.text() == ""
    qtbot.keyClicks(dialog.code, "C-01")
    dialog.add_bin_button.click()
    assert dialog.isVisible()
    assert dialog.selected().path == "WH1/C/C-01"
    assert dialog.feedback.text() == "Added WH1/C/C-01"
    assert tree_rows(dialog)[:7] == [
        ("WH1", "", "12"),
        ("  A", "", "12"),
        ("    A-01", "1", "10"),
        ("    A-02", "2", "2"),
        ("  C  Cold room", "", "0"),
        ("    C-01", "3", "0"),  # after the last bin of the warehouse
        ("WH2", "", "5"),
    ]
    assert news == ["Added WH1/C", "Added WH1/C/C-01"]
    assert [b.path for b in shop.locations.bins("WH1")] == ["WH1/A/A-01", "WH1/A/A-02", "WH1/C/C-01"]


def test_a_refused_code_is_said_in_the_dialog_which_stays_open_and_nothing_is_added(qtbot, stock_tab, shop) -> None:
    dialog = open_locations(qtbot, stock_tab)
    before = [r.path for r in shop.locations.physical_locations()]
    select(dialog, "WH1/A")
    qtbot.keyClicks(dialog.code, "A 03")
    dialog.add_bin_button.click()
    assert dialog.isVisible()
    assert dialog.feedback.text() == (
        "The bin cannot be created\ncode: use up to 32 letters, digits and . _ -, "
        "starting with a letter or digit (found: 'A 03')"
    )
    assert dialog.code.text() == "A 03"  # kept, to be corrected
    dialog.code.setText("A-01")
    dialog.add_bin_button.click()
    assert dialog.feedback.text() == "Location WH1/A/A-01 already exists"
    assert [r.path for r in shop.locations.physical_locations()] == before


def test_changing_a_bins_pick_order_reorders_the_tree_and_the_pick_list(qtbot, stock_tab, shop) -> None:
    lenient_rules(shop)
    number = shop.orders.create_order(draft(("MUG", 11)))
    shop.order_flow.confirm(number)  # 10 from A-01, 1 from A-02
    assert [p.location for p in shop.orders.pick_lines([number])] == ["WH1/A/A-01", "WH1/A/A-02"]
    dialog = open_locations(qtbot, stock_tab)
    select(dialog, "WH1/A/A-02")
    assert dialog.pick_order.value() == 2 and dialog.set_pick_order_button.isEnabled()
    dialog.pick_order.setValue(0)
    dialog.set_pick_order_button.click()
    assert dialog.feedback.text() == "WH1/A/A-02 now has pick order 0"
    assert tree_rows(dialog)[:4] == [
        ("WH1", "", "12"),
        ("  A", "", "12"),
        ("    A-02", "0", "2"),
        ("    A-01", "1", "10"),
    ]
    assert dialog.selected().path == "WH1/A/A-02"
    assert [(p.location, p.quantity) for p in shop.orders.pick_lines([number])] == [
        ("WH1/A/A-02", 1),
        ("WH1/A/A-01", 10),
    ]
    [event] = audit.events(shop.db, audit.AuditFilter(entity="location"))
    assert (event.entity_label, event.changes) == ("WH1/A/A-02", {"pick_order": [2, 0]})
    # Typed in the box and Enter: the same.
    select(dialog, "WH1/A/A-01")
    dialog.pick_order.setFocus()
    dialog.pick_order.selectAll()
    qtbot.keyClicks(dialog.pick_order, "9")
    qtbot.keyClick(dialog.pick_order, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.feedback.text() == "WH1/A/A-01 now has pick order 9"
    assert [b.path for b in shop.locations.bins("WH1")] == ["WH1/A/A-02", "WH1/A/A-01"]


def test_only_a_bin_has_a_pick_order(qtbot, stock_tab) -> None:
    dialog = open_locations(qtbot, stock_tab)
    select(dialog, "WH1/A")
    assert not dialog.pick_order.isEnabled() and not dialog.set_pick_order_button.isEnabled()
    assert dialog.set_pick_order() is None
    assert dialog.feedback.text() == "Select a bin to change its pick order."


def test_a_new_warehouse_is_listed_in_the_tree_and_the_stock_tabs_filter(qtbot, stock_tab) -> None:
    dialog = open_locations(qtbot, stock_tab)
    qtbot.keyClicks(dialog.code, "WH3")
    dialog.add_warehouse_button.click()
    assert dialog.selected().path == "WH3" and ("WH3", "", "0") in tree_rows(dialog)
    assert [stock_tab.warehouse.itemText(i) for i in range(stock_tab.warehouse.count())] == [
        "All warehouses",
        "WH1",
        "WH2",
        "WH3",
    ]


def role_dialog(qtbot, shop, role: Role) -> LocationsDialog:  # type: ignore[no-untyped-def]
    shop.log_in("someone", role)
    dialog = LocationsDialog(shop)
    qtbot.addWidget(dialog)
    select(dialog, "WH1/A/A-01")
    return dialog


def test_warehouse_staff_add_zones_bins_and_reorder_but_not_warehouses(qtbot, shop) -> None:
    dialog = role_dialog(qtbot, shop, Role.WAREHOUSE)
    assert not dialog.add_warehouse_button.isEnabled()
    assert all(b.isEnabled() for b in (dialog.add_zone_button, dialog.add_bin_button, dialog.set_pick_order_button))
    dialog.code.setText("WH9")
    assert dialog.add_warehouse() is None  # the service refuses it too, said in the dialog
    assert "may not add warehouses: that needs the role owner" in dialog.feedback.text()
    assert [w.path for w in shop.locations.warehouses()] == ["WH1", "WH2"]


@pytest.mark.parametrize("role", [Role.ACCOUNTANT, Role.CUSTOMER_SERVICE])
def test_other_roles_look_at_the_tree_but_change_nothing(qtbot, shop, role: Role) -> None:
    dialog = role_dialog(qtbot, shop, role)
    assert len(tree_rows(dialog)) == 7
    assert not any(
        w.isEnabled()
        for w in (
            dialog.add_warehouse_button,
            dialog.add_zone_button,
            dialog.add_bin_button,
            dialog.pick_order,
            dialog.set_pick_order_button,
        )
    )


# Default bin… ----------------------------------------------------------------------------------
def select_product(stock_tab, sku: str) -> None:  # type: ignore[no-untyped-def]
    titles = [c.title for c in stock_tab.model.columns]
    skus = [stock_tab.model.index(r, titles.index("SKU")).data() for r in range(stock_tab.model.rowCount())]
    stock_tab.table.selectRow(skus.index(sku))


def test_default_bin_shows_the_current_one_and_saves_another(qtbot, stock_tab, shop) -> None:
    news: list[str] = []
    stock_tab.message.connect(news.append)
    stock_tab.table.clearSelection()
    assert not stock_tab.default_bin_action.isEnabled()  # for a selected product
    select_product(stock_tab, "MUG")
    assert stock_tab.default_bin_action.isEnabled()
    stock_tab.default_bin_action.trigger()
    dialog = stock_tab.findChild(DefaultBinDialog)
    assert dialog is not None and dialog.windowTitle() == "Default bin of MUG"
    assert (dialog.warehouse.currentText(), dialog.current.text()) == ("WH1", "WH1/A/A-01")
    assert [dialog.bin.itemText(i) for i in range(dialog.bin.count())] == ["WH1/A/A-01", "WH1/A/A-02"]
    assert dialog.bin.currentText() == "WH1/A/A-01"
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findText("WH2"))
    assert (dialog.current.text(), dialog.bin.currentText()) == ("none", "WH2/B/B-01")
    dialog.warehouse.setCurrentIndex(dialog.warehouse.findText("WH1"))
    dialog.bin.setCurrentIndex(dialog.bin.findText("WH1/A/A-02"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert news == ["MUG is kept in WH1/A/A-02 by default"]
    mug = shop.scanning.resolve_scan("MUG").product_id
    assert shop.locations.default_bin(mug, "WH1").path == "WH1/A/A-02"
    assert shop.locations.default_bin(mug, "WH2") is None


def test_a_refused_default_bin_is_said_in_the_dialog(qtbot, shop, monkeypatch) -> None:
    teapot = shop.scanning.resolve_scan("TEAPOT").product_id
    dialog = DefaultBinDialog(shop, teapot, "TEAPOT")
    qtbot.addWidget(dialog)
    dialog.show()
    shop.log_in("会计", Role.ACCOUNTANT)  # e.g. the user switched meanwhile
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "may not change default bins: that needs the role owner or warehouse staff" in dialog.feedback.text()
    assert shop.locations.default_bin(teapot, "WH1") is None


def test_roles_that_do_not_move_stock_have_no_default_bin_action(qtbot, shop, runner) -> None:
    from shopdesk.ui.stock.tab import StockTab

    shop.log_in("会计", Role.ACCOUNTANT)
    tab = StockTab(shop, runner, "en")
    qtbot.addWidget(tab)
    select_product(tab, "MUG")
    assert not tab.default_bin_action.isEnabled() and tab.locations_action.isEnabled()


def test_a_new_shop_starts_its_first_warehouse_zone_and_bin_here(qtbot, sqlite_shop) -> None:
    dialog = LocationsDialog(sqlite_shop)
    qtbot.addWidget(dialog)
    assert tree_rows(dialog) == []
    assert dialog.where.text() == "No warehouse yet: the owner adds one with Add warehouse."
    assert not dialog.add_zone_button.isEnabled() and not dialog.add_bin_button.isEnabled()
    for button, code in (
        (dialog.add_warehouse_button, "WH1"),
        (dialog.add_zone_button, "A"),
        (dialog.add_bin_button, "A-01"),
    ):
        dialog.code.setText(code)
        button.click()
    assert tree_rows(dialog) == [("WH1", "", "0"), ("  A", "", "0"), ("    A-01", "1", "0")]
    assert [b.path for b in sqlite_shop.locations.bins()] == ["WH1/A/A-01"]
