"""A sync pull killed (SIGKILL) halfway: after a restart the database passes db check, every order is
whole or absent, the cursor has not moved past what was not stored, and the next pull completes it."""

from __future__ import annotations

import os
import sqlite3

import pytest
from pytest_httpserver import HTTPServer

from shopdesk.db.database import Database
from shopdesk.services.shop import Shop
from shopdesk.services.sync import SyncService
from shopdesk.sync.woocommerce import woocommerce_client
from tests.integration.test_crash_safety import db_check_passes, run_until_ready_then_kill
from tests.order_helpers import lenient_rules, stocked_shop
from tests.sync.fake_woo import HISTORY, FakeWooStore, woo_order

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def test_a_pull_killed_while_storing_orders_is_completed_by_the_next_pull(httpserver: HTTPServer, tmp_path, capsys):
    db = tmp_path / "shop.sqlite"
    shop, _ = Shop.open(str(db))
    stocked_shop(shop)
    lenient_rules(shop)
    SyncService(shop).add_channel(
        "webshop", "woocommerce", httpserver.url_for("/"), "ck_test", "cs_test", since=HISTORY
    )
    shop.close()
    store = FakeWooStore([woo_order(n, n) for n in (701, 702, 703)])
    httpserver.expect_request("/wp-json/wc/v3/orders").respond_with_handler(store)

    run_until_ready_then_kill("sync", db, httpserver.url_for("/"))

    db_check_passes(db, capsys)
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT channel_order_no FROM sales_order ORDER BY id")]
        lines = conn.execute("SELECT count(*) FROM sales_order_line").fetchone()[0]
        cursor = conn.execute("SELECT cursor FROM sales_channel WHERE name = 'webshop'").fetchone()[0]
    assert stored == ["701"] and lines == 1  # the first order whole, the second not at all
    assert cursor == HISTORY.isoformat()  # the cursor is written when the pull finishes: it did not

    shop = Shop(Database(str(db)), user="tester")
    try:
        again = SyncService(shop).pull_orders(
            "webshop", woocommerce_client(httpserver.url_for("/"), "ck_test", "cs_test", timeout=5)
        )
    finally:
        shop.close()
    assert (len(again.created), again.already) == (2, 1)
    with sqlite3.connect(db) as conn:
        numbers = [r[0] for r in conn.execute("SELECT channel_order_no FROM sales_order ORDER BY channel_order_no")]
    assert numbers == ["701", "702", "703"]
    db_check_passes(db, capsys)
