"""What printed documents are made from: small frozen values, no database, no services.

The order, fulfilment and purchasing services build these from their tables
and hand them to the renderers in this package (labels, zpl, picklist,
packing_slip, purchase_order). Everything is a plain value: text as the
person wrote it, money as integer minor units of `currency` (1990 = ¥19.90,
JPY has no minor unit so 1990 = ¥1,990), weights in grams, quantities as
integers in the product's base unit. Sequences may be given as lists; they
are stored as tuples so a document cannot change after it was built.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# Countries that write an address from the largest unit to the smallest (国→省→市→区→街道).
_BIG_TO_SMALL = {"CN", "TW", "HK", "MO", "JP", "KR"}
_CITY_REGION_POSTCODE = {"US", "CA", "AU"}
_SEPARATE_LINES = {"GB", "IE"}


def _freeze_sequences(obj: Any) -> None:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, list):
            object.__setattr__(obj, f.name, tuple(value))


@dataclass(frozen=True)
class Address:
    """A postal address of a person or a company, as it will be printed.

    lines: the street part as the buyer gave it, one entry per line
        ("Lindenstraße 12", "Hinterhaus, 3. OG"; "科技园南区深南大道10000号").
    city, postcode, region (province, state, prefecture): kept apart so each
        country's order can be followed; leave empty what the address lacks.
    country: printed as given on the last line (leave empty on domestic labels).
    country_code: ISO 3166 alpha-2, decides the order of the parts: CN, TW,
        HK, MO, JP and KR from the largest unit down (广东省 深圳市 first,
        〒 postcode first in Japan), everyone else street first.
    phone: printed as given, or masked (138****5678) where the shop chooses.
    """

    name: str
    lines: tuple[str, ...] = ()
    city: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""
    country_code: str = ""
    phone: str = ""
    company: str = ""

    def __post_init__(self) -> None:
        _freeze_sequences(self)

    def printed_lines(self) -> list[str]:
        """Company and address lines in the order the destination country writes them (name and phone apart)."""
        code = self.country_code.upper()
        street = [line for line in self.lines if line.strip()]
        out = [self.company] if self.company else []
        if code == "JP":
            if self.postcode:
                out.append(f"〒{self.postcode.lstrip('〒')}")
            out += [f"{self.region}{self.city}"] if self.region or self.city else []
            out += street
        elif code in _BIG_TO_SMALL:
            head = " ".join(p for p in (self.region, self.city, self.postcode) if p)
            out += ([head] if head else []) + street
        elif code in _CITY_REGION_POSTCODE:
            tail = " ".join(p for p in (f"{self.city}," if self.city else "", self.region, self.postcode) if p)
            out += street + ([tail.rstrip(",")] if tail else [])
        elif code in _SEPARATE_LINES:
            out += street + [p for p in (self.city, self.region, self.postcode) if p]
        else:
            town = " ".join(p for p in (self.postcode, self.city) if p)
            out += street + [p for p in (town, self.region) if p]
        if self.country:
            out.append(self.country)
        return out


@dataclass(frozen=True)
class ShippingLabel:
    """One parcel's label.

    order_number: the shop's order number; printed, and in the QR code when qr_text is empty.
    carrier, service: "SF Express", "标快" / "DHL Paket", "" - printed in the header.
    tracking_number: the carrier's number, printed as the Code128 barcode; when
        empty the order number is the barcode (printable ASCII only).
    weight_g: parcel weight in grams, or None when not weighed.
    item_count: number of pieces in the parcel.
    qr_text: what the QR code holds (a tracking URL, the carrier's routing data);
        empty: the order number and the tracking number.
    ship_date: as it should read ("2025-03-01").
    remark: a short line for the courier ("Fragile", "到付"); empty for none.
    """

    order_number: str
    sender: Address
    recipient: Address
    carrier: str
    service: str = ""
    tracking_number: str = ""
    weight_g: int | None = None
    item_count: int = 0
    qr_text: str = ""
    ship_date: str = ""
    remark: str = ""

    @property
    def barcode_value(self) -> str:
        return self.tracking_number or self.order_number

    @property
    def qr_value(self) -> str:
        if self.qr_text:
            return self.qr_text
        return f"{self.order_number} {self.tracking_number}".strip()


@dataclass(frozen=True)
class PickLine:
    """Pick quantity of one product from one bin for one order.

    An order line allocated from two bins is two PickLines. warehouse and bin
    are the codes printed on the shelves ("WH1", "A-01-02"); pick_order is the
    bin's place in the walking route of its warehouse (location.pick_order),
    lower first. barcode is what the picker scans (the product's EAN or its
    own code); when empty the SKU is printed as the barcode.
    """

    order_number: str
    sku: str
    name: str
    quantity: int
    warehouse: str
    bin: str
    pick_order: int = 0
    barcode: str = ""
    variant: str = ""


@dataclass(frozen=True)
class PickListRequest:
    """A pick list for some orders, or a wave of them.

    consolidated: one row per product and bin with the total to pick and a
        put-wall split (which slot gets how many for which order); otherwise
        one section per order.
    orders: order numbers in put-wall slot order (slot 1 first); empty means in
        the order they first appear in lines.
    """

    number: str
    lines: tuple[PickLine, ...]
    consolidated: bool = True
    orders: tuple[str, ...] = ()
    created: str = ""
    picker: str = ""

    def __post_init__(self) -> None:
        _freeze_sequences(self)


@dataclass(frozen=True)
class PackingLine:
    """One line of a packing slip; prices only print when the slip shows prices."""

    sku: str
    name: str
    quantity: int
    variant: str = ""
    unit_price: int = 0
    line_total: int = 0


@dataclass(frozen=True)
class PackingSlip:
    """The paper in the parcel: what is in it, for whom, from whom.

    show_prices: many shops leave prices off (gifts, marketplaces); when True the
        lines' totals plus shipping_fee minus discount must equal total.
    buyer_remark: the buyer's note from the order, printed for the packer.
    message: a line from the shop ("Thank you for your order!").
    locale: for money formatting (babel), e.g. "zh_CN", "de_DE".
    """

    order_number: str
    shop: Address
    ship_to: Address
    lines: tuple[PackingLine, ...]
    order_date: str = ""
    channel: str = ""
    carrier: str = ""
    tracking_number: str = ""
    show_prices: bool = False
    currency: str = "CNY"
    locale: str = "zh_CN"
    shipping_fee: int = 0
    discount: int = 0
    total: int = 0
    buyer_remark: str = ""
    message: str = ""

    def __post_init__(self) -> None:
        _freeze_sequences(self)


@dataclass(frozen=True)
class PurchaseOrderLine:
    """One product ordered from the supplier; line_total = quantity * unit_cost - discount."""

    sku: str
    name: str
    quantity: int
    unit_cost: int
    line_total: int
    supplier_sku: str = ""
    unit: str = "piece"
    discount: int = 0


@dataclass(frozen=True)
class Charge:
    """An amount added to (or, negative, taken off) a document's total: freight, tax, a rebate."""

    label: str
    amount: int


@dataclass(frozen=True)
class PurchaseOrderDocument:
    """A purchase order to send to the supplier.

    total must equal the lines' totals plus the charges; the document refuses to
    print figures that do not add up.
    """

    number: str
    supplier: Address
    buyer: Address
    lines: tuple[PurchaseOrderLine, ...]
    total: int
    currency: str = "CNY"
    locale: str = "zh_CN"
    order_date: str = ""
    expected_date: str = ""
    ship_to: Address | None = None
    charges: tuple[Charge, ...] = field(default_factory=tuple)
    payment_terms: str = ""
    notes: str = ""
    contact: str = ""

    def __post_init__(self) -> None:
        _freeze_sequences(self)
