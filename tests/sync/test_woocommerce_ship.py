"""Telling a WooCommerce store an order left: completed, with the tracking number in a note the buyer sees;
sent twice it changes nothing more; an order deleted on the store is a dead item saying so."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, store_sender
from shopdesk.sync.woocommerce import WooCommerceStore, woocommerce_client
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_woo import HISTORY, FakeWooStore, woo_order

ORDER = "/wp-json/wc/v3/orders/501"
NOTE = {"note": "Shipped with SF Express, tracking SF1000000001", "customer_note": True}


def pulled_and_shipped(shop: Shop, httpserver: HTTPServer) -> tuple[SyncService, FakeWooStore, str]:
    """Order 501 pulled from the store, packed and shipped here with SF Express SF1000000001."""
    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    [number] = sync.pull_orders("webshop", client).created
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF1000000001", "SF Express")
    return sync, store, number


def test_a_shipped_order_is_completed_on_the_store_with_its_tracking_number_for_the_buyer(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, _ = pulled_and_shipped(shop, httpserver)
    store.products = [{"id": 11, "sku": "MUG", "type": "simple", "stock_quantity": 10}]
    run = sync.send_outbox(store_sender, channel="webshop")
    assert (run.sent, run.dead, run.store_calls) == (3, 0, 2)  # the reservation's and the shipment's stock as one
    assert store.changes[1:] == [("PUT", ORDER, {"status": "completed"}), ("POST", f"{ORDER}/notes", NOTE)]
    assert store.order(501)["status"] == "completed"  # type: ignore[index]
    assert store.products[0]["stock_quantity"] == 9


def test_a_shipment_sent_again_after_a_crash_adds_no_second_note(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, _ = pulled_and_shipped(shop, httpserver)
    [shipment] = [i for i in sync.outbox() if i.kind == "shipment"]
    woo = WooCommerceStore(woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2))
    woo.ship(shipment.payload)  # the store took it, and the app died before marking it sent
    sync.send_outbox(store_sender, channel="webshop")  # so it is sent again
    assert [c for c in store.changes if "/orders/" in c[1]] == [
        ("PUT", ORDER, {"status": "completed"}),
        ("POST", f"{ORDER}/notes", NOTE),
    ]
    assert [i.state for i in sync.outbox()] == ["sent"] * 3


def test_an_order_deleted_on_the_store_makes_its_shipment_dead_with_the_reason(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, _ = pulled_and_shipped(shop, httpserver)
    store.delete(501)
    run = sync.send_outbox(store_sender, channel="webshop")
    assert (run.sent, run.dead, run.retrying) == (2, 1, 0)  # dead at once: retrying cannot bring it back
    [dead] = sync.outbox("dead")
    assert dead.kind == "shipment"
    assert dead.last_error == "order 501 is no longer on the store (deleted there?): its shipment cannot be sent"
    assert store.changes == []


def test_two_store_orders_packed_as_one_parcel_are_both_told_the_tracking_number(
    shop: Shop, httpserver: HTTPServer
) -> None:
    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore(
        [woo_order(501, 0, status="processing", total="25.00"), woo_order(502, 5, status="processing", total="25.00")]
    ).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    first, second = sync.pull_orders("webshop", client).created
    shop.order_flow.merge([first, second], "one parcel for Anna")
    shop.order_flow.mark_packed(first)
    shop.order_flow.ship(first, "SF1000000001", "SF Express")

    sync.send_outbox(store_sender, channel="webshop")

    for order_id in (501, 502):  # the merged-away order's buyer sees the parcel too
        assert store.order(order_id)["status"] == "completed"  # type: ignore[index]
        assert ("POST", f"/wp-json/wc/v3/orders/{order_id}/notes", NOTE) in store.changes


def test_each_parcel_of_a_split_store_order_tells_the_buyer_its_tracking_number(
    shop: Shop, httpserver: HTTPServer
) -> None:
    from tests.sync.fake_woo import item

    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore(
        [woo_order(501, 0, item(1, "MUG", 1, "25.00"), item(2, "TEE", 1, "25.00"), total="50.00")]
    ).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    [number] = sync.pull_orders("webshop", client).created
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    for order, tracking in ((number, "SF1000000001"), (part, "SF1000000002")):
        shop.order_flow.mark_packed(order)
        shop.order_flow.ship(order, tracking, "SF Express")

    sync.send_outbox(store_sender, channel="webshop")

    notes = [body["note"] for method, path, body in store.changes if path == f"{ORDER}/notes"]
    assert notes == ["Shipped with SF Express, tracking SF1000000001", "Shipped with SF Express, tracking SF1000000002"]
