"""Editing products one at a time: read, added, changed, archived or removed, with barcodes and categories."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.db.models import Barcode, Category, Product
from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ListingStatus, ProductDraft, sku_key, validate
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.search import search_key
from shopdesk.services import audit
from shopdesk.services.access import guarded

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


@dataclass
class ProductDetail:
    id: int
    version: int
    draft: ProductDraft
    archived: bool
    is_parent: bool
    variant_skus: list[str] = field(default_factory=list)
    # False for a role without VIEW_COSTS: draft.cost is then 0, not the product's cost.
    cost_shown: bool = True


def product_search_key(draft: ProductDraft) -> str:
    return search_key([draft.name, draft.alt_name, draft.variant_label], [draft.sku, *draft.barcodes])


class ProductEditing:
    """One product at a time: read, added, changed, archived or removed, with its barcodes and category."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @property
    def costs_shown(self) -> bool:
        """Whether the current role sees costs: without VIEW_COSTS lists, details and exports leave them out."""
        return self.shop.can(Permission.VIEW_COSTS)

    # Reading -----------------------------------------------------------------------
    def get_product(self, product_id: int) -> ProductDetail:
        with self.db.uow() as uow:
            product = uow.session.get(Product, product_id, options=[selectinload(Product.barcodes)])
            if product is None:
                raise NotFound(f"No product with id {product_id}")
            return self._detail(uow.session, product)

    def find_by_code(self, code: str) -> ProductDetail | None:
        """A product by SKU (any case) or by one of its barcodes, as a scanner reads it."""
        code = code.strip()
        with self.db.uow() as uow:
            product = uow.session.scalar(select(Product).where(Product.sku_key == sku_key(code)))
            if product is None:
                product = uow.session.scalar(select(Product).join(Barcode).where(Barcode.code == code))
            return None if product is None else self._detail(uow.session, product)

    def _detail(self, session: Session, product: Product) -> ProductDetail:
        parent_sku = ""
        if product.parent_id:
            parent_sku = session.scalar(select(Product.sku).where(Product.id == product.parent_id)) or ""
        variants = list(
            session.scalars(select(Product.sku).where(Product.parent_id == product.id).order_by(Product.sku))
        )
        draft = ProductDraft(
            sku=product.sku,
            name=product.name,
            price=product.price,
            cost=product.cost if self.costs_shown else 0,
            alt_name=product.alt_name,
            description=product.description,
            category_path=product.category.path if product.category else "",
            unit=product.unit,
            weight_g=product.weight_g,
            status=ListingStatus(product.status),
            barcodes=[b.code for b in product.barcodes],
            tags=list(product.tags or []),
            parent_sku=parent_sku,
            variant_label=product.variant_label,
        )
        return ProductDetail(
            product.id, product.version, draft, product.archived, product.is_parent, variants, self.costs_shown
        )

    def categories(self) -> list[tuple[int, str]]:
        """(id, path) of every category, in tree order."""
        with self.db.read() as conn:
            return [tuple(r) for r in conn.execute(select(Category.id, Category.path).order_by(Category.path))]  # type: ignore[misc]

    # Writing -----------------------------------------------------------------------
    @guarded(Permission.EDIT_CATALOGUE, "add products")
    def create_product(self, draft: ProductDraft) -> int:
        """Add a product; every problem is reported at once as ValidationFailed."""
        with self.db.uow() as uow:
            product = Product(sku=draft.sku.strip(), sku_key=sku_key(draft.sku))
            self._apply(uow.session, product, draft, is_new=True)
            uow.session.add(product)
            self._flush(uow.session, draft)
            audit.record(
                uow.session,
                self.shop.user,
                "product",
                product.id,
                "created",
                label=product.sku,
                changes=audit.diff({}, _audited(product)),
            )
            uow.commit()
            return product.id

    @guarded(Permission.EDIT_CATALOGUE, "change products")
    def update_product(self, product_id: int, draft: ProductDraft, expected_version: int) -> int:
        """Save an edit; refused if someone else saved the product since it was opened."""
        with self.db.uow() as uow:
            product = uow.session.get(Product, product_id, options=[selectinload(Product.barcodes)])
            if product is None:
                raise NotFound(f"No product with id {product_id}")
            if product.version != expected_version:
                what = audit.changed_since(uow.session, "product", product.id, product.version - expected_version)
                raise Conflict(
                    f"Product {product.sku} was changed by someone else ({what}); reopen it to see the changes."
                )
            before = _audited(product)
            product.sku = draft.sku.strip()
            product.sku_key = sku_key(draft.sku)
            self._apply(uow.session, product, draft, is_new=False)
            try:
                self._flush(uow.session, draft)
                changes = audit.diff(before, _audited(product))
                if changes:
                    audit.record(
                        uow.session, self.shop.user, "product", product.id, "edited", label=product.sku, changes=changes
                    )
                uow.commit()
            except StaleDataError as exc:
                raise Conflict(f"Product {draft.sku} was changed by someone else; reopen it.") from exc
            return product.version

    @guarded(Permission.EDIT_CATALOGUE, "archive products")
    def set_archived(self, product_id: int, archived: bool = True) -> None:
        with self.db.uow() as uow:
            product = uow.session.get(Product, product_id)
            if product is None:
                raise NotFound(f"No product with id {product_id}")
            before = _audited(product)
            product.archived = archived
            if archived and product.status == ListingStatus.LISTED:
                product.status = ListingStatus.DELISTED
            audit.record(
                uow.session,
                self.shop.user,
                "product",
                product.id,
                "archived" if archived else "restored",
                label=product.sku,
                changes=audit.diff(before, _audited(product)),
            )
            uow.commit()

    @guarded(Permission.EDIT_CATALOGUE, "remove products")
    def remove_product(self, product_id: int) -> str:
        """Delete a product nothing refers to; archive it once it has been used. Returns what was done."""
        with self.db.uow() as uow:
            product = uow.session.get(Product, product_id)
            if product is None:
                raise NotFound(f"No product with id {product_id}")
            try:
                with uow.session.begin_nested():
                    uow.session.delete(product)
                    uow.session.flush()
                uow.commit()
                return "deleted"
            except IntegrityError:
                pass
        self.set_archived(product_id, True)
        return "archived"

    @guarded(Permission.EDIT_CATALOGUE, "add categories")
    def ensure_category(self, path: str) -> int | None:
        with self.db.uow() as uow:
            category_id = category_id_for(uow.session, path)
            uow.commit()
            return category_id

    def _apply(self, session: Session, product: Product, draft: ProductDraft, *, is_new: bool) -> None:
        problems = validate(draft)
        clash = session.scalar(select(Product.id).where(Product.sku_key == sku_key(draft.sku)))
        if clash is not None and clash != product.id:
            problems.append(Problem("sku", "another product already has this SKU", draft.sku))
        problems += barcode_clashes(session, draft.barcodes, None if is_new else product.id)
        parent_id = None
        if draft.parent_sku:
            parent_id = session.scalar(select(Product.id).where(Product.sku_key == sku_key(draft.parent_sku)))
            if parent_id is None:
                problems.append(Problem("parent_sku", "no product has this parent SKU", draft.parent_sku))
        if problems:
            raise ValidationFailed(problems, f"Product {draft.sku or '(no SKU)'} cannot be saved")
        product.name = draft.name.strip()
        product.alt_name = draft.alt_name.strip()
        product.description = draft.description
        product.category_id = category_id_for(session, draft.category_path)
        product.unit = draft.unit
        product.price = draft.price
        if self.costs_shown or is_new:  # a role that does not see the cost cannot have meant to change it
            product.cost = draft.cost
        product.weight_g = draft.weight_g
        product.status = str(draft.status)
        product.tags = list(draft.tags)
        product.parent_id = parent_id
        product.variant_label = draft.variant_label.strip()
        product.search_text = product_search_key(draft)
        wanted = list(dict.fromkeys(c.strip() for c in draft.barcodes if c.strip()))
        product.barcodes = [b for b in product.barcodes if b.code in wanted]
        have = {b.code for b in product.barcodes}
        session.flush()  # removed barcodes leave before their codes are reused
        product.barcodes += [Barcode(code=c, kind=bc.classify(c)) for c in wanted if c not in have]
        if parent_id is not None:
            parent = session.get(Product, parent_id)
            assert parent is not None
            parent.is_parent = True

    def _flush(self, session: Session, draft: ProductDraft) -> None:
        try:
            session.flush()
        except IntegrityError as exc:  # a concurrent save won the race for the SKU or a barcode
            raise Conflict(f"Product {draft.sku} clashes with a product saved at the same time: {exc.orig}") from exc


