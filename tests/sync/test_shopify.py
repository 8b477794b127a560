"""A Shopify store over the Admin GraphQL API: orders by cursor pages, stock by compare-and-set, fulfilments."""

from __future__ import annotations

import httpx
import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from shopdesk.db.models.orders import OrderRefund
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.channels import unmatched_skus
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, enqueue, store_sender
from shopdesk.sync import shopify
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.http import SendFailed, StoreClient
from shopdesk.sync.shopify import ShopifyStore
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_shopify import (
    GRAPHQL_PATH,
    LOCATION,
    TOKEN,
    FakeShopify,
    broken,
    graphql_error,
    line,
    money,
    shopify_order,
    too_many_requests,
    when,
)
from tests.sync.fake_woo import HISTORY


def serve(httpserver: HTTPServer, fake: FakeShopify) -> ShopifyStore:
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    return ShopifyStore.open(httpserver.url_for("/"), Credentials(TOKEN), sleep=fake.sleep, timeout=2)


def connect(shop: Shop, httpserver: HTTPServer, fake: FakeShopify) -> tuple[SyncService, ShopifyStore]:
    stocked_shop(shop)
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    return sync, serve(httpserver, fake)


# Orders ------------------------------------------------------------------------------------


def test_orders_arrive_over_cursor_pages_with_exact_amounts_and_once_on_the_second_pull(
    shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shopify, "ORDERS_PER_PAGE", 2)
    first = shopify_order(
        1001,
        0,
        line(1, "MUG", 3, "19.99", discount="6.00"),  # a 2.00-per-mug discount, allocated to the line
        line(2, "TEE", 1, "39.90"),
        shippingLines={"nodes": [{"title": "SF Express", "discountedPriceSet": money("8.00")}]},
        totalReceivedSet=money("101.87"),
        note="请用纸箱包装",
    )
    fake = FakeShopify(orders=[first] + [shopify_order(n, n - 1000) for n in range(1002, 1006)])
    sync, store = connect(shop, httpserver, fake)
    result = sync.pull_orders("shop1", store)
    assert len(result.created) == 5 and result.cursor == "2026-11-20T08:05:00+00:00"
    pages = [v["after"] for op, v in fake.requests if op == "orders"]
    assert pages[0] is None and len(pages) == 3  # 2 + 2 + 1, each page after the last one's cursor
    order = shop.orders.get_order("SO-000001")
    assert (order.channel, order.channel_order_no, order.payment_status) == ("shop1", "51001", "paid")
    assert [(ln.sku, ln.quantity, ln.unit_price, ln.discount) for ln in order.lines] == [
        ("MUG", 3, 1999, 600),
        ("TEE", 1, 3990, 0),
    ]
    assert (order.shipping_fee, order.total, order.paid_amount) == (800, 10187, 10187)
    assert order.buyer_remark == "请用纸箱包装" and "Shopify order #1001" in order.internal_note
    again = sync.pull_orders("shop1", store)
    assert (again.created, again.already) == ([], 4)  # the 5-minute overlap asked for #1002-#1005 again
    assert len(shop.orders.list_orders(OrderFilter())) == 5


def test_an_order_with_more_lines_than_a_page_arrives_whole(
    sqlite_shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shopify, "LINES_PER_PAGE", 1)
    lines = [line(1, "MUG", 1, "25.00"), line(2, "TEE", 2, "10.00"), line(3, "MUG", 1, "25.00")]
    fake = FakeShopify(orders=[shopify_order(1101, 1, *lines)])
    sync, store = connect(sqlite_shop, httpserver, fake)
    assert sync.pull_orders("shop1", store).created == ["SO-000001"]
    order = sqlite_shop.orders.get_order("SO-000001")
    assert [(ln.sku, ln.quantity) for ln in order.lines] == [("MUG", 1), ("TEE", 2), ("MUG", 1)]


