"""The search field finds through the trigram index exactly what a plain LIKE over every row finds.

On SQLite the index is an FTS5 trigram table kept in step by triggers, on
PostgreSQL a pg_trgm GIN index; both must give the rows the scan gives, for
Chinese names, pinyin, SKUs and barcodes, LIKE's own wildcards typed as text,
and after products are renamed or deleted.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, text

from shopdesk.db import migrate, search_index
from shopdesk.db.database import Database
from shopdesk.db.models import Barcode, Product
from shopdesk.db.models.orders import SalesOrder
from shopdesk.db.search_index import FTS_TABLES, like_pattern
from shopdesk.domain.search import normalize_query, search_key
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from tests.factories import ean13, product
from tests.order_helpers import NANJING, SHANGHAI, draft, stocked_shop

NAMES = [
    "纯棉短袖T恤",
    "陶瓷马克杯",
    "Slim Jeans 修身牛仔裤",
    "女士拉链开衫卫衣",
    "Müller Straße Tasse",
    '100% cotton_tee \\ "quoted" *star*',
    "ΣΊΣΥΦΟΣ mug",
    "速干中性笔 0.38mm 10支装",
]
# What clerks type: pinyin initials and full pinyin, SKU and barcode pieces, LIKE's wildcards as text.
TYPED = ["cmdx", "chunmian", "cmd", "马克杯", "T恤", "t恤", "xs", "jeans", "slimjeans", "straße", "strasse",
         "100%", "n_t", "\\", '"quoted"', "*star*", "σίσυφος", "0.38", "TS-", "ts-0", "690", "zzz", "杯", "m"]  # fmt: skip
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def a_catalogue(shop: Shop) -> dict[str, int]:
    """One product per name, each with an EAN-13, the last one archived; SKU -> id."""
    made = {}
    for n, name in enumerate(NAMES):
        made[f"TS-{n:02d}"] = shop.catalogue.create_product(product(f"TS-{n:02d}", name=name, barcodes=[ean13()]))
    shop.catalogue.set_archived(made[f"TS-{len(NAMES) - 1:02d}"])
    return made


def listed(shop: Shop, typed: str) -> list[int]:
    """Ids the Products tab shows for the typed text, archived ones included."""
    flt = ProductFilter(text=typed, include_archived=True)
    return sorted(row.id for row in shop.catalogue.list_products(flt, 0, 10_000))


def scanned(shop: Shop, column, typed: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The same search the way it was before the index: LIKE over every row's search text."""
    owner = column.property.parent.local_table
    query = select(owner.c.id).where(column.like(like_pattern(normalize_query(typed)), escape="\\"))
    with shop.db.read() as conn:
        return sorted(conn.execute(query).scalars())


def texts_typed(shop: Shop, column) -> st.SearchStrategy[str]:  # type: ignore[no-untyped-def]
    """Pieces of the search texts in the shop (anything a clerk might type that matches) and stray text."""
    with shop.db.read() as conn:
        keys = [k for k in conn.execute(select(column)).scalars() if k]

    @st.composite
    def piece(draw: st.DrawFn) -> str:
        key = draw(st.sampled_from(keys))
        start = draw(st.integers(0, len(key) - 1))
        return key[start : start + draw(st.integers(1, 8))]

    stray = st.text(st.sampled_from("abcmxz -%_\\\"'*杯棉T恤0123"), min_size=1, max_size=5)
    return st.one_of(st.sampled_from(TYPED), piece(), stray).filter(lambda t: normalize_query(t) != "")


def test_a_clerk_finds_products_by_pinyin_sku_and_barcode_as_before(shop: Shop) -> None:
    made = a_catalogue(shop)
    assert listed(shop, "cmdx") == listed(shop, "chunmian") == [made["TS-00"]]
    assert listed(shop, "马克杯") == [made["TS-01"]]
    assert listed(shop, "TS-0") == sorted(made.values())
    assert listed(shop, "100%") == [made["TS-05"]]  # the % is a character here, not a wildcard
    assert listed(shop, "n_t") == [made["TS-05"]]
    code = shop.catalogue.get_product(made["TS-02"]).draft.barcodes[0]
    assert listed(shop, "xsnzk") == listed(shop, code) == [made["TS-02"]]


