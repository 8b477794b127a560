"""Customers and suppliers as records (客户 / 供应商)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from shopdesk.db.models import Customer, CustomerAddress, CustomerPhone, Supplier
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.privacy import mask_phone
from shopdesk.services.access import guarded

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


@dataclass
class CustomerDraft:
    name: str
    phones: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    channel: str = "manual"
    email: str = ""
    notes: str = ""


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


class Parties:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @guarded(Permission.WORK_ORDERS, "add customers")
    def create_customer(self, draft: CustomerDraft) -> int:
        problems = [
            Problem(where, msg)
            for where, msg in (
                ("name", check_text("Name", draft.name, 200, required=True)),
                ("notes", check_text("Notes", draft.notes, 5000)),
            )
            if msg
        ]
        if problems:
            raise ValidationFailed(problems, "Customer cannot be saved")
        with self.db.uow() as uow:
            customer = Customer(
                name=draft.name.strip(),
                channel=draft.channel,
                email=draft.email,
                notes=draft.notes,
                phones=[CustomerPhone(phone=p.strip()) for p in draft.phones if p.strip()],
                addresses=[CustomerAddress(**vars(a), is_default=(i == 0)) for i, a in enumerate(draft.addresses)],
            )
            uow.session.add(customer)
            uow.commit()
            return customer.id

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

    @guarded(Permission.PURCHASE, "add suppliers")
    def create_supplier(self, draft: SupplierDraft) -> int:
        problems = []
        if not draft.code.strip():
            problems.append(Problem("code", "supplier code is required"))
        if msg := check_text("Name", draft.name, 200, required=True):
            problems.append(Problem("name", msg))
        if draft.lead_time_days < 0:
            problems.append(Problem("lead_time_days", "lead time cannot be negative", str(draft.lead_time_days)))
        with self.db.uow() as uow:
            if uow.session.scalar(select(Supplier.id).where(Supplier.code == draft.code.strip())):
                problems.append(Problem("code", "another supplier has this code", draft.code))
            if problems:
                raise ValidationFailed(problems, "Supplier cannot be saved")
            supplier = Supplier(**{**vars(draft), "code": draft.code.strip(), "name": draft.name.strip()})
            uow.session.add(supplier)
            uow.commit()
            return supplier.id

    def suppliers(self) -> list[tuple[int, str, str, int]]:
        """(id, code, name, lead time) of every active supplier."""
        with self.db.read() as conn:
            query = (
                select(Supplier.id, Supplier.code, Supplier.name, Supplier.lead_time_days)
                .where(Supplier.archived.is_(False))
                .order_by(Supplier.code)
            )
            return [tuple(r) for r in conn.execute(query)]  # type: ignore[misc]
