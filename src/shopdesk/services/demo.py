"""A realistic demo shop for a new database (`shopdesk demo`).

The demo is built in stages, all in one transaction: categories, suppliers,
warehouses, products, customers. Each stage returns what later stages need
and draws from its own random generator seeded with the demo seed and the
stage's name, so the same seed always gives the same shop and adding a stage
never changes what the others make. Rows are written with SQLAlchemy Core
bulk inserts, because 100,000 products one by one through the ORM would take
minutes; the rows are the same a person would get through the catalogue
service (search key, category path scheme, version 1).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from shopdesk.db.models import (
    AuditEvent,
    Barcode,
    Base,
    Customer,
    CustomerAddress,
    CustomerPhone,
    Location,
    Product,
    ProductSupplier,
    Supplier,
)
from shopdesk.domain import barcodes as bc
from shopdesk.domain.errors import Conflict, Problem, ValidationFailed
from shopdesk.services import demo_data as data
from shopdesk.services import demo_stock
from shopdesk.services.catalogue_editing import category_id_for
from shopdesk.services.demo_catalogue import Style, StyleMaker
from shopdesk.services.demo_people import person

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

# progress(stage, done, total): called now and then while a stage writes its rows.
Progress = Callable[[str, int, int], None]

HISTORY_DAYS = 90  # the demo's orders and cases happen in these days before now; products and stock come first
CHUNK = 2000  # rows per bulk insert: big enough to be fast, small enough to report progress
# What the catalogue's audit trail keeps of a product (catalogue_editing._audited): "created" events list them.
AUDITED_PRODUCT_FIELDS = ("sku", "name", "price", "cost", "status", "archived")


@dataclass
class DemoSummary:
    """What the demo put into the shop."""

    seed: int
    categories: int = 0
    suppliers: int = 0
    warehouses: int = 0
    bins: int = 0
    products: int = 0  # every product row: styles, their variants and single items
    styles: int = 0  # parents that group variant SKUs
    variants: int = 0
    single_items: int = 0
    barcodes: int = 0
    customers: int = 0
    addresses: int = 0
    default_bins: int = 0  # (product, warehouse) pairs with a default bin
    stock_moves: int = 0  # opening balances, one move per product and bin
    stock_units: int = 0
    stock_value: int = 0  # minor units, at cost
    warning_lines: int = 0  # products with a safety stock and warning line (预警线)
    orders: int = 0  # the customers' orders of the last HISTORY_DAYS (services/demo_orders.py), without
    # the after-sales replacement orders, which order_history counts apart (replacement_orders)
    order_history: dict[str, Any] = field(default_factory=dict)  # states, review holds, POs, cases


@dataclass(frozen=True)
class DemoSupplier:
    id: int
    code: str
    lead_time_days: int


@dataclass(frozen=True)
class DemoWarehouse:
    id: int
    code: str
    zone_ids: dict[str, int]
    bin_ids: list[int]  # in pick order, the way a picker walks


@dataclass(frozen=True)
class DemoProduct:
    """A sellable SKU (a variant or a single item): what later stages stock, buy and sell."""

    id: int
    sku: str
    category: str
    price: int
    cost: int
    weight_g: int
    status: str
    supplier_id: int  # the preferred supplier


@dataclass(frozen=True)
class DemoCustomer:
    id: int
    name: str
    phone: str
    country: str
    address_ids: tuple[int, ...]  # the default address first
    since: datetime


@dataclass
class DemoShop:
    """Everything the stages made so far; a later stage reads what it needs from here."""

    now: datetime
    user: str  # who ran the demo: the audit trail names them
    categories: dict[str, int] = field(default_factory=dict)  # leaf path -> id
    suppliers: dict[str, DemoSupplier] = field(default_factory=dict)  # by code
    warehouses: list[DemoWarehouse] = field(default_factory=list)
    products: list[DemoProduct] = field(default_factory=list)
    customers: list[DemoCustomer] = field(default_factory=list)


def default_customers(products: int) -> int:
    """About one customer for every five products, within reason."""
    return max(20, min(products // 5, 20_000))


def build_demo(
    shop: Shop,
    *,
    products: int = 300,
    customers: int | None = None,
    seed: int = 42,
    force: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
    orders: int = 0,
) -> DemoSummary:
    """Fill the shop with a demo catalogue, suppliers, warehouses and customers, in one transaction.

    Refused (Conflict) when the shop already has products, unless force: the demo
    is meant for a new shop. `now` anchors every date, so a test can pass a fixed one.
    """
    customers = default_customers(products) if customers is None else customers
    problems = [
        Problem(where, "must be 0 or more", str(value))
        for where, value in (("products", products), ("customers", customers), ("orders", orders))
        if value < 0
    ]
    if problems:
        raise ValidationFailed(problems, "The demo shop cannot be built")
    now = now or datetime.now(UTC)
    report: Progress = progress or (lambda stage, done, total: None)
    summary = DemoSummary(seed=seed)
    with shop.db.uow() as uow:
        conn = uow.session.connection()
        existing = conn.execute(select(func.count()).select_from(Product)).scalar_one()
        if existing and not force:
            raise Conflict(
                f"The shop already has {existing} product(s); the demo is meant for a new, empty shop "
                "and was not added."
            )
        demo = DemoShop(now=now, user=shop.user)
        demo.categories = _categories(uow.session, summary)
        demo.suppliers = _suppliers(conn, now, summary)
        demo.warehouses = _warehouses(conn, products, summary)
        demo.products = _products(
            conn, stage_rng(seed, "products"), demo, products, summary, lambda done: report("products", done, products)
        )
        demo.customers = _customers(
            conn,
            stage_rng(seed, "customers"),
            now,
            customers,
            summary,
            lambda done: report("customers", done, customers),
        )
        # The shop took stock the day before the 90 days of history the later stages invent.
        stock = demo_stock.opening_stock(
            conn,
            stage_rng(seed, "stock"),
            user=shop.user,
            product_ids=[p.id for p in demo.products],
            bins_by_warehouse=[w.bin_ids for w in demo.warehouses],
            moved_at=now - timedelta(days=HISTORY_DAYS + 1),
            expected_orders=orders or demo_stock.EXPECTED_ORDERS,  # the shop holds what it will sell
        )
        summary.default_bins, summary.stock_moves, summary.stock_units, summary.stock_value = (
            stock.default_bins,
            stock.moves,
            stock.units,
            stock.value,
        )
        summary.warning_lines = demo_stock.stock_levels(conn, stage_rng(seed, "levels"), [p.id for p in demo.products])
        report("stock", stock.moves, stock.moves)
        # Later stages go here, in this order: purchase orders, orders over the last HISTORY_DAYS,
        # after-sales cases. Each takes its own generator and what it needs from `demo`, writes
        # with bulk_insert (or its service's bulk functions) and adds its counts to the summary.
        uow.commit()
    if orders > 0:
        # The order history is lived through the order, purchasing, stocktake and after-sales
        # services, a unit of work per step as people work, so it follows the commit above.
        from shopdesk.services.demo_orders import seed_order_history

        history = seed_order_history(shop, stage_rng(seed, "orders"), orders=orders, now=now, progress=report)
        summary.orders = history.orders
        summary.order_history = asdict(history)
    return summary


def stage_rng(seed: int, stage: str) -> random.Random:
    """The random generator of one stage: the same seed and stage always draw the same numbers."""
    # A string seed is hashed with SHA-512: stable across runs and Python versions.
    return random.Random(f"shopdesk-demo:{seed}:{stage}")


def bulk_insert(
    conn: Connection, model: type[Base], rows: Sequence[dict[str, Any]], returning: bool = False
) -> list[int]:
    """Insert rows of a table in chunks (SQLAlchemy Core); with returning, the new ids in the order of the rows."""
    table = model.__table__
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = list(rows[start : start + CHUNK])
        if not returning:
            conn.execute(insert(model), chunk)
        elif conn.dialect.name == "sqlite":
            # SQLAlchemy would insert row by row to keep RETURNING in order on SQLite (20x slower).
            # SQLite numbers new rows max(id)+1 in the order of the VALUES, and nobody else can
            # insert while this transaction holds the write lock: sorted ids are in row order.
            ids += sorted(conn.execute(insert(model).returning(table.c.id), chunk).scalars())
        else:
            stmt = insert(model).returning(table.c.id, sort_by_parameter_order=True)
            ids += conn.execute(stmt, chunk).scalars().all()
    return ids


# Stages ----------------------------------------------------------------------------
def _categories(session: Session, summary: DemoSummary) -> dict[str, int]:
    """The category tree (一级/二级/三级), through the catalogue's own path scheme."""
    leaves = {family.category: category_id_for(session, family.category) for family in data.FAMILIES}
    summary.categories = len({"/".join(path.split("/")[:depth]) for path in leaves for depth in (1, 2, 3)})
    return {path: cid for path, cid in leaves.items() if cid is not None}


