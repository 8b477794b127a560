"""Products through the catalogue service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.services.catalogue import ProductFilter
from tests.factories import ean13, product


def test_create_and_read_back_a_product_with_barcodes_and_category(shop) -> None:
    code = ean13()
    pid = shop.catalogue.create_product(
        product(
            "TS-001",
            name="纯棉短袖T恤",
            alt_name="Cotton T-shirt",
            barcodes=[code, "INT-0001"],
            category_path="服装/上衣/T恤",
            price=5900,
            cost=2100,
        )
    )
    detail = shop.catalogue.get_product(pid)
    assert detail.draft.name == "纯棉短袖T恤"
    assert detail.draft.barcodes == [code, "INT-0001"]
    assert detail.draft.category_path == "服装/上衣/T恤"
    assert (detail.draft.price, detail.draft.cost) == (5900, 2100)
    assert [path for _, path in shop.catalogue.categories()] == ["服装", "服装/上衣", "服装/上衣/T恤"]


def test_sku_is_unique_whatever_the_case(shop) -> None:
    shop.catalogue.create_product(product("ab-100"))
    with pytest.raises(ValidationFailed) as err:
        shop.catalogue.create_product(product("AB-100"))
    assert err.value.for_field("sku")[0].message == "another product already has this SKU"


def test_every_problem_is_reported_at_once_and_nothing_is_saved(shop) -> None:
    bad = product("", name="x" * 300, price=-5, barcodes=["6901234567890"])
    with pytest.raises(ValidationFailed) as err:
        shop.catalogue.create_product(bad)
    fields = {p.where for p in err.value.problems}
    assert {"sku", "name", "price", "barcodes"} <= fields
    assert "check digit" in err.value.for_field("barcodes")[0].message
    assert shop.catalogue.count_products() == 0


def test_a_barcode_belongs_to_one_product(shop) -> None:
    code = ean13()
    shop.catalogue.create_product(product("A1", barcodes=[code]))
    with pytest.raises(ValidationFailed, match="already belongs to A1"):
        shop.catalogue.create_product(product("B1", barcodes=[code]))


def test_find_by_scanned_barcode_or_sku(shop) -> None:
    code = ean13()
    pid = shop.catalogue.create_product(product("Mug-7", barcodes=[code]))
    assert shop.catalogue.find_by_code(code).id == pid
    assert shop.catalogue.find_by_code("mug-7").id == pid
    assert shop.catalogue.find_by_code("nothing") is None


def test_search_finds_chinese_names_by_pinyin_initials_and_full_pinyin(shop) -> None:
    shop.catalogue.create_product(product("TS-1", name="纯棉短袖T恤"))
    shop.catalogue.create_product(product("MUG-1", name="陶瓷马克杯"))
    for typed in ("cmdx", "chunmian", "纯棉", "ts-1", "CMDX"):
        rows = shop.catalogue.list_products(ProductFilter(text=typed))
        assert [r.sku for r in rows] == ["TS-1"], typed
    assert shop.catalogue.count_products(ProductFilter(text="taoci")) == 1


def test_search_text_with_like_wildcards_is_taken_literally(shop) -> None:
    shop.catalogue.create_product(product("P_1", name="100% wool"))
    shop.catalogue.create_product(product("P-2", name="1000 wool"))
    assert [r.sku for r in shop.catalogue.list_products(ProductFilter(text="100%"))] == ["P_1"]
    assert [r.sku for r in shop.catalogue.list_products(ProductFilter(text="p_"))] == ["P_1"]


def test_list_is_paged_sorted_and_filtered_in_sql(shop) -> None:
    for i in range(25):
        shop.catalogue.create_product(
            product(
                f"S{i:03d}",
                price=100 * i,
                category_path="A/B" if i % 2 else "C",
                status=ListingStatus.LISTED if i % 3 else ListingStatus.DRAFT,
            )
        )
    page = shop.catalogue.list_products(ProductFilter(sort="price", descending=True), offset=5, limit=5)
    assert [r.price for r in page] == [1900, 1800, 1700, 1600, 1500]
    cats = dict((path, cid) for cid, path in shop.catalogue.categories())
    assert shop.catalogue.count_products(ProductFilter(category_id=cats["A"])) == 12  # includes A/B
    assert shop.catalogue.count_products(ProductFilter(status="draft")) == 9


def test_variants_hang_under_their_parent(shop) -> None:
    shop.catalogue.create_product(product("POLO", name="Polo shirt"))
    for size in ("S", "M", "L"):
        shop.catalogue.create_product(product(f"POLO-{size}", name="Polo shirt", parent_sku="POLO", variant_label=size))
    parent = shop.catalogue.find_by_code("POLO")
    assert parent.is_parent and parent.variant_skus == ["POLO-L", "POLO-M", "POLO-S"]


def test_a_second_save_of_a_stale_copy_is_refused(shop) -> None:
    pid = shop.catalogue.create_product(product("V-1", price=100))
    first = shop.catalogue.get_product(pid)
    second = shop.catalogue.get_product(pid)
    first.draft.price = 200
    shop.catalogue.update_product(pid, first.draft, first.version)
    second.draft.price = 300
    with pytest.raises(Conflict, match="changed by someone else") as refused:
        shop.catalogue.update_product(pid, second.draft, second.version)
    assert f"({shop.user} at " in str(refused.value) and ": price)" in str(refused.value)  # who, and what
    assert shop.catalogue.get_product(pid).draft.price == 200


def test_an_unused_product_is_deleted_and_archived_ones_leave_the_list(shop) -> None:
    pid = shop.catalogue.create_product(product("GONE"))
    assert shop.catalogue.remove_product(pid) == "deleted"
    pid2 = shop.catalogue.create_product(product("OLD", status=ListingStatus.LISTED))
    shop.catalogue.set_archived(pid2)
    assert shop.catalogue.count_products() == 0
    assert shop.catalogue.count_products(ProductFilter(include_archived=True)) == 1
    assert shop.catalogue.get_product(pid2).draft.status == ListingStatus.DELISTED


def test_a_parent_with_variants_is_archived_not_deleted(shop) -> None:
    parent = shop.catalogue.create_product(product("TEE"))
    shop.catalogue.create_product(product("TEE-S", parent_sku="TEE"))
    assert shop.catalogue.remove_product(parent) == "archived"


def test_emoji_and_right_to_left_names_are_kept_but_direction_overrides_refused(shop) -> None:
    pid = shop.catalogue.create_product(product("EMO", name="Party mug 🎉 كوب"))
    assert shop.catalogue.get_product(pid).draft.name == "Party mug 🎉 كوب"
    with pytest.raises(ValidationFailed, match="text-direction"):
        shop.catalogue.create_product(product("RTL", name="abc\u202edef"))
    with pytest.raises(ValidationFailed) as err:
        shop.catalogue.create_product(product("SKU🎉"))
    assert err.value.for_field("sku")


def test_price_and_cost_edits_are_in_the_audit_trail_with_old_and_new_values(shop) -> None:
    from shopdesk.services.audit import AuditFilter, events

    pid = shop.catalogue.create_product(product("AUD-1", price=1000, cost=400))
    detail = shop.catalogue.get_product(pid)
    detail.draft.price, detail.draft.cost = 1200, 450
    shop.catalogue.update_product(pid, detail.draft, detail.version)
    shop.catalogue.set_archived(pid)
    trail = events(shop.db, AuditFilter(entity="product", entity_id=pid))
    assert [e.action for e in trail] == ["archived", "edited", "created"]
    assert trail[1].changes == {"price": [1000, 1200], "cost": [400, 450]}
    assert trail[1].user == "tester" and trail[1].entity_label == "AUD-1"
    assert trail[0].changes == {"status": ["listed", "delisted"], "archived": [False, True]}


def test_a_price_beyond_what_the_column_holds_is_refused_with_a_message(shop) -> None:
    with pytest.raises(ValidationFailed, match="unrealistically large"):
        shop.catalogue.create_product(product("BIG", price=2**31))
    shop.catalogue.create_product(product("MAX", price=2**31 - 1))
    assert shop.catalogue.find_by_code("MAX").draft.price == 2**31 - 1