def test_a_line_without_a_sku_waits_in_the_unmatched_queue_by_its_variant(
    sqlite_shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(
        orders=[shopify_order(1201, 1, line(1, "MUG", 1, "25.00"), line(2, None, 1, "9.90", variant=4711))]
    )
    sync, store = connect(sqlite_shop, httpserver, fake)
    result = sync.pull_orders("shop1", store)
    assert (result.created, result.waiting) == ([], ["51201"])
    assert [(u.channel, u.channel_sku) for u in unmatched_skus(sqlite_shop)] == [("shop1", "shopify-4711")]


def test_refunded_voided_and_cancelled_orders_are_skipped_and_payment_states_mapped(
    shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(
        orders=[
            shopify_order(1301, 1, displayFinancialStatus="REFUNDED"),
            shopify_order(1302, 2, displayFinancialStatus="VOIDED"),
            shopify_order(1303, 3, cancelledAt="2026-11-20T09:00:00Z"),
            shopify_order(1304, 4, displayFinancialStatus="PARTIALLY_PAID", totalReceivedSet=money("10.00")),
            shopify_order(1305, 5, displayFinancialStatus="PENDING", totalReceivedSet=money("0.00")),
            shopify_order(
                1306,
                6,
                displayFinancialStatus="PARTIALLY_REFUNDED",
                refunds=[{"id": "gid://shopify/Refund/31", "note": "late", "totalRefundedSet": money("5.50")}],
            ),
        ]
    )
    sync, store = connect(shop, httpserver, fake)
    result = sync.pull_orders("shop1", store)
    assert result.skipped == ["51301", "51302", "51303"]
    pulled = store.orders_changed_since(shopify.datetime(2026, 1, 1, tzinfo=shopify.UTC), 2)
    assert [o.status for o in pulled] == [
        "refunded",
        "voided",
        "cancelled",
        "partially paid, unfulfilled",
        "pending, unfulfilled",
        "partially refunded, unfulfilled",
    ]
    orders = {o.channel_order_no: o for o in shop.orders.list_orders(OrderFilter())}
    assert sorted(orders) == ["51304", "51305", "51306"]
    partly = shop.orders.get_order(orders["51304"].number)
    assert (partly.payment_status, partly.paid_amount) == ("partially_paid", 1000)
    assert shop.orders.get_order(orders["51305"].number).payment_status == "unpaid"
    refunded = shop.orders.get_order(orders["51306"].number)
    assert refunded.payment_status == "partially_refunded" and "refunded on the store: 5.50" in refunded.internal_note


def test_a_revoked_token_says_so_and_the_cursor_does_not_move(shop: Shop, httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[shopify_order(1401, 1)], token="shpat_new_token")  # ours was revoked
    sync, store = connect(shop, httpserver, fake)
    with pytest.raises(ShopDeskError, match=r"HTTP 401 .*revoked or expired"):
        sync.pull_orders("shop1", store)
    assert sync.channel("shop1").cursor == HISTORY.isoformat()  # where it started
    assert shop.orders.list_orders(OrderFilter()) == []


@pytest.mark.parametrize(
    "fault", [broken(500), broken(502), broken(503), broken(200, "{not json"), graphql_error("Internal error")]
)
def test_a_store_failing_on_the_second_page_keeps_the_first_pages_orders_and_cursor(
    sqlite_shop: Shop, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, fault
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(shopify, "ORDERS_PER_PAGE", 1)
    fake = FakeShopify(orders=[shopify_order(1501, 1), shopify_order(1502, 2)])
    sync, store = connect(sqlite_shop, httpserver, fake)
    real = fake.__call__

    def fail_second(request):  # type: ignore[no-untyped-def]
        if len(fake.requests) == 1:
            fake.requests.append(("fault", {}))
            return fault
        return real(request)

    httpserver.clear()
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fail_second)
    with pytest.raises(ShopDeskError, match="Sync with shop1 stopped"):
        sync.pull_orders("shop1", store)
    assert sync.channel("shop1").cursor == "2026-11-20T08:01:00+00:00"
    assert [o.channel_order_no for o in sqlite_shop.orders.list_orders(OrderFilter())] == ["51501"]
    assert sync.pull_orders("shop1", store).created == ["SO-000002"]  # the next pull brings the rest


def test_a_refund_and_a_cancellation_on_shopify_reach_the_imported_order_once(
    shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(orders=[shopify_order(2101, 0, line(1, "MUG", 2, "25.00"), totalReceivedSet=money("50.00"))])
    sync, store = connect(shop, httpserver, fake)
    lenient_rules(shop)
    [number] = sync.pull_orders("shop1", store).created
    assert shop.inventory.product_stock("MUG").reserved == 2
    broken_handle = {"id": "gid://shopify/Refund/77", "note": "broken handle", "totalRefundedSet": money("10.00")}
    fake.edit(2101, 30, displayFinancialStatus="PARTIALLY_REFUNDED", refunds=[broken_handle])
    assert sync.pull_orders("shop1", store).refunds == 1
    rest = {"id": "gid://shopify/Refund/78", "note": None, "totalRefundedSet": money("40.00")}
    fake.edit(2101, 40, displayFinancialStatus="REFUNDED", cancelledAt=when(40), refunds=[broken_handle, rest])
    result = sync.pull_orders("shop1", store)
    assert (result.cancelled, result.refunds) == ([number], 1)
    assert shop.orders.get_order(number).status == "cancelled"
    assert shop.inventory.product_stock("MUG").reserved == 0
    with shop.db.read() as conn:
        recorded = conn.execute(select(OrderRefund.amount, OrderRefund.channel_refund_id).order_by(OrderRefund.id))
        assert [tuple(r) for r in recorded] == [(1000, "77"), (4000, "78")]
    again = sync.pull_orders("shop1", store)  # the overlap reads it again: nothing more happens
    assert (again.cancelled, again.refunds) == ([], 0)


def test_an_order_in_another_currency_is_not_stored_and_holds_the_cursor(
    sqlite_shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(
        orders=[shopify_order(2301, 1), shopify_order(2302, 2, currencyCode="USD"), shopify_order(2303, 3)]
    )
    sync, store = connect(sqlite_shop, httpserver, fake)
    result = sync.pull_orders("shop1", store)
    assert [n for n, _ in result.failed] == ["52302"] and len(result.created) == 2
    assert "the shop sells in CNY and this order is in USD" in result.failed[0][1]
    assert result.cursor == "2026-11-20T08:01:00+00:00"  # not past #2302: asked for again next time


def test_a_store_that_does_not_answer_in_time_is_worth_another_try() -> None:
    def no_answer(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    store = ShopifyStore(StoreClient("https://suzhou-mugs.myshopify.com", transport=httpx.MockTransport(no_answer)))
    with pytest.raises(SendFailed, match="the store did not answer in time") as failed:
        store.set_stock({"MUG": 1})
    assert failed.value.retryable


# The cost throttle and HTTP 429 ----------------------------------------------------------------


def test_the_cost_bucket_is_waited_for_before_a_query_it_cannot_pay(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shopify, "ORDERS_PER_PAGE", 1)
    fake = FakeShopify(orders=[shopify_order(n, n - 1600) for n in range(1601, 1604)], costs={"orders": 300})
    fake.bucket.available = 100
    store = serve(httpserver, fake)
    pulled = [o.id for o in store.orders_changed_since(shopify.datetime(2026, 1, 1, tzinfo=shopify.UTC), 2)]
    assert pulled == ["51601", "51602", "51603"]
    # The first query's cost was unknown: THROTTLED, so (300 - 100) / 50 s. Then the cost is known and
    # each page waits for the bucket to hold it before asking: (300 - 0) / 50 s. No second THROTTLED.
    assert fake.waits == [4.0, 6.0, 6.0]
    assert fake.throttled == 1


def test_a_store_that_stays_throttled_is_left_to_the_outbox_with_a_wait(httpserver: HTTPServer) -> None:
    fake = FakeShopify(costs={"shop": 400})
    fake.bucket.maximum = fake.bucket.available = 100  # other apps keep spending it: every try is THROTTLED
    store = serve(httpserver, fake)
    with pytest.raises(SendFailed, match="Shopify keeps saying: Throttled") as failed:
        store.check()
    assert (failed.value.status, failed.value.retryable, fake.throttled) == (429, True, shopify.MAX_TRIES)
    assert failed.value.retry_after == 8.0  # the query's cost at Shopify's restore rate: 400 / 50 s
    assert fake.waits == [6.0, 6.0, 6.0]  # (400 - 100) / 50 s before each new try


def test_a_full_bucket_costs_no_wait(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[shopify_order(1701, 1)])
    store = serve(httpserver, fake)
    assert store.check() == "Shopify Suzhou Mugs (suzhou-mugs.myshopify.com)"
    assert len(list(store.orders_changed_since(shopify.datetime(2026, 1, 1, tzinfo=shopify.UTC), 2))) == 1
    assert fake.waits == []


def test_http_429_waits_its_retry_after_and_then_succeeds(httpserver: HTTPServer) -> None:
    fake = FakeShopify(faults=[too_many_requests("3"), too_many_requests("")])
    store = serve(httpserver, fake)
    assert store.check().startswith("Shopify Suzhou Mugs")
    assert fake.waits == [3.0, 1.0]  # Retry-After, or a second when it is not given


def test_http_429_every_time_gives_up_retryable_for_the_outbox(httpserver: HTTPServer) -> None:
    fake = FakeShopify(faults=[too_many_requests("2") for _ in range(shopify.MAX_TRIES)])
    store = serve(httpserver, fake)
    with pytest.raises(SendFailed) as failed:
        store.check()
    assert (failed.value.status, failed.value.retryable, failed.value.retry_after) == (429, True, 2.0)
    assert len(fake.waits) == shopify.MAX_TRIES - 1


def test_a_graphql_error_is_not_retried_and_names_shopifys_message(httpserver: HTTPServer) -> None:
    fake = FakeShopify(faults=[graphql_error("Field 'foo' doesn't exist on type 'Shop'")])
    store = serve(httpserver, fake)
    with pytest.raises(SendFailed, match="Shopify refused the query: Field 'foo' doesn't exist") as failed:
        store.check()
    assert (failed.value.status, failed.value.retryable, fake.waits) == (422, False, [])


# Stock ---------------------------------------------------------------------------------------------


def test_stock_is_set_with_the_quantity_just_read_as_compare_quantity(httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 10, "MUG-XL": 4, "TEE": 7})
    store = serve(httpserver, fake)
    assert store.set_stock({"MUG": 6, "TEE": 7, "CAP": 3}) == ["CAP"]  # the store does not sell caps
    assert fake.stock == {"MUG": 6, "MUG-XL": 4, "TEE": 7}  # MUG-XL matched the search, is not ours
    [(_, sent)] = [r for r in fake.requests if r[0] == "set_quantities"]
    assert sent["input"]["quantities"] == [
        {"inventoryItemId": fake.item_id("MUG"), "locationId": LOCATION, "quantity": 6, "compareQuantity": 10}
    ]  # TEE has 7 already: nothing to send
    store.set_stock({"MUG": 6, "TEE": 7})
    assert [r[0] for r in fake.requests].count("set_quantities") == 1  # sending it again changes nothing


def test_a_sale_on_the_store_while_stock_is_set_is_read_again_not_overwritten(httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 5, "TEE": 2})

    def a_buyer_takes_one_mug_first_time(store: FakeShopify) -> None:
        if [r[0] for r in store.requests].count("set_quantities") == 1:
            store.sell_on_the_store("MUG")

    fake.before_set = a_buyer_takes_one_mug_first_time
    store = serve(httpserver, fake)
    assert store.set_stock({"MUG": 8, "TEE": 3, "CAP": 1}) == ["CAP"]
    sets = [v["input"]["quantities"] for op, v in fake.requests if op == "set_quantities"]
    assert [[(q["quantity"], q["compareQuantity"]) for q in s] for s in sets] == [
        [(8, 5), (3, 2)],  # refused: the store had 4 mugs by then, and nothing was set
        [(7, 4), (3, 2)],  # read again; the mug sold there stays sold until the order is pulled
    ]
    assert fake.stock == {"MUG": 7, "TEE": 3}


def test_only_a_changed_sku_is_read_again_and_one_at_its_level_is_left_alone(httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 5, "TEE": 2})
    fake.before_set = lambda store: store.sell_on_the_store("MUG") if store.stock["MUG"] == 5 else None
    store = serve(httpserver, fake)
    store.set_stock({"MUG": 8, "TEE": 2})
    sets = [v["input"]["quantities"] for op, v in fake.requests if op == "set_quantities"]
    assert [[(q["quantity"], q["compareQuantity"]) for q in s] for s in sets] == [[(8, 5)], [(7, 4)]]
    assert fake.stock == {"MUG": 7, "TEE": 2}


def test_a_sku_not_stocked_at_the_location_is_named_after_the_others_are_set(httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 5, "TEE": 2}, unstocked={"TEE"})
    store = serve(httpserver, fake)
    with pytest.raises(SendFailed, match=f"Shopify does not stock TEE at the location {LOCATION}") as failed:
        store.set_stock({"MUG": 3, "TEE": 9})
    assert (failed.value.retryable, fake.stock) == (False, {"MUG": 3, "TEE": 2})


def test_more_variants_than_a_page_are_read_to_the_end(httpserver: HTTPServer) -> None:
    # The search for "MUG" also finds 120 variants whose SKU starts with it: ours is on the second page.
    fake = FakeShopify(stock={**{f"MUG-{n:03}": 1 for n in range(120)}, "MUG": 5})
    store = serve(httpserver, fake)
    assert store.set_stock({"MUG": 2}) == []
    assert fake.stock["MUG"] == 2 and [r[0] for r in fake.requests].count("variants") == 2


def test_stock_that_keeps_changing_on_the_store_is_left_for_the_outbox_to_retry(httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 5})
    fake.before_set = lambda store: store.sell_on_the_store("MUG")  # a busy store: every time
    store = serve(httpserver, fake)
    with pytest.raises(SendFailed, match="MUG changed on Shopify while we set it") as failed:
        store.set_stock({"MUG": 9})
    assert failed.value.retryable
    assert fake.stock == {"MUG": 3}  # only the store's own sales


