"""Safety stock, warning lines (预警线) and reorder suggestions from a known sales history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.audit import AuditFilter, events
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, new_product


def selling_shop(shop: Shop) -> dict[str, int]:
    """Mugs from ACME (default lead time 10 days, 7 for mugs), teapots from TEAHOUSE; 100 mugs and 40 teapots in."""
    build_layout(shop)
    ids = {sku: new_product(shop, sku, cost=300) for sku in ("MUG", "TEAPOT", "SPOON")}
    acme = shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", lead_time_days=10))
    tea = shop.parties.create_supplier(SupplierDraft("TEAHOUSE", "Tea House", lead_time_days=5))
    shop.catalogue.link_supplier(ids["MUG"], tea, cost=320)
    shop.catalogue.link_supplier(ids["MUG"], acme, cost=300, lead_time_days=7, preferred=True)
    shop.catalogue.link_supplier(ids["TEAPOT"], tea, cost=1500)
    shop.inventory.receive("MUG", 100, "WH1/A/A-01", unit_cost=300)
    shop.inventory.receive("TEAPOT", 40, "WH1/A/A-01", unit_cost=1500)
    return ids


def figures(line) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    return (line.sku, line.supplier, line.sold_in_window, line.lead_time_days, line.safety_stock, line.available,
            line.on_order, line.reorder_point, line.suggested)  # fmt: skip


def test_reorder_point_from_a_known_sales_history(shop: Shop) -> None:
    selling_shop(shop)
    shop.reordering.set_levels("MUG", safety_stock=10)
    for units in (20, 25, 15):  # 60 mugs sold in the window: 2 a day over 30 days
        shop.inventory.ship("MUG", units, "WH1/A/A-01")
    shop.inventory.transfer("MUG", 5, "WH1/A/A-01", "WH1/A/A-02")  # moving stock is not selling it
    # Reorder point = ⌈2/day × 7 days (ACME, preferred, for mugs)⌉ + 10 safety = 24; 40 available: not yet.
    [mug] = shop.reordering.suggestions(include_all=True)
    assert figures(mug) == ("MUG", "ACME", 60, 7, 10, 40, 0, 24, 0)
    assert mug.daily_sales == Decimal(2)
    assert shop.reordering.suggestions() == []

    shop.inventory.ship("MUG", 15, "WH1/A/A-01")
    # 75 sold: 2.5 a day × 7 = 17.5, rounded up to 18, + 10 = 28. 25 available ≤ 28: order
    # up to 28 + one window's demand 75 = 103, less the 25 there: 78.
    [mug] = shop.reordering.suggestions()
    assert figures(mug) == ("MUG", "ACME", 75, 7, 10, 25, 0, 28, 78)


def test_open_purchase_orders_count_against_the_suggestion(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    selling_shop(shop)
    shop.reordering.set_levels("MUG", safety_stock=10)
    shop.inventory.ship("MUG", 75, "WH1/A/A-01")
    created = shop.reordering.create_purchase_orders()
    assert created.numbers == ["PO-000001"]
    po = shop.purchasing.get("PO-000001")
    assert (po.supplier_code, po.status, [(ln.sku, ln.quantity, ln.unit_cost) for ln in po.lines]) == (
        "ACME",
        "draft",
        [("MUG", 78, 300)],
    )
    # The draft is on order now: 25 + 78 > 28, nothing more is suggested.
    assert shop.reordering.suggestions() == []
    [mug] = shop.reordering.suggestions(include_all=True)
    assert (mug.on_order, mug.suggested) == (78, 0)


def test_suggestions_become_draft_purchase_orders_per_supplier(shop: Shop) -> None:
    selling_shop(shop)
    shop.reordering.set_levels("MUG", safety_stock=200)
    shop.reordering.set_levels("TEAPOT", safety_stock=50)
    shop.reordering.set_levels("SPOON", safety_stock=30)  # nobody supplies spoons yet
    created = shop.reordering.create_purchase_orders()
    assert created.without_supplier == ["SPOON"]
    orders = {shop.purchasing.get(n).supplier_code: shop.purchasing.get(n) for n in created.numbers}
    # No sales: reorder point = safety stock; order up to it, less what is there.
    assert [(ln.sku, ln.quantity) for ln in orders["ACME"].lines] == [("MUG", 200 - 100)]
    assert [(ln.sku, ln.quantity, ln.unit_cost) for ln in orders["TEAHOUSE"].lines] == [("TEAPOT", 50 - 40, 1500)]


def test_sales_outside_the_window_do_not_count(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    selling_shop(shop)
    shop.reordering.set_window_days(7)
    shop.inventory.ship("MUG", 70, "WH1/A/A-01")
    [today] = shop.reordering.suggestions(include_all=True)
    assert (today.sold_in_window, today.daily_sales, today.reorder_point) == (70, 10, 70)
    assert shop.reordering.suggestions(include_all=True, at=utcnow() + timedelta(days=8)) == []
    with pytest.raises(ValidationFailed, match="from 1 to 366"):
        shop.reordering.set_window_days(0)


def test_low_stock_alerts_at_or_below_the_warning_line(shop: Shop) -> None:
    selling_shop(shop)
    shop.inventory.receive("MUG", 6, "WH2/B/B-01", unit_cost=300)
    shop.reordering.set_levels("MUG", warning_line=100)  # 106 in the shop: fine
    shop.reordering.set_levels("MUG", warning_line=10, warehouse="WH2")  # 6 in WH2: low there
    shop.reordering.set_levels("TEAPOT", warning_line=40, safety_stock=20)  # 40 available: on the line
    assert [(r.sku, r.warehouse, r.available, r.warning_line) for r in shop.reordering.low_stock()] == [
        ("MUG", "WH2", 6, 10),
        ("TEAPOT", "", 40, 40),
    ]
    # In WH1: the teapot's own line applies there (no per-warehouse line); mugs use the shop's 100.
    assert [(r.sku, r.available, r.warning_line) for r in shop.reordering.low_stock("WH1")] == [
        ("MUG", 100, 100),
        ("TEAPOT", 40, 40),
    ]
    shop.inventory.reserve("TEAPOT", 1, "WH1/A/A-01", order=_order(7))
    assert [r.available for r in shop.reordering.low_stock() if r.sku == "TEAPOT"] == [39]


def test_levels_are_checked_and_audited(sqlite_shop: Shop) -> None:
    shop = sqlite_shop
    ids = selling_shop(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.reordering.set_levels("MUG", safety_stock=-1, warning_line="5")  # type: ignore[arg-type]
    assert [p.where for p in refused.value.problems] == ["safety_stock", "warning_line"]
    shop.reordering.set_levels("MUG", safety_stock=12, warning_line=15)
    [event] = events(shop.db, AuditFilter(entity="product", entity_id=ids["MUG"], action="stock_levels"))
    assert (event.changes, event.reason) == (
        {"safety_stock": [0, 12], "warning_line": [0, 15]},
        "stock levels (shop)",
    )


def _order(n: int):  # type: ignore[no-untyped-def]
    from shopdesk.services.stock_ledger import SourceDoc

    return SourceDoc("sales_order", n, f"SO-{n:06d}")
