"""Counting a stocktake: scans (+1, or a typed quantity), typed counts, and count sheets imported from a file.

Each count stores the book quantity at the moment it is entered (the frozen
expected plus the moves at that location since the freeze): the difference
posted later is counted − book at count (see services/stocktake.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, or_, select, update

from shopdesk.db.models import Category, Location, Product, StockBalance
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import PHYSICAL_KINDS
from shopdesk.domain.stocktake import StocktakeStatus, parse_count
from shopdesk.imports.stock_rows import read_stock_file
from shopdesk.services.access import guarded
from shopdesk.services.locations import LocationRef, resolve_location
from shopdesk.services.scanning import Scanning, UnknownCode
from shopdesk.services.stock_ledger import ProductInfo, product_info
from shopdesk.services.stocktake_queries import LINE, CountLine, StocktakeQueries, find_stocktake

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

_PHYSICAL = tuple(sorted(PHYSICAL_KINDS))


@dataclass(frozen=True)
class CountResult:
    """A count entered: the line as the counter may see it, and a sentence to show."""

    line: CountLine
    message: str


@dataclass(frozen=True)
class CountImportResult:
    rows: int
    lines_counted: int
    new_lines: int
    dry_run: bool


@dataclass(frozen=True)
class CountTarget:
    """Where a count goes: an existing line, or a new line for a product found where the freeze had none."""

    product: ProductInfo
    location: LocationRef
    line_id: int | None


class StocktakeCounting(StocktakeQueries):
    """Entering counts; starting and posting are in services/stocktake.py."""

    def __init__(self, shop: Shop):
        super().__init__(shop)
        self.scanning = Scanning(shop)

    # Counting --------------------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "count stocktakes")
    def record_scan(
        self, ref: int | str, code: str, *, location: int | str | None = None, quantity: object = 1
    ) -> CountResult:
        """A scanned product counted once more (or `quantity` more: scan a carton, type 12).

        An unknown code raises UnknownCode carrying the scan result (the app offers to assign it).
        """
        scan = self.scanning.resolve_scan(code)
        if not scan.found or scan.product_id is None:
            raise UnknownCode(scan)
        qty, problem = parse_count(quantity, scan.unit, "quantity")
        if problem is None and qty == 0:
            problem = Problem("quantity", "a scan adds at least 1 (type the count to set it to 0)", str(quantity))
        if problem is not None:
            raise ValidationFailed([problem], f"{scan.sku} not counted")
        assert qty is not None
        return self._count(ref, scan.product_id, location, qty, add=True)

    @guarded(Permission.MOVE_STOCK, "count stocktakes")
    def set_count(
        self, ref: int | str, product: int | str, counted: object, *, location: int | str | None = None
    ) -> CountResult:
        """The counted quantity of a product at a location, typed (replaces an earlier count)."""
        with self.db.read() as conn:
            info = product_info(conn, product)
            unit = conn.execute(select(Product.unit).where(Product.id == info.id)).scalar_one()
        qty, problem = parse_count(counted, unit, "counted")
        if problem is not None:
            raise ValidationFailed([problem], f"{info.sku} not counted")
        assert qty is not None
        return self._count(ref, info.id, location, qty, add=False)

    def _count(
        self, ref: int | str, product_id: int, location: int | str | None, qty: int, *, add: bool
    ) -> CountResult:
        with self.db.uow() as uow:
            conn = uow.session.connection()
            header = counting(conn, ref)
            problems: list[Problem] = []
            target = self.count_target(conn, header, product_info(conn, product_id), location, "location", problems)
            if problems or target is None:
                raise ValidationFailed(problems, "Not counted")
            line_id = self.write_count(conn, header, target, qty, add=add)
            uow.commit()
        line = self.count_lines(header.id, for_counter=True, line_id=line_id)[0]
        return CountResult(line, f"{line.sku} at {line.location}: {line.counted} counted")

    def count_target(
        self,
        conn: Connection,
        header,  # type: ignore[no-untyped-def]
        info: ProductInfo,
        location: int | str | LocationRef | None,
        where: str,
        problems: list[Problem],
    ) -> CountTarget | None:
        """The line a count of `info` goes to; None with a problem when it cannot be known."""
        lines = conn.execute(
            select(LINE.c.id, LINE.c.location_id).where(LINE.c.stocktake_id == header.id, LINE.c.product_id == info.id)
        ).all()
        if location is None or (isinstance(location, str) and not location.strip()):
            if len(lines) == 1:
                return CountTarget(info, resolve_location(conn, lines[0].location_id), lines[0].id)
            if lines:
                paths = ", ".join(sorted(resolve_location(conn, ln.location_id).path for ln in lines))
                problems.append(
                    Problem(where, f"{info.sku} is in {len(lines)} places on this count ({paths}): say which")
                )
            else:
                problems.append(Problem(where, f"{info.sku} is not on this count's list: say where it was found"))
            return None
        try:
            ref = resolve_location(conn, location)
        except NotFound as exc:
            problems.append(Problem(where, str(exc), str(location)))
            return None
        for line in lines:
            if line.location_id == ref.id:
                return CountTarget(info, ref, line.id)
        if conn.execute(scope_locations(header).where(Location.id == ref.id)).first() is None:
            problems.append(Problem(where, f"is not part of {header.number} ({scope_words(header)})", ref.path))
            return None
        if (
            header.category_id is not None
            and not conn.execute(
                select(Product.id).where(Product.id == info.id, Product.id.in_(category_products(header.category_id)))
            ).first()
        ):
            problems.append(Problem(where, f"{info.sku} is not in the category this stocktake counts"))
            return None
        return CountTarget(info, ref, None)

    def write_count(self, conn: Connection, header, target: CountTarget, qty: int, *, add: bool) -> int:  # type: ignore[no-untyped-def]
        """Store the count with the book quantity right now (frozen expected + the moves since the freeze)."""
        book = conn.execute(
            select(StockBalance.on_hand).where(
                StockBalance.product_id == target.product.id, StockBalance.location_id == target.location.id
            )
        ).scalar()
        book = int(book or 0)
        now = utcnow()
        if target.line_id is None:  # found where the freeze had nothing: expected 0 at the freeze
            return conn.execute(
                insert(LINE)
                .values(
                    stocktake_id=header.id,
                    product_id=target.product.id,
                    location_id=target.location.id,
                    expected_qty=0,
                    counted_qty=qty,
                    book_at_count=book,
                    counted_at=now,
                    counted_by=self.shop.user,
                )
                .returning(LINE.c.id)
            ).scalar_one()
        counted = func.coalesce(LINE.c.counted_qty, 0) + qty if add else qty
        conn.execute(
            update(LINE)
            .where(LINE.c.id == target.line_id)
            .values(counted_qty=counted, book_at_count=book, counted_at=now, counted_by=self.shop.user)
        )
        return target.line_id

    @guarded(Permission.MOVE_STOCK, "count stocktakes")
    def import_counts(
        self,
        ref: int | str,
        path: str | Path,
        *,
        dry_run: bool = False,
        encoding: str | None = None,
        delimiter: str | None = None,
        sheet: str | None = None,
    ) -> CountImportResult:
        """Set counts from a count sheet (SKU or barcode, location, counted); all rows or none.

        Every bad row is reported (row N, column C: what is wrong, what was found)
        and nothing is written unless the whole file is good.
        """
        stock_file = read_stock_file(Path(path), encoding=encoding, delimiter=delimiter, sheet=sheet)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            header = counting(conn, ref)
            problems: list[Problem] = []
            planned: list[tuple[CountTarget, int]] = []
            seen: dict[tuple[int, int], int] = {}
            units: dict[int, str] = {}
            for row in stock_file.rows:
                try:
                    info = product_info(conn, row.code)
                except NotFound:
                    problems.append(Problem(row.at("code"), "no product has this SKU or barcode", row.code))
                    continue
                if info.id not in units:
                    units[info.id] = conn.execute(select(Product.unit).where(Product.id == info.id)).scalar_one()
                qty, problem = parse_count(row.quantity, units[info.id], row.at("quantity"))
                if problem is not None:
                    problems.append(problem)
                    continue
                target = self.count_target(conn, header, info, row.location or None, row.at("location"), problems)
                if target is None or qty is None:
                    continue
                key = (info.id, target.location.id)
                if key in seen:
                    problems.append(
                        Problem(f"row {row.row}", f"{info.sku} at {target.location.path} is on row {seen[key]} too")
                    )
                    continue
                seen[key] = row.row
                planned.append((target, qty))
            if problems:
                raise ValidationFailed(problems, f"{Path(path).name}: nothing was counted")
            for target, qty in planned:
                self.write_count(conn, header, target, qty, add=False)
            new = sum(1 for target, _ in planned if target.line_id is None)
            if not dry_run:
                uow.commit()
        return CountImportResult(len(stock_file.rows), len(planned), new, dry_run)


def refuse_if_done(header) -> None:  # type: ignore[no-untyped-def]
    if header.status == StocktakeStatus.POSTED:
        when = header.posted_at.strftime("%Y-%m-%d %H:%M") if header.posted_at else ""
        raise Conflict(
            f"{header.number} was already posted ({when} UTC by {header.posted_by}): a stocktake is posted once. "
            "Start a new stocktake to count again."
        )
    if header.status == StocktakeStatus.CANCELLED:
        raise Conflict(f"{header.number} was cancelled: start a new stocktake to count again")


def counting(conn: Connection, ref: int | str):  # type: ignore[no-untyped-def]
    header = find_stocktake(conn, ref)
    if header.status != StocktakeStatus.COUNTING:
        refuse_if_done(header)
    return header


def scope_locations(header):  # type: ignore[no-untyped-def]
    """The physical locations a stocktake counts, as a select of ids."""
    query = select(Location.id).where(Location.kind.in_(_PHYSICAL))
    get = header.get if isinstance(header, dict) else lambda key: getattr(header, key)
    if get("zone_id") is not None:
        zone = select(Location.path).where(Location.id == get("zone_id")).scalar_subquery()
        query = query.where(or_(Location.id == get("zone_id"), Location.path.like(zone + "/%")))
    elif get("warehouse_id") is not None:
        query = query.where(or_(Location.id == get("warehouse_id"), Location.warehouse_id == get("warehouse_id")))
    return query


def category_products(category_id: int):  # type: ignore[no-untyped-def]
    """Products in a category or any category under it, as a select of ids."""
    path = select(Category.path).where(Category.id == category_id).scalar_subquery()
    subtree = select(Category.id).where(or_(Category.id == category_id, Category.path.like(path + "/%")))
    return select(Product.id).where(Product.category_id.in_(subtree))


def scope_words(header) -> str:  # type: ignore[no-untyped-def]
    return "it counts " + ("a zone" if header.zone_id else "a warehouse" if header.warehouse_id else "the shop")
