"""Stock figures for the reports, per product and location, read from the stock ledger.

The stock value at any moment is the ledger's own: the values of the moves
that crossed into owned stock minus those that crossed out (services/
stock_queries.py, whose crossing rule is used here as it is). Per product, a
period rolls forward as opening + received − shipped + customer returns ±
stocktake adjustments − scrapped − returned to supplier (± anything else that
crossed) = closing; the totals are checked against the ledger's roll_forward,
so a product sheet that does not add up to the cent is never written. A
product's value is shared out over its locations by quantity (domain.stock.allocate),
as the stock screens do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, func, select

from shopdesk.db.models import Category, Location, Product, StockMove, Supplier
from shopdesk.db.models.purchasing import PurchaseOrder
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.stock import STOCK_KINDS, MoveKind, allocate
from shopdesk.services.purchase_receipts import SOURCE_TYPE as PO_SOURCE
from shopdesk.services.report_sales import STREAM
from shopdesk.services.stock_queries import _DST, _SRC, RollForward, _crossing, _moves_with_locations

_STOCK = tuple(sorted(STOCK_KINDS))
# (kind, direction) -> the roll-forward column it belongs to; anything else crossing goes to "other".
COLUMN_OF = {
    (MoveKind.RECEIPT.value, 1): "received",
    (MoveKind.OPENING.value, 1): "received",
    (MoveKind.SHIPMENT.value, -1): "shipped",
    (MoveKind.RETURN.value, 1): "customer_returns",
    (MoveKind.ADJUSTMENT.value, 1): "adjustments",
    (MoveKind.ADJUSTMENT.value, -1): "adjustments",
    (MoveKind.SCRAP.value, -1): "scrapped",
    (MoveKind.RETURN.value, -1): "to_supplier",
}
FLOW_COLUMNS = ("received", "shipped", "customer_returns", "adjustments", "scrapped", "to_supplier", "other")


@dataclass
class ProductFlow:
    """One product's roll-forward over a period: quantities and values, with signs as they affect stock."""

    product_id: int
    sku: str = ""
    name: str = ""
    category: str = ""
    opening_qty: int = 0
    opening_value: int = 0
    qty: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLOW_COLUMNS, 0))
    value: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLOW_COLUMNS, 0))

    @property
    def closing_qty(self) -> int:
        return self.opening_qty + sum(self.qty.values())

    @property
    def closing_value(self) -> int:
        return self.opening_value + sum(self.value.values())

    @property
    def cost_of_goods(self) -> int:
        """Cost of goods sold: shipped, less what customers sent back."""
        return -self.value["shipped"] - self.value["customer_returns"]


@dataclass(frozen=True)
class LocationHolding:
    product_id: int
    sku: str
    name: str
    location: str
    quantity: int
    value: int


@dataclass(frozen=True)
class StockPosition:
    """Per product and per location at a moment, with the ledger's totals they add up to."""

    at: datetime
    products: list[ProductFlow]
    locations: list[LocationHolding]
    quantity: int
    value: int


