"""Order entry and editing (订单录入): from an OrderDraft to a sales order, whoever typed or imported it.

The order dialog, `shopdesk order new`, the order file import and the platform
adapters all hand in an `OrderDraft` (domain.order_draft). Every problem with
it is reported at once as ValidationFailed, and a refused order writes nothing:
no customer, no number, no timeline entry.

State changes (confirm, review, allocate, pick, pack, ship...) are in
services/order_flow.py; lists and details in services/order_queries.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopdesk.db.models import Barcode, Customer, CustomerAddress, CustomerPhone, Product
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import Conflict, Problem, ValidationFailed
from shopdesk.domain.money import currency_exponent
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ParsedOrder, ShipTo, parse_draft
from shopdesk.domain.orders import OrderStatus
from shopdesk.domain.permissions import Permission
from shopdesk.services import audit
from shopdesk.services import order_records as rec
from shopdesk.services.access import guarded
from shopdesk.services.order_flow import confirm_in_session
from shopdesk.services.order_queries import OrderQueries

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

# Lines and addresses may still be corrected in these states; after allocation
# the reservation is fixed (deallocate first, or cancel).
EDITABLE = frozenset({OrderStatus.DRAFT, OrderStatus.CONFIRMED, OrderStatus.ON_HOLD})


@dataclass(frozen=True)
class CreatedOrder:
    """What became of one draft handed in: a new order, or the one already imported."""

    number: str
    created: bool  # False: the channel's order number was imported before; nothing changed
    channel: str = ""
    channel_order_no: str | None = None


@dataclass
class Prepared:
    """A draft checked against the database, ready to write."""

    parsed: ParsedOrder
    draft: OrderDraft
    products: dict[str, tuple[int, str, str, int]]  # line code -> (product id, sku, name, price)
    customer_id: int | None


class OrderWriter:
    """Checks drafts and writes orders inside one unit of work (the import writes many in one)."""

    def __init__(self, session: Session, shop: Shop):
        self.session = session
        self.shop = shop
        self.user = shop.user
        self.currency = str(shop.setting("currency"))

    def existing_number(self, channel: str, channel_order_no: str | None) -> str | None:
        """Our number of the order this channel's number was imported as, if it was."""
        if not channel_order_no:
            return None
        return self.session.scalar(
            select(SalesOrder.number).where(
                SalesOrder.channel == channel, SalesOrder.channel_order_no == channel_order_no
            )
        )

    def check(self, draft: OrderDraft, *, own_id: int | None = None) -> tuple[Prepared | None, list[Problem]]:
        """Every problem of the draft, including what only the database knows (SKUs, numbers, customer)."""
        parsed, problems = parse_draft(draft, self.currency, currency_exponent)
        codes = [line.code.strip() for line in draft.lines if line.code.strip()]
        products = self._products(codes)
        for n, line in enumerate(draft.lines, start=1):
            code = line.code.strip()
            if code and code not in products:
                problems.append(Problem(f"line {n}: product", "no product has this SKU or barcode", code))
            elif code and products[code][0] < 0:
                problems.append(
                    Problem(f"line {n}: product", "this is a style with variants: order one of its variants", code)
                )
        if parsed is not None or draft.channel_order_no.strip():
            channel = parsed.channel if parsed else draft.channel.strip().casefold()
            number = self.existing_number(channel, draft.channel_order_no.strip() or None)
            if number is not None and (own_id is None or number != self._number_of(own_id)):
                problems.append(
                    Problem(
                        "channel_order_no",
                        f"order {draft.channel_order_no.strip()} from {channel} was already imported as {number}",
                        draft.channel_order_no,
                    )
                )
        if draft.customer_id is not None and self.session.get(Customer, draft.customer_id) is None:
            problems.append(Problem("customer_id", "no customer has this id", str(draft.customer_id)))
        if problems or parsed is None:
            return None, sorted(problems, key=_line_of)  # stable: order fields first, then line by line
        return Prepared(parsed, draft, products, draft.customer_id), []

    def _number_of(self, order_id: int) -> str | None:
        return self.session.scalar(select(SalesOrder.number).where(SalesOrder.id == order_id))

    def _products(self, codes: Sequence[str]) -> dict[str, tuple[int, str, str, int]]:
        """Line code -> (id, sku, name, price); a style (parent with variants) gets id -1."""
        found: dict[str, tuple[int, str, str, int]] = {}
        if not codes:
            return found
        cols = (Product.id, Product.sku, Product.name, Product.price, Product.is_parent, Product.sku_key)
        by_key = {
            r.sku_key: r
            for r in self.session.execute(select(*cols).where(Product.sku_key.in_({sku_key(c) for c in codes})))
        }
        missing = [c for c in codes if sku_key(c) not in by_key]
        by_barcode = {}
        if missing:
            by_barcode = {
                r.code: r
                for r in self.session.execute(
                    select(Barcode.code, *cols)
                    .join(Product, Barcode.product_id == Product.id)
                    .where(Barcode.code.in_(missing))
                )
            }
        for code in codes:
            row = by_key.get(sku_key(code)) or by_barcode.get(code)
            if row is not None:
                found[code] = (-1 if row.is_parent else row.id, row.sku, row.name, row.price)
        return found

    def customer_for(self, prepared: Prepared) -> int | None:
        """The draft's customer: given, else found by phone, else created from the buyer's name (or none)."""
        draft = prepared.draft
        if draft.customer_id is not None:
            return draft.customer_id
        ship_to = draft.ship_to
        phone = ship_to.phone.strip()
        # A marketplace masks phones (138****5678): many buyers share one, so it identifies nobody.
        if phone and "*" not in phone:
            found = self.session.scalar(
                select(Customer.id)
                .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
                .where(CustomerPhone.phone == phone, Customer.erased_at.is_(None))
                .order_by(Customer.id)
                .limit(1)
            )
            if found is not None:
                return found
        name = draft.customer_name.strip() or ship_to.name.strip()
        if not name:
            return None
        customer = Customer(
            name=name,
            channel=prepared.parsed.channel,
            phones=[CustomerPhone(phone=phone)] if phone else [],
            addresses=[] if ship_to.is_empty() else [CustomerAddress(**_address_fields(ship_to), is_default=True)],
        )
        self.session.add(customer)
        self.session.flush()
        return customer.id

    def write(self, prepared: Prepared, *, number: str | None = None, reason: str = "") -> SalesOrder:
        """Add the order (status draft) and its 'created' timeline entry."""
        parsed = prepared.parsed
        customer_id = self.customer_for(prepared)
        number = number or rec.take_numbers(self.session.connection())[0]
        order = SalesOrder(
            number=number,
            channel=parsed.channel,
            channel_order_no=parsed.channel_order_no,
            customer_id=customer_id,
            status=OrderStatus.DRAFT.value,
            hold_reasons=[],
            placed_at=parsed.placed_at,
            currency=parsed.currency,
            tax_total=0,
        )
        self.apply(order, prepared)
        self.session.add(order)
        self._flush(order)
        rec.refresh_search_text(self.session, order)
        rec.note(
            self.session,
            self.user,
            order,
            "created",
            reason or f"entered ({parsed.channel})",
            total=(None, order.total),
        )
        return order

    def apply(self, order: SalesOrder, prepared: Prepared) -> None:
        """Put the draft's address, amounts, notes and lines on the order (new or edited)."""
        parsed, draft = prepared.parsed, prepared.draft
        order.channel = parsed.channel
        order.channel_order_no = parsed.channel_order_no
        order.placed_at = parsed.placed_at
        order.currency = parsed.currency
        for field, value in _address_fields(draft.ship_to).items():
            setattr(order, f"ship_{'name' if field == 'recipient' else field}", value)
        order.shipping_fee = parsed.shipping_fee
        order.platform_fee = parsed.platform_fee
        order.payment_status = parsed.payment_status
        order.payment_method = draft.payment_method.strip()
        order.buyer_remark = draft.buyer_remark.strip()
        order.internal_note = draft.internal_note.strip()
        lines = []
        for line in parsed.lines:
            product_id, sku, name, price = prepared.products[line.code]
            unit_price, discount, net = line.priced(price if line.unit_price is None else line.unit_price)
            lines.append(
                SalesOrderLine(
                    line_no=line.line_no,
                    product_id=product_id,
                    sku=sku,
                    name=(line.name or name)[:200],
                    quantity=line.quantity,
                    unit_price=unit_price,
                    discount=discount,
                    tax=0,
                    net=net,
                    channel_line_id=line.channel_line_id,
                )
            )
        if order.lines:  # an edit: the old lines leave before the new ones take their numbers
            order.lines.clear()
            self.session.flush()
        order.lines.extend(lines)
        rec.recompute_totals(order)
        paid = parsed.paid_amount
        order.paid_amount = paid if paid is not None else (order.total if parsed.payment_status == "paid" else 0)

    def _flush(self, order: SalesOrder) -> None:
        try:
            self.session.flush()
        except IntegrityError as exc:  # another clerk or import saved the same channel order just now
            raise Conflict(
                f"Order {order.channel_order_no or order.number} from {order.channel} was saved at the same time "
                "by someone else; look it up instead of entering it again."
            ) from exc


