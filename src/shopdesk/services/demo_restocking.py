"""The demo history's purchasing and counting: restocking what sold, and a month-end stocktake.

Part of the replay in services/demo_orders.py: every three weeks the buyer
orders from the suppliers of what sold best since the last time (and of what
orders are waiting for), the goods arrive after the supplier's lead time and
are received into their default bins (which allocates waiting orders); the
last purchase order is still on its way. Near the end of the previous calendar
month the second warehouse is counted and the stocktake posted, so the month's
workbook has receipts and adjustments next to its sales.
"""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import func, select

from shopdesk.db.models import StockMove, Supplier
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.purchasing import PoLineDraft

if TYPE_CHECKING:
    from shopdesk.services.demo_orders import DemoItem
    from shopdesk.services.shop import Shop

BUYER, COUNTER = "陈静", "小王"
CHINA = timedelta(hours=8)
CYCLE_DAYS = 21
SUPPLIERS_PER_CYCLE = 6  # the buyer orders from most suppliers each cycle: a small shop runs lean stock


class _Replay(Protocol):
    def at(self, moment: datetime, action: Callable[[datetime], None]) -> None: ...


class Restocking:
    """Schedules purchase orders and the stocktake on the replay, and counts what it did."""

    def __init__(
        self,
        shop: Shop,
        rng: random.Random,
        replay: _Replay,
        start: datetime,
        now: datetime,
        items: Mapping[int, DemoItem],
    ):
        self.shop, self.rng, self.replay = shop, rng, replay
        self.start, self.now, self.items = start, now, items
        self.buyer = type(shop)(shop.db, user=BUYER)
        self.counter = type(shop)(shop.db, user=COUNTER)
        self.last_cycle = start
        self.purchase_orders = self.receipts = self.stocktakes = 0

    def counts(self) -> tuple[int, int, int]:
        return self.purchase_orders, self.receipts, self.stocktakes

    def schedule(self) -> None:
        """Purchase orders every three weeks (the last one still on its way) and the month-end count."""
        moment = _local(self.start + timedelta(days=12), 10)
        while moment < self.now - timedelta(days=4):
            self.replay.at(moment, self.restock)
            moment += timedelta(days=CYCLE_DAYS)
        self.replay.at(_local(self.now - timedelta(days=2), 10), self.restock)
        self.replay.at(self.stocktake_moment(), self.count_second_warehouse)

    def stocktake_moment(self) -> datetime:
        """Five days before the end of the previous month at 19:00 Beijing time (a week into the history if that is earlier)."""
        local_now = self.now + CHINA
        first = local_now.replace(day=1, hour=19, minute=0, second=0, microsecond=0)
        moment = first - timedelta(days=5) - CHINA  # the 24th to 26th of the month before
        return max(moment, _local(self.start + timedelta(days=7), 19))

    # Purchasing ------------------------------------------------------------------------
    def restock(self, moment: datetime) -> None:
        wanted = self._wanted(moment)
        self.last_cycle = moment
        by_supplier: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for product_id, units in wanted.items():
            supplier = self.items[product_id].supplier_id if product_id in self.items else None
            if supplier is not None:
                by_supplier[supplier].append((product_id, units))
        biggest = sorted(by_supplier.items(), key=lambda kv: (-sum(u for _, u in kv[1]), kv[0]))
        with self.shop.db.read() as conn:
            lead = dict(conn.execute(select(Supplier.id, Supplier.lead_time_days)).all())
        for supplier_id, lines in biggest[:SUPPLIERS_PER_CYCLE]:
            lines = sorted(lines)[:40]
            days = min(max(int(lead.get(supplier_id) or 5), 2), 9)
            arrives = moment + timedelta(days=days, hours=self.rng.uniform(-6, 6))
            number = self.buyer.purchasing.create(
                supplier_id,
                [PoLineDraft(product_id, units) for product_id, units in lines],
                warehouse="WH1",
                expected_date=(arrives + CHINA).date(),
                notes="补货 restock",
            )
            self.buyer.purchasing.order(number, "sent to the supplier by e-mail")
            self.purchase_orders += 1
            self.replay.at(_local(arrives, 14), self._receive(number))

    def _receive(self, number: str) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            self.counter.purchasing.receive_all(number, note="到货验收 checked on arrival")
            self.receipts += 1

        return step

    def _wanted(self, moment: datetime) -> dict[int, int]:
        """Units to order per product: what shipped since the last order, and what waiting orders need."""
        with self.shop.db.read() as conn:
            sold = dict(
                conn.execute(
                    select(StockMove.product_id, func.sum(StockMove.quantity))
                    .where(
                        StockMove.kind == "shipment",
                        StockMove.moved_at >= self.last_cycle,
                        StockMove.moved_at < moment,
                    )
                    .group_by(StockMove.product_id)
                ).all()
            )
            waiting = {
                int(product_id): int(units)
                for product_id, units in conn.execute(
                    select(SalesOrderLine.product_id, func.sum(SalesOrderLine.quantity))
                    .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                    .where(SalesOrder.status == "confirmed", SalesOrderLine.product_id.is_not(None))
                    .group_by(SalesOrderLine.product_id)
                )
                if product_id is not None
            }
        wanted = {}
        for product_id in set(sold) | set(waiting):
            need = int(sold.get(product_id) or 0) + int(waiting.get(product_id) or 0)
            if need > 0:
                # What sold comes back: a few units as they are, more in whole cartons of ten.
                wanted[product_id] = need if need < 10 else -(-need // 10) * 10
        return wanted

    # Counting --------------------------------------------------------------------------
    def count_second_warehouse(self, moment: datetime) -> None:
        """Count WH2 with a few small differences (a broken mug, a miscount) and post it."""
        counting = self.counter.stocktakes
        try:
            taken = counting.start(warehouse="WH2", note="月末盘点 month-end count")
        except ShopDeskError:  # a shop without a second warehouse counts its first
            taken = counting.start(warehouse="WH1", note="月末盘点 month-end count")
        # The counters scan with a handheld and import its count sheet, as a shop does for a whole warehouse.
        rows = ["sku,location,quantity"]
        for line in counting.count_lines(taken.number):
            book = line.expected or 0
            roll = self.rng.random()
            counted = book
            if roll < 0.08 and book >= 3:
                counted = book - self.rng.randint(1, 2)
            elif roll < 0.12:
                counted = book + 1
            rows.append(f"{line.sku},{line.location},{counted}")
        with tempfile.TemporaryDirectory() as folder:
            sheet = Path(folder) / f"{taken.number}.csv"
            sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
            counting.import_counts(taken.number, sheet)
        counting.post(taken.number, reason="月末盘点 posted after review")
        self.stocktakes += 1


def _local(moment: datetime, hour: int) -> datetime:
    """That day (Beijing time) at the given hour, as UTC."""
    local = (moment + CHINA).replace(hour=hour, minute=0, second=0, microsecond=0)
    return local - CHINA
