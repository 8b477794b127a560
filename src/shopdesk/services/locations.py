"""Locations: warehouses → zones → bins, the virtual locations, and default bins.

A location is named by its path ("WH1/A/A-01-01") or, when that is unambiguous,
by its code ("A-01-01"). The virtual locations have paths starting with "@"
("@scrap", "@quarantine", ...) and can be named by their kind ("scrap").
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Engine, Table, bindparam, func, select

from shopdesk.db.models import Location, ProductWarehouse, StockBalance
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import PHYSICAL_KINDS, STOCK_KINDS, VIRTUAL_KINDS
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.stock_sql import insert_ignore

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")
MAX_CODE = 32
MAX_PICK_ORDER = 999_999  # a place on the walking route; far below the column's limit on every database

VIRTUAL_NAMES = {
    "supplier": "Suppliers",
    "customer": "Customers",
    "adjustment": "Stocktake gains and losses",
    "scrap": "Scrap",
    "quarantine": "Quarantine",
    "transit": "In transit between warehouses",
}


@dataclass(frozen=True)
class LocationRef:
    id: int
    path: str
    kind: str
    code: str
    name: str
    warehouse_id: int | None  # a warehouse's own id for a warehouse; None for virtual locations
    pick_order: int = 0

    @property
    def holds_stock(self) -> bool:
        """Has a balance and a value: bins (and zones, warehouses), quarantine, in transit."""
        return self.kind in STOCK_KINDS

    @property
    def is_physical(self) -> bool:
        return self.kind in PHYSICAL_KINDS

    @property
    def is_virtual(self) -> bool:
        return self.kind in VIRTUAL_KINDS


_COLUMNS = (
    Location.id,
    Location.path,
    Location.kind,
    Location.code,
    Location.name,
    Location.warehouse_id,
    Location.pick_order,
)


def _ref(row) -> LocationRef:  # type: ignore[no-untyped-def]
    warehouse_id = row.id if row.kind == "warehouse" else row.warehouse_id
    return LocationRef(row.id, row.path, row.kind, row.code, row.name, warehouse_id, row.pick_order)


# Virtual locations are fixed rows (created by the migration), looked up once per engine.
_virtual_cache: weakref.WeakKeyDictionary[Engine, dict[str, LocationRef]] = weakref.WeakKeyDictionary()
_BY_PATH = select(*_COLUMNS).where(func.upper(Location.path) == bindparam("path"))


def virtual_location(conn: Connection, kind: str) -> LocationRef:
    """One of the fixed virtual locations; created if a database lacks it (the migration adds them)."""
    if kind not in VIRTUAL_KINDS:
        raise ValueError(f"not a virtual location kind: {kind}")
    known = _virtual_cache.setdefault(conn.engine, {})
    if kind in known:
        return known[kind]
    row = conn.execute(select(*_COLUMNS).where(Location.path == f"@{kind}")).first()
    if row is None:
        insert_ignore(
            conn,
            cast(Table, Location.__table__),
            [{"kind": kind, "code": kind, "path": f"@{kind}", "name": VIRTUAL_NAMES[kind], "pick_order": 0}],
            ["path"],
        )
        row = conn.execute(select(*_COLUMNS).where(Location.path == f"@{kind}")).one()
    known[kind] = _ref(row)
    return known[kind]


def resolve_location(conn: Connection, name: str | int | LocationRef) -> LocationRef:
    """A location by id, path (any case), virtual kind, or unambiguous code; NotFound says how to name one."""
    if isinstance(name, LocationRef):
        return name
    if isinstance(name, int):
        row = conn.execute(select(*_COLUMNS).where(Location.id == name)).first()
        if row is None:
            raise NotFound(f"No location with id {name}")
        return _ref(row)
    text = name.strip()
    if not text:
        raise NotFound("No location given: name one by its path, like WH1/A/A-01-01")
    bare = text.lstrip("@").lower()
    if bare in VIRTUAL_KINDS:
        return virtual_location(conn, bare)
    row = conn.execute(_BY_PATH, {"path": text.upper()}).first()
    if row is not None:
        return _ref(row)
    rows = conn.execute(
        select(*_COLUMNS)
        .where(func.upper(Location.code) == text.upper(), Location.kind.in_(PHYSICAL_KINDS))
        .order_by(Location.path)
    ).all()
    if len(rows) == 1:
        return _ref(rows[0])
    if rows:
        paths = ", ".join(r.path for r in rows)
        raise NotFound(f"Location {text!r} is ambiguous: it could be {paths}. Give the full path.")
    raise NotFound(
        f"No location {text!r}. Name a bin by its path, like WH1/A/A-01-01 "
        "(`shopdesk stock locations` lists them), or a virtual one: " + ", ".join(sorted(VIRTUAL_KINDS))
    )


def first_warehouse(conn: Connection) -> LocationRef | None:
    row = conn.execute(
        select(*_COLUMNS)
        .where(Location.kind == "warehouse", Location.active.is_(True))
        .order_by(Location.path)
        .limit(1)
    ).first()
    return None if row is None else _ref(row)


def default_bin(conn: Connection, product_id: int, warehouse: LocationRef | None = None) -> LocationRef | None:
    """The product's default bin in a warehouse (the first warehouse when none is given)."""
    warehouse = warehouse or first_warehouse(conn)
    if warehouse is None:
        return None
    bin_id = conn.execute(
        select(ProductWarehouse.default_bin_id).where(
            ProductWarehouse.product_id == product_id, ProductWarehouse.warehouse_id == warehouse.id
        )
    ).scalar()
    return None if bin_id is None else resolve_location(conn, bin_id)


