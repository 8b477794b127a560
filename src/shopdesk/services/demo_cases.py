"""Demo after-sales cases (售后工单) for `shopdesk demo`: every state, a few overdue, returns and refunds, two languages.

`seed_cases(shop, rng)` works through the after-sales services exactly as the
service desk would, with each action at its own moment in the last weeks, so the
timelines, stock moves, refunds and the analysis all add up. It uses orders the
shop already shipped; when there are too few, it places, ships and delivers some
through the order services first (receiving stock for them at the product's cost
when a product has none). Call it after the catalogue, customers and stock exist.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from shopdesk.db.models import Category, Customer, CustomerAddress, Location, Product, StockBalance
from shopdesk.db.models.base import clock_at
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.db.models.stocktake import StocktakeLine
from shopdesk.domain.aftersales import Closing, Disposition
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.domain.stock import PHYSICAL_KINDS
from shopdesk.services import demo_data as data
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.aftersales_views import CaseFilter

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

OWNERS = ("小王", "李娜", "Amy", "Ben")
_SIZE_AXES = (data.LETTER_SIZES, data.WAIST_SIZES, data.SHOE_SIZES)


@dataclass(frozen=True)
class Story:
    """What a customer complains about, and what such a complaint is settled with.

    The sub-reason names the story, and the demand and solution are one of
    `solutions`; `within` are the categories (path prefixes) of the products it can
    be about (none: any), and a `sized` story only fits a product sold in sizes
    (a T-shirt in M, shoes in 38), never a hand cream.
    """

    zh: str
    en: str
    sub_reason: str
    solutions: tuple[str, ...]
    within: tuple[str, ...] = ()
    sized: bool = False
    partial: bool = False  # refund_only here is always a part of the price (the customer keeps the item)

    def fits(self, category: str, sized: bool) -> bool:
        return (not self.within or category.startswith(self.within)) and (sized or not self.sized)


# What the customer says, by class; a case is written in Chinese, in English or in both.
STORIES = {
    "quality": [
        Story(
            "收到的商品有破损，外包装也压坏了",
            "The item arrived broken and the box was crushed",
            "破损 damaged",
            ("return_refund", "return_refund", "exchange", "refund_only"),
            ("家居", "文具", "数码配件"),
        ),
        Story(
            "收到时包装破了，里面的东西也压坏了",
            "The pack arrived torn and what was inside was squashed",
            "破损 damaged",
            ("return_refund", "refund_only", "exchange"),
            ("美妆个护",),
        ),
        Story(
            "颜色和图片不一样",
            "The colour is not the one in the photos",
            "与描述不符 not as described",
            ("return_refund", "return_refund", "exchange", "refund_only"),
            ("服装", "家居", "文具", "数码配件/手机配件/手机壳", "数码配件/充电设备", "数码配件/音频"),
        ),
        Story(
            "用了两天就坏了",
            "It stopped working after two days",
            "瑕疵 defect",
            ("return_refund", "exchange", "repair"),
            ("数码配件/充电设备", "数码配件/音频", "数码配件/手机配件/数据线"),
        ),
        Story(
            "穿了没几次就开线了",
            "The seams came apart after a few wears",
            "瑕疵 defect",
            ("return_refund", "exchange", "refund_only"),
            ("服装",),
        ),
        Story(
            "用了几天就坏了",
            "It broke after a few days of use",
            "瑕疵 defect",
            ("return_refund", "exchange", "refund_only"),
            ("家居", "文具", "数码配件/手机配件"),
        ),
        Story(
            "用了以后皮肤过敏",
            "My skin reacted badly after using it",
            "过敏 skin reaction",
            ("return_refund", "refund_only"),
            ("美妆个护/彩妆", "美妆个护/护肤", "美妆个护/个人护理/护手霜"),
        ),
        Story(
            "尺码偏小，想换大一号",
            "The size runs small, I would like one size up",
            "尺码不符 wrong size",
            ("exchange",),
            ("服装",),
            sized=True,
        ),
        Story(
            "尺码偏大，穿着不合适，想退货",
            "The size runs large and it does not fit: I would rather send it back",
            "尺码不符 wrong size",
            ("return_refund",),
            ("服装",),
            sized=True,
        ),
    ],
    "logistics": [
        Story("快递太慢，一周才到", "The parcel took more than a week to arrive", "延迟 late", ("compensation",)),
        Story("少发了一件", "One item was missing from the parcel", "漏发 missing item", ("resend", "refund_only")),
        Story(
            "收到的不是我买的款式",
            "I received a different model from the one I ordered",
            "错发 wrong item",
            ("exchange", "return_refund"),
        ),
    ],
    "service": [
        Story("客服回复太慢", "Customer service took days to answer", "回复慢 slow reply", ("compensation",)),
        Story(
            "说好的赠品没有给",
            "The promised free gift was not in the parcel",
            "承诺未兑现 broken promise",
            ("compensation",),
        ),
    ],
    "other": [
        Story(
            "刚买两天就降价了，申请价保",
            "The price dropped two days after I bought it: please refund the difference",
            "价保 price protection",
            ("refund_only",),
            partial=True,
        )
    ],
}
CLASS_WEIGHTS = {"quality": 6, "logistics": 3, "service": 2, "other": 1}
# How far along the process each demo case gets, and how often (of 40).
TARGETS = [
    ("new", 4),
    ("confirmed", 3),
    ("investigating", 4),
    ("solution_agreed", 3),
    ("in_progress", 4),
    ("awaiting_customer", 3),
    ("closed", 16),
    ("reopened", 3),
]
# What the clerk notes when a return is inspected, by the product's category (the first that matches its path).
INSPECTION_NOTES = [
    ("马克杯", ["外观完好 as new", "釉面开裂 glaze cracked", "杯柄有裂纹 cracked handle"]),
    ("餐具", ["外观完好 as new", "釉面开裂 glaze cracked", "有缺口 chipped"]),
    ("服装", ["外观完好 as new", "吊牌已拆 tag removed", "有穿着痕迹 worn", "开线 seam coming apart"]),
    ("数码配件", ["外观完好 as new", "包装已拆 box opened", "无法充电 does not charge", "接口松动 loose connector"]),
    ("美妆个护", ["未开封 unopened", "已开封 opened", "包装破损 leaking pack"]),
    ("文具", ["外观完好 as new", "笔尖损坏 damaged nib"]),
    ("家居", ["外观完好 as new", "包装破损 box damaged", "有使用痕迹 used"]),
    ("", ["外观完好 as new", ""]),
]
# The clothing and shoes sold in sizes: their category -> the sizes (S/M/L, waist 28-36, shoe 35-44).
SIZES = {
    family.category: frozenset(label for axis in family.axes if axis in _SIZE_AXES for _, label in axis.options)
    for family in data.FAMILIES
    if any(axis in _SIZE_AXES for axis in family.axes)
}
HOT_RETURNS = (5, 3)  # of 40 cases: returns of the month's best seller and of the second (高频退货商品预警)
_STEPS = ["new", "confirmed", "investigating", "solution_agreed", "in_progress", "awaiting_customer", "closed"]


@dataclass
class DemoCasesSummary:
    cases: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    orders_placed: int = 0
    returned_units: int = 0
    refunded: int = 0  # minor units
    replacement_orders: int = 0


@dataclass(frozen=True)
class _Order:
    number: str
    shipped_at: datetime | None
    delivered_at: datetime | None
    lines: list[tuple[int, int, int, int]]  # (line no, units shipped, net per unit, product id)
    country: str = "CN"  # where it was sent


class _Clock:
    """Moments after the case opened, never past now."""

    def __init__(self, rng: random.Random, opened: datetime, now: datetime):
        self.rng, self.at, self.now = rng, opened, now

    def later(self, low_hours: float, high_hours: float) -> datetime:
        self.at = min(
            self.at + timedelta(hours=self.rng.uniform(low_hours, high_hours)), self.now - timedelta(minutes=1)
        )
        return self.at

    def not_before(self, moment: datetime | None) -> datetime:
        """Now, or just after `moment` if that is later (still never past now)."""
        if moment is not None and moment >= self.at:
            self.at = min(moment + timedelta(minutes=30), self.now - timedelta(minutes=1))
        return self.at


class _Orders:
    """The shipped orders cases are about: each case takes one that arrived before the complaint, if one is left."""

    def __init__(self, orders: list[_Order]):
        self.orders, self.used, self.turn = orders, set[str](), 0

    def take_with(self, product_id: int, opened: datetime) -> _Order | None:
        """An order of `product_id` delivered well before `opened` that has no case yet, newest first."""
        for order in self.orders:
            arrived = order.delivered_at or order.shipped_at
            if (
                order.number not in self.used
                and arrived is not None
                and arrived <= opened - timedelta(hours=12)
                and any(line[3] == product_id for line in order.lines)
            ):
                self.used.add(order.number)
                return order
        return None

    def take(self, opened: datetime) -> tuple[_Order, bool]:
        """An order delivered (or shipped) well before `opened`, newest first; and whether it is its first case."""
        for order in self.orders:
            arrived = order.delivered_at or order.shipped_at
            if order.number not in self.used and arrived is not None and arrived <= opened - timedelta(hours=12):
                self.used.add(order.number)
                return order, True
        order = self.orders[self.turn % len(self.orders)]  # none left: take turns (it is moved after delivery)
        self.turn += 1
        first = order.number not in self.used
        self.used.add(order.number)
        return order, first


def seed_cases(shop: Shop, rng: random.Random, count: int = 40, now: datetime | None = None) -> DemoCasesSummary:
    """Create about `count` realistic cases in every state through the after-sales services."""
    now = now or datetime.now(UTC)
    summary = DemoCasesSummary()
    orders = _shipped_orders(shop, count * 10)
    if len(orders) < count:  # one order per case, as complaints usually are
        summary.orders_placed = _place_orders(shop, rng, count - len(orders), now)
        orders = _shipped_orders(shop, count * 10)
    if not orders:
        raise ShopDeskError("The demo cases need shipped orders, or products and customers to place some.")
    desk = {name: _as(shop, name) for name in OWNERS}
    targets = [t for t, n in TARGETS for _ in range(max(1, round(n * count / 40)))][:count]
    targets += ["closed"] * (count - len(targets))  # rounding left some over: as many cases as asked for
    rng.shuffle(targets)
    # A popular product with a bad batch: several of the closed cases return the month's best sellers.
    hot_products = [
        product_id
        for product_id, times in zip(_best_sellers(shop, now), HOT_RETURNS, strict=False)
        for _ in range(max(1, round(times * count / 40)))
    ]
    hot_for = dict(zip([n for n, t in enumerate(targets) if t == "closed"], hot_products, strict=False))
    chosen = _Orders(orders)
    for n, target in enumerate(targets):
        _one_case(desk, rng, chosen, target, now, summary, hot_for.get(n))
    statuses = Counter(r.status for r in shop.aftersales.list_cases(limit=100_000))
    summary.cases = sum(statuses.values())
    summary.by_status = dict(statuses)
    summary.overdue = shop.aftersales.count_cases(CaseFilter(due="overdue", now=now))
    return summary


def _as(shop: Shop, user: str) -> Shop:
    """The same shop as another person at the service desk (the timeline names who did what)."""
    return type(shop)(shop.db, user=user)


def _one_case(
    desk: dict[str, Shop],
    rng: random.Random,
    orders: _Orders,
    target: str,
    now: datetime,
    summary: DemoCasesSummary,
    hot: int | None = None,
) -> None:
    """One case up to `target`; with `hot` (a product id), a quality return of that product in the last weeks."""
    owner = rng.choice(OWNERS)
    cases = desk[owner].aftersales
    case_class = "quality" if hot else rng.choices(list(CLASS_WEIGHTS), weights=list(CLASS_WEIGHTS.values()))[0]
    due = None
    if target in ("new", "confirmed", "investigating"):
        # Open cases from the last days: the oldest are past their deadline (处理时限) already.
        opened = now - timedelta(hours=rng.uniform(1, 60))
    elif target in ("solution_agreed", "in_progress", "awaiting_customer"):
        # Waiting for goods to come back takes days: the clerk gave these a week.
        opened = now - timedelta(days=rng.uniform(1, 4))
        due = opened + timedelta(days=rng.uniform(6, 9))
    elif hot:
        opened = now - timedelta(days=rng.uniform(6, 22))  # back within the last 30 days, the report's default
    else:
        opened = now - timedelta(days=rng.uniform(6, 45))
    hot_order = orders.take_with(hot, opened) if hot else None
    order, first = (hot_order, True) if hot_order else orders.take(opened)
    if order.delivered_at is not None and order.delivered_at > opened:
        opened = min(now - timedelta(hours=1), order.delivered_at + timedelta(hours=rng.uniform(6, 72)))
    line_no, shipped, unit_net, product_id = (
        next(line for line in order.lines if line[3] == hot) if hot_order else rng.choice(order.lines)
    )
    units = rng.randint(1, min(shipped, 3))
    # What the customer says fits what they bought; an order that already has a case only gets
    # complaints that take nothing back, and the best seller's bad batch comes back for a refund.
    needed = "return_refund" if hot_order else "" if first else "compensation"
    case_class, story = _story(rng, case_class, *_what_is(desk[owner], product_id), needed)
    solution = needed or rng.choice(story.solutions)
    description = rng.choice([story.zh, story.en, f"{story.zh} — {story.en}"])
    priority = rng.choices(["urgent", "high", "normal", "low"], weights=[1, 3, 8, 2])[0]
    clock = _Clock(rng, opened, now)
    number = cases.create_case(
        CaseDraft(
            channel=rng.choice(["chat", "chat", "phone", "email", "social", "platform"]),
            case_class=case_class,
            description=description,
            sub_reason=story.sub_reason,
            demand=solution,
            order=order.number,
            lines=[CaseLineDraft(line_no, units)],
            priority=priority,
            owner=owner,
            opened_at=opened,
            due_at=due,
        ),
        at=opened,
    ).number
    last = _STEPS.index("closed" if target == "reopened" else target)
    if last >= 1:
        cases.confirm(number, rng.choice(["客户确认诉求", "demand confirmed by phone", ""]), at=clock.later(0.2, 3))
    if last >= 2:
        cases.investigate(number, at=clock.later(0.5, 6))
        if rng.random() < 0.4:
            cases.comment(
                number,
                rng.choice(["已联系仓库核实 — checked with the warehouse", "客户补充了照片"]),
                at=clock.later(0.5, 8),
            )
    if last < 3:
        return
    detail = cases.get_case(number)
    amount = unit_net * units if solution in ("return_refund", "refund_only") else 0
    if solution == "refund_only" and (story.partial or rng.random() < 0.5):
        amount = amount * rng.choice([30, 50, 80]) // 100  # a partial refund, the customer keeps the item
    if solution == "compensation":
        amount = rng.choice([500, 1000, 2000])
    amount = min(amount, detail.refundable)
    override = ""
    if detail.window is not None and not detail.window.within and solution in ("return_refund", "exchange"):
        override = "老客户，快递揽收延误 — loyal customer, the courier picked up late"
    note = "优惠券 coupon" if solution == "compensation" and rng.random() < 0.5 else ""
    cases.agree_solution(number, Solution(solution, amount, note=note), window_override=override, at=clock.later(1, 24))
    if last < 4:
        return
    started = cases.start(number, at=clock.later(0.5, 4))
    if started.replacement_order:
        summary.replacement_orders += 1
        _book_waybill(desk[owner], rng, started.replacement_order, order.country)
    if solution in ("return_refund", "exchange", "repair") and target in ("awaiting_customer", "closed", "reopened"):
        if rng.random() < 0.1:
            clock.later(72, 240)
            cases.close_return_as_lost(
                number,
                [ReturnLine(line_no, units, note="快递丢件 lost by the courier")],
                at=clock.not_before(order.shipped_at),
            )
        else:
            where = (
                rng.choices([d.value for d in Disposition], weights=[6, 2, 2, 1])[0]
                if solution != "repair"
                else "quarantine"
            )
            clock.later(48, 120)
            arrived = clock.not_before(order.shipped_at)  # a case opened before the parcel left waits for it
            if where == Disposition.RESTOCK.value:  # a shelf counted since is restocked after the count
                arrived = clock.not_before(_last_count(desk[owner], order.number, line_no))
            cases.receive_return(
                number,
                [ReturnLine(line_no, units, where, note=rng.choice(_inspection_notes(desk[owner], product_id)))],
                at=arrived,
            )
            summary.returned_units += units
    pays_money = amount > 0 and not note  # a coupon is not money back
    if pays_money and last >= 5:
        paid = min(amount, cases.get_case(number).refundable)
        method = "compensation" if solution == "compensation" else rng.choice(["original", "alipay", "wechat"])
        if paid > 0:
            cases.refund(number, paid, method, at=clock.later(1, 24))
            summary.refunded += paid
    if last == 5:
        cases.await_customer(
            number, rng.choice(["等待客户寄回", "waiting for the customer's reply"]), at=clock.later(1, 12)
        )
        return
    if last < 6:
        return
    if rng.random() < 0.15:
        closing = Closing(result_told=True, no_followup_reason=rng.choice(["客户未接电话", "customer did not answer"]))
    else:
        closing = Closing(result_told=True, satisfaction=rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 6])[0])
    cases.close(number, closing, rng.choice(["已电话告知处理结果", "result explained by chat"]), at=clock.later(2, 48))
    if target == "reopened":
        cases.reopen(
            number, rng.choice(["客户再次来电，问题未解决", "customer wrote again: not fixed"]), at=clock.later(12, 72)
        )


def _story(rng: random.Random, case_class: str, category: str, sized: bool, needed: str) -> tuple[str, Story]:
    """A story of `case_class` that fits the product (and settles with `needed`, if given).

    When that class has none (a hand cream has no size, and an order with a case
    already only gets complaints settled with compensation), the next class that does.
    """
    classes = [case_class, *(c for c in STORIES if c != case_class)]
    for cls in classes:
        fitting = [
            story for story in STORIES[cls] if story.fits(category, sized) and (not needed or needed in story.solutions)
        ]
        if fitting:
            return cls, rng.choice(fitting)
    raise AssertionError(
        f"no demo story fits a product of {category!r} settled with {needed}"
    )  # STORIES has one for all


def _what_is(shop: Shop, product_id: int) -> tuple[str, bool]:
    """The product's category path ("" without one) and whether it is sold in sizes (a size is in its variant)."""
    with shop.db.read() as conn:
        path, variant = conn.execute(
            select(Category.path, Product.variant_label)
            .select_from(Product)
            .outerjoin(Category, Product.category_id == Category.id)
            .where(Product.id == product_id)
        ).one()
    sizes = SIZES.get(path or "", frozenset())
    return path or "", bool(sizes & {v.strip() for v in (variant or "").split("/")})


