"""The demo shop's last 90 days of orders (`shopdesk demo --orders N`), lived through the services.

Every order is entered, reviewed, allocated, picked, packed, shipped, delivered
and completed (or cancelled) by the order services, at its own moment: the
history is replayed in time order with db.models.base.clock_at, so each
timeline entry, reservation and shipment move (with its cost of goods) is dated
when it happened, and the stock on any past day is what the shelves held.
Restocking purchase orders and a stocktake (services/demo_restocking.py) take
their turn in the same replay, and after-sales cases with their returns and
refunds come last (services/demo_cases.py).

How far an order got depends only on its age: the newest wait on hold for a
reviewer (with real review reasons: a remark to read, a high amount, one phone
ordering to several addresses, a blocked phone, an address that looks wrong,
an out-of-stock product), or wait to be picked; older ones were shipped and
delivered; orders older than the return window are completed; a few were
cancelled by the buyer or rejected in review.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from shopdesk.db.models import Customer, CustomerAddress, Product, ProductSupplier, StockBalance
from shopdesk.db.models.base import clock_at
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.services import demo_restocking, demo_stock
from shopdesk.services.aftersales_refunds import REPLACEMENT_CHANNEL
from shopdesk.services.demo_cases import DemoCasesSummary, seed_cases
from shopdesk.services.demo_data import carriers_for

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

CHINA = timedelta(hours=8)  # the shop keeps Beijing time: waves and pick-ups are at local hours
REVIEWER, PACKER = "李娜", "小王"
# Channel of the customer (demo_people) -> where such a customer orders.
CHANNELS = {
    "taobao": ("taobao",),
    "jd": ("taobao", "pinduoduo"),
    "douyin": ("pinduoduo",),
    "wechat": ("phone", "manual"),
    "website": ("woocommerce",),
    "manual": ("manual", "phone"),
}
PLATFORM_FEE = {"taobao": 5, "pinduoduo": 3, "shopify": 3, "woocommerce": 1}  # per cent of the total
PAYMENT = {
    "taobao": ("alipay",),
    "pinduoduo": ("wechat", "alipay"),
    "shopify": ("card", "paypal"),
    "woocommerce": ("alipay", "wechat", "card"),
    "phone": ("transfer", "wechat"),
    "manual": ("cash", "wechat", "alipay"),
}
REMARKS = [
    "请发顺丰",
    "周末送货，工作日家里没人",
    "不要放快递柜，放门卫",
    "送人的，请不要放发票和价格单",
    "麻烦帮忙检查一下有没有瑕疵",
    "Please ring the bell twice",
    "发票抬头：上海某某贸易有限公司",
]
CANCEL_REASONS = [
    "买家申请取消：拍错了",
    "买家申请取消：不想要了",
    "buyer cancelled: found it cheaper",
    "地址填错，买家重新下单",
]
DELIVERY_DAYS = {"CN": (1.2, 3.5), "abroad": (5.0, 11.0)}
COMPLETE_AFTER_DAYS = 7  # 七天无理由退货: an order is completed once its return window has passed
SPECIAL_ORDERS = 13  # the review queue's examples and the last wave (_special_cases), within the count
MIN_FOR_REVIEW_CASES = 40


@dataclass(frozen=True)
class DemoBuyer:
    customer_id: int
    name: str
    channel: str
    ship_to: ShipTo
    second: ShipTo | None  # another address of theirs


@dataclass(frozen=True)
class DemoItem:
    product_id: int
    sku: str
    price: int
    weight_g: int
    supplier_id: int | None
    opening: int = 0  # units on hand when the history begins


@dataclass
class DemoOrdersSummary:
    orders: int = 0  # the customers' orders, as by_status counts them (replacement orders are not among them)
    by_status: dict[str, int] = field(default_factory=dict)
    placed_for_cases: int = 0  # of `orders`: placed for the after-sales cases when too few had shipped
    replacement_orders: int = 0  # 补发/换货: sent by after-sales cases (channel "aftersales"), besides `orders`
    replacement_by_status: dict[str, int] = field(default_factory=dict)
    new_customers: int = 0  # buyers the order service made customers of (someone new ordering), besides the demo's
    held_for: dict[str, int] = field(default_factory=dict)  # review reasons of the orders still on hold
    purchase_orders: int = 0
    receipts: int = 0
    stocktakes: int = 0
    cases: DemoCasesSummary | None = None


@dataclass
class _Life:
    """One order's plan: who buys what, when, and how its life ends if not simply by time."""

    placed_at: datetime
    buyer: DemoBuyer
    channel: str
    lines: list[OrderLineDraft]
    ship_to: ShipTo
    remark: str = ""
    ending: str = ""  # "", "draft", "cancel", "reject", "keep_held"
    number: str = ""
    abroad: bool = False
    waybill: tuple[str, str, str] = ("", "", "")  # (carrier, tracking number, service) booked before the pick


