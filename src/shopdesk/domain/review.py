"""Review rules (审单 / 异常订单): which orders a person should look at before they ship.

Pure functions over plain facts, so the shop's thresholds can be tested with worked
examples and the order service only has to gather the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shopdesk.domain.phones import phone_key


@dataclass(frozen=True)
class ReviewRules:
    """The shop's thresholds; every rule can be switched off."""

    burst_orders: int = 3  # ≥ N orders ...
    burst_addresses: int = 2  # ... to ≥ M different addresses ...
    burst_hours: int = 24  # ... within T hours, by one buyer or phone
    max_amount: int | None = 500_000  # minor units; None: no limit
    blocked_phones: frozenset[str] = frozenset()  # compared by domain.phones.phone_key: any spelling matches
    blocked_buyers: frozenset[str] = frozenset()
    hold_on_remark: bool = True
    check_address: bool = True
    hold_on_shortage: bool = True


@dataclass(frozen=True)
class EarlierOrder:
    placed_at: datetime
    address_key: str


@dataclass(frozen=True)
class OrderFacts:
    number: str
    placed_at: datetime
    total: int
    buyer: str = ""
    phone: str = ""
    country: str = "CN"
    province: str = ""
    city: str = ""
    street: str = ""
    postcode: str = ""
    recipient: str = ""
    remark: str = ""
    short_of_stock: bool = False
    earlier_orders: tuple[EarlierOrder, ...] = field(default_factory=tuple)  # same buyer or phone (phone_key)


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


_SUSPICIOUS = re.compile(r"(test|测试|xxx|asdf|1111|不详|unknown)", re.I)


def address_key(province: str, city: str, street: str) -> str:
    """Two addresses are the same when they match ignoring spaces, case and punctuation."""
    return re.sub(r"[\W_]+", "", f"{province}{city}{street}").casefold()


def review(facts: OrderFacts, rules: ReviewRules) -> list[Flag]:
    """Every reason to hold this order; an empty list means it can go straight on."""
    flags: list[Flag] = []
    if rules.burst_orders > 0:
        since = facts.placed_at - timedelta(hours=rules.burst_hours)
        recent = [o for o in facts.earlier_orders if since <= o.placed_at <= facts.placed_at]
        addresses = {o.address_key for o in recent} | {address_key(facts.province, facts.city, facts.street)}
        if len(recent) + 1 >= rules.burst_orders and len(addresses) >= rules.burst_addresses:
            flags.append(
                Flag(
                    "burst",
                    f"{len(recent) + 1} orders to {len(addresses)} different addresses within "
                    f"{rules.burst_hours} h from one buyer or phone",
                )
            )
    if rules.check_address:
        missing = [
            name
            for name, value in (("recipient", facts.recipient), ("phone", facts.phone), ("street", facts.street))
            if not value.strip()
        ]
        if facts.country == "CN" and not (facts.province.strip() and facts.city.strip()):
            missing.append("province/city")
        if facts.country != "CN" and not facts.postcode.strip():
            missing.append("postcode")
        if missing:
            flags.append(Flag("address_incomplete", f"address is missing {', '.join(missing)}"))
        elif _SUSPICIOUS.search(facts.street) or len(facts.street.strip()) < 4:
            flags.append(Flag("address_suspicious", f"address looks suspicious: {facts.street!r}"))
    if rules.max_amount is not None and facts.total > rules.max_amount:
        flags.append(Flag("high_value", "order total is above the review threshold"))
    phone = phone_key(facts.phone)
    if phone and phone in {phone_key(p) for p in rules.blocked_phones}:
        flags.append(Flag("blocked_phone", "the phone number is on the blocked list"))
    if facts.buyer and facts.buyer in rules.blocked_buyers:
        flags.append(Flag("blocked_buyer", "the buyer is on the blocked list"))
    if rules.hold_on_remark and facts.remark.strip():
        flags.append(Flag("remark", "the buyer left a remark to read"))
    if rules.hold_on_shortage and facts.short_of_stock:
        flags.append(Flag("short_of_stock", "not enough stock to ship the whole order"))
    return flags