@SETTINGS
@given(data=st.data())
def test_products_found_through_the_index_are_the_ones_a_scan_finds(shop: Shop, data: st.DataObject) -> None:
    if not shop.catalogue.count_products(ProductFilter(include_archived=True)):
        a_catalogue(shop)
    typed = data.draw(texts_typed(shop, Product.search_text))
    found = listed(shop, typed)
    assert found == scanned(shop, Product.search_text, typed)
    # the tab's quick path (count, and the ids when they are few) agrees with the list
    matches = shop.catalogue.match_products(ProductFilter(text=typed, include_archived=True), few=3)
    assert matches.count == len(found)


RENAMES = st.lists(st.tuples(st.sampled_from(["rename", "delete", "add"]), st.integers(0, 99), st.sampled_from(NAMES)))


@SETTINGS
@given(changes=RENAMES.map(lambda changes: changes[:6]), typed=st.sampled_from(TYPED))
def test_renamed_deleted_and_new_products_are_found_by_their_text_now(
    shop: Shop, changes: list[tuple[str, int, str]], typed: str
) -> None:
    for change, pick, name in changes:
        with shop.db.read() as conn:
            ids = list(conn.execute(select(Product.id).order_by(Product.id)).scalars())
        if change == "add" or not ids:
            shop.catalogue.create_product(product(name=name))
            continue
        victim = ids[pick % len(ids)]
        if change == "rename":
            current = shop.catalogue.get_product(victim)
            shop.catalogue.update_product(victim, replace(current.draft, name=name), current.version)
        else:  # a product never used can go for good (the service archives; the index must follow a delete too)
            with shop.db.uow() as uow:
                uow.session.execute(delete(Barcode).where(Barcode.product_id == victim))
                uow.session.execute(delete(Product).where(Product.id == victim))
                uow.commit()
    assert listed(shop, typed) == scanned(shop, Product.search_text, typed)


@pytest.mark.parametrize("typed", ["ts-", "cmdx", "杯子", "zzz"])
def test_a_text_in_many_products_is_found_by_the_scan_with_the_same_rows(
    shop: Shop, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = a_catalogue(shop)
    monkeypatch.setattr(search_index, "BROADEST", {"product": 2})  # so "ts-" counts as broad here
    monkeypatch.setattr(search_index, "_narrow", type(search_index._narrow)())
    assert listed(shop, typed) == scanned(shop, Product.search_text, typed)
    assert listed(shop, "ts-") == sorted(made.values())


def test_a_renamed_product_is_no_longer_found_by_its_old_name(shop: Shop) -> None:
    made = a_catalogue(shop)
    tee = shop.catalogue.get_product(made["TS-00"])
    shop.catalogue.update_product(made["TS-00"], replace(tee.draft, name="羊毛围巾"), tee.version)
    assert listed(shop, "chunmian") == []
    assert listed(shop, "yangmao") == listed(shop, "ymwj") == [made["TS-00"]]


def several_orders(shop: Shop) -> None:
    stocked_shop(shop)
    buyers = [
        SHANGHAI,
        NANJING,
        replace(SHANGHAI, name="王芳", phone="13712340000"),
        replace(NANJING, name="Anna Müller"),
    ]
    for n, buyer in enumerate(buyers * 2):
        shop.orders.create_order(draft(("MUG" if n % 2 else "TEE", 1), ship_to=buyer, channel_order_no=f"#10{n}"))


def order_ids(shop: Shop, typed: str) -> list[int]:
    return sorted(row.id for row in shop.orders.list_orders(OrderFilter(text=typed), 0, 1000))


@SETTINGS
@given(data=st.data())
def test_orders_found_through_the_index_are_the_ones_a_scan_finds(shop: Shop, data: st.DataObject) -> None:
    if not shop.orders.count_orders():
        several_orders(shop)
    typed = data.draw(texts_typed(shop, SalesOrder.search_text))
    found = order_ids(shop, typed)
    assert found == scanned(shop, SalesOrder.search_text, typed)
    page = shop.orders.first_page(OrderFilter(text=typed), few=2)
    assert page.total == len(found)


def test_orders_are_found_by_buyer_pinyin_phone_and_sku_and_not_after_deleting(shop: Shop) -> None:
    several_orders(shop)
    assert len(order_ids(shop, "wangfang")) == len(order_ids(shop, "王芳")) == 2
    assert len(order_ids(shop, "müller")) == 2
    assert len(order_ids(shop, "1371234")) == 2
    assert len(order_ids(shop, "mug")) == 4
    gone = order_ids(shop, "wangfang")[0]
    with shop.db.uow() as uow:
        uow.session.execute(delete(SalesOrder).where(SalesOrder.id == gone))
        uow.commit()
    assert gone not in order_ids(shop, "wangfang") and len(order_ids(shop, "wangfang")) == 1


def test_upgrading_a_shop_indexes_the_products_it_already_has(tmp_path) -> None:
    from alembic import command

    db = Database(str(tmp_path / "shop.sqlite"))
    command.upgrade(migrate.alembic_config(db), "0011")  # a shop as the version before the index left it
    with db.engine.begin() as conn:
        conn.execute(
            insert(Product),
            [{"sku": f"TS-{n}", "sku_key": f"ts-{n}", "name": "纯棉短袖T恤", "price": 5900, "cost": 2000,
              "status": "listed", "search_text": search_key(["纯棉短袖T恤"], [f"TS-{n}"])} for n in range(50)],
        )  # fmt: skip
    migrate.upgrade(db)
    db.dispose()
    shop, _ = Shop.open(str(tmp_path / "shop.sqlite"))
    try:
        with shop.db.read() as conn:
            indexed = conn.execute(
                text(f"SELECT count(*) FROM {FTS_TABLES['product']} WHERE {FTS_TABLES['product']} MATCH '\"cmdx\"'")
            ).scalar_one()
        assert indexed == 50
        assert shop.catalogue.count_products(ProductFilter(text="chunmian")) == 50
    finally:
        shop.close()


@pytest.mark.parametrize("table", sorted(FTS_TABLES))
def test_a_postgresql_shop_has_a_trigram_index_on_each_searched_table(shop: Shop, table: str) -> None:
    if shop.db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL index; SQLite's is the FTS5 table")
    with shop.db.read() as conn:
        definition = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE tablename = :t AND indexname = :i"),
            {"t": table, "i": FTS_TABLES[table]},
        ).scalar_one()
    assert "gin" in definition and "gin_trgm_ops" in definition


