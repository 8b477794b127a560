"""The outbox killed (SIGKILL) after the store took an item and before the item was committed as sent: after a
restart the item is sent again, and the store still has it once - one buyer note with the tracking number on
WooCommerce, one fulfilment on Shopify, the same absolute stock level - the item is sent and `db check` passes.

The store is a pytest-httpserver fake in this process; the child (tests/sync/send_crash_child.py) sends the outbox
with the real sender and stops right after the store answered, where the parent kills it.
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from shopdesk.db.database import Database
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, store_sender
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.shopify import ShopifyStore
from shopdesk.sync.woocommerce import woocommerce_client
from tests.integration.test_crash_safety import db_check_passes
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_shopify import GRAPHQL_PATH, TOKEN, FakeShopify, line, shopify_order
from tests.sync.fake_woo import HISTORY, FakeWooStore, woo_order

ROOT = Path(__file__).resolve().parents[2]
ORDER = "/wp-json/wc/v3/orders/501"
NOTE = {"note": "Shipped with SF Express, tracking SF1000000001", "customer_note": True}
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def send_until_taken_then_kill(db: Path, channel: str, kind: str) -> None:
    """Run the outbox in a child; kill it once the store answered the first item of `kind`, before it commits."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.send_crash_child", str(db), channel, kind],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], 30)
    line_read = child.stdout.readline().strip() if ready else "(nothing within 30 s)"
    if line_read != "READY":
        child.kill()
        _, err = child.communicate(timeout=30)
        pytest.fail(f"the child did not reach the kill point: {line_read!r}\n{err[-3000:]}")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    child.stdout.close()
    assert child.stderr is not None
    child.stderr.close()


def outbox_states(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute("SELECT kind, state FROM sync_outbox ORDER BY id")]


def send_again(db: Path) -> SyncService:
    """The app restarted: it sends its outbox as usual, in this process."""
    shop = Shop(Database(str(db)), user="tester")
    sync = SyncService(shop)
    run = sync.send_outbox(store_sender)
    assert (run.retrying, run.dead) == (0, 0)
    shop.close()
    return sync


