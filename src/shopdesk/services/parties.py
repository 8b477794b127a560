"""Customers and suppliers as records (客户 / 供应商)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.db.models import Customer, CustomerAddress, CustomerPhone, ProductSupplier, Supplier
from shopdesk.db.models.base import utcnow
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.privacy import mask_phone
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.order_records import refresh_customer_search_texts

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


@dataclass
class Address:
    recipient: str = ""
    phone: str = ""
    country: str = "CN"
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""

    def lines(self) -> list[str]:
        """The address as it is written on a parcel, in the country's order."""
        if self.country in ("CN", "JP", "TW", "HK"):
            return [f"{self.province}{self.city}{self.district}{self.street}".strip(), self.postcode]
        return [self.street, f"{self.postcode} {self.city}".strip(), self.province, self.country]


_ADDRESS_FIELDS = ("recipient", "phone", "country", "province", "city", "district", "street", "postcode")


@dataclass
class CustomerDraft:
    name: str
    phones: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    channel: str = "manual"
    email: str = ""
    notes: str = ""
    default_address: int = 0  # which of `addresses` parcels go to unless the order says otherwise


@dataclass(frozen=True)
class CustomerRecord:
    """A customer as the edit form shows it: `version` goes back with the edit (someone else may save first)."""

    id: int
    version: int
    draft: CustomerDraft


def _customer_problems(draft: CustomerDraft) -> list[Problem]:
    """Everything wrong with a customer's record, at once."""
    problems = [
        Problem(where, msg)
        for where, msg in (
            ("name", check_text("Name", draft.name, 200, required=True)),
            ("channel", check_text("Channel", draft.channel, 32, required=True)),
            ("email", check_text("Email", draft.email, 200)),
            ("notes", check_text("Notes", draft.notes, 5000)),
        )
        if msg
    ]
    if draft.email.strip() and "@" not in draft.email:
        problems.append(Problem("email", "an email address has an @", draft.email))
    for n, phone in enumerate(draft.phones, start=1):
        if phone.strip() and not any(ch.isdigit() for ch in phone):
            problems.append(Problem(f"phone {n}", "a phone number has digits", phone))
        elif len(phone.strip()) > 40:
            problems.append(Problem(f"phone {n}", "a phone number has at most 40 characters", phone))
    for n, address in enumerate(draft.addresses, start=1):
        where = f"address {n}"
        if not address.city.strip():
            problems.append(Problem(where, "an address needs a city"))
        if not address.street.strip():
            problems.append(Problem(where, "an address needs a street"))
        for name, limit in (("recipient", 200), ("province", 100), ("city", 100), ("district", 100), ("postcode", 20)):
            if len(getattr(address, name).strip()) > limit:
                problems.append(Problem(where, f"the {name} has at most {limit} characters"))
        if address.phone.strip() and not any(ch.isdigit() for ch in address.phone):
            problems.append(Problem(where, "a phone number has digits", address.phone))
        if not (len(address.country.strip()) == 2 and address.country.strip().isalpha()):
            problems.append(Problem(where, "a country is a two-letter code like CN", address.country))
    if draft.addresses and not 0 <= draft.default_address < len(draft.addresses):
        problems.append(Problem("default_address", "the default address is one of the addresses"))
    return problems


def _address_values(address: Address) -> dict[str, str]:
    values = {name: getattr(address, name).strip() for name in _ADDRESS_FIELDS}
    values["country"] = values["country"].upper()
    return values


def _customer_audited(customer: Customer) -> dict[str, object]:
    """The customer's fields the audit trail keeps; personal ones (name, phones, addresses...) by those words,
    so the trail masks them for a role that may not see personal data."""
    return {
        "name": customer.name,
        "channel": customer.channel,
        "email": customer.email,
        "notes": customer.notes,
        "phones": [p.phone for p in customer.phones],
        "addresses": [
            " ".join(v for v in (a.recipient, a.phone, a.province, a.city, a.district, a.street, a.postcode) if v)
            + (" (default)" if a.is_default else "")
            for a in customer.addresses
        ],
    }


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    phone_masked: str
    channel: str
    city: str


@dataclass
class SupplierDraft:
    code: str
    name: str
    contact: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    lead_time_days: int = 7
    currency: str = ""
    notes: str = ""


MAX_LEAD_TIME_DAYS = 365
# The supplier's fields the audit trail keeps when they change.
_SUPPLIER_FIELDS = ("code", "name", "contact", "phone", "email", "address", "lead_time_days", "currency", "notes")


