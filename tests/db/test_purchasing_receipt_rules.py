"""Receiving against a purchase order, the rules the set-based posting keeps (services/purchase_receipts.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from shopdesk.db.models import Product, StockMove
from shopdesk.db.models.purchasing import PurchaseReceiptLine
from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


def ordered(shop: Shop, quantities: list[int]) -> tuple[str, list[int]]:
    build_layout(shop)
    products = [new_product(shop, f"R-{n:02d}", cost=150) for n in range(len(quantities))]
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme"))
    number = shop.purchasing.create("ACME", [PoLineDraft(p, q) for p, q in zip(products, quantities, strict=True)])
    shop.purchasing.order(number)
    return number, products


def test_one_line_split_over_two_bins_in_one_delivery_counts_both(shop: Shop) -> None:
    number, products = ordered(shop, [5, 2])
    result = shop.purchasing.receive(
        number, [ReceiptLine(1, 3, "WH1/A/A-01"), ReceiptLine(1, 2, "WH1/A/A-02"), ReceiptLine(2, 1, "WH1/A/A-01")]
    )
    assert result.status == "partially_received"
    assert [ln.received_qty for ln in shop.purchasing.get(number).lines] == [5, 1]
    assert shop.inventory.product_stock(products[0]).on_hand == 5
    with shop.db.read() as conn:
        receipt_lines = conn.execute(
            select(PurchaseReceiptLine.quantity, StockMove.quantity)
            .join(StockMove, StockMove.id == PurchaseReceiptLine.move_id)
            .order_by(PurchaseReceiptLine.id)
        ).all()
    assert [tuple(row) for row in receipt_lines] == [(3, 3), (2, 2), (1, 1)]
    with pytest.raises(ValidationFailed, match="at most 1 more can be received"):
        shop.purchasing.receive(number, [ReceiptLine(2, 1, "WH1/A/A-01"), ReceiptLine(2, 1, "WH1/A/A-02")])
    assert [ln.received_qty for ln in shop.purchasing.get(number).lines] == [5, 1]


def test_a_product_made_a_style_after_it_was_ordered_is_refused_naming_the_line(shop: Shop) -> None:
    number, products = ordered(shop, [4, 6])
    with shop.db.engine.begin() as conn:  # since the order: it became a style (its variants take the stock)
        conn.execute(update(Product).where(Product.id == products[1]).values(is_parent=True))
    before = ledger_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.purchasing.receive(number, [ReceiptLine(1, 4, "WH1/A/A-01"), ReceiptLine(2, 6, "WH1/A/A-01")])
    assert [(p.where, p.found) for p in refused.value.problems] == [("line 2 (R-01)", "R-01")]
    assert "R-01 is a style" in refused.value.problems[0].message
    assert ledger_snapshot(shop) == before
    assert [ln.received_qty for ln in shop.purchasing.get(number).lines] == [0, 0]
