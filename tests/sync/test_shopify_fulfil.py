"""Shopify fulfilments line by line: each parcel of a store order tells Shopify only its own lines and units, with
its own tracking number; a whole order is one fulfilment; a refusal waits in the outbox with Shopify's reason.

The fake store (tests/sync/fake_shopify.py) checks every fulfillmentCreate as Shopify does: fulfillment orders
of one order at one location, open or in progress, their own line items, no more units than remain.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from shopdesk.services.shop import Shop
from shopdesk.services.sync import PullResult, SyncService, store_sender
from shopdesk.services.sync_runs import sync_status
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.http import SendFailed
from shopdesk.sync.shopify import ShopifyStore
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_shopify import GRAPHQL_PATH, TOKEN, FakeShopify, line, shopify_order
from tests.sync.fake_woo import HISTORY

ORDER = "gid://shopify/Order/53001"
FO = "gid://shopify/FulfillmentOrder/953001"
FO_AT_WAREHOUSE = "gid://shopify/FulfillmentOrder/753001"
MUGS = "gid://shopify/FulfillmentOrderLineItem/81"  # fulfillment order line of line item 1 (3 mugs)
TEES = "gid://shopify/FulfillmentOrderLineItem/82"  # of line item 2 (1 T-shirt)


def store_of(httpserver: HTTPServer, fake: FakeShopify) -> ShopifyStore:
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    return ShopifyStore.open(httpserver.url_for("/"), Credentials(TOKEN), sleep=fake.sleep, timeout=2)


def pulled(shop: Shop, httpserver: HTTPServer, *orders: dict) -> tuple[SyncService, FakeShopify, list[str]]:
    """The store's orders pulled into a stocked shop; our order numbers."""
    fake = FakeShopify(orders=list(orders), stock={"MUG": 10, "TEE": 10})
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    store = store_of(httpserver, fake)
    try:
        created = sync.pull_orders("shop1", store).created
    finally:
        store.close()
    return sync, fake, created


def ship(shop: Shop, number: str, tracking: str) -> None:
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, tracking, "SF Express")


def mugs_and_a_tee() -> dict:
    """Order #3001: 3 mugs (line item 1) and a T-shirt (line item 2)."""
    return shopify_order(3001, 0, line(1, "MUG", 3, "25.00"), line(2, "TEE", 1, "39.90"))


