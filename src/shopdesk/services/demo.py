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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from shopdesk.db.models import (
    Barcode,
    Customer,
    CustomerAddress,
    CustomerPhone,
    Location,
    Product,
    ProductSupplier,
    Supplier,
)
from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ListingStatus, sku_key
from shopdesk.domain.errors import Conflict, Problem, ValidationFailed
from shopdesk.domain.search import SEPARATOR, search_key
from shopdesk.services import demo_data as data
from shopdesk.services.catalogue import category_id_for

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

# progress(stage, done, total): called now and then while a stage writes its rows.
Progress = Callable[[str, int, int], None]

CHUNK = 2000  # rows per bulk insert: big enough to be fast, small enough to report progress


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
) -> DemoSummary:
    """Fill the shop with a demo catalogue, suppliers, warehouses and customers, in one transaction.

    Refused (Conflict) when the shop already has products, unless force: the demo
    is meant for a new shop. `now` anchors every date, so a test can pass a fixed one.
    """
    customers = default_customers(products) if customers is None else customers
    problems = [
        Problem(where, "must be 0 or more", str(value))
        for where, value in (("products", products), ("customers", customers))
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
        demo = DemoShop(now=now)
        demo.categories = _categories(uow.session, summary)
        demo.suppliers = _suppliers(conn, summary)
        demo.warehouses = _warehouses(conn, products, summary)
        demo.products = _products(
            conn, _rng(seed, "products"), demo, products, summary, lambda done: report("products", done, products)
        )
        demo.customers = _customers(
            conn, _rng(seed, "customers"), now, customers, summary, lambda done: report("customers", done, customers)
        )
        # Later stages go here, in this order, each with its own _rng(seed, "<stage>") and
        # reading what it needs from `demo`: opening stock in the bins, purchase orders,
        # orders over the last 90 days, after-sales cases. Each adds its counts to the summary.
        uow.commit()
    return summary


def _rng(seed: int, stage: str) -> random.Random:
    # A string seed is hashed with SHA-512: stable across runs and Python versions.
    return random.Random(f"shopdesk-demo:{seed}:{stage}")


def _insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], returning: bool = False) -> list[int]:
    """Bulk insert in chunks; with returning, the new ids in the order of the rows."""
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if returning:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids += conn.execute(stmt, list(chunk)).scalars().all()
        elif chunk:
            conn.execute(insert(table), list(chunk))
    return ids


# Stages ----------------------------------------------------------------------------
def _categories(session: Session, summary: DemoSummary) -> dict[str, int]:
    """The category tree (一级/二级/三级), through the catalogue's own path scheme."""
    leaves = {family.category: category_id_for(session, family.category) for family in data.FAMILIES}
    summary.categories = len({"/".join(path.split("/")[:depth]) for path in leaves for depth in (1, 2, 3)})
    return {path: cid for path, cid in leaves.items() if cid is not None}


