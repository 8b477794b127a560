"""A WooCommerce order split here into parcels: each parcel that leaves adds its own tracking note for the buyer,
and the store's order is completed only when the last of our parcels carrying it has left (WooCommerce has no
partly shipped status). The next pull does not hold a parcel still here because of a completion we sent; a
completion made by someone on the store still holds it, as for a whole order.

The fake store (tests/sync/fake_woo.py) records every write and moves an order's modification time on when it is
updated, so each pull below reads the order again.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from shopdesk.db.models import OutboxItem
from shopdesk.services.shop import Shop
from shopdesk.services.sync import PullResult, SyncService, store_sender
from shopdesk.sync import woocommerce
from shopdesk.sync.woocommerce import woocommerce_client
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_woo import HISTORY, FakeWooStore, item, woo_order

ORDER = "/wp-json/wc/v3/orders/501"
COMPLETE = ("PUT", {"status": "completed"})


def note(tracking: str) -> tuple[str, dict[str, Any]]:
    return ("POST", {"note": f"Shipped with SF Express, tracking {tracking}", "customer_note": True})


def pulled(shop: Shop, httpserver: HTTPServer, *orders: dict) -> tuple[SyncService, FakeWooStore, list[str]]:
    """The store's orders pulled into a stocked shop; our order numbers."""
    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore(list(orders)).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    return sync, store, pull_again(sync, httpserver).created


def pull_again(sync: SyncService, httpserver: HTTPServer) -> PullResult:
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    try:
        return sync.pull_orders("webshop", client)
    finally:
        client.close()


def mug_and_tee() -> dict:
    """Order 501: a mug (line item 1) and a T-shirt (line item 2), paid."""
    return woo_order(501, 0, item(1, "MUG", 1, "25.00"), item(2, "TEE", 1, "39.90"), total="64.90")


def ship(shop: Shop, number: str, tracking: str) -> None:
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, tracking, "SF Express")


def told(store: FakeWooStore, path: str = ORDER) -> list[tuple[str, Any]]:
    """What the store was told about one order, in order: status changes and notes."""
    return [(method, body) for method, at, body in store.changes if at.startswith(path)]


def sent(sync: SyncService) -> None:
    run = sync.send_outbox(store_sender, channel="webshop")
    assert (run.retrying, run.dead) == (0, 0)


@pytest.mark.parametrize("first", ["the split-off parcel", "the original order"])
def test_each_parcel_adds_its_note_and_only_the_last_one_completes_the_order(
    shop: Shop, httpserver: HTTPServer, first: str
) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    leaving, waiting = (part, number) if first == "the split-off parcel" else (number, part)

    ship(shop, leaving, "SF1000000001")
    sent(sync)

    assert told(store) == [note("SF1000000001")]  # the buyer sees the first tracking number ...
    assert store.order(501)["status"] == "processing"  # type: ignore[index]  # ... and the order is not done

    store.edit(501, 20)  # the store's order moved on since (a plugin saved it, say): the pull reads it again
    between = pull_again(sync, httpserver)

    assert (between.already, between.held, between.attention) == (1, [], [])  # one split is not 'the lines changed'
    assert shop.orders.get_order(waiting).status == "allocated"  # still to pack and ship here

    ship(shop, waiting, "SF1000000002")
    sent(sync)

    assert told(store) == [note("SF1000000001"), COMPLETE, note("SF1000000002")]
    assert store.order(501)["status"] == "completed"  # type: ignore[index]
    after = pull_again(sync, httpserver)  # the completion we sent comes back
    assert (after.held, after.attention) == ([], [])
    assert [shop.orders.get_order(n).status for n in (number, part)] == ["shipped", "shipped"]


