"""Safety stock, warning lines (预警线) and reorder suggestions turned into draft purchase orders.

The rules are in domain/reorder.py. Where the figures come from:
- sales: units shipped to the customer location (shipment moves) in the last
  `reorder_window_days` days (a shop setting, 30 by default);
- lead time: the preferred supplier's lead time for the product, else that
  supplier's default (the first linked supplier when none is preferred);
  a product without a supplier gets lead time 0 and is listed, but no
  purchase order can be made for it;
- safety stock and warning line: the product's own (stock_level); for the
  whole shop, when the product has none, the sum of its per-warehouse values;
  per warehouse (product_warehouse), the warehouse's own, else the product's;
- available: on hand − reserved in warehouses, zones and bins;
- on order: what open purchase orders (drafts included) still expect.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from shopdesk.db.models import (
    Location,
    Product,
    ProductSupplier,
    ProductWarehouse,
    StockBalance,
    StockLevel,
    StockMove,
    Supplier,
)
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.reorder import ReorderFigures, is_low
from shopdesk.domain.stock import PHYSICAL_KINDS, MoveKind
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.locations import resolve_location
from shopdesk.services.purchase_queries import on_order
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.stock_ledger import product_info

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

_PHYSICAL = tuple(sorted(PHYSICAL_KINDS))
MAX_WINDOW_DAYS = 366


@dataclass(frozen=True)
class ReorderLine:
    """One product's reorder figures; `suggested` units should be ordered when it is above zero."""

    product_id: int
    sku: str
    name: str
    supplier_id: int | None
    supplier: str  # code, or "" without a supplier
    lead_time_days: int
    sold_in_window: int
    window_days: int
    daily_sales: Decimal
    safety_stock: int
    available: int
    on_order: int
    reorder_point: int
    suggested: int


@dataclass(frozen=True)
class LowStockRow:
    product_id: int
    sku: str
    name: str
    warehouse: str  # "" for the whole shop
    available: int
    warning_line: int
    safety_stock: int


@dataclass(frozen=True)
class CreatedOrders:
    numbers: list[str] = field(default_factory=list)
    without_supplier: list[str] = field(default_factory=list)  # SKUs left out: no supplier to order from


