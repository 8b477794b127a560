"""Pushing available stock to a WooCommerce store: products and variations, buffer held back, refusals read."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from shopdesk.services.shop import Shop
from shopdesk.services.sync import ChannelView, OutboxView, SyncService
from shopdesk.sync.woocommerce import push_stock, woocommerce_client
from tests.order_helpers import draft, stocked_shop
from tests.sync.fake_woo import HISTORY

PRODUCTS = "/wp-json/wc/v3/products"


def listing(items: list[dict]) -> Response:
    return Response(json.dumps(items), content_type="application/json", headers={"X-WP-TotalPages": "1"})


def store_with_a_mug_and_a_tee_variation(httpserver: HTTPServer, refuse_tee: bool = False) -> list[dict]:
    """MUG is a simple product (id 11); TEE a variation (id 31) of the variable product 30, which /products?sku misses."""
    received: list[dict] = []

    def products(request: Request) -> Response:
        if request.args.get("type") == "variable":
            return listing([{"id": 30, "sku": "TEE-STYLE", "type": "variable", "parent_id": 0}])
        skus = request.args.get("sku", "").split(",")
        return listing([p for p in [{"id": 11, "sku": "MUG", "type": "simple", "parent_id": 0}] if p["sku"] in skus])

    def batch(request: Request) -> Response:
        body = request.get_json()
        received.append({"path": request.path, **body})
        answers = [
            {"id": u["id"], "error": {"code": "woocommerce_rest_invalid_id", "message": "Invalid ID."}}
            if refuse_tee and u["id"] == 31
            else {"id": u["id"], "stock_quantity": u["stock_quantity"]}
            for u in body["update"]
        ]
        return Response(json.dumps({"update": answers}), content_type="application/json")

    httpserver.expect_request(PRODUCTS, method="GET").respond_with_handler(products)
    httpserver.expect_request(f"{PRODUCTS}/30/variations", method="GET").respond_with_handler(
        lambda request: listing([{"id": 31, "sku": "TEE"}])
    )
    httpserver.expect_request(f"{PRODUCTS}/batch", method="POST").respond_with_handler(batch)
    httpserver.expect_request(f"{PRODUCTS}/30/variations/batch", method="POST").respond_with_handler(batch)
    return received


def sender():  # type: ignore[no-untyped-def]
    def send(channel: ChannelView, item: OutboxView) -> None:
        client = woocommerce_client(channel.store_url, "ck", "cs", timeout=2)
        try:
            push_stock(client, item.payload["levels"])
        finally:
            client.close()

    return send


def test_the_store_gets_what_can_be_sold_less_the_buffer_for_products_and_variations(
    shop: Shop, httpserver: HTTPServer
) -> None:
    stocked_shop(shop, {"MUG": 10, "TEE": 3})
    shop.orders.create_order(draft(("MUG", 4)), confirm=True)  # 4 mugs reserved for an order
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck", "cs", buffer=2, since=HISTORY)
    received = store_with_a_mug_and_a_tee_variation(httpserver)
    sync.queue_stock_levels("webshop")
    assert sync.send_outbox(sender()).sent == 1
    assert received == [
        {"path": f"{PRODUCTS}/batch", "update": [{"id": 11, "manage_stock": True, "stock_quantity": 4}]},
        {"path": f"{PRODUCTS}/30/variations/batch", "update": [{"id": 31, "manage_stock": True, "stock_quantity": 1}]},
    ]


def test_an_item_the_store_refuses_in_a_batch_answer_makes_the_push_dead_with_its_reason(
    shop: Shop, httpserver: HTTPServer
) -> None:
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck", "cs", since=HISTORY)
    store_with_a_mug_and_a_tee_variation(httpserver, refuse_tee=True)
    sync.queue_stock_levels("webshop")
    assert sync.send_outbox(sender()).dead == 1
    [dead] = sync.outbox("dead")
    assert dead.last_error == "the store refused the stock of TEE: Invalid ID."