class Locations:
    """Creating and finding locations."""

    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Reading -----------------------------------------------------------------------
    def resolve(self, name: str | int) -> LocationRef:
        """A location by path, code, virtual kind or id; NotFound with a hint otherwise."""
        with self.db.read() as conn:
            return resolve_location(conn, name)

    def virtual(self, kind: str) -> LocationRef:
        with self.db.uow() as uow:
            ref = virtual_location(uow.session.connection(), kind)
            uow.commit()
            return ref

    def ensure_virtual_locations(self) -> list[LocationRef]:
        """Make sure every virtual location exists (idempotent; the migration creates them)."""
        with self.db.uow() as uow:
            conn = uow.session.connection()
            refs = [virtual_location(conn, kind) for kind in VIRTUAL_NAMES]
            uow.commit()
            return refs

    def warehouses(self) -> list[LocationRef]:
        with self.db.read() as conn:
            rows = conn.execute(
                select(*_COLUMNS).where(Location.kind == "warehouse", Location.active.is_(True)).order_by(Location.path)
            )
            return [_ref(r) for r in rows]

    def physical_locations(self, warehouse: str | int | None = None) -> list[LocationRef]:
        """Warehouses, zones and bins (never the virtual ones), in walking order within a warehouse."""
        with self.db.read() as conn:
            query = select(*_COLUMNS).where(Location.kind.in_(PHYSICAL_KINDS), Location.active.is_(True))
            if warehouse is not None:
                wh = resolve_location(conn, warehouse)
                query = query.where((Location.warehouse_id == wh.warehouse_id) | (Location.id == wh.warehouse_id))
            rows = conn.execute(query.order_by(Location.path))
            refs = [_ref(r) for r in rows]
        return sorted(refs, key=lambda r: (r.warehouse_id or 0, r.kind != "warehouse", r.pick_order, r.path))

    def bins(self, warehouse: str | int | None = None) -> list[LocationRef]:
        """Bins in walking (pick) order."""
        return [r for r in self.physical_locations(warehouse) if r.kind == "bin"]

    def default_bin(self, product_id: int, warehouse: str | int | None = None) -> LocationRef | None:
        with self.db.read() as conn:
            wh = None if warehouse is None else resolve_location(conn, warehouse)
            return default_bin(conn, product_id, wh)

    def on_hand_by_location(self) -> dict[int, int]:
        """Units on hand at each warehouse, zone and bin that holds any (all products together), by location id."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(StockBalance.location_id, func.sum(StockBalance.on_hand))
                .join(Location, Location.id == StockBalance.location_id)
                .where(Location.kind.in_(PHYSICAL_KINDS))
                .group_by(StockBalance.location_id)
            )
            return {location_id: int(units) for location_id, units in rows if units}

    # Writing -----------------------------------------------------------------------
    @guarded(Permission.MANAGE_SHOP, "add warehouses")
    def create_warehouse(self, code: str, name: str = "") -> LocationRef:
        """A new warehouse; its code starts the path of everything in it."""
        return self._create(None, "warehouse", code, name, 0)

    @guarded(Permission.MOVE_STOCK, "add zones")
    def create_zone(self, warehouse: str | int, code: str, name: str = "") -> LocationRef:
        return self._create(warehouse, "zone", code, name, 0, parent_kinds=("warehouse",))

    @guarded(Permission.MOVE_STOCK, "add bins")
    def create_bin(self, parent: str | int, code: str, name: str = "", pick_order: int | None = None) -> LocationRef:
        """A bin in a zone (or directly in a warehouse); pick_order is its place on the walking route."""
        return self._create(parent, "bin", code, name, pick_order, parent_kinds=("warehouse", "zone"))

    @guarded(Permission.MOVE_STOCK, "change pick orders")
    def set_pick_order(self, bin_location: str | int, pick_order: int) -> LocationRef:
        """Move a bin on the walking route: pick lists visit a warehouse's bins by rising pick order (audited)."""
        with self.db.uow() as uow:
            conn = uow.session.connection()
            ref = resolve_location(conn, bin_location)
            problems = []
            if ref.kind != "bin":
                problems.append(Problem("location", f"only a bin has a pick order, and this is a {ref.kind}", ref.path))
            problems += _pick_order_problems(pick_order)
            if problems:
                raise ValidationFailed(problems, f"The pick order of {ref.path} was not changed")
            location = uow.session.get(Location, ref.id)
            assert location is not None
            if location.pick_order != pick_order:
                audit.record(
                    uow.session,
                    self.shop.user,
                    "location",
                    ref.id,
                    "edited",
                    label=ref.path,
                    changes={"pick_order": (location.pick_order, pick_order)},
                )
                location.pick_order = pick_order
            uow.commit()
            return dataclasses.replace(ref, pick_order=pick_order)

    @guarded(Permission.MOVE_STOCK, "change default bins")
    def set_default_bin(self, product_id: int, bin_location: str | int) -> LocationRef:
        """Where the product is put away and picked by default in that bin's warehouse."""
        with self.db.uow() as uow:
            conn = uow.session.connection()
            ref = resolve_location(conn, bin_location)
            if ref.kind != "bin":
                raise ValidationFailed([Problem("location", "a default bin must be a bin", ref.path)])
            row = uow.session.scalar(
                select(ProductWarehouse).where(
                    ProductWarehouse.product_id == product_id, ProductWarehouse.warehouse_id == ref.warehouse_id
                )
            )
            if row is None:
                assert ref.warehouse_id is not None
                row = ProductWarehouse(product_id=product_id, warehouse_id=ref.warehouse_id)
                uow.session.add(row)
            row.default_bin_id = ref.id
            uow.commit()
            return ref

    def _create(
        self,
        parent: str | int | None,
        kind: str,
        code: str,
        name: str,
        pick_order: int | None,
        parent_kinds: tuple[str, ...] = (),
    ) -> LocationRef:
        code = code.strip()
        problems = []
        if not code:
            problems.append(Problem("code", "a location code is required", code))
        elif len(code) > MAX_CODE or not _CODE.match(code):
            problems.append(
                Problem(
                    "code", f"use up to {MAX_CODE} letters, digits and . _ -, starting with a letter or digit", code
                )
            )
        if pick_order is not None:
            problems += _pick_order_problems(pick_order)
        if problems:
            raise ValidationFailed(problems, f"The {kind} cannot be created")
        with self.db.uow() as uow:
            conn = uow.session.connection()
            parent_ref = None
            if parent is not None:
                parent_ref = resolve_location(conn, parent)
                if parent_ref.kind not in parent_kinds:
                    raise ValidationFailed(
                        [Problem("parent", f"a {kind} belongs in a {' or '.join(parent_kinds)}", parent_ref.path)]
                    )
            path = code if parent_ref is None else f"{parent_ref.path}/{code}"
            if conn.execute(select(Location.id).where(func.upper(Location.path) == path.upper())).first():
                raise Conflict(f"Location {path} already exists")
            if pick_order is None:
                pick_order = 1 + (
                    conn.execute(
                        select(func.max(Location.pick_order)).where(
                            Location.kind == "bin", Location.warehouse_id == parent_ref.warehouse_id
                        )
                    ).scalar()
                    or 0
                    if parent_ref is not None
                    else 0
                )
            location = Location(
                parent_id=parent_ref.id if parent_ref else None,
                warehouse_id=parent_ref.warehouse_id if parent_ref else None,
                kind=kind,
                code=code,
                path=path,
                name=name.strip() or code,
                pick_order=pick_order,
                active=True,
            )
            uow.session.add(location)
            uow.flush()
            ref = LocationRef(
                location.id,
                path,
                kind,
                code,
                location.name,
                location.id if kind == "warehouse" else location.warehouse_id,
                pick_order,
            )
            uow.commit()
            return ref


def _pick_order_problems(pick_order: object) -> list[Problem]:
    """A pick order is a whole number from 0 up (0 = walked first)."""
    if isinstance(pick_order, bool) or not isinstance(pick_order, int) or not 0 <= pick_order <= MAX_PICK_ORDER:
        return [Problem("pick order", f"must be a whole number from 0 to {MAX_PICK_ORDER}", str(pick_order))]
    return []