def _level_problems(safety_stock: object, warning_line: object) -> list[Problem]:
    problems = []
    for name, value in (("safety_stock", safety_stock), ("warning_line", warning_line)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            problems.append(Problem(name, "a whole number of units, zero or more", str(value)))
    return problems


class Reordering:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Settings and levels ---------------------------------------------------------------
    def window_days(self) -> int:
        return int(self.shop.setting("reorder_window_days"))

    @guarded(Permission.MANAGE_SHOP, "change shop settings")
    def set_window_days(self, days: int) -> None:
        """How many days of sales the average daily sales are taken over."""
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_WINDOW_DAYS:
            raise ValidationFailed(
                [Problem("reorder_window_days", f"a whole number of days from 1 to {MAX_WINDOW_DAYS}", str(days))]
            )
        self.shop.set_setting("reorder_window_days", days)

    @guarded(Permission.PURCHASE, "change safety stock and warning lines")
    def set_levels(
        self,
        product: int | str,
        *,
        safety_stock: int | None = None,
        warning_line: int | None = None,
        warehouse: int | str | None = None,
    ) -> None:
        """Set a product's safety stock and/or warning line, for the whole shop or for one warehouse.

        In a warehouse, None leaves a figure as it is; use clear_warehouse_levels to go back to the product's.
        """
        problems = _level_problems(safety_stock, warning_line)
        if problems:
            raise ValidationFailed(problems, "Stock levels not saved")
        with self.db.uow() as uow:
            session = uow.session
            conn = session.connection()
            info = product_info(conn, product)
            if warehouse is None:
                row: StockLevel | ProductWarehouse = session.get(StockLevel, info.id) or StockLevel(
                    product_id=info.id, safety_stock=0, warning_line=0
                )
                target = "shop"
            else:
                wh = resolve_location(conn, warehouse)
                if wh.kind != "warehouse":
                    raise ValidationFailed(
                        [Problem("warehouse", "name a warehouse", wh.path)], "Stock levels not saved"
                    )
                row = session.scalar(
                    select(ProductWarehouse).where(
                        ProductWarehouse.product_id == info.id, ProductWarehouse.warehouse_id == wh.id
                    )
                ) or ProductWarehouse(product_id=info.id, warehouse_id=wh.id)
                target = wh.path
            before = {"safety_stock": row.safety_stock, "warning_line": row.warning_line}
            if safety_stock is not None:
                row.safety_stock = safety_stock
            if warning_line is not None:
                row.warning_line = warning_line
            session.add(row)
            changes = audit.diff(before, {"safety_stock": row.safety_stock, "warning_line": row.warning_line})
            if changes:
                audit.record(
                    session,
                    self.shop.user,
                    "product",
                    info.id,
                    "stock_levels",
                    label=info.sku,
                    changes=changes,
                    reason=f"stock levels ({target})",
                )
            uow.commit()

    # Suggestions ---------------------------------------------------------------------
    def suggestions(self, *, at: datetime | None = None, include_all: bool = False) -> list[ReorderLine]:
        """Products to order now (available + on order ≤ reorder point), by supplier then SKU.

        include_all: every product with sales in the window or a safety stock, ordered or not.
        """
        now = at or utcnow()
        window = self.window_days()
        with self.db.read() as conn:
            sold = _sold(conn, now - timedelta(days=window), now)
            safety = _safety_stock(conn)
            ids = sorted(set(sold) | {pid for pid, qty in safety.items() if qty > 0})
            if not ids:
                return []
            available = _available(conn, ids)
            coming = on_order(conn, ids)
            suppliers = _suppliers(conn, ids)
            names = _names(conn, ids)
        lines = []
        for pid in ids:
            if pid not in names:
                continue
            supplier_id, code, lead = suppliers.get(pid, (None, "", 0))
            figures = ReorderFigures(
                sold.get(pid, 0), window, lead, safety.get(pid, 0), available.get(pid, 0), coming.get(pid, 0)
            )
            if not include_all and not figures.needs_order:
                continue
            lines.append(
                ReorderLine(
                    pid,
                    names[pid][0],
                    names[pid][1],
                    supplier_id,
                    code,
                    lead,
                    figures.sold_in_window,
                    window,
                    figures.daily_sales,
                    figures.safety_stock,
                    figures.available,
                    figures.on_order,
                    figures.reorder_point,
                    figures.suggested_quantity if figures.needs_order else 0,
                )
            )
        return sorted(lines, key=lambda ln: (ln.supplier == "", ln.supplier, ln.sku))

    @guarded(Permission.PURCHASE, "create purchase orders")
    def create_purchase_orders(self, lines: Sequence[ReorderLine] | None = None, reason: str = "") -> CreatedOrders:
        """Draft purchase orders from the suggestions (the current ones unless given), one per supplier."""
        lines = self.suggestions() if lines is None else lines
        by_supplier: dict[int, list[ReorderLine]] = defaultdict(list)
        without = []
        for line in lines:
            if line.suggested <= 0:
                continue
            if line.supplier_id is None:
                without.append(line.sku)
            else:
                by_supplier[line.supplier_id].append(line)
        numbers = [
            self.shop.purchasing.create(
                supplier_id,
                [PoLineDraft(ln.product_id, ln.suggested) for ln in group],
                reason=reason or "reorder suggestions",
            )
            for supplier_id, group in sorted(by_supplier.items())
        ]
        return CreatedOrders(numbers, without)

    # Alerts ----------------------------------------------------------------------------
    def low_stock(self, warehouse: int | str | None = None) -> list[LowStockRow]:
        """Products at or below their warning line (预警线), lowest first.

        Without a warehouse: the shop-wide lines against all available stock, and
        the per-warehouse lines against each warehouse's. In one warehouse: its
        own line for the product, else the product's line, against that warehouse.
        """
        with self.db.read() as conn:
            shop_levels = {
                pid: (line, safety)
                for pid, line, safety in conn.execute(
                    select(StockLevel.product_id, StockLevel.warning_line, StockLevel.safety_stock)
                )
            }
            query = select(
                ProductWarehouse.product_id,
                ProductWarehouse.warehouse_id,
                ProductWarehouse.warning_line,
                ProductWarehouse.safety_stock,
            )
            checks: list[tuple[int, int | None, int, int]] = []  # product, warehouse (None: shop), line, safety
            if warehouse is None:
                checks += [(pid, None, line, safety) for pid, (line, safety) in shop_levels.items() if line > 0]
                checks += [
                    (pid, wh_id, int(line or 0), safety or 0)
                    for pid, wh_id, line, safety in conn.execute(query.where(ProductWarehouse.warning_line > 0))
                ]
            else:
                wh = resolve_location(conn, warehouse)
                if wh.kind != "warehouse":
                    raise ValidationFailed([Problem("warehouse", "name a warehouse", wh.path)])
                own = {
                    pid: (line, safety)
                    for pid, _, line, safety in conn.execute(query.where(ProductWarehouse.warehouse_id == wh.id))
                }
                for pid in set(shop_levels) | set(own):
                    line, safety = own.get(pid, (None, None))
                    shop_line, shop_safety = shop_levels.get(pid, (0, 0))
                    line = shop_line if line is None else line
                    if line and line > 0:
                        checks.append((pid, wh.id, line, shop_safety if safety is None else safety))
            by_place: dict[int | None, list[tuple[int, int, int]]] = defaultdict(list)
            for pid, wh_id, line, safety in checks:
                by_place[wh_id].append((pid, line, safety))
            found: list[tuple[int, str, int, int, int]] = []
            for wh_id, entries in by_place.items():
                path = "" if wh_id is None else resolve_location(conn, wh_id).path
                here = _available(conn, [pid for pid, _, _ in entries], warehouse_id=wh_id)
                found += [
                    (pid, path, here.get(pid, 0), line, safety)
                    for pid, line, safety in entries
                    if is_low(here.get(pid, 0), line)
                ]
            names = _names(conn, sorted({f[0] for f in found}))
        rows = [
            LowStockRow(pid, *names[pid], path, available, line, safety)
            for pid, path, available, line, safety in found
            if pid in names
        ]
        return sorted(rows, key=lambda r: (r.available - r.warning_line, r.sku, r.warehouse))


def _names(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    """SKU and name of the products that are stocked (not archived, not a parent style)."""
    if not ids:
        return {}
    return {
        pid: (sku, name)
        for pid, sku, name in conn.execute(
            select(Product.id, Product.sku, Product.name).where(
                Product.id.in_(ids), Product.archived.is_(False), Product.is_parent.is_(False)
            )
        )
    }


def _sold(conn: Connection, since: datetime, until: datetime) -> dict[int, int]:
    """Units shipped to customers per product in [since, until]."""
    return {
        pid: int(qty)
        for pid, qty in conn.execute(
            select(StockMove.product_id, func.sum(StockMove.quantity))
            .where(StockMove.kind == MoveKind.SHIPMENT.value, StockMove.moved_at >= since, StockMove.moved_at <= until)
            .group_by(StockMove.product_id)
        )
    }


def _safety_stock(conn: Connection) -> dict[int, int]:
    """Each product's safety stock for the whole shop: its own, else the sum of its warehouses'."""
    per_wh = {
        pid: int(qty or 0)
        for pid, qty in conn.execute(
            select(ProductWarehouse.product_id, func.sum(ProductWarehouse.safety_stock))
            .where(ProductWarehouse.safety_stock.is_not(None))
            .group_by(ProductWarehouse.product_id)
        )
    }
    own = dict(conn.execute(select(StockLevel.product_id, StockLevel.safety_stock)).all())
    return {**per_wh, **own}


def _available(conn: Connection, ids: list[int], warehouse_id: int | None = None) -> dict[int, int]:
    if not ids:
        return {}
    query = (
        select(StockBalance.product_id, func.sum(StockBalance.on_hand - StockBalance.reserved))
        .join(Location, Location.id == StockBalance.location_id)
        .where(Location.kind.in_(_PHYSICAL), StockBalance.product_id.in_(ids))
        .group_by(StockBalance.product_id)
    )
    if warehouse_id is not None:
        query = query.where((Location.warehouse_id == warehouse_id) | (Location.id == warehouse_id))
    return {pid: int(qty) for pid, qty in conn.execute(query)}


def _suppliers(conn: Connection, ids: list[int]) -> dict[int, tuple[int, str, int]]:
    """product -> (supplier id, code, lead time days): the preferred link first, then the oldest link."""
    rows = conn.execute(
        select(
            ProductSupplier.product_id,
            Supplier.id,
            Supplier.code,
            func.coalesce(ProductSupplier.lead_time_days, Supplier.lead_time_days),
        )
        .join(Supplier, Supplier.id == ProductSupplier.supplier_id)
        .where(ProductSupplier.product_id.in_(ids), Supplier.archived.is_(False))
        .order_by(ProductSupplier.product_id, ProductSupplier.preferred.desc(), ProductSupplier.id)
    )
    chosen: dict[int, tuple[int, str, int]] = {}
    for pid, supplier_id, code, lead in rows:
        chosen.setdefault(pid, (supplier_id, code, int(lead or 0)))
    return chosen