def test_a_whole_order_is_completed_with_its_note_in_one_go(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    ship(shop, number, "SF1000000001")

    sent(sync)

    assert told(store) == [COMPLETE, note("SF1000000001")]
    after = pull_again(sync, httpserver)
    assert (after.held, after.attention) == ([], [])
    assert shop.orders.get_order(number).status == "shipped"


def test_a_parcel_cancelled_here_does_not_keep_the_store_order_open(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    shop.order_flow.cancel(part, "the buyer no longer wants the T-shirt")

    ship(shop, number, "SF1000000001")
    sent(sync)

    assert told(store) == [COMPLETE, note("SF1000000001")]  # nothing else of the order is to leave


def test_two_store_orders_merged_then_split_are_completed_when_the_last_parcel_leaves(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, [first, second] = pulled(
        shop,
        httpserver,
        mug_and_tee(),
        woo_order(502, 5, item(3, "MUG", 1, "25.00"), total="25.00"),
    )
    shop.order_flow.merge([first, second], "one parcel for Anna")
    merged = shop.orders.get_order(first)
    tee = next(line.line_no for line in merged.lines if line.sku == "TEE")
    [part] = shop.order_flow.split(first, {tee: 1}, "the T-shirt goes tomorrow").new_orders

    ship(shop, first, "SF1000000001")  # both mugs: 501's and 502's
    sent(sync)

    assert told(store) == [note("SF1000000001")]  # 501's T-shirt is still here
    assert told(store, "/wp-json/wc/v3/orders/502") == [COMPLETE, note("SF1000000001")]  # 502 had only its mug

    ship(shop, part, "SF1000000002")
    sent(sync)

    assert told(store)[1:] == [COMPLETE, note("SF1000000002")]
    assert told(store, "/wp-json/wc/v3/orders/502") == [COMPLETE, note("SF1000000001")]  # not told again
    after = pull_again(sync, httpserver)
    assert (after.held, after.attention) == ([], [])


# Completions on the store that are not ours ----------------------------------------------------


def test_a_whole_order_completed_on_the_store_by_someone_else_is_still_held(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    store.edit(501, 30, status="completed", date_completed_gmt="2026-11-20T08:30:00")

    after = pull_again(sync, httpserver)

    assert after.held == [number]
    order = shop.orders.get_order(number)
    assert order.status == "on_hold"
    assert "sent out by webshop itself" in " ".join(r["message"] for r in order.hold_reasons)


def test_a_split_order_completed_on_the_store_by_someone_else_holds_the_parcel_still_here(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    ship(shop, part, "SF1000000001")
    sent(sync)  # our note only: we did not complete it
    store.edit(501, 30, status="completed", date_completed_gmt="2026-11-20T08:30:00")

    after = pull_again(sync, httpserver)

    assert after.held == [number]
    assert shop.orders.get_order(number).status == "on_hold"
    assert told(store) == [note("SF1000000001")]


def test_a_completion_queued_before_parcels_were_told_apart_holds_no_parcel_still_here(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    ship(shop, part, "SF1000000001")
    with shop.db.uow() as uow:  # a shipment queued by the previous version: it completes the order
        [shipment] = [i for i in uow.session.query(OutboxItem) if i.kind == "shipment"]
        shipment.payload = {k: v for k, v in shipment.payload.items() if k != "complete"}
        uow.commit()
    sent(sync)
    assert told(store) == [COMPLETE, note("SF1000000001")]

    after = pull_again(sync, httpserver)  # our own completion comes back

    assert (after.held, after.attention) == ([], [])
    assert shop.orders.get_order(number).status == "allocated"


def test_a_parcel_note_sent_again_after_a_crash_is_added_once_and_leaves_the_status_alone(
    httpserver: HTTPServer,
) -> None:
    store = FakeWooStore([mug_and_tee()]).serve(httpserver)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    parcel = {"order": "501", "carrier": "SF Express", "tracking": "SF1000000001", "complete": False}
    woocommerce.ship_order(client, parcel)
    woocommerce.ship_order(client, parcel)  # the store took it, the app died before it knew: sent again
    client.close()
    assert told(store) == [note("SF1000000001")]
    assert store.order(501)["status"] == "processing"  # type: ignore[index]


# The last parcel still here cancelled -----------------------------------------------------------


def shipments(shop: Shop) -> list[dict[str, Any]]:
    with shop.db.uow() as uow:
        return [i.payload for i in uow.session.query(OutboxItem).order_by(OutboxItem.id) if i.kind == "shipment"]


@pytest.mark.parametrize("cancelled", ["the split-off parcel", "the original order"])
def test_the_last_parcel_cancelled_after_the_others_left_completes_the_store_order(
    shop: Shop, httpserver: HTTPServer, cancelled: str
) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    leaving, staying = (number, part) if cancelled == "the split-off parcel" else (part, number)
    ship(shop, leaving, "SF1000000001")
    sent(sync)
    assert store.order(501)["status"] == "processing"  # type: ignore[index]  # the other parcel is still here

    shop.order_flow.cancel(staying, "the buyer no longer wants it")
    sent(sync)

    assert told(store) == [note("SF1000000001"), COMPLETE]  # completed, and no second note for the buyer
    assert store.order(501)["status"] == "completed"  # type: ignore[index]
    after = pull_again(sync, httpserver)  # the completion we sent comes back
    assert (after.held, after.attention, after.cancelled) == ([], [], [])
    assert {n: shop.orders.get_order(n).status for n in (leaving, staying)} == {
        leaving: "shipped",
        staying: "cancelled",
    }


def test_a_parcel_cancelled_while_another_is_still_to_ship_sends_nothing(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders

    shop.order_flow.cancel(part, "the buyer no longer wants the T-shirt")
    sent(sync)

    assert shipments(shop) == []
    assert told(store) == []
    assert store.order(501)["status"] == "processing"  # type: ignore[index]  # the mug is still to ship here


def test_a_whole_order_cancelled_here_is_not_completed_on_the_store(shop: Shop, httpserver: HTTPServer) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders

    shop.order_flow.cancel(part, "the buyer cancelled by phone")
    shop.order_flow.cancel(number, "the buyer cancelled by phone")  # nothing of it ever left
    sent(sync)

    assert shipments(shop) == []
    assert told(store) == []


def test_a_merged_order_s_last_parcel_cancelled_completes_only_the_store_order_it_held(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, [first, second] = pulled(
        shop,
        httpserver,
        mug_and_tee(),
        woo_order(502, 5, item(3, "MUG", 1, "25.00"), total="25.00"),
    )
    shop.order_flow.merge([first, second], "one parcel for Anna")
    merged = shop.orders.get_order(first)
    tee = next(line.line_no for line in merged.lines if line.sku == "TEE")
    [part] = shop.order_flow.split(first, {tee: 1}, "the T-shirt goes tomorrow").new_orders
    ship(shop, first, "SF1000000001")  # both mugs: 501's and 502's
    sent(sync)
    assert told(store) == [note("SF1000000001")]

    shop.order_flow.cancel(part, "the T-shirt is out of stock for good")  # 501's T-shirt
    sent(sync)

    assert told(store) == [note("SF1000000001"), COMPLETE]
    assert told(store, "/wp-json/wc/v3/orders/502") == [COMPLETE, note("SF1000000001")]  # not told again
    after = pull_again(sync, httpserver)
    assert (after.held, after.attention) == ([], [])


def test_a_store_order_cancelled_on_the_store_after_a_parcel_left_stays_cancelled_there(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync, store, [number] = pulled(shop, httpserver, mug_and_tee())
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes tomorrow").new_orders
    ship(shop, part, "SF1000000001")
    sent(sync)
    store.edit(501, 30, status="cancelled")  # the buyer cancelled the rest on the store

    after = pull_again(sync, httpserver)  # ours still here is cancelled as on the store
    sent(sync)

    assert after.cancelled == [number]
    assert told(store) == [note("SF1000000001")]  # the store's cancellation is not overwritten
    assert store.order(501)["status"] == "cancelled"  # type: ignore[index]


def test_a_completion_for_a_cancelled_rest_sent_again_after_a_crash_completes_once(
    httpserver: HTTPServer,
) -> None:
    store = FakeWooStore([mug_and_tee()]).serve(httpserver)
    client = woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)
    rest = {"order": "501", "carrier": "", "tracking": "", "shipped_at": "", "rest_cancelled": "SO-2"}
    woocommerce.ship_order(client, rest)
    woocommerce.ship_order(client, rest)  # the store took it, the app died before it knew: sent again
    client.close()
    assert told(store) == [COMPLETE]
    assert store.order(501)["status"] == "completed"  # type: ignore[index]
