"""The Customers tab's use cases (客户关系管理): the list with what each customer bought, one customer in
full, duplicates by phone and merging them.

The list is filtered and sorted in SQL and read in pages (like the product and
order lists): a page of customers is found first, then their purchase figures
(orders, spent, last purchase: services/report_customers.py's definitions) are
read for that page only; sorting by a figure aggregates every customer's in one
query. Segments follow the shop's RFM rules, in SQL as in Python: "at most N
days ago" is "on or after local midnight N days before today". Phones are
masked in the list (138****5678) and shown in full only on the customer's page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import selectinload

from shopdesk.db.models import Base, Customer, CustomerAddress, CustomerPhone
from shopdesk.db.models.aftersales import Case
from shopdesk.db.models.orders import OrderRefund, SalesOrder
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.privacy import mask_name, mask_phone, mask_street
from shopdesk.reports.analytics import SEGMENTS, SegmentRules, average, days_between, segment_of
from shopdesk.services import audit
from shopdesk.services import order_records as rec
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_views import HistoryCase, HistoryOrder
from shopdesk.services.report_customers import contact_details, is_bought, purchase_stats, segment_rules_from

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

SORTS = ("name", "spent", "orders", "last_order")


@dataclass(frozen=True)
class CustomerFilter:
    """What the list shows: a frozen value, so the paged table model can keep it as its key."""

    text: str = ""  # name, phone or order number
    segment: str | None = None  # new, active, sleeping, lost; "none": never bought
    high_value_only: bool = False
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class CustomerListRow:
    id: int
    name: str
    phone: str  # masked
    region: str
    channel: str
    tags: tuple[str, ...]
    orders: int
    spent: int
    last_order: datetime | None
    segment: str  # "" when the customer never bought
    high_value: bool
    cases: int

    @property
    def average_order_value(self) -> int | None:
        return average(self.spent, self.orders)


@dataclass(frozen=True)
class CustomerDetail:
    row: CustomerListRow
    phones: list[str]  # in full: the clerk calls them
    addresses: list[str]
    email: str
    notes: str
    first_order: datetime | None
    orders: list[HistoryOrder]
    cases: list[HistoryCase]


@dataclass(frozen=True)
class DuplicateGroup:
    """Customers who share a phone number: probably one person entered twice."""

    phone: str  # masked
    customers: list[tuple[int, str, int]]  # (id, name, orders), the one with most orders first


@dataclass(frozen=True)
class MergeResult:
    kept: int
    merged: list[int]
    orders_moved: int
    cases_moved: int
    other_moved: dict[str, int] = field(default_factory=dict)  # table -> rows of other documents moved


def normalized_phone(phone: str) -> str:
    """Digits only, without China's +86 in front: the same phone typed two ways is one phone."""
    digits = re.sub(r"\D", "", phone)
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits


def _stats_query():  # type: ignore[no-untyped-def]
    refunds = (
        select(SalesOrder.customer_id.label("cid"), func.sum(OrderRefund.amount).label("refunded"))
        .join(SalesOrder, SalesOrder.id == OrderRefund.order_id)
        .where(is_bought())
        .group_by(SalesOrder.customer_id)
        .subquery()
    )
    orders = (
        select(
            SalesOrder.customer_id.label("cid"),
            func.count().label("orders"),
            func.sum(SalesOrder.goods_total).label("goods"),
            func.min(SalesOrder.placed_at).label("first"),
            func.max(SalesOrder.placed_at).label("last"),
        )
        .where(SalesOrder.customer_id.is_not(None), is_bought())
        .group_by(SalesOrder.customer_id)
        .subquery()
    )
    return orders, refunds


