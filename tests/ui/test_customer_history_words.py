"""A customer's purchase history and cases speak the shop's words, not the stored codes (shipped, paid, quality)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from PySide6.QtCore import Qt

from shopdesk.ui.i18n import CHINESE, ENGLISH, install_translations, remove_translations
from tests.reports.shop_month import build_october

NOVEMBER_10 = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC)
# 张三's two October orders (one with a returned and refunded T-shirt) and his complaint about it.
WORDS = {
    ENGLISH: {"status": {"Completed", "Shipped"}, "payment": {"Paid"}, "class": ["Product quality"]},
    CHINESE: {"status": {"已完成", "已发货"}, "payment": {"已付款"}, "class": ["产品质量"]},
}


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request, qapp) -> Iterator[str]:
    translators = install_translations(qapp, request.param) if request.param == CHINESE else []
    yield request.param
    remove_translations(qapp, translators)


def cells(model, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = titles.index(title)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_history_of_a_customer_reads_in_the_shops_words(qtbot, sqlite_shop, runner, language: str) -> None:
    from shopdesk.ui.customers.tab import CustomersTab

    build_october(sqlite_shop)
    with time_machine.travel(NOVEMBER_10, tick=True):
        tab = CustomersTab(sqlite_shop, runner, language)
        qtbot.addWidget(tab)
        tab.table.selectRow(0)
    assert tab.detail is not None and tab.detail.row.name == "张三"
    zh = language == CHINESE
    words = WORDS[language]
    statuses = set(cells(tab.orders, "状态" if zh else "Status"))
    assert statuses and statuses <= words["status"]
    payments = set(cells(tab.orders, "付款状态" if zh else "Payment"))  # one order paid, one partly refunded
    assert words["payment"] <= payments and not payments & {"paid", "partially_refunded", "refunded"}
    assert cells(tab.cases, "分类" if zh else "Class") == words["class"]
    case_status = cells(tab.cases, "状态" if zh else "Status")
    stored = {"new", "confirmed", "investigating", "solution_agreed", "in_progress", "awaiting_customer", "closed"}
    assert case_status and not set(case_status) & stored
