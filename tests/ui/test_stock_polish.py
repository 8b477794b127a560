# ruff: noqa: F811  (the fixtures imported from test_stock_tab are parameters here)
"""Warehouse polish of the Stock tab and scan picking: the dialogs open where the clerk is, the product
selected stays selected after a move, the picker's scans are not lost, and Receive knows the unit cost."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from shopdesk.domain.errors import Problem
from shopdesk.ui.stock.move_dialog import MoveDialog, MoveKind
from tests.stock_helpers import ledger_snapshot, new_product
from tests.ui.test_stock_tab import stock_tab, stocked  # noqa: F401  (fixtures)


def select_product(tab, sku: str) -> None:  # type: ignore[no-untyped-def]
    skus = [tab.model.row_at(r).sku for r in range(tab.model.rowCount())]
    tab.table.selectRow(skus.index(sku))


def selected_sku(tab) -> str | None:  # type: ignore[no-untyped-def]
    row = tab.selected_row()
    return None if row is None else row.sku


def shown_locations(tab) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(r.path, r.on_hand) for r in tab.places.rows()]


# 1. Default bin… opens on the warehouse the tab shows ------------------------------------
def test_default_bin_opens_on_the_warehouse_the_tab_is_filtered_to(qtbot, stock_tab) -> None:
    stock_tab.warehouse.setCurrentIndex(stock_tab.warehouse.findText("WH2"))
    select_product(stock_tab, "TEAPOT")
    dialog = stock_tab.open_default_bin_dialog()
    qtbot.addWidget(dialog)
    assert dialog.warehouse.currentText() == "WH2"
    assert [dialog.bin.itemText(i) for i in range(dialog.bin.count())] == ["WH2/B/B-01"]
    dialog.reject()


def test_default_bin_opens_on_the_first_warehouse_when_all_are_shown(qtbot, stock_tab) -> None:
    assert stock_tab.warehouse.currentData() is None
    select_product(stock_tab, "MUG")
    dialog = stock_tab.open_default_bin_dialog()
    qtbot.addWidget(dialog)
    assert (dialog.warehouse.currentText(), dialog.current.text()) == ("WH1", "WH1/A/A-01")
    dialog.reject()


# 2. The product selected stays selected after a stock action -----------------------------
def test_after_a_receipt_the_product_stays_selected_and_its_panes_show_the_new_stock(qtbot, stock_tab) -> None:
    select_product(stock_tab, "TEAPOT")
    dialog = stock_tab.open_move_dialog(MoveKind.RECEIVE)
    dialog.quantity.setValue(4)
    dialog.target.setCurrentIndex(dialog.target.findText("WH2/B/B-01"))
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert selected_sku(stock_tab) == "TEAPOT"
    assert shown_locations(stock_tab) == [("WH2/B/B-01", 9)]
    assert sorted(m.quantity for m in stock_tab.moves.rows()) == [4, 5]  # the teapots' receipts, not the mugs'
    assert stock_tab.default_bin_action.isEnabled()


def test_after_a_stocktake_posting_the_product_stays_selected(qtbot, stock_tab, stocked) -> None:
    select_product(stock_tab, "MUG")
    number = stocked.stocktakes.start(warehouse="WH1").number
    stocked.stocktakes.set_count(number, "MUG", 9, location="WH1/A/A-01")
    stocked.stocktakes.set_count(number, "MUG", 2, location="WH1/A/A-02")
    stocked.stocktakes.post(number)
    stock_tab.stocktake.posted.emit()  # what the Stocktake page says once it posted
    assert selected_sku(stock_tab) == "MUG"
    assert ("WH1/A/A-01", 9) in shown_locations(stock_tab)


def test_a_product_moved_further_down_the_list_is_still_the_one_selected(qtbot, stock_tab) -> None:
    stock_tab.model.sort(
        stock_tab.model.columns.index(next(c for c in stock_tab.model.columns if c.title == "On hand"))
    )
    assert [stock_tab.model.row_at(r).sku for r in range(3)] == ["CUP", "TEAPOT", "MUG"]
    select_product(stock_tab, "CUP")
    dialog = stock_tab.open_move_dialog(MoveKind.RECEIVE)
    dialog.quantity.setValue(50)
    dialog.target.setCurrentIndex(dialog.target.findText("WH1/A/A-02"))
    dialog.save()
    assert stock_tab.model.row_at(2).sku == "CUP"  # now the most on hand
    assert selected_sku(stock_tab) == "CUP" and shown_locations(stock_tab) == [("WH1/A/A-02", 50)]


# 4. Receive knows the unit cost ---------------------------------------------------------
def receive_dialog(qtbot, shop, sku: str) -> MoveDialog:  # type: ignore[no-untyped-def]
    dialog = MoveDialog(shop, MoveKind.RECEIVE, sku)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.look_up()
    return dialog


def test_receive_prefills_the_moving_average_cost_and_it_can_be_changed(qtbot, stocked) -> None:
    dialog = receive_dialog(qtbot, stocked, "MUG")
    assert dialog.unit_cost.text() == "3.00"  # the stock's average, not the supplier's 3.10
    dialog.unit_cost.setText("3.60")
    dialog.quantity.setValue(12)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert stocked.inventory.product_stock("MUG").unit_cost == 330  # (12 × 300 + 12 × 360) / 24


def test_without_stock_the_preferred_supplier_cost_then_the_product_cost_is_prefilled(qtbot, stocked) -> None:
    stocked.catalogue.link_supplier("CUP", "ACME", cost=450, preferred=True)
    assert receive_dialog(qtbot, stocked, "CUP").unit_cost.text() == "4.50"
    new_product(stocked, "BOWL", cost=1250)
    assert receive_dialog(qtbot, stocked, "BOWL").unit_cost.text() == "12.50"


def test_another_product_found_replaces_the_prefilled_cost_but_not_a_typed_one(qtbot, stocked) -> None:
    dialog = receive_dialog(qtbot, stocked, "MUG")
    dialog.product.setText("TEAPOT")
    dialog.look_up()
    assert dialog.unit_cost.text() == "15.00"
    dialog.unit_cost.setText("14.00")
    dialog.product.setText("MUG")
    dialog.look_up()
    assert dialog.unit_cost.text() == "14.00"


def test_when_no_cost_is_known_receive_asks_for_it_cleanly_and_writes_nothing(qtbot, stocked, monkeypatch) -> None:
    new_product(stocked, "SPOON", cost=0)
    shown: list[str] = []
    monkeypatch.setattr("shopdesk.ui.errors.show_error", lambda _parent, exc: shown.append(str(exc)))
    dialog = receive_dialog(qtbot, stocked, "SPOON")
    assert dialog.unit_cost.text() == ""
    before = ledger_snapshot(stocked)
    dialog.save()
    assert dialog.isVisible() and ledger_snapshot(stocked) == before
    assert shown == ["Nothing was received\nUnit cost: enter what one unit cost, e.g. 3.20"]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("Unit cost", "is empty", ""), "Unit cost: is empty"),
        (Problem("Price", "is not a number", ""), "Price: is not a number (found: empty)"),
        (Problem("Price", "is not a number", "abc"), "Price: is not a number (found: 'abc')"),
    ],
)
def test_an_empty_field_is_said_once(problem: Problem, text: str) -> None:
    assert str(problem) == text
