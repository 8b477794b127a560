"""The demo shop (`shopdesk demo`), as a new shop owner would look at it, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from stdnum import ean

from shopdesk.db.models import (
    Barcode,
    Category,
    Customer,
    CustomerAddress,
    CustomerPhone,
    Location,
    Product,
    ProductSupplier,
    StockBalance,
    StockLevel,
    StockMove,
    Supplier,
)
from shopdesk.domain.barcodes import EAN13, classify
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.domain.search import pinyin_forms
from shopdesk.services import audit
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.catalogue_editing import product_search_key
from shopdesk.services.demo import build_demo
from shopdesk.services.shop import Shop
from tests.factories import product

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
HAN = re.compile(r"[\u3400-\u9fff]")
PRODUCT_COLUMNS = (
    "id", "sku", "name", "alt_name", "variant_label", "price", "cost", "weight_g", "status", "tags", "unit",
    "is_parent", "search_text", "version", "created_at",
)  # fmt: skip


def products_of(shop: Shop) -> list[dict]:
    """Every product as the owner sees it: parent SKU, category path, barcodes."""
    parent = aliased(Product)
    columns = [getattr(Product, c) for c in PRODUCT_COLUMNS]
    with shop.db.read() as conn:
        rows = conn.execute(
            select(*columns, parent.sku.label("parent_sku"), Category.path.label("category"))
            .outerjoin(parent, Product.parent_id == parent.id)
            .outerjoin(Category, Product.category_id == Category.id)
            .order_by(Product.sku_key)
        ).all()
        codes = defaultdict(list)
        for product_id, code in conn.execute(select(Barcode.product_id, Barcode.code).order_by(Barcode.code)):
            codes[product_id].append(code)
    return [{**r._asdict(), "barcodes": codes[r.id]} for r in rows]


def test_the_demo_has_exactly_the_products_asked_for_and_says_what_it_made(shop) -> None:
    seen = []
    summary = build_demo(
        shop, products=250, customers=40, now=NOW, progress=lambda stage, done, total: seen.append((stage, done, total))
    )
    assert shop.catalogue.count_products() == summary.products == 250
    assert summary.styles + summary.variants + summary.single_items == 250
    assert summary.barcodes == summary.variants + summary.single_items
    assert (summary.customers, summary.suppliers, summary.warehouses) == (40, 8, 2)
    assert ("products", 250, 250) in seen and ("customers", 40, 40) in seen
    assert seen[-1] == ("stock", summary.stock_moves, summary.stock_moves)


def test_the_same_seed_gives_the_same_catalogue_on_any_database(shop, tmp_path: Path) -> None:
    build_demo(shop, products=200, seed=7, now=NOW)
    again, _ = Shop.open(str(tmp_path / "again.sqlite"))
    build_demo(again, products=200, seed=7, now=NOW)
    other, _ = Shop.open(str(tmp_path / "other.sqlite"))
    build_demo(other, products=200, seed=8, now=NOW)
    try:
        ignore_ids = [{k: v for k, v in p.items() if k != "id"} for p in products_of(shop)]
        assert ignore_ids == [{k: v for k, v in p.items() if k != "id"} for p in products_of(again)]
        assert [p["name"] for p in products_of(other)] != [p["name"] for p in products_of(again)]
    finally:
        again.close()
        other.close()


def test_every_sellable_sku_has_one_valid_chinese_ean13_and_styles_have_none(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    products = products_of(shop)
    codes = [code for p in products for code in p["barcodes"]]
    assert len(codes) == len(set(codes))
    for p in products:
        if p["is_parent"]:
            assert p["barcodes"] == [], p["sku"]
            continue
        [code] = p["barcodes"]
        assert classify(code) == EAN13 and ean.is_valid(code), code
        assert "690" <= code[:3] <= "699", code  # GS1 China
    with shop.db.read() as conn:
        assert set(conn.execute(select(Barcode.kind)).scalars()) == {EAN13}


def test_the_category_tree_has_three_levels_and_products_sit_on_the_third(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    with shop.db.read() as conn:
        categories = {c.path: c for c in conn.execute(select(Category))}
    tops = {path for path in categories if "/" not in path}
    assert tops == {"服装", "家居", "文具", "数码配件", "美妆个护"}
    for path, category in categories.items():
        parent_path, _, name = path.rpartition("/")
        assert category.name == name
        assert category.parent_id == (categories[parent_path].id if parent_path else None), path
    assert {p["category"].count("/") for p in products_of(shop)} == {2}
    assert "服装/上衣/T恤" in categories


def test_styles_group_variants_with_distinct_size_and_colour_labels(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    products = products_of(shop)
    by_sku = {p["sku"]: p for p in products}
    variants = defaultdict(list)
    for p in products:
        if p["parent_sku"]:
            variants[p["parent_sku"]].append(p)
    parents = [p for p in products if p["is_parent"]]
    assert parents and set(variants) == {p["sku"] for p in parents}
    for parent_sku, items in variants.items():
        parent = by_sku[parent_sku]
        labels = [v["variant_label"] for v in items]
        assert len(items) >= 2 and len(set(labels)) == len(labels) and all(labels), parent_sku
        for v in items:
            assert v["sku"].startswith(parent_sku + "-")
            assert (v["name"], v["category"]) == (parent["name"], parent["category"])
    shirts = [v for p in parents if p["category"] == "服装/上衣/T恤" for v in variants[p["sku"]]]
    assert shirts, "a clothing shop sells T-shirts"
    for shirt in shirts:  # TS-1001-BLK-M is 黑色 / M
        assert re.fullmatch(r"TS-\d{4,}-[A-Z]{3}-(S|M|L|XL|XXL)", shirt["sku"]), shirt["sku"]
        colour, size = shirt["variant_label"].split(" / ")
        assert colour.endswith("色") and shirt["sku"].endswith("-" + size)
    detail = shop.catalogue.get_product(by_sku[shirts[0]["parent_sku"]]["id"])
    assert detail.is_parent and shirts[0]["sku"] in detail.variant_skus


def test_names_are_chinese_with_an_english_second_name(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    for p in products_of(shop):
        assert HAN.search(p["name"]), p["name"]
        assert p["alt_name"].isascii() and re.search(r"[A-Za-z]{4}", p["alt_name"]), p["alt_name"]


def test_prices_costs_and_weights_look_like_a_real_shop(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    products = products_of(shop)
    for p in products:
        assert isinstance(p["price"], int) and p["price"] >= 500, p["sku"]  # fen, from 5.00 yuan up
        assert 35 * p["price"] <= 100 * p["cost"] <= 60 * p["price"], p["sku"]
        assert p["weight_g"] > 0 and p["version"] == 1
    statuses = Counter(p["status"] for p in products if not p["is_parent"])
    assert statuses["listed"] > statuses["draft"] + statuses["delisted"]
    assert statuses["draft"] and statuses["delisted"]
    assert any(p["tags"] for p in products)


def test_each_demo_product_history_starts_with_its_creation_by_whoever_ran_the_demo(shop) -> None:
    build_demo(shop, products=60, now=NOW)
    events = audit.events(shop.db, audit.AuditFilter(entity="product"), limit=1000)
    assert len(events) == 60 and {(e.action, e.user) for e in events} == {("created", "tester")}
    for event in events[:10]:
        product = shop.catalogue.get_product(event.entity_id)
        assert event.entity_label == product.draft.sku and event.at < NOW
        assert event.changes["price"] == [None, product.draft.price]


def test_a_clerk_finds_a_demo_product_by_pinyin_initials_and_saving_it_keeps_its_search_key(shop) -> None:
    build_demo(shop, products=200, now=NOW)
    products = products_of(shop)
    for p in products:
        # The key is the one the catalogue computes on save, so editing a demo product changes nothing.
        assert p["search_text"] == product_search_key(shop.catalogue.get_product(p["id"]).draft), p["sku"]
    shirt = next(p for p in products if p["category"] == "服装/上衣/T恤" and not p["is_parent"])
    initials = pinyin_forms(shirt["name"])[1]
    found = shop.catalogue.list_products(ProductFilter(text=initials), limit=1000)
    assert shirt["sku"] in {r.sku for r in found}
    assert all(HAN.search(r.name) for r in found)


def test_two_warehouses_with_zones_and_bins_along_a_walking_route(shop) -> None:
    with shop.db.read() as conn:
        virtual_before = conn.execute(select(func.count()).select_from(Location)).scalar_one()
    summary = build_demo(shop, products=300, now=NOW)
    with shop.db.read() as conn:
        locations = list(conn.execute(select(Location).where(Location.kind.in_(("warehouse", "zone", "bin")))))
        assert conn.execute(select(func.count()).select_from(Location)).scalar_one() == virtual_before + len(locations)
    warehouses = {loc.code: loc for loc in locations if loc.kind == "warehouse"}
    assert set(warehouses) == {"WH1", "WH2"}
    assert "主仓" in warehouses["WH1"].name and "分仓" in warehouses["WH2"].name
    assert summary.bins == sum(1 for loc in locations if loc.kind == "bin")
    for code, warehouse in warehouses.items():
        zones = {z.id: z for z in locations if z.kind == "zone" and z.warehouse_id == warehouse.id}
        assert sorted(z.code for z in zones.values()) == ["A", "B", "C"]
        assert all(z.parent_id == warehouse.id and z.path == f"{code}/{z.code}" for z in zones.values())
        bins = sorted(
            (b for b in locations if b.kind == "bin" and b.warehouse_id == warehouse.id), key=lambda b: b.pick_order
        )
        assert bins and all(b.parent_id in zones for b in bins)
        assert [b.pick_order for b in bins] == list(range(1, len(bins) + 1))
        for b in bins:
            zone = zones[b.parent_id]
            assert re.fullmatch(rf"{zone.code}-\d\d-\d\d", b.code) and b.path == f"{zone.path}/{b.code}"
        walk = [b.code.rsplit("-", 1)[0] for b in bins]  # zone-aisle, in picking order
        # Zone after zone, each aisle walked end to end once, ..., B-01, ...
        assert walk == sorted(walk) and len(set(walk)) == len(list(dict.fromkeys(walk)))
        first_aisle = [b.code for b in bins if b.code.startswith("A-01-")]
        second_aisle = [b.code for b in bins if b.code.startswith("A-02-")]
        assert first_aisle == sorted(first_aisle) and second_aisle == sorted(second_aisle, reverse=True)


def test_the_shop_opens_with_stock_in_the_bins_counted_the_day_before_its_history(shop) -> None:
    summary = build_demo(shop, products=200, now=NOW)
    with shop.db.read() as conn:
        moves = list(conn.execute(select(StockMove)))
        bins = {b.id: b.warehouse_id for b in conn.execute(select(Location).where(Location.kind == "bin"))}
        on_hand = conn.execute(
            select(func.sum(StockBalance.on_hand)).where(StockBalance.location_id.in_(bins))
        ).scalar()
    sellable = {p["id"]: p for p in products_of(shop) if not p["is_parent"]}
    assert len(moves) == summary.stock_moves and on_hand == summary.stock_units > 0
    assert {m.kind for m in moves} == {"opening"} and {m.moved_at for m in moves} == {NOW - timedelta(days=91)}
    assert all(m.to_location_id in bins and m.product_id in sellable for m in moves)
    assert all(m.value == m.quantity * sellable[m.product_id]["cost"] for m in moves)  # valued at cost
    stocked = {m.product_id for m in moves}
    assert len(stocked) > len(sellable) / 2
    assert all(sellable[pid]["created_at"] < NOW - timedelta(days=91) for pid in stocked)


def test_warning_lines_are_set_on_most_products_so_the_low_stock_alert_has_something_to_say(shop) -> None:
    summary = build_demo(shop, products=200, now=NOW)
    with shop.db.read() as conn:
        levels = conn.execute(select(StockLevel.product_id, StockLevel.warning_line, StockLevel.safety_stock)).all()
    sellable = [p for p in products_of(shop) if not p["is_parent"]]
    assert len(levels) == summary.warning_lines and len(sellable) / 2 < len(levels) < len(sellable)
    assert all(line >= 1 and safety == line // 2 for _, line, safety in levels)
    low = shop.reordering.low_stock()
    assert low, "the products that opened with nothing are below their line"
    assert all(row.available <= row.warning_line for row in low)


def test_suppliers_with_lead_times_supply_every_sellable_sku(shop) -> None:
    build_demo(shop, products=300, now=NOW)
    with shop.db.read() as conn:
        suppliers = {s.id: s for s in conn.execute(select(Supplier))}
        links = list(conn.execute(select(ProductSupplier)))
    assert 5 <= len(suppliers) <= 8
    assert all(HAN.search(s.name) and 3 <= s.lead_time_days <= 30 for s in suppliers.values())
    products = {p["id"]: p for p in products_of(shop)}
    by_product = defaultdict(list)
    for link in links:
        by_product[link.product_id].append(link)
        assert 3 <= link.lead_time_days <= 30 and link.supplier_sku
    assert set(by_product) == {pid for pid, p in products.items() if not p["is_parent"]}
    for pid, its_links in by_product.items():
        [preferred] = [link for link in its_links if link.preferred]
        assert preferred.cost == products[pid]["cost"]
        assert all(other.cost > preferred.cost for other in its_links if not other.preferred)
    assert any(len(its_links) == 2 for its_links in by_product.values())


def test_customers_have_phones_and_addresses_in_china_and_abroad(shop) -> None:
    build_demo(shop, products=300, customers=150, now=NOW)
    with shop.db.read() as conn:
        customers = {c.id: c for c in conn.execute(select(Customer))}
        phones = defaultdict(list)
        for cid, phone in conn.execute(select(CustomerPhone.customer_id, CustomerPhone.phone)):
            phones[cid].append(phone)
        addresses = defaultdict(list)
        for a in conn.execute(select(CustomerAddress).order_by(CustomerAddress.id)):
            addresses[a.customer_id].append(a)
    assert len(customers) == 150 and set(phones) == set(addresses) == set(customers)
    countries = Counter(a.country for rows in addresses.values() for a in rows)
    assert countries["CN"] > 100 and set(countries) - {"CN"} and set(countries) <= {"CN", "DE", "US", "JP"}
    for cid, rows in addresses.items():
        assert [a.is_default for a in rows] == [True] + [False] * (len(rows) - 1)
        home = rows[0]
        if home.country == "CN":
            assert HAN.search(customers[cid].name)
            assert all(re.fullmatch(r"1[3-9]\d{9}", p) for p in phones[cid]), phones[cid]
            assert all(a.province and a.city and a.district and a.street and a.postcode for a in rows)
        else:
            assert phones[cid][0].startswith("+") and home.city and home.street and home.postcode
        assert all(c.version == 1 and c.created_at < NOW for c in customers.values())
    assert any(len(rows) == 2 for rows in addresses.values())


def test_a_shop_with_products_is_refused_unless_forced_and_then_its_products_stay(shop) -> None:
    own = shop.catalogue.create_product(product("TS-1001", name="店主自己的T恤"))
    with pytest.raises(Conflict, match="already has 1 product"):
        build_demo(shop, products=50, now=NOW)
    with shop.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(Supplier)).scalar_one() == 0
    assert shop.catalogue.count_products() == 1

    summary = build_demo(shop, products=50, now=NOW, force=True)
    assert shop.catalogue.count_products() == 51
    assert shop.catalogue.get_product(own).draft.name == "店主自己的T恤"
    # A second forced run reuses suppliers and warehouses and steps around the SKUs and barcodes taken.
    build_demo(shop, products=50, now=NOW, force=True)
    assert shop.catalogue.count_products() == 101
    with shop.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(Supplier)).scalar_one() == summary.suppliers
        bins = conn.execute(select(func.count()).select_from(Location).where(Location.kind == "bin")).scalar_one()
    assert bins == summary.bins


def test_a_negative_count_is_refused(shop) -> None:
    with pytest.raises(ValidationFailed) as err:
        build_demo(shop, products=-1, customers=-5)
    assert {p.where for p in err.value.problems} == {"products", "customers"}
    assert shop.catalogue.count_products() == 0