def _names(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    if not ids:
        return {}
    rows = conn.execute(
        select(Product.id, Product.sku, Product.name, Product.variant_label, Category.path)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(Product.id.in_(ids))
    )
    return {
        pid: (sku, f"{name} · {variant}" if variant else name, path or "") for pid, sku, name, variant, path in rows
    }


def product_flows(conn: Connection, start: datetime, end: datetime, ledger: RollForward) -> list[ProductFlow]:
    """Every product with stock or movement in [start, end), by SKU; totals checked against `ledger`."""
    sign = _crossing()
    flows: dict[int, ProductFlow] = {}
    opening = _moves_with_locations(
        StockMove.product_id, func.sum(sign * StockMove.quantity), func.sum(sign * StockMove.value)
    ).where(StockMove.moved_at < start, sign != 0)
    for pid, qty, value in conn.execute(opening.group_by(StockMove.product_id)):
        flows[pid] = ProductFlow(pid, opening_qty=int(qty or 0), opening_value=int(value or 0))
    period = _moves_with_locations(
        StockMove.product_id,
        StockMove.kind,
        sign.label("sign"),
        func.sum(StockMove.quantity),
        func.sum(StockMove.value),
    ).where(StockMove.moved_at >= start, StockMove.moved_at < end, sign != 0)
    for pid, kind, direction, qty, value in conn.execute(period.group_by(StockMove.product_id, StockMove.kind, sign)):
        flow = flows.setdefault(pid, ProductFlow(pid))
        column = COLUMN_OF.get((kind, int(direction)), "other")
        flow.qty[column] += int(direction) * int(qty)
        flow.value[column] += int(direction) * int(value)
    names = _names(conn, list(flows))
    for pid, flow in flows.items():
        flow.sku, flow.name, flow.category = names.get(pid, (str(pid), "", ""))
    result = sorted(
        (f for f in flows.values() if f.opening_qty or f.opening_value or any(f.qty.values()) or any(f.value.values())),
        key=lambda f: f.sku,
    )
    _check(result, ledger)
    return result


def _check(flows: list[ProductFlow], ledger: RollForward) -> None:
    """The products add up to the ledger's own roll-forward, or the report stops here."""
    found = (
        sum(f.opening_qty for f in flows),
        sum(f.opening_value for f in flows),
        sum(f.closing_qty for f in flows),
        sum(f.closing_value for f in flows),
    )
    expected = (ledger.opening.quantity, ledger.opening.value, ledger.closing.quantity, ledger.closing.value)
    if found != expected or not ledger.reconciles:
        raise ShopDeskError(
            f"The stock ledger does not reconcile for {ledger.start:%Y-%m-%d} – {ledger.end:%Y-%m-%d} "
            f"(products {found}, ledger {expected}); run `shopdesk db check`."
        )


def location_holdings(conn: Connection, before: datetime, flows: list[ProductFlow]) -> list[LocationHolding]:
    """Quantity per product and owned location from the moves before `before`, with the value shared out."""
    quantities: dict[tuple[int, int], int] = defaultdict(int)
    for column, location, kinds in (
        (StockMove.to_location_id, 1, _DST.c.kind),
        (StockMove.from_location_id, -1, _SRC.c.kind),
    ):
        query = _moves_with_locations(StockMove.product_id, column, func.sum(StockMove.quantity)).where(
            StockMove.moved_at < before, kinds.in_(_STOCK)
        )
        for pid, loc, qty in conn.execute(query.group_by(StockMove.product_id, column)):
            quantities[(pid, loc)] += location * int(qty)
    paths = dict(conn.execute(select(Location.id, Location.path)).all())
    by_product: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (pid, loc), qty in quantities.items():
        if qty:
            by_product[pid].append((loc, qty))
    holdings = []
    for flow in flows:
        places = sorted(by_product.get(flow.product_id, []), key=lambda p: paths.get(p[0], ""))
        if not places:
            continue
        shares = allocate(flow.closing_value, [qty for _, qty in places])
        holdings += [
            LocationHolding(flow.product_id, flow.sku, flow.name, paths.get(loc, str(loc)), qty, value)
            for (loc, qty), value in zip(places, shares, strict=True)
        ]
    return holdings


# The movements of a period -------------------------------------------------------------------
@dataclass(frozen=True)
class MoveLine:
    moved_at: datetime
    kind: str
    sku: str
    name: str
    from_path: str
    to_path: str
    quantity: int
    value: int
    stock_effect: int  # + into owned stock, − out of it, 0 inside
    source: str
    user: str
    reason: str


def move_lines(conn: Connection, start: datetime, end: datetime) -> Iterator[MoveLine]:
    """Every stock move of the period, in order (a stream)."""
    sign = _crossing()
    query = (
        _moves_with_locations(
            StockMove.moved_at,
            StockMove.kind,
            Product.sku,
            Product.name,
            _SRC.c.path,
            _DST.c.path,
            StockMove.quantity,
            StockMove.value,
            sign,
            StockMove.source_number,
            StockMove.source_type,
            StockMove.user,
            StockMove.reason,
        )
        .join(Product, Product.id == StockMove.product_id)
        .where(StockMove.moved_at >= start, StockMove.moved_at < end)
        .order_by(StockMove.moved_at, StockMove.id)
    )
    for (
        at,
        kind,
        sku,
        name,
        src,
        dst,
        qty,
        value,
        direction,
        number,
        source_type,
        user,
        reason,
    ) in conn.execution_options(**STREAM).execute(query):
        yield MoveLine(
            at, kind, sku, name, src, dst, qty, value, int(direction) * value, number or source_type, user, reason
        )


@dataclass(frozen=True)
class ReceiptLine:
    received_at: datetime
    kind: str  # receipt or opening
    order: str  # the purchase order number ("" for stock received without one)
    supplier: str
    sku: str
    name: str
    location: str
    quantity: int
    value: int

    @property
    def unit_cost(self) -> Decimal:
        """Minor units with more decimals than money (value ÷ quantity)."""
        return Decimal(self.value) / self.quantity


def receipt_lines(conn: Connection, start: datetime, end: datetime) -> list[ReceiptLine]:
    """Goods received into stock in the period (with their purchase order and supplier when they have one)."""
    sign = _crossing()
    query = (
        _moves_with_locations(
            StockMove.moved_at,
            StockMove.kind,
            StockMove.source_type,
            StockMove.source_number,
            Supplier.name,
            Product.sku,
            Product.name,
            _DST.c.path,
            StockMove.quantity,
            StockMove.value,
        )
        .join(Product, Product.id == StockMove.product_id)
        .outerjoin(PurchaseOrder, (StockMove.source_type == PO_SOURCE) & (PurchaseOrder.id == StockMove.source_id))
        .outerjoin(Supplier, Supplier.id == PurchaseOrder.supplier_id)
        .where(
            StockMove.moved_at >= start,
            StockMove.moved_at < end,
            StockMove.kind.in_((MoveKind.RECEIPT.value, MoveKind.OPENING.value)),
            sign == 1,
        )
        .order_by(StockMove.moved_at, StockMove.id)
    )
    return [
        ReceiptLine(at, kind, number if source == PO_SOURCE else "", supplier or "", sku, name, path, qty, value)
        for at, kind, source, number, supplier, sku, name, path, qty, value in conn.execute(query)
    ]


# Slow movers and dead stock --------------------------------------------------------------------
@dataclass(frozen=True)
class MoverRow:
    sku: str
    name: str
    category: str
    on_hand: int
    value: int
    first_in: datetime | None
    last_sold: datetime | None
    sold_in_window: int
    days_of_cover: Decimal | None  # on hand ÷ daily sales in the window; None when nothing sold
    status: str  # "dead", "slow" or "ok"


def movers(
    conn: Connection, flows: list[ProductFlow], at: datetime, window_days: int, slow_cover_days: int
) -> list[MoverRow]:
    """Products in stock at `at`: dead when nothing shipped in the window (and stocked before it), slow when
    the stock would last longer than `slow_cover_days` at the window's rate of sale."""
    since = at - timedelta(days=window_days)
    stocked = [f for f in flows if f.closing_qty > 0]
    ids = [f.product_id for f in stocked]
    if not ids:
        return []
    sold = dict(
        conn.execute(
            select(StockMove.product_id, func.sum(StockMove.quantity))
            .where(
                StockMove.kind == MoveKind.SHIPMENT.value,
                StockMove.moved_at >= since,
                StockMove.moved_at < at,
                StockMove.product_id.in_(ids),
            )
            .group_by(StockMove.product_id)
        ).all()
    )
    last_sold = dict(
        conn.execute(
            select(StockMove.product_id, func.max(StockMove.moved_at))
            .where(StockMove.kind == MoveKind.SHIPMENT.value, StockMove.moved_at < at, StockMove.product_id.in_(ids))
            .group_by(StockMove.product_id)
        ).all()
    )
    first_in = dict(
        conn.execute(
            select(StockMove.product_id, func.min(StockMove.moved_at))
            .where(StockMove.moved_at < at, StockMove.product_id.in_(ids))
            .group_by(StockMove.product_id)
        ).all()
    )
    rows = []
    for f in stocked:
        units = int(sold.get(f.product_id) or 0)
        cover = None
        if units > 0:
            cover = (Decimal(f.closing_qty) * window_days / units).quantize(Decimal("0.1"))
        first = first_in.get(f.product_id)
        if units == 0 and first is not None and first < since:
            status = "dead"
        elif cover is not None and cover > slow_cover_days:
            status = "slow"
        else:
            status = "ok"
        rows.append(
            MoverRow(
                f.sku,
                f.name,
                f.category,
                f.closing_qty,
                f.closing_value,
                first,
                last_sold.get(f.product_id),
                units,
                cover,
                status,
            )
        )
    order = {"dead": 0, "slow": 1, "ok": 2}
    return sorted(rows, key=lambda r: (order[r.status], -r.value, r.sku))