def _inspection_notes(shop: Shop, product_id: int) -> list[str]:
    """What an inspector may note on a returned product: it depends on what the product is."""
    with shop.db.read() as conn:
        path = conn.execute(
            select(Category.path).join(Product, Product.category_id == Category.id).where(Product.id == product_id)
        ).scalar()
    return next(notes for key, notes in INSPECTION_NOTES if key in (path or ""))


def _best_sellers(shop: Shop, now: datetime, count: int = len(HOT_RETURNS)) -> list[int]:
    """The products that shipped the most units in the last 30 days, best first."""
    units = func.sum(SalesOrderLine.qty_shipped)
    with shop.db.read() as conn:
        found = conn.execute(
            select(SalesOrderLine.product_id)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(
                SalesOrder.shipped_at >= now - timedelta(days=30),
                SalesOrder.channel != "aftersales",
                SalesOrderLine.product_id.is_not(None),
            )
            .group_by(SalesOrderLine.product_id)
            .order_by(units.desc(), SalesOrderLine.product_id)
            .limit(count)
        ).scalars()
        return [product_id for product_id in found if product_id is not None]  # the query keeps none


def _last_count(shop: Shop, order_number: str, line_no: int) -> datetime | None:
    """When a stocktake last counted the product of an order line, anywhere."""
    with shop.db.read() as conn:
        return conn.execute(
            select(func.max(StocktakeLine.counted_at))
            .join(SalesOrderLine, SalesOrderLine.product_id == StocktakeLine.product_id)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.number == order_number, SalesOrderLine.line_no == line_no)
        ).scalar()