# Fulfilments ---------------------------------------------------------------------------------------


def test_a_shipment_is_fulfilled_through_its_fulfillment_order_with_tracking_once(httpserver: HTTPServer) -> None:
    fake = FakeShopify(orders=[shopify_order(1801, 1)])
    store = serve(httpserver, fake)
    shipment = {"order": "51801", "carrier": "SF Express", "tracking": "SF1234567890"}
    store.ship(shipment)
    assert fake.fulfilments == [
        {
            "order": "gid://shopify/Order/51801",
            "trackingInfo": [{"number": "SF1234567890", "company": "SF Express"}],
            "notifyCustomer": True,
            "lines": [{"fulfillmentOrderId": "gid://shopify/FulfillmentOrder/951801"}],
        }
    ]
    store.ship(shipment)  # sent again after a crash: nothing changes
    assert len(fake.fulfilments) == 1 and [r[0] for r in fake.requests].count("fulfil") == 1


def test_an_order_fulfilled_on_the_store_already_is_done_and_a_partial_shipment_sends_its_lines(
    httpserver: HTTPServer,
) -> None:
    fake = FakeShopify(orders=[shopify_order(1901, 1, line(1, "MUG", 2, "25.00"), line(2, "TEE", 1, "39.90"))])
    store = serve(httpserver, fake)
    store.ship({"order": "51901", "carrier": "ZTO", "tracking": "ZT1", "lines": [{"line": "1", "quantity": 2}]})
    assert fake.fulfilments[0]["lines"] == [
        {
            "fulfillmentOrderId": "gid://shopify/FulfillmentOrder/951901",
            "fulfillmentOrderLineItems": [{"id": "gid://shopify/FulfillmentOrderLineItem/81", "quantity": 2}],
        }
    ]
    store.ship({"order": "51901", "carrier": "ZTO", "tracking": "ZT2"})  # the rest
    assert fake.fulfilment_orders["gid://shopify/Order/51901"][0]["status"] == "CLOSED"
    store.ship({"order": "51901", "carrier": "ZTO", "tracking": "ZT3"})  # fulfilled on the store already
    assert len(fake.fulfilments) == 2


