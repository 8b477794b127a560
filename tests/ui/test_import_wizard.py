"""The import wizard as a shop owner goes through it: file, how it is read, columns, check, import."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWizard

from shopdesk.services.catalogue import ProductFilter
from shopdesk.ui.products.import_wizard import ImportWizard
from tests.imports.files import chinese_rows, write_csv, write_xlsx


def shown_wizard(qtbot, shop) -> ImportWizard:
    wizard = ImportWizard(shop)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


@pytest.fixture
def wizard(qtbot, sqlite_shop):
    wizard = shown_wizard(qtbot, sqlite_shop)
    yield wizard
    if wizard.announcement is not None:
        wizard.announcement.close()
    assert wizard.runner.shutdown()


def skus(shop) -> list[str]:
    return [r.sku for r in shop.catalogue.list_products(ProductFilter(include_archived=True))]


def open_file(qtbot, wizard, path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.reading_page, timeout=10_000)


def go_next(qtbot, wizard, page) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page)


def finish(qtbot, wizard) -> None:
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish_button.isEnabled()
    finish_button.click()
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    assert wizard.result() == QDialog.DialogCode.Accepted


def settle(qtbot, wizard) -> None:
    """Wait for the background preview started by a change to arrive."""
    qtbot.waitUntil(lambda: not wizard.runner.running(), timeout=10_000)


def test_a_gbk_file_goes_through_every_step_and_is_imported(qtbot, wizard, sqlite_shop, tmp_path) -> None:
    open_file(qtbot, wizard, write_csv(tmp_path / "商品.csv", chinese_rows(3), encoding="gbk"))
    page = wizard.reading_page
    assert "GB18030" in page.detected.text() and "comma" in page.detected.text()
    assert page.table.horizontalHeaderItem(0).text() == "货号"
    assert page.table.item(0, 1).text() == "纯棉短袖T恤 1号"
    go_next(qtbot, wizard, wizard.columns_page)
    combos = wizard.columns_page.combos
    assert (combos["sku"].currentText(), combos["price"].currentText(), combos["tags"].currentData()) == (
        "货号",
        "售价",
        "",
    )
    assert "Guessed" in wizard.columns_page.source.text()
    go_next(qtbot, wizard, wizard.check_page)
    assert wizard.check_page.summary.text() == "3 rows read: 3 new, 0 to update, 0 unchanged.\nNo problems found."
    finish(qtbot, wizard)
    assert skus(sqlite_shop) == ["TS-001", "TS-002", "TS-003"]
    assert "Imported: 3 new products" in wizard.announcement.text()


def test_bad_rows_are_listed_by_row_and_column_and_can_be_skipped(qtbot, wizard, sqlite_shop, tmp_path) -> None:
    rows = chinese_rows(3)
    rows[2][2] = "-5"
    open_file(qtbot, wizard, write_csv(tmp_path / "p.csv", rows))
    go_next(qtbot, wizard, wizard.columns_page)
    go_next(qtbot, wizard, wizard.check_page)
    page = wizard.check_page
    assert "1 row has problems" in page.summary.text()
    assert [page.problems.item(0, c).text() for c in range(4)] == ["3", "C (售价)", "Price cannot be negative", "-5"]
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    page.good_rows_only.setChecked(True)
    finish(qtbot, wizard)
    assert skus(sqlite_shop) == ["TS-001", "TS-003"]
    assert wizard.imported.skipped_rows == [3]


def test_unknown_headings_are_mapped_by_hand_and_remembered_for_the_next_file(qtbot, sqlite_shop, tmp_path) -> None:
    headings = ["Artikel", "Bezeichnung", "VK"]
    first = write_csv(tmp_path / "jan.csv", [headings, ["A1", "Becher", "3,20"]], delimiter=";")
    wizard = shown_wizard(qtbot, sqlite_shop)
    open_file(qtbot, wizard, first)
    go_next(qtbot, wizard, wizard.columns_page)
    assert not wizard.columns_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    combos = wizard.columns_page.combos
    for field, heading in (("sku", "Artikel"), ("name", "Bezeichnung"), ("price", "VK")):
        combos[field].setCurrentIndex(combos[field].findData(heading))
    settle(qtbot, wizard)
    assert wizard.preview.mapping == {"sku": "Artikel", "name": "Bezeichnung", "price": "VK"}
    go_next(qtbot, wizard, wizard.check_page)
    finish(qtbot, wizard)
    wizard.announcement.close()
    assert sqlite_shop.catalogue.find_by_code("A1").draft.price == 320

    second = shown_wizard(qtbot, sqlite_shop)
    open_file(qtbot, second, write_csv(tmp_path / "feb.csv", [headings, ["A2", "Teller", "12,50"]], delimiter=";"))
    go_next(qtbot, second, second.columns_page)
    assert "Remembered" in second.columns_page.source.text()
    assert second.columns_page.combos["price"].currentText() == "VK"
    assert second.runner.shutdown()


def test_changing_what_was_detected_reads_the_file_again(qtbot, wizard, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", [["SKU", "Name", "Price"], ["A1", "Mug", "3,20"]], delimiter=";")
    open_file(qtbot, wizard, path)
    page = wizard.reading_page
    assert page.table.columnCount() == 3
    page.delimiter.setCurrentIndex(page.delimiter.findData(","))
    settle(qtbot, wizard)
    assert page.table.columnCount() == 1  # "SKU;Name;Price" is one heading when split on commas
    assert page.table.horizontalHeaderItem(0).text() == "SKU;Name;Price"
    page.delimiter.setCurrentIndex(page.delimiter.findData(";"))
    settle(qtbot, wizard)
    assert page.table.columnCount() == 3
    assert "decimal comma" in page.detected.text()


def test_xlsx_title_rows_and_the_header_row_override(qtbot, wizard, tmp_path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["春季商品清单"], ["货号", "名称", "售价"], ["00123", "保温杯", 39.9]])
    open_file(qtbot, wizard, path)
    page = wizard.reading_page
    assert not page.encoding.isEnabled()
    assert "row 2" in page.detected.text()
    assert page.table.verticalHeaderItem(0).text() == "3"
    assert page.table.item(0, 0).text() == "00123"
    page.header_row.setValue(1)
    settle(qtbot, wizard)
    assert wizard.preview.header_row == 1
    assert wizard.preview.headers == ["春季商品清单"]


def test_a_file_without_a_sku_column_cannot_be_imported(qtbot, wizard, tmp_path) -> None:
    open_file(qtbot, wizard, write_csv(tmp_path / "p.csv", [["名称", "售价", "备注"], ["保温杯", "39", ""]]))
    go_next(qtbot, wizard, wizard.columns_page)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.columns_page.combos["sku"].currentData() == ""


def test_cancelling_the_import_writes_nothing_and_keeps_the_wizard_open(qtbot, wizard, sqlite_shop, tmp_path) -> None:
    open_file(qtbot, wizard, write_csv(tmp_path / "p.csv", chinese_rows(3000)))
    go_next(qtbot, wizard, wizard.columns_page)
    go_next(qtbot, wizard, wizard.check_page)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    task = wizard.import_task
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.was_cancelled
    assert wizard.imported is None and wizard.isVisible()
    assert skus(sqlite_shop) == []
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
