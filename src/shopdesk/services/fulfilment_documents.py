"""From orders to the printed documents of fulfilment: shipping labels, pick lists, packing slips.

The renderers in shopdesk.documents take plain values (documents/data.py); this
module reads the orders and fills them in:

- a label per order: the shop as sender (shop settings "name", "sender_address",
  "sender_phone"), the order's ship-to snapshot as recipient, carrier and service
  (the order's, else the shop's "default_carrier"), the tracking number as the
  barcode (the order number until there is one), weight (the order's, else the
  products' weights times quantities) and item count. The recipient's phone is
  masked (138****5678) when the shop setting "label_mask_phones" says so.
  An order that holds its stock (allocated, picked or packed) gets a label, with
  the waybill's carrier, service and tracking number once one is recorded
  (OrderFulfilment.record_waybill); a shipped order's label can be printed again
  (a reprint for a torn or lost label), with the number it left with. Before
  allocation the order may still change: no label.
- a pick list from the orders' reservations (warehouse, bin and walking order),
  per order or consolidated with a put-wall split;
- a packing slip from the order's lines.

Files are written whole or not at all (`write_atomically`), so a failure never
leaves half a PDF where the printer or the person expects one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Product
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.documents.data import Address, PackingLine, PackingSlip, PickLine, PickListRequest, ShippingLabel
from shopdesk.documents.labels import render_labels
from shopdesk.documents.packing_slip import render_packing_slip
from shopdesk.documents.picklist import render_pick_list
from shopdesk.documents.zpl import render_zpl
from shopdesk.domain.errors import NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_money
from shopdesk.domain.orders import HOLDS_RESERVATION, OrderStatus
from shopdesk.services.order_records import OrderRef, normalize_ref

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

LABEL_FORMATS = ("pdf", "zpl")
HOME_COUNTRY = "CN"  # a domestic label leaves the country line off
LABEL_STATES = HOLDS_RESERVATION | {OrderStatus.SHIPPED}  # a shipped order's label is a reprint
_LABEL_STATES_TEXT = "allocated, picked, packed or shipped"  # LABEL_STATES, in the order they come


@cache
def country_name(code: str) -> str:
    """GERMANY for DE, as a label's last line reads; the code itself when it is not known."""
    from babel import Locale

    return str(Locale.parse("en").territories.get(code.upper(), code)).upper()


def ship_to_address(
    name: str, phone: str, country: str, province: str, city: str, district: str, street: str, postcode: str
) -> Address:
    """An order's ship-to snapshot as a printable address, in the destination country's order."""
    code = (country or HOME_COUNTRY).upper()
    street_lines = [line.strip() for line in (street or "").splitlines() if line.strip()]  # one per printed line
    if district.strip():
        if code in ("CN", "TW", "HK", "MO", "JP", "KR"):  # 浦东新区 comes before 世纪大道100号
            street_lines = [district.strip() + (street_lines[0] if street_lines else ""), *street_lines[1:]]
        else:
            street_lines.append(district.strip())
    return Address(
        name=name,
        lines=tuple(street_lines),
        city=city,
        postcode=postcode,
        region=province if province != city else "",  # 上海市 上海市 reads once
        country="" if code == HOME_COUNTRY else country_name(code),
        country_code=code,
        phone=phone,
    )


@dataclass(frozen=True)
class LabelOptions:
    """The shop's label settings, read once for a batch."""

    sender: Address
    default_carrier: str
    mask_phones: bool
    currency: str


