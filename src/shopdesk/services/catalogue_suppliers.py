"""Who supplies each product, and on what terms (供应商货号, cost, lead time, 首选供应商)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Barcode, Product, ProductSupplier, Supplier
from shopdesk.domain.catalogue import check_amount, check_text, sku_key
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.money import decimal_to_minor
from shopdesk.domain.permissions import Permission
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.catalogue_editing import ProductEditing
from shopdesk.services.parties import check_lead_time, find_supplier


@dataclass(frozen=True)
class SupplierLink:
    """A supplier of a product and its terms; lead_time_days is None where the supplier's own applies
    (effective_lead_time_days says which holds), cost None when unknown or not shown to the role."""

    product_id: int
    sku: str
    product_name: str
    supplier_id: int
    supplier_code: str
    supplier_name: str
    supplier_sku: str
    cost: int | None
    lead_time_days: int | None
    effective_lead_time_days: int
    preferred: bool
    supplier_archived: bool


class ProductSuppliers(ProductEditing):
    """Who supplies a product (供应商货号, cost, lead time, 首选供应商), and what a supplier supplies."""

    @guarded(Permission.PURCHASE, "change product suppliers")
    def link_supplier(
        self,
        product: int | str,
        supplier: int | str,
        *,
        supplier_sku: str = "",
        cost: int | Decimal | None = None,
        lead_time_days: int | None = None,
        preferred: bool = False,
    ) -> None:
        """Say that a supplier supplies a product, or change the terms of a link already there.

        product is an id, SKU or barcode; supplier an id or code. cost is in minor units (an int)
        or an amount as written (Decimal("3.20")), None when unknown; lead_time_days None means the
        supplier's own lead time. The terms given replace the link's; a preferred link makes the
        product's other links not preferred (reorder suggestions order from the preferred one).
        """
        problems: list[Problem] = []
        minor = None
        if cost is not None:
            minor = self._link_cost(cost, problems)
        if msg := check_text("Supplier SKU", supplier_sku, 64):
            problems.append(Problem("supplier_sku", msg))
        if lead_time_days is not None and (lead := check_lead_time(lead_time_days)):
            problems.append(lead)
        with self.db.uow() as uow:
            found_product = self._linkable_product(uow.session, product, problems)
            found_supplier = self._linkable_supplier(uow.session, supplier, problems)
            if problems or found_product is None or found_supplier is None:
                raise ValidationFailed(problems, "The product's supplier cannot be saved")
            link = _link(uow.session, found_product.id, found_supplier.id)
            before = {} if link is None else _link_terms(link)
            if link is None:
                link = ProductSupplier(product_id=found_product.id, supplier_id=found_supplier.id)
                uow.session.add(link)
            link.supplier_sku, link.cost, link.lead_time_days, link.preferred = (
                supplier_sku.strip(),
                minor,
                lead_time_days,
                preferred,
            )
            if preferred:
                _only_preferred(uow.session, found_product.id, found_supplier.id)
            changes = audit.diff(before, _link_terms(link))
            if changes:
                audit.record(
                    uow.session,
                    self.shop.user,
                    "product",
                    found_product.id,
                    "supplier linked" if not before else "supplier terms changed",
                    label=found_product.sku,
                    changes=changes,
                    reason=found_supplier.code,
                )
            uow.commit()

    @guarded(Permission.PURCHASE, "change product suppliers")
    def unlink_supplier(self, product: int | str, supplier: int | str) -> None:
        """The supplier no longer supplies the product (purchase orders already written keep their lines)."""
        with self.db.uow() as uow:
            found_product, found_supplier, link = self._existing_link(uow.session, product, supplier)
            before = _link_terms(link)
            uow.session.delete(link)
            audit.record(
                uow.session,
                self.shop.user,
                "product",
                found_product.id,
                "supplier unlinked",
                label=found_product.sku,
                changes={k: (v, None) for k, v in before.items()},
                reason=found_supplier.code,
            )
            uow.commit()

    @guarded(Permission.PURCHASE, "change product suppliers")
    def set_preferred_supplier(self, product: int | str, supplier: int | str) -> None:
        """Make one of the product's suppliers its preferred one (首选供应商), and the others not."""
        with self.db.uow() as uow:
            found_product, found_supplier, link = self._existing_link(uow.session, product, supplier)
            if link.preferred:
                return
            link.preferred = True
            _only_preferred(uow.session, found_product.id, found_supplier.id)
            audit.record(
                uow.session,
                self.shop.user,
                "product",
                found_product.id,
                "preferred supplier set",
                label=found_product.sku,
                changes={"preferred": (False, True)},
                reason=found_supplier.code,
            )
            uow.commit()

    def product_suppliers(self, product: int | str) -> list[SupplierLink]:
        """Who supplies a product, the preferred one first; cost is None for a role that does not see costs."""
        with self.db.uow() as uow:
            found = _product_by_ref(uow.session, product)
            if found is None:
                raise NotFound(f"No product with SKU or barcode {product!r}")
            return self._links(uow.session, ProductSupplier.product_id == found.id)

    def supplier_products(self, supplier: int | str) -> list[SupplierLink]:
        """The products a supplier supplies, by SKU; cost is None for a role that does not see costs."""
        with self.db.uow() as uow:
            found = find_supplier(uow.session, supplier)
            return self._links(uow.session, ProductSupplier.supplier_id == found.id)

    def _links(self, session: Session, condition: Any) -> list[SupplierLink]:
        query = (
            select(
                Product.id,
                Product.sku,
                Product.name,
                Supplier.id,
                Supplier.code,
                Supplier.name,
                ProductSupplier.supplier_sku,
                ProductSupplier.cost,
                ProductSupplier.lead_time_days,
                func.coalesce(ProductSupplier.lead_time_days, Supplier.lead_time_days),
                ProductSupplier.preferred,
                Supplier.archived,
            )
            .join(Product, Product.id == ProductSupplier.product_id)
            .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
            .where(condition)
            .order_by(ProductSupplier.preferred.desc(), Product.sku_key, func.upper(Supplier.code))
        )
        # Twelve columns are typed as ten and *tuple[Any, ...], which mypy cannot spread over the twelve
        # fields (python/mypy#19692, a bug: such a tuple may have them all).
        links = [SupplierLink(*row) for row in session.execute(query)]  # type: ignore[call-arg]
        return links if self.costs_shown else [replace(link, cost=None) for link in links]

    def _link_cost(self, cost: int | Decimal, problems: list[Problem]) -> int | None:
        if isinstance(cost, bool) or not isinstance(cost, int | Decimal):
            problems.append(Problem("cost", "a cost is an amount like 3.20", str(cost)))
            return None
        if isinstance(cost, Decimal):
            try:
                cost = decimal_to_minor(cost, self.shop.money.exponent)
            except ValueError as exc:
                problems.append(Problem("cost", f"the cost {exc}", str(cost)))
                return None
        if msg := check_amount("Cost", cost):
            problems.append(Problem("cost", msg, str(cost)))
            return None
        return cost

    def _linkable_product(self, session: Session, product: int | str, problems: list[Problem]) -> Product | None:
        found = _product_by_ref(session, product)
        if found is None:
            problems.append(Problem("product", "no product has this SKU or barcode", str(product)))
        return found

    def _linkable_supplier(self, session: Session, supplier: int | str, problems: list[Problem]) -> Supplier | None:
        try:
            found = find_supplier(session, supplier)
        except NotFound:
            problems.append(Problem("supplier", "no supplier has this code", str(supplier)))
            return None
        if found.archived:
            problems.append(Problem("supplier", "this supplier is archived", found.code))
        return found

    def _existing_link(
        self, session: Session, product: int | str, supplier: int | str
    ) -> tuple[Product, Supplier, ProductSupplier]:
        found_product = _product_by_ref(session, product)
        if found_product is None:
            raise NotFound(f"No product with SKU or barcode {product!r}")
        found_supplier = find_supplier(session, supplier)
        link = _link(session, found_product.id, found_supplier.id)
        if link is None:
            raise NotFound(f"{found_supplier.code} does not supply {found_product.sku}")
        return found_product, found_supplier, link


def _product_by_ref(session: Session, ref: int | str) -> Product | None:
    """A product by id, SKU (any case) or barcode."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return session.get(Product, ref)
    code = str(ref).strip()
    found = session.scalar(select(Product).where(Product.sku_key == sku_key(code)))
    return found or session.scalar(select(Product).join(Barcode).where(Barcode.code == code))


def _link(session: Session, product_id: int, supplier_id: int) -> ProductSupplier | None:
    return session.scalar(
        select(ProductSupplier).where(
            ProductSupplier.product_id == product_id, ProductSupplier.supplier_id == supplier_id
        )
    )


def _only_preferred(session: Session, product_id: int, supplier_id: int) -> None:
    for other in session.scalars(
        select(ProductSupplier).where(
            ProductSupplier.product_id == product_id,
            ProductSupplier.supplier_id != supplier_id,
            ProductSupplier.preferred.is_(True),
        )
    ):
        other.preferred = False


def _link_terms(link: ProductSupplier) -> dict[str, object]:
    return {
        "supplier_sku": link.supplier_sku,
        "cost": link.cost,
        "lead_time_days": link.lead_time_days,
        "preferred": link.preferred,
    }
