"""The stock list (库存列表): on hand, reserved, available and value per product, filtered and sorted in SQL.

For the Stock tab's paged table over 100,000 products. A page is the
products' page plus one query for the balances of those 200 products. A stock
condition or a sort by a quantity uses a correlated sum per product (one
index lookup each) rather than grouping every balance of the shop: "at or
below the warning line" only sums the products that have a line, "out of
stock" stops at the first place with stock. Quantities count warehouses,
zones and bins (a warehouse filter counts that warehouse only); the value is
the product's valuation, shared by quantity when one warehouse is shown.

Warning lines (预警线) as services/reorder.py low_stock reads them: in one
warehouse, the warehouse's own line for the product, else the product's;
for the whole shop, a product is low when it is low against its shop-wide
line or in any warehouse that has a line of its own for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, func, or_, select

from shopdesk.db.models import (
    Category,
    Location,
    Product,
    ProductWarehouse,
    StockBalance,
    StockLevel,
    StockValuation,
)
from shopdesk.domain.permissions import Permission
from shopdesk.domain.search import normalize_query
from shopdesk.domain.stock import PHYSICAL_KINDS, share

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

_PHYSICAL = tuple(sorted(PHYSICAL_KINDS))


@dataclass(frozen=True)
class StockFilter:
    text: str = ""
    warehouse_id: int | None = None
    category_id: int | None = None
    below_warning: bool = False  # available ≤ warning line (a line is set; see the module's note)
    zero_stock: bool = False  # no place (in the warehouse shown) has any on hand
    sort: str = "sku"  # sku, name, on_hand, available
    descending: bool = False


@dataclass(frozen=True)
class StockRow:
    product_id: int
    sku: str
    name: str
    category: str
    unit: str
    on_hand: int
    reserved: int
    warning_line: int  # the shop-wide line; the warehouse's own (else the shop-wide) when one warehouse is shown
    value: int | None  # minor units; None for a role that may not see stock value (VIEW_COSTS)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def low(self) -> bool:
        return self.warning_line > 0 and self.available <= self.warning_line


@dataclass(frozen=True)
class LevelSetting:
    """A product's safety stock and warning line for the whole shop (warehouse "") or one warehouse.

    In a warehouse, None means the product's shop-wide figure applies there.
    """

    warehouse_id: int | None
    warehouse: str
    safety_stock: int | None
    warning_line: int | None


def _in_warehouse(warehouse_id: Any) -> Any:
    return (Location.warehouse_id == warehouse_id) | (Location.id == warehouse_id)


def _sums(warehouse_id: int | None) -> Select:
    """On hand and reserved per product in warehouses, zones and bins (of one warehouse, if given)."""
    query = (
        select(
            StockBalance.product_id.label("product_id"),
            func.sum(StockBalance.on_hand).label("on_hand"),
            func.sum(StockBalance.reserved).label("reserved"),
        )
        .join(Location, Location.id == StockBalance.location_id)
        .where(Location.kind.in_(_PHYSICAL))
        .group_by(StockBalance.product_id)
    )
    if warehouse_id is not None:
        query = query.where(_in_warehouse(warehouse_id))
    return query


def _here(warehouse_id: int | None, *conditions: Any) -> Any:
    """Balances of the listed product in warehouses, zones and bins (of one warehouse, if given)."""
    where = [StockBalance.product_id == Product.id, Location.kind.in_(_PHYSICAL), *conditions]
    if warehouse_id is not None:
        where.append(_in_warehouse(warehouse_id))
    return where


def _per_product(expression: Any, warehouse_id: int | None) -> Any:
    """A correlated sum over the listed product's balances: one index lookup per product, no grouping of them all."""
    return func.coalesce(
        select(func.sum(expression))
        .select_from(StockBalance)
        .join(Location, Location.id == StockBalance.location_id)
        .where(*_here(warehouse_id))
        .correlate(Product)
        .scalar_subquery(),
        0,
    )


def _warehouse_line(warehouse_id: int) -> Any:
    """The product's line in one warehouse: the warehouse's own, else the shop-wide one, else 0."""
    own = (
        select(ProductWarehouse.warning_line)
        .where(ProductWarehouse.product_id == Product.id, ProductWarehouse.warehouse_id == warehouse_id)
        .correlate(Product)
        .scalar_subquery()
    )
    shop_wide = select(StockLevel.warning_line).where(StockLevel.product_id == Product.id).correlate(Product)
    return func.coalesce(own, shop_wide.scalar_subquery(), 0)


def _low(warehouse_id: int | None, available: Any) -> Any:
    """At or below the warning line; only the products with a line are summed (the line is tested first)."""
    if warehouse_id is not None:
        line = _warehouse_line(warehouse_id)
        return and_(line > 0, available <= line)
    shop_wide = (
        select(StockLevel.product_id)
        .where(StockLevel.product_id == Product.id, StockLevel.warning_line > 0)
        .where(available <= StockLevel.warning_line)
        .correlate(Product)
    )
    here = (
        select(func.coalesce(func.sum(StockBalance.on_hand - StockBalance.reserved), 0))
        .select_from(StockBalance)
        .join(Location, Location.id == StockBalance.location_id)
        .where(
            StockBalance.product_id == Product.id,
            Location.kind.in_(_PHYSICAL),
            _in_warehouse(ProductWarehouse.warehouse_id),
        )
        .correlate(Product, ProductWarehouse)
        .scalar_subquery()
    )
    in_a_warehouse = (
        select(ProductWarehouse.id)
        .where(ProductWarehouse.product_id == Product.id, ProductWarehouse.warning_line > 0)
        .where(here <= ProductWarehouse.warning_line)
        .correlate(Product)
    )
    return or_(shop_wide.exists(), in_a_warehouse.exists())


