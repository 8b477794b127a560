"""The order list: status buckets with counts, search by number, buyer, phone or SKU, filters, masked rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.domain.errors import NotFound, ValidationFailed
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from tests.order_helpers import NANJING, SHANGHAI, draft, stocked_shop

T0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


def a_small_week(shop: Shop) -> dict[str, str]:
    """Five orders over five days: shipped, to ship, on hold, draft, cancelled."""
    stocked_shop(shop)
    flow = shop.order_flow
    made = {}
    for day, (name, lines, kw) in enumerate(
        [
            ("shipped", [("MUG", 1)], {"channel": "shopify", "channel_order_no": "#1001"}),
            ("to_ship", [("TEE", 2)], {"ship_to": NANJING}),
            ("on_hold", [("MUG", 1), ("TEE", 1)], {"buyer_remark": "gift"}),
            ("draft", [("TEE", 1)], {"channel": "phone"}),
            ("cancelled", [("MUG", 3)], {}),
        ]
    ):
        made[name] = shop.orders.create_order(draft(*lines, placed_at=T0 + timedelta(days=day), **kw))
    for name in ("shipped", "to_ship", "on_hold", "cancelled"):
        flow.confirm(made[name])
    flow.mark_packed(made["shipped"])
    flow.ship(made["shipped"], "SF100", "SF")
    flow.cancel(made["cancelled"], "duplicate")
    return made


def numbers(shop: Shop, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.number for row in shop.orders.list_orders(OrderFilter(**kw))]


def test_the_buckets_count_the_orders_in_each_state(shop: Shop) -> None:
    made = a_small_week(shop)
    assert shop.orders.bucket_counts() == {
        "draft": 1,
        "on_hold": 1,
        "waiting": 0,
        "to_ship": 1,
        "shipped": 1,
        "completed": 0,
        "cancelled": 1,
        "all": 5,
    }
    assert numbers(shop, bucket="on_hold") == [made["on_hold"]]
    assert numbers(shop, bucket="to_ship") == [made["to_ship"]]
    assert shop.orders.count_orders(OrderFilter(bucket="to_ship")) == 1
    assert shop.orders.count_orders(OrderFilter(status="cancelled")) == 1


def test_the_list_shows_newest_first_with_masked_buyers_and_phones(shop: Shop) -> None:
    made = a_small_week(shop)
    rows = shop.orders.list_orders()
    assert [r.number for r in rows] == [made[k] for k in ("cancelled", "draft", "on_hold", "to_ship", "shipped")]
    on_hold = rows[2]
    assert (on_hold.buyer, on_hold.phone, on_hold.city, on_hold.items, on_hold.total) == (
        "张*",
        "138****5678",
        "上海市",
        2,
        5000,
    )
    assert on_hold.hold_reasons == "the buyer left a remark to read"
    assert rows[4].tracking_no == "SF100" and rows[4].channel_order_no == "#1001"
    assert shop.orders.get_order(made["on_hold"]).ship_to.phone == SHANGHAI.phone  # the detail is not masked


def test_search_finds_orders_by_number_channel_number_buyer_phone_and_sku(shop: Shop) -> None:
    made = a_small_week(shop)
    assert numbers(shop, text=made["draft"].lower()) == [made["draft"]]
    assert numbers(shop, text="#1001") == [made["shipped"]]
    assert numbers(shop, text="李四") == [made["to_ship"]]
    assert numbers(shop, text="lisi") == [made["to_ship"]]  # pinyin of the recipient
    assert numbers(shop, text="0000 1111") == [made["to_ship"]]  # a piece of the phone, typed with a space
    assert numbers(shop, text="tee", bucket="to_ship") == [made["to_ship"]]
    assert numbers(shop, text="TEE", sort="number", descending=False) == [
        made["to_ship"],
        made["on_hold"],
        made["draft"],
    ]
    assert numbers(shop, text="100%_") == []
    assert shop.orders.bucket_counts(OrderFilter(text="mug")) == {
        "draft": 0,
        "on_hold": 1,
        "waiting": 0,
        "to_ship": 0,
        "shipped": 1,
        "completed": 0,
        "cancelled": 1,
        "all": 3,
    }


def test_filters_by_channel_and_placing_time_and_pages(shop: Shop) -> None:
    made = a_small_week(shop)
    assert numbers(shop, channel="Shopify") == [made["shipped"]]
    span = OrderFilter(placed_from=T0 + timedelta(days=1), placed_until=T0 + timedelta(days=3))
    assert [r.number for r in shop.orders.list_orders(span)] == [made["on_hold"], made["to_ship"]]
    assert shop.orders.count_orders(span) == 2
    pages = [shop.orders.list_orders(OrderFilter(sort="total"), offset, 2) for offset in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [r.total for p in pages for r in p] == [7500, 5000, 5000, 2500, 2500]
    assert shop.orders.channels() == ["manual", "phone", "shopify"]


def test_an_unknown_bucket_or_order_is_a_clear_message(sqlite_shop: Shop) -> None:
    with pytest.raises(ValidationFailed, match="bucket: must be one of draft, on_hold"):
        sqlite_shop.orders.count_orders(OrderFilter(bucket="urgent"))
    with pytest.raises(NotFound, match="No order SO-000404"):
        sqlite_shop.orders.get_order("so-000404")


def test_the_detail_has_lines_address_payment_reservation_and_timeline(sqlite_shop: Shop) -> None:
    made = a_small_week(sqlite_shop)
    detail = sqlite_shop.orders.get_order(made["to_ship"])
    assert (detail.status, detail.items, detail.warehouse, detail.payment_status) == ("allocated", 2, "WH1", "unpaid")
    assert [(r.sku, r.location, r.quantity) for r in detail.reserved] == [("TEE", "WH1/A/A-01", 2)]
    assert (detail.ship_to.name, detail.ship_to.city, detail.ship_to.street) == ("李四", "南京市", "中山路1号")
    assert [t.action for t in detail.timeline] == ["created", "status", "status"]
    assert detail.refunds == []


@pytest.mark.parametrize("few", [2000, 1])  # all matches read in one pass, or too many to read
def test_one_keystroke_gives_the_bucket_counts_the_count_and_the_first_page(shop: Shop, few: int) -> None:
    a_small_week(shop)
    for flt in (
        OrderFilter(text="mug"),
        OrderFilter(text="mug", bucket="on_hold"),
        OrderFilter(text="tee", sort="number", descending=False),
        OrderFilter(bucket="to_ship"),
        OrderFilter(text="nobody"),
    ):
        page = shop.orders.first_page(flt, limit=2, few=few)
        assert page.counts == shop.orders.bucket_counts(flt)
        assert page.total == shop.orders.count_orders(flt)
        assert page.rows == shop.orders.list_orders(flt, 0, 2)
    rows = shop.orders.list_orders()
    assert shop.orders.orders_by_id([rows[2].id, 999, rows[0].id]) == [rows[2], rows[0]]


@pytest.mark.parametrize("text", ["1", "m", "tee"])
def test_a_keystroke_can_leave_the_counting_of_many_matches_for_later(shop: Shop, text: str) -> None:
    a_small_week(shop)
    for bucket in (None, "on_hold", "completed"):
        flt = OrderFilter(text=text, bucket=bucket)
        counts, total = shop.orders.counts(flt)
        assert (counts, total) == (shop.orders.bucket_counts(flt), shop.orders.count_orders(flt))
        page = shop.orders.first_page(flt, limit=1, few=1, count=False)
        assert page.rows == shop.orders.list_orders(flt, 0, 1)  # the list is right at once
        if not page.exact:  # only what the first pass saw: at least the first page, never more than there are
            assert len(page.rows) <= page.total <= total
            assert all(page.counts[k] <= n for k, n in counts.items())
        else:  # the index answered: every match read in one pass
            assert (page.counts, page.total) == (counts, total)
        full = shop.orders.first_page(flt, limit=1, few=1)
        assert full.exact and (full.counts, full.total, full.rows) == (counts, total, page.rows)


def test_typing_on_searches_only_the_orders_the_last_keystroke_found(shop: Shop) -> None:
    made = a_small_week(shop)
    page = None
    for text in ("1", "13", "138", "1381", "13812345678"):
        page = shop.orders.first_page(OrderFilter(text=text), previous=page)
        fresh = shop.orders.first_page(OrderFilter(text=text))
        assert (page.counts, page.total, page.rows) == (fresh.counts, fresh.total, fresh.rows)
    assert [r.number for r in page.rows] == [made["cancelled"], made["draft"], made["on_hold"], made["shipped"]]
    assert page.matches is not None and len(page.matches) == 4
    # another text (not a longer one) searches everything again
    other = shop.orders.first_page(OrderFilter(text="李四"), previous=page)
    assert [r.number for r in other.rows] == [made["to_ship"]]


def test_an_erased_buyer_can_no_longer_be_found_by_name_or_phone(sqlite_shop: Shop) -> None:
    from shopdesk.services import order_records
    from shopdesk.services.privacy import Privacy

    stocked_shop(sqlite_shop)
    number = sqlite_shop.orders.create_order(draft(("MUG", 1)))
    customer_id = sqlite_shop.orders.get_order(number).customer_id
    assert customer_id is not None
    Privacy(sqlite_shop).erase_customer(customer_id, "the buyer asked")
    with sqlite_shop.db.uow() as uow:
        assert order_records.refresh_customer_search_texts(uow.session, customer_id) == 1
        uow.commit()
    assert numbers(sqlite_shop, text=SHANGHAI.phone) == numbers(sqlite_shop, text="zhangsan") == []
    assert numbers(sqlite_shop, text=number) == [number]  # the order itself is still there
