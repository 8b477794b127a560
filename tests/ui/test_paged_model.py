"""The paged table model: Qt's model tester, and pages read only when seen."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.services.catalogue import ProductFilter
from shopdesk.ui.models.paged_table import PagedTableModel
from shopdesk.ui.products.source import ProductSource, product_columns
from shopdesk.ui.widgets.money import MoneyFormat
from tests.factories import product


class RecordingSource(ProductSource):
    """The real product source, noting which pages the model asked for."""

    def __init__(self, catalogue):
        super().__init__(catalogue)
        self.pages: list[int] = []

    def page(self, flt, offset, limit):
        self.pages.append(offset)
        return super().page(flt, offset, limit)


@pytest.fixture
def catalogue_of_60(sqlite_shop):
    for n in range(60):
        status = ListingStatus.DRAFT if n % 5 == 0 else ListingStatus.LISTED
        name = "纯棉短袖T恤" if n % 2 else "Linen shirt"
        sqlite_shop.catalogue.create_product(product(f"P-{n:03d}", name=name, price=100 + n, status=status))
    return sqlite_shop


def model_over(shop, **kwargs) -> tuple[PagedTableModel, RecordingSource]:
    source = RecordingSource(shop.catalogue)
    columns = product_columns(MoneyFormat("CNY", 2, "en_US"))
    return PagedTableModel(source, columns, ProductFilter(), **kwargs), source


def test_the_product_model_passes_qts_model_tester_through_filters_and_sorts(qtbot, catalogue_of_60) -> None:
    model, _ = model_over(catalogue_of_60, page_size=8, cached_pages=2)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for flt in (
        ProductFilter(text="cmdx"),
        ProductFilter(text="linen", sort="price", descending=True),
        ProductFilter(status="draft"),
        ProductFilter(text="no such thing"),
        ProductFilter(),
    ):
        model.set_filter(flt)
        assert model.rowCount() == catalogue_of_60.catalogue.count_products(flt)
    model.sort(4, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "P-059"


def test_only_the_pages_asked_for_are_read_and_a_few_are_kept(catalogue_of_60) -> None:
    model, source = model_over(catalogue_of_60, page_size=10, cached_pages=2)
    assert model.rowCount() == 60
    assert source.pages == []
    assert model.index(32, 0).data() == "P-032"
    assert model.index(39, 0).data() == "P-039"
    assert source.pages == [30]
    model.index(0, 0).data()
    model.index(59, 0).data()
    model.index(32, 0).data()  # the page at 30 was dropped for the two read since
    assert source.pages == [30, 0, 50, 30]


def test_a_new_filter_or_sort_counts_again_and_forgets_the_pages(qtbot, catalogue_of_60) -> None:
    model, source = model_over(catalogue_of_60, page_size=50)
    model.index(0, 0).data()
    with qtbot.waitSignal(model.count_changed) as counted:
        model.set_filter(dataclasses.replace(model.filter, text="chunmian"))
    assert counted.args == [30]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert (model.filter.sort, model.filter.descending) == ("sku", True)
    assert model.index(0, 0).data() == "P-059"
    assert source.pages == [0, 0]


def test_sorting_by_a_column_without_a_sort_key_changes_nothing(small_shop) -> None:
    model, _ = model_over(small_shop)
    barcode = [c.title for c in model.columns].index("Barcode")
    model.sort(barcode)
    assert model.filter == ProductFilter()


def test_the_in_memory_list_model_passes_qts_model_tester(qtbot) -> None:
    """ListTableModel backs the detail panes (a product's moves, a purchase order's lines, top products)."""
    from PySide6.QtGui import QColor

    from shopdesk.ui.models.paged_table import Column
    from shopdesk.ui.stock.list_model import ListTableModel

    columns = [Column("SKU", lambda r: r[0]), Column("Qty", lambda r: str(r[1]), numeric=True)]
    model = ListTableModel(columns, highlight=lambda r: QColor("red") if r[1] < 0 else None)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows([("MUG", 3), ("TEE", -1)])
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.data(model.index(1, 1)) == "-1" and model.data(model.index(1, 1), Qt.ItemDataRole.ForegroundRole)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "SKU"
    model.set_rows([])
    assert model.rowCount() == 0 and model.row_at(0) is None