def _suppliers(conn: Connection, now: datetime, summary: DemoSummary) -> dict[str, DemoSupplier]:
    """The shop's suppliers; ones already there (same code) are used as they are."""
    have = {
        code: (sid, lead)
        for sid, code, lead in conn.execute(select(Supplier.id, Supplier.code, Supplier.lead_time_days))
    }
    made: dict[str, DemoSupplier] = {}
    for s in data.SUPPLIERS:
        if s.code not in have:
            [sid] = bulk_insert(
                conn,
                Supplier,
                [
                    {
                        "code": s.code,
                        "name": s.name,
                        "contact": s.contact,
                        "phone": s.phone,
                        "email": f"sales.{s.article_prefix.lower()}@example.com",
                        "address": s.address,
                        "lead_time_days": s.lead_time_days,
                        "currency": "CNY",
                        "notes": s.notes,
                        "archived": False,
                        "created_at": now,
                        "updated_at": now,
                    }
                ],
                returning=True,
            )
            have[s.code] = (sid, s.lead_time_days)
        made[s.code] = DemoSupplier(have[s.code][0], s.code, have[s.code][1])
    summary.suppliers = len(made)
    return made


def _warehouses(conn: Connection, products: int, summary: DemoSummary) -> list[DemoWarehouse]:
    """Two warehouses with zones A/B/C and bins numbered zone-aisle-position.

    pick_order follows a serpentine walk: zone by zone, up one aisle and down
    the next, so a pick list sorted by it never sends anyone back.
    """
    # Paths are unique without regard to case (as the locations service keeps them).
    have = {path.upper(): lid for path, lid in conn.execute(select(Location.path, Location.id))}

    def place(kind: str, path: str, name: str, parent_id: int | None, warehouse_id: int | None, order: int) -> int:
        if path.upper() not in have:
            row = {"kind": kind, "code": path.rsplit("/", 1)[-1], "path": path, "name": name, "parent_id": parent_id,
                   "warehouse_id": warehouse_id, "pick_order": order, "active": True}  # fmt: skip
            [have[path.upper()]] = bulk_insert(conn, Location, [row], returning=True)
        return have[path.upper()]

    # A bigger catalogue needs more shelves: aisles grow with the product count.
    layout = {"WH1": (min(12, 2 + products // 2000), 10), "WH2": (min(6, 1 + products // 4000), 8)}
    warehouses = []
    for code, name in data.WAREHOUSES:
        wid = place("warehouse", code, name, None, None, 0)
        aisles, positions = layout[code]
        zone_ids: dict[str, int] = {}
        bins: list[int] = []
        for zone_no, (zone, zone_name) in enumerate(data.ZONES, start=1):
            zone_ids[zone] = zid = place("zone", f"{code}/{zone}", zone_name, wid, wid, zone_no)
            for aisle in range(1, aisles + 1):
                walk = range(1, positions + 1) if aisle % 2 else range(positions, 0, -1)
                for pos in walk:
                    bin_code = f"{zone}-{aisle:02d}-{pos:02d}"
                    bins.append(place("bin", f"{code}/{zone}/{bin_code}", bin_code, zid, wid, len(bins) + 1))
        warehouses.append(DemoWarehouse(wid, code, zone_ids, bins))
    summary.warehouses = len(warehouses)
    summary.bins = sum(len(w.bin_ids) for w in warehouses)
    return warehouses


def _products(
    conn: Connection,
    rng: random.Random,
    demo: DemoShop,
    count: int,
    summary: DemoSummary,
    progress: Callable[[int], None],
) -> list[DemoProduct]:
    """`count` product rows: styles with their variant SKUs, and single items, with barcodes and suppliers."""
    maker = StyleMaker(
        rng,
        demo.now,
        demo.categories,
        {code: (s.id, s.lead_time_days) for code, s in demo.suppliers.items()},
        # Only a shop filled with --force has SKUs and barcodes already: the demo steps around them.
        taken_skus=set(conn.execute(select(Product.sku_key)).scalars()),
        taken_barcodes=set(conn.execute(select(Barcode.code)).scalars()),
    )
    sellable: list[DemoProduct] = []
    made = 0
    while made < count:
        batch: list[Style] = []
        batch_end = min(count, made + CHUNK)
        while made < batch_end:
            style = maker.style(count - made)
            batch.append(style)
            made += style.rows
        sellable += _write_styles(conn, batch, demo)
        summary.styles += sum(1 for s in batch if s.parent)
        summary.variants += sum(len(s.items) for s in batch if s.parent)
        summary.single_items += sum(len(s.items) for s in batch if not s.parent)
        progress(made)
    summary.products = made
    summary.barcodes = len(sellable)
    return sellable


def _write_styles(conn: Connection, styles: list[Style], demo: DemoShop) -> list[DemoProduct]:
    """Insert a batch of styles: the parents first (their ids), then the sellable SKUs."""
    parents = [s.parent for s in styles if s.parent]
    for parent, pid in zip(parents, bulk_insert(conn, Product, parents, returning=True), strict=True):
        parent["id"] = pid
    items = []
    for s in styles:
        for item in s.items:
            item["parent_id"] = s.parent["id"] if s.parent else None
            items.append(item)
    ids = iter(bulk_insert(conn, Product, items, returning=True))
    barcodes, links, made = [], [], []
    for s in styles:
        supplier_id = demo.suppliers[s.supplier_code].id
        for item, code, item_links in zip(s.items, s.barcodes, s.links, strict=True):
            pid = item["id"] = next(ids)
            barcodes.append({"product_id": pid, "code": code, "kind": bc.EAN13})
            links += [{**link, "product_id": pid} for link in item_links]
            made.append(
                DemoProduct(
                    pid,
                    item["sku"],
                    s.category,
                    item["price"],
                    item["cost"],
                    item["weight_g"],
                    item["status"],
                    supplier_id,
                )
            )
    bulk_insert(conn, Barcode, barcodes)
    bulk_insert(conn, ProductSupplier, links)
    # Each product's history starts the way the catalogue starts it: "created", with the fields it audits.
    created = [item for s in styles for item in ([s.parent] if s.parent else []) + s.items]
    bulk_insert(conn, AuditEvent, [_created_event(item, demo.user) for item in created])
    return made


def _created_event(row: dict[str, Any], user: str) -> dict[str, Any]:
    return {
        "at": row["created_at"],
        "user": user,
        "entity": "product",
        "entity_id": row["id"],
        "entity_label": row["sku"],
        "action": "created",
        "changes": {field: [None, row[field]] for field in AUDITED_PRODUCT_FIELDS},
        "reason": "demo shop",
    }


def _customers(
    conn: Connection,
    rng: random.Random,
    now: datetime,
    count: int,
    summary: DemoSummary,
    progress: Callable[[int], None],
) -> list[DemoCustomer]:
    """Customers from all over China, and a few abroad; some with a second address."""
    made: list[DemoCustomer] = []
    for start in range(0, count, CHUNK):
        people = [person(rng, now) for _ in range(min(CHUNK, count - start))]
        ids = bulk_insert(conn, Customer, [p.row for p in people], returning=True)
        bulk_insert(
            conn,
            CustomerPhone,
            [{"customer_id": cid, "phone": phone} for cid, p in zip(ids, people, strict=True) for phone in p.phones],
        )
        addresses = [{**a, "customer_id": cid} for cid, p in zip(ids, people, strict=True) for a in p.addresses]
        address_ids = iter(bulk_insert(conn, CustomerAddress, addresses, returning=True))
        for cid, p in zip(ids, people, strict=True):
            made.append(
                DemoCustomer(
                    cid,
                    p.row["name"],
                    p.phones[0],
                    p.addresses[0]["country"],
                    tuple(itertools.islice(address_ids, len(p.addresses))),
                    p.row["created_at"],
                )
            )
        summary.addresses += len(addresses)
        progress(len(made))
    summary.customers = len(made)
    return made
