"""The Products tab as a shop owner uses it: search, filter, sort, create, edit, archive, export."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from shopdesk.services.catalogue import ProductFilter
from shopdesk.ui.products.product_dialog import ProductDialog
from tests.ui.conftest import column, visible_rows, when_dialog_opens


def type_search(qtbot, tab, text: str) -> None:
    tab.search.clear()
    qtbot.keyClicks(tab.search, text)
    qtbot.waitUntil(lambda: tab.model.filter.text == text, timeout=20_000)


def test_the_list_shows_every_product_with_money_in_the_shop_currency(products_tab) -> None:
    assert products_tab.count_label.text() == "4 products"
    assert column(products_tab, "SKU") == ["LS-001", "MUG-001", "TS-001", "TS-002"]
    assert column(products_tab, "Price") == ["CN¥129.00", "CN¥25.00", "CN¥59.00", "CN¥69.00"]
    assert column(products_tab, "Name")[3] == "纯棉短袖T恤  ·  红色 / M"
    assert column(products_tab, "Status") == ["Listed", "Listed", "Listed", "Draft"]
    assert column(products_tab, "Barcode")[2].startswith("690")


def test_typing_pinyin_initials_finds_the_chinese_name(qtbot, products_tab) -> None:
    type_search(qtbot, products_tab, "cmdx")
    assert column(products_tab, "Name") == ["纯棉短袖T恤", "纯棉短袖T恤  ·  红色 / M"]
    type_search(qtbot, products_tab, "chunmian")
    assert column(products_tab, "SKU") == ["TS-001", "TS-002"]
    type_search(qtbot, products_tab, "taoci")
    assert column(products_tab, "SKU") == ["MUG-001"]
    assert products_tab.count_label.text() == "1 product"


def test_search_by_english_name_sku_or_barcode(qtbot, products_tab, small_shop) -> None:
    barcode = small_shop.catalogue.find_by_code("TS-001").draft.barcodes[0]
    for typed, expected in (("linen", ["LS-001"]), ("mug-0", ["MUG-001"]), (barcode, ["TS-001"]), ("zzz", [])):
        type_search(qtbot, products_tab, typed)
        assert column(products_tab, "SKU") == expected, typed
    qtbot.keyClick(products_tab.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: products_tab.model.rowCount() == 4, timeout=20_000)


def click_header(qtbot, tab, title: str) -> None:
    header = tab.table.horizontalHeader()
    section = [c.title for c in tab.model.columns].index(title)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_a_header_sorts_in_sql_and_again_reverses(qtbot, products_tab) -> None:
    click_header(qtbot, products_tab, "Price")
    assert products_tab.model.filter.sort == "price"
    assert column(products_tab, "SKU") == ["MUG-001", "TS-001", "TS-002", "LS-001"]
    click_header(qtbot, products_tab, "Price")
    assert column(products_tab, "SKU") == ["LS-001", "TS-002", "TS-001", "MUG-001"]
    click_header(qtbot, products_tab, "Barcode")  # not sortable: the order and its indicator stay
    assert column(products_tab, "SKU") == ["LS-001", "TS-002", "TS-001", "MUG-001"]
    assert products_tab.table.horizontalHeader().sortIndicatorSection() == 4


def test_category_filter_includes_subcategories_and_status_filter_narrows(qtbot, products_tab) -> None:
    categories = products_tab.category
    categories.setCurrentIndex(
        categories.findData(next(i for i, p in products_tab._shop.catalogue.categories() if p == "服装"))
    )
    assert column(products_tab, "SKU") == ["LS-001", "TS-001", "TS-002"]
    products_tab.status.setCurrentIndex(products_tab.status.findData("draft"))
    assert column(products_tab, "SKU") == ["TS-002"]
    categories.setCurrentIndex(0)
    products_tab.status.setCurrentIndex(products_tab.status.findData("listed"))
    assert column(products_tab, "SKU") == ["LS-001", "MUG-001", "TS-001"]


def test_a_bad_barcode_is_explained_next_to_the_field_and_nothing_is_saved(qtbot, small_shop) -> None:
    dialog = ProductDialog(small_shop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.sku, "BAG-001")
    dialog.name.setText("帆布袋")  # QTest types ASCII only
    qtbot.keyClicks(dialog.price, "39.90")
    qtbot.keyClicks(dialog.barcodes, "6901234567890")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    message = dialog.fields["barcodes"].message
    assert message.isVisible()
    assert message.text() == "6901234567890: EAN-13 check digit is wrong: last digit is 0, should be 2"
    assert not dialog.fields["sku"].message.isVisible()
    assert dialog.isVisible() and dialog.saved_id is None
    assert small_shop.catalogue.count_products(ProductFilter(text="BAG-001")) == 0


def test_an_amount_that_is_not_an_amount_is_caught_before_saving(qtbot, small_shop) -> None:
    dialog = ProductDialog(small_shop)
    qtbot.addWidget(dialog)
    dialog.sku.setText("BAG-002")
    dialog.name.setText("Tote bag")
    dialog.price.setText("12.345")
    dialog.cost.setText("abc")
    dialog.save()
    assert dialog.fields["price"].message.text() == "Use at most 2 decimal places"
    assert dialog.fields["cost"].message.text() == "Enter an amount like 59.90"
    assert small_shop.catalogue.find_by_code("BAG-002") is None


def test_create_a_product_through_the_dialog(qtbot, products_tab, small_shop) -> None:
    def fill(dialog: ProductDialog) -> None:
        dialog.sku.setText("BAG-001")
        dialog.name.setText("帆布购物袋")
        dialog.alt_name.setText("Canvas tote")
        dialog.category.setCurrentText("家居/收纳")
        dialog.price.setText("39.90")
        dialog.cost.setText("12")
        dialog.barcodes.setText("6901234567892")
        dialog.status.setCurrentIndex(dialog.status.findData("listed"))
        dialog.save()

    opened = when_dialog_opens(ProductDialog, fill)
    products_tab.new_action.trigger()
    assert opened
    saved = small_shop.catalogue.find_by_code("6901234567892")
    assert (saved.draft.name, saved.draft.price, saved.draft.cost) == ("帆布购物袋", 3990, 1200)
    assert saved.draft.category_path == "家居/收纳"
    assert products_tab.count_label.text() == "5 products"
    assert products_tab.selected_rows()[0].sku == "BAG-001"
    assert products_tab.category.findText("收纳", Qt.MatchFlag.MatchContains) > 0


def test_edit_the_selected_product(qtbot, products_tab, small_shop) -> None:
    products_tab.table.selectRow(1)  # MUG-001
    products_tab.table.setFocus()

    def raise_price(dialog: ProductDialog) -> None:
        assert dialog.price.text() == "25.00"
        dialog.price.setText("27.50")
        dialog.save()

    assert when_dialog_opens(ProductDialog, raise_price) is not None
    qtbot.keyClick(products_tab.table, Qt.Key.Key_Return)
    assert small_shop.catalogue.find_by_code("MUG-001").draft.price == 2750
    assert column(products_tab, "Price")[1] == "CN¥27.50"


def test_a_scanned_barcode_with_enter_opens_that_product(qtbot, products_tab, small_shop) -> None:
    barcode = small_shop.catalogue.find_by_code("TS-001").draft.barcodes[0]
    opened = when_dialog_opens(ProductDialog, lambda dialog: dialog.reject())
    qtbot.keyClicks(products_tab.search, barcode)
    qtbot.keyClick(products_tab.search, Qt.Key.Key_Return)
    assert [d.sku.text() for d in opened] == ["TS-001"]


def test_archive_hides_a_product_and_restore_brings_it_back(qtbot, products_tab, small_shop) -> None:
    products_tab.table.selectRow(0)  # LS-001
    products_tab.table.setFocus()
    with qtbot.waitSignal(products_tab.message, timeout=20_000) as news:
        qtbot.keyClick(products_tab.table, Qt.Key.Key_Delete)
    assert news.args == ["Archived 1 product; tick Show archived to see it"]
    assert column(products_tab, "SKU") == ["MUG-001", "TS-001", "TS-002"]
    assert small_shop.catalogue.get_product(small_shop.catalogue.find_by_code("LS-001").id).archived
    products_tab.show_archived.setChecked(True)
    assert column(products_tab, "Status")[0] == "Archived"
    assert products_tab.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    products_tab.table.selectRow(0)
    assert products_tab.restore_action.isEnabled() and not products_tab.archive_action.isEnabled()
    with qtbot.waitSignal(products_tab.message, timeout=20_000):
        products_tab.restore_action.trigger()
    products_tab.show_archived.setChecked(False)
    assert column(products_tab, "SKU")[0] == "LS-001"


def test_export_writes_the_catalogue_in_the_background(qtbot, products_tab, tmp_path) -> None:
    target = tmp_path / "products.csv"
    with qtbot.waitSignal(products_tab.message, timeout=20_000) as news:
        products_tab.export_to(target)
    assert news.args == [f"Exported 4 products to {target}"]
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 5
    assert {"纯棉短袖T恤", "Linen shirt"} <= {cell for row in rows for cell in row}


def test_the_list_reads_only_the_pages_on_screen(qtbot, products_tab) -> None:
    assert visible_rows(products_tab)
    assert products_tab.model.find_cached(lambda r: r.sku == "MUG-001") == 1


def test_import_opens_the_import_wizard(qtbot, products_tab) -> None:
    from shopdesk.ui.products.import_wizard import ImportWizard

    opened = when_dialog_opens(ImportWizard, lambda wizard: wizard.reject())
    products_tab.import_action.trigger()
    assert len(opened) == 1
    assert products_tab.count_label.text() == "4 products"
