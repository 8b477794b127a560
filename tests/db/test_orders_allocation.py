"""Allocation (配货): one warehouse for the whole order, bins in walking order, backorders, cancel, split, merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.domain.stock import MoveKind
from shopdesk.services import order_flow, order_stock, stock_arrivals
from shopdesk.services.locations import resolve_location, virtual_location
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine
from shopdesk.services.stock_ledger import Ledger, product_info
from tests.order_helpers import NANJING, draft, lenient_rules, reservation_problems, stocked_shop
from tests.stock_helpers import ledger_snapshot

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def new_confirmed(shop: Shop, *lines, **kw) -> str:  # type: ignore[no-untyped-def]
    number = shop.orders.create_order(draft(*lines, **kw))
    shop.order_flow.confirm(number)
    return number


def test_the_order_goes_to_the_warehouse_that_can_ship_all_of_it(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 5})  # WH1 has mugs but no T-shirts
    shop.inventory.receive("MUG", 2, "WH2/B/B-01", unit_cost=1000)
    shop.inventory.receive("TEE", 1, "WH2/B/B-01", unit_cost=1000)
    number = new_confirmed(shop, ("MUG", 2), ("TEE", 1))
    order = shop.orders.get_order(number)
    assert (order.status, order.warehouse) == ("allocated", "WH2")
    assert [(r.sku, r.location, r.quantity) for r in order.reserved] == [
        ("MUG", "WH2/B/B-01", 2),
        ("TEE", "WH2/B/B-01", 1),
    ]


def test_bins_are_taken_in_walking_order(shop: Shop) -> None:
    stocked_shop(shop, {})
    shop.inventory.receive("MUG", 5, "WH1/A/A-02", unit_cost=1000)
    shop.inventory.receive("MUG", 1, "WH1/A/A-01", unit_cost=1000)  # A-01 comes first on the walk
    number = new_confirmed(shop, ("MUG", 3))
    assert [(r.location, r.quantity) for r in shop.orders.get_order(number).reserved] == [
        ("WH1/A/A-01", 1),
        ("WH1/A/A-02", 2),
    ]
    assert [(p.location, p.quantity) for p in shop.orders.pick_lines([number])] == [
        ("WH1/A/A-01", 1),
        ("WH1/A/A-02", 2),
    ]


def test_waiting_orders_are_allocated_oldest_first_when_stock_arrives(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 0})
    lenient_rules(shop)
    newer = new_confirmed(shop, ("MUG", 2), placed_at=T0 + timedelta(hours=1))
    older = new_confirmed(shop, ("MUG", 2), placed_at=T0)
    assert shop.orders.bucket_counts()["waiting"] == 2
    shop.inventory.receive("MUG", 3, "WH1/A/A-02", unit_cost=1000)  # received ad hoc, no purchase order
    assert [shop.orders.get_order(n).status for n in (older, newer)] == ["allocated", "confirmed"]
    steps = [(t.from_status, t.to_status, t.reason) for t in shop.orders.timeline(older) if t.action == "status"]
    assert steps[-1] == ("confirmed", "allocated", "stock arrived; allocated from WH1")
    shop.inventory.receive("MUG", 1, "WH1/A/A-02", unit_cost=1000)
    assert shop.orders.get_order(newer).status == "allocated"
    assert shop.order_flow.allocate_waiting() == []  # nothing left for the catch-all
    assert reservation_problems(shop) == []


def test_a_transfer_arriving_from_the_other_warehouse_completes_a_waiting_order(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 1, "TEE": 1})  # WH1 has one of each, WH2 the second mug: nobody can ship it all
    shop.inventory.receive("MUG", 1, "WH2/B/B-01", unit_cost=1000)
    lenient_rules(shop)
    number = new_confirmed(shop, ("MUG", 2), ("TEE", 1))
    assert shop.orders.get_order(number).status == "confirmed"
    sent = shop.inventory.transfer("MUG", 1, "WH2/B/B-01", "WH1/A/A-02", reason="for the waiting order")
    assert shop.orders.get_order(number).status == "confirmed"  # on the road, not on a shelf
    shop.inventory.receive_transfer(sent.transfer_id)
    order = shop.orders.get_order(number)
    assert (order.status, order.warehouse) == ("allocated", "WH1")
    assert reservation_problems(shop) == []


def test_a_count_that_finds_more_and_goods_back_from_quarantine_allocate_waiting_orders(sqlite_shop: Shop) -> None:
    shop = stocked_shop(sqlite_shop, {"MUG": 1})
    lenient_rules(shop)
    shop.inventory.quarantine("MUG", 1, "WH1/A/A-01", reason="dented box?")
    first = new_confirmed(shop, ("MUG", 1), placed_at=T0)
    second = new_confirmed(shop, ("MUG", 1), placed_at=T0 + timedelta(hours=1))
    shop.inventory.adjust("MUG", "WH1/A/A-02", set_to=1, reason="stocktake: one more on the shelf")
    assert [shop.orders.get_order(n).status for n in (first, second)] == ["allocated", "confirmed"]
    shop.inventory.release_quarantine("MUG", 1, "WH1/A/A-01", reason="the box is fine")
    assert shop.orders.get_order(second).status == "allocated"


def test_opening_stock_and_a_customers_return_put_back_on_the_shelf_allocate_waiting_orders(sqlite_shop: Shop) -> None:
    shop = stocked_shop(sqlite_shop, {})
    lenient_rules(shop)
    mug, tee = (shop.inventory.product_stock(sku).product_id for sku in ("MUG", "TEE"))
    first = new_confirmed(shop, ("MUG", 1), ("TEE", 1), placed_at=T0)
    second = new_confirmed(shop, ("MUG", 1), placed_at=T0 + timedelta(hours=1))
    shop.inventory.receive_many(
        [ReceiptLine(mug, 1, "WH1/A/A-01", 1000), ReceiptLine(tee, 1, "WH1/A/A-02", 1000)], opening=True
    )
    assert [shop.orders.get_order(n).status for n in (first, second)] == ["allocated", "confirmed"]
    shop.inventory.customer_return("MUG", 1, "WH1/A/A-01", unit_cost=1000, reason="unopened, back on the shelf")
    assert shop.orders.get_order(second).status == "allocated"
    assert reservation_problems(shop) == []


def test_goods_moved_between_bins_or_into_quarantine_are_no_arrival(
    sqlite_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = stocked_shop(sqlite_shop, {"MUG": 3, "TEE": 2})
    lenient_rules(shop)
    number = new_confirmed(shop, ("MUG", 4))
    tried: list[frozenset[int]] = []
    allocate = order_flow.allocate_waiting_orders
    monkeypatch.setattr(
        order_flow, "allocate_waiting_orders", lambda *a, products, **kw: tried.append(products) or allocate(*a, **kw)
    )
    shop.inventory.transfer("MUG", 1, "WH1/A/A-01", "WH1/A/A-02")
    shop.inventory.quarantine("TEE", 1, "WH1/A/A-01")
    assert tried == []
    shop.inventory.receive("TEE", 1, "WH1/A/A-01", unit_cost=1000)  # an arrival: only T-shirt orders are looked at
    assert tried == [frozenset({shop.inventory.product_stock("TEE").product_id})]
    assert shop.orders.get_order(number).status == "confirmed"


def test_goods_posted_in_a_transaction_that_rolls_back_never_arrive(
    sqlite_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = stocked_shop(sqlite_shop, {})
    heard: list[frozenset[int]] = []
    monkeypatch.setattr(stock_arrivals, "_listeners", [lambda engine, user, products: heard.append(products)])
    with shop.db.uow() as uow:  # no commit: rolled back
        conn = uow.session.connection()
        supplier, shelf = virtual_location(conn, "supplier"), resolve_location(conn, "WH1/A/A-01")
        Ledger.open(conn, "tester").post(product_info(conn, "MUG"), 1, supplier, shelf, MoveKind.RECEIPT, value=100)
    assert heard == []
    shop.inventory.receive("TEE", 1, "WH1/A/A-01", unit_cost=100)
    assert heard == [frozenset({shop.inventory.product_stock("TEE").product_id})]


def test_a_failed_allocation_does_not_undo_the_receipt(
    sqlite_shop: Shop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shop = stocked_shop(sqlite_shop, {"MUG": 0})
    lenient_rules(shop)
    number = new_confirmed(shop, ("MUG", 1))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the reservation broke")

    monkeypatch.setattr(order_stock, "reserve", broken)
    posted = shop.inventory.receive("MUG", 2, "WH1/A/A-01", unit_cost=1000)
    assert posted.quantity == 2
    assert shop.inventory.product_stock("MUG").on_hand == 2
    assert shop.orders.get_order(number).status == "confirmed"
    assert "the reservation broke" in caplog.text
    monkeypatch.undo()
    assert [r.number for r in shop.order_flow.allocate_waiting()] == [number]  # the catch-all still can


def test_shipping_what_is_there_splits_off_a_backorder(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 2, "TEE": 0})
    lenient_rules(shop)
    shop.order_flow.set_backorder_policy("ship_available")
    number = shop.orders.create_order(
        draft(OrderLineDraft("MUG", 3, "10.00", "3.00"), OrderLineDraft("TEE", 1, "20.00"), shipping_fee="6")
    )
    result = shop.order_flow.confirm(number)
    assert (result.status, result.new_orders) == ("allocated", (f"{number}-1",))
    part, rest = shop.orders.get_order(number), shop.orders.get_order(f"{number}-1")
    assert [(ln.sku, ln.quantity, ln.discount, ln.net) for ln in part.lines] == [("MUG", 2, 200, 1800)]
    assert [(ln.sku, ln.quantity, ln.discount, ln.net) for ln in rest.lines] == [
        ("MUG", 1, 100, 900),
        ("TEE", 1, 0, 2000),
    ]
    assert (part.total, rest.total) == (1800 + 600, 2900)  # the shipping fee stays with the first parcel
    assert (rest.status, rest.split_from, part.split_into) == ("confirmed", number, [f"{number}-1"])
    shop.inventory.receive("MUG", 1, "WH1/A/A-01", unit_cost=1000)
    assert shop.orders.get_order(f"{number}-1").status == "confirmed"  # a backorder waits for all of it
    shop.inventory.receive("TEE", 1, "WH1/A/A-01", unit_cost=1000)
    assert shop.orders.get_order(f"{number}-1").status == "allocated"
    assert reservation_problems(shop) == []


def test_cancelling_gives_the_stock_back_for_the_next_order(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 1})
    lenient_rules(shop)
    first = new_confirmed(shop, ("MUG", 1))
    second = new_confirmed(shop, ("MUG", 1))
    assert shop.orders.get_order(second).status == "confirmed"
    with pytest.raises(ValidationFailed, match="say why"):
        shop.order_flow.cancel(first, "")
    shop.order_flow.cancel(first, "buyer changed their mind")
    assert shop.order_flow.reserved_units(first) == 0
    assert [r.number for r in shop.order_flow.allocate_waiting()] == [second]
    assert reservation_problems(shop) == []


def test_an_allocated_order_split_in_two_keeps_exactly_its_reservation(shop: Shop) -> None:
    stocked_shop(shop)
    number = new_confirmed(shop, ("MUG", 3), ("TEE", 2))
    result = shop.order_flow.split(number, {1: 1, 2: 2}, "second parcel tomorrow")
    new = result.new_orders[0]
    assert shop.orders.get_order(new).status == "allocated"
    assert [(ln.sku, ln.quantity) for ln in shop.orders.get_order(number).lines] == [("MUG", 2)]
    assert [(ln.sku, ln.quantity) for ln in shop.orders.get_order(new).lines] == [("MUG", 1), ("TEE", 2)]
    assert (shop.order_flow.reserved_units(number), shop.order_flow.reserved_units(new)) == (2, 3)
    assert reservation_problems(shop) == []


def test_a_split_that_would_empty_the_order_or_take_too_much_changes_nothing(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    number = new_confirmed(sqlite_shop, ("MUG", 2))
    before = ledger_snapshot(sqlite_shop)
    with pytest.raises(ValidationFailed) as caught:
        sqlite_shop.order_flow.split(number, {1: 3, 7: 1})
    assert [str(p) for p in caught.value.problems] == [
        "line 1: the line has only 2 (found: '3')",
        "line 7: order SO-000001 has no such line (found: '7')",
    ]
    with pytest.raises(ValidationFailed, match="something has to stay on the original order"):
        sqlite_shop.order_flow.split(number, {1: 2})
    assert ledger_snapshot(sqlite_shop) == before
    assert sqlite_shop.orders.count_orders() == 1


def test_two_orders_to_the_same_buyer_and_address_merge_into_the_older_one(shop: Shop) -> None:
    stocked_shop(shop)
    older = new_confirmed(shop, ("MUG", 1), placed_at=T0, shipping_fee="5")
    newer = new_confirmed(shop, ("TEE", 2), placed_at=T0 + timedelta(hours=2), shipping_fee="5")
    result = shop.order_flow.merge([newer, older], "one parcel")
    assert (result.number, result.status, result.new_orders) == (older, "allocated", (newer,))
    merged, gone = shop.orders.get_order(older), shop.orders.get_order(newer)
    assert [(ln.sku, ln.quantity) for ln in merged.lines] == [("MUG", 1), ("TEE", 2)]
    assert merged.total == 3 * 2500 + 1000
    assert (gone.status, gone.merged_into) == ("cancelled", older)
    assert shop.order_flow.reserved_units(older) == 3 and shop.order_flow.reserved_units(newer) == 0
    assert reservation_problems(shop) == []


def test_orders_to_different_addresses_or_still_on_hold_do_not_merge(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop)
    a = new_confirmed(sqlite_shop, ("MUG", 1))
    b = new_confirmed(sqlite_shop, ("MUG", 1), ship_to=NANJING)
    held = new_confirmed(sqlite_shop, ("TEE", 1), buyer_remark="call me")
    with pytest.raises(ValidationFailed) as caught:
        sqlite_shop.order_flow.merge([a, b, held])
    assert [str(p) for p in caught.value.problems] == [
        "SO-000003: is on_hold; only confirmed or allocated orders can be merged",
        "orders: the orders go to different buyers, addresses or currencies",
    ]
    assert [o.status for o in sqlite_shop.orders.list_orders(OrderFilter(sort="number", descending=False))] == [
        "allocated",
        "allocated",
        "on_hold",
    ]


def test_a_merge_that_no_warehouse_could_ship_changes_nothing(sqlite_shop: Shop) -> None:
    stocked_shop(sqlite_shop, {"MUG": 1, "TEE": 0})
    sqlite_shop.inventory.receive("TEE", 1, "WH2/B/B-01", unit_cost=1000)
    a = new_confirmed(sqlite_shop, ("MUG", 1))
    b = new_confirmed(sqlite_shop, ("TEE", 1))
    before = ledger_snapshot(sqlite_shop)
    with pytest.raises(ShopDeskError, match="could not be shipped from one warehouse; nothing was merged"):
        sqlite_shop.order_flow.merge([a, b])
    assert ledger_snapshot(sqlite_shop) == before
    assert [sqlite_shop.orders.get_order(n).status for n in (a, b)] == ["allocated", "allocated"]
    assert reservation_problems(sqlite_shop) == []


def test_a_plan_spoiled_by_another_pc_midway_leaves_no_part_reserved(shop: Shop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another PC takes the T-shirt between our plan and our reservation: the mugs already
    reserved for that plan are given back before the order is planned again."""
    from shopdesk.services.stock_ledger import Ledger, NotEnoughStock

    stocked_shop(shop, {"MUG": 5, "TEE": 5})
    real_reserve = Ledger.reserve
    calls = {"n": 0}

    def reserve_but_lose_the_second_take_once(self, product, loc, quantity, order):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise NotEnoughStock(f"{product.sku} was taken by another order meanwhile")
        return real_reserve(self, product, loc, quantity, order)

    monkeypatch.setattr(Ledger, "reserve", reserve_but_lose_the_second_take_once)
    number = new_confirmed(shop, ("MUG", 2), ("TEE", 1))
    assert calls["n"] == 4  # the first plan got half way, the second went through
    assert shop.orders.get_order(number).status == "allocated"
    assert reservation_problems(shop) == []
