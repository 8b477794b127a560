"""A clerk in a separate process: waits at the barrier with the other clerk, then reserves or ships one unit.

Run by tests/db/test_inventory_race.py through multiprocessing with "spawn", so
each clerk is a fresh Python process with its own connections, like two copies
of the app on two PCs.
"""

from __future__ import annotations

import os
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from shopdesk.db.database import Database
from shopdesk.domain.stock import NotEnoughStock
from shopdesk.services.shop import Shop
from shopdesk.services.stock_ledger import SourceDoc


def clerk(url: str, clerk_no: int, barrier: Barrier, tasks: Queue, results: Queue) -> None:
    shop = Shop(Database(url), user=f"clerk-{clerk_no}-{os.getpid()}")
    try:
        while (task := tasks.get()) is not None:
            action, product_id, location, order_id = task
            barrier.wait(timeout=60)
            try:
                if action == "reserve":
                    order = SourceDoc("sales_order", order_id, f"SO-{order_id}")
                    shop.inventory.reserve(product_id, 1, location, order)
                else:
                    shop.inventory.ship(product_id, 1, location)
                results.put((clerk_no, "ok", ""))
            except NotEnoughStock as exc:
                results.put((clerk_no, "not enough stock", str(exc)))
            except Exception as exc:  # reported to the test, which fails on it
                results.put((clerk_no, "error", repr(exc)))
    finally:
        shop.close()