def _audited(product: Product) -> dict[str, object]:
    """The product fields whose changes the audit trail keeps (prices, costs, status, identity)."""
    return {
        "sku": product.sku,
        "name": product.name,
        "price": product.price,
        "cost": product.cost,
        "status": product.status,
        "archived": product.archived,
    }


def barcode_clashes(session: Session, codes: Iterable[str], own_product_id: int | None) -> list[Problem]:
    codes = [c.strip() for c in codes if c.strip()]
    if not codes:
        return []
    query = select(Barcode.code, Product.sku).join(Product).where(Barcode.code.in_(codes))
    if own_product_id is not None:
        query = query.where(Barcode.product_id != own_product_id)
    return [Problem("barcodes", f"barcode already belongs to {sku}", code) for code, sku in session.execute(query)]


def category_id_for(session: Session, path: str) -> int | None:
    """The id of a category path like '服装/上衣/T恤', creating the missing levels."""
    parts = [p.strip() for p in path.split("/") if p.strip()]
    parent_id = None
    for depth in range(len(parts)):
        sub = "/".join(parts[: depth + 1])
        found = session.scalar(select(Category.id).where(Category.path == sub))
        if found is None:
            category = Category(parent_id=parent_id, name=parts[depth], path=sub)
            session.add(category)
            session.flush()
            found = category.id
        parent_id = found
    return parent_id