class Customers:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def rules(self) -> SegmentRules:
        """The shop's segment rules (services/reports.py sets them)."""
        return segment_rules_from(self.shop.setting("customer_segments"))

    # The list ------------------------------------------------------------------------------
    def _filtered(self, flt: CustomerFilter, rules: SegmentRules, now: datetime) -> Select:
        orders, refunds = _stats_query()
        spent = func.coalesce(orders.c.goods, 0) - func.coalesce(refunds.c.refunded, 0)
        query = (
            select(Customer.id)
            .outerjoin(orders, orders.c.cid == Customer.id)
            .outerjoin(refunds, refunds.c.cid == Customer.id)
            .where(Customer.erased_at.is_(None))
        )
        text = flt.text.strip()
        if text:
            needle = f"%{text.casefold()}%"
            digits = re.sub(r"\D", "", text)
            matches = [func.lower(Customer.name).like(needle)]
            if len(digits) >= 3:
                matches.append(
                    Customer.id.in_(select(CustomerPhone.customer_id).where(CustomerPhone.phone.like(f"%{digits}%")))
                )
            matches.append(
                Customer.id.in_(select(SalesOrder.customer_id).where(func.upper(SalesOrder.number) == text.upper()))
            )
            query = query.where(or_(*matches))
        if flt.segment:
            if flt.segment == "none":
                query = query.where(orders.c.orders.is_(None))
            elif flt.segment in SEGMENTS:
                query = query.where(_segment_condition(flt.segment, orders.c.first, orders.c.last, rules, now))
            else:
                raise ValidationFailed(
                    [Problem("segment", f"one of {', '.join(SEGMENTS)} or none", flt.segment)], "No customer list"
                )
        if flt.high_value_only:
            query = query.where(spent >= rules.high_value_spent * 10**self.shop.money.exponent)
        sort = {
            "spent": spent,
            "orders": func.coalesce(orders.c.orders, 0),
            "last_order": orders.c.last,
        }.get(flt.sort, func.lower(Customer.name))
        order = (sort.desc(), Customer.id.desc()) if flt.descending else (sort.asc(), Customer.id.asc())
        return query.order_by(*order)

    def count(self, flt: CustomerFilter = CustomerFilter()) -> int:
        """How many customers the filter shows."""
        query = self._filtered(flt, self.rules(), datetime.now(UTC)).order_by(None)
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())

    def page(self, flt: CustomerFilter = CustomerFilter(), offset: int = 0, limit: int = 200) -> list[CustomerListRow]:
        """One page of the list, sorted in SQL; purchase figures read for the page's customers only."""
        rules, now = self.rules(), datetime.now(UTC)
        with self.db.read() as conn:
            ids = list(conn.execute(self._filtered(flt, rules, now).offset(offset).limit(limit)).scalars())
            return self._rows(conn, ids, rules, now)

    def rows_by_id(self, ids: Sequence[int]) -> list[CustomerListRow]:
        rules, now = self.rules(), datetime.now(UTC)
        with self.db.read() as conn:
            return self._rows(conn, list(ids), rules, now)

    def _rows(self, conn: Any, ids: list[int], rules: SegmentRules, now: datetime) -> list[CustomerListRow]:
        if not ids:
            return []
        stats = purchase_stats(conn, now, ids)
        people = {
            cid: (name, channel, tuple(tags or ()))
            for cid, name, channel, tags in conn.execute(
                select(Customer.id, Customer.name, Customer.channel, Customer.tags).where(Customer.id.in_(ids))
            )
        }
        cases = dict(
            conn.execute(
                select(Case.customer_id, func.count()).where(Case.customer_id.in_(ids)).group_by(Case.customer_id)
            ).all()
        )
        contacts = contact_details(conn, ids)
        scale = 10**self.shop.money.exponent
        rows = []
        for cid in ids:
            if cid not in people:
                continue
            name, channel, tags = people[cid]
            orders, first, last, spent = stats.get(cid, (0, None, None, 0))
            segment = "" if last is None else segment_of(days_between(first, now), days_between(last, now), rules)
            phone, region = contacts[cid]
            rows.append(
                CustomerListRow(
                    cid,
                    name,
                    mask_phone(phone) if phone else "",
                    region,
                    channel,
                    tags,
                    orders,
                    spent,
                    last,
                    segment,
                    orders > 0 and spent >= rules.high_value_spent * scale,
                    int(cases.get(cid, 0)),
                )
            )
        return rows

    # One customer ---------------------------------------------------------------------------
    def detail(self, customer_id: int, history: int = 100) -> CustomerDetail:
        """Everything about one customer: figures, contacts (in full for a role with VIEW_PERSONAL_DATA),
        orders and after-sales cases."""
        rows = self.rows_by_id([customer_id])
        if not rows:
            raise NotFound(f"No customer with id {customer_id}")
        past = self.shop.aftersales.customer_history(customer_id, limit=history)
        with self.db.uow() as uow:
            customer = uow.session.scalars(
                select(Customer)
                .options(selectinload(Customer.phones), selectinload(Customer.addresses))
                .where(Customer.id == customer_id)
            ).one()
            first = uow.session.scalar(
                select(func.min(SalesOrder.placed_at)).where(SalesOrder.customer_id == customer_id, is_bought())
            )
            # A role without VIEW_PERSONAL_DATA (the accountant) gets phones and streets masked.
            full = self.shop.can(Permission.VIEW_PERSONAL_DATA)
            return CustomerDetail(
                rows[0],
                [p.phone if full else mask_phone(p.phone) for p in customer.phones],
                [
                    " ".join(
                        p
                        for p in (
                            a.recipient if full else mask_name(a.recipient),
                            a.phone if full or not a.phone else mask_phone(a.phone),
                            a.province,
                            a.city,
                            a.district,
                            a.street if full else mask_street(a.street),
                            a.postcode,
                        )
                        if p
                    )
                    for a in customer.addresses
                ],
                customer.email,
                customer.notes,
                first,
                past.orders,
                past.cases,
            )

    @guarded(Permission.WORK_ORDERS, "change customers")
    def set_tags(self, customer_id: int, tags: Sequence[str]) -> None:
        """Replace a customer's tags (e.g. VIP, 批发); audited."""
        cleaned = sorted({t.strip() for t in tags if t.strip()})
        if any(len(t) > 32 for t in cleaned):
            raise ValidationFailed([Problem("tags", "a tag has at most 32 characters", ", ".join(cleaned))])
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id, with_for_update=True)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            before = list(customer.tags or [])
            if before != cleaned:
                customer.tags = cleaned
                uow.session.flush()
                audit.record(
                    uow.session,
                    self.shop.user,
                    "customer",
                    customer.id,
                    "edited",
                    label=customer.name,
                    changes={"tags": (before, cleaned)},
                )
            uow.commit()

    # Duplicates -------------------------------------------------------------------------------
    def duplicates(self) -> list[DuplicateGroup]:
        """Groups of customers with the same phone number (typed with or without +86, spaces or dashes)."""
        with self.db.read() as conn:
            by_phone: dict[str, set[int]] = defaultdict(set)
            for cid, phone in conn.execute(
                select(CustomerPhone.customer_id, CustomerPhone.phone)
                .join(Customer, Customer.id == CustomerPhone.customer_id)
                .where(Customer.erased_at.is_(None))
            ):
                key = normalized_phone(phone)
                if len(key) >= 5:
                    by_phone[key].add(cid)
            groups = {phone: ids for phone, ids in by_phone.items() if len(ids) > 1}
            ids = sorted({cid for members in groups.values() for cid in members})
            if not ids:
                return []
            names = dict(conn.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids))).all())
            counts = dict(
                conn.execute(
                    select(SalesOrder.customer_id, func.count())
                    .where(SalesOrder.customer_id.in_(ids))
                    .group_by(SalesOrder.customer_id)
                ).all()
            )
        return sorted(
            (
                DuplicateGroup(
                    mask_phone(phone),
                    sorted(((c, names[c], int(counts.get(c, 0))) for c in members), key=lambda m: (-m[2], m[0])),
                )
                for phone, members in groups.items()
            ),
            key=lambda g: g.customers[0][1],
        )

    @guarded(Permission.WORK_ORDERS, "merge customers")
    def merge(self, keep: int, others: Sequence[int], reason: str = "") -> MergeResult:
        """Make one customer of several: orders, cases and every other document move to `keep`,
        with the phones, addresses and tags; the others are removed. Audited on every customer."""
        merged = sorted({int(o) for o in others} - {keep})
        if not merged:
            raise ValidationFailed([Problem("others", "name at least one other customer to merge")], "Nothing merged")
        with self.db.uow() as uow:
            session = uow.session
            found = {
                c.id: c
                for c in session.scalars(
                    select(Customer)
                    .options(selectinload(Customer.phones), selectinload(Customer.addresses))
                    .where(Customer.id.in_([keep, *merged]))
                    .with_for_update()
                )
            }
            missing = [cid for cid in [keep, *merged] if cid not in found]
            if missing:
                raise NotFound(f"No customer with id {', '.join(map(str, missing))}")
            if any(found[cid].erased_at is not None for cid in [keep, *merged]):
                raise Conflict("An erased customer cannot be merged")
            kept = found[keep]
            moved: dict[str, int] = {}
            # Every document that names a customer, found from the schema: a table added later moves too.
            for table in Base.metadata.sorted_tables:
                if table.name in ("customer_phone", "customer_address"):
                    continue
                for fk in table.foreign_keys:
                    if fk.column.table.name == "customer" and fk.column.name == "id":
                        result = session.execute(
                            update(table).where(fk.parent.in_(merged)).values({fk.parent.name: keep})
                        )
                        moved[table.name] = moved.get(table.name, 0) + int(getattr(result, "rowcount", 0) or 0)
            phones = {normalized_phone(p.phone) for p in kept.phones}
            has_default = any(a.is_default for a in kept.addresses)
            tags = set(kept.tags or [])
            notes = [kept.notes] if kept.notes else []
            for cid in merged:
                other = found[cid]
                for phone in other.phones:
                    if normalized_phone(phone.phone) not in phones:
                        phones.add(normalized_phone(phone.phone))
                        kept.phones.append(CustomerPhone(phone=phone.phone))
                for address in other.addresses:
                    kept.addresses.append(
                        CustomerAddress(
                            **{
                                k: getattr(address, k)
                                for k in (
                                    "recipient",
                                    "phone",
                                    "country",
                                    "province",
                                    "city",
                                    "district",
                                    "street",
                                    "postcode",
                                )
                            },
                            is_default=not has_default and address.is_default,
                        )
                    )
                    has_default = has_default or address.is_default
                tags |= set(other.tags or [])
                if other.notes:
                    notes.append(other.notes)
                if not kept.email and other.email:
                    kept.email = other.email
            kept.tags = sorted(tags)
            kept.notes = "\n".join(notes)
            session.flush()
            for cid in merged:
                audit.record(
                    session,
                    self.shop.user,
                    "customer",
                    cid,
                    "merged",
                    label=found[cid].name,
                    changes={"merged_into": (None, keep)},
                    reason=reason or "duplicate customer (same phone)",
                )
            audit.record(
                session,
                self.shop.user,
                "customer",
                keep,
                "merged",
                label=kept.name,
                changes={"merged": (None, merged), **{k: (None, v) for k, v in moved.items() if v}},
                reason=reason or "duplicate customer (same phone)",
            )
            session.execute(delete(Customer).where(Customer.id.in_(merged)))
            # The order list's search finds an order by its customer's name: the moved orders get the kept one's.
            for order in session.scalars(select(SalesOrder).where(SalesOrder.customer_id == keep)):
                rec.refresh_search_text(session, order)
            uow.commit()
        return MergeResult(
            keep,
            merged,
            moved.get("sales_order", 0),
            moved.get("aftersales_case", 0),
            {k: v for k, v in moved.items() if v},
        )


def _segment_condition(segment: str, first: Any, last: Any, rules: SegmentRules, now: datetime) -> Any:
    today = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)

    def since(days: int) -> datetime:
        return (today.replace(tzinfo=None) - timedelta(days=days)).astimezone()

    new = first >= since(rules.new_days)
    if segment == "new":
        return new
    if segment == "active":
        return ~new & (last >= since(rules.active_days))
    if segment == "sleeping":
        return ~new & (last < since(rules.active_days)) & (last >= since(rules.lost_days))
    return ~new & (last < since(rules.lost_days))
