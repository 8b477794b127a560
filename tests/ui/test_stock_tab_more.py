"""The Stock tab, continued: quarantine and release, goods in transit, a zone stocktake, stock levels, blind counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from shopdesk.db.models.base import clock_at
from shopdesk.domain.permissions import Role
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.stock.move_dialog import MoveKind
from shopdesk.ui.stock.stocktake_start import StartStocktakeDialog
from shopdesk.ui.stock.transit_dialog import TransitDialog, transit_columns
from tests.ui.conftest import when_dialog_opens
from tests.ui.test_stock_tab import cells, stock_tab, stocked  # noqa: F401  (fixtures)


def select_sku(tab, sku: str) -> None:  # type: ignore[no-untyped-def]
    tab.table.selectRow(cells(tab.model, "SKU").index(sku))


def post_dialog(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_goods_put_in_quarantine_are_released_or_scrapped_from_there(qtbot, stock_tab, stocked) -> None:  # noqa: F811
    messages: list[str] = []
    stock_tab.message.connect(messages.append)
    select_sku(stock_tab, "MUG")
    dialog = stock_tab.open_move_dialog(MoveKind.QUARANTINE)
    assert dialog.source.currentText() == "WH1/A/A-01"  # the mug's default bin
    dialog.quantity.setValue(5)
    dialog.reason.setText("chipped rims: inspect")
    post_dialog(qtbot, dialog)
    mug = stocked.inventory.product_stock("MUG")
    assert (mug.on_hand, mug.available, mug.quarantine) == (7, 7, 5)
    assert cells(stock_tab.model, "Available")[1] == "7"
    select_sku(stock_tab, "MUG")
    assert cells(stock_tab.places, "Location")[-1] == "@quarantine" and cells(stock_tab.places, "On hand")[-1] == "5"
    # Held goods are on hand there but none of them can be picked or sold.
    assert cells(stock_tab.places, "Available") == ["5", "2", "0"]

    select_sku(stock_tab, "MUG")
    release = stock_tab.open_move_dialog(MoveKind.RELEASE)
    assert release.in_quarantine.text() == "5" and release.quantity.value() == 5
    release.quantity.setValue(3)  # three were fine
    release.target.setCurrentIndex(release.target.findText("WH1/A/A-02"))
    post_dialog(qtbot, release)
    select_sku(stock_tab, "MUG")
    scrap = stock_tab.open_move_dialog(MoveKind.SCRAP)
    scrap.source.setCurrentIndex(scrap.source.findText("Quarantine (待检)"))
    scrap.quantity.setValue(2)  # two were not
    post_dialog(qtbot, scrap)

    assert messages == [
        "5 × MUG put in quarantine",
        "3 × MUG released from quarantine",
        "Scrapped 2 × MUG from quarantine",
    ]
    mug = stocked.inventory.product_stock("MUG")
    assert (mug.on_hand, mug.quarantine, mug.value) == (10, 0, 3000)
    select_sku(stock_tab, "MUG")
    assert cells(stock_tab.moves, "What")[:3] == ["Scrapped", "Released from quarantine", "Quarantined"]
    assert cells(stock_tab.moves, "From")[0] == "@quarantine"


def test_a_products_moves_are_newest_first_by_when_they_happened(qtbot, stock_tab, stocked) -> None:  # noqa: F811
    # Booked today, dated last week (as an import or a late-booked return does): it goes below today's moves.
    with clock_at(datetime.now(UTC) - timedelta(days=7)):
        stocked.inventory.receive("MUG", 3, "WH1/A/A-02", unit_cost=300, reason="last week's delivery")
    stocked.inventory.transfer("MUG", 1, "WH1/A/A-01", "WH1/A/A-02", reason="tidy up")
    select_sku(stock_tab, "MUG")
    assert cells(stock_tab.moves, "Reason")[0] == "tidy up" and cells(stock_tab.moves, "Reason")[-1] == (
        "last week's delivery"
    )
    when = cells(stock_tab.moves, "When")
    assert when == sorted(when, reverse=True) and len(when) == 4


def test_goods_in_transit_are_received_from_the_list(qtbot, stock_tab, stocked) -> None:  # noqa: F811
    sent = stocked.inventory.transfer("MUG", 4, "WH1/A/A-01", "WH2/B/B-01", reason="for the Shanghai shop")
    select_sku(stock_tab, "MUG")
    places = dict(zip(cells(stock_tab.places, "Location"), cells(stock_tab.places, "Available"), strict=True))
    assert places["@transit"] == "0"  # on the road: not available anywhere yet
    dialog = stock_tab.open_transit_dialog()
    assert isinstance(dialog, TransitDialog)
    assert cells(dialog.model, "SKU") == ["MUG"]
    assert (cells(dialog.model, "From"), cells(dialog.model, "To")) == (["WH1/A/A-01"], ["WH2/B/B-01"])
    assert dialog.bin.currentText() == "WH2/B/B-01 (as sent)"
    with qtbot.waitSignal(stock_tab.message) as news:
        assert dialog.receive_selected()
    assert news.args == [f"TR-{sent.transfer_id}: 4 × MUG arrived at WH2/B/B-01"]
    assert stocked.inventory.pending_transfers() == []
    assert dialog.model.rowCount() == 0 and not dialog.receive_button.isEnabled()
    assert stocked.inventory.product_stock("MUG").in_transit == 0
    stock_tab.warehouse.setCurrentIndex(stock_tab.warehouse.findText("WH2"))
    assert cells(stock_tab.model, "On hand") == ["0", "4", "5"]
    dialog.close()


def test_the_transit_list_model_passes_qts_model_tester(qtbot, stocked) -> None:  # noqa: F811
    model = ListTableModel(transit_columns())
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    stocked.inventory.transfer("MUG", 1, "WH1/A/A-01", "WH2/B/B-01")
    stocked.inventory.transfer("TEAPOT", 2, "WH2/B/B-01", "WH1/A/A-02")
    model.set_rows(stocked.inventory.pending_transfers())
    assert [[model.index(r, c).data() for c in (1, 2)] for r in range(model.rowCount())] == [
        ["MUG", "1"],
        ["TEAPOT", "2"],
    ]
    model.set_rows([])


def test_a_stocktake_of_one_zone_counts_only_that_zone(qtbot, stock_tab, stocked) -> None:  # noqa: F811
    page = stock_tab.stocktake
    stock_tab.pages.setCurrentWidget(page)
    seen_zones: list[list[str]] = []

    def choose(dialog: StartStocktakeDialog) -> None:
        dialog.warehouse.setCurrentIndex(dialog.warehouse.findText("WH1"))
        seen_zones.append([dialog.zone.itemText(i) for i in range(dialog.zone.count())])
        dialog.warehouse.setCurrentIndex(0)  # every warehouse: every zone
        seen_zones.append([dialog.zone.itemText(i) for i in range(dialog.zone.count())])
        dialog.zone.setCurrentIndex(dialog.zone.findText("WH2/B"))
        dialog.accept()

    when_dialog_opens(StartStocktakeDialog, choose)
    page.start_new()
    assert seen_zones == [["Every zone", "WH1/A"], ["Every zone", "WH1/A", "WH2/B"]]
    summary = page.current()
    assert summary is not None and summary.scope == "WH2 / WH2/B"
    assert [(ln.sku, ln.location) for ln in stocked.stocktakes.count_lines(summary.number)] == [
        ("TEAPOT", "WH2/B/B-01")
    ]
    assert cells(page.model, "SKU") == ["TEAPOT"]


def test_stock_levels_set_from_the_dialog_show_in_the_list(qtbot, stock_tab, stocked) -> None:  # noqa: F811
    assert not stock_tab.levels_action.isEnabled()  # nothing selected
    select_sku(stock_tab, "TEAPOT")
    assert stock_tab.levels_action.isEnabled()
    teapot = stock_tab.selected_row().product_id
    dialog = stock_tab.open_levels_dialog()
    assert dialog is not None and dialog.where.currentText() == "Whole shop"
    dialog.warning_line.setValue(6)
    dialog.safety_stock.setValue(8)
    post_dialog(qtbot, dialog)
    assert cells(stock_tab.model, "Warning line") == ["", "20", "6"]

    select_sku(stock_tab, "TEAPOT")
    dialog = stock_tab.open_levels_dialog()
    dialog.where.setCurrentIndex(dialog.where.findText("WH2"))
    assert (dialog.safety_stock.value(), dialog.warning_line.value()) == (8, 6)  # the shop-wide ones, shown
    dialog.warning_line.setValue(3)
    post_dialog(qtbot, dialog)
    wh2 = stocked.locations.resolve("WH2").id
    own = [s for s in stock_tab._levels.level_settings(teapot) if s.warehouse_id == wh2]
    assert [(s.safety_stock, s.warning_line) for s in own] == [(None, 3)]  # only the figure changed is WH2's own

    stock_tab.warehouse.setCurrentIndex(stock_tab.warehouse.findText("WH2"))
    assert cells(stock_tab.model, "Warning line") == ["", "20", "3"]
    stock_tab.below_warning.setChecked(True)
    assert cells(stock_tab.model, "SKU") == ["MUG"]  # none in WH2, line 20; 5 teapots are above WH2's own 3
    assert stock_tab.alert.text() == "⚠ 1 product at or below the warning line (预警线): show"


def test_a_blind_count_hides_the_book_from_warehouse_staff(qtbot, stocked, runner) -> None:  # noqa: F811
    from shopdesk.ui.stock.tab import StockTab

    number = stocked.stocktakes.start(warehouse="WH1", blind=True).number
    stocked.log_in("wang", Role.WAREHOUSE)
    tab = StockTab(stocked, runner, "en")
    qtbot.addWidget(tab)
    tab.show()
    select_sku(tab, "MUG")
    assert tab.quarantine_action.isEnabled() and tab.release_action.isEnabled()
    assert not tab.levels_action.isEnabled()  # safety stock and warning lines are the owner's
    page = tab.stocktake
    tab.pages.setCurrentWidget(page)
    page.load_stocktakes(number)
    page.location.setCurrentIndex(page.location.findText("WH1/A/A-01"))
    for _ in range(3):
        qtbot.keyClicks(page.scan.edit, "MUG")
        qtbot.keyClick(page.scan.edit, Qt.Key.Key_Return)
    assert page.scan.feedback.text() == "MUG at WH1/A/A-01: 3 counted"
    assert cells(page.model, "Counted") == ["3", ""]
    assert cells(page.model, "Expected") == ["", ""] and cells(page.model, "Difference") == ["", ""]
    assert page.reveal.isHidden()  # no "Show expected" for the counters
    differences = page.which.findData("differences")
    assert not page.which.model().item(differences).isEnabled()
    assert page.summary.text() == "1 of 2 line(s) counted; blind count: differences are shown once it is posted"

    stocked.log_in("boss", Role.OWNER)  # the owner reviews on another PC
    owner_tab = StockTab(stocked, runner, "en")
    qtbot.addWidget(owner_tab)
    owner_tab.show()
    owner_page = owner_tab.stocktake
    owner_page.load_stocktakes(number)
    assert not owner_page.reveal.isHidden() and cells(owner_page.model, "Expected") == ["", ""]
    owner_page.reveal.setChecked(True)
    assert cells(owner_page.model, "Expected") == ["10", "2"]
    owner_page.which.setCurrentIndex(owner_page.which.findData("differences"))
    assert cells(owner_page.model, "Difference") == ["-7"]
    assert owner_page.summary.text() == "1 of 2 line(s) counted; 1 difference(s): gains CN¥0.00, losses CN¥21.00"
