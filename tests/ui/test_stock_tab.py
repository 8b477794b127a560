"""The Stock tab as the warehouse uses it: levels and alerts, a product's moves, receiving, counting by scan, POs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox

from shopdesk.domain.permissions import Role
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.stock_levels import StockFilter
from shopdesk.ui.models.paged_table import PagedTableModel
from shopdesk.ui.stock.assign_code_dialog import AssignCodeDialog
from shopdesk.ui.stock.move_dialog import MoveDialog, MoveKind
from shopdesk.ui.stock.purchase_page import ReceivePoDialog
from shopdesk.ui.stock.source import CountFilter, CountLineSource, StockSource, count_columns, stock_columns
from shopdesk.ui.widgets.money import MoneyFormat
from tests.factories import ean13
from tests.stock_helpers import build_layout, new_product
from tests.ui.conftest import when_dialog_opens

MUG_CODE = ean13(777)
MONEY = MoneyFormat("CNY", 2, "en_US")


@pytest.fixture
def stocked(sqlite_shop):
    """WH1 (A-01, A-02) and WH2 (B-01); 12 mugs (warning line 20, safety stock 30), 5 teapots in WH2, no cups."""
    shop = sqlite_shop
    build_layout(shop)
    mug = new_product(shop, "MUG", name="陶瓷马克杯", barcodes=[MUG_CODE], category_path="厨房/杯子")
    new_product(shop, "TEAPOT", name="Teapot", category_path="厨房/茶具")
    new_product(shop, "CUP", name="Cup", category_path="厨房/杯子")
    shop.locations.set_default_bin(mug, "WH1/A/A-01")
    shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=300)
    shop.inventory.receive("MUG", 2, "WH1/A/A-02", unit_cost=300)
    shop.inventory.receive("TEAPOT", 5, "WH2/B/B-01", unit_cost=1500)
    shop.reordering.set_levels("MUG", warning_line=20, safety_stock=30)
    acme = shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", lead_time_days=7))
    shop.catalogue.link_supplier(mug, acme, cost=310, preferred=True)
    return shop


@pytest.fixture
def stock_tab(qtbot, stocked, runner):
    from shopdesk.ui.stock.tab import StockTab

    tab = StockTab(stocked, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cells(model, title: str) -> list[str]:
    titles = [c.title for c in model.columns]
    return [model.index(r, titles.index(title)).data() for r in range(model.rowCount())]


def test_stock_and_count_models_pass_qts_model_tester(qtbot, stocked) -> None:
    model = PagedTableModel(StockSource(stocked), stock_columns(MONEY), StockFilter(), page_size=2, cached_pages=1)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for flt in (
        StockFilter(text="mug"),
        StockFilter(warehouse_id=stocked.locations.resolve("WH2").id),
        StockFilter(below_warning=True),
        StockFilter(zero_stock=True),
        StockFilter(sort="available", descending=True),
        StockFilter(),
    ):
        model.set_filter(flt)
        for row in range(model.rowCount()):
            model.index(row, 0).data()
    number = stocked.stocktakes.start(warehouse="WH1").number
    stocked.stocktakes.set_count(number, "MUG", 9, location="WH1/A/A-01")
    counts = PagedTableModel(CountLineSource(stocked), count_columns(MONEY), CountFilter(), page_size=1)
    QAbstractItemModelTester(counts, QAbstractItemModelTester.FailureReportingMode.Fatal)
    stocktake_id = stocked.stocktakes.summary(number).id
    for only in ("all", "counted", "uncounted", "differences"):
        counts.set_filter(CountFilter(stocktake_id=stocktake_id, only=only, for_counter=False))
        for row in range(counts.rowCount()):
            counts.index(row, 7).data()
    assert (cells(counts, "Difference"), cells(counts, "Value")) == (["-1"], ["-CN¥3.00"])


def test_levels_show_on_hand_reserved_available_and_value(qtbot, stock_tab) -> None:
    assert cells(stock_tab.model, "SKU") == ["CUP", "MUG", "TEAPOT"]
    assert cells(stock_tab.model, "On hand") == ["0", "12", "5"]
    assert cells(stock_tab.model, "Available") == ["0", "12", "5"]
    assert cells(stock_tab.model, "Value") == ["CN¥0.00", "CN¥36.00", "CN¥75.00"]
    stock_tab.warehouse.setCurrentIndex(stock_tab.warehouse.findText("WH2"))
    assert cells(stock_tab.model, "On hand") == ["0", "0", "5"]
    stock_tab.warehouse.setCurrentIndex(0)
    stock_tab.zero_stock.setChecked(True)
    assert cells(stock_tab.model, "SKU") == ["CUP"]
    stock_tab.zero_stock.setChecked(False)
    stock_tab.category.setCurrentIndex(stock_tab.category.findText("厨房/杯子"))
    assert cells(stock_tab.model, "SKU") == ["CUP", "MUG"]


def test_the_low_stock_alert_shows_the_products_below_the_warning_line(qtbot, stock_tab) -> None:
    qtbot.waitUntil(stock_tab.alert.isVisible)  # counted just after the first rows are shown
    assert stock_tab.alert.text() == "⚠ 1 product at or below the warning line (预警线): show"
    qtbot.mouseClick(stock_tab.alert, Qt.MouseButton.LeftButton)
    assert cells(stock_tab.model, "SKU") == ["MUG"]
    assert cells(stock_tab.model, "Warning line") == ["20"]
    assert stock_tab.count_label.text() == "1 product"


def test_selecting_a_product_shows_its_places_and_its_moves(qtbot, stock_tab) -> None:
    stock_tab.table.selectRow(1)
    assert cells(stock_tab.places, "Location") == ["WH1/A/A-01", "WH1/A/A-02"]
    assert cells(stock_tab.places, "On hand") == ["10", "2"]
    assert cells(stock_tab.moves, "What") == ["Received", "Received"]
    assert cells(stock_tab.moves, "Quantity") == ["2", "10"]


def test_receiving_with_the_dialog_scans_the_product_and_books_the_goods(qtbot, stock_tab, stocked) -> None:
    messages: list[str] = []
    stock_tab.message.connect(messages.append)
    stock_tab.table.clearSelection()
    dialog = stock_tab.open_move_dialog(MoveKind.RECEIVE)
    assert isinstance(dialog, MoveDialog)
    qtbot.keyClicks(dialog.product, MUG_CODE)
    qtbot.keyClick(dialog.product, Qt.Key.Key_Return)  # the scanner's Enter looks up, it does not press OK
    assert dialog.isVisible()
    assert dialog.product_name.text() == "MUG 陶瓷马克杯"
    assert dialog.target.currentText() == "WH1/A/A-01"  # the mug's default bin
    dialog.quantity.setValue(6)
    dialog.unit_cost.setText("3.60")
    dialog.target.setCurrentIndex(dialog.target.findText("WH1/A/A-02"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert messages == ["Received 6 × MUG"]
    mug = stocked.inventory.product_stock("MUG")
    assert (mug.on_hand, mug.value) == (18, 3600 + 2160)
    assert cells(stock_tab.model, "On hand")[1] == "18"


def test_a_refused_move_keeps_the_dialog_open_with_the_reason(qtbot, stock_tab, stocked) -> None:
    dialog = MoveDialog(stocked, MoveKind.SCRAP, "TEAPOT", stock_tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setCurrentIndex(dialog.source.findText("WH1/A/A-01"))  # no teapots there
    dialog.quantity.setValue(2)
    dialog.save()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert "Not enough stock of TEAPOT at WH1/A/A-01" in box.text()
    box.close()
    assert dialog.isVisible() and dialog.quantity.value() == 2  # still open with what was typed
    assert stocked.inventory.product_stock("TEAPOT").on_hand == 5


def stocktake_page(stock_tab, stocked, **scope):  # type: ignore[no-untyped-def]
    number = stocked.stocktakes.start(**scope).number
    page = stock_tab.stocktake
    page.load_stocktakes(number)
    stock_tab.pages.setCurrentWidget(page)
    return page, number


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan.edit, code)  # a USB scanner types the code fast...
    qtbot.keyClick(page.scan.edit, Qt.Key.Key_Return)  # ...and presses Enter


def test_scanning_in_the_stocktake_screen_counts_with_colour_feedback(qtbot, stock_tab, stocked) -> None:
    page, number = stocktake_page(stock_tab, stocked, warehouse="WH1", blind=True)
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    for _ in range(3):
        scan(qtbot, page, MUG_CODE)
    assert page.scan.ok is True
    assert page.scan.feedback.text() == "MUG at WH1/A/A-01: 3 counted"
    assert page.scan.edit.text() == ""  # ready for the next scan
    page.quantity.setValue(6)  # a box of six: type 6, then scan
    scan(qtbot, page, "mug")
    assert page.quantity.value() == 1
    counted = [ln for ln in stocked.stocktakes.count_lines(number) if ln.counted is not None]
    assert [(ln.location, ln.counted) for ln in counted] == [("WH1/A/A-01", 9)]
    # Blind: the counter's list hides the expected quantity until the supervisor asks for it.
    assert cells(page.model, "Expected") == ["", ""]
    page.reveal.setChecked(True)
    assert cells(page.model, "Expected") == ["10", "2"]
    assert cells(page.model, "Difference") == ["-1", ""]


def test_an_unknown_code_beeps_then_the_product_is_found_given_the_code_and_counted(
    qtbot, stock_tab, stocked, monkeypatch
) -> None:
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    page, number = stocktake_page(stock_tab, stocked, warehouse="WH1")
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    news: list[str] = []
    page.message.connect(news.append)
    new_code = ean13(888)

    def find_the_mug(assign: AssignCodeDialog) -> None:  # the Receive dialog's "find a product" dialog
        assert assign.code == new_code
        assign.picker.enter("陶瓷")  # found by name, as a person searches
        assign.ok_button.click()

    page.quantity.setValue(6)  # a box of six: the scan counts six once the code is known
    scan(qtbot, page, new_code)
    assert beeps == [True] and page.scan.ok is False  # said red; no dialog opens by itself
    assert stocked.stocktakes.summary(number).counted == 0
    seen = when_dialog_opens(AssignCodeDialog, find_the_mug)
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)  # a deliberate click
    assert len(seen) == 1
    # The code was given to the mug, and the scan counted at the chosen bin.
    assert stocked.scanning.resolve_scan(new_code).sku == "MUG"
    assert page.scan.ok is True and page.scan.feedback.text() == "MUG at WH1/A/A-01: 6 counted"
    assert news == [f"{new_code} is now a barcode of MUG"]
    assert [(ln.sku, ln.counted) for ln in stocked.stocktakes.count_lines(number) if ln.counted] == [("MUG", 6)]
    scan(qtbot, page, new_code)  # the next scan of it simply counts
    assert page.scan.feedback.text() == "MUG at WH1/A/A-01: 7 counted" and beeps == [True]

    beeps.clear()
    scan(qtbot, page, "6909876543210")  # a misread: wrong check digit, nothing to assign
    assert page.scan.ok is False and beeps == [True]
    assert "check digit is wrong" in page.scan.feedback.text()
    assert stocked.stocktakes.summary(number).counted == 1


def test_an_unknown_code_left_unassigned_counts_nothing(qtbot, stock_tab, stocked) -> None:
    page, number = stocktake_page(stock_tab, stocked, warehouse="WH1")
    new_code = ean13(889)
    scan(qtbot, page, new_code)
    assert page.assign_button.isVisible()
    seen = when_dialog_opens(AssignCodeDialog, lambda d: d.reject())
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert page.scan.ok is False and f"Unknown code {new_code}" in page.scan.feedback.text()
    assert not stocked.scanning.resolve_scan(new_code).found
    assert stocked.stocktakes.summary(number).counted == 0


def test_warehouse_staff_counting_are_not_offered_to_assign_an_unknown_code(
    qtbot, stocked, runner, monkeypatch
) -> None:
    from shopdesk.ui.stock.tab import StockTab

    number = stocked.stocktakes.start(warehouse="WH1").number
    stocked.log_in("小李", Role.WAREHOUSE)  # counts stock, may not edit the catalogue
    tab = StockTab(stocked, runner, "en")
    qtbot.addWidget(tab)
    page = tab.stocktake
    page.load_stocktakes(number)
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    opened: list[object] = []
    monkeypatch.setattr(AssignCodeDialog, "exec", lambda self: opened.append(self) or 0)
    new_code = ean13(890)
    assert page.count_scan(new_code) is False
    assert opened == [] and f"Unknown code {new_code}" in page.scan.feedback.text()
    assert page.assign_button.isHidden()
    assert not stocked.scanning.resolve_scan(new_code).found
    assert page.count_scan(MUG_CODE) is True  # and carries on counting


def test_posting_the_stocktake_runs_in_the_background(qtbot, stock_tab, stocked) -> None:
    page, number = stocktake_page(stock_tab, stocked, warehouse="WH1")
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    for _ in range(8):
        scan(qtbot, page, MUG_CODE)
    stocked.stocktakes.set_count(number, "MUG", 2, location="WH1/A/A-02")  # a second counter, on another PC
    page.refresh()
    page.which.setCurrentIndex(page.which.findData("differences"))
    assert cells(page.model, "Difference") == ["-2"]
    assert cells(page.model, "Value") == ["-CN¥6.00"]
    assert page.summary.text() == "2 of 2 line(s) counted; 1 difference(s): gains CN¥0.00, losses CN¥6.00"
    with qtbot.waitSignal(page.posted, timeout=10_000):
        page.post()
    assert stocked.stocktakes.summary(number).status == "posted"
    assert not page.scan.isEnabled()
    assert cells(stock_tab.model, "On hand")[1] == "10"


def test_purchase_orders_from_suggestions_then_received(qtbot, stock_tab, stocked) -> None:
    purchasing = stock_tab.purchasing
    stock_tab.pages.setCurrentWidget(purchasing)  # read when shown
    assert cells(purchasing.suggestions, "SKU") == ["MUG"]
    with qtbot.waitSignal(purchasing.message, timeout=10_000) as news:
        purchasing.create_from_suggestions()
    assert news.args == ["Created 1 draft purchase order"]
    assert cells(purchasing.orders, "Number") == ["PO-000001"]
    purchasing.order_table.selectRow(0)
    assert cells(purchasing.lines, "Ordered") == ["18"]  # no sales yet: up to the safety stock 30, less the 12 there
    qtbot.mouseClick(purchasing.order_button, Qt.MouseButton.LeftButton)
    assert cells(purchasing.orders, "Status") == ["Ordered"]
    dialog = ReceivePoDialog(stocked, purchasing.selected_po(), purchasing)
    qtbot.addWidget(dialog)
    dialog.quantities[1].setValue(4)
    dialog.save()
    assert dialog.result_text == "Received 4 units on PO-000001"
    assert stocked.inventory.product_stock("MUG").on_hand == 16
    purchasing.refresh()
    assert cells(purchasing.orders, "Status") == ["Partly received"]


def test_sorting_by_available_is_kept_when_filtering(qtbot, stock_tab) -> None:
    stock_tab.model.sort(5, Qt.SortOrder.DescendingOrder)
    assert cells(stock_tab.model, "SKU") == ["MUG", "TEAPOT", "CUP"]
    stock_tab.warehouse.setCurrentIndex(stock_tab.warehouse.findText("WH1"))
    assert (stock_tab.model.filter.sort, stock_tab.model.filter.descending) == ("available", True)
    assert cells(stock_tab.model, "SKU") == ["MUG", "CUP", "TEAPOT"]  # equal (0 in WH1): by SKU
