"""A big delivery against a purchase order is posted set-based, and still keeps every rule of a receipt."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from shopdesk.db.models import PurchaseOrderLine, StockMove
from shopdesk.db.models.purchasing import PurchaseReceiptLine
from shopdesk.domain.errors import Conflict
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchase_receipts import order_lines, plan_receipt, post_receipt
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


def big_order(shop: Shop, count: int) -> tuple[str, list[int]]:
    build_layout(shop)
    products = [new_product(shop, f"P-{n:03d}", cost=100 + n) for n in range(count)]
    for pid in products[::2]:
        shop.locations.set_default_bin(pid, "WH1/A/A-02")
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme"))
    number = shop.purchasing.create("ACME", [PoLineDraft(pid, 3 + n % 4) for n, pid in enumerate(products)])
    shop.purchasing.order(number)
    return number, products


def test_a_120_line_delivery_in_two_parts(shop: Shop) -> None:
    number, _ = big_order(shop, 120)
    # First part: two units of every line, the even products into their default bin, the odd ones named.
    first = shop.purchasing.receive(
        number, [ReceiptLine(n + 1, 2, None if n % 2 == 0 else "WH1/A/A-01") for n in range(120)]
    )
    assert (first.status, first.units, len(first.moves)) == ("partially_received", 240, 120)
    assert first.value == sum(2 * (100 + n) for n in range(120))
    assert [m.value for m in first.moves[:3]] == [200, 202, 204]
    p0, p1 = shop.inventory.product_stock("P-000"), shop.inventory.product_stock("P-001")
    assert [(loc.path, loc.on_hand) for loc in p0.locations] == [("WH1/A/A-02", 2)]
    assert [(loc.path, loc.on_hand) for loc in p1.locations] == [("WH1/A/A-01", 2)]
    assert (p1.on_hand, p1.value) == (2, 202)
    # Too much on one line: the whole delivery is refused, nothing changes.
    before = ledger_snapshot(shop)
    with pytest.raises(Exception, match="at most 1 more can be received"):
        shop.purchasing.receive(number, [ReceiptLine(2, 1), ReceiptLine(1, 2)])
    assert ledger_snapshot(shop) == before
    # The rest: everything outstanding; the order is received, each line complete.
    second = shop.purchasing.receive_all(number, location="WH1/A/A-01")
    assert second.status == "received"
    assert second.units == sum(3 + n % 4 for n in range(120)) - 240
    po = shop.purchasing.get(number)
    assert all(ln.outstanding == 0 and ln.received_qty == ln.quantity for ln in po.lines)
    with shop.db.read() as conn:
        receipt_lines = conn.execute(select(func.count()).select_from(PurchaseReceiptLine)).scalar_one()
        reasons = conn.execute(
            select(StockMove.reason).where(StockMove.source_number == number).order_by(StockMove.id).limit(2)
        ).scalars()
        assert list(reasons) == [f"{number} line 1", f"{number} line 2"]
        linked = conn.execute(
            select(func.count())
            .select_from(PurchaseReceiptLine)
            .join(StockMove, StockMove.id == PurchaseReceiptLine.move_id)
            .where(StockMove.quantity == PurchaseReceiptLine.quantity)
        ).scalar_one()
    assert receipt_lines == linked == 120 + len(second.moves)
    stock = shop.inventory.product_stock("P-119")
    assert (stock.on_hand, stock.value) == (3 + 119 % 4, (3 + 119 % 4) * 219)


def test_a_line_received_meanwhile_is_a_conflict_and_nothing_is_posted(shop: Shop) -> None:
    """The conditional UPDATE of the lines decides, whatever the plan read before."""
    number, _ = big_order(shop, 3)
    before = ledger_snapshot(shop)
    with pytest.raises(Conflict, match="line 2 was received by someone else meanwhile"), shop.db.uow() as uow:
        session = uow.session
        po = shop.purchasing._load(session, number, with_lines=False)
        on_order = order_lines(session.connection(), po.id)
        plan = plan_receipt(session.connection(), po, on_order, [ReceiptLine(1, 1), ReceiptLine(2, 4, "WH1/A/A-01")])
        session.execute(  # another clerk's receipt of line 2, committed first
            update(PurchaseOrderLine).where(PurchaseOrderLine.id == on_order[1].id).values(received_qty=1)
        )
        post_receipt(session, "tester", po, on_order, plan, "")
    assert ledger_snapshot(shop) == before
    assert [ln.received_qty for ln in shop.purchasing.get(number).lines] == [0, 0, 0]
