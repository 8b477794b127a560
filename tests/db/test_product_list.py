"""The product list's quick search path (match_products + products_by_id) agrees with count and pages."""

from __future__ import annotations

import pytest

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.services.catalogue import ProductFilter
from tests.factories import ean13, product


@pytest.fixture
def tees_and_mugs(shop):
    for n in range(6):
        shop.catalogue.create_product(
            product(
                f"TS-{n}", name="纯棉短袖T恤", variant_label=f"{n}号", price=5900 - n * 100, category_path="服装/T恤"
            )
        )
    for n in range(3):
        shop.catalogue.create_product(product(f"MUG-{n}", name="陶瓷马克杯", price=2500 + n, barcodes=[ean13()]))
    shop.catalogue.create_product(product("TS-OLD", name="纯棉短袖T恤 旧款", status=ListingStatus.DELISTED))
    shop.catalogue.set_archived(shop.catalogue.find_by_code("TS-OLD").id)
    return shop


@pytest.mark.parametrize("few", [2, 3, 100])
@pytest.mark.parametrize(
    "flt",
    [
        ProductFilter(text="cmdx"),
        ProductFilter(text="cmdx", sort="price"),
        ProductFilter(text="chunmian", sort="sku", descending=True),
        ProductFilter(text="cmdx", include_archived=True),
        ProductFilter(text="t", sort="name"),
        ProductFilter(text="nothing like it"),
        ProductFilter(),
    ],
)
def test_search_counts_and_orders_as_the_paged_list_does(tees_and_mugs, flt, few) -> None:
    catalogue = tees_and_mugs.catalogue
    matches = catalogue.match_products(flt, few=few)
    every_row = catalogue.list_products(flt, 0, 1000)
    assert matches.count == catalogue.count_products(flt) == len(every_row)
    if matches.ids is not None:
        assert matches.count <= few
        assert matches.ids == [r.id for r in every_row]
        assert catalogue.products_by_id(matches.ids) == every_row


def test_a_few_matches_come_back_with_their_ids_so_pages_need_no_second_search(tees_and_mugs) -> None:
    matches = tees_and_mugs.catalogue.match_products(ProductFilter(text="taoci", sort="price", descending=True))
    rows = tees_and_mugs.catalogue.products_by_id(matches.ids)
    assert [r.sku for r in rows] == ["MUG-2", "MUG-1", "MUG-0"]
    assert all(r.barcode for r in rows)


def test_rows_deleted_since_the_search_are_left_out(tees_and_mugs) -> None:
    catalogue = tees_and_mugs.catalogue
    ids = catalogue.match_products(ProductFilter(text="taoci")).ids
    catalogue.remove_product(ids[1])
    assert [r.id for r in catalogue.products_by_id(ids)] == [ids[0], ids[2]]
