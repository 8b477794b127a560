"""The Dashboard's figures, read in one go: what needs doing today and how the last 7 and 30 days sold.

- orders to review (on hold, 待审核), to ship (allocated, picked or packed, 待发货)
  and waiting for stock — the Orders tab's buckets;
- products at or below their warning line (the low-stock alert);
- open after-sales cases past their due time;
- sales per local day over the last 30 days and the best products of those days.
Here sales are orders *placed* (not cancelled, no replacement orders): the owner
sees today's orders at once; the accounting reports count sales when they ship.
Every query uses an index (placed_at, status, due time), so 200,000 orders
open in well under half a second (benchmarks/bench_reports.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from shopdesk.db.models import Product
from shopdesk.db.models.aftersales import Case
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.aftersales import CaseStatus
from shopdesk.services.order_queries import BUCKETS
from shopdesk.services.report_customers import is_purchase

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

DAYS = 30
TOP_PRODUCTS = 10


@dataclass(frozen=True)
class DaySales:
    day: date
    orders: int
    sales: int  # goods after discounts, minor units


@dataclass(frozen=True)
class TopProduct:
    sku: str
    name: str
    units: int
    sales: int


@dataclass(frozen=True)
class DashboardFigures:
    at: datetime
    to_review: int
    to_ship: int
    waiting: int
    low_stock: int
    overdue_cases: int
    open_cases: int
    days: list[DaySales]  # the last 30 local days, today last, days without orders included
    top_products: list[TopProduct]

    def sales_since(self, days: int) -> int:
        return sum(d.sales for d in self.days[-days:])

    def orders_since(self, days: int) -> int:
        return sum(d.orders for d in self.days[-days:])


class Dashboard:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def figures(self, now: datetime | None = None) -> DashboardFigures:
        """Everything the Dashboard shows, at `now` (default: this moment)."""
        now = now or datetime.now(UTC)
        today = now.astimezone().date()
        first_day = today - timedelta(days=DAYS - 1)
        since = datetime(first_day.year, first_day.month, first_day.day).astimezone()
        with self.db.read() as conn:
            per_status = dict(
                conn.execute(
                    select(SalesOrder.status, func.count())
                    .where(
                        SalesOrder.status.in_([s.value for b in ("on_hold", "to_ship", "waiting") for s in BUCKETS[b]])
                    )
                    .group_by(SalesOrder.status)
                ).all()
            )
            open_case = Case.status != CaseStatus.CLOSED.value
            overdue = conn.execute(
                select(func.count()).select_from(Case).where(open_case, Case.due_at < now)
            ).scalar_one()
            open_cases = conn.execute(select(func.count()).select_from(Case).where(open_case)).scalar_one()
            sold: dict[date, list[int]] = defaultdict(lambda: [0, 0])
            for placed_at, goods in conn.execute(
                select(SalesOrder.placed_at, SalesOrder.goods_total).where(
                    SalesOrder.placed_at >= since, SalesOrder.placed_at <= now, is_purchase()
                )
            ):
                day = sold[placed_at.astimezone().date()]
                day[0] += 1
                day[1] += int(goods or 0)
            best = conn.execute(
                select(
                    SalesOrderLine.product_id,
                    func.sum(SalesOrderLine.quantity),
                    func.sum(SalesOrderLine.net).label("sales"),
                )
                .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                .where(
                    SalesOrder.placed_at >= since,
                    SalesOrder.placed_at <= now,
                    is_purchase(),
                    SalesOrderLine.product_id.is_not(None),
                )
                .group_by(SalesOrderLine.product_id)
                .order_by(func.sum(SalesOrderLine.net).desc(), SalesOrderLine.product_id)
                .limit(TOP_PRODUCTS)
            ).all()
            names = {
                pid: (sku, name)
                for pid, sku, name in conn.execute(
                    select(Product.id, Product.sku, Product.name).where(Product.id.in_([b[0] for b in best]))
                )
            }
        low_stock = len(self.shop.reordering.low_stock())

        def bucket(name: str) -> int:
            return sum(int(per_status.get(s.value, 0)) for s in BUCKETS[name])

        return DashboardFigures(
            at=now,
            to_review=bucket("on_hold"),
            to_ship=bucket("to_ship"),
            waiting=bucket("waiting"),
            low_stock=low_stock,
            overdue_cases=int(overdue),
            open_cases=int(open_cases),
            days=[DaySales(d, *sold.get(d, (0, 0))) for d in (first_day + timedelta(days=n) for n in range(DAYS))],
            top_products=[
                TopProduct(*names.get(pid or 0, (str(pid), "")), int(units or 0), int(sales or 0))
                for pid, units, sales in best
            ],
        )
