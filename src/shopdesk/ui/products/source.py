"""The product list's rows: where they come from (the catalogue) and how each column shows them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.services.catalogue import Catalogue, ProductFilter, ProductRow
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.widgets.money import MoneyFormat

STATUS_LABELS = {
    ListingStatus.DRAFT: QT_TRANSLATE_NOOP("ProductStatus", "Draft"),
    ListingStatus.LISTED: QT_TRANSLATE_NOOP("ProductStatus", "Listed"),
    ListingStatus.DELISTED: QT_TRANSLATE_NOOP("ProductStatus", "Delisted"),
}
ARCHIVED_LABEL = QT_TRANSLATE_NOOP("ProductStatus", "Archived")
translate = QCoreApplication.translate


def status_label(status: str) -> str:
    """草稿 / 上架 / 下架 in Chinese; the stored value if it is unknown."""
    text = STATUS_LABELS.get(status)  # type: ignore[call-overload]
    return translate("ProductStatus", text) if text else status


class ProductSource:
    """count/page for PagedTableModel over the catalogue.

    A search that matches few products comes back with their ids in list order
    (Catalogue.match_products), so its pages are read by id instead of searching again.
    """

    def __init__(self, catalogue: Catalogue):
        self._catalogue = catalogue
        self._few: tuple[ProductFilter, list[int]] | None = None

    def count(self, flt: ProductFilter) -> int:
        matches = self._catalogue.match_products(flt)
        self._few = None if matches.ids is None else (flt, matches.ids)
        return matches.count

    def page(self, flt: ProductFilter, offset: int, limit: int) -> Sequence[ProductRow]:
        if self._few is not None and self._few[0] == flt:
            return self._catalogue.products_by_id(self._few[1][offset : offset + limit])
        return self._catalogue.list_products(flt, offset, limit)


def product_columns(money: MoneyFormat, *, costs: bool = True) -> list[Column[ProductRow]]:
    """The list's columns; without `costs` (a role that may not see them) there is no Cost column."""
    archived = translate("ProductStatus", ARCHIVED_LABEL)
    columns = [
        Column(translate("ProductColumns", "SKU"), lambda r: r.sku, "sku"),
        Column(
            translate("ProductColumns", "Name"),
            lambda r: f"{r.name}  ·  {r.variant_label}" if r.variant_label else r.name,
            "name",
        ),
        Column(translate("ProductColumns", "Second name"), lambda r: r.alt_name),
        Column(translate("ProductColumns", "Category"), lambda r: r.category, "category"),
        Column(translate("ProductColumns", "Price"), lambda r: money(r.price), "price", numeric=True),
        Column(
            translate("ProductColumns", "Cost"), lambda r: "" if r.cost is None else money(r.cost), "cost", numeric=True
        ),
        Column(
            translate("ProductColumns", "Status"),
            lambda r: archived if r.archived else status_label(r.status),
            "status",
        ),
        Column(translate("ProductColumns", "Barcode"), lambda r: r.barcode),
    ]
    return columns if costs else [c for c in columns if c.sort_key != "cost"]
