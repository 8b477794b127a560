"""Catalogue use cases: products, variants, categories, barcodes (商品管理)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, Row, Select, bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.db import search_index
from shopdesk.db.models import Barcode, Category, Product, ProductSupplier, Supplier
from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ListingStatus, ProductDraft, check_amount, check_text, sku_key, validate
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.money import decimal_to_minor
from shopdesk.domain.permissions import Permission
from shopdesk.domain.search import normalize_query, search_key
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.parties import check_lead_time, find_supplier

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


@dataclass(frozen=True)
class ProductRow:
    """One line of the product list; cost is None for a role that may not see costs."""

    id: int
    sku: str
    name: str
    alt_name: str
    variant_label: str
    category: str
    price: int
    cost: int | None
    status: str
    archived: bool
    is_parent: bool
    barcode: str = ""


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


SORT_COLUMNS = {
    "sku": Product.sku_key,
    "name": Product.name,
    "category": Category.path,
    "price": Product.price,
    "cost": Product.cost,
    "status": Product.status,
}


@dataclass(frozen=True)
class ProductFilter:
    """What the product list shows: a search text and filters, sorted in SQL."""

    text: str = ""
    category_id: int | None = None
    status: str | None = None
    include_archived: bool = False
    sort: str = "sku"
    descending: bool = False


FEW_MATCHES = 2000
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)  # a list of ids, bound as it is (no coercion)


@dataclass(frozen=True)
class ProductMatches:
    """How many products a filter shows; when there are few, their ids in list order."""

    count: int
    ids: list[int] | None


def product_search_key(draft: ProductDraft) -> str:
    return search_key([draft.name, draft.alt_name, draft.variant_label], [draft.sku, *draft.barcodes])


class Catalogue:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Reading -----------------------------------------------------------------------
    def _filtered(self, query: Select, flt: ProductFilter, subtree: Sequence[int] | None) -> Select:
        if flt.text.strip():
            query = query.where(search_index.contains(self.db.engine, Product.search_text, normalize_query(flt.text)))
        if subtree is not None:
            query = query.where(Product.category_id.in_(subtree))
        if flt.status:
            query = query.where(Product.status == flt.status)
        if not flt.include_archived:
            query = query.where(Product.archived.is_(False))
        return query

    def _subtree(self, conn, category_id: int | None) -> list[int] | None:  # type: ignore[no-untyped-def]
        if category_id is None:
            return None
        path = conn.execute(select(Category.path).where(Category.id == category_id)).scalar()
        if path is None:
            return []
        like = path.replace("%", "\\%").replace("_", "\\_") + "/%"
        return list(
            conn.execute(
                select(Category.id).where(or_(Category.id == category_id, Category.path.like(like, escape="\\")))
            ).scalars()
        )

    def count_products(self, flt: ProductFilter = ProductFilter()) -> int:
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            query = self._filtered(select(func.count()).select_from(Product), flt, subtree)
            return int(conn.execute(query).scalar_one())

    def list_products(
        self, flt: ProductFilter = ProductFilter(), offset: int = 0, limit: int = 200
    ) -> list[ProductRow]:
        """One page of the product list, filtered and sorted in SQL."""
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            query = (
                self._filtered(_list_query(), flt, subtree).order_by(*self._ordering(flt)).offset(offset).limit(limit)
            )
            return self._with_barcodes(conn, conn.execute(query).all())

    def match_products(self, flt: ProductFilter = ProductFilter(), few: int = FEW_MATCHES) -> ProductMatches:
        """How many products the list shows, found in one pass over the table; their ids too when few match.

        A substring search cannot use an index, so each keystroke in the search field
        costs a scan, and a count plus a first page would cost two. Here the first
        `few` + 1 matches are read in id order: when that is all of them, their ids come
        back sorted as the list sorts (pages are then read by id, see products_by_id);
        otherwise only the rows after the last one read are counted.
        """
        with self.db.read() as conn:
            subtree = self._subtree(conn, flt.category_id)
            counted = self._filtered(select(func.count()).select_from(Product), flt, subtree)
            if not flt.text.strip():  # without a search text the indexes answer the count on their own
                return ProductMatches(int(conn.execute(counted).scalar_one()), None)
            first = (
                conn.execute(self._filtered(select(Product.id), flt, subtree).order_by(Product.id).limit(few + 1))
                .scalars()
                .all()  # fetchall: a row-by-row fetch costs more than the query here
            )
            if len(first) <= few:
                if not first:
                    return ProductMatches(0, [])
                in_order = _list_query(Product.id).where(Product.id.in_(_IDS)).order_by(*self._ordering(flt))
                return ProductMatches(len(first), list(conn.execute(in_order, {"ids": first}).scalars().all()))
            rest = counted.where(Product.id > first[few - 1])
            return ProductMatches(few + int(conn.execute(rest).scalar_one()), None)

    def products_by_id(self, ids: Sequence[int]) -> list[ProductRow]:
        """List lines of the given products, in the order given; ids no longer there are left out."""
        with self.db.read() as conn:
            found = {r.id: r for r in conn.execute(_list_query().where(Product.id.in_(_IDS)), {"ids": list(ids)})}
            return self._with_barcodes(conn, [found[i] for i in ids if i in found])

    @property
    def costs_shown(self) -> bool:
        """Whether the current role sees costs: without VIEW_COSTS lists, details and exports leave them out."""
        return self.shop.can(Permission.VIEW_COSTS)

    def _ordering(self, flt: ProductFilter) -> list[Any]:
        # Sorting by a hidden cost would still give it away: such a list sorts by SKU.
        return _ordering(flt if self.costs_shown or flt.sort != "cost" else replace(flt, sort="sku"))

    def _with_barcodes(self, conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]]) -> list[ProductRow]:
        found = _with_barcodes(conn, rows)
        return found if self.costs_shown else [replace(r, cost=None) for r in found]

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

    # Who supplies a product (供应商货号, cost, lead time, 首选供应商) ------------------------
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


def _list_query(*columns: Any) -> Select:
    """The product list's select (its columns, or the given ones) with the category joined for sorting."""
    columns = columns or (
        Product.id,
        Product.sku,
        Product.name,
        Product.alt_name,
        Product.variant_label,
        func.coalesce(Category.path, "").label("category"),
        Product.price,
        Product.cost,
        Product.status,
        Product.archived,
        Product.is_parent,
    )
    return select(*columns).select_from(Product).outerjoin(Category, Product.category_id == Category.id)


def _ordering(flt: ProductFilter) -> list[Any]:
    sort_col = SORT_COLUMNS.get(flt.sort, Product.sku_key)
    return [
        sort_col.desc() if flt.descending else sort_col.asc(),
        Product.id.desc() if flt.descending else Product.id,
    ]


def _with_barcodes(conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]]) -> list[ProductRow]:
    """ProductRows with the first barcode of each product (one query for the whole page)."""
    first_barcode: dict[int, str] = {}
    if rows:
        for pid, code in conn.execute(
            select(Barcode.product_id, Barcode.code)
            .where(Barcode.product_id.in_([r.id for r in rows]))
            .order_by(Barcode.id.desc())
        ):
            first_barcode[pid] = code
    return [ProductRow(**r._asdict(), barcode=first_barcode.get(r.id, "")) for r in rows]  # columns named as fields


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
