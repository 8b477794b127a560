"""A child process for the crash-safety tests: does one piece of work and stops where told.

usage: python -m tests.integration.crash_child SCENARIO DB [ARG]
It prints "READY" at the moment the parent should kill it, then sleeps: the parent
sends SIGKILL, as a power cut or a killed app would.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from shopdesk.db.database import UnitOfWork
from shopdesk.services.shop import Shop


def _pause_before_commit(nth: int = 1) -> None:
    """The nth unit of work stops just before its COMMIT: all of its writes are done but not committed."""
    real_commit = UnitOfWork.commit
    seen = 0

    def commit(self: UnitOfWork) -> None:
        nonlocal seen
        seen += 1
        if seen == nth:
            print("READY", flush=True)
            time.sleep(120)
        real_commit(self)

    UnitOfWork.commit = commit  # type: ignore[method-assign]


def product_import(shop: Shop, csv_path: str) -> None:
    from shopdesk.services.product_import import ImportOptions, ProductImport

    _pause_before_commit()
    ProductImport(shop).run(Path(csv_path), ImportOptions())


def stocktake_post(shop: Shop, number: str) -> None:
    _pause_before_commit()
    shop.stocktakes.post(number)


def month_end(shop: Shop, target: str) -> None:
    """Stops while the workbook file is being written: the riskiest moment for a half-written file."""
    from openpyxl.workbook.workbook import Workbook

    from shopdesk.services.reports import Reports

    real_save = Workbook.save

    def save(self: Workbook, filename: str) -> None:
        real_save(self, filename)
        print("READY", flush=True)
        time.sleep(120)

    Workbook.save = save  # type: ignore[method-assign]
    Reports(shop).month_end(time.strftime("%Y-%m"), target)


def sync_pull(shop: Shop, store_url: str) -> None:
    """Pulls a store's orders and is killed while storing the second one."""
    from shopdesk.services.sync import SyncService
    from shopdesk.sync.woocommerce import woocommerce_client

    _pause_before_commit(2)
    SyncService(shop).pull_orders("webshop", woocommerce_client(store_url, "ck_test", "cs_test", timeout=5))


SCENARIOS = {"import": product_import, "stocktake": stocktake_post, "month-end": month_end, "sync": sync_pull}

if __name__ == "__main__":
    scenario, db, arg = sys.argv[1], sys.argv[2], sys.argv[3]
    shop, _ = Shop.open(db)
    SCENARIOS[scenario](shop, arg)
    print("FINISHED", flush=True)