def _line_of(problem: Problem) -> int:
    found = re.match(r"line (\d+)", problem.where)
    return int(found.group(1)) if found else 0


def _address_fields(ship_to: ShipTo) -> dict[str, str]:
    return {
        "recipient": ship_to.name.strip(),
        "phone": ship_to.phone.strip(),
        "country": ship_to.country.strip().upper() or "CN",
        "province": ship_to.province.strip(),
        "city": ship_to.city.strip(),
        "district": ship_to.district.strip(),
        "street": ship_to.street.strip(),
        "postcode": ship_to.postcode.strip(),
    }


class Orders(OrderQueries):
    """Entering and editing orders; the reading side (lists, counts, details) comes from OrderQueries."""

    def check_draft(self, draft: OrderDraft) -> list[Problem]:
        """Every problem the draft has, without writing anything (the dialog shows them by field)."""
        with self.db.uow() as uow:
            return OrderWriter(uow.session, self.shop).check(draft)[1]

    @guarded(Permission.WORK_ORDERS, "enter orders")
    def create_order(self, draft: OrderDraft, *, confirm: bool = False, reason: str = "") -> str:
        """Add an order from a draft and return its number (SO-000123); ValidationFailed lists every problem.

        With confirm=True the order is confirmed in the same step: reviewed, then held
        or allocated (see OrderFlow.confirm).
        """
        return self.create_orders([draft], confirm=confirm, skip_imported=False, reason=reason)[0].number

    @guarded(Permission.WORK_ORDERS, "enter orders")
    def create_orders(
        self, drafts: Sequence[OrderDraft], *, confirm: bool = False, skip_imported: bool = True, reason: str = ""
    ) -> list[CreatedOrder]:
        """Add several orders in one transaction: all of them or none (the file import and the sync use this).

        A draft whose channel order number was imported before is skipped and
        reported (created=False) when skip_imported, else refused as a problem.
        Problems are prefixed "order N" when more than one draft is given.
        """
        with self.db.uow() as uow:
            writer = OrderWriter(uow.session, self.shop)
            problems: list[Problem] = []
            ready: list[tuple[int, Prepared | None, CreatedOrder | None]] = []
            for n, draft in enumerate(drafts, start=1):
                channel = draft.channel.strip().casefold()
                if skip_imported and (found := writer.existing_number(channel, draft.channel_order_no.strip())):
                    ready.append((n, None, CreatedOrder(found, False, channel, draft.channel_order_no.strip())))
                    continue
                prepared, found_problems = writer.check(draft)
                prefix = f"order {n}, " if len(drafts) > 1 else ""
                problems += [Problem(prefix + p.where, p.message, p.found) for p in found_problems]
                ready.append((n, prepared, None))
            if problems:
                headline = "The order cannot be saved" if len(drafts) == 1 else "No order was saved"
                raise ValidationFailed(problems, headline)
            results: list[CreatedOrder] = []
            for _, prepared, skipped in ready:
                if skipped is not None:
                    results.append(skipped)
                    continue
                assert prepared is not None
                order = writer.write(prepared, reason=reason)
                if confirm:
                    confirm_in_session(uow.session, self.shop, order)
                results.append(CreatedOrder(order.number, True, order.channel, order.channel_order_no))
            uow.commit()
            return results

    @guarded(Permission.WORK_ORDERS, "change orders")
    def update_order(self, ref: rec.OrderRef, draft: OrderDraft, expected_version: int, reason: str = "") -> int:
        """Save an edit of a draft, confirmed or on-hold order; returns its new version.

        Refused when someone else changed the order since it was opened, or when it
        is already allocated (its stock is held: deallocate it first).
        """
        with self.db.uow() as uow:
            session = uow.session
            order = rec.load_order(session, ref)
            if order.version != expected_version:
                what = audit.changed_since(session, "order", order.id, order.version - expected_version)
                raise Conflict(
                    f"Order {order.number} was changed by someone else ({what}); reopen it to see the changes."
                )
            status = OrderStatus(order.status)
            if status not in EDITABLE:
                raise Conflict(
                    f"Order {order.number} is {status.value}; only draft, confirmed and on-hold orders can be edited"
                    + (" (deallocate it first to change its lines)" if status is OrderStatus.ALLOCATED else "")
                )
            writer = OrderWriter(session, self.shop)
            prepared, problems = writer.check(draft, own_id=order.id)
            if problems or prepared is None:
                raise ValidationFailed(problems, f"Order {order.number} cannot be saved")
            before = _audited(order)
            if draft.customer_id is not None:
                order.customer_id = draft.customer_id
            writer.apply(order, prepared)
            writer._flush(order)
            rec.refresh_search_text(session, order)
            after = _audited(order)
            rec.note(
                session,
                self.user,
                order,
                "edited",
                reason,
                **{k: (before[k], after[k]) for k in after if before[k] != after[k]},
            )
            uow.commit()
            return order.version

    def draft_of(self, ref: rec.OrderRef) -> tuple[OrderDraft, int]:
        """The order as a draft to edit in the dialog, and the version to hand back to update_order."""
        with self.db.uow() as uow:
            order = rec.load_order(uow.session, ref, for_update=False)
            draft = OrderDraft(
                lines=[
                    OrderLineDraft(
                        line.sku,
                        line.quantity,
                        line.unit_price,
                        line.discount,
                        line.name,
                        line.channel_line_id,
                    )
                    for line in order.lines
                ],
                channel=order.channel,
                channel_order_no=order.channel_order_no or "",
                customer_id=order.customer_id,
                ship_to=ShipTo(
                    order.ship_name,
                    order.ship_phone,
                    order.ship_country,
                    order.ship_province,
                    order.ship_city,
                    order.ship_district,
                    order.ship_street,
                    order.ship_postcode,
                ),
                placed_at=order.placed_at,
                currency=order.currency,
                allow_other_currency=True,  # it was accepted when entered
                shipping_fee=order.shipping_fee,
                platform_fee=order.platform_fee,
                payment_status=order.payment_status,
                paid_amount=order.paid_amount,
                payment_method=order.payment_method,
                buyer_remark=order.buyer_remark,
                internal_note=order.internal_note,
            )
            return draft, order.version


def _audited(order: SalesOrder) -> dict[str, object]:
    """The order fields whose edits the timeline shows."""
    return {
        "total": order.total,
        "shipping_fee": order.shipping_fee,
        "lines": "; ".join(f"{line.sku} × {line.quantity} @ {line.unit_price}" for line in order.lines),
        "ship_to": " ".join(
            filter(
                None,
                (order.ship_name, order.ship_province, order.ship_city, order.ship_district, order.ship_street),
            )
        ),
        "payment_status": order.payment_status,
        "buyer_remark": order.buyer_remark,
        "internal_note": order.internal_note,
    }
