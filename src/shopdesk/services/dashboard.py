"""The Dashboard's figures, read in one go: what needs doing today and how the last 7 and 30 days sold.

- orders to review (on hold, 待审核), to ship (allocated, picked or packed, 待发货)
  and waiting for stock — the Orders tab's buckets;
- products at or below their warning line (the low-stock alert);
- open after-sales cases past their due time;
- sales per local day over the last 30 days, and the best-selling products of the last 7.
Here sales are orders *placed* (not cancelled, no replacement orders): the owner
sees today's orders at once; the accounting reports count sales when they ship.
The counts of work to do use indexes and come back at once; the sales of the month
read every order of it, so the Dashboard shows the counts first and the sales a
moment later (benchmarks/bench_reports.py times both over 200,000 orders).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select

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
# The best sellers of the last week: what sells now (and a fifth of the order lines of the month to read).
TOP_DAYS = 7


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
class WorkFigures:
    """What needs doing: cheap counts over indexes, shown the moment the Dashboard opens."""

    at: datetime
    to_review: int
    to_ship: int
    waiting: int
    low_stock: int
    overdue_cases: int
    open_cases: int


@dataclass(frozen=True)
class SalesFigures:
    """How the last 30 days sold (reads every order of the month: shown a moment later)."""

    at: datetime
    days: list[DaySales]  # the last 30 local days, today last, days without orders included
    top_products: list[TopProduct]  # of the last TOP_DAYS days, by sales

    def sales_since(self, days: int) -> int:
        return sum(d.sales for d in self.days[-days:])

    def orders_since(self, days: int) -> int:
        return sum(d.orders for d in self.days[-days:])


@dataclass(frozen=True)
class DashboardFigures:
    work: WorkFigures
    sales: SalesFigures


def _midnights(now: datetime) -> list[datetime]:
    """The local midnights starting each of the last DAYS days, today's last."""
    today = now.astimezone().date()
    return [
        datetime(d.year, d.month, d.day).astimezone()
        for d in (today - timedelta(days=DAYS - 1 - n) for n in range(DAYS))
    ]


class Dashboard:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def figures(self, now: datetime | None = None) -> DashboardFigures:
        """Everything the Dashboard shows, at `now` (default: this moment)."""
        now = now or datetime.now(UTC)
        return DashboardFigures(self.work(now), self.sales(now))

    def work(self, now: datetime | None = None) -> WorkFigures:
        """Orders to review, to ship and waiting; products low on stock; open and overdue cases."""
        now = now or datetime.now(UTC)
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
        low_stock = len(self.shop.reordering.low_stock())

        def bucket(name: str) -> int:
            return sum(int(per_status.get(s.value, 0)) for s in BUCKETS[name])

        return WorkFigures(
            at=now,
            to_review=bucket("on_hold"),
            to_ship=bucket("to_ship"),
            waiting=bucket("waiting"),
            low_stock=low_stock,
            overdue_cases=int(overdue),
            open_cases=int(open_cases),
        )

    def sales(self, now: datetime | None = None) -> SalesFigures:
        """Orders placed and their goods sales per local day of the last 30, and the week's best sellers."""
        now = now or datetime.now(UTC)
        midnights = _midnights(now)
        with self.db.read() as conn:
            # The day of each order is found in SQL against the local midnights (exact in any time zone and
            # across a change of summer time), so 30 rows come back instead of every order of the month.
            day_index = case(*((SalesOrder.placed_at < m, n - 1) for n, m in enumerate(midnights) if n), else_=DAYS - 1)
            sold: dict[int, tuple[int, int]] = {
                int(n): (int(count), int(goods or 0))
                for n, count, goods in conn.execute(
                    select(day_index, func.count(), func.sum(SalesOrder.goods_total))
                    .where(SalesOrder.placed_at >= midnights[0], SalesOrder.placed_at <= now, is_purchase())
                    .group_by(day_index)
                )
            }
            best = conn.execute(
                select(
                    SalesOrderLine.product_id,
                    func.sum(SalesOrderLine.quantity),
                    func.sum(SalesOrderLine.net).label("sales"),
                )
                .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                .where(
                    SalesOrder.placed_at >= midnights[-TOP_DAYS],
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
        return SalesFigures(
            at=now,
            days=[DaySales(m.date(), *sold.get(n, (0, 0))) for n, m in enumerate(midnights)],
            top_products=[
                TopProduct(*names.get(pid or 0, (str(pid), "")), int(units or 0), int(sales or 0))
                for pid, units, sales in best
            ],
        )
