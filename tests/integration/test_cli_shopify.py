"""`shopdesk channel add NAME --type shopify` and `shopdesk sync NAME` against a Shopify store (a local fake)."""

from __future__ import annotations

import json

import keyring
import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
from shopdesk.sync import credentials
from tests.order_helpers import stocked_shop
from tests.sync.conftest import MemoryKeyring
from tests.sync.fake_shopify import GRAPHQL_PATH, TOKEN, FakeShopify, line, shopify_order


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def memory_keyring():  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_shopify_store_is_added_with_its_token_from_the_environment_and_its_orders_pulled_once(
    shop: Shop, db_url: str, capsys, httpserver, monkeypatch, memory_keyring
) -> None:
    stocked_shop(shop)
    fake = FakeShopify(
        orders=[
            shopify_order(3001, 1, line(1, "MUG", 2, "25.00")),
            shopify_order(3002, 2, line(2, "SHOPIFY-ONLY", 1, "9.90")),
            shopify_order(3003, 3, displayFinancialStatus="REFUNDED"),
        ]
    )
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(fake)
    monkeypatch.setenv("SHOPDESK_CHANNEL_KEY", TOKEN)
    monkeypatch.setenv("SHOPDESK_CHANNEL_SECRET", "")
    url = httpserver.url_for("/").rstrip("/")
    code, out, err = run(
        db_url, capsys, "channel", "add", "shop1", "--type", "shopify", "--url", url, "--since", "2026-11-01"
    )
    assert (code, out.strip()) == (0, f"Added channel shop1 (shopify, {url}); its key is in the keyring.")
    assert credentials.load("shop1") == credentials.Credentials(TOKEN, "")
    code, out, err = run(db_url, capsys, "sync", "shop1")
    assert code == 0 and out.startswith(
        "shop1: imported 1 new order(s), 0 known, 1 waiting for SKU links, 1 cancelled on the store, 0 not stored."
    )
    assert "Order 53002 names SKUs no product has" in err and TOKEN not in out + err
    code, out, _ = run(db_url, capsys, "order", "list", "--json")
    assert [(o["channel"], o["number"]) for o in json.loads(out)["orders"]] == [("shop1", "SO-000001")]
    code, out, _ = run(db_url, capsys, "sync", "shop1")
    assert code == 0 and out.startswith(
        "shop1: imported 0 new order(s), 1 known, 1 waiting for SKU links, 1 cancelled on the store, 0 not stored."
    )


def test_a_revoked_shopify_token_is_named_on_the_command_line(
    shop: Shop, db_url: str, capsys, httpserver, monkeypatch, memory_keyring
) -> None:
    stocked_shop(shop)
    httpserver.expect_request(GRAPHQL_PATH, method="POST").respond_with_handler(FakeShopify(token="shpat_rotated"))
    monkeypatch.setenv("SHOPDESK_CHANNEL_KEY", TOKEN)
    monkeypatch.setenv("SHOPDESK_CHANNEL_SECRET", "")
    run(
        db_url,
        capsys,
        "channel",
        "add",
        "shop1",
        "--type",
        "shopify",
        "--url",
        httpserver.url_for("/"),
        "--since",
        "2026-11-01",
    )
    code, out, err = run(db_url, capsys, "sync", "shop1")
    assert (code, out) == (1, "")
    assert "Sync with shop1 stopped: the store refused the request: HTTP 401" in err and "revoked or expired" in err