def woo_order_shipped(db: Path, httpserver: HTTPServer) -> FakeWooStore:
    """Order 501 pulled from a WooCommerce store, packed and shipped here with SF Express SF1000000001."""
    shop, _ = Shop.open(str(db))
    stocked_shop(shop)
    lenient_rules(shop)
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    store.products = [{"id": 11, "sku": "MUG", "type": "simple", "stock_quantity": 10}]
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY)
    [number] = sync.pull_orders("webshop", woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test")).created
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF1000000001", "SF Express")
    shop.close()
    return store


def test_a_woocommerce_shipment_sent_and_killed_before_its_commit_leaves_one_note(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.sqlite"
    store = woo_order_shipped(db, httpserver)
    assert [k for k, _ in outbox_states(db)] == ["stock", "shipment", "stock"]  # both stock items go in one call

    send_until_taken_then_kill(db, "webshop", "shipment")

    assert store.notes[501] == [{"id": 900, **NOTE}]  # the store took it ...
    assert outbox_states(db) == [("stock", "sent"), ("shipment", "pending"), ("stock", "sent")]  # ... we did not know
    db_check_passes(db, capsys)

    send_again(db)

    assert store.notes[501] == [{"id": 900, **NOTE}]  # one note for the buyer, not two
    assert [c for c in store.changes if "/orders/" in c[1]] == [
        ("PUT", ORDER, {"status": "completed"}),
        ("POST", f"{ORDER}/notes", NOTE),
    ]
    assert outbox_states(db) == [("stock", "sent"), ("shipment", "sent"), ("stock", "sent")]
    db_check_passes(db, capsys)


def test_a_woocommerce_stock_level_sent_and_killed_before_its_commit_is_the_same_level_after(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.sqlite"
    store = woo_order_shipped(db, httpserver)

    send_until_taken_then_kill(db, "webshop", "stock")

    assert store.products[0]["stock_quantity"] == 9  # the store took it ...
    assert outbox_states(db) == [("stock", "pending"), ("shipment", "pending"), ("stock", "pending")]
    db_check_passes(db, capsys)

    send_again(db)

    batches = [body for method, path, body in store.changes if path.endswith("/products/batch")]
    assert len(batches) == 2 and batches[0] == batches[1]  # sent twice, the same absolute level: nothing changes
    assert [(u["id"], u["stock_quantity"]) for u in batches[0]["update"]] == [(11, 9)]
    assert store.products[0]["stock_quantity"] == 9
    assert store.notes[501] == [{"id": 900, **NOTE}]
    assert outbox_states(db) == [("stock", "sent"), ("shipment", "sent"), ("stock", "sent")]
    db_check_passes(db, capsys)


def test_a_shopify_fulfilment_sent_and_killed_before_its_commit_is_not_fulfilled_twice(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.sqlite"
    fake = FakeShopify(orders=[shopify_order(2201, 0, line(1, "MUG", 2, "25.00"))], stock={"MUG": 10, "TEE": 10})
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    shop, _ = Shop.open(str(db))
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    store = ShopifyStore.open(httpserver.url_for("/"), Credentials(TOKEN), sleep=fake.sleep, timeout=5)
    try:
        [number] = sync.pull_orders("shop1", store).created
    finally:
        store.close()
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF1000000001", "SF Express")
    shop.close()

    send_until_taken_then_kill(db, "shop1", "shipment")

    assert len(fake.fulfilments) == 1  # the store took it ...
    assert [s for k, s in outbox_states(db) if k == "shipment"] == ["pending"]  # ... we did not know
    db_check_passes(db, capsys)

    send_again(db)

    assert [(f["order"], f["trackingInfo"]) for f in fake.fulfilments] == [
        ("gid://shopify/Order/52201", [{"number": "SF1000000001", "company": "SF Express"}])
    ]
    assert [r[0] for r in fake.requests].count("fulfil") == 1
    assert fake.fulfilment_orders["gid://shopify/Order/52201"][0]["status"] == "CLOSED"
    assert {s for _, s in outbox_states(db)} == {"sent"}
    assert fake.stock == {"MUG": 8, "TEE": 10}
    db_check_passes(db, capsys)


def test_a_split_orders_first_parcel_killed_before_its_commit_is_fulfilled_once_and_the_second_on_its_own(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.sqlite"
    order = shopify_order(2301, 0, line(1, "MUG", 2, "25.00"), line(2, "TEE", 1, "39.90"))
    fake = FakeShopify(orders=[order], stock={"MUG": 10, "TEE": 10})
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    shop, _ = Shop.open(str(db))
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    store = ShopifyStore.open(httpserver.url_for("/"), Credentials(TOKEN), sleep=fake.sleep, timeout=5)
    try:
        [number] = sync.pull_orders("shop1", store).created
    finally:
        store.close()
    [part] = shop.order_flow.split(number, {2: 1}, "the T-shirt goes in its own parcel").new_orders
    for parcel, tracking in ((number, "SF1000000001"), (part, "SF1000000002")):
        shop.order_flow.mark_packed(parcel)
        shop.order_flow.ship(parcel, tracking, "SF Express")
    shop.close()

    send_until_taken_then_kill(db, "shop1", "shipment")

    assert [f["trackingInfo"][0]["number"] for f in fake.fulfilments] == ["SF1000000001"]  # the store took it ...
    assert [s for k, s in outbox_states(db) if k == "shipment"] == ["pending", "pending"]  # ... we did not know

    send_again(db)

    fo_line = "gid://shopify/FulfillmentOrderLineItem/8{}".format
    assert [(f["trackingInfo"][0]["number"], f["lines"][0]["fulfillmentOrderLineItems"]) for f in fake.fulfilments] == [
        ("SF1000000001", [{"id": fo_line(1), "quantity": 2}]),  # once, though sent twice
        ("SF1000000002", [{"id": fo_line(2), "quantity": 1}]),
    ]
    assert fake.fulfilment_orders["gid://shopify/Order/52301"][0]["status"] == "CLOSED"
    assert {s for _, s in outbox_states(db)} == {"sent"}
    db_check_passes(db, capsys)
