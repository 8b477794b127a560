"""The Dashboard: today's work and the last 30 days at a glance, each figure a way into the filtered list."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from PySide6.QtCore import Qt

from tests.reports.shop_month import build_october

NOVEMBER_5 = dt.datetime(2026, 11, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def october_shop(sqlite_shop):
    build_october(sqlite_shop)
    with time_machine.travel(NOVEMBER_5, tick=True):
        yield sqlite_shop


@pytest.fixture
def dashboard(qtbot, october_shop, runner):
    from shopdesk.ui.dashboard.tab import DashboardTab

    tab = DashboardTab(october_shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    with qtbot.waitSignal(tab.refreshed, timeout=20_000):
        tab.show()
    return tab


def test_the_dashboard_shows_todays_work_and_recent_sales(dashboard) -> None:
    assert dashboard.to_ship.text() == "1\nOrders to ship"  # 王五's order D, allocated
    assert dashboard.overdue.value == 1 and dashboard.to_review.value == 0
    assert dashboard.sales_30.text() == "Last 30 days: CN¥200.00 in 4 orders"
    assert dashboard.sales_7.text() == "Last 7 days: CN¥25.00 in 1 order"  # E, 3 November
    series = dashboard.chart.series()[0]
    older, recent = series.barSets()
    assert older.count() == recent.count() == 30
    assert sum(older.at(n) + recent.at(n) for n in range(30)) == pytest.approx(200.0)
    assert [dashboard.top.row_at(r).sku for r in range(dashboard.top.rowCount())] == ["MUG"]


def test_each_figure_leads_to_the_filtered_list(qtbot, dashboard) -> None:
    for button, expected in (
        (dashboard.to_review, ("orders", {"bucket": "on_hold"})),
        (dashboard.to_ship, ("orders", {"bucket": "to_ship"})),
        (dashboard.low_stock, ("stock", {"below_warning": True})),
        (dashboard.overdue, ("complaints", {"due": "overdue"})),
    ):
        with qtbot.waitSignal(dashboard.link_activated) as link:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert tuple(link.args) == expected
    with qtbot.waitSignal(dashboard.link_activated) as link:
        dashboard.top_table.activated.emit(dashboard.top.index(0, 0))
    assert tuple(link.args) == ("products", {"text": "MUG"})


def test_the_main_window_opens_on_the_dashboard_and_follows_its_links(qtbot, october_shop) -> None:
    from shopdesk.ui.main_window import MainWindow

    window = MainWindow("en")
    qtbot.addWidget(window)
    window.set_shop(october_shop)
    try:
        assert window.tabs.widget(0) is window.dashboard
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles[0] == "Dashboard" and titles[-2:] == ["Customers", "Reports"]
        qtbot.waitUntil(lambda: window.dashboard.figures is not None, timeout=20_000)
        window.dashboard.link_activated.emit("orders", {"bucket": "to_ship"})
        assert window.tabs.currentWidget() is window.orders
        assert window.orders.current_filter().bucket == "to_ship"
        window.dashboard.link_activated.emit("complaints", {"due": "overdue"})
        assert window.tabs.currentWidget() is window.complaints and window.complaints.due.currentData() == "overdue"
        window.dashboard.link_activated.emit("products", {"text": "MUG"})
        assert window.tabs.currentWidget() is window.products and window.products.model.rowCount() == 1
        window.dashboard.link_activated.emit("stock", {"below_warning": True})
        assert window.tabs.currentWidget() is window.stock and window.stock.below_warning.isChecked()
    finally:
        assert window.runner.shutdown()
