"""Stock changes and shipments put what the stores must know in the outbox, by themselves, in their own
transaction: committed once, one item per store channel; rolled back, nothing. Sending coalesces."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.db.models import OutboxItem
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.stock import MoveKind
from shopdesk.services import order_fulfilment
from shopdesk.services.locations import resolve_location, virtual_location
from shopdesk.services.shop import Shop
from shopdesk.services.stock_bulk import ReceiptLine
from shopdesk.services.stock_ledger import Ledger, product_info
from shopdesk.services.sync import ChannelView, OutboxView, SyncService, enqueue
from shopdesk.sync.http import SendFailed
from tests.order_helpers import draft, lenient_rules, stocked_shop

BIN = "WH1/A/A-01"


def items(shop: Shop) -> list[tuple[int, str, dict]]:
    """(channel id, kind, payload) of every outbox item, oldest first."""
    with shop.db.read() as conn:
        rows = conn.execute(select(OutboxItem.channel_id, OutboxItem.kind, OutboxItem.payload).order_by(OutboxItem.id))
        return [(c, k, p) for c, k, p in rows]


def with_stores(shop: Shop) -> tuple[int, int]:
    """A stocked shop (10 MUG, 10 TEE) with a WooCommerce store holding back 2, a Shopify one, and a file channel."""
    stocked_shop(shop)
    lenient_rules(shop)
    sync = SyncService(shop)
    woo = sync.add_channel("webshop", "woocommerce", "https://shop.example.com", "ck", "cs", buffer=2)
    shopify = sync.add_channel("shopify", "shopify", "https://x.myshopify.com", "tok")
    sync.add_channel("taobao", "file", "", "")
    return woo.id, shopify.id


def test_a_receipt_tells_every_store_channel_what_can_be_sold_less_its_buffer(shop: Shop) -> None:
    woo, shopify = with_stores(shop)
    shop.inventory.receive("MUG", 5, BIN, unit_cost=1000)
    assert items(shop) == [
        (woo, "stock", {"levels": {"MUG": 13}}),
        (shopify, "stock", {"levels": {"MUG": 15}}),
    ]  # the file channel gets nothing: its orders come in files


def test_an_order_reserving_stock_and_a_cancel_releasing_it_each_send_the_new_level(shop: Shop) -> None:
    woo, _ = with_stores(shop)
    number = shop.orders.create_order(draft(("MUG", 3), ("TEE", 1)), confirm=True)
    shop.order_flow.cancel(number, "buyer changed their mind")
    levels = [p["levels"] for c, _, p in items(shop) if c == woo]
    assert levels == [{"MUG": 5, "TEE": 7}, {"MUG": 8, "TEE": 8}]  # 10 less 3 reserved less the buffer of 2


def test_a_shop_without_store_channels_writes_nothing_to_the_outbox(shop: Shop) -> None:
    stocked_shop(shop)
    SyncService(shop).add_channel("taobao", "file", "", "")
    shop.inventory.receive("MUG", 5, BIN, unit_cost=1000)
    shop.inventory.adjust("TEE", BIN, set_to=7, reason="counted")
    assert items(shop) == []


def test_moving_stock_between_bins_changes_nothing_a_store_sees(shop: Shop) -> None:
    with_stores(shop)
    shop.inventory.transfer("MUG", 4, BIN, "WH1/A/A-02")
    assert items(shop) == []


def test_a_refused_change_and_a_change_rolled_back_leave_no_outbox_item(shop: Shop) -> None:
    with_stores(shop)
    with pytest.raises(ShopDeskError, match="Not enough stock of MUG"):
        shop.inventory.scrap("MUG", 11, BIN, reason="dropped the box")
    with shop.db.uow() as uow:  # a use case that moved stock and then failed: its transaction rolls back
        conn = uow.session.connection()
        Ledger.open(conn, "clerk").post(
            product_info(conn, "MUG"), 2, resolve_location(conn, BIN), virtual_location(conn, "scrap"), MoveKind.SCRAP
        )
        uow.session.flush()
    assert items(shop) == []
    assert shop.inventory.product_stock("MUG").on_hand == 10


def test_stock_moved_before_a_savepoint_is_not_forgotten_by_it(shop: Shop) -> None:
    woo, _ = with_stores(shop)
    with shop.db.uow() as uow:
        conn = uow.session.connection()
        ledger = Ledger.open(conn, "clerk")
        ledger.post(
            product_info(conn, "TEE"),
            1,
            virtual_location(conn, "supplier"),
            resolve_location(conn, BIN),
            MoveKind.RECEIPT,
        )
        with uow.session.begin_nested():  # a savepoint after other work, as allocation makes one
            inner = uow.session.connection()  # (the SAVEPOINT is emitted when the session is asked for this)
            ledger.post(
                product_info(inner, "MUG"),
                1,
                resolve_location(inner, BIN),
                virtual_location(inner, "scrap"),
                MoveKind.SCRAP,
            )
        uow.commit()
    assert [p for c, _, p in items(shop) if c == woo] == [{"levels": {"MUG": 7, "TEE": 9}}]


def test_a_delivery_of_many_lines_is_one_item_per_channel_with_every_sku(shop: Shop) -> None:
    woo, _ = with_stores(shop)
    mug, tee = (shop.catalogue.find_by_code(s).id for s in ("MUG", "TEE"))  # type: ignore[union-attr]
    shop.inventory.receive_many([ReceiptLine(mug, 2, BIN, 2000), ReceiptLine(tee, 1, BIN, 1000)])
    assert [p for c, _, p in items(shop) if c == woo] == [{"levels": {"MUG": 10, "TEE": 9}}]


def packed_order(shop: Shop, channel: str = "webshop") -> str:
    number = shop.orders.create_order(
        draft(("MUG", 1), channel=channel, channel_order_no="7001", payment_status="paid"), confirm=True
    )
    shop.order_flow.mark_packed(number)
    return number


def test_shipping_a_store_order_queues_its_shipment_once_and_a_failed_shipment_queues_nothing(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    woo, _ = with_stores(shop)
    number = packed_order(shop)
    before = len(items(shop))

    def jammed(*args: object, **kwargs: object) -> object:
        raise ShopDeskError("the label printer jammed")

    with monkeypatch.context() as patch:  # fails after the stock moves and the shipment item were written
        patch.setattr(order_fulfilment, "ShipmentResult", jammed)
        with pytest.raises(ShopDeskError, match="jammed"):
            shop.order_flow.ship(number, "SF1234567890", "SF Express")
    assert len(items(shop)) == before
    shop.order_flow.ship(number, "SF1234567890", "SF Express")
    shipments = [(c, p) for c, k, p in items(shop) if k == "shipment"]
    shipped_at = shop.orders.get_order(number).shipped_at
    assert shipped_at is not None
    assert shipments == [
        (
            woo,
            {
                "order": "7001",
                "carrier": "SF Express",
                "tracking": "SF1234567890",
                "shipped_at": shipped_at.isoformat(),
            },
        )
    ]


def test_an_order_of_a_file_channel_or_typed_in_by_hand_has_no_store_to_tell(shop: Shop) -> None:
    with_stores(shop)
    for n, channel in enumerate(("taobao", "manual")):
        number = shop.orders.create_order(
            draft(("MUG", 1), channel=channel, channel_order_no=f"80{n}", payment_status="paid"), confirm=True
        )
        shop.order_flow.mark_packed(number)
        shop.order_flow.ship(number, f"SF00000000{n}", "SF Express")
    assert [k for _, k, _ in items(shop) if k == "shipment"] == []


class RecordingStore:
    def __init__(self, fail: SendFailed | None = None) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        self.fail = fail

    def __call__(self, channel: ChannelView, item: OutboxView) -> None:
        self.calls.append((channel.name, item.kind, item.payload))
        if self.fail is not None:
            raise self.fail


def test_a_stocktake_of_many_changes_reaches_each_store_in_one_call_with_the_latest_levels(shop: Shop) -> None:
    with_stores(shop)
    shop.inventory.receive("MUG", 5, BIN, unit_cost=1000)
    shop.inventory.adjust("MUG", BIN, set_to=12, reason="counted")
    shop.inventory.adjust("TEE", BIN, set_to=4, reason="counted")
    store = RecordingStore()
    run = SyncService(shop).send_outbox(store)
    assert sorted(store.calls) == [
        ("shopify", "stock", {"levels": {"MUG": 12, "TEE": 4}}),
        ("webshop", "stock", {"levels": {"MUG": 10, "TEE": 2}}),
    ]
    assert (run.store_calls, run.sent) == (2, 6)  # six items, two calls
    assert {i.state for i in SyncService(shop).outbox()} == {"sent"}


def test_a_posted_stocktake_is_one_item_per_store_and_one_call_whatever_its_size(shop: Shop) -> None:
    woo, shopify = with_stores(shop)
    count = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(count.number, "MUG", 8, location=BIN)  # two mugs lost
    shop.stocktakes.set_count(count.number, "TEE", 12, location=BIN)  # two tees found
    shop.stocktakes.post(count.number)
    assert items(shop) == [
        (woo, "stock", {"levels": {"MUG": 6, "TEE": 10}}),
        (shopify, "stock", {"levels": {"MUG": 8, "TEE": 12}}),
    ]
    store = RecordingStore()
    assert SyncService(shop).send_outbox(store).store_calls == 2


def test_two_pcs_changing_one_product_at_once_still_send_the_level_that_was_committed(shop: Shop) -> None:
    with_stores(shop)
    shop.orders.create_order(draft(("MUG", 3)), confirm=True)  # the first PC: 3 reserved, level 5 queued
    with shop.db.uow() as uow:  # the second PC counted its level before the first PC's commit, then committed
        enqueue(uow.session, "webshop", "stock", {"levels": {"MUG": 8}})
        uow.commit()
    store = RecordingStore()
    SyncService(shop).send_outbox(store, channel="webshop")
    assert store.calls == [("webshop", "stock", {"levels": {"MUG": 5}})]  # 10 − 3 − the buffer of 2


def test_a_coalesced_push_the_store_cannot_take_now_is_retried_as_a_whole(shop: Shop) -> None:
    with_stores(shop)
    shop.inventory.receive("MUG", 5, BIN, unit_cost=1000)
    shop.inventory.receive("TEE", 5, BIN, unit_cost=1000)
    store = RecordingStore(SendFailed("the store refused the request: HTTP 503", 503))
    run = SyncService(shop).send_outbox(store, channel="webshop")
    assert (run.store_calls, run.retrying, run.sent) == (1, 2, 0)
    waiting = [i for i in SyncService(shop).outbox("pending") if i.channel == "webshop"]
    assert [(i.attempts, i.last_error) for i in waiting] == [(1, "the store refused the request: HTTP 503")] * 2


def test_an_unknown_channel_cannot_be_sent(shop: Shop) -> None:
    with pytest.raises(NotFound):
        SyncService(shop).send_outbox(RecordingStore(), channel="nowhere")
