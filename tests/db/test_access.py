"""Every guarded use case × every role: refused before any work unless the role may do it."""

from __future__ import annotations

import inspect
import re

import pytest

from shopdesk.domain.permissions import Permission, PermissionDenied, Role, allowed
from shopdesk.services import (
    aftersales,
    aftersales_entry,
    aftersales_refunds,
    aftersales_returns,
    aftersales_settings,
    catalogue,
    catalogue_editing,
    catalogue_suppliers,
    customers,
    inventory,
    locations,
    order_flow,
    order_fulfilment,
    orders,
    parties,
    privacy,
    product_import,
    purchasing,
    reorder,
    stock_import,
    stocktake,
)
from shopdesk.services.channels import link_channel_sku
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.product_import import ImportOptions, ProductImport
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.shop import Shop
from tests.factories import product
from tests.imports.files import write_csv
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

SERVICE_CLASSES = [
    catalogue.Catalogue,
    catalogue_editing.ProductEditing,
    catalogue_suppliers.ProductSuppliers,
    inventory.Inventory,
    orders.Orders,
    order_flow.OrderFlow,
    order_fulfilment.OrderFulfilment,
    aftersales.Aftersales,
    aftersales_entry.CaseEntry,
    aftersales_settings.CaseSettings,
    aftersales_returns.CaseReturns,
    aftersales_refunds.CaseRefunds,
    privacy.Privacy,
    purchasing.Purchasing,
    stocktake.Stocktakes,
    product_import.ProductImport,
    stock_import.StockImport,
    locations.Locations,
    parties.Parties,
    reorder.Reordering,
    customers.Customers,
]


def guarded_methods() -> list[tuple[str, str, Permission]]:
    found = {}
    for cls in SERVICE_CLASSES:
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            permission = getattr(member, "__permission__", None)
            if permission is not None:
                found[(cls.__name__, name)] = permission
    return sorted((c, m, p) for (c, m), p in found.items())


GUARDED = guarded_methods()


def test_every_changing_use_case_is_guarded() -> None:
    names = {m for _, m, _ in GUARDED}
    for expected in (
        "create_product",
        "receive",
        "adjust",
        "create_order",
        "approve",
        "ship",
        "create_case",
        "refund",
        "erase_customer",
        "create",  # a purchase order
        "order",
        "receive_all",
        "cancel",
        "start",  # a stocktake
        "record_scan",
        "set_count",
        "import_counts",
        "post",
        "run",  # a product import
        "import_opening_stock",
        "create_bin",
        "set_default_bin",
        "create_customer",
        "create_supplier",
        "set_levels",
        "create_purchase_orders",
    ):
        assert expected in names, expected


# A public method whose name starts with one of these verbs changes data, so it must be guarded.
CHANGING = re.compile(
    r"^(add|adjust|agree|allocate|approve|archive|assign|cancel|change|clear|close|complete|confirm|create|"
    r"deactivate|deallocate|delete|deliver|edit|erase|escalate|hold|import|link|mark|merge|move|order|pack|pick|"
    r"post|quarantine|receive|record|refund|reject|release|remove|reopen|reserve|restore|run|save|scrap|set|ship|"
    r"split|start|transfer|unlink|update|write)(_|$)"
)
# Public methods with such a name that need no guard of their own, and why.
UNGUARDED = {
    # Writes inside a guarded count (record_scan, set_count, import_counts), on that count's connection.
    ("Stocktakes", "write_count"),
    # Reads whose names begin with a noun that is also a verb: what to pick, whose order it was.
    ("Orders", "pick_lines"),
    *((name, "order_customer") for name in ("Aftersales", "CaseEntry", "CaseSettings", "CaseReturns", "CaseRefunds")),
}


def test_no_changing_method_of_a_guarded_service_is_left_unguarded() -> None:
    missing = []
    for cls in SERVICE_CLASSES:
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("_") or (cls.__name__, name) in UNGUARDED or not CHANGING.match(name):
                continue
            if getattr(member, "__permission__", None) is None:
                missing.append(f"{cls.__name__}.{name}")
    assert missing == [], "guard these with @guarded(Permission.X, ...) or explain them in UNGUARDED"


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("cls_name", "method", "permission"), GUARDED)
def test_permission_matrix_of_the_services(
    sqlite_shop: Shop, role: Role, cls_name: str, method: str, permission: Permission
) -> None:
    cls = next(c for c in SERVICE_CLASSES if c.__name__ == cls_name)
    service = cls(sqlite_shop)
    sqlite_shop.log_in("someone", role)
    call = getattr(service, method)
    if allowed(role, permission):
        try:
            call()
        except Exception as exc:  # without arguments the body fails, but only after the check let it in
            assert not isinstance(exc, PermissionDenied), f"{role} was refused {cls_name}.{method}"
    else:
        with pytest.raises(PermissionDenied, match="that needs the role"):
            call()


def test_a_refusal_says_what_role_is_needed_and_changes_nothing(sqlite_shop: Shop) -> None:
    sqlite_shop.log_in("小李", Role.WAREHOUSE)
    with pytest.raises(
        PermissionDenied, match=r"小李 \(warehouse staff\) may not add products: that needs the role owner"
    ):
        sqlite_shop.catalogue.create_product(product("NOPE"))
    with pytest.raises(PermissionDenied, match="change shop settings"):
        sqlite_shop.set_setting("currency", "EUR")
    sqlite_shop.log_in("王", Role.OWNER)
    assert sqlite_shop.catalogue.count_products() == 0
    assert sqlite_shop.setting("currency") == "CNY"