def test_a_shipment_of_an_order_deleted_on_the_store_is_refused_for_good(httpserver: HTTPServer) -> None:
    store = serve(httpserver, FakeShopify())
    with pytest.raises(SendFailed, match="Shopify has no order 59999") as failed:
        store.ship({"order": "59999", "carrier": "SF", "tracking": "SF9"})
    assert not failed.value.retryable


# Through the services ----------------------------------------------------------------------------


def test_a_shopify_channel_pulls_pushes_stock_and_ships_through_the_sync_service(
    shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(orders=[shopify_order(2001, 1, line(1, "MUG", 2, "25.00"))], stock={"MUG": 0, "TEE": 1})
    stocked_shop(shop, {"MUG": 10, "TEE": 3})
    sync = SyncService(shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, buffer=1, since=HISTORY)
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    assert sync.test_connection("shop1") == "Shopify Suzhou Mugs (suzhou-mugs.myshopify.com)"
    store = sync.open_store("shop1")
    try:
        assert sync.pull_orders("shop1", store).created == ["SO-000001"]
    finally:
        store.close()
    sync.queue_stock_levels("shop1")
    with shop.db.uow() as uow:
        enqueue(uow.session, "shop1", "shipment", {"order": "52001", "carrier": "SF Express", "tracking": "SF42"})
        uow.commit()
    run = sync.send_outbox(store_sender)  # the stock the order reserved, the stock asked for, the shipment
    assert (run.retrying, run.dead, sync.outbox("pending")) == (0, 0, [])
    assert fake.stock == {"MUG": 7, "TEE": 2}  # 10 less 2 reserved for the order, less the buffer of 1
    assert [f["trackingInfo"][0]["number"] for f in fake.fulfilments] == ["SF42"]


def test_an_order_shipped_here_is_fulfilled_on_shopify_with_its_tracking_number(
    shop: Shop, httpserver: HTTPServer
) -> None:
    fake = FakeShopify(orders=[shopify_order(2201, 0, line(1, "MUG", 2, "25.00"))], stock={"MUG": 10, "TEE": 10})
    sync, store = connect(shop, httpserver, fake)
    lenient_rules(shop)
    [number] = sync.pull_orders("shop1", store).created
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "SF1000000001", "SF Express")
    run = sync.send_outbox(store_sender, channel="shop1")
    assert (run.retrying, run.dead, sync.outbox("pending")) == (0, 0, [])
    assert [(f["order"], f["trackingInfo"]) for f in fake.fulfilments] == [
        ("gid://shopify/Order/52201", [{"number": "SF1000000001", "company": "SF Express"}])
    ]
    assert fake.stock == {"MUG": 8, "TEE": 10}  # the two mugs left the shop


def test_a_stock_push_refused_by_a_busy_store_waits_in_the_outbox(sqlite_shop: Shop, httpserver: HTTPServer) -> None:
    fake = FakeShopify(stock={"MUG": 5, "TEE": 5})
    fake.before_set = lambda store: store.sell_on_the_store("MUG")
    stocked_shop(sqlite_shop)
    sync = SyncService(sqlite_shop)
    sync.add_channel("shop1", "shopify", httpserver.url_for("/"), TOKEN, since=HISTORY)
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    sync.queue_stock_levels("shop1")
    run = sync.send_outbox(store_sender)
    assert (run.sent, run.retrying, run.dead) == (0, 1, 0)
    [item] = sync.outbox("pending")
    assert item.attempts == 1 and "changed on Shopify while we set it" in item.last_error