def _suppliers(conn: Connection, summary: DemoSummary) -> dict[str, DemoSupplier]:
    """The shop's suppliers; ones already there (same code) are used as they are."""
    table = Supplier.__table__
    have = {
        code: (sid, lead) for sid, code, lead in conn.execute(select(table.c.id, table.c.code, table.c.lead_time_days))
    }
    made: dict[str, DemoSupplier] = {}
    for s in data.SUPPLIERS:
        if s.code not in have:
            [sid] = _insert(
                conn,
                table,
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
    table = Location.__table__
    have = {path: lid for path, lid in conn.execute(select(table.c.path, table.c.id))}

    def place(row: dict[str, Any]) -> int:
        if row["path"] not in have:
            [have[row["path"]]] = _insert(conn, table, [{**row, "active": True}], returning=True)
        return have[row["path"]]

    # A bigger catalogue needs more shelves: aisles grow with the product count.
    layout = {"WH1": (min(12, 2 + products // 2000), 10), "WH2": (min(6, 1 + products // 4000), 8)}
    warehouses = []
    for code, name in data.WAREHOUSES:
        wid = place(
            {
                "kind": "warehouse",
                "code": code,
                "path": code,
                "name": name,
                "parent_id": None,
                "warehouse_id": None,
                "pick_order": 0,
            }
        )
        aisles, positions = layout[code]
        zone_ids: dict[str, int] = {}
        bins: list[int] = []
        for zone_no, (zone, zone_name) in enumerate(data.ZONES, start=1):
            zone_ids[zone] = zid = place(
                {
                    "kind": "zone",
                    "code": zone,
                    "path": f"{code}/{zone}",
                    "name": zone_name,
                    "parent_id": wid,
                    "warehouse_id": wid,
                    "pick_order": zone_no,
                }
            )
            for aisle in range(1, aisles + 1):
                walk = range(1, positions + 1) if aisle % 2 else range(positions, 0, -1)
                for pos in walk:
                    bin_code = f"{zone}-{aisle:02d}-{pos:02d}"
                    bins.append(
                        place(
                            {
                                "kind": "bin",
                                "code": bin_code,
                                "path": f"{code}/{zone}/{bin_code}",
                                "name": "",
                                "parent_id": zid,
                                "warehouse_id": wid,
                                "pick_order": len(bins) + 1,
                            }
                        )
                    )
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
    """`count` product rows: styles with their variant SKUs, and single items."""
    maker = _CatalogueMaker(conn, rng, demo)
    sellable: list[DemoProduct] = []
    made = 0
    while made < count:
        batch: list[_Style] = []
        batch_end = min(count, made + CHUNK)
        while made < batch_end:
            style = maker.style(count - made)
            batch.append(style)
            made += style.rows
        sellable += maker.write(batch)
        summary.styles += sum(1 for s in batch if s.parent)
        summary.variants += sum(len(s.items) for s in batch if s.parent)
        summary.single_items += sum(len(s.items) for s in batch if not s.parent)
        progress(made)
    summary.products = made
    summary.barcodes = len(sellable)
    return sellable


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
        people = [_person(rng, now) for _ in range(min(CHUNK, count - start))]
        ids = _insert(conn, Customer.__table__, [p.row for p in people], returning=True)
        _insert(
            conn,
            CustomerPhone.__table__,
            [{"customer_id": cid, "phone": phone} for cid, p in zip(ids, people, strict=True) for phone in p.phones],
        )
        addresses = [{**a, "customer_id": cid} for cid, p in zip(ids, people, strict=True) for a in p.addresses]
        address_ids = iter(_insert(conn, CustomerAddress.__table__, addresses, returning=True))
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


# Products --------------------------------------------------------------------------
@dataclass
class _Style:
    parent: dict[str, Any] | None  # None for a single item
    items: list[dict[str, Any]]  # the sellable rows
    barcodes: list[str]  # one per item
    links: list[list[dict[str, Any]]]  # product_supplier rows per item, without product_id
    category: str
    supplier_id: int

    @property
    def rows(self) -> int:
        return len(self.items) + (1 if self.parent else 0)


@lru_cache(maxsize=50_000)
def _text_key(text: str) -> tuple[str, ...]:
    # pinyin takes ~0.3 ms a text, and variants share their names: compute each text once.
    return tuple(search_key([text]).split(SEPARATOR)) if text else ()


def _search_text(name: str, alt_name: str, label: str, codes: Iterable[str]) -> str:
    """The same key catalogue.product_search_key gives a product saved by hand."""
    parts = [*_text_key(name), *_text_key(alt_name), *_text_key(label), *(c.casefold() for c in codes if c)]
    return SEPARATOR.join(dict.fromkeys(parts))


class _Barcodes:
    """EAN-13 codes the way suppliers print them: their GS1 company prefix and an item number."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.prefixes = {s.code: s.barcode_prefix for s in data.SUPPLIERS}
        self.used_prefixes = set(self.prefixes.values())
        self.next_item: dict[str, int] = {}

    def next(self, supplier: data.SupplierData) -> str:
        while True:
            prefix = self.prefixes[supplier.code]
            item = self.next_item.get(prefix, 0)
            if item > 99_999:  # a company prefix has room for 100,000 items: the supplier got another one
                new = int(prefix) + 1
                while str(new) in self.used_prefixes:
                    new += 1
                self.prefixes[supplier.code] = str(new)
                self.used_prefixes.add(str(new))
                continue
            self.next_item[prefix] = item + 1
            code = bc.with_check_digit(f"{prefix}{item:05d}")
            if code not in self.taken:
                self.taken.add(code)
                return code


class _CatalogueMaker:
    def __init__(self, conn: Connection, rng: random.Random, demo: DemoShop):
        self.conn = conn
        self.rng = rng
        self.demo = demo
        self.families = data.FAMILIES
        self.shares = [f.share for f in self.families]
        self.simple_families = [f for f in self.families if not f.axes or f.variant_share < 1]
        self.supplier_data = {s.code: s for s in data.SUPPLIERS}
        # Only a shop filled with --force has SKUs and barcodes already: the demo steps around them.
        self.taken_skus = set(conn.execute(select(Product.sku_key)).scalars())
        self.barcodes = _Barcodes(set(conn.execute(select(Barcode.code)).scalars()))
        self.numbers: dict[str, int] = {}

    def style(self, room: int) -> _Style:
        """One style with its variants, or a single item; never more than `room` rows."""
        rng = self.rng
        family = rng.choices(self.families, weights=self.shares)[0]
        if room < 3 and family not in self.simple_families:
            family = rng.choice(self.simple_families)  # no room left for a style with variants
        with_variants = bool(family.axes) and rng.random() < family.variant_share and room >= 3
        zh_style, en_style = rng.choice(family.styles)
        zh_base, en_base = rng.choice(family.bases)
        name = f"{zh_style}{zh_base}"
        alt = " ".join(w for w in (en_style, en_base) if w)
        alt = alt[0].upper() + alt[1:]
        combos: list[tuple[tuple[int, int, data.Axis], ...]] = [()]
        if with_variants:
            picked = [
                [(i, i - chosen[0], axis) for i in chosen] for axis in family.axes for chosen in [self._pick(axis)]
            ]
            combos = list(itertools.product(*picked))[: room - 1]
        number, skus = self._number(family.prefix, combos)
        price = self._price(*family.price_yuan)
        cost_pct = rng.randint(36, 59)
        weight = rng.randint(*family.weight_g) // 5 * 5
        status = rng.choices(list(ListingStatus), weights=(8, 85, 7))[0]
        tags = sorted(rng.sample(data.TAGS, rng.randint(1, 2))) if rng.random() < 0.3 else []
        created = self.demo.now - timedelta(days=rng.randint(1, 540), seconds=rng.randint(0, 86_399))
        supplier = self.supplier_data[family.supplier]
        fallback = self.supplier_data[data.FALLBACK_SUPPLIER]
        second = fallback if supplier is not fallback and rng.random() < 0.12 else None
        article = f"{rng.randint(1000, 9999)}"
        base_row = {
            "sku": "",
            "sku_key": "",
            "parent_id": None,
            "is_parent": False,
            "variant_label": "",
            "name": name,
            "alt_name": alt,
            "description": family.description,
            "category_id": self.demo.categories[family.category],
            "unit": family.unit,
            "price": price,
            "cost": _share(price, cost_pct),
            "weight_g": weight,
            "status": str(status),
            "tags": tags,
            "archived": False,
            "search_text": "",
            "version": 1,
            "created_at": created,
            "updated_at": created,
        }
        items, codes, links = [], [], []
        for combo, sku in zip(combos, skus, strict=True):
            label = " / ".join(axis.options[i][1] for i, _, axis in combo)
            english = ", ".join(axis.english[i] for i, _, axis in combo)
            item_price = price + 100 * sum(step * axis.price_step_yuan for _, step, axis in combo)
            item_status = status
            if combo and status == ListingStatus.LISTED and rng.random() < 0.04:
                item_status = ListingStatus.DELISTED  # sold out in this colour or size (售罄下架)
            code = self.barcodes.next(supplier)
            item = {
                **base_row,
                "sku": sku,
                "sku_key": sku_key(sku),
                "variant_label": label,
                "alt_name": f"{alt} ({english})" if english else alt,
                "price": item_price,
                "cost": _share(item_price, cost_pct),
                "weight_g": weight + sum(step * axis.weight_step_g for _, step, axis in combo),
                "status": str(item_status),
            }
            item["search_text"] = _search_text(name, item["alt_name"], label, [sku, code])
            suffix = "".join(f"-{axis.options[i][0]}" for i, _, axis in combo)
            item_links = [self._link(supplier, f"{supplier.article_prefix}{article}{suffix}", item["cost"], True)]
            if second:
                cost = _share(item["cost"], rng.randint(108, 118))
                item_links.append(self._link(second, f"{second.article_prefix}-{article}{suffix}", cost, False))
            items.append(item)
            codes.append(code)
            links.append(item_links)
        parent = None
        if with_variants:
            parent_sku = f"{family.prefix}-{number}"
            parent = {**base_row, "sku": parent_sku, "sku_key": sku_key(parent_sku), "is_parent": True}
            parent["search_text"] = _search_text(name, alt, "", [parent_sku])
        supplier_id = self.demo.suppliers[supplier.code].id
        return _Style(parent, items, codes, links, family.category, supplier_id)

    def write(self, styles: list[_Style]) -> list[DemoProduct]:
        """Insert a batch of styles: parents first (their ids), then the sellable SKUs."""
        parents = [s.parent for s in styles if s.parent]
        for parent, pid in zip(parents, _insert(self.conn, Product.__table__, parents, returning=True), strict=True):
            parent["id"] = pid
        items = []
        for s in styles:
            for item in s.items:
                item["parent_id"] = s.parent["id"] if s.parent else None
                items.append(item)
        ids = iter(_insert(self.conn, Product.__table__, items, returning=True))
        barcodes, links, made = [], [], []
        for s in styles:
            for item, code, item_links in zip(s.items, s.barcodes, s.links, strict=True):
                pid = next(ids)
                barcodes.append({"product_id": pid, "code": code, "kind": bc.classify(code)})
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
                        s.supplier_id,
                    )
                )
        _insert(self.conn, Barcode.__table__, barcodes)
        _insert(self.conn, ProductSupplier.__table__, links)
        return made

    def _pick(self, axis: data.Axis) -> list[int]:
        k = min(self.rng.randint(*axis.pick), len(axis.options))
        if axis.consecutive:
            start = self.rng.randint(0, len(axis.options) - k)
            return list(range(start, start + k))
        return sorted(self.rng.sample(range(len(axis.options)), k))

    def _number(self, prefix: str, combos: list[tuple[tuple[int, int, data.Axis], ...]]) -> tuple[int, list[str]]:
        """The next free style number of the prefix and the SKUs of its items (TS-1001-BLK-M)."""
        while True:
            number = self.numbers.get(prefix, 1000) + 1
            self.numbers[prefix] = number
            base = f"{prefix}-{number}"
            skus = [base + "".join(f"-{axis.options[i][0]}" for i, _, axis in combo) for combo in combos]
            wanted = {sku_key(s) for s in [base, *skus]}
            if not wanted & self.taken_skus:
                self.taken_skus |= wanted
                return number, skus

    def _price(self, low: int, high: int) -> int:
        """A shop price in fen, the way shops set them: 69.00, 69.90, 70.00; 12.50 for small things."""
        yuan = self.rng.randint(low, high)
        if yuan < 30:
            return yuan * 100 + self.rng.choice((0, 0, 50, 90))
        yuan = yuan - yuan % 10 + 9
        return self.rng.choices((yuan * 100, yuan * 100 + 90, (yuan + 1) * 100), weights=(6, 3, 1))[0]

    def _link(self, supplier: data.SupplierData, supplier_sku: str, cost: int, preferred: bool) -> dict[str, Any]:
        lead = self.demo.suppliers[supplier.code].lead_time_days
        return {
            "supplier_id": self.demo.suppliers[supplier.code].id,
            "supplier_sku": supplier_sku,
            "cost": cost,
            "lead_time_days": max(3, min(30, lead + self.rng.randint(-2, 2))),
            "preferred": preferred,
        }


def _share(amount: int, percent: int) -> int:
    """percent of an amount in fen, to the nearest 10 fen (suppliers quote 23.50, not 23.47)."""
    return (amount * percent + 500) // 1000 * 10


# Customers -------------------------------------------------------------------------
@dataclass
class _Person:
    row: dict[str, Any]
    phones: list[str]
    addresses: list[dict[str, Any]]


def _person(rng: random.Random, now: datetime) -> _Person:
    since = now - timedelta(days=rng.randint(1, 730), seconds=rng.randint(0, 86_399))
    country = rng.choices(("CN", "DE", "US", "JP"), weights=(88, 4, 5, 3))[0]
    name, phone, address, email = _abroad(rng, country) if country != "CN" else _in_china(rng)
    phones = [phone]
    if rng.random() < 0.08:
        phones.append(_mobile(rng))
    addresses = [address]
    if rng.random() < 0.12:  # an office or a parent's home as a second address
        if country == "CN":
            other = _in_china(rng)[2]
            if rng.random() < 0.5:
                other.update(recipient=name, phone=phone)
        else:
            other = {**_abroad(rng, country)[2], "recipient": name, "phone": phone}
        addresses.append(other)
    for i, a in enumerate(addresses):
        a["is_default"] = i == 0
    channel = "website" if country != "CN" else rng.choices(*zip(*data.CUSTOMER_CHANNELS, strict=True))[0]
    row = {
        "name": name,
        "channel": channel,
        "email": email,
        "notes": rng.choice(data.CUSTOMER_NOTES) if rng.random() < 0.06 else "",
        "tags": ["VIP"] if rng.random() < 0.05 else [],
        "erased_at": None,
        "version": 1,
        "created_at": since,
        "updated_at": since,
    }
    return _Person(row, phones, addresses)


def _mobile(rng: random.Random) -> str:
    return rng.choice(data.MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


def _in_china(rng: random.Random) -> tuple[str, str, dict[str, Any], str]:
    name = rng.choice(data.SURNAMES) + "".join(rng.choices(data.GIVEN_CHARS, k=rng.choice((1, 2, 2))))
    phone = _mobile(rng)
    province, city, districts, postcode = rng.choice(data.CN_PLACES)
    road = f"{rng.choice(data.CN_ROADS)}{rng.randint(1, 999)}号"
    if rng.random() < 0.75:
        street = f"{road}{rng.choice(data.CN_COMPOUNDS)}{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室"
    else:
        street = f"{road}{rng.choice(data.CN_OFFICES)}{rng.choice('ABC')}座{rng.randint(2, 40)}{rng.randint(1, 20):02d}"
    address = {
        "recipient": name,
        "phone": phone,
        "country": "CN",
        "province": province,
        "city": city,
        "district": rng.choice(districts),
        "street": street,
        "postcode": f"{postcode}{rng.randint(0, 99):02d}0",
    }
    email = f"{_latin(rng)}{rng.randint(1, 999)}@example.cn" if rng.random() < 0.2 else ""
    return name, phone, address, email


def _abroad(rng: random.Random, country: str) -> tuple[str, str, dict[str, Any], str]:
    if country == "JP":
        family_name, given = rng.choice(data.JP_NAMES[0]), rng.choice(data.JP_NAMES[1])
        name = f"{family_name}{given}"
        province, city, district, postcode = rng.choice(data.JP_PLACES)
        street = f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        if rng.random() < 0.5:
            street += (
                f" {rng.choice(('グリーンハイツ', 'メゾン桜', 'パークコート'))}{rng.randint(1, 9)}0{rng.randint(1, 9)}"
            )
        phone = f"+81 {rng.choice(('80', '90'))}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        email = f"{_latin(rng)}@example.jp"
    else:
        first, last = data.DE_NAMES if country == "DE" else data.US_NAMES
        name = f"{rng.choice(first)} {rng.choice(last)}"
        places, streets = (data.DE_PLACES, data.DE_STREETS) if country == "DE" else (data.US_PLACES, data.US_STREETS)
        province, city, postcode = rng.choice(places)
        district = ""
        if country == "DE":
            street = f"{rng.choice(streets)} {rng.randint(1, 120)}"
            phone = f"+49 1{rng.choice(('51', '60', '70', '76'))} {rng.randint(1000000, 9999999)}"
        else:
            street = f"{rng.randint(10, 9999)} {rng.choice(streets)}" + (
                f", Apt {rng.randint(1, 30)}{rng.choice('ABCD')}" if rng.random() < 0.4 else ""
            )
            phone = f"+1 {rng.choice(('206', '212', '312', '415', '512', '617'))}-555-01{rng.randint(0, 99):02d}"
        email = f"{name.split()[0].lower()}.{rng.randint(10, 99)}@example.com"
    address = {
        "recipient": name,
        "phone": phone,
        "country": country,
        "province": province,
        "city": city,
        "district": district,
        "street": street,
        "postcode": postcode,
    }
    return name, phone, address, email


def _latin(rng: random.Random) -> str:
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(4, 8)))
