"""A clerk in a separate process, for tests/db/test_orders_race.py: waits at the barrier, then works an order.

Started with multiprocessing "spawn", so each clerk is a fresh Python process
with its own connections, like two copies of the app on two PCs.
"""

from __future__ import annotations

import os
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from shopdesk.db.database import Database
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.shop import Shop
from tests.order_helpers import draft


def clerk(url: str, clerk_no: int, barrier: Barrier, tasks: Queue, results: Queue) -> None:
    shop = Shop(Database(url), user=f"clerk-{clerk_no}-{os.getpid()}")
    flow = shop.order_flow
    try:
        while (task := tasks.get()) is not None:
            action, number, tracking = task
            barrier.wait(timeout=60)
            try:
                if action == "confirm_and_ship":  # the clerk's whole job on one order, as fast as they can
                    flow.confirm(number)
                    flow.mark_packed(number)
                    flow.ship(number, tracking, "SF")
                    results.put((clerk_no, "ok", number))
                elif action == "ship":
                    flow.ship(number, tracking, "SF")
                    results.put((clerk_no, "ok", number))
                elif action == "create":
                    made = [shop.orders.create_order(draft(("MUG", 1))) for _ in range(int(tracking))]
                    results.put((clerk_no, "ok", made))
            except ShopDeskError as exc:
                results.put((clerk_no, "refused", str(exc)))
            except Exception as exc:  # reported to the test, which fails on it
                results.put((clerk_no, "error", repr(exc)))
    finally:
        shop.close()