def write_atomically(path: str | Path, data: bytes | str) -> Path:
    """Write the whole file or nothing: a temp file next to it, renamed over it at the end."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as exc:
        raise ShopDeskError(f"Cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ShopDeskError(f"Cannot write {target}: {exc.strerror or exc}") from exc
    return target


class FulfilmentDocuments:
    """Labels, pick lists and packing slips for orders, as PDF (or ZPL) bytes."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Which orders ------------------------------------------------------------------
    def order_numbers(self, status: str) -> list[str]:
        """Every order in a state, oldest first (the order they are picked and packed in)."""
        if status not in {s.value for s in OrderStatus}:
            raise ValidationFailed(
                [Problem("status", f"must be one of {', '.join(s.value for s in OrderStatus)}", status)],
                "No orders chosen",
            )
        with self.db.read() as conn:
            return list(
                conn.execute(
                    select(SalesOrder.number)
                    .where(SalesOrder.status == status)
                    .order_by(SalesOrder.placed_at, SalesOrder.id)
                ).scalars()
            )

    def _order_ids(self, conn: Connection, refs: Sequence[OrderRef]) -> list[int]:
        """Ids in the order given; every unknown order is named at once."""
        wanted = [normalize_ref(r) for r in refs]
        numbers = [r for r in wanted if isinstance(r, str)]
        ids = [r for r in wanted if isinstance(r, int)]
        by_number = dict(
            conn.execute(select(SalesOrder.number, SalesOrder.id).where(SalesOrder.number.in_(numbers))).all()
        )
        known_ids = set(conn.execute(select(SalesOrder.id).where(SalesOrder.id.in_(ids))).scalars())
        missing = [str(r) for r in wanted if (r not in by_number if isinstance(r, str) else r not in known_ids)]
        if missing:
            if len(wanted) == 1:
                raise NotFound(f"No order {missing[0]}")
            raise ValidationFailed([Problem(m, "no such order") for m in missing], "Nothing was printed")
        found = [by_number[r] if isinstance(r, str) else r for r in wanted]
        return list(dict.fromkeys(found))  # an order named twice is printed once

    # Labels ------------------------------------------------------------------------
    def label_options(self) -> LabelOptions:
        shop = self.shop
        sender = Address(
            name=str(shop.setting("name") or ""),
            lines=tuple(line for line in str(shop.setting("sender_address") or "").splitlines() if line.strip()),
            phone=str(shop.setting("sender_phone") or ""),
            country_code=HOME_COUNTRY,
        )
        return LabelOptions(
            sender,
            str(shop.setting("default_carrier") or ""),
            bool(shop.setting("label_mask_phones")),
            str(shop.money.currency),
        )

    def labels(self, refs: Sequence[OrderRef], *, ship_date: str | None = None) -> list[ShippingLabel]:
        """A label per order, in the order given. Refused (nothing made) if any order is not allocated yet (or is
        cancelled or delivered); a shipped order's label is a reprint."""
        if not refs:
            raise ShopDeskError("Choose at least one order to print a label for.")
        options = self.label_options()
        date = ship_date if ship_date is not None else datetime.now(UTC).astimezone().date().isoformat()
        with self.db.read() as conn:
            ids = self._order_ids(conn, refs)
            orders = {r.id: r for r in conn.execute(select(SalesOrder.__table__).where(SalesOrder.id.in_(ids)))}
            problems = [
                Problem(
                    o.number,
                    f"is {o.status}: a label is printed for {_LABEL_STATES_TEXT} orders only"
                    + (" (approve and allocate it first)" if o.status in ("on_hold", "confirmed", "draft") else ""),
                )
                for o in (orders[i] for i in ids)
                if OrderStatus(o.status) not in LABEL_STATES
            ]
            if problems:
                headline = "No label made" if len(ids) == 1 else f"No labels made: {len(problems)} order(s) not ready"
                raise ValidationFailed(problems, headline)
            weights: dict[int, tuple[int, int]] = {}  # order id -> (items, Σ weight)
            line_weight = func.sum(SalesOrderLine.quantity * func.coalesce(Product.weight_g, 0))
            for order_id, items, grams in conn.execute(
                select(SalesOrderLine.order_id, func.sum(SalesOrderLine.quantity), line_weight)
                .outerjoin(Product, Product.id == SalesOrderLine.product_id)
                .where(SalesOrderLine.order_id.in_(ids))
                .group_by(SalesOrderLine.order_id)
            ):
                weights[order_id] = (int(items or 0), int(grams or 0))
        labels = []
        for order_id in ids:
            o = orders[order_id]
            items, grams = weights.get(order_id, (0, 0))
            remark = ""
            if o.payment_status == "cod":  # the courier collects the money: it must say so on the parcel
                remark = f"代收货款 COD {format_money(o.total - o.paid_amount, o.currency)}"
            labels.append(
                ShippingLabel(
                    order_number=o.number,
                    sender=options.sender,
                    recipient=ship_to_address(
                        o.ship_name,
                        o.ship_phone,
                        o.ship_country,
                        o.ship_province,
                        o.ship_city,
                        o.ship_district,
                        o.ship_street,
                        o.ship_postcode,
                    ),
                    carrier=o.carrier or options.default_carrier,
                    service=o.carrier_service,
                    tracking_number=o.tracking_no or "",
                    weight_g=o.weight_g if o.weight_g else (grams or None),
                    item_count=items,
                    ship_date=date,
                    remark=remark,
                )
            )
        return labels

    def labels_pdf(self, refs: Sequence[OrderRef], size: str = "4x6") -> bytes:
        """The orders' labels as one PDF (a page per label, or four A6 on each A4 sheet)."""
        return render_labels(self.labels(refs), size, mask_phones=self.label_options().mask_phones)

    def labels_zpl(self, refs: Sequence[OrderRef], size: str = "4x6") -> str:
        """The orders' labels as ZPL for a 203 dpi thermal printer."""
        return render_zpl(self.labels(refs), size, mask_phones=self.label_options().mask_phones)

    # Pick lists --------------------------------------------------------------------
    def pick_list(self, refs: Sequence[OrderRef], *, consolidated: bool = True) -> PickListRequest:
        """What to pick for the orders, bin by bin in walking order (put-wall slots in the order given)."""
        if not refs:
            raise ShopDeskError("Choose at least one allocated order to pick.")
        with self.db.read() as conn:
            ids = self._order_ids(conn, refs)
            numbers = dict(conn.execute(select(SalesOrder.id, SalesOrder.number).where(SalesOrder.id.in_(ids))).all())
        stops = self.shop.orders.pick_lines(ids)
        skus = {stop.sku for stop in stops}
        with self.db.read() as conn:
            variants = dict(
                conn.execute(
                    select(Product.sku, Product.variant_label).where(Product.sku.in_(skus), Product.variant_label != "")
                ).all()
            )
        now = datetime.now(UTC).astimezone()
        lines = tuple(
            PickLine(
                order_number=stop.order_number,
                sku=stop.sku,
                name=stop.name,
                quantity=stop.quantity,
                warehouse=stop.warehouse,
                bin=stop.location.rsplit("/", 1)[-1],  # the code printed on the shelf
                pick_order=stop.pick_order,
                barcode=stop.barcode,
                variant=variants.get(stop.sku, ""),
            )
            for stop in stops
        )
        picked = {line.order_number for line in lines}
        return PickListRequest(
            number=f"PL-{now:%Y%m%d-%H%M%S}",
            lines=lines,
            consolidated=consolidated,
            orders=tuple(numbers[i] for i in ids if numbers[i] in picked),
            created=now.strftime("%Y-%m-%d %H:%M"),
            picker=self.shop.user,
        )

    def pick_list_pdf(self, refs: Sequence[OrderRef], *, consolidated: bool = True) -> bytes:
        """The pick list as a PDF."""
        return render_pick_list(self.pick_list(refs, consolidated=consolidated))

    # Packing slips -----------------------------------------------------------------
    def packing_slip(self, ref: OrderRef, *, show_prices: bool = False) -> PackingSlip:
        """The paper that goes in the parcel: who it is for, from whom, what is in it."""
        order = self.shop.orders.get_order(ref)
        if order.status in (OrderStatus.DRAFT, OrderStatus.CANCELLED):
            raise ShopDeskError(f"Order {order.number} is {order.status}: there is no parcel to pack.")
        with self.db.read() as conn:
            skus = [line.sku for line in order.lines]
            variants = dict(
                conn.execute(
                    select(Product.sku, Product.variant_label).where(Product.sku.in_(skus), Product.variant_label != "")
                ).all()
            )
        to = order.ship_to
        options = self.label_options()
        return PackingSlip(
            order_number=order.number,
            shop=options.sender,
            ship_to=ship_to_address(
                to.name, to.phone, to.country, to.province, to.city, to.district, to.street, to.postcode
            ),
            lines=tuple(
                PackingLine(
                    line.sku,
                    line.name,
                    line.quantity,
                    variants.get(line.sku, ""),
                    line.unit_price,
                    line.net,
                )
                for line in order.lines
            ),
            order_date=order.placed_at.date().isoformat(),
            channel=f"{order.channel} {order.channel_order_no}".strip(),
            carrier=order.carrier,
            tracking_number=order.tracking_no,
            show_prices=show_prices,
            currency=order.currency,
            shipping_fee=order.shipping_fee,
            total=order.total,
            buyer_remark=order.buyer_remark,
        )

    def packing_slip_pdf(self, ref: OrderRef, *, show_prices: bool = False) -> bytes:
        """The packing slip as an A4 PDF."""
        return render_packing_slip(self.packing_slip(ref, show_prices=show_prices))