class StockLevels:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def _query(self, flt: StockFilter, *columns: Any) -> tuple[Select, dict[str, Any]]:
        query = select(*columns).select_from(Product).where(Product.archived.is_(False), Product.is_parent.is_(False))
        if flt.text.strip():
            needle = normalize_query(flt.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Product.search_text.like(f"%{needle}%", escape="\\"))
        if flt.category_id is not None:
            path = select(Category.path).where(Category.id == flt.category_id).scalar_subquery()
            subtree = select(Category.id).where(or_(Category.id == flt.category_id, Category.path.like(path + "/%")))
            query = query.where(Product.category_id.in_(subtree))
        on_hand = _per_product(StockBalance.on_hand, flt.warehouse_id)
        available = _per_product(StockBalance.on_hand - StockBalance.reserved, flt.warehouse_id)
        if flt.zero_stock:  # nothing on hand in any place (stops at the first place with stock)
            on_shelf = (
                select(StockBalance.id)
                .join(Location, Location.id == StockBalance.location_id)
                .where(*_here(flt.warehouse_id, StockBalance.on_hand > 0))
                .correlate(Product)
            )
            query = query.where(~on_shelf.exists())
        if flt.below_warning:
            query = query.where(_low(flt.warehouse_id, available))
        return query, {"on_hand": on_hand, "available": available}

    def count(self, flt: StockFilter) -> int:
        """How many products the filter shows."""
        query, _ = self._query(flt, func.count())
        with self.db.read() as conn:
            return int(conn.execute(query).scalar_one())

    def page(self, flt: StockFilter, offset: int, limit: int) -> list[StockRow]:
        """One page of the list, sorted in SQL."""
        query, sums = self._query(flt, Product.id)
        sort_col = {"name": Product.name, **sums}.get(flt.sort, Product.sku_key)
        order = [sort_col.desc() if flt.descending else sort_col.asc(), Product.sku_key, Product.id]
        with self.db.read() as conn:
            ids = list(conn.execute(query.order_by(*order).offset(offset).limit(limit)).scalars())
            return self._rows(conn, ids, flt.warehouse_id)

    def _rows(self, conn, ids: Sequence[int], warehouse_id: int | None) -> list[StockRow]:  # type: ignore[no-untyped-def]
        if not ids:
            return []
        products = {
            r.id: r
            for r in conn.execute(
                select(
                    Product.id,
                    Product.sku,
                    Product.name,
                    Product.variant_label,
                    Product.unit,
                    func.coalesce(Category.path, "").label("category"),
                    func.coalesce(StockLevel.warning_line, 0).label("warning_line"),
                    func.coalesce(StockValuation.quantity, 0).label("owned"),
                    func.coalesce(StockValuation.value, 0).label("value"),
                )
                .outerjoin(Category, Category.id == Product.category_id)
                .outerjoin(StockLevel, StockLevel.product_id == Product.id)
                .outerjoin(StockValuation, StockValuation.product_id == Product.id)
                .where(Product.id.in_(ids))
            )
        }
        sums = {
            pid: (int(on_hand), int(reserved))
            for pid, on_hand, reserved in conn.execute(_sums(warehouse_id).where(StockBalance.product_id.in_(ids)))
        }
        lines = {pid: p.warning_line for pid, p in products.items()}
        if warehouse_id is not None:  # the line that applies in this warehouse
            query = select(Product.id, _warehouse_line(warehouse_id)).where(Product.id.in_(ids))
            lines = {pid: int(line or 0) for pid, line in conn.execute(query)}
        rows: list[StockRow] = []
        costs_shown = self.shop.can(Permission.VIEW_COSTS)
        for pid in ids:
            p = products[pid]
            on_hand, reserved = sums.get(pid, (0, 0))
            value = p.value
            if warehouse_id is not None:  # this warehouse's share of the product's value
                value = share(p.value, on_hand, p.owned) if 0 < on_hand <= p.owned else 0
            name = f"{p.name}  ·  {p.variant_label}" if p.variant_label else p.name
            shown = value if costs_shown else None
            rows.append(StockRow(pid, p.sku, name, p.category, p.unit, on_hand, reserved, lines[pid], shown))
        return rows

    def low_stock_count(self, warehouse_id: int | None = None) -> int:
        """How many products are at or below their warning line (the tab's alert), in one warehouse or anywhere."""
        return self.count(StockFilter(warehouse_id=warehouse_id, below_warning=True))

    def level_settings(self, product: int) -> list[LevelSetting]:
        """A product's safety stock and warning line: shop-wide first, then each active warehouse (by path)."""
        with self.db.read() as conn:
            shop_wide = conn.execute(
                select(StockLevel.safety_stock, StockLevel.warning_line).where(StockLevel.product_id == product)
            ).first()
            rows = conn.execute(
                select(Location.id, Location.path, ProductWarehouse.safety_stock, ProductWarehouse.warning_line)
                .select_from(Location)
                .outerjoin(
                    ProductWarehouse,
                    and_(ProductWarehouse.warehouse_id == Location.id, ProductWarehouse.product_id == product),
                )
                .where(Location.kind == "warehouse", Location.active.is_(True))
                .order_by(Location.path)
            ).all()
        safety, line = shop_wide if shop_wide is not None else (0, 0)
        return [
            LevelSetting(None, "", int(safety or 0), int(line or 0)),
            *(LevelSetting(wh_id, path, own_safety, own_line) for wh_id, path, own_safety, own_line in rows),
        ]