@dataclass(frozen=True)
class SupplierRow:
    """One line of the supplier list: `products` is how many products it supplies."""

    id: int
    code: str
    name: str
    contact: str
    phone: str
    email: str
    lead_time_days: int
    archived: bool
    products: int


@dataclass(frozen=True)
class SupplierDetail:
    id: int
    draft: SupplierDraft
    archived: bool
    products: int


def check_lead_time(days: object, where: str = "lead_time_days") -> Problem | None:
    """A lead time is whole days, 0 to a year (a supplier who needs longer is not a supplier to plan with)."""
    if isinstance(days, bool) or not isinstance(days, int):
        return Problem(where, "the lead time is a whole number of days", str(days))
    if days < 0:
        return Problem(where, "the lead time cannot be negative", str(days))
    if days > MAX_LEAD_TIME_DAYS:
        return Problem(where, f"the lead time is at most {MAX_LEAD_TIME_DAYS} days", str(days))
    return None


def find_supplier(session: Session, ref: int | str) -> Supplier:
    """A supplier by id or by code (any case)."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        found = session.get(Supplier, ref)
    else:
        found = session.scalar(select(Supplier).where(func.upper(Supplier.code) == str(ref).strip().upper()))
    if found is None:
        raise NotFound(f"No supplier {ref!r}" if isinstance(ref, str) else f"No supplier with id {ref}")
    return found


def _supplier_problems(session: Session, draft: SupplierDraft, own_id: int | None) -> list[Problem]:
    code = draft.code.strip()
    problems = []
    if not code:
        problems.append(Problem("code", "supplier code is required"))
    elif len(code) > 32 or any(ch.isspace() for ch in code):
        problems.append(Problem("code", "a supplier code is up to 32 characters, without spaces", draft.code))
    for where, label, limit, required in (
        ("name", "Name", 200, True),
        ("contact", "Contact", 100, False),
        ("phone", "Phone", 40, False),
        ("email", "Email", 200, False),
        ("address", "Address", 2000, False),
        ("notes", "Notes", 5000, False),
    ):
        if msg := check_text(label, getattr(draft, where), limit, required=required):
            problems.append(Problem(where, msg))
    if draft.email.strip() and "@" not in draft.email:
        problems.append(Problem("email", "an email address has an @", draft.email))
    if draft.currency and not (len(draft.currency) == 3 and draft.currency.isalpha()):
        problems.append(Problem("currency", "a currency is a three-letter code like CNY", draft.currency))
    if lead := check_lead_time(draft.lead_time_days):
        problems.append(lead)
    if code:
        clash = session.scalar(select(Supplier.id).where(func.upper(Supplier.code) == code.upper()))
        if clash is not None and clash != own_id:
            problems.append(Problem("code", "another supplier has this code", draft.code))
    return problems


def _supplier_values(draft: SupplierDraft) -> dict[str, object]:
    return {
        **vars(draft),
        "code": draft.code.strip(),
        "name": draft.name.strip(),
        "contact": draft.contact.strip(),
        "phone": draft.phone.strip(),
        "email": draft.email.strip(),
        "currency": draft.currency.strip().upper(),
    }


def _audited(supplier: Supplier) -> dict[str, object]:
    return {name: getattr(supplier, name) for name in (*_SUPPLIER_FIELDS, "archived")}


class Parties:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @guarded(Permission.WORK_ORDERS, "add customers")
    def create_customer(self, draft: CustomerDraft) -> int:
        """Add a customer; every problem (no name, a phone without digits, an address without a city...) at once."""
        problems = _customer_problems(draft)
        if problems:
            raise ValidationFailed(problems, "Customer cannot be saved")
        with self.db.uow() as uow:
            customer = Customer(
                name=draft.name.strip(),
                channel=draft.channel.strip(),
                email=draft.email.strip(),
                notes=draft.notes,
                phones=[CustomerPhone(phone=p.strip()) for p in draft.phones if p.strip()],
                addresses=[
                    CustomerAddress(**_address_values(a), is_default=(i == draft.default_address))
                    for i, a in enumerate(draft.addresses)
                ],
            )
            uow.session.add(customer)
            uow.session.flush()
            audit.record(
                uow.session,
                self.shop.user,
                "customer",
                customer.id,
                "created",
                label=customer.name,
                changes=audit.diff({}, _customer_audited(customer)),
            )
            uow.commit()
            return customer.id

    @guarded(Permission.WORK_ORDERS, "edit customers")
    def get_customer(self, customer_id: int) -> CustomerRecord:
        """A customer in full, as a draft to edit (phones and addresses unmasked: the clerk edits them)."""
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            addresses = [Address(**{name: getattr(a, name) for name in _ADDRESS_FIELDS}) for a in customer.addresses]
            default = next((i for i, a in enumerate(customer.addresses) if a.is_default), 0)
            draft = CustomerDraft(
                customer.name,
                [p.phone for p in customer.phones],
                addresses,
                customer.channel,
                customer.email,
                customer.notes,
                default,
            )
            return CustomerRecord(customer.id, customer.version, draft)

    @guarded(Permission.WORK_ORDERS, "edit customers")
    def update_customer(self, customer_id: int, draft: CustomerDraft, expected_version: int) -> int:
        """Save an edit of a customer: name, phones, addresses (added, changed, removed; the default one),
        channel, email, notes. Every problem at once; refused if someone else saved the customer since it
        was opened, or if the customer was erased. Audited; the customer's orders are found by the new name.
        Returns the new version."""
        problems = _customer_problems(draft)
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            if customer.erased_at is not None:
                raise Conflict(f"Customer {customer_id} was erased; an erased customer cannot be edited.")
            if problems:
                raise ValidationFailed(problems, f"Customer {customer.name} cannot be saved")
            if customer.version != expected_version:
                what = audit.changed_since(uow.session, "customer", customer.id, customer.version - expected_version)
                raise Conflict(
                    f"Customer {customer.name} was changed by someone else ({what}); reopen it to see the changes."
                )
            before = _customer_audited(customer)
            customer.name = draft.name.strip()
            customer.channel = draft.channel.strip()
            customer.email = draft.email.strip()
            customer.notes = draft.notes
            phones = [p.strip() for p in draft.phones if p.strip()]
            if [p.phone for p in customer.phones] != phones:
                customer.phones[:] = [CustomerPhone(phone=p) for p in phones]
            # Addresses are edited in place by position: the ones kept keep their rows.
            for i, address in enumerate(draft.addresses):
                values = {**_address_values(address), "is_default": i == draft.default_address}
                if i < len(customer.addresses):
                    row = customer.addresses[i]
                    for name, value in values.items():
                        if getattr(row, name) != value:
                            setattr(row, name, value)
                else:
                    customer.addresses.append(CustomerAddress(**values))
            del customer.addresses[len(draft.addresses) :]
            changes = audit.diff(before, _customer_audited(customer))
            if changes:
                # A change of phones or addresses alone is a new version of the customer too.
                customer.updated_at = utcnow()
                audit.record(
                    uow.session,
                    self.shop.user,
                    "customer",
                    customer.id,
                    "edited",
                    label=customer.name,
                    changes=changes,
                )
            try:
                uow.session.flush()
                if "name" in changes or "phones" in changes:
                    refresh_customer_search_texts(uow.session, customer.id)
                uow.commit()
            except StaleDataError as exc:
                raise Conflict(f"Customer {draft.name.strip()} was changed by someone else; reopen it.") from exc
            return customer.version

    def find_customers(self, text: str, limit: int = 50) -> list[CustomerRow]:
        """Customers whose name or phone contains the text; phones come back masked."""
        needle = f"%{text.strip()}%"
        with self.db.uow() as uow:
            query = (
                select(Customer)
                .options(selectinload(Customer.phones), selectinload(Customer.addresses))
                .where(Customer.erased_at.is_(None))
                .order_by(func.lower(Customer.name))
                .limit(limit)
            )
            if text.strip():
                phone_match = select(CustomerPhone.customer_id).where(CustomerPhone.phone.like(needle))
                query = query.where(or_(Customer.name.like(needle), Customer.id.in_(phone_match)))
            return [
                CustomerRow(
                    c.id,
                    c.name,
                    mask_phone(c.phones[0].phone) if c.phones else "",
                    c.channel,
                    c.addresses[0].city if c.addresses else "",
                )
                for c in uow.session.scalars(query)
            ]

    def customer_addresses(self, customer_id: int) -> list[Address]:
        with self.db.uow() as uow:
            customer = uow.session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(f"No customer with id {customer_id}")
            return [
                Address(a.recipient, a.phone, a.country, a.province, a.city, a.district, a.street, a.postcode)
                for a in customer.addresses
            ]

    # Suppliers (供应商) ------------------------------------------------------------------
    @guarded(Permission.PURCHASE, "add suppliers")
    def create_supplier(self, draft: SupplierDraft) -> int:
        """Add a supplier; every problem (empty name, a code already taken...) is reported at once."""
        with self.db.uow() as uow:
            problems = _supplier_problems(uow.session, draft, None)
            if problems:
                raise ValidationFailed(problems, "Supplier cannot be saved")
            supplier = Supplier(**_supplier_values(draft))
            uow.session.add(supplier)
            uow.session.flush()
            audit.record(
                uow.session,
                self.shop.user,
                "supplier",
                supplier.id,
                "created",
                label=supplier.code,
                changes=audit.diff({}, _audited(supplier)),
            )
            uow.commit()
            return supplier.id

    @guarded(Permission.PURCHASE, "change suppliers")
    def update_supplier(self, supplier: int | str, draft: SupplierDraft) -> None:
        """Save an edit of a supplier (its code too: purchase orders keep pointing at it)."""
        with self.db.uow() as uow:
            row = find_supplier(uow.session, supplier)
            problems = _supplier_problems(uow.session, draft, row.id)
            if problems:
                raise ValidationFailed(problems, f"Supplier {row.code} cannot be saved")
            before = _audited(row)
            for name, value in _supplier_values(draft).items():
                setattr(row, name, value)
            changes = audit.diff(before, _audited(row))
            if changes:
                audit.record(uow.session, self.shop.user, "supplier", row.id, "edited", label=row.code, changes=changes)
            uow.commit()

    @guarded(Permission.PURCHASE, "archive suppliers")
    def archive_supplier(self, supplier: int | str, archived: bool = True) -> None:
        """Archive a supplier (or bring it back): no new purchase orders or reorder suggestions go to it,
        and its purchase orders and product links stay as they were."""
        with self.db.uow() as uow:
            row = find_supplier(uow.session, supplier)
            if row.archived == archived:
                return
            row.archived = archived
            audit.record(
                uow.session,
                self.shop.user,
                "supplier",
                row.id,
                "archived" if archived else "restored",
                label=row.code,
                changes={"archived": (not archived, archived)},
            )
            uow.commit()

    def list_suppliers(self, text: str = "", *, include_archived: bool = False) -> list[SupplierRow]:
        """Suppliers by code, with how many products each supplies; text filters code, name, contact, phone."""
        supplied = (
            select(ProductSupplier.supplier_id, func.count().label("n"))
            .group_by(ProductSupplier.supplier_id)
            .subquery()
        )
        query = (
            select(
                Supplier.id,
                Supplier.code,
                Supplier.name,
                Supplier.contact,
                Supplier.phone,
                Supplier.email,
                Supplier.lead_time_days,
                Supplier.archived,
                func.coalesce(supplied.c.n, 0),
            )
            .outerjoin(supplied, supplied.c.supplier_id == Supplier.id)
            .order_by(func.upper(Supplier.code))
        )
        if not include_archived:
            query = query.where(Supplier.archived.is_(False))
        if text.strip():
            needle = text.strip()
            query = query.where(
                or_(
                    *(
                        column.icontains(needle, autoescape=True)
                        for column in (Supplier.code, Supplier.name, Supplier.contact, Supplier.phone)
                    )
                )
            )
        with self.db.read() as conn:
            return [SupplierRow(*row) for row in conn.execute(query)]

    def get_supplier(self, supplier: int | str) -> SupplierDetail:
        """A supplier by id or code (any case), as a draft to edit."""
        with self.db.uow() as uow:
            row = find_supplier(uow.session, supplier)
            products = uow.session.scalar(
                select(func.count()).select_from(ProductSupplier).where(ProductSupplier.supplier_id == row.id)
            )
            draft = SupplierDraft(**{name: getattr(row, name) for name in _SUPPLIER_FIELDS})
            return SupplierDetail(row.id, draft, row.archived, int(products or 0))

    def suppliers(self) -> list[tuple[int, str, str, int]]:
        """(id, code, name, lead time) of every active supplier."""
        with self.db.read() as conn:
            query = (
                select(Supplier.id, Supplier.code, Supplier.name, Supplier.lead_time_days)
                .where(Supplier.archived.is_(False))
                .order_by(Supplier.code)
            )
            return [tuple(r) for r in conn.execute(query)]  # type: ignore[misc]