def _shipped_orders(shop: Shop, limit: int) -> list[_Order]:
    """Shipped or delivered orders with lines to complain about, newest first."""
    with shop.db.read() as conn:
        rows = conn.execute(
            select(
                SalesOrder.id,
                SalesOrder.number,
                SalesOrder.shipped_at,
                SalesOrder.delivered_at,
                SalesOrder.ship_country,
            )
            .where(
                SalesOrder.status.in_(("shipped", "delivered", "completed")),
                SalesOrder.channel != "aftersales",
                SalesOrder.customer_id.is_not(None),
            )
            .order_by(SalesOrder.placed_at.desc(), SalesOrder.id.desc())
            .limit(limit)
        ).all()
        lines: dict[int, list[tuple[int, int, int, int]]] = {}
        if rows:
            for order_id, line_no, shipped, net, quantity, product_id in conn.execute(
                select(
                    SalesOrderLine.order_id,
                    SalesOrderLine.line_no,
                    SalesOrderLine.qty_shipped,
                    SalesOrderLine.net,
                    SalesOrderLine.quantity,
                    SalesOrderLine.product_id,
                ).where(
                    SalesOrderLine.order_id.in_([r.id for r in rows]),
                    SalesOrderLine.qty_shipped > 0,
                    SalesOrderLine.product_id.is_not(None),
                )
            ):
                if product_id is not None:  # the query keeps none without a product
                    lines.setdefault(order_id, []).append((line_no, shipped, net // quantity, product_id))
    return [
        _Order(r.number, r.shipped_at, r.delivered_at, lines[r.id], r.ship_country or "CN")
        for r in rows
        if r.id in lines
    ]


def _place_orders(shop: Shop, rng: random.Random, count: int, now: datetime) -> int:
    """Orders placed, shipped and delivered in the last weeks, so the cases have something to be about."""
    with shop.db.read() as conn:
        a = CustomerAddress
        customers = conn.execute(
            select(Customer.id, a.recipient, a.phone, a.country, a.province, a.city, a.district, a.street, a.postcode)
            .join(CustomerAddress, CustomerAddress.customer_id == Customer.id)
            .where(Customer.erased_at.is_(None), CustomerAddress.is_default.is_(True))
            .order_by(Customer.id)
            .limit(200)
        ).all()
        products = list(
            conn.execute(
                select(Product.sku)
                .where(Product.is_parent.is_(False), Product.archived.is_(False), Product.price > 0)
                .order_by(Product.id)
                .limit(200)
            ).scalars()
        )
        bin_id = conn.execute(
            select(Location.id).where(Location.kind.in_(tuple(PHYSICAL_KINDS))).order_by(Location.path.desc()).limit(1)
        ).scalar()
    if not customers or not products or bin_id is None:
        return 0
    placed = 0
    for n in range(count):
        customer_id, *address = rng.choice(customers)
        skus = rng.sample(products, k=min(len(products), rng.randint(1, 3)))
        lines = [OrderLineDraft(sku, rng.randint(1, 3)) for sku in skus]
        channel = rng.choice(["taobao", "jd", "douyin", "manual"])
        placed_at = now - timedelta(days=rng.uniform(10, 50))
        # Each step at its own moment, as the order history does: stock there first, shipped the next day.
        with clock_at(placed_at - timedelta(hours=1)):
            for line in lines:
                _make_available(shop, line.code, int(line.quantity), bin_id)
        with clock_at(placed_at):
            number = shop.orders.create_order(
                OrderDraft(
                    lines=lines,
                    channel=channel,
                    channel_order_no="" if channel == "manual" else f"{rng.randrange(10**15, 10**16)}",
                    customer_id=customer_id,
                    ship_to=ShipTo(*address),
                    placed_at=placed_at,
                    payment_status="paid",
                    payment_method=rng.choice(["alipay", "wechat", "card"]),
                ),
                confirm=True,
            )
            flow = shop.order_flow
            if shop.orders.get_order(number).status == "on_hold":
                flow.approve(number, "demo: reviewed")
            if shop.orders.get_order(number).status != "allocated":
                continue
        with clock_at(placed_at + timedelta(days=1)):
            flow.mark_packed(number)
            carrier, prefix, service = rng.choice(data.carriers_for(address[2]))
            flow.ship(number, f"{prefix}{rng.randrange(10**11, 10**12)}{n:04d}", carrier, service=service)
        flow.mark_delivered(number, at=placed_at + timedelta(days=rng.uniform(1.5, 4)))
        placed += 1
    return placed


def _book_waybill(shop: Shop, rng: random.Random, number: str, country: str) -> None:
    """A replacement sent abroad gets its international waybill (DHL, EMS) at once, as the order history's do.

    Its label then names the carrier that takes it, not the shop's default, a domestic courier.
    """
    if country.strip().upper() in ("", "CN") or shop.orders.get_order(number).status != "allocated":
        return
    carrier, prefix, service = rng.choice(data.carriers_for(country))
    shop.order_flow.record_waybill(number, f"{prefix}{rng.randrange(10**8, 10**9)}R", carrier, service=service)


def _make_available(shop: Shop, sku: str, units: int, bin_id: int) -> None:
    with shop.db.read() as conn:
        product_id = conn.execute(select(Product.id).where(Product.sku == sku)).scalar_one()
        free = conn.execute(
            select(func.coalesce(func.sum(StockBalance.on_hand - StockBalance.reserved), 0))
            .join(Location, Location.id == StockBalance.location_id)
            .where(StockBalance.product_id == product_id, Location.kind.in_(tuple(PHYSICAL_KINDS)))
        ).scalar_one()
        cost = conn.execute(select(Product.cost).where(Product.id == product_id)).scalar_one()
    if free < units:
        shop.inventory.receive(product_id, units * 5, bin_id, unit_cost=cost, reason="demo: stock for demo orders")
