"""A new channel does not import the store's past, nothing the store sent out is shipped twice, a pull works
whoever is logged in, every failure shows, and an order the pull refused can be accepted or skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, update

from shopdesk.db.models import OutboxItem, SalesChannel
from shopdesk.domain.errors import Conflict, NotFound
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.orders import Orders
from shopdesk.services.report_sales import period_sales
from shopdesk.services.shop import Shop
from shopdesk.services.sync import OVERLAP, SyncService
from shopdesk.services.sync_problems import ACCEPT, SKIP, decide, open_problems
from shopdesk.services.sync_runs import sync_channel, sync_status
from shopdesk.sync.shopify import ShopifyStore
from shopdesk.sync.woocommerce import woocommerce_client
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_shopify import GRAPHQL_PATH, TOKEN, FakeShopify, line, shopify_order, when
from tests.sync.fake_woo import HISTORY, START, FakeWooStore, woo_order


def woo_shop(shop: Shop, httpserver: HTTPServer, orders: list[dict], **add: object) -> tuple[SyncService, object]:
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", **add)  # type: ignore[arg-type]
    return sync, woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=2)


def stock_of(shop: Shop, sku: str) -> tuple[int, int]:
    found = shop.inventory.product_stock(sku)
    return found.on_hand, found.reserved


def minutes_after_start(moment: datetime) -> int:
    return int((moment - START).total_seconds() // 60)


# A new channel -------------------------------------------------------------------------
def test_the_first_pull_of_a_new_channel_asks_for_orders_changed_since_it_was_added(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([]).serve(httpserver)
    before = datetime.now(UTC)
    sync, client = woo_shop(shop, httpserver, [])
    added = datetime.fromisoformat(sync.channel("webshop").cursor)
    assert before - timedelta(seconds=1) <= added <= datetime.now(UTC)
    store.orders = [woo_order(401, 0), woo_order(402, minutes_after_start(added) + 2)]  # an old one, a new one
    result = sync.pull_orders("webshop", client)
    asked = datetime.fromisoformat(store.requests[0]["modified_after"]).replace(tzinfo=UTC)
    assert added - OVERLAP - timedelta(seconds=1) <= asked <= added - OVERLAP  # never 1970
    assert [o.channel_order_no for o in shop.orders.list_orders(OrderFilter())] == ["402"]
    assert len(result.created) == 1


def test_a_channel_added_with_an_earlier_start_pulls_from_there(shop: Shop, httpserver: HTTPServer) -> None:
    store = FakeWooStore([woo_order(401, 0)]).serve(httpserver)
    sync, client = woo_shop(shop, httpserver, [], since=datetime(2026, 11, 19, 8, 0, tzinfo=UTC))
    sync.pull_orders("webshop", client)
    assert store.requests[0]["modified_after"] == "2026-11-19T07:55:00"  # less the overlap
    assert [o.channel_order_no for o in shop.orders.list_orders(OrderFilter())] == ["401"]
    with pytest.raises(Exception, match="a time in the past"):
        SyncService(shop).add_channel(
            "later", "woocommerce", "https://shop.example.com", "ck", since=datetime.now(UTC) + timedelta(days=2)
        )


def test_a_shopify_channel_asks_for_orders_updated_since_it_was_added(shop: Shop, httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[shopify_order(3001, 0)])
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN)
    since = datetime.fromisoformat(sync.channel("shop1").cursor) - OVERLAP
    sync.pull_orders("shop1", ShopifyStore.open(httpserver.url_for("/"), _token(), sleep=fake.sleep))
    assert fake.requests[0][1]["query"] == f"updated_at:>'{since:%Y-%m-%dT%H:%M:%SZ}'"
    assert shop.orders.list_orders(OrderFilter()) == []  # #3001 is older than the channel


def test_a_channel_added_before_cursors_started_at_the_adding_starts_when_its_log_says_it_was_added(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([]).serve(httpserver)
    sync, client = woo_shop(shop, httpserver, [])
    with shop.db.uow() as uow:  # as an older ShopDesk left it: no cursor until the first pull
        uow.session.execute(update(SalesChannel).values(cursor=""))
        uow.commit()
    [(added, *_)] = [e for e in sync.sync_log("webshop") if e[1] == "channel"]
    sync.pull_orders("webshop", client)
    asked = datetime.fromisoformat(store.requests[0]["modified_after"]).replace(tzinfo=UTC)
    assert added - OVERLAP - timedelta(seconds=1) <= asked <= added - OVERLAP


def _token():  # type: ignore[no-untyped-def]
    from shopdesk.sync.credentials import Credentials

    return Credentials(TOKEN, "")


# Sent out by the store already ------------------------------------------------------------
def test_a_completed_woocommerce_order_is_history_that_reserves_nothing_and_counts_as_a_sale(
    shop: Shop, httpserver: HTTPServer
) -> None:
    FakeWooStore(
        [
            woo_order(901, 0, status="completed", total="25.00", date_completed_gmt="2026-11-20T10:00:00"),
            woo_order(902, 1, status="processing", total="25.00"),
        ]
    ).serve(httpserver)
    sync, client = woo_shop(shop, httpserver, [], since=HISTORY)
    result = sync.pull_orders("webshop", client)
    assert result.created == ["SO-000001", "SO-000002"] and result.sent_already == ["SO-000001"]
    history = shop.orders.get_order("SO-000001")
    assert history.status == "completed"
    assert history.shipped_at == history.completed_at == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert shop.orders.get_order("SO-000002").status == "allocated"  # the one still to ship here
    assert stock_of(shop, "MUG") == (10, 1)  # nothing left our shelves, only 902 is reserved
    with shop.db.read() as conn:
        kinds = conn.execute(select(OutboxItem.kind)).scalars().all()
        sales = period_sales(conn, datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
    assert "shipment" not in kinds  # the store knows it left: nothing to tell it
    assert (sales.total.orders, sales.total.goods_sales, sales.total.cost_shipped) == (1, 2500, 0)
    [entry] = [e for e in shop.orders.timeline("SO-000001") if e.action == "status"]
    assert (entry.user, entry.from_status, entry.to_status) == ("sync:webshop", "draft", "completed")
    again = sync.pull_orders("webshop", client)
    assert (again.created, again.already) == ([], 2)
    assert stock_of(shop, "MUG") == (10, 1)


def test_a_fulfilled_shopify_order_is_shipped_history_and_a_partly_fulfilled_one_waits_on_hold(
    shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(
        orders=[
            shopify_order(3001, 0, displayFulfillmentStatus="FULFILLED", fulfillments=[{"createdAt": when(30)}]),
            shopify_order(
                3002,
                1,
                {**line(1, "MUG", 2, "25.00"), "unfulfilledQuantity": 1},
                {**line(2, "TEE", 1, "25.00"), "unfulfilledQuantity": 0},
                displayFulfillmentStatus="PARTIALLY_FULFILLED",
            ),
        ]
    )
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    result = sync.pull_orders("shop1", ShopifyStore.open(httpserver.url_for("/"), _token(), sleep=fake.sleep))
    assert (result.sent_already, result.partly_sent) == (["SO-000001"], ["SO-000002"])
    shipped = shop.orders.get_order("SO-000001")
    assert (shipped.status, shipped.shipped_at) == ("shipped", START + timedelta(minutes=30))
    partial = shop.orders.get_order("SO-000002")
    assert partial.status == "on_hold"
    assert partial.hold_reasons[0]["message"].startswith(
        "partly fulfilled on shop1 (MUG: 1 of 2 still to send; TEE: 0 of 1 still to send)"
    )
    assert stock_of(shop, "MUG") == (10, 0) and stock_of(shop, "TEE") == (10, 0)


def test_an_order_completed_on_the_store_before_we_shipped_it_is_held_not_shipped_twice(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    sync, client = woo_shop(shop, httpserver, [], since=HISTORY)
    [number] = sync.pull_orders("webshop", client).created
    assert stock_of(shop, "MUG") == (10, 1)
    store.edit(501, 30, status="completed")
    result = sync.pull_orders("webshop", client)
    assert result.held == [number]
    assert shop.orders.get_order(number).status == "on_hold"
    assert stock_of(shop, "MUG") == (10, 0)  # released: nobody picks it meanwhile


# Whoever is logged in ---------------------------------------------------------------------
def test_a_sync_while_the_accountant_is_logged_in_imports_the_orders_and_sends_the_outbox(
    shop: Shop, httpserver: HTTPServer
) -> None:
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    store.products = [{"id": 11, "sku": "MUG", "type": "simple", "stock_quantity": 0}]
    woo_shop(shop, httpserver, [], since=HISTORY)
    shop.log_in("anna", Role.ACCOUNTANT)
    run = sync_channel(shop, "webshop")
    assert (run.error, run.created, run.sent) == ("", ["SO-000001"], 1)
    assert store.products[0]["stock_quantity"] == 9  # the outbox went: 10 less the one reserved
    assert shop.orders.timeline("SO-000001")[0].user == "sync:webshop"
    assert sync_status(shop).problems == []


@pytest.mark.parametrize(
    "failure", [Conflict("the order was saved twice"), RuntimeError("disk I/O error")], ids=["expected", "bug"]
)
def test_a_failing_sync_run_shows_in_the_sync_status_and_the_log(
    shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    sync, _ = woo_shop(shop, httpserver, [], since=HISTORY)

    def broken(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(Orders, "create_orders", broken)
    run = sync_channel(shop, "webshop")
    assert str(failure) in run.error
    assert [p for p in sync_status(shop).problems if str(failure) in p and p.startswith("webshop: ")]
    _, _, outcome, detail = sync.sync_log("webshop")[0]
    assert outcome == "failed" and str(failure) in detail
    assert sync.channel("webshop").cursor == HISTORY.isoformat()  # nothing was stored: asked for again


# An order the pull refused -------------------------------------------------------------------
@pytest.mark.parametrize("decision", [SKIP, ACCEPT])
def test_an_order_in_another_currency_waits_for_a_decision_then_the_cursor_moves_on(
    shop: Shop, httpserver: HTTPServer, decision: str
) -> None:
    FakeWooStore([woo_order(701, 1), woo_order(702, 2, currency="USD", total="25.00"), woo_order(703, 3)]).serve(
        httpserver
    )
    sync, client = woo_shop(shop, httpserver, [], since=HISTORY)
    for _ in range(2):  # asked for again, and again refused, until someone decides
        result = sync.pull_orders("webshop", client)
        assert [n for n, _ in result.failed] == ["702"] and result.cursor == "2026-11-20T08:01:00+00:00"
    [problem] = open_problems(shop)
    assert (problem.channel, problem.order, problem.currency) == ("webshop", "702", "USD")
    assert any("order 702 was not imported" in p for p in sync_status(shop).problems)
    shop.log_in("anna", Role.ACCOUNTANT)
    with pytest.raises(PermissionDenied):
        decide(shop, "webshop", "702", decision)
    shop.log_in("li", Role.CUSTOMER_SERVICE)
    decide(shop, "webshop", "702", decision)
    result = sync.pull_orders("webshop", client)
    assert result.failed == [] and result.cursor == "2026-11-20T08:03:00+00:00"  # past 702 and 703
    assert open_problems(shop) == [] and sync_status(shop).problems == []
    imported = {o.channel_order_no: o for o in shop.orders.list_orders(OrderFilter())}
    if decision == SKIP:
        assert result.left_out == ["702"] and "702" not in imported
    else:
        assert result.created == ["SO-000003"]
        order = shop.orders.get_order("SO-000003")
        assert (order.channel_order_no, order.currency, order.total) == ("702", "USD", 2500)  # not converted
    with pytest.raises(NotFound):
        decide(shop, "webshop", "702", SKIP)  # decided already