def stocked_shop(shop: Shop) -> tuple[str, str]:
    """Set up by the owner: 20 mugs in WH1/A/A-01 (their default bin), an ordered PO-000001 for 10 more from
    ACME, and stocktake ST-000001 of WH1 with 18 mugs counted (2 missing)."""
    build_layout(shop)
    mug = new_product(shop, "MUG", cost=300)
    shop.locations.set_default_bin(mug, "WH1/A/A-01")
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics"))
    shop.inventory.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    po = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    shop.purchasing.order(po)
    stocktake = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(stocktake.number, "MUG", 18)
    return po, stocktake.number


def state_of(shop: Shop) -> tuple[object, ...]:
    """The ledger, every purchase order and every stocktake: what 'nothing changed' compares."""
    return (
        ledger_snapshot(shop),
        [(p.number, p.status) for p in shop.purchasing.list_orders()],
        [(s.number, s.status, s.counted) for s in shop.stocktakes.stocktakes()],
        shop.parties.suppliers(),
    )


def test_the_accountant_cannot_order_receive_or_post_a_stocktake_and_nothing_changes(shop: Shop) -> None:
    po, stocktake = stocked_shop(shop)
    before = state_of(shop)
    shop.log_in("会计", Role.ACCOUNTANT)
    with pytest.raises(PermissionDenied, match=r"会计 \(accountant\) may not create purchase orders: .* role owner\."):
        shop.purchasing.create("ACME", [PoLineDraft("MUG", 5)])
    with pytest.raises(PermissionDenied, match="may not order from suppliers"):
        shop.purchasing.order(po)
    with pytest.raises(PermissionDenied, match="may not receive goods: that needs the role owner or warehouse staff"):
        shop.purchasing.receive_all(po)
    with pytest.raises(PermissionDenied, match="may not create purchase orders"):
        shop.reordering.create_purchase_orders()
    with pytest.raises(PermissionDenied, match="may not add suppliers"):
        shop.parties.create_supplier(SupplierDraft("NEW", "New Supplier"))
    with pytest.raises(PermissionDenied, match="may not count stocktakes"):
        shop.stocktakes.set_count(stocktake, "MUG", 20)
    with pytest.raises(PermissionDenied, match="may not post stocktakes: that needs the role owner or warehouse staff"):
        shop.stocktakes.post(stocktake)
    assert state_of(shop) == before
    assert shop.purchasing.get(po).status == "ordered"  # reading is still fine


def test_customer_service_cannot_start_or_post_a_stocktake(shop: Shop) -> None:
    _, stocktake = stocked_shop(shop)
    before = state_of(shop)
    shop.log_in("客服小张", Role.CUSTOMER_SERVICE)
    with pytest.raises(PermissionDenied, match=r"客服小张 \(customer service\) may not post stocktakes"):
        shop.stocktakes.post(stocktake)
    with pytest.raises(PermissionDenied, match="may not start stocktakes"):
        shop.stocktakes.start(warehouse="WH2")
    with pytest.raises(PermissionDenied, match="may not cancel stocktakes"):
        shop.stocktakes.cancel(stocktake, "counted the wrong shelf")
    assert state_of(shop) == before


def test_warehouse_staff_cannot_import_products_so_prices_and_costs_stay(shop: Shop, tmp_path) -> None:
    shop.catalogue.create_product(product("MUG-1", price=2500, cost=1200))
    price_list = write_csv(
        tmp_path / "prices.csv", [["SKU", "Name", "Price", "Cost"], ["MUG-1", "马克杯", "1.00", "0.10"]]
    )
    shop.log_in("小李", Role.WAREHOUSE)
    with pytest.raises(PermissionDenied, match=r"小李 \(warehouse staff\) may not import products: .* role owner\."):
        ProductImport(shop).run(price_list, ImportOptions())
    with pytest.raises(PermissionDenied, match="may not link channel SKUs to products"):
        link_channel_sku(shop, "taobao", "TB-778", "MUG-1")
    shop.log_in("王店长", Role.OWNER)  # warehouse staff are not shown the cost at all
    detail = shop.catalogue.find_by_code("MUG-1")
    assert detail is not None and (detail.draft.price, detail.draft.cost, detail.version) == (2500, 1200, 1)


def test_warehouse_staff_count_and_post_a_stocktake_and_receive_goods_but_do_not_buy(shop: Shop) -> None:
    po, stocktake = stocked_shop(shop)
    shop.log_in("小李", Role.WAREHOUSE)
    shop.stocktakes.record_scan(stocktake, "MUG")  # one more mug turns up behind the box: 19 counted
    posted = shop.stocktakes.post(stocktake)
    assert (posted.lines_adjusted, posted.units_lost) == (1, 1)
    received = shop.purchasing.receive_all(po)
    assert (received.status, received.units) == ("received", 10)
    # Waiting sales orders are allocated by someone who works orders; the receipt says so instead of failing.
    assert "may not allocate orders" in received.allocation_note
    assert shop.inventory.product_stock("MUG").on_hand == 19 + 10
    shop.locations.create_bin("WH1/A", "A-03")
    with pytest.raises(PermissionDenied, match="may not create purchase orders"):
        shop.purchasing.create("ACME", [PoLineDraft("MUG", 5)])
    with pytest.raises(PermissionDenied, match="may not close purchase orders"):
        shop.purchasing.close(po)
    assert [(p.number, p.status) for p in shop.purchasing.list_orders()] == [(po, "received")]
    assert [(s.number, s.status, s.posted_by) for s in shop.stocktakes.stocktakes()] == [(stocktake, "posted", "小李")]
