"""Settings → After-sales (售后设置): the owner changes the shop's deadlines, windows and sub-reasons; others look."""

from __future__ import annotations

import pytest

from shopdesk.config import Settings
from shopdesk.domain.permissions import Role
from shopdesk.services.shop import Shop
from shopdesk.ui.complaints.new_case import NewCaseDialog
from shopdesk.ui.settings.aftersales import MB, AftersalesPage
from shopdesk.ui.settings.dialog import SettingsDialog
from shopdesk.ui.sync.controller import SyncController
from shopdesk.ui.widgets.money import MoneyFormat
from tests.stock_helpers import new_product


@pytest.fixture
def shop(sqlite_shop: Shop) -> Shop:
    new_product(sqlite_shop, "TEE", category_path="服装/上衣")
    new_product(sqlite_shop, "MUG", category_path="家居/杯子")
    return sqlite_shop


def open_dialog(qtbot, shop: Shop, runner) -> SettingsDialog:  # type: ignore[no-untyped-def]
    controller = SyncController(shop, runner)
    dialog = SettingsDialog(Settings.load(), sync=controller, page="aftersales")
    qtbot.addWidget(dialog)
    controller.setParent(dialog)  # goes with the dialog, as the window's does with the window
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def page_of(dialog: SettingsDialog) -> AftersalesPage:
    assert dialog.aftersales is not None and dialog.pages.currentWidget() is dialog.aftersales
    return dialog.aftersales


def test_the_owner_changes_the_settings_saves_and_finds_them_on_reopening(qtbot, shop: Shop, runner) -> None:
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    assert page.deadlines["normal"].value() == 48 and page.return_days.value() == 7
    assert page.evidence_mb.value() == 20 and page.categories.rowCount() == 0
    page.deadlines["high"].setValue(12)
    page.return_days.setValue(10)
    page.new_category.setCurrentText("服装")
    page.new_days.setValue(15)
    page.add_category.click()
    page.new_category.setCurrentText("家居/杯子")
    page.add_category.click()
    page.new_category.setCurrentText("服装/")  # the same category again: its days change
    page.new_days.setValue(20)
    page.add_category.click()
    quality = page.sub_reasons["quality"]
    quality.setPlainText(quality.toPlainText() + "\n褪色 faded\n")
    page.evidence_mb.setValue(5)
    page.high_percent.setValue(25)
    page.high_min_sold.setValue(8)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert "case_deadline_hours" in page.saved and "return_window_days_by_category" in page.saved

    again = page_of(open_dialog(qtbot, shop, runner))
    assert again.deadlines["high"].value() == 12 and again.deadlines["urgent"].value() == 4
    assert again.return_days.value() == 10
    rows = [
        (again.categories.item(r, 0).text(), again.categories.cellWidget(r, 1).value())
        for r in range(again.categories.rowCount())
    ]
    assert rows == [("家居/杯子", 15), ("服装", 20)]
    assert again.sub_reasons["quality"].toPlainText().splitlines()[-1] == "褪色 faded"
    assert (again.evidence_mb.value(), again.high_percent.value(), again.high_min_sold.value()) == (5, 25, 8)
    assert shop.aftersales.settings().evidence_max_bytes == 5 * MB

    # The clerk's New case dialog offers the new sub-reason for product quality.
    new_case = NewCaseDialog(shop, MoneyFormat("CNY", 2, "en"))
    qtbot.addWidget(new_case)
    new_case.case_class.setCurrentIndex(new_case.case_class.findData("quality"))
    offered = [new_case.sub_reason.itemText(i) for i in range(new_case.sub_reason.count())]
    assert "褪色 faded" in offered and "回复慢 slow reply" not in offered


def test_a_category_window_is_removed_and_an_unchanged_page_saves_nothing(qtbot, shop: Shop, runner) -> None:
    shop.aftersales.set_return_window(7, {"服装": 15, "家居": 30})
    shop.set_setting("evidence_max_bytes", 1536 * 1024)  # 1.5 MB, set on the command line in bytes
    page = page_of(open_dialog(qtbot, shop, runner))
    assert page.save() and page.saved == []  # 1.5 MB shown as 2 MB is not saved as 2 MB
    page.categories.selectRow(0)
    page.remove_category.click()
    assert page.save() and page.saved == ["return_window_days_by_category"]
    assert shop.aftersales.settings().return_window_days_by_category == {"服装": 15}  # 家居 was the first row
    assert shop.aftersales.settings().evidence_max_bytes == 1536 * 1024


def test_bad_values_are_refused_next_to_their_fields_and_nothing_is_saved(qtbot, shop: Shop, runner) -> None:
    before = shop.aftersales.settings()
    dialog = open_dialog(qtbot, shop, runner)
    page = page_of(dialog)
    page.add_category.click()
    assert page.category_field.message.text() == "Choose or type a category first"
    page.new_category.setCurrentText("玩具")
    page.add_category.click()
    page.sub_reasons["service"].setPlainText("回复慢 slow reply\n回复慢 slow reply")
    page.deadlines["high"].setValue(6)  # fine, but not saved while anything else is wrong
    dialog.save()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert page.category_field.message.isVisible()
    assert page.category_field.message.text() == "no such category in the catalogue (found: '玩具')"
    service = page.sub_reason_fields["service"].message
    assert service.isVisible() and service.text() == "a sub-reason is listed twice"
    assert not page.sub_reason_fields["quality"].message.isVisible()
    assert page.message.text() == "The after-sales settings were not saved: see what is said under the fields above."
    assert shop.aftersales.settings() == before
    assert not Settings.path().exists()  # this computer's settings wait for the shop's too

    page.categories.selectRow(0)
    page.remove_category.click()
    page.sub_reasons["service"].setPlainText("回复慢 slow reply")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert not page.category_field.message.isVisible() and not page.message.isVisible()
    assert shop.aftersales.deadline_hours()["high"] == 6


def test_the_accountant_sees_the_settings_read_only(qtbot, shop: Shop, runner) -> None:
    shop.aftersales.set_deadline_hours({"urgent": 3})
    before = shop.aftersales.settings()
    shop.log_in("会计", Role.ACCOUNTANT)
    page = page_of(open_dialog(qtbot, shop, runner))
    assert not page.editable
    assert page.deadlines["urgent"].value() == 3 and page.deadlines["urgent"].isReadOnly()
    assert all(edit.isReadOnly() for edit in page.sub_reasons.values())
    assert page.return_days.isReadOnly() and page.evidence_mb.isReadOnly() and page.high_percent.isReadOnly()
    assert not page.add_category.isEnabled() and not page.remove_category.isEnabled()
    assert not page.new_category.isEnabled()
    page.deadlines["urgent"].setValue(1)  # even a value put there some other way is not saved
    assert page.save() and page.saved == []
    assert shop.aftersales.settings() == before