def test_imported_products_are_found_through_the_index_and_later_products_still_are(shop: Shop, tmp_path) -> None:
    """The import indexes its new rows in one statement after the insert (its insert trigger dropped and
    created again in the same transaction): the index must come out exactly as the triggers make it."""
    from shopdesk.services.product_import import ImportOptions, ProductImport
    from tests.imports.files import write_csv

    made = a_catalogue(shop)  # products there before, indexed by the triggers
    headings = ["SKU", "Name", "Price", "Barcode"]
    rows = [[f"IM-{n:02d}", name, "25", ean13()] for n, name in enumerate(NAMES)]
    ProductImport(shop).run(write_csv(tmp_path / "a.csv", [headings, *rows]), ImportOptions())
    rows[0][1], rows[1][2] = "羊毛围巾", "29"  # a rename (re-keyed) and a price change (key kept)
    ProductImport(shop).run(write_csv(tmp_path / "b.csv", [headings, *rows]), ImportOptions())
    later = shop.catalogue.create_product(product("LATER-1", name="修身牛仔裤 Later"))
    for typed in [*TYPED, "im-0", "yangmao", "ymwj", "later-1", "xsnzk"]:
        assert listed(shop, typed) == scanned(shop, Product.search_text, typed), typed
    assert listed(shop, "chunmian") == [made["TS-00"]]
    assert later in listed(shop, "later-1")
    if shop.db.engine.dialect.name == "sqlite":
        fts = FTS_TABLES["product"]
        with shop.db.engine.begin() as conn:
            conn.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))  # raises if off
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'product'")
            ).scalars()
            assert {f"{fts}_insert", f"{fts}_update", f"{fts}_delete"} <= set(triggers)


def test_an_import_stopped_while_it_indexes_leaves_the_index_and_its_triggers_as_they_were(
    shop: Shop, tmp_path
) -> None:
    from shopdesk.services.product_import import ImportCancelled, ImportOptions, ProductImport
    from tests.imports.files import write_csv

    a_catalogue(shop)
    rows = [[f"IM-{n:02d}", name, "25"] for n, name in enumerate(NAMES)]
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls == 4  # reading, checking, preparing the rows, then: after the products' insert

    with pytest.raises(ImportCancelled):
        ProductImport(shop).run(
            write_csv(tmp_path / "a.csv", [["SKU", "Name", "Price"], *rows]), ImportOptions(), cancelled=cancelled
        )
    assert calls == 4
    assert listed(shop, "im-") == []
    later = shop.catalogue.create_product(product("LATER-1", name="修身牛仔裤"))
    assert listed(shop, "later-1") == [later]
    if shop.db.engine.dialect.name == "sqlite":
        fts = FTS_TABLES["product"]
        with shop.db.engine.begin() as conn:
            conn.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
