"""Purchase orders (采购单): draft → ordered → partly received → received → closed, receipts feeding the valuation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopdesk.db import migrate
from shopdesk.domain.errors import Conflict, NotFound, ShopDeskError, ValidationFailed
from shopdesk.services.audit import AuditFilter, events
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.shop import Shop
from tests.documents.reading import read_pdf, squeeze
from tests.order_helpers import draft, lenient_rules
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


def supplied_shop(shop: Shop) -> Shop:
    """WH1 (bins A-01, A-02) and WH2; mugs (default bin A-01) and plates from supplier ACME."""
    build_layout(shop)
    mug = new_product(shop, "MUG", cost=300)
    plate = new_product(shop, "PLATE", cost=450)
    shop.locations.set_default_bin(mug, "WH1/A/A-01")
    shop.locations.set_default_bin(plate, "WH1/A/A-02")
    acme = shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", phone="021-5555 0101"))
    shop.catalogue.link_supplier(plate, acme, supplier_sku="AC-PL-9", cost=500, preferred=True)
    return shop


def test_purchase_orders_are_numbered_one_after_another(shop: Shop) -> None:
    supplied_shop(shop)
    first = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    second = shop.purchasing.create("acme", [PoLineDraft("PLATE", 5)])
    assert (first, second) == ("PO-000001", "PO-000002")


def test_a_line_without_a_cost_takes_the_suppliers_cost_then_the_products(shop: Shop) -> None:
    supplied_shop(shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("PLATE", 5), PoLineDraft("MUG", 10)])
    po = shop.purchasing.get(number)
    assert [(ln.sku, ln.supplier_sku, ln.unit_cost) for ln in po.lines] == [("PLATE", "AC-PL-9", 500), ("MUG", "", 300)]
    assert (po.status, po.total, po.warehouse) == ("draft", 5 * 500 + 10 * 300, "WH1")


def test_a_partial_receipt_at_a_new_cost_moves_the_average(shop: Shop) -> None:
    supplied_shop(shop)
    shop.inventory.receive("MUG", 100, "WH1/A/A-01", unit_cost=320)  # 100 on the shelf worth 320.00
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 60, unit_cost=350), PoLineDraft("PLATE", 20)])
    shop.purchasing.order(number)

    first = shop.purchasing.receive(number, [ReceiptLine(1, 40)])
    # 40 × 3.50 = 140.00 comes in: 140 mugs worth 320.00 + 140.00 = 460.00, average 460.00 / 140 = 3.2857…
    assert (first.status, first.units, first.value) == ("partially_received", 40, 14000)
    mug = shop.inventory.product_stock("MUG")
    assert (mug.on_hand, mug.value) == (140, 46000)
    assert mug.unit_cost is not None and mug.unit_cost.quantize(Decimal("0.0001")) == Decimal("328.5714")

    # The rest: 20 mugs (20 × 3.50 = 70.00 → 160 worth 530.00) and all 20 plates at the supplier's 5.00.
    second = shop.purchasing.receive(number, [ReceiptLine("mug", 20), ReceiptLine("PLATE", 20)])
    assert (second.status, second.units, second.value) == ("received", 40, 7000 + 10000)
    assert shop.inventory.product_stock("MUG").value == 53000
    plate = shop.inventory.product_stock("PLATE")
    assert [(loc.path, loc.on_hand) for loc in plate.locations] == [("WH1/A/A-02", 20)]
    po = shop.purchasing.get(number)
    assert [(ln.received_qty, ln.outstanding) for ln in po.lines] == [(60, 0), (20, 0)]
    assert shop.purchasing.close(number) == "closed"
    assert migrate.check(shop.db).ok


def test_receipt_moves_name_the_purchase_order(sqlite_shop: Shop) -> None:
    shop = supplied_shop(sqlite_shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 5, unit_cost=310)])
    shop.purchasing.order(number)
    shop.purchasing.receive(number, [ReceiptLine(1, 5, location="WH1/A/A-02")])
    move = shop.inventory.history("MUG")[0]
    assert (move.kind, move.from_path, move.to_path, move.quantity, move.value, move.source) == (
        "receipt",
        "@supplier",
        "WH1/A/A-02",
        5,
        1550,
        number,
    )


def test_under_fifo_a_receipt_is_a_new_cost_layer(sqlite_shop: Shop) -> None:
    shop = supplied_shop(sqlite_shop)
    shop.inventory.set_valuation_method("fifo")
    shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=300)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10, unit_cost=400)])
    shop.purchasing.order(number)
    shop.purchasing.receive(number, [ReceiptLine(1, 10)])
    # Ship 15: the 10 old ones at 3.00 first, then 5 of the purchase order's at 4.00 = 50.00.
    assert shop.inventory.ship("MUG", 15, "WH1/A/A-01").value == 3000 + 2000


def test_every_state_change_is_in_the_audit_trail(shop: Shop) -> None:
    supplied_shop(shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    po_id = shop.purchasing.get(number).id
    shop.purchasing.order(number)
    shop.purchasing.receive(number, [ReceiptLine(1, 4)])
    shop.purchasing.close(number, reason="supplier discontinued the rest")
    trail = [
        (e.action, e.changes.get("status"), e.reason)
        for e in reversed(events(shop.db, AuditFilter(entity="purchase_order", entity_id=po_id)))
    ]
    assert trail == [
        ("created", [None, "draft"], ""),
        ("status", ["draft", "ordered"], "sent to the supplier"),
        ("status", ["ordered", "partially_received"], "received 4 unit(s)"),
        ("status", ["partially_received", "closed"], "supplier discontinued the rest"),
    ]


def test_states_refuse_what_does_not_follow(shop: Shop) -> None:
    supplied_shop(shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    with pytest.raises(Conflict, match="order it first"):
        shop.purchasing.receive(number, [ReceiptLine(1, 1)])
    with pytest.raises(ShopDeskError, match="is draft; it cannot become closed"):
        shop.purchasing.close(number)
    shop.purchasing.order(number)
    shop.purchasing.receive(number, [ReceiptLine(1, 2)])
    with pytest.raises(ShopDeskError, match="cannot become cancelled"):
        shop.purchasing.cancel(number, "changed our mind")
    with pytest.raises(ValidationFailed, match="say why the rest will not be delivered"):
        shop.purchasing.close(number)
    shop.purchasing.receive_all(number)
    assert shop.purchasing.get(number).status == "received"
    with pytest.raises(Conflict, match="nothing more can be received"):
        shop.purchasing.receive(number, [ReceiptLine(1, 1)])


def test_a_draft_or_ordered_purchase_order_can_be_cancelled_with_a_reason(shop: Shop) -> None:
    supplied_shop(shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    shop.purchasing.order(number)
    with pytest.raises(ValidationFailed, match="say why"):
        shop.purchasing.cancel(number, " ")
    assert shop.purchasing.cancel(number, "found a cheaper supplier") == "cancelled"
    assert shop.purchasing.on_order() == {}


def test_bad_receipts_are_refused_all_at_once_and_the_ledger_is_unchanged(shop: Shop) -> None:
    supplied_shop(shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10), PoLineDraft("PLATE", 5)])
    shop.purchasing.order(number)
    before = ledger_snapshot(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.purchasing.receive(
            number,
            [
                ReceiptLine(1, 0),
                ReceiptLine("PLATE", -3),
                ReceiptLine(7, 1),
                ReceiptLine("CUP", 1),
            ],
        )
    messages = [str(p) for p in refused.value.problems]
    assert messages == [
        "line 1 (MUG): the quantity received is a whole number above zero (found: '0')",
        "line 2 (PLATE): the quantity received is a whole number above zero (found: '-3')",
        f"line 7: {number} has no such line (give a line number or a SKU on it)",
        f"line CUP: {number} has no such line (give a line number or a SKU on it)",
    ]
    with pytest.raises(ValidationFailed, match="at most 10 more can be received"):
        shop.purchasing.receive(number, [ReceiptLine(1, 6), ReceiptLine("MUG", 5)])
    with pytest.raises(ValidationFailed, match="No location"):
        shop.purchasing.receive(number, [ReceiptLine(1, 1, location="WH9/NOWHERE")])
    with pytest.raises(ValidationFailed, match="into a warehouse, zone or bin"):
        shop.purchasing.receive(number, [ReceiptLine(1, 1, location="scrap")])
    assert ledger_snapshot(shop) == before
    assert [ln.received_qty for ln in shop.purchasing.get(number).lines] == [0, 0]
    assert shop.purchasing.get(number).status == "ordered"


def test_a_product_without_a_default_bin_needs_a_bin_named(sqlite_shop: Shop) -> None:
    shop = supplied_shop(sqlite_shop)
    new_product(shop, "CUP")
    number = shop.purchasing.create("ACME", [PoLineDraft("CUP", 3)])
    shop.purchasing.order(number)
    with pytest.raises(ValidationFailed, match="has no default bin in the delivery warehouse"):
        shop.purchasing.receive(number, [ReceiptLine("CUP", 3)])
    assert shop.purchasing.receive(number, [ReceiptLine("CUP", 3, location="WH1/A/A-02")]).status == "received"


def test_bad_purchase_orders_are_refused_with_every_problem(shop: Shop) -> None:
    supplied_shop(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.purchasing.create(
            "NOPE",
            [PoLineDraft("MUG", 0), PoLineDraft("GHOST-1", 2), PoLineDraft("PLATE", 2, unit_cost=-5)],
            warehouse="WH1/A/A-01",
        )
    assert [str(p) for p in refused.value.problems] == [
        "supplier: no such supplier (give its code or id) (found: 'NOPE')",
        "warehouse: goods are delivered to a warehouse (found: 'WH1/A/A-01')",
        "line 1: the quantity is a whole number above zero (found: '0')",
        "line 2: No product with SKU or barcode 'GHOST-1' (found: 'GHOST-1')",
        "line 3: the unit cost is zero or more, in minor units (found: '-5')",
    ]
    assert shop.purchasing.list_orders() == []
    with pytest.raises(NotFound, match="No purchase order PO-000099"):
        shop.purchasing.get("po-000099")


def test_lines_can_be_added_to_a_draft_only(sqlite_shop: Shop) -> None:
    shop = supplied_shop(sqlite_shop)
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    assert shop.purchasing.add_line(number, PoLineDraft("PLATE", 4)) == 2
    with pytest.raises(ValidationFailed, match="on the order already"):
        shop.purchasing.add_line(number, PoLineDraft("MUG", 1))
    shop.purchasing.order(number)
    with pytest.raises(Conflict, match="only a draft can be changed"):
        shop.purchasing.add_line(number, PoLineDraft("PLATE", 1))


def test_open_purchase_orders_count_as_on_order(shop: Shop) -> None:
    supplied_shop(shop)
    mug = shop.catalogue.find_by_code("MUG").id  # type: ignore[union-attr]
    plate = shop.catalogue.find_by_code("PLATE").id  # type: ignore[union-attr]
    ordered = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10), PoLineDraft("PLATE", 4)])
    shop.purchasing.order(ordered)
    shop.purchasing.receive(ordered, [ReceiptLine("MUG", 3)])
    shop.purchasing.create("ACME", [PoLineDraft("MUG", 5)])  # a draft: planned, counted as on order
    assert shop.purchasing.on_order() == {mug: 7 + 5, plate: 4}
    rows = shop.purchasing.list_orders(status="open")
    assert [(r.number, r.status, r.lines, r.ordered_units, r.received_units) for r in rows] == [
        ("PO-000002", "draft", 1, 5, 0),
        ("PO-000001", "partially_received", 2, 14, 3),
    ]


def test_stock_arriving_allocates_orders_waiting_for_it(shop: Shop) -> None:
    supplied_shop(shop)
    lenient_rules(shop)
    waiting = shop.orders.create_order(draft(("MUG", 4)))
    shop.order_flow.confirm(waiting)
    assert shop.orders.get_order(waiting).status == "confirmed"
    number = shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    shop.purchasing.order(number)
    result = shop.purchasing.receive(number, [ReceiptLine("MUG", 10)])
    assert result.allocated_orders == [waiting]
    assert shop.orders.get_order(waiting).status == "allocated"
    assert shop.inventory.product_stock("MUG").reserved == 4


def test_the_purchase_order_pdf_lists_what_to_deliver(sqlite_shop: Shop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shop = supplied_shop(sqlite_shop)
    shop.set_setting("name", "小店 Little Shop")
    number = shop.purchasing.create("ACME", [PoLineDraft("PLATE", 12), PoLineDraft("MUG", 3, unit_cost=299)])
    shop.purchasing.order(number)
    path = shop.purchasing.purchase_order_pdf(number, tmp_path / "po.pdf")
    text = squeeze(read_pdf(path.read_bytes())[0].text)
    for expected in (number, "AcmeCeramics", "小店LittleShop", "AC-PL-9", "PLATE", "12piece", "¥60.00", "¥68.97"):
        assert squeeze(expected) in text
