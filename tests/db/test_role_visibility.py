"""What each role sees in lists, details, exports and reports: costs only with VIEW_COSTS,
phones and streets in full only with VIEW_PERSONAL_DATA (SQLite and PostgreSQL).

The shop's data is entered by the owner; then someone logs in in each role and reads it.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shopdesk.domain.permissions import Permission, PermissionDenied, Role, allowed
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.customers import Customers
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.product_export import ProductExport
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.reports import COST_REPORTS, KINDS, ReportParams, Reports
from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import StockFilter, StockLevels
from tests.factories import product
from tests.order_helpers import SHANGHAI, draft, stocked_shop

COST = 1234  # 12.34, a figure that appears nowhere else
PHONE = SHANGHAI.phone  # 13812345678
STREET = SHANGHAI.street  # 世纪大道100号


def a_shop_with_one_order(shop: Shop) -> str:
    """MUG and TEE bought in at 12.34 and in stock; one order to Zhang San in Shanghai, shipped."""
    stocked_shop(shop, cost=COST)
    number = shop.orders.create_order(draft(("MUG", 1), placed_at=datetime(2026, 11, 2, 10, tzinfo=UTC)))
    shop.order_flow.confirm(number)
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF100", "SF")
    return number


def export_rows(shop: Shop, target: Path) -> list[list[str]]:
    ProductExport(shop).run(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("role", list(Role))
def test_costs_reach_only_the_roles_that_may_see_them(shop: Shop, role: Role, tmp_path: Path) -> None:
    a_shop_with_one_order(shop)
    shop.log_in("someone", role)
    sees = allowed(role, Permission.VIEW_COSTS)

    rows = shop.catalogue.list_products(ProductFilter())
    assert [r.sku for r in rows] == ["MUG", "TEE"]
    assert [r.cost for r in rows] == ([COST, COST] if sees else [None, None])
    ids = [r.id for r in rows]
    assert [r.cost for r in shop.catalogue.products_by_id(ids)] == [r.cost for r in rows]
    detail = shop.catalogue.get_product(ids[0])
    assert (detail.cost_shown, detail.draft.cost) == ((True, COST) if sees else (False, 0))

    exported = export_rows(shop, tmp_path / "products.csv")
    assert ("Cost" in exported[0]) is sees
    assert any("12.34" in row for row in exported[1:]) is sees
    assert [row[exported[0].index("SKU")] for row in exported[1:]] == ["MUG", "TEE"]

    stock = StockLevels(shop).page(StockFilter(), 0, 10)
    assert [(r.sku, r.on_hand) for r in stock] == [("MUG", 9), ("TEE", 10)]  # quantities for everyone
    assert all((r.value is not None) is sees for r in stock)
    held = shop.inventory.product_stock("TEE")
    assert held.on_hand == 10
    assert (held.value, held.unit_cost is None) == ((10 * COST, False) if sees else (None, True))
    assert all((loc.value is not None) is sees for loc in held.locations)
    assert all((move.value is not None) is sees for move in shop.inventory.history("MUG"))
    if sees:
        assert shop.inventory.total_value() == 19 * COST
    else:
        with pytest.raises(PermissionDenied, match="stock value"):
            shop.inventory.total_value()


@pytest.mark.parametrize("role", list(Role))
def test_sorting_by_a_hidden_cost_gives_nothing_away(shop: Shop, role: Role) -> None:
    stocked_shop(shop)
    for sku, cost in (("CHEAP", 100), ("DEAR", 9900)):
        shop.catalogue.create_product(product(sku, cost=cost))
    shop.log_in("someone", role)
    by_cost = [r.sku for r in shop.catalogue.list_products(ProductFilter(sort="cost", descending=True))]
    if allowed(role, Permission.VIEW_COSTS):
        assert by_cost[0] == "DEAR"
    else:
        assert by_cost == ["TEE", "MUG", "DEAR", "CHEAP"]  # by SKU, descending


@pytest.mark.parametrize("role", [Role.WAREHOUSE, Role.CUSTOMER_SERVICE])
def test_cost_reports_are_refused_to_a_role_without_costs_and_say_who_may(shop: Shop, role: Role, tmp_path) -> None:
    a_shop_with_one_order(shop)
    shop.log_in("小李", role)
    reports = Reports(shop)
    params = ReportParams(month="2026-11")
    for kind in sorted(COST_REPORTS):
        with pytest.raises(PermissionDenied, match="owner or accountant"):
            reports.run(kind, params)
    with pytest.raises(PermissionDenied, match="month-end"):
        reports.save("month-end", params, tmp_path / "month.xlsx")
    assert not (tmp_path / "month.xlsx").exists()
    for kind in sorted(set(KINDS) - COST_REPORTS):  # no cost in them: open to everyone
        assert reports.run(kind, params).tables


def test_the_accountant_and_the_owner_get_the_cost_reports(shop: Shop) -> None:
    a_shop_with_one_order(shop)
    for role in (Role.OWNER, Role.ACCOUNTANT):
        shop.log_in("someone", role)
        report = Reports(shop).run("stock", ReportParams())
        values = [row[-1] for row in report.tables[0].rows]
        assert sorted(values) == [9 * COST, 10 * COST]


@pytest.mark.parametrize("role", list(Role))
def test_phones_and_streets_in_full_only_for_roles_that_may_see_them(shop: Shop, role: Role) -> None:
    number = a_shop_with_one_order(shop)
    customer_id = shop.orders.get_order(number).customer_id
    assert customer_id is not None
    shop.log_in("someone", role)
    sees = allowed(role, Permission.VIEW_PERSONAL_DATA)

    listed = shop.orders.list_orders(OrderFilter())
    assert [(r.number, r.buyer, r.phone) for r in listed] == [(number, "张*", "138****5678")]  # lists: masked for all

    order = shop.orders.get_order(number)
    if sees:
        assert (order.ship_to.name, order.ship_to.phone, order.ship_to.street) == ("张三", PHONE, STREET)
    else:
        assert (order.ship_to.name, order.ship_to.phone) == ("张*", "138****5678")
        assert order.ship_to.street == "世纪******" and order.ship_to.city == "上海市"
    assert order.total == 2500  # the figures are the same for everyone

    customer = Customers(shop).detail(customer_id)
    assert customer.phones == ([PHONE] if sees else ["138****5678"])
    assert (STREET in " ".join(customer.addresses)) is sees
    assert ("上海市" in " ".join(customer.addresses)) is True


def test_the_accountant_sees_order_figures_but_the_warehouse_no_cost_of_goods(shop: Shop) -> None:
    number = a_shop_with_one_order(shop)
    shop.log_in("会计", Role.ACCOUNTANT)
    assert shop.orders.get_order(number).cost_of_goods == COST
    shop.log_in("小李", Role.WAREHOUSE)
    packed = shop.orders.get_order(number)
    assert packed.cost_of_goods is None and packed.ship_to.phone == PHONE  # the label printer needs the phone


def test_report_masking_adds_the_role_to_the_shops_choice(shop: Shop) -> None:
    a_shop_with_one_order(shop)
    at = datetime.now(UTC)
    reports = Reports(shop)
    assert [r.name for r in reports.rfm(at, mask=False)] == ["张三"]  # the owner, unmasked when asked
    shop.set_setting("report_mask_customers", True)
    assert reports._mask(ReportParams()) is True  # the shop's choice holds for the owner
    shop.set_setting("report_mask_customers", False)
    shop.log_in("会计", Role.ACCOUNTANT)
    assert [r.name for r in reports.rfm(at, mask=False)] == ["张*"]
    assert reports._mask(ReportParams(mask_customers=False)) is True


def test_single_user_mode_acts_as_the_owner_and_sees_everything(shop: Shop, tmp_path: Path) -> None:
    number = a_shop_with_one_order(shop)
    assert shop.role == Role.OWNER
    assert {r.cost for r in shop.catalogue.list_products(ProductFilter())} == {COST}
    assert "Cost" in export_rows(shop, tmp_path / "p.csv")[0]
    assert shop.orders.get_order(number).ship_to.phone == PHONE
    assert shop.inventory.total_value() == 19 * COST


@pytest.mark.parametrize("role", list(Role))
def test_receiving_and_counting_show_no_costs_to_a_role_without_them(shop: Shop, role: Role) -> None:
    a_shop_with_one_order(shop)
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics"))
    po = shop.purchasing.create("ACME", [PoLineDraft("MUG", 5, unit_cost=COST)])
    count = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(count.number, "MUG", 10)  # one more than the book: a gain of 12.34
    shop.log_in("someone", role)
    sees = allowed(role, Permission.VIEW_COSTS)

    line = shop.purchasing.get(po).lines[0]
    assert (line.sku, line.quantity) == ("MUG", 5)  # what to expect at the door, for everyone
    assert (line.unit_cost, line.line_total) == ((COST, 5 * COST) if sees else (None, None))
    assert [(r.number, r.total) for r in shop.purchasing.list_orders()] == [(po, 5 * COST if sees else None)]

    counted = [(ln.sku, ln.counted, ln.value) for ln in shop.stocktakes.count_lines(count.number, only="differences")]
    assert counted == [("MUG", 10, COST if sees else None)]
    summary = shop.stocktakes.summary(count.number)
    assert summary.differences == 1
    assert (summary.gain_value, summary.loss_value) == ((COST, 0) if sees else (None, None))
    if not sees:
        with pytest.raises(PermissionDenied, match="purchase costs"):
            shop.purchasing.document(po)
