"""Review (审单): the shop's review thresholds as a setting, and the facts the rules look at.

The rules themselves are pure functions in domain/review.py; this module reads
the thresholds from the shop setting "review_rules" (a partial dict over the
defaults) and gathers an order's facts: its amount and address, the buyer's
other recent orders, and whether stock is short.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Customer, ShopSetting
from shopdesk.db.models.orders import SalesOrder
from shopdesk.db.models.settings import write_settings
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.phones import phone_key
from shopdesk.domain.review import EarlierOrder, Flag, OrderFacts, ReviewRules, address_key, review

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

SETTING = "review_rules"
POLICY_SETTING = "backorder_policy"
POLICIES = ("wait", "ship_available")  # wait for the whole order, or split off what is there and ship it
MASK_SETTING = "label_mask_phones"
_SETS = ("blocked_phones", "blocked_buyers")
_INTS = ("burst_orders", "burst_addresses", "burst_hours")
_BOOLS = ("hold_on_remark", "check_address", "hold_on_shortage")
_EARLIER_ORDERS = 200  # enough to pass any sensible burst threshold


def rules_from_setting(value: Mapping[str, Any] | None) -> ReviewRules:
    """ReviewRules from the stored dict: missing keys keep their defaults, lists become sets."""
    value = dict(value or {})
    known = {f.name for f in dataclasses.fields(ReviewRules)}
    kwargs = {k: v for k, v in value.items() if k in known}
    for name in _SETS:
        if name in kwargs:
            kwargs[name] = frozenset(str(x).strip() for x in kwargs[name] if str(x).strip())
    return ReviewRules(**kwargs)


def rules_to_setting(rules: ReviewRules) -> dict[str, Any]:
    """The rules as the stored dict (sets as sorted lists)."""
    value = dataclasses.asdict(rules)
    for name in _SETS:
        value[name] = sorted(value[name])
    return value


def check_rules(rules: ReviewRules) -> None:
    """Refuse thresholds that make no sense, every one at once."""
    problems = []
    for name in _INTS:
        number = getattr(rules, name)
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            problems.append(Problem(name, "must be a whole number, 0 or more (0 switches the rule off)", str(number)))
    if rules.max_amount is not None and (
        isinstance(rules.max_amount, bool) or not isinstance(rules.max_amount, int) or rules.max_amount < 0
    ):
        problems.append(Problem("max_amount", "must be an amount in minor units, or none", str(rules.max_amount)))
    for name in _BOOLS:
        if not isinstance(getattr(rules, name), bool):
            problems.append(Problem(name, "must be true or false", str(getattr(rules, name))))
    if problems:
        raise ValidationFailed(problems, "Review rules not saved")


@dataclasses.dataclass(frozen=True)
class OrderSettings:
    """What the shop decides about orders: the review rules, the backorder policy, masked phones on labels."""

    rules: ReviewRules
    backorder_policy: str = "wait"
    mask_label_phones: bool = False


def load_order_settings(conn: Connection) -> OrderSettings:
    return OrderSettings(load_rules(conn), load_policy(conn), bool(_setting(conn, MASK_SETTING)))


def save_order_settings(shop: Shop, new: OrderSettings) -> list[str]:
    """Check the order settings, then save those that changed in one transaction; returns the keys saved.

    Refused with every problem listed, and nothing saved, when any value is wrong
    (the Orders settings page and `shopdesk order rules` save through here).
    """
    shop.require(Permission.MANAGE_SHOP, "change the order settings")
    problems = []
    try:
        check_rules(new.rules)
    except ValidationFailed as refused:
        problems += refused.problems
    problems += [
        Problem("blocked_phones", "is not a phone number (no digits)", p)
        for p in new.rules.blocked_phones
        if not phone_key(p)
    ]
    if new.backorder_policy not in POLICIES:
        problems.append(Problem("backorder_policy", f"must be one of {', '.join(POLICIES)}", new.backorder_policy))
    if not isinstance(new.mask_label_phones, bool):
        problems.append(Problem(MASK_SETTING, "must be true or false", str(new.mask_label_phones)))
    if problems:
        raise ValidationFailed(problems, "Order settings not saved")
    with shop.db.read() as conn:
        current = load_order_settings(conn)
    wanted = {
        SETTING: (rules_to_setting(new.rules), rules_to_setting(current.rules)),
        POLICY_SETTING: (new.backorder_policy, current.backorder_policy),
        MASK_SETTING: (new.mask_label_phones, current.mask_label_phones),
    }
    changed = {key: value for key, (value, before) in wanted.items() if value != before}
    with shop.db.uow() as uow:  # one transaction: another computer sees all of them or none
        write_settings(uow.session, changed, user=shop.user, defaults={k: b for k, (_, b) in wanted.items()})
        uow.commit()
    return list(changed)


def _setting(conn: Connection, key: str) -> Any:
    return conn.execute(select(ShopSetting.value).where(ShopSetting.key == key)).scalar()


def load_rules(conn: Connection) -> ReviewRules:
    return rules_from_setting(_setting(conn, SETTING))


def load_policy(conn: Connection) -> str:
    value = _setting(conn, POLICY_SETTING)
    return value if value in POLICIES else "wait"


def facts_of(session: Session, order: SalesOrder, rules: ReviewRules, *, short_of_stock: bool) -> OrderFacts:
    """What the review rules look at for this order, including the buyer's recent orders.

    "The buyer's" orders are those of the same customer or to the same phone, however the phone was
    written (domain.phones.phone_key); a masked marketplace phone (138****5678) only matches itself.
    """
    buyer = ""
    if order.customer_id is not None:
        buyer = session.scalar(select(Customer.name).where(Customer.id == order.customer_id)) or ""
    earlier: tuple[EarlierOrder, ...] = ()
    phone = phone_key(order.ship_phone)
    same_buyer = []
    if order.customer_id is not None:
        same_buyer.append(SalesOrder.customer_id == order.customer_id)
    if phone:
        # Phones are stored as typed (170-0739-0164, +86 17007390164…), so SQL only narrows the orders in
        # the window to those whose phone has the number's last two digits side by side; phone_key decides.
        same_buyer.append(SalesOrder.ship_phone.contains(phone[-2:]))
    if same_buyer and rules.burst_orders > 0:
        since = order.placed_at - timedelta(hours=rules.burst_hours)
        rows = session.execute(
            select(
                SalesOrder.placed_at,
                SalesOrder.customer_id,
                SalesOrder.ship_phone,
                SalesOrder.ship_province,
                SalesOrder.ship_city,
                SalesOrder.ship_district,
                SalesOrder.ship_street,
            )
            .where(
                or_(*same_buyer),
                SalesOrder.id != order.id,
                SalesOrder.placed_at >= since,
                SalesOrder.placed_at <= order.placed_at,
                SalesOrder.merged_into_id.is_(None),
                SalesOrder.split_from_id.is_(None),  # a split is the same order, not another one
            )
            .order_by(SalesOrder.placed_at.desc())
        ).all()
        same = (
            r
            for r in rows
            if (order.customer_id is not None and r.customer_id == order.customer_id)
            or (phone and phone_key(r.ship_phone) == phone)
        )
        earlier = tuple(
            EarlierOrder(r.placed_at, address_key(r.ship_province, r.ship_city, r.ship_district + r.ship_street))
            for r in islice(same, _EARLIER_ORDERS)
        )
    return OrderFacts(
        number=order.number,
        placed_at=order.placed_at,
        total=order.total,
        buyer=buyer,
        phone=order.ship_phone,
        country=order.ship_country,
        province=order.ship_province,
        city=order.ship_city,
        street=order.ship_district + order.ship_street,
        postcode=order.ship_postcode,
        recipient=order.ship_name,
        remark=order.buyer_remark,
        short_of_stock=short_of_stock,
        earlier_orders=earlier,
    )


def flags_for(session: Session, order: SalesOrder, rules: ReviewRules, *, short_of_stock: bool) -> list[Flag]:
    return review(facts_of(session, order, rules, short_of_stock=short_of_stock), rules)