class Replay:
    """A queue of things to do at their moments; each runs under clock_at(moment), in time order."""

    def __init__(self, now: datetime):
        self.now = now
        self._queue: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self._seq = itertools.count()

    def at(self, moment: datetime, action: Callable[[datetime], None]) -> None:
        """Do `action` at `moment`; a moment after now never comes (the order is still waiting)."""
        if moment < self.now:
            heapq.heappush(self._queue, (moment, next(self._seq), action))

    def run(self, progress: Callable[[], None] = lambda: None) -> None:
        while self._queue:
            moment, _, action = heapq.heappop(self._queue)
            with clock_at(moment):
                action(moment)
            progress()


def seed_order_history(
    shop: Shop,
    rng: random.Random,
    *,
    orders: int = 400,
    now: datetime | None = None,
    days: int = 90,
    cases: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoOrdersSummary:
    """`orders` orders over the last `days` days in every state, restocking, a stocktake and after-sales cases.

    Needs the demo's catalogue, customers, warehouses and opening stock. Each
    step is its own unit of work, as when people do it; the same seed and `now`
    give the same history.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    summary = DemoOrdersSummary()
    if orders <= 0:
        return summary
    report = progress or (lambda stage, done, total: None)
    with shop.db.read() as conn:
        if conn.execute(select(SalesOrder.id).limit(1)).first() is not None:
            return summary  # a shop with orders has its own history: the demo does not invent another
    buyers, catalogue = _buyers(shop, rng), _items(shop)
    customers_before = _count_customers(shop)
    items = [i for i in catalogue if i.opening > 0]  # what sells; the rest waits for its first delivery
    if not buyers or not items:
        raise ShopDeskError("The demo orders need customers with an address and stocked products; build those first.")
    start = now - timedelta(days=days)
    blocked = _shop_settings(shop, rng)
    sold_out = next((i for i in catalogue if i.opening == 0), None)
    lives = _plan(rng, buyers, items, orders, start, now, blocked, sold_out)
    replay = Replay(now)
    life_cycle = _LifeCycle(shop, rng, replay, items)
    for life in lives:
        replay.at(life.placed_at, functools.partial(life_cycle.place, life))
    restock = demo_restocking.Restocking(shop, rng, replay, start, now, {i.product_id: i for i in items})
    restock.schedule()
    replay.run(lambda: report("orders", life_cycle.placed, len(lives)))
    with clock_at(now - timedelta(minutes=5)):  # stock that came in late allocated a few parcels abroad
        for life in lives:
            life_cycle.book_waybill(life)
    summary.purchase_orders, summary.receipts, summary.stocktakes = restock.counts()
    case_count = min(40, max(5, orders // 10)) if cases is None else cases
    if case_count:
        with clock_at(now):  # what the after-sales services do not date themselves happens now
            summary.cases = seed_cases(shop, random.Random(rng.random()), case_count, now=now)
        report("cases", case_count, case_count)
    with shop.db.read() as conn:
        # What the shop really holds: the customers' orders, and apart from them the replacements cases sent.
        statuses = conn.execute(select(SalesOrder.channel, SalesOrder.status)).all()
        summary.by_status = dict(Counter(status for channel, status in statuses if channel != REPLACEMENT_CHANNEL))
        summary.replacement_by_status = dict(
            Counter(status for channel, status in statuses if channel == REPLACEMENT_CHANNEL)
        )
    summary.orders = sum(summary.by_status.values())
    summary.replacement_orders = sum(summary.replacement_by_status.values())
    summary.placed_for_cases = summary.cases.orders_placed if summary.cases else 0
    summary.new_customers = _count_customers(shop) - customers_before
    with shop.db.read() as conn:
        held = conn.execute(select(SalesOrder.hold_reasons).where(SalesOrder.status == "on_hold")).scalars()
        summary.held_for = dict(Counter(r.get("code", "") for reasons in held for r in reasons or []))
    return summary


# The shop's people and goods ------------------------------------------------------------
def _ship_to(a: Any) -> ShipTo:
    return ShipTo(a.recipient, a.phone, a.country, a.province, a.city, a.district, a.street, a.postcode)


def _buyers(shop: Shop, rng: random.Random) -> list[DemoBuyer]:
    """Customers with their default address (and a second one if they have it), at most a few thousand."""
    a = CustomerAddress
    with shop.db.read() as conn:
        rows = conn.execute(
            select(Customer.id, Customer.name, Customer.channel, a.is_default, a.recipient, a.phone, a.country)
            .add_columns(a.province, a.city, a.district, a.street, a.postcode)
            .join(a, a.customer_id == Customer.id)
            .where(Customer.erased_at.is_(None))
            .order_by(Customer.id, a.is_default.desc(), a.id)
        ).all()
    by_customer: dict[int, list] = {}  # type: ignore[type-arg]
    for row in rows:
        by_customer.setdefault(row.id, []).append(row)
    buyers = [
        DemoBuyer(cid, found[0].name, found[0].channel, _ship_to(found[0]), _ship_to(found[1]) if found[1:] else None)
        for cid, found in by_customer.items()
    ]
    # A shop's regulars order again and again: a few thousand buyers are plenty for the history.
    return buyers if len(buyers) <= 5000 else rng.sample(buyers, 5000)


def _count_customers(shop: Shop) -> int:
    with shop.db.read() as conn:
        return conn.execute(select(func.count()).select_from(Customer)).scalar_one()


def _items(shop: Shop) -> list[DemoItem]:
    """Listed, priced products with what they had on hand when the history began."""
    with shop.db.read() as conn:
        stocked = dict(
            conn.execute(
                select(StockBalance.product_id, func.sum(StockBalance.on_hand))
                .where(StockBalance.on_hand > 0)
                .group_by(StockBalance.product_id)
            ).all()
        )
        rows = conn.execute(
            select(Product.id, Product.sku, Product.price, Product.weight_g)
            .where(
                Product.is_parent.is_(False),
                Product.archived.is_(False),
                Product.status == "listed",
                Product.price > 0,
            )
            .order_by(Product.id)
        ).all()
        suppliers = dict(
            conn.execute(
                select(ProductSupplier.product_id, ProductSupplier.supplier_id).order_by(
                    ProductSupplier.preferred, ProductSupplier.id
                )
            ).all()
        )
    return [
        DemoItem(r.id, r.sku, r.price, r.weight_g or 300, suppliers.get(r.id), int(stocked.get(r.id, 0))) for r in rows
    ]


def _shop_settings(shop: Shop, rng: random.Random) -> str:
    """A demo shop prints real-looking labels: its name, where it ships from, its usual carrier; a blocked phone."""
    if shop.setting("name") == "My Shop":
        shop.set_setting("name", "小象杂货 Little Elephant")
    if not shop.setting("sender_address"):
        shop.set_setting("sender_address", "上海市嘉定区\n嘉定工业区叶城路1288号3号库")
        shop.set_setting("sender_phone", "021-59501234")
    if not shop.setting("default_carrier"):
        shop.set_setting("default_carrier", "中通快递")
    rules = shop.order_flow.review_rules()
    if not rules.blocked_phones:  # a virtual-operator number (170) that ordered with stolen cards before
        blocked = f"170{rng.randrange(10**8):08d}"
        shop.order_flow.set_review_rules(replace(rules, blocked_phones=frozenset({blocked})))
        return blocked
    return sorted(rules.blocked_phones)[0]


# Planning ------------------------------------------------------------------------------
def _moment(rng: random.Random, day_start: datetime) -> datetime:
    """A time on that (Beijing) day when people shop: evenings most, nights least."""
    hours = list(range(24))
    weights = [1, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 6, 8, 10, 11, 9, 4]
    hour = rng.choices(hours, weights=weights)[0]
    return day_start + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60))


def _lines(rng: random.Random, items: Sequence[DemoItem], weights: Sequence[float], channel: str) -> list:  # type: ignore[type-arg]
    count = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
    chosen: dict[str, DemoItem] = {}
    while len(chosen) < min(count, len(items)):
        item = rng.choices(items, weights=weights)[0]
        chosen[item.sku] = item
    lines = []
    for item in chosen.values():
        quantity = rng.choices([1, 2, 3, 5], weights=[75, 18, 5, 2])[0]
        discount: int | str = 0
        if rng.random() < 0.15:
            discount = rng.choice(["5%", "10%", "20%"])
        price = item.price * 9 // 10 if channel == "pinduoduo" else item.price  # 百亿补贴: a little cheaper there
        lines.append(OrderLineDraft(item.sku, quantity, price, discount))
    return lines


def _plan(
    rng: random.Random,
    buyers: Sequence[DemoBuyer],
    items: Sequence[DemoItem],
    count: int,
    start: datetime,
    now: datetime,
    blocked_phone: str,
    sold_out: DemoItem | None = None,
) -> list[_Life]:
    """Who orders what and when: more orders as the shop grows, a promotion in the last day."""
    weights = demo_stock.sales_weights(len(items))  # a few best sellers, a long tail
    # The shop stocked most of what sells best (demo_stock.opening_stock drew which those are): best seller first.
    order = sorted(items, key=lambda i: (-i.opening, i.product_id))
    days = (now - start).days
    recent = max(6, count // 12)  # the promotion: orders from the last 20 hours, mostly still to ship
    special = count >= MIN_FOR_REVIEW_CASES
    lives: list[_Life] = []
    # One customer in five stopped ordering somewhere in the first 60% of the history (a win-back list for the
    # RFM report: `report segments --active-days 30 --lost-days 60` shows them sleeping or lost); the others
    # keep ordering, and take over the orders placed after those customers stopped.
    lapsed_at = {
        b.customer_id: start + timedelta(days=days * rng.uniform(0.15, 0.6))
        for b in rng.sample(list(buyers), len(buyers) // 5)
    }
    staying = [b for b in buyers if b.customer_id not in lapsed_at] or list(buyers)
    for n in range(count - SPECIAL_ORDERS if special else count):
        buyer = rng.choice(buyers)
        if n < recent:
            placed = now - timedelta(hours=rng.uniform(0.3, 20))
        else:
            # More orders lately: the density grows linearly over the days.
            day = int(days * (rng.random() ** 0.75))
            local_day = (start + CHINA).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=day)
            placed = _moment(rng, local_day) - CHINA
            if not start <= placed < now - timedelta(hours=20):
                placed = start + timedelta(hours=rng.uniform(1, days * 24 - 24))
        if buyer.customer_id in lapsed_at and placed >= lapsed_at[buyer.customer_id]:
            buyer = rng.choice(staying)
        abroad = buyer.ship_to.country != "CN"
        channel = ("shopify" if abroad else "woocommerce") if buyer.channel == "website" else None
        channel = channel or rng.choice(CHANNELS.get(buyer.channel, ("manual",)))
        ship_to = buyer.ship_to
        if buyer.second is not None and rng.random() < 0.3:
            ship_to = buyer.second
        abroad = ship_to.country != "CN"  # where the parcel goes decides the carrier and the shipping fee
        life = _Life(placed, buyer, channel, _lines(rng, order, weights, channel), ship_to, abroad=abroad)
        if rng.random() < 0.07:
            life.remark = rng.choice(REMARKS)
        if rng.random() < 0.035:
            life.ending = "cancel"
        lives.append(life)
    if special:
        _special_cases(rng, lives, staying, order, now, blocked_phone, sold_out)
    lives.sort(key=lambda life: life.placed_at)
    return lives


def _special_cases(
    rng: random.Random,
    lives: list[_Life],
    buyers: Sequence[DemoBuyer],
    items: Sequence[DemoItem],
    now: datetime,
    blocked_phone: str,
    sold_out: DemoItem | None,
) -> None:
    """What the review queue (异常订单) is for, in the last day and once a month ago."""
    china = [b for b in buyers if b.ship_to.country == "CN"] or list(buyers)

    def add(placed: datetime, buyer: DemoBuyer, ship_to: ShipTo, lines: list, **extra: object) -> None:  # type: ignore[type-arg]
        lives.append(_Life(placed, buyer, "taobao", lines, ship_to, **extra))  # type: ignore[arg-type]

    one = [OrderLineDraft(items[0].sku, 1)]
    # One phone, three orders to different addresses within hours: 刷单? Last month's were rejected.
    for hours_ago, ending in ((6.0, "keep_held"), (24 * 30.0, "reject")):
        buyer = rng.choice(china)
        for k in range(3):
            street = f"{buyer.ship_to.street[:20]}{k + 1}号楼" if k else buyer.ship_to.street
            add(
                now - timedelta(hours=hours_ago - k),
                buyer,
                replace(buyer.ship_to, street=street),
                list(one),
                ending=ending,
            )
    # A company buying for its staff: above the review threshold.
    big = max(items[:20], key=lambda i: i.price)
    company = rng.choice(china)
    add(now - timedelta(hours=3), company, company.ship_to, [OrderLineDraft(big.sku, max(2, 600_000 // big.price + 1))])
    # An address that says nothing useful, and an order for something no longer in stock.
    vague = rng.choice(china)
    add(now - timedelta(hours=2), vague, replace(vague.ship_to, street="不详"), list(one))
    lives[-1].ending = "keep_held"
    # Someone orders what has not come in yet: held for review, then it waits for stock (待配货).
    short = rng.choice(china)
    wanted = [OrderLineDraft(sold_out.sku, 2)] if sold_out else [OrderLineDraft(items[-1].sku, items[-1].opening + 50)]
    add(now - timedelta(hours=9), short, short.ship_to, wanted)
    # The phone on the blocked list orders again.
    # Someone new, with the number on the blocked list: the order service makes a customer of them.
    decoy = rng.choice(china)
    name = f"{rng.choice('赵钱孙')}先生"
    scammer = replace(decoy, customer_id=0, name=name)
    add(now - timedelta(hours=4), scammer, replace(decoy.ship_to, name=name, phone=blocked_phone), list(one))
    lives[-1].ending = "keep_held"
    # The packer's last wave: one order picked and waiting at the packing table, one packed for the courier.
    for ending in ("stop_picked", "stop_packed"):
        buyer = rng.choice(china)
        add(now - timedelta(hours=rng.uniform(29, 31)), buyer, buyer.ship_to, [OrderLineDraft(items[1].sku, 1)])
        lives[-1].ending = ending
    # A phone order still being typed in.
    caller = rng.choice(china)
    lives.append(_Life(now - timedelta(minutes=25), caller, "phone", list(one), caller.ship_to, ending="draft"))


# Living through it -----------------------------------------------------------------------
def _as(shop: Shop, user: str) -> Shop:
    return type(shop)(shop.db, user=user)


class _LifeCycle:
    """The steps of an order, each scheduled on the replay at the moment it happens."""

    def __init__(self, shop: Shop, rng: random.Random, replay: Replay, items: Sequence[DemoItem]):
        self.shop, self.rng, self.replay = shop, rng, replay
        self.reviewer = _as(shop, REVIEWER).order_flow
        self.warehouse = _as(shop, PACKER).order_flow
        self.weights = {i.sku: i.weight_g for i in items}
        self.parcels = itertools.count(1)
        self.placed = 0

    def status(self, number: str) -> str:
        with self.shop.db.read() as conn:
            return conn.execute(select(SalesOrder.status).where(SalesOrder.number == number)).scalar_one()

    def draft_of(self, life: _Life) -> OrderDraft:
        channel = life.channel
        platform = channel in PLATFORM_FEE
        goods = sum(int(ln.unit_price or 0) * int(ln.quantity) for ln in life.lines)
        fee = 0 if platform and channel != "shopify" else self.rng.choice([0, 0, 800, 1000])
        if life.abroad:
            fee = 9900
        method = self.rng.choice(PAYMENT[channel])
        paid = "cod" if channel == "phone" and self.rng.random() < 0.3 else "paid"
        return OrderDraft(
            lines=life.lines,
            channel=channel,
            channel_order_no=_channel_number(self.rng, channel, life.placed_at) if platform else "",
            customer_id=life.buyer.customer_id or None,
            ship_to=life.ship_to,
            placed_at=life.placed_at,
            shipping_fee=fee,
            platform_fee=goods * PLATFORM_FEE.get(channel, 0) // 100,
            payment_status=paid,
            payment_method="" if paid == "cod" else method,
            buyer_remark=life.remark,
        )

    # Steps ------------------------------------------------------------------------------
    def place(self, life: _Life, moment: datetime) -> None:
        self.placed += 1
        draft = self.draft_of(life)
        if life.ending == "draft":
            self.shop.orders.create_order(draft)
            return
        how = f"imported from {life.channel}" if life.channel in PLATFORM_FEE else f"entered ({life.channel})"
        life.number = self.shop.orders.create_order(draft, confirm=True, reason=how)
        status = self.status(life.number)
        if status == "allocated":
            self.book_waybill(life)
        if status == "on_hold":
            if life.ending != "keep_held":
                self.replay.at(_business_hours(moment + timedelta(hours=self.rng.uniform(0.3, 6))), self.review(life))
        elif life.ending == "cancel":
            self.replay.at(moment + timedelta(hours=self.rng.uniform(0.2, 10)), self.cancel(life))
        else:
            self.replay.at(_next_wave(moment, self.rng), self.pick(life))

    def review(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            reasons = self.shop.orders.get_order(life.number).hold_reasons
            if any(r.get("code") == "blocked_phone" for r in reasons):
                self.reviewer.reject(life.number, "手机号在黑名单 (blocked phone)")
                return
            if life.ending == "reject":
                self.reviewer.reject(life.number, "疑似刷单：同一手机号短时间内多个地址 (suspected fake orders)")
                return
            if any(r.get("code") == "high_value" for r in reasons):
                note = "大额订单，已电话核实 (confirmed by phone)"
            elif any(r.get("code") == "remark" for r in reasons):
                note = "已阅备注 (remark read)"
            else:
                note = "已核实 (checked)"
            self.reviewer.approve(life.number, note)
            self.book_waybill(life)
            if life.ending == "cancel":
                self.replay.at(moment + timedelta(hours=self.rng.uniform(0.5, 8)), self.cancel(life))
            else:
                self.replay.at(_next_wave(moment, self.rng), self.pick(life))

        return step

    def cancel(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            if self.status(life.number) in ("confirmed", "on_hold", "allocated", "picked"):
                self.shop.order_flow.cancel(life.number, self.rng.choice(CANCEL_REASONS))

        return step

    def pick(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            status = self.status(life.number)
            if status == "confirmed":  # waiting for stock: look again after the next delivery day
                self.replay.at(moment + timedelta(days=1), self.pick(life))
            elif status == "allocated":
                self.book_waybill(life)
                self.warehouse.mark_picked(life.number, "wave pick")
                if life.ending != "stop_picked":
                    self.replay.at(moment + timedelta(minutes=self.rng.uniform(20, 150)), self.pack(life))

        return step

    def pack(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            self.warehouse.mark_packed(life.number, "all items scanned at the packing table")
            if life.ending == "stop_packed":
                return
            pickup = (moment + CHINA).replace(hour=17, minute=30, second=0, microsecond=0) - CHINA
            self.replay.at(pickup if pickup > moment else pickup + timedelta(days=1), self.ship(life))

        return step

    def book_waybill(self, life: _Life) -> None:
        """A parcel abroad gets its international waybill (DHL, EMS) as soon as its stock is set aside.

        The customs papers need it before the wave, and its label then names the carrier that
        takes it: without one, a label shows the shop's default carrier, a domestic courier.
        """
        if not life.abroad or life.waybill[0] or not life.number:
            return
        if self.status(life.number) not in ("allocated", "picked", "packed"):
            return
        carrier, tracking, service = self.waybill(life.ship_to.country)
        self.warehouse.record_waybill(life.number, tracking, carrier, service=service)
        life.waybill = (carrier, tracking, service)

    def waybill(self, country: str) -> tuple[str, str, str]:
        """(carrier, tracking number, service) of a new parcel to `country`."""
        carrier, prefix, service = self.rng.choice(carriers_for(country))
        serial = next(self.parcels)
        return carrier, f"{prefix}{self.rng.randrange(10**6, 10**7)}{serial:05d}", service

    def ship(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            # A parcel abroad leaves with the waybill booked for it; a domestic one gets the courier's now.
            carrier, tracking, service = life.waybill if life.waybill[0] else self.waybill(life.ship_to.country)
            grams = sum(self.weights.get(ln.code, 300) * int(ln.quantity) for ln in life.lines)
            self.warehouse.ship(
                life.number, tracking, carrier, service=service, weight_g=grams + self.rng.randint(40, 160)
            )
            low, high = DELIVERY_DAYS["abroad" if life.abroad else "CN"]
            self.replay.at(moment + timedelta(days=self.rng.uniform(low, high)), self.deliver(life))

        return step

    def deliver(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            self.shop.order_flow.mark_delivered(life.number, at=moment, reason="签收 signed for")
            later = moment + timedelta(days=COMPLETE_AFTER_DAYS, hours=self.rng.uniform(1, 30))
            self.replay.at(later, self.complete(life))

        return step

    def complete(self, life: _Life) -> Callable[[datetime], None]:
        def step(moment: datetime) -> None:
            if self.status(life.number) == "delivered":  # an after-sales case may be open on it
                self.shop.order_flow.complete(life.number, "return window passed")

        return step


def _business_hours(moment: datetime) -> datetime:
    """The same moment if the office is open (9:00-21:00 Beijing time), else 9:00 the next morning."""
    local = moment + CHINA
    if 9 <= local.hour < 21:
        return moment
    opening = local.replace(hour=9, minute=0, second=0, microsecond=0)
    return (opening if local.hour < 9 else opening + timedelta(days=1)) - CHINA + timedelta(minutes=local.minute)


def _next_wave(moment: datetime, rng: random.Random) -> datetime:
    """Picking is one wave a day at 15:00 Beijing time, packed before the courier comes at 17:30."""
    local = moment + CHINA
    for hour in (15, 39):  # 39: 15:00 the next day
        wave = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(hours=hour)
        if wave > local:
            return wave - CHINA + timedelta(minutes=rng.uniform(0, 40))
    raise AssertionError("unreachable")


def _channel_number(rng: random.Random, channel: str, placed: datetime) -> str:
    if channel == "taobao":
        return f"{rng.randrange(10**18, 10**19)}"
    if channel == "pinduoduo":
        return f"{placed:%y%m%d}-{rng.randrange(10**14, 10**15)}"
    if channel == "shopify":
        return f"#{rng.randrange(1001, 99999)}-{rng.randrange(100, 999)}"
    return f"{rng.randrange(10**5, 10**6)}"
