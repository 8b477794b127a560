"""Sales figures of a period for the reports: what was sold, refunded, returned, per channel, day and product.

A sale counts when its order ships (SalesOrder.shipped_at in [start, end)): that
is when the cost of goods is recorded on the outgoing stock move, so sales and
their cost always fall in the same month. Definitions (money in minor units):
- gross = Σ quantity × unit price; discounts = Σ line discounts; goods sales =
  Σ line net (gross − discounts); tax is included in net where the shop sets it;
- refunds = money paid back in the period (OrderRefund.refunded_at), on any order;
- net sales = goods sales − refunds;
- cost of goods sold = cost of the goods shipped − cost of the goods customers
  returned into stock in the period (returns come back at the cost they left with);
- gross margin = net sales − cost of goods sold; channel contribution = gross
  margin + shipping income − platform fees;
- orders, average order value (客单价 = goods sales ÷ orders), buyers and the
  repurchase rate (复购率 = buyers with two or more orders ÷ buyers) leave out
  replacement orders of after-sales cases: they are costs, not purchases.
  Their lines still appear (at price 0) with the cost of what was sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, and_, case, func, select

from shopdesk.db.models import Category, Customer, Product, StockMove
from shopdesk.db.models.aftersales import Case, ReturnReceipt
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.domain.privacy import mask_name
from shopdesk.reports.analytics import average, rate
from shopdesk.services.aftersales_refunds import REPLACEMENT_CHANNEL
from shopdesk.services.aftersales_returns import returned_at

STREAM = {"stream_results": True, "yield_per": 2000}
_GROSS = SalesOrderLine.quantity * SalesOrderLine.unit_price


@dataclass
class SalesFigures:
    """Sales of a period, as a whole or for one channel (see the module's definitions)."""

    gross: int = 0
    discounts: int = 0
    tax: int = 0
    goods_sales: int = 0
    refunds: int = 0
    shipping: int = 0
    platform_fees: int = 0
    cost_shipped: int = 0
    cost_returned: int = 0
    orders: int = 0  # without replacement orders
    units: int = 0  # every unit shipped, replacements included
    units_sold: int = 0  # without replacements: what the return rate divides by

    @property
    def net_sales(self) -> int:
        return self.goods_sales - self.refunds

    @property
    def cost_of_goods(self) -> int:
        return self.cost_shipped - self.cost_returned

    @property
    def gross_margin(self) -> int:
        return self.net_sales - self.cost_of_goods

    @property
    def margin_rate(self) -> Decimal | None:
        return rate(self.gross_margin, self.net_sales)

    @property
    def contribution(self) -> int:
        return self.gross_margin + self.shipping - self.platform_fees

    @property
    def average_order_value(self) -> int | None:
        return average(self.goods_sales, self.orders)


@dataclass(frozen=True)
class DaySales:
    day: date
    orders: int
    goods_sales: int


@dataclass
class PeriodSales:
    total: SalesFigures
    channels: dict[str, SalesFigures]
    days: list[DaySales]
    buyers: int
    repeat_buyers: int
    has_tax: bool
    returned_units: int = 0
    refund_count: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def repurchase_rate(self) -> Decimal | None:
        return rate(self.repeat_buyers, self.buyers)


@dataclass(frozen=True)
class SaleLine:
    """One order line on the Sales sheet."""

    shipped_at: datetime
    order: str
    channel: str
    customer: str
    sku: str
    name: str
    quantity: int
    unit_price: int
    gross: int
    discount: int
    tax: int
    net: int
    cost_of_goods: int

    @property
    def margin(self) -> int:
        return self.net - self.cost_of_goods


@dataclass(frozen=True)
class RefundOrReturn:
    """A row of the Refunds and returns sheet: money paid back, or goods that came back."""

    at: datetime
    kind: str  # "refund" or the return's disposition (restock, quarantine, scrap, supplier, lost)
    order: str
    case: str
    customer: str
    sku: str
    name: str
    quantity: int | None
    refund: int | None
    returned_cost: int | None  # back into stock at cost, by its stock move (lost returns: None)
    note: str


def _shipped(at: datetime | None) -> datetime:
    assert at is not None, "the query reads shipped orders only"
    return at


def local_day(at: datetime | None) -> date:
    """The shop computer's calendar day of a moment."""
    return _shipped(at).astimezone().date()


def _shipped_in(start: datetime, end: datetime):  # type: ignore[no-untyped-def]
    return and_(SalesOrder.shipped_at >= start, SalesOrder.shipped_at < end)


def period_sales(conn: Connection, start: datetime, end: datetime) -> PeriodSales:
    """Totals, channels and days of the orders shipped in [start, end), read order by order as a stream."""
    per_order = (
        select(
            SalesOrder.id,
            SalesOrder.shipped_at,
            SalesOrder.channel,
            SalesOrder.shipping_fee,
            SalesOrder.platform_fee,
            func.sum(_GROSS),
            func.sum(SalesOrderLine.discount),
            func.sum(SalesOrderLine.tax),
            func.sum(SalesOrderLine.net),
            func.sum(SalesOrderLine.cost_of_goods),
            func.sum(SalesOrderLine.quantity),
        )
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .where(_shipped_in(start, end))
        .group_by(
            SalesOrder.id, SalesOrder.shipped_at, SalesOrder.channel, SalesOrder.shipping_fee, SalesOrder.platform_fee
        )
    )
    total = SalesFigures()
    channels: dict[str, SalesFigures] = defaultdict(SalesFigures)
    days: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    has_tax = False
    for _, shipped_at, channel, shipping, fee, gross, discount, tax, net, cost, qty in conn.execution_options(
        **STREAM
    ).execute(per_order):
        purchase = channel != REPLACEMENT_CHANNEL
        for figures in (total, channels[channel]):
            figures.gross += int(gross or 0)
            figures.discounts += int(discount or 0)
            figures.tax += int(tax or 0)
            figures.goods_sales += int(net or 0)
            figures.shipping += int(shipping or 0)
            figures.platform_fees += int(fee or 0)
            figures.cost_shipped += int(cost or 0)
            figures.units += int(qty or 0)
            if purchase:
                figures.orders += 1
                figures.units_sold += int(qty or 0)
        has_tax = has_tax or bool(tax)
        day = days[local_day(shipped_at)]
        day[0] += 1 if purchase else 0
        day[1] += int(net or 0)

    refunds = conn.execute(
        select(SalesOrder.channel, func.count(), func.sum(OrderRefund.amount))
        .join(SalesOrder, SalesOrder.id == OrderRefund.order_id)
        .where(OrderRefund.refunded_at >= start, OrderRefund.refunded_at < end)
        .group_by(SalesOrder.channel)
    ).all()
    refund_count = 0
    for channel, count, amount in refunds:
        total.refunds += int(amount or 0)
        channels[channel].refunds += int(amount or 0)
        refund_count += int(count)
    returned_units = 0
    counted_at = returned_at()
    for channel, units, value in conn.execute(
        select(SalesOrder.channel, func.sum(ReturnReceipt.quantity), func.sum(StockMove.value))
        .select_from(ReturnReceipt)
        .join(SalesOrderLine, SalesOrderLine.id == ReturnReceipt.order_line_id)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .outerjoin(StockMove, StockMove.id == ReturnReceipt.move_id)  # a lost parcel has no move: it never came back
        .where(counted_at >= start, counted_at < end)
        .group_by(SalesOrder.channel)
    ):
        returned_units += int(units or 0)
        total.cost_returned += int(value or 0)
        channels[channel].cost_returned += int(value or 0)

    buyers, repeat = _buyers(conn, start, end)
    return PeriodSales(
        total=total,
        channels=dict(sorted(channels.items())),
        days=[DaySales(d, n, amount) for d, (n, amount) in sorted(days.items())],
        buyers=buyers,
        repeat_buyers=repeat,
        has_tax=has_tax,
        returned_units=returned_units,
        refund_count=refund_count,
    )


def _buyers(conn: Connection, start: datetime, end: datetime) -> tuple[int, int]:
    """Customers with an order shipped in the period, and those with two or more (replacements left out)."""
    per_customer = (
        select(SalesOrder.customer_id, func.count().label("orders"))
        .where(_shipped_in(start, end), SalesOrder.customer_id.is_not(None), SalesOrder.channel != REPLACEMENT_CHANNEL)
        .group_by(SalesOrder.customer_id)
        .subquery()
    )
    buyers, repeat = conn.execute(
        select(func.count(), func.coalesce(func.sum(case((per_customer.c.orders >= 2, 1), else_=0)), 0))
    ).one()
    return int(buyers), int(repeat)


def sale_lines(conn: Connection, start: datetime, end: datetime, *, mask: bool) -> Iterator[SaleLine]:
    """Every line of the orders shipped in the period, in shipping order (a stream: memory stays flat)."""
    query = (
        select(
            SalesOrder.shipped_at,
            SalesOrder.number,
            SalesOrder.channel,
            func.coalesce(Customer.name, SalesOrder.ship_name),
            SalesOrderLine.sku,
            SalesOrderLine.name,
            SalesOrderLine.quantity,
            SalesOrderLine.unit_price,
            SalesOrderLine.discount,
            SalesOrderLine.tax,
            SalesOrderLine.net,
            SalesOrderLine.cost_of_goods,
        )
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .outerjoin(Customer, Customer.id == SalesOrder.customer_id)
        .where(_shipped_in(start, end))
        .order_by(SalesOrder.shipped_at, SalesOrder.id, SalesOrderLine.line_no)
    )
    for shipped_at, number, channel, buyer, sku, name, qty, price, discount, tax, net, cost in conn.execution_options(
        **STREAM
    ).execute(query):
        buyer = buyer or ""
        yield SaleLine(
            _shipped(shipped_at),
            number,
            channel,
            mask_name(buyer) if mask else buyer,
            sku,
            name,
            qty,
            price,
            qty * price,
            discount,
            tax,
            net,
            cost,
        )


def refunds_and_returns(conn: Connection, start: datetime, end: datetime, *, mask: bool) -> list[RefundOrReturn]:
    """Refunds paid and goods returned in the period, by time."""
    buyer = func.coalesce(Customer.name, SalesOrder.ship_name)
    rows: list[RefundOrReturn] = []
    for at, number, case_number, name, amount, reason in conn.execute(
        select(OrderRefund.refunded_at, SalesOrder.number, Case.number, buyer, OrderRefund.amount, OrderRefund.reason)
        .join(SalesOrder, SalesOrder.id == OrderRefund.order_id)
        .outerjoin(Case, Case.id == OrderRefund.case_id)
        .outerjoin(Customer, Customer.id == SalesOrder.customer_id)
        .where(OrderRefund.refunded_at >= start, OrderRefund.refunded_at < end)
    ):
        name = name or ""
        rows.append(
            RefundOrReturn(
                at,
                "refund",
                number,
                case_number or "",
                mask_name(name) if mask else name,
                "",
                "",
                None,
                amount,
                None,
                reason,
            )
        )
    counted_at = returned_at()
    for at, disposition, number, case_number, name, sku, item, qty, value, note in conn.execute(
        select(
            counted_at,
            ReturnReceipt.disposition,
            SalesOrder.number,
            Case.number,
            buyer,
            SalesOrderLine.sku,
            SalesOrderLine.name,
            ReturnReceipt.quantity,
            StockMove.value,
            ReturnReceipt.note,
        )
        .select_from(ReturnReceipt)
        .outerjoin(StockMove, StockMove.id == ReturnReceipt.move_id)
        .join(SalesOrderLine, SalesOrderLine.id == ReturnReceipt.order_line_id)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .join(Case, Case.id == ReturnReceipt.case_id)
        .outerjoin(Customer, Customer.id == SalesOrder.customer_id)
        .where(counted_at >= start, counted_at < end)
    ):
        name = name or ""
        rows.append(
            RefundOrReturn(
                at,
                disposition,
                number,
                case_number,
                mask_name(name) if mask else name,
                sku,
                item,
                qty,
                None,
                value,
                note,
            )
        )
    return sorted(rows, key=lambda r: (r.at, r.order, r.kind))


# Sales by a dimension -----------------------------------------------------------------------
@dataclass(frozen=True)
class SalesGroup:
    """Sales of one channel, category, product or time bucket (line figures, before refunds)."""

    key: str
    name: str
    orders: int
    units: int
    gross: int
    discounts: int
    goods_sales: int
    cost_of_goods: int

    @property
    def margin(self) -> int:
        return self.goods_sales - self.cost_of_goods

    @property
    def margin_rate(self) -> Decimal | None:
        return rate(self.margin, self.goods_sales)


def product_sales(conn: Connection, start: datetime, end: datetime) -> list[SalesGroup]:
    """Per product (SKU): the lines of the orders shipped in the period, replacements left out."""
    rows = conn.execute(
        select(
            SalesOrderLine.product_id,
            func.min(SalesOrderLine.sku),
            func.min(SalesOrderLine.name),
            func.count(func.distinct(SalesOrderLine.order_id)),
            func.sum(SalesOrderLine.quantity),
            func.sum(_GROSS),
            func.sum(SalesOrderLine.discount),
            func.sum(SalesOrderLine.net),
            func.sum(SalesOrderLine.cost_of_goods),
        )
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .where(_shipped_in(start, end), SalesOrder.channel != REPLACEMENT_CHANNEL)
        .group_by(SalesOrderLine.product_id)
    ).all()
    ids = [r[0] for r in rows if r[0] is not None]
    names = (
        {
            pid: (sku, name)
            for pid, sku, name in conn.execute(select(Product.id, Product.sku, Product.name).where(Product.id.in_(ids)))
        }
        if ids
        else {}
    )
    result = []
    for pid, sku, name, orders, units, gross, discount, net, cost in rows:
        sku, name = names.get(pid, (sku, name)) if pid is not None else (sku, name)
        result.append(
            SalesGroup(
                sku,
                name,
                int(orders),
                int(units or 0),
                int(gross or 0),
                int(discount or 0),
                int(net or 0),
                int(cost or 0),
            )
        )
    return sorted(result, key=lambda g: (-g.goods_sales, g.key))


def grouped_sales(conn: Connection, start: datetime, end: datetime, by: str) -> list[SalesGroup]:
    """Sales per channel, category (its path), product, day, week (ISO, from Monday) or month."""
    if by == "product":
        return product_sales(conn, start, end)
    if by in ("channel", "category"):
        key = SalesOrder.channel if by == "channel" else func.coalesce(Category.path, "")
        query = (
            select(
                key,
                func.count(func.distinct(SalesOrder.id)),
                func.sum(SalesOrderLine.quantity),
                func.sum(_GROSS),
                func.sum(SalesOrderLine.discount),
                func.sum(SalesOrderLine.net),
                func.sum(SalesOrderLine.cost_of_goods),
            )
            .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
            .where(_shipped_in(start, end), SalesOrder.channel != REPLACEMENT_CHANNEL)
            .group_by(key)
        )
        if by == "category":
            query = query.outerjoin(Product, Product.id == SalesOrderLine.product_id).outerjoin(
                Category, Category.id == Product.category_id
            )
        groups = [
            SalesGroup(k or "", k or "", int(o), int(u or 0), int(g or 0), int(d or 0), int(n or 0), int(c or 0))
            for k, o, u, g, d, n, c in conn.execute(query)
        ]
        return sorted(groups, key=lambda g: (-g.goods_sales, g.key))
    return _time_buckets(conn, start, end, by)


def _time_buckets(conn: Connection, start: datetime, end: datetime, by: str) -> list[SalesGroup]:
    per_order = (
        select(
            SalesOrder.shipped_at,
            func.sum(SalesOrderLine.quantity),
            func.sum(_GROSS),
            func.sum(SalesOrderLine.discount),
            func.sum(SalesOrderLine.net),
            func.sum(SalesOrderLine.cost_of_goods),
        )
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .where(_shipped_in(start, end), SalesOrder.channel != REPLACEMENT_CHANNEL)
        .group_by(SalesOrder.id, SalesOrder.shipped_at)
    )
    buckets: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for shipped_at, units, gross, discount, net, cost in conn.execution_options(**STREAM).execute(per_order):
        key = bucket_key(local_day(shipped_at), by)
        figures = buckets[key]
        for n, value in enumerate((1, units, gross, discount, net, cost)):
            figures[n] += int(value or 0)
    return [SalesGroup(k, k, *v) for k, v in sorted(buckets.items())]


def bucket_key(day: date, by: str) -> str:
    """2026-10-05 for a day, 2026-W41 for its ISO week, 2026-10 for its month."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day:%Y-%m}"


GROUPINGS = ("channel", "category", "product", "day", "week", "month")
