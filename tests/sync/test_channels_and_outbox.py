"""Channels keep their keys in the keyring; the outbox sends changes to a store that fails in all the usual ways."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from shopdesk.db.models import OutboxItem, SalesChannel, SyncLogEntry
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.shop import Shop
from shopdesk.services.sync import ChannelView, OutboxView, SyncService, enqueue
from shopdesk.sync import credentials
from shopdesk.sync.http import StoreClient
from tests.sync.conftest import MemoryKeyring
from tests.sync.fake_woo import HISTORY, FakeWooStore

KEY, SECRET = "ck_live_4f9a", "cs_live_secret_77"


def post_to_store(channel: ChannelView, item: OutboxView) -> None:
    client = StoreClient(channel.store_url, timeout=0.5)
    try:
        client.request("POST", f"/{item.kind}", json_body=item.payload)
    finally:
        client.close()


def add_store(shop: Shop, httpserver: HTTPServer) -> SyncService:
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), KEY, SECRET, since=HISTORY)
    with shop.db.uow() as uow:
        enqueue(uow.session, "webshop", "stock", {"sku": "MUG", "available": 7})
        uow.commit()
    return sync


def test_a_channel_keeps_its_key_in_the_keyring_and_nowhere_in_the_database(
    shop: Shop, memory_keyring: MemoryKeyring
) -> None:
    channel = SyncService(shop).add_channel("WebShop", "woocommerce", "https://shop.example.com/", KEY, SECRET)
    assert (channel.name, channel.store_url) == ("webshop", "https://shop.example.com")
    assert credentials.load("webshop") == credentials.Credentials(KEY, SECRET)
    assert KEY not in repr(credentials.load("webshop"))
    with shop.db.read() as conn:
        stored = [str(v) for row in conn.execute(select(SalesChannel.__table__)) for v in row]
        stored += [str(v) for row in conn.execute(select(SyncLogEntry.__table__)) for v in row]
    assert not [v for v in stored if KEY in v or SECRET in v]


@pytest.mark.parametrize("url", ["http://shop.example.com", "ftp://shop.example.com", "shop.example.com"])
def test_a_store_address_that_would_leak_the_key_or_is_no_address_is_refused(shop: Shop, url: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        SyncService(shop).add_channel("webshop", "woocommerce", url, KEY, SECRET)
    assert caught.value.problems[0].where == "url"
    assert SyncService(shop).channels() == []


def test_only_a_role_that_manages_the_shop_adds_a_channel(shop: Shop, memory_keyring: MemoryKeyring) -> None:
    shop.log_in("anna", Role.ACCOUNTANT)
    with pytest.raises(PermissionDenied, match="may not add a sales channel"):
        SyncService(shop).add_channel("webshop", "woocommerce", "https://shop.example.com", KEY, SECRET)
    assert SyncService(shop).channels() == [] and memory_keyring.kept == {}


def test_plain_http_is_accepted_for_a_store_on_this_computer(shop: Shop) -> None:
    channel = SyncService(shop).add_channel("local", "shopify", "http://127.0.0.1:8080", KEY)
    assert channel.store_url == "http://127.0.0.1:8080"
    with pytest.raises(Conflict):
        SyncService(shop).add_channel("local", "shopify", "http://localhost:8080", KEY)


def test_a_change_rolled_back_leaves_nothing_to_send(shop: Shop) -> None:
    SyncService(shop).add_channel("webshop", "woocommerce", "https://shop.example.com", KEY)
    with shop.db.uow() as uow:
        enqueue(uow.session, "webshop", "stock", {"sku": "MUG", "available": 7})
        # no commit: the stock change failed, so its outbox item must not exist either
    assert SyncService(shop).outbox() == []


def test_a_stock_level_reaches_the_store_once(shop: Shop, httpserver: HTTPServer) -> None:
    sync = add_store(shop, httpserver)
    httpserver.expect_oneshot_request("/stock", method="POST", json={"sku": "MUG", "available": 7}).respond_with_json(
        {"ok": True}
    )
    assert sync.send_outbox(post_to_store).sent == 1
    assert sync.send_outbox(post_to_store).sent == 0  # nothing is sent twice
    assert [i.state for i in sync.outbox()] == ["sent"]
    httpserver.check_assertions()


def test_a_store_saying_too_many_requests_is_left_alone_as_long_as_it_asks(shop: Shop, httpserver: HTTPServer) -> None:
    sync = add_store(shop, httpserver)
    httpserver.expect_ordered_request("/stock").respond_with_json(
        {"message": "slow down"}, status=429, headers={"Retry-After": "120"}
    )
    httpserver.expect_ordered_request("/stock").respond_with_json({"ok": True})
    now = utcnow()
    assert sync.send_outbox(post_to_store, now=now).retrying == 1
    [item] = sync.outbox()
    assert item.next_attempt_at == now + timedelta(seconds=120)  # Retry-After beats the 30 s first backoff
    assert sync.send_outbox(post_to_store, now=now + timedelta(seconds=60)).sent == 0  # not due yet
    assert sync.send_outbox(post_to_store, now=now + timedelta(seconds=121)).sent == 1


def test_server_errors_bad_answers_and_timeouts_back_off_and_then_go_dead(shop: Shop, httpserver: HTTPServer) -> None:
    sync = add_store(shop, httpserver)

    def too_slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_ordered_request("/stock").respond_with_data("bad gateway", status=502)
    httpserver.expect_ordered_request("/stock").respond_with_data("<html>oops</html>", content_type="text/html")
    httpserver.expect_ordered_request("/stock").respond_with_handler(too_slow)
    httpserver.expect_ordered_request("/stock").respond_with_data("unavailable", status=503)
    now = utcnow()
    waits = []
    for _ in range(4):
        sync.send_outbox(post_to_store, max_attempts=4, now=now)
        [item] = sync.outbox()
        waits.append((item.next_attempt_at - now).total_seconds())
        now = item.next_attempt_at
    assert waits[:3] == [30, 60, 120]  # doubling after each failure
    [item] = sync.outbox("dead")
    assert (item.attempts, item.last_error) == (4, "the store refused the request: HTTP 503")


def test_a_revoked_key_is_not_retried_until_the_shop_says_so(shop: Shop, httpserver: HTTPServer) -> None:
    sync = add_store(shop, httpserver)
    httpserver.expect_ordered_request("/stock").respond_with_json({"code": "invalid_key"}, status=401)
    httpserver.expect_ordered_request("/stock").respond_with_json({"ok": True})
    assert sync.send_outbox(post_to_store).dead == 1
    [dead] = sync.outbox("dead")
    assert "revoked or expired" in dead.last_error
    assert sync.send_outbox(post_to_store).sent == 0  # dead stays dead
    sync.retry(dead.id)
    assert sync.send_outbox(post_to_store).sent == 1
    outcomes = [outcome for _, _, outcome, _ in sync.sync_log("webshop")]
    assert outcomes == ["ok", "retry", "dead", "ok"]  # newest first, the channel's addition last


def test_a_dead_item_the_shop_drops_is_gone_and_a_pending_one_cannot_be_dropped(
    shop: Shop, httpserver: HTTPServer
) -> None:
    sync = add_store(shop, httpserver)
    [pending] = sync.outbox()
    with pytest.raises(Conflict):
        sync.drop(pending.id)
    httpserver.expect_request("/stock").respond_with_json({"message": "no such product"}, status=404)
    sync.send_outbox(post_to_store)
    sync.drop(pending.id)
    assert sync.outbox() == []
    with shop.db.read() as conn:
        assert conn.execute(select(OutboxItem.id)).all() == []


def test_testing_the_connection_names_the_store_and_writes_it_to_the_sync_log(
    shop: Shop, httpserver: HTTPServer
) -> None:
    FakeWooStore([], key=KEY, secret=SECRET).serve(httpserver)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), KEY, SECRET, since=HISTORY)
    assert sync.test_connection("webshop") == "WooCommerce 9.4.2 at https://shop.example.com"
    assert sync.sync_log("webshop")[0][1:] == ("test connection", "ok", "WooCommerce 9.4.2 at https://shop.example.com")
    assert sync.channel("webshop").last_error == ""


def test_a_refused_key_says_so_without_showing_the_key(shop: Shop, httpserver: HTTPServer) -> None:
    FakeWooStore([], key="ck_new", secret="cs_new").serve(httpserver)  # the key was replaced on the store
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), KEY, SECRET, since=HISTORY)
    with pytest.raises(ShopDeskError) as refused:
        sync.test_connection("webshop")
    message = str(refused.value)
    assert message == (
        "webshop: the store refused the request: HTTP 401 "
        "(the key was refused: revoked or expired? add the channel's credentials again)."
    )
    logged = sync.sync_log("webshop")[0]
    assert logged[1:3] == ("test connection", "failed")
    everything = message + logged[3] + sync.channel("webshop").last_error
    assert KEY not in everything and SECRET not in everything
