"""The Reports tab (报表): choose a report and a period, look at it, save it in the background, cancel safely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from PySide6.QtCore import QDate

from tests.reports.reading import figures, open_book
from tests.reports.shop_month import build_october

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def tab(qtbot, sqlite_shop, runner):
    from shopdesk.ui.reports.tab import ReportsTab

    build_october(sqlite_shop)
    with time_machine.travel(DECEMBER, tick=True):
        widget = ReportsTab(sqlite_shop, runner, "en")
        qtbot.addWidget(widget)
        widget.resize(1100, 700)
        widget.show()
        qtbot.waitExposed(widget)
        yield widget


def test_the_month_just_closed_is_chosen_and_shown(qtbot, tab) -> None:
    assert tab.kind() == "month-end" and tab.month.currentData() == "2026-11"
    tab.month.setCurrentIndex(tab.month.findData("2026-10"))
    with qtbot.waitSignal(tab.shown, timeout=20_000):
        tab.show_report()
    model = tab.tables.widget(0).model()
    values = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert values["Net sales"] == "CN¥195.00" and values["Repurchase rate"] == "50.0%"
    assert values["Stock value at closing"] == "CN¥437.00"


def test_an_abc_analysis_for_a_chosen_period(qtbot, tab) -> None:
    tab.select("abc")
    assert tab.thresholds.isVisible() and not tab.mask.isVisible()
    tab.start.setDate(QDate(2026, 10, 1))
    tab.end.setDate(QDate(2026, 10, 31))
    tab.thresholds.setText("50/30/20")
    with qtbot.waitSignal(tab.shown, timeout=20_000):
        tab.show_report()
    model = tab.tables.widget(0).model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["A", "B", "C"]


def test_saving_writes_the_workbook_in_the_background(qtbot, tab, tmp_path: Path) -> None:
    tab.month.setCurrentIndex(tab.month.findData("2026-10"))
    tab.language.setCurrentIndex(tab.language.findData("zh_CN"))
    target = tmp_path / "月结.xlsx"
    with qtbot.waitSignal(tab.saved, timeout=30_000) as saved:
        tab.save_to(target)
    assert saved.args == [target] and tab.open_folder_button.isEnabled()
    assert figures(open_book(target)["汇总"])["净销售额"] == 195


def test_a_cancelled_report_leaves_no_file(qtbot, tab, tmp_path: Path) -> None:
    tab.month.setCurrentIndex(tab.month.findData("2026-10"))
    target = tmp_path / "out" / "october.xlsx"
    target.parent.mkdir()
    task = tab.save_to(target)
    assert task is not None
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=30_000)
    assert task.was_cancelled and "no file was written" in tab.status.text()
    assert list(target.parent.iterdir()) == []


def test_bad_thresholds_are_refused_before_any_work(qtbot, tab, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import when_dialog_opens

    tab.select("abc")
    tab.thresholds.setText("90/20/5")
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.text() + box.informativeText() + box.detailedText())
        box.accept()

    when_dialog_opens(QMessageBox, read_and_close)
    assert tab.save_to(tmp_path / "abc.xlsx") is None and tab.task is None
    qtbot.waitUntil(lambda: bool(said))
    assert "thresholds" in said[0]
    assert not (tmp_path / "abc.xlsx").exists()


def test_the_accountant_sees_the_buyers_masked_box_ticked_and_fixed(qtbot, sqlite_shop, runner) -> None:
    from shopdesk.domain.permissions import Role
    from shopdesk.ui.reports.tab import ReportsTab

    sqlite_shop.log_in("会计", Role.ACCOUNTANT)  # the workbook masks buyers for this role: the box says so
    widget = ReportsTab(sqlite_shop, runner, "en")
    qtbot.addWidget(widget)
    assert widget.mask.isChecked() and not widget.mask.isEnabled()
    sqlite_shop.log_in("王店长", Role.OWNER)
    owner = ReportsTab(sqlite_shop, runner, "en")
    qtbot.addWidget(owner)
    assert owner.mask.isEnabled()
