"""A style (parent product with variants) holds no stock: its variant SKUs do.

Receiving, counting, moving, ordering from a supplier and importing opening
stock onto a style are refused with a message naming its variants, and nothing
changes. Units already (wrongly) on a style can still be adjusted or scrapped away.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from shopdesk.db.models import Product
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine
from shopdesk.services.stock_import import StockImport
from tests.factories import product
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

STYLE_SAYS = (
    "JN-1001 is a style with variants; receive its variant SKUs (JN-1001-BLK-29, JN-1001-BLK-30, JN-1001-BLK-31, …)"
)


def jeans(shop: Shop) -> int:
    """JN-1001, a style with four variants; returns the style's id."""
    build_layout(shop)
    shop.catalogue.create_product(product("JN-1001", name="Slim jeans"))
    for size in ("29", "30", "31", "32"):
        shop.catalogue.create_product(product(f"JN-1001-BLK-{size}", parent_sku="JN-1001", variant_label=size))
    with shop.db.read() as conn:
        style = conn.execute(select(Product.id, Product.is_parent).where(Product.sku == "JN-1001")).one()
    assert style.is_parent
    return int(style.id)


def test_receiving_a_style_is_refused_naming_its_variants(shop: Shop) -> None:
    jeans(shop)
    before = ledger_snapshot(shop)
    with pytest.raises(ShopDeskError) as refused:
        shop.inventory.receive("JN-1001", 5, "WH1/A/A-01", unit_cost=300)
    assert str(refused.value) == STYLE_SAYS
    with pytest.raises(ShopDeskError, match="JN-1001 is a style with variants; count its variant SKUs"):
        shop.inventory.adjust("jn-1001", "WH1/A/A-01", set_to=3, reason="found")
    with pytest.raises(ShopDeskError, match="JN-1001 is a style"):
        shop.inventory.customer_return("JN-1001", 1, "WH1/A/A-01", unit_cost=300)
    assert ledger_snapshot(shop) == before
    shop.inventory.receive("JN-1001-BLK-29", 5, "WH1/A/A-01", unit_cost=300)  # a variant takes stock
    assert shop.inventory.product_stock("JN-1001-BLK-29").on_hand == 5


def test_a_bulk_receipt_with_a_style_line_is_refused_whole(shop: Shop) -> None:
    style = jeans(shop)
    variant = new_product(shop, "MUG")
    before = ledger_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.inventory.receive_many(
            [ReceiptLine(variant, 2, "WH1/A/A-01", 600), ReceiptLine(style, 3, "WH1/A/A-01", 900)]
        )
    assert [(p.where, p.message) for p in refused.value.problems] == [("line 2", STYLE_SAYS)]
    assert ledger_snapshot(shop) == before


def test_a_purchase_order_line_for_a_style_is_refused(shop: Shop) -> None:
    jeans(shop)
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Denim"))
    with pytest.raises(ValidationFailed) as refused:
        shop.purchasing.create("ACME", [PoLineDraft("JN-1001-BLK-29", 4), PoLineDraft("JN-1001", 10)])
    assert [(p.where, p.message) for p in refused.value.problems] == [
        ("line 2", STYLE_SAYS.replace("receive its", "order its"))
    ]
    assert shop.purchasing.list_orders() == []
    number = shop.purchasing.create("ACME", [PoLineDraft("JN-1001-BLK-29", 4)])
    with pytest.raises(ValidationFailed, match="order its variant SKUs"):
        shop.purchasing.add_line(number, PoLineDraft("JN-1001", 1))


def test_opening_stock_for_a_style_is_refused_by_row(shop: Shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    jeans(shop)
    path = tmp_path / "opening.csv"
    path.write_text("SKU,Location,Quantity,Unit cost\nJN-1001-BLK-29,WH1/A/A-01,4,3.00\nJN-1001,WH1/A/A-01,7,3.00\n")
    before = ledger_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        StockImport(shop).import_opening_stock(path)
    assert [p.message for p in refused.value.problems] == [STYLE_SAYS]
    assert "row 3" in refused.value.problems[0].where
    assert ledger_snapshot(shop) == before


def test_units_wrongly_on_a_style_can_be_counted_away(shop: Shop) -> None:
    """Stock put on a style before this was refused is not stuck: a count of 0 (or scrapping) takes it off."""
    style = jeans(shop)
    with shop.db.engine.begin() as conn:  # JN-1001 took stock while it was a plain product
        conn.execute(update(Product).where(Product.id == style).values(is_parent=False))
    shop.inventory.receive("JN-1001", 5, "WH1/A/A-01", unit_cost=300)
    with shop.db.engine.begin() as conn:
        conn.execute(update(Product).where(Product.id == style).values(is_parent=True))
    with pytest.raises(ShopDeskError, match="move its variant SKUs"):
        shop.inventory.transfer("JN-1001", 1, "WH1/A/A-01", "WH1/A/A-02")
    shop.inventory.scrap("JN-1001", 1, "WH1/A/A-01", reason="style, not a variant")
    shop.inventory.adjust("JN-1001", "WH1/A/A-01", set_to=0, reason="stock belongs on the variants")
    stock = shop.inventory.product_stock("JN-1001")
    assert (stock.on_hand, stock.value) == (0, 0)