def test_an_order_split_in_two_parcels_is_two_fulfilments_each_with_its_own_lines_and_tracking(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, fake, [number] = pulled(shop, httpserver, mugs_and_a_tee())
    # One mug and the T-shirt go tomorrow: line 1 keeps 2 mugs here.
    [part] = shop.order_flow.split(number, {1: 1, 2: 1}, "the T-shirt comes tomorrow").new_orders
    ship(shop, number, "SF1000000001")

    run = sync.send_outbox(store_sender, channel="shop1")

    assert (run.retrying, run.dead) == (0, 0)
    assert [(f["trackingInfo"][0]["number"], f["lines"]) for f in fake.fulfilments] == [
        ("SF1000000001", [{"fulfillmentOrderId": FO, "fulfillmentOrderLineItems": [{"id": MUGS, "quantity": 2}]}])
    ]
    assert fake.sent(ORDER) == {"1": 2, "2": 0}  # Shopify knows the T-shirt and one mug are still to send
    assert fake.fulfilment_orders[ORDER][0]["status"] == "IN_PROGRESS"

    ship(shop, part, "SF1000000002")
    run = sync.send_outbox(store_sender, channel="shop1")

    assert (run.retrying, run.dead) == (0, 0)
    assert [(f["trackingInfo"][0]["number"], f["lines"]) for f in fake.fulfilments][1:] == [
        (
            "SF1000000002",
            [
                {
                    "fulfillmentOrderId": FO,
                    "fulfillmentOrderLineItems": [{"id": MUGS, "quantity": 1}, {"id": TEES, "quantity": 1}],
                }
            ],
        )
    ]
    assert fake.sent(ORDER) == {"1": 3, "2": 1}
    assert fake.fulfilment_orders[ORDER][0]["status"] == "CLOSED"
    assert {i.state for i in sync.outbox()} == {"sent"}


def test_a_whole_order_is_one_fulfilment_of_all_its_lines(shop: Shop, httpserver: HTTPServer) -> None:
    sync, fake, [number] = pulled(shop, httpserver, mugs_and_a_tee())
    ship(shop, number, "SF1000000001")

    sync.send_outbox(store_sender, channel="shop1")

    assert [(f["trackingInfo"][0]["number"], f["lines"]) for f in fake.fulfilments] == [
        (
            "SF1000000001",
            [
                {
                    "fulfillmentOrderId": FO,
                    "fulfillmentOrderLineItems": [{"id": MUGS, "quantity": 3}, {"id": TEES, "quantity": 1}],
                }
            ],
        )
    ]
    assert fake.fulfilment_orders[ORDER][0]["status"] == "CLOSED"


def test_a_fulfilment_shopify_refuses_waits_in_the_outbox_with_its_reason_until_retried(
    sqlite_shop: Shop, httpserver: HTTPServer
) -> None:
    sync, fake, [number] = pulled(sqlite_shop, httpserver, mugs_and_a_tee())
    ship(sqlite_shop, number, "SF1000000001")
    fake.refusals.append([{"field": ["fulfillment"], "message": "Fulfillment order line item quantity is invalid."}])

    run = sync.send_outbox(store_sender, channel="shop1")

    assert (run.dead, fake.fulfilments) == (1, [])
    [item] = [i for i in sync.outbox() if i.kind == "shipment"]
    assert item.state == "dead"
    reason = (
        "Shopify refused the fulfilment of order 53001: fulfillment: Fulfillment order line item quantity is invalid."
    )
    assert item.last_error == reason
    assert f"shop1: shipment #{item.id}: {reason}" in sync_status(sqlite_shop).problems

    sync.retry(item.id)  # the shop fixed it on the store
    run = sync.send_outbox(store_sender, channel="shop1")

    assert (run.sent, run.dead) == (1, 0)
    assert [f["trackingInfo"][0]["number"] for f in fake.fulfilments] == ["SF1000000001"]
    assert fake.sent(ORDER) == {"1": 3, "2": 1}
    assert not [p for p in sync_status(sqlite_shop).problems if "shipment" in p]


def test_two_store_orders_merged_into_one_parcel_are_each_fulfilled_with_their_own_lines(
    shop: Shop, httpserver: HTTPServer
) -> None:
    first = shopify_order(3101, 0, line(11, "MUG", 1, "25.00"))
    second = shopify_order(3102, 1, line(21, "MUG", 2, "25.00"), line(22, "TEE", 1, "39.90"))
    sync, fake, numbers = pulled(shop, httpserver, first, second)
    shop.order_flow.merge(numbers, "one parcel for Anna")
    ship(shop, numbers[0], "SF1000000001")

    sync.send_outbox(store_sender, channel="shop1")

    assert sorted((f["order"], f["trackingInfo"][0]["number"], str(f["lines"])) for f in fake.fulfilments) == [
        (
            "gid://shopify/Order/53101",
            "SF1000000001",
            str(
                [
                    {
                        "fulfillmentOrderId": "gid://shopify/FulfillmentOrder/953101",
                        "fulfillmentOrderLineItems": [
                            {"id": "gid://shopify/FulfillmentOrderLineItem/811", "quantity": 1}
                        ],
                    }
                ]
            ),
        ),
        (
            "gid://shopify/Order/53102",
            "SF1000000001",
            str(
                [
                    {
                        "fulfillmentOrderId": "gid://shopify/FulfillmentOrder/953102",
                        "fulfillmentOrderLineItems": [
                            {"id": "gid://shopify/FulfillmentOrderLineItem/821", "quantity": 2},
                            {"id": "gid://shopify/FulfillmentOrderLineItem/822", "quantity": 1},
                        ],
                    }
                ]
            ),
        ),
    ]


# Our own fulfilments coming back in the next pull -----------------------------------------------


def pull_again(sync: SyncService, httpserver: HTTPServer, fake: FakeShopify) -> PullResult:
    store = ShopifyStore.open(httpserver.url_for("/"), Credentials(TOKEN), sleep=fake.sleep, timeout=2)
    try:
        return sync.pull_orders("shop1", store)
    finally:
        store.close()


@pytest.mark.parametrize("first", ["the split-off parcel", "the original order"])
def test_a_parcels_fulfilment_coming_back_in_the_next_pull_holds_nothing(
    sqlite_shop: Shop, httpserver: HTTPServer, first: str
) -> None:
    shop = sqlite_shop
    sync, fake, [number] = pulled(shop, httpserver, mugs_and_a_tee())
    [part] = shop.order_flow.split(number, {1: 1, 2: 1}, "the T-shirt comes tomorrow").new_orders
    parcels = [part, number] if first == "the split-off parcel" else [number, part]
    ship(shop, parcels[0], "SF1000000001")
    sync.send_outbox(store_sender, channel="shop1")
    assert fake.orders[0]["displayFulfillmentStatus"] == "PARTIALLY_FULFILLED"

    pulled_again = pull_again(sync, httpserver, fake)  # Shopify says: partly fulfilled (by us)

    assert (pulled_again.held, pulled_again.attention) == ([], [])
    waiting = shop.orders.get_order(parcels[1])
    assert waiting.status == "allocated", waiting.hold_reasons  # still to pack and ship, not held

    ship(shop, parcels[1], "SF1000000002")
    sync.send_outbox(store_sender, channel="shop1")
    assert fake.orders[0]["displayFulfillmentStatus"] == "FULFILLED"
    pulled_again = pull_again(sync, httpserver, fake)
    assert (pulled_again.held, pulled_again.attention) == ([], [])
    assert [shop.orders.get_order(n).status for n in (number, part)] == ["shipped", "shipped"]


def test_goods_sent_from_the_store_beyond_our_parcels_still_hold_the_order_still_here(
    sqlite_shop: Shop, httpserver: HTTPServer
) -> None:
    shop = sqlite_shop
    sync, fake, [number] = pulled(shop, httpserver, mugs_and_a_tee())
    [part] = shop.order_flow.split(number, {1: 1, 2: 1}, "the T-shirt comes tomorrow").new_orders
    ship(shop, part, "SF1000000001")
    sync.send_outbox(store_sender, channel="shop1")
    # Someone at the shop also sends one of the two mugs still here, from Shopify's own admin.
    store_of(httpserver, fake).ship({"order": "53001", "tracking": "YT1", "lines": [{"line": "1", "quantity": 1}]})

    pulled_again = pull_again(sync, httpserver, fake)

    assert pulled_again.held == [number]
    held = shop.orders.get_order(number)
    assert held.status == "on_hold"
    assert "partly sent out by shop1 itself" in held.hold_reasons[0]["message"]


# The adapter on its own ------------------------------------------------------------------------


def test_a_parcel_sent_again_after_a_crash_is_not_fulfilled_twice(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    store = store_of(httpserver, fake)
    parcel = {"order": "53001", "carrier": "SF Express", "tracking": "SF1", "lines": [{"line": "1", "quantity": 1}]}
    store.ship(parcel)
    store.ship(parcel)  # the store took it, the app died before it knew: sent again
    assert fake.sent(ORDER) == {"1": 1, "2": 0} and len(fake.fulfilments) == 1
    store.ship({**parcel, "tracking": "SF2"})  # the next parcel: another mug, another tracking number
    assert fake.sent(ORDER) == {"1": 2, "2": 0} and len(fake.fulfilments) == 2


def test_units_no_longer_to_send_are_not_sent_again(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    store = store_of(httpserver, fake)
    store.ship(
        {"order": "53001", "tracking": "", "lines": [{"line": "1", "quantity": 3}, {"line": "2", "quantity": 1}]}
    )
    store.ship({"order": "53001", "tracking": "", "lines": [{"line": "2", "quantity": 1}]})  # fulfilled already
    assert len(fake.fulfilments) == 1 and [r[0] for r in fake.requests].count("fulfil") == 1


def test_a_line_the_store_did_not_number_is_found_by_its_sku(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    store = store_of(httpserver, fake)
    store.ship({"order": "53001", "tracking": "SF1", "lines": [{"line": "", "sku": "tee", "quantity": 1}]})
    assert fake.fulfilments[0]["lines"] == [
        {"fulfillmentOrderId": FO, "fulfillmentOrderLineItems": [{"id": TEES, "quantity": 1}]}
    ]


def test_lines_sent_from_two_locations_are_one_fulfilment_per_location_and_a_half_done_one_is_finished(
    httpserver: HTTPServer,
) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    fake.from_two_locations(3001, warehouse_lines={2})  # the T-shirt is sent from the warehouse
    store = store_of(httpserver, fake)
    parcel = {
        "order": "53001",
        "tracking": "SF1",
        "lines": [{"line": "1", "quantity": 3}, {"line": "2", "quantity": 1}],
    }
    # The first location's fulfilment goes through, Shopify refuses the second's this time.
    fake.refusals = [None, [{"field": None, "message": "Shopify is busy with this order, try again"}]]
    with pytest.raises(SendFailed, match="busy"):
        store.ship(parcel)
    assert [f["lines"][0]["fulfillmentOrderId"] for f in fake.fulfilments] == [FO]

    store.ship(parcel)  # tried again: only the warehouse's part is still to tell

    assert [(f["trackingInfo"][0]["number"], f["lines"]) for f in fake.fulfilments] == [
        ("SF1", [{"fulfillmentOrderId": FO, "fulfillmentOrderLineItems": [{"id": MUGS, "quantity": 3}]}]),
        ("SF1", [{"fulfillmentOrderId": FO_AT_WAREHOUSE, "fulfillmentOrderLineItems": [{"id": TEES, "quantity": 1}]}]),
    ]
    assert fake.sent(ORDER) == {"1": 3, "2": 1}


def test_lines_on_a_fulfillment_order_held_on_shopify_are_refused_and_nothing_is_sent(
    httpserver: HTTPServer,
) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    fake.from_two_locations(3001, warehouse_lines={2})
    fake.fulfilment_orders[ORDER][1]["status"] = "ON_HOLD"
    store = store_of(httpserver, fake)
    with pytest.raises(SendFailed, match="order #3001 is on hold on Shopify; release it there"):
        store.ship(
            {"order": "53001", "tracking": "SF1", "lines": [{"line": "1", "quantity": 1}, {"line": "2", "quantity": 1}]}
        )
    assert fake.fulfilments == []


def test_a_shipment_line_without_units_is_refused_saying_which(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[mugs_and_a_tee()])
    store = store_of(httpserver, fake)
    with pytest.raises(SendFailed, match="shipment of order 53001: line 2 has no store line, SKU or units") as failed:
        store.ship(
            {"order": "53001", "tracking": "SF1", "lines": [{"line": "1", "quantity": 1}, {"line": "2", "quantity": 0}]}
        )
    assert not failed.value.retryable and fake.fulfilments == []
