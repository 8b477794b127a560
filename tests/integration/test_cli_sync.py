"""`shopdesk import orders --profile taobao|pinduoduo`, `order-layout`, `sku`, `channel` and `sync outbox` in scripts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import keyring
import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService, enqueue
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed
from tests.db.test_marketplace_import import pdd_rows, taobao_rows
from tests.imports.files import write_csv
from tests.order_helpers import stocked_shop
from tests.sync.conftest import MemoryKeyring
from tests.sync.fake_woo import HISTORY, FakeWooStore, item, woo_order
from tests.sync.test_woocommerce_stock import store_with_a_mug_and_a_tee_variation


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_url(shop: Shop, db_url: str) -> str:
    stocked_shop(shop)
    return db_url


def test_a_taobao_export_is_imported_once_and_its_closed_order_named(shop_url, capsys, tmp_path) -> None:
    path = write_csv(tmp_path / "ExportOrderList.csv", taobao_rows(), encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert code == 0, err
    assert out.strip() == "Imported 2 order(s) from ExportOrderList.csv: SO-000001, SO-000002."
    assert "Order 2901234567892 was closed or cancelled on the platform; left out." in err
    code, out, _ = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert (code, out.strip()) == (0, "Nothing changed: all 2 order(s) in ExportOrderList.csv were imported before.")


def test_a_pinduoduo_file_given_as_taobao_is_refused_with_what_is_missing(shop_url, capsys, tmp_path) -> None:
    path = write_csv(tmp_path / "pdd.csv", pdd_rows(), encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert (code, out) == (1, "")
    assert "no row has the headings of a Taobao/Tmall order export (订单编号, 商家编码, 购买数量)" in err
    code, out, _ = run(shop_url, capsys, "order", "list", "--json")
    assert json.loads(out)["orders"] == []


def test_a_saved_layout_makes_another_systems_export_importable(shop_url, capsys, tmp_path) -> None:
    rows = [
        ["Ref", "Article", "Pieces", "Deliver to", "Tel", "Town", "Street line"],
        ["W-1", "MUG", "1", "Anna", "13812345678", "苏州市", "人民路2号"],
    ]
    path = write_csv(tmp_path / "webshop.csv", rows)
    maps = ["order_no=Ref", "sku=Article", "quantity=Pieces", "recipient=Deliver to", "phone=Tel"]
    args = [a for m in [*maps, "city=Town", "street=Street line"] for a in ("--map", m)]
    code, out, err = run(shop_url, capsys, "order-layout", "save", str(path), *args, "--channel", "webshop")
    assert code == 0, err
    assert out.strip() == "Saved order layout 1 'webshop': files with these headings import as webshop."
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["created"] == ["SO-000001"]
    code, out, _ = run(shop_url, capsys, "order-layout", "delete", "1")
    assert code == 0
    code, _, err = run(shop_url, capsys, "order-layout", "delete", "1")
    assert (code, err.strip()) == (1, "error: No saved order layout has id 1.")


def test_an_order_waiting_for_a_sku_link_is_created_when_the_code_is_linked(shop_url, capsys, tmp_path) -> None:
    rows = taobao_rows()[:2]
    rows[1][5] = "TB-MUG"
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    code, out, err = run(shop_url, capsys, "import", "orders", str(path), "--profile", "taobao")
    assert code == 0, err
    assert "Order 2901234567890 names SKUs no product has: it waits" in err
    code, out, _ = run(shop_url, capsys, "sku", "unmatched")
    assert out.strip() == "taobao  TB-MUG  陶瓷马克杯  2 unit(s) in 1 order(s): 2901234567890"
    code, out, err = run(shop_url, capsys, "sku", "link", "taobao", "TB-MUG", "MUG")
    assert (code, out.strip()) == (0, "Linked TB-MUG from taobao to MUG. Orders created: SO-000001.")
    code, out, _ = run(shop_url, capsys, "sku", "unmatched")
    assert out.strip() == "No order is waiting for a SKU link."


@pytest.fixture
def memory_keyring():  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_store_is_added_with_its_key_from_the_environment_and_never_printed(
    shop_url, capsys, monkeypatch, memory_keyring
) -> None:
    monkeypatch.setenv("SHOPDESK_CHANNEL_KEY", "ck_abc123")
    monkeypatch.setenv("SHOPDESK_CHANNEL_SECRET", "cs_def456")
    code, out, err = run(
        shop_url, capsys, "channel", "add", "webshop", "--type", "woocommerce", "--url", "https://shop.example.com"
    )
    assert (code, out.strip()) == (
        0,
        "Added channel webshop (woocommerce, https://shop.example.com); its key is in the keyring.",
    )
    assert credentials.load("webshop") == credentials.Credentials("ck_abc123", "cs_def456")
    code, out, err = run(shop_url, capsys, "channel", "list", "--json")
    assert "ck_abc123" not in out + err and "cs_def456" not in out + err
    assert [c["name"] for c in json.loads(out)] == ["webshop"]


def test_without_the_environment_the_key_is_asked_for_and_plain_http_is_refused(
    shop_url, capsys, monkeypatch, memory_keyring
) -> None:
    monkeypatch.delenv("SHOPDESK_CHANNEL_KEY", raising=False)
    monkeypatch.delenv("SHOPDESK_CHANNEL_SECRET", raising=False)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed-secret")
    code, out, err = run(shop_url, capsys, "channel", "add", "shop", "--type", "shopify", "--url", "http://shop.cn")
    assert code == 1
    assert "sent unencrypted over http://" in err and "typed-secret" not in err
    assert asked == ["API key of shop: ", "API secret (Enter if the store has none): "]
    code, out, _ = run(shop_url, capsys, "channel", "list")
    assert out.strip() == "No channels."


def test_a_dead_outbox_item_is_listed_retried_and_dropped(shop: Shop, shop_url, capsys, memory_keyring) -> None:
    sync = SyncService(shop)
    sync.add_channel("webshop", "woocommerce", "https://shop.example.com", "ck_1")
    with shop.db.uow() as uow:
        item_id = enqueue(uow.session, "webshop", "shipment", {"order": "SO-000001", "tracking": "SF123"})
        uow.commit()
    code, _, err = run(shop_url, capsys, "sync", "outbox", "--drop", str(item_id))
    assert (code, err.strip()) == (1, f"error: Outbox item {item_id} is pending; only a dead item can be dropped.")

    def store_without_that_order(channel, item) -> None:  # type: ignore[no-untyped-def]
        raise SendFailed("the store refused the request: HTTP 404 (no such order)", 404)

    sync.send_outbox(store_without_that_order)
    code, out, _ = run(shop_url, capsys, "sync", "outbox")
    dead = f"{item_id:>5}  webshop  shipment  dead  attempts 1  the store refused the request: HTTP 404 (no such order)"
    assert out.rstrip("\n") == dead
    code, out, _ = run(shop_url, capsys, "sync", "outbox", "--retry", str(item_id))
    assert (code, [i.state for i in sync.outbox()]) == (0, ["pending"])
    sync.send_outbox(store_without_that_order)
    code, out, _ = run(shop_url, capsys, "sync", "outbox", "--drop", str(item_id))
    assert (code, out.strip()) == (0, f"Outbox item {item_id} dropped.")
    code, out, _ = run(shop_url, capsys, "sync", "outbox")
    assert out.strip() == "Nothing waits to be sent."


def test_a_woocommerce_store_is_pulled_from_the_command_line_dry_run_first(
    shop: Shop, shop_url, capsys, httpserver, memory_keyring
) -> None:
    SyncService(shop).add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_1", "cs_1", since=HISTORY)
    FakeWooStore([woo_order(501, 0), woo_order(502, 1, item(1, "TB-X", 1, "9.90"))]).serve(httpserver)
    code, out, err = run(shop_url, capsys, "sync", "webshop", "--dry-run")
    assert out.strip() == (
        "webshop: would import 1 new order(s), 0 known, 1 waiting for SKU links, 0 cancelled on the store, "
        "0 not stored. Nothing was written (dry run)."
    )
    assert SyncService(shop).channel("webshop").cursor == HISTORY.isoformat()
    code, out, err = run(shop_url, capsys, "sync", "webshop")
    assert (code, out.strip()) == (
        0,
        "webshop: imported 1 new order(s), 0 known, 1 waiting for SKU links, 0 cancelled on the store, 0 not stored."
        " Outbox: 1 sent, 0 to retry, 0 failed.",  # the new order's reservation: less MUG to sell
    )
    assert "Order 502 names SKUs no product has" in err


def test_a_sync_sends_the_shipments_and_stock_changes_made_since_and_a_dry_run_sends_nothing(
    shop: Shop, shop_url, capsys, httpserver, memory_keyring
) -> None:
    from tests.order_helpers import lenient_rules

    lenient_rules(shop)
    SyncService(shop).add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_1", "cs_1", since=HISTORY)
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    store.products = [{"id": 11, "sku": "MUG", "type": "simple", "stock_quantity": 0}]
    code, out, err = run(shop_url, capsys, "sync", "webshop", "--json")
    assert code == 0, err
    pulled = json.loads(out)
    assert (pulled["created"], pulled["outbox"]["sent"]) == (["SO-000001"], 1)
    assert store.products[0]["stock_quantity"] == 9  # 10 less the one reserved for the order
    shop.order_flow.mark_packed("SO-000001")
    shop.order_flow.ship("SO-000001", "SF1000000001", "SF Express")
    code, out, _ = run(shop_url, capsys, "sync", "webshop", "--dry-run")
    assert "Outbox" not in out and store.order(501)["status"] == "processing"  # type: ignore[index]
    assert [i.state for i in SyncService(shop).outbox("pending")] == ["pending", "pending"]
    code, out, _ = run(shop_url, capsys, "sync", "webshop")
    assert (code, out.strip()) == (
        0,
        "webshop: imported 0 new order(s), 1 known, 0 waiting for SKU links, 0 cancelled on the store, 0 not stored."
        " Outbox: 2 sent, 0 to retry, 0 failed.",  # the shipment, and the stock it moved
    )
    assert store.order(501)["status"] == "completed"  # type: ignore[index]
    assert store.notes[501][0]["note"] == "Shipped with SF Express, tracking SF1000000001"


def test_an_order_cancelled_on_the_store_is_cancelled_by_the_next_sync(
    shop: Shop, shop_url, capsys, httpserver, memory_keyring
) -> None:
    SyncService(shop).add_channel("webshop", "woocommerce", httpserver.url_for("/"), "ck_1", "cs_1", since=HISTORY)
    store = FakeWooStore([woo_order(501, 0, status="processing", total="25.00")]).serve(httpserver)
    run(shop_url, capsys, "sync", "webshop")
    store.edit(501, 30, status="cancelled")
    code, out, _ = run(shop_url, capsys, "sync", "webshop")
    assert (code, out.strip()) == (
        0,
        "webshop: imported 0 new order(s), 1 known, 0 waiting for SKU links, 0 cancelled on the store, 0 not stored."
        " Changed on the store: 1 cancelled here as on the store. Outbox: 1 sent, 0 to retry, 0 failed.",
    )
    assert shop.orders.get_order("SO-000001").status == "cancelled"


def test_a_sync_with_push_stock_sends_what_can_be_sold(
    shop: Shop, shop_url, capsys, httpserver, memory_keyring
) -> None:
    SyncService(shop).add_channel(
        "webshop", "woocommerce", httpserver.url_for("/"), "ck_1", "cs_1", buffer=1, since=HISTORY
    )
    httpserver.expect_request("/wp-json/wc/v3/orders").respond_with_handler(FakeWooStore([]))
    received = store_with_a_mug_and_a_tee_variation(httpserver)
    code, out, _ = run(shop_url, capsys, "sync", "webshop", "--push-stock")
    assert (code, out.strip()) == (
        0,
        "webshop: imported 0 new order(s), 0 known, 0 waiting for SKU links, 0 cancelled on the store, "
        "0 not stored. Outbox: 1 sent, 0 to retry, 0 failed.",
    )
    assert [u["stock_quantity"] for batch in received for u in batch["update"]] == [9, 9]  # 10 each, less 1


def test_a_store_added_since_a_date_pulls_from_then_and_a_refused_order_is_skipped_from_the_command_line(
    shop: Shop, shop_url, capsys, httpserver, monkeypatch, memory_keyring
) -> None:
    monkeypatch.setenv("SHOPDESK_CHANNEL_KEY", "ck_test")
    monkeypatch.setenv("SHOPDESK_CHANNEL_SECRET", "cs_test")
    store = FakeWooStore(
        [woo_order(701, 1), woo_order(702, 2, currency="USD", total="25.00"), woo_order(703, 3)]
    ).serve(httpserver)
    url = httpserver.url_for("/")
    code, _, err = run(
        shop_url, capsys, "channel", "add", "webshop", "--type", "woocommerce", "--url", url, "--since", "2026-11-20"
    )
    assert code == 0 and "Its first sync pulls the orders changed since 2026-11-20." in err
    code, out, err = run(shop_url, capsys, "sync", "webshop")
    assert code == 1 and out.startswith("webshop: imported 2 new order(s), 0 known, 0 waiting for SKU links")
    assert "shopdesk sync webshop --accept-order 702 (or --skip-order 702)" in err
    midnight = datetime(2026, 11, 20).astimezone() - timedelta(minutes=5)  # the computer's midnight, less the overlap
    assert store.requests[0]["modified_after"] == midnight.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    code, out, _ = run(shop_url, capsys, "channel", "problems")
    assert code == 0 and out.startswith("webshop  order 702  changed 2026-11-20 08:02")
    assert "this order is in USD" in out
    code, out, err = run(shop_url, capsys, "sync", "webshop", "--skip-order", "702")
    assert code == 0 and "Order 702 from webshop is left out for good; pulling now." in err
    assert "0 not stored. Left out: 702." in out
    assert SyncService(shop).channel("webshop").cursor == "2026-11-20T08:03:00+00:00"
    code, out, _ = run(shop_url, capsys, "channel", "problems")
    assert out.strip() == "No store order waits for a decision."
    code, _, err = run(shop_url, capsys, "sync", "webshop", "--accept-order", "702")
    assert code == 1 and "Order 702 from webshop is not waiting for a decision." in err
