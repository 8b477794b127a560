"""What an order should be, as the order dialog, the CLI, a file import or a platform adapter says it.

An OrderDraft is plain input: amounts may still be text as a person typed them
("12.50", "10%"), quantities may be text from a file. `parse_draft` checks
everything that needs no database and returns the parsed order with every
problem at once; the order service adds what only the database knows (unknown
SKUs, an order number already imported).

Money is integer minor units. A percentage discount is the one place where an
amount is computed, and it is rounded half up on its line (domain.money), so the
order total is always the sum of its rounded lines plus the shipping fee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from shopdesk.domain.catalogue import MAX_PRICE, check_text
from shopdesk.domain.errors import Problem
from shopdesk.domain.money import parse_amount, round_half_up

Amount = int | str | Decimal

# Channels whose orders leave by carrier and so need a shipping address; a
# counter sale or a pick-up at the shop does not.
NO_SHIPPING_CHANNELS = frozenset({"counter", "pickup"})
# Channels whose orders are typed in at the shop; every other channel has its own order numbers.
HAND_ENTERED_CHANNELS = frozenset({"manual", "phone", "counter", "pickup"})
PAYMENT_STATUSES = ("unpaid", "paid", "partially_paid", "cod", "refunded")
_CHANNEL = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
MAX_QUANTITY = 1_000_000
MAX_LINES = 500


@dataclass
class ShipTo:
    """Where the parcel goes, as written on it: kept on the order even if the customer moves."""

    name: str = ""
    phone: str = ""
    country: str = "CN"
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in (self.name, self.phone, self.province, self.city, self.district, self.street))


@dataclass
class OrderLineDraft:
    """One line: the product by SKU or barcode, how many, at what price, less what discount."""

    code: str
    quantity: int | str = 1
    unit_price: Amount | None = None  # None: the product's list price
    discount: Amount = 0  # an amount off the whole line, or "10%"
    name: str = ""  # as the buyer saw it; empty: the product's name
    channel_line_id: str = ""


@dataclass
class OrderDraft:
    lines: list[OrderLineDraft] = field(default_factory=list)
    channel: str = "manual"  # manual, phone, counter, woocommerce, shopify, taobao, ...
    channel_order_no: str = ""  # the channel's number; unique per channel
    customer_id: int | None = None  # None: found by phone, else created from the name
    customer_name: str = ""  # the buyer (account name); empty: the recipient
    ship_to: ShipTo = field(default_factory=ShipTo)
    placed_at: datetime | None = None  # None: now
    currency: str = ""  # empty: the shop's currency
    allow_other_currency: bool = False  # an order in another currency is refused unless this says so
    shipping_fee: Amount = 0
    platform_fee: Amount = 0
    payment_status: str = "unpaid"
    paid_amount: Amount | None = None  # None: the total when paid, else 0
    payment_method: str = ""
    buyer_remark: str = ""
    internal_note: str = ""


@dataclass(frozen=True)
class ParsedLine:
    line_no: int
    code: str
    quantity: int
    unit_price: int | None  # None: the product's price, filled in by the service
    discount: int | None  # None: a percentage still to apply to the price
    discount_percent: Decimal | None
    name: str
    channel_line_id: str

    def priced(self, unit_price: int) -> tuple[int, int, int]:
        """(unit_price, discount, net) once the price is known; a percentage is rounded half up here."""
        gross = self.quantity * unit_price
        if self.discount_percent is not None:
            discount = round_half_up(Decimal(gross) * self.discount_percent / 100, 0)
        else:
            discount = self.discount or 0
        return unit_price, discount, gross - discount


@dataclass(frozen=True)
class ParsedOrder:
    channel: str
    channel_order_no: str | None
    currency: str
    exponent: int
    placed_at: datetime
    lines: tuple[ParsedLine, ...]
    shipping_fee: int
    platform_fee: int
    payment_status: str
    paid_amount: int | None
    ships: bool


def normalize_channel(channel: str) -> str:
    return channel.strip().casefold()


def parse_draft(draft: OrderDraft, shop_currency: str, exponent_of) -> tuple[ParsedOrder | None, list[Problem]]:  # type: ignore[no-untyped-def]
    """Check a draft without the database: every problem at once, and the parsed order when there are none.

    `exponent_of(currency)` gives the decimals of a currency's minor unit.
    """
    problems: list[Problem] = []

    def add(where: str, message: str | None, found: object = None) -> None:
        if message:
            problems.append(Problem(where, message, None if found is None else str(found)[:60]))

    channel = normalize_channel(draft.channel)
    channel_ok = bool(channel) and len(channel) <= 32 and bool(_CHANNEL.match(channel))
    if not channel:
        add("channel", "a channel is required (manual, phone, counter, shopify, ...)", draft.channel)
    elif not channel_ok:
        add("channel", "use up to 32 letters, digits and . _ - for a channel", draft.channel)
    channel_no = draft.channel_order_no.strip() or None
    if channel_no is not None and len(channel_no) > 64:
        add("channel_order_no", "the channel's order number is longer than 64 characters", channel_no)
    if channel_ok and channel not in HAND_ENTERED_CHANNELS and channel_no is None:
        add("channel_order_no", f"an order from {channel} needs the channel's order number, so it is imported once")

    currency = (draft.currency.strip() or shop_currency).upper()
    if not re.match(r"^[A-Z]{3}$", currency):
        add("currency", "a currency is a three-letter code like CNY, EUR or USD", draft.currency)
    elif currency != shop_currency.upper() and not draft.allow_other_currency:
        add(
            "currency",
            f"the shop sells in {shop_currency.upper()} and this order is in {currency}: convert the amounts, "
            "or allow an order in another currency explicitly",
            draft.currency,
        )
    exponent = exponent_of(currency)

    placed_at = draft.placed_at or datetime.now(UTC)
    if placed_at.tzinfo is None:  # a time as written in the shop: local time
        placed_at = placed_at.astimezone()
    placed_at = placed_at.astimezone(UTC)

    def amount(where: str, value: Amount | None, label: str) -> int | None:
        if value is None:
            return None
        try:
            minor = value if isinstance(value, int) and not isinstance(value, bool) else None
            if minor is None:
                minor = parse_amount(value, exponent)  # type: ignore[arg-type]
        except ValueError as exc:
            add(where, f"{label} {exc}", value)
            return None
        if minor < 0:
            add(where, f"{label} cannot be negative", value)
            return None
        if minor > MAX_PRICE:
            add(where, f"{label} is unrealistically large", value)
            return None
        return minor

    shipping_fee = amount("shipping_fee", draft.shipping_fee, "shipping fee")
    platform_fee = amount("platform_fee", draft.platform_fee, "platform fee")
    paid_amount = amount("paid_amount", draft.paid_amount, "paid amount")
    payment_status = draft.payment_status.strip().casefold() or "unpaid"
    if payment_status not in PAYMENT_STATUSES:
        add("payment_status", f"payment status must be one of {', '.join(PAYMENT_STATUSES)}", draft.payment_status)
    add("payment_method", check_text("Payment method", draft.payment_method, 32), draft.payment_method)
    add("buyer_remark", check_text("Buyer remark", draft.buyer_remark, 5000))
    add("internal_note", check_text("Internal note", draft.internal_note, 5000))
    add("customer_name", check_text("Buyer", draft.customer_name, 200), draft.customer_name)

    ships = channel not in NO_SHIPPING_CHANNELS
    _check_ship_to(draft.ship_to, ships, add)

    if not draft.lines:
        add("lines", "an order needs at least one line")
    elif len(draft.lines) > MAX_LINES:
        add("lines", f"an order has at most {MAX_LINES} lines", len(draft.lines))
    lines: list[ParsedLine] = []
    for n, line in enumerate(draft.lines, start=1):
        where = f"line {n}"
        count_before = len(problems)
        code = line.code.strip()
        if not code:
            add(f"{where}: product", "give the product's SKU or barcode")
        quantity = _quantity(line.quantity)
        if isinstance(quantity, str):
            add(f"{where}: quantity", quantity, line.quantity)
        price = amount(f"{where}: unit price", line.unit_price, "unit price")
        percent: Decimal | None = None
        discount: int | None = 0
        match = _PERCENT.match(line.discount) if isinstance(line.discount, str) else None
        if match:
            percent = Decimal(match.group(1).replace(",", "."))
            discount = None
            if percent > 100:
                add(f"{where}: discount", "a discount cannot be more than 100%", line.discount)
        else:
            discount = amount(f"{where}: discount", line.discount, "discount")
        add(f"{where}: name", check_text("Product name", line.name, 200), line.name)
        if isinstance(quantity, int) and price is not None and discount is not None and discount > quantity * price:
            add(f"{where}: discount", "the discount is more than the line is worth", line.discount)
        if len(problems) == count_before:
            lines.append(
                ParsedLine(
                    n,
                    code,
                    quantity,  # type: ignore[arg-type]
                    price,
                    discount,
                    percent,
                    line.name.strip(),
                    line.channel_line_id.strip()[:64],
                )
            )
    if problems:
        return None, problems
    return (
        ParsedOrder(
            channel,
            channel_no,
            currency,
            exponent,
            placed_at,
            tuple(lines),
            shipping_fee or 0,
            platform_fee or 0,
            payment_status,
            paid_amount,
            ships,
        ),
        [],
    )


def _quantity(value: int | str) -> int | str:
    """The quantity as a whole number above zero, or the message saying what is wrong."""
    if isinstance(value, bool):
        return "quantity must be a whole number above zero"
    if isinstance(value, str):
        text = value.strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            return "quantity must be a whole number above zero"
        if number != number.to_integral_value():
            return "quantity must be a whole number (the product's base unit)"
        value = int(number)
    if not isinstance(value, int):
        return "quantity must be a whole number above zero"
    if value <= 0:
        return "quantity must be above zero"
    if value > MAX_QUANTITY:
        return f"quantity is more than {MAX_QUANTITY:,}"
    return value


def _check_ship_to(ship_to: ShipTo, ships: bool, add) -> None:  # type: ignore[no-untyped-def]
    for name, limit in (("name", 200), ("phone", 40), ("province", 100), ("city", 100), ("district", 100)):
        add(f"ship_to.{name}", check_text(name.capitalize(), getattr(ship_to, name), limit), getattr(ship_to, name))
    add("ship_to.street", check_text("Street", ship_to.street, 1000))
    add("ship_to.postcode", check_text("Postcode", ship_to.postcode, 20), ship_to.postcode)
    country = ship_to.country.strip().upper()
    if not re.match(r"^[A-Z]{2}$", country):
        add("ship_to.country", "a country is a two-letter code like CN, DE or US", ship_to.country)
    if not ships:
        return
    if ship_to.is_empty():
        add("ship_to", "this channel ships the order: a shipping address is required")
        return
    if not ship_to.name.strip():
        add("ship_to.name", "the recipient's name is required to ship")
    if not ship_to.street.strip():
        add("ship_to.street", "the street address is required to ship")
    if country == "CN" and not ship_to.city.strip():
        add("ship_to.city", "the city is required to ship")
    if country not in ("CN", "") and not (ship_to.city.strip() or ship_to.postcode.strip()):
        add("ship_to.city", "the city or postcode is required to ship")
