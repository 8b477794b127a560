"""Fixtures for the Qt client: a small shop with Chinese and English products, a task runner, the tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.ui.i18n import ENGLISH, install_translations, remove_translations
from shopdesk.ui.tasks import TaskRunner
from tests.factories import ean13, product

W = TypeVar("W", bound=QWidget)


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    """The UI in English, as the app starts on an English system (with the English plural forms)."""
    translators = install_translations(qapp, ENGLISH)
    yield
    remove_translations(qapp, translators)


@pytest.fixture
def small_shop(sqlite_shop):
    """Four products: two clothes (one a draft), a mug, and an English-named shirt."""
    add = sqlite_shop.catalogue.create_product
    add(
        product(
            "TS-001",
            name="纯棉短袖T恤",
            alt_name="Cotton T-shirt",
            category_path="服装/上衣/T恤",
            price=5900,
            barcodes=[ean13()],
        )
    )
    add(
        product(
            "TS-002",
            name="纯棉短袖T恤",
            variant_label="红色 / M",
            category_path="服装/上衣/T恤",
            price=6900,
            status=ListingStatus.DRAFT,
        )
    )
    add(product("MUG-001", name="陶瓷马克杯", alt_name="Ceramic mug", category_path="家居/杯子", price=2500))
    add(product("LS-001", name="Linen shirt", alt_name="亚麻衬衫", category_path="服装/上衣", price=12900))
    return sqlite_shop


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    yield runner
    assert runner.shutdown(), "a background task was still running after the test"


@pytest.fixture
def products_tab(qtbot, small_shop, runner):
    from shopdesk.ui.products.tab import ProductsTab

    tab = ProductsTab(small_shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1100, 500)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def visible_rows(tab) -> list[list[str]]:
    model = tab.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def column(tab, title: str) -> list[str]:
    titles = [c.title for c in tab.model.columns]
    return [row[titles.index(title)] for row in visible_rows(tab)]


def when_dialog_opens(kind: type[W], act: Callable[[W], None]) -> list[W]:
    """Run act(dialog) as soon as a modal dialog of that kind opens (exec() blocks the test meanwhile)."""
    seen: list[W] = []

    def poll(tries_left: int = 1500) -> None:  # 30 s: a busy machine is slow
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        elif tries_left:
            QTimer.singleShot(20, lambda: poll(tries_left - 1))

    QTimer.singleShot(0, poll)
    return seen
