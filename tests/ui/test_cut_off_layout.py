"""At 1600×1000, in English and in Chinese, nothing the shop needs is cut off or pushed out of sight:
the report names, the customers' Last purchase and Segment, the case's buttons and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget

from shopdesk.domain.aftersales import Closing
from shopdesk.services.parties import Address, CustomerDraft
from shopdesk.ui.i18n import CHINESE, ENGLISH, install_translations, remove_translations
from tests.reports.shop_month import build_october

NOVEMBER_10 = dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC)
SCREEN = (1600, 960)  # a 1600×1000 window less its menu and status bars


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request, qapp) -> Iterator[str]:
    translators = install_translations(qapp, request.param) if request.param == CHINESE else []
    yield request.param
    remove_translations(qapp, translators)


@pytest.fixture
def october(sqlite_shop):
    build_october(sqlite_shop)
    with time_machine.travel(NOVEMBER_10, tick=True):
        yield sqlite_shop


def on_screen(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*SCREEN)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fresh_layout(tmp_path: Path) -> QSettings:
    """Nothing saved yet: the tab lays itself out for the first time."""
    return QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)


def test_every_report_name_is_shown_whole(qtbot, october, runner, language: str) -> None:
    from shopdesk.ui.reports.tab import ReportsTab

    tab = on_screen(qtbot, ReportsTab(october, runner, language))
    kinds = tab.kinds
    for row in range(kinds.count()):
        item = kinds.item(row)
        text_width = kinds.fontMetrics().horizontalAdvance(item.text())
        assert kinds.visualItemRect(item).width() >= text_width, item.text()
        assert kinds.visualItemRect(item).right() <= kinds.viewport().width(), item.text()


def test_a_narrowed_report_list_wraps_the_names_instead_of_cutting_them(qtbot, october, runner) -> None:
    from shopdesk.ui.reports.tab import ReportsTab

    tab = on_screen(qtbot, ReportsTab(october, runner, ENGLISH))
    splitter = tab.kinds.parentWidget()
    splitter.setSizes([150, SCREEN[0] - 150])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tab.kinds.width() <= 160)
    sales = tab.kinds.item(tab.kinds.count() - 1)
    rect = tab.kinds.visualItemRect(sales)
    assert rect.right() <= tab.kinds.viewport().width()
    assert rect.height() > tab.kinds.fontMetrics().height() * 1.5  # on two lines or more


def test_the_customer_list_shows_last_purchase_and_segment_without_scrolling(
    qtbot, october, runner, language: str, tmp_path: Path
) -> None:
    from shopdesk.ui.customers.tab import CustomersTab

    # Long names and regions, as a shop that sells abroad has them.
    october.parties.create_customer(
        CustomerDraft(
            "Maximilian Alexander von Hohenberg-Schwarzenfels",
            phones=["+49 151 2345 6978"],
            addresses=[
                Address(
                    "Max",
                    country="DE",
                    province="Nordrhein-Westfalen",
                    city="Mönchengladbach-Rheydt",
                    street="Hauptstraße 1",
                )
            ],
            channel="website",
        )
    )
    tab = CustomersTab(october, runner, language)
    tab.restore_layout(fresh_layout(tmp_path))
    on_screen(qtbot, tab)
    table = tab.table
    titles = [tab.model.headerData(c, table.horizontalHeader().orientation()) for c in range(tab.model.columnCount())]
    wanted = ("Last purchase", "Segment") if language == ENGLISH else ("最近购买", "客户分层")
    for title in wanted:
        column = titles.index(title)
        assert table.columnViewportPosition(column) >= 0, title
        assert table.columnViewportPosition(column) + table.columnWidth(column) <= table.viewport().width(), title
    # ... and the customer's purchase history beside it shows its Payment column too.
    tab.table.selectRow(0)
    history = tab.orders_view
    last = tab.orders.columnCount() - 1
    assert history.columnViewportPosition(last) + 10 <= history.viewport().width()


def test_the_case_beside_the_queue_fits_its_pane(qtbot, october, runner, language: str) -> None:
    from shopdesk.ui.complaints.tab import ComplaintsTab

    case = october.aftersales.list_cases()[0]  # the return of October, closed: Reopen is offered
    october.aftersales.start(case.number)
    october.aftersales.close(case.number, Closing(result_told=True, satisfaction=5), "settled")
    tab = on_screen(qtbot, ComplaintsTab(october, runner, language))
    tab.view.load(case.number)
    pane = tab.splitter.widget(1)
    assert isinstance(pane, QScrollArea)
    for width in (None, 330):  # as it opens, and narrowed by the person
        if width is not None:
            tab.splitter.setSizes([SCREEN[0] - width, width])
        qtbot.waitUntil(lambda: pane.horizontalScrollBar().maximum() == 0)
        view = tab.view
        for key in ("close", "reopen", "attach", "comment"):
            button: QPushButton = view.buttons[key]
            right = button.mapTo(view, button.rect().topRight()).x()
            assert right < view.width(), (width, key)
        assert tab.view.buttons["reopen"].isEnabled()
        evidence = view.evidence
        assert evidence.mapTo(view, evidence.rect().topRight()).x() < view.width()
