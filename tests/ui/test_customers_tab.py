"""The Customers tab (客户关系管理): purchase history, segments, high value, search, duplicates merged."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from PySide6.QtWidgets import QMessageBox

from shopdesk.reports.analytics import SegmentRules
from shopdesk.services.parties import CustomerDraft
from shopdesk.services.reports import Reports
from tests.reports.shop_month import build_october
from tests.ui.conftest import column, when_dialog_opens

NOVEMBER_10 = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def tab(qtbot, sqlite_shop, runner):
    from shopdesk.ui.customers.tab import CustomersTab

    build_october(sqlite_shop)
    with time_machine.travel(NOVEMBER_10, tick=True):
        Reports(sqlite_shop).set_segment_rules(SegmentRules(high_value_spent=100))
        widget = CustomersTab(sqlite_shop, runner, "en")
        qtbot.addWidget(widget)
        widget.resize(1200, 600)
        widget.show()
        qtbot.waitExposed(widget)
        yield widget


def test_the_list_shows_purchases_segments_and_masked_phones(tab) -> None:
    assert tab.count_label.text() == "4 customers"
    assert column(tab, "Customer") == ["★ 张三", "李四", "王五", "赵六"]
    assert column(tab, "Phone")[0] == "138****5678"
    assert column(tab, "Total spent")[0] == "CN¥145.00" and column(tab, "Orders")[0] == "2"
    assert column(tab, "Segment") == ["Active", "New", "New", "New"]
    assert column(tab, "Cases")[0] == "1"


def test_search_and_filters(qtbot, tab) -> None:
    tab.search.setText("1390000")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert column(tab, "Customer") == ["李四"]
    tab.search.clear()
    tab.segment.setCurrentIndex(tab.segment.findData("active"))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert column(tab, "Customer") == ["★ 张三"]
    tab.segment.setCurrentIndex(0)
    tab.high_value.setChecked(True)
    assert tab.model.rowCount() == 1


def test_the_selected_customer_shows_phones_in_full_orders_and_cases(tab) -> None:
    tab.table.selectRow(0)
    assert tab.detail is not None and tab.detail.phones == ["13812345678"]
    assert "13812345678" in tab.summary.text() and "priority service" in tab.summary.text()
    assert tab.orders.rowCount() == 2 and tab.cases.rowCount() == 1


def test_duplicates_are_merged_from_the_dialog(qtbot, tab) -> None:
    from shopdesk.ui.customers.duplicates import DuplicatesDialog

    shop = tab.customers.shop
    shop.parties.create_customer(CustomerDraft("张三 (淘宝)", phones=["+86 138 1234 5678"], channel="taobao"))
    tab.refresh()
    assert tab.model.rowCount() == 5

    def merge(dialog: DuplicatesDialog) -> None:
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))  # keep the one with the orders
        when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        dialog.merge_selected()
        assert dialog.tree.topLevelItemCount() == 0
        dialog.reject()

    when_dialog_opens(DuplicatesDialog, merge)
    with qtbot.waitSignal(tab.message) as news:
        tab.find_duplicates()
    assert news.args == ["Merged 1 duplicate customer"]
    assert tab.model.rowCount() == 4


def test_the_list_model_passes_qts_model_tester(tab) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_a_customer_channel_is_shown_in_the_shop_words(qtbot, tab) -> None:
    shop = tab.customers.shop
    shop.parties.create_customer(CustomerDraft("周七", phones=["13700001111"], channel="wechat"))
    tab.search.setText("周七")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert column(tab, "Channel") == ["WeChat"]


def test_the_accountant_reads_customers_but_cannot_tag_or_merge_them(qtbot, sqlite_shop, runner) -> None:
    from shopdesk.domain.permissions import Role
    from shopdesk.services.shop import Shop
    from shopdesk.ui.customers.tab import CustomersTab

    build_october(sqlite_shop)
    accountant = Shop(sqlite_shop.db, user="会计", role=Role.ACCOUNTANT)
    widget = CustomersTab(accountant, runner, "en")
    qtbot.addWidget(widget)
    widget.table.selectRow(0)
    assert widget.detail is not None  # reading is fine
    assert not widget.tags_button.isEnabled() and not widget.duplicates_button.isEnabled()
