"""Stocktake use cases (库存盘点): start, count (scan, type, import a count file), post, cancel.

Starting a stocktake freezes the expected quantity of every product at every
location in its scope (a warehouse, a zone, a category, or the whole shop):
each location's balance, plus each product's default bin there at 0, so an
empty home bin is counted too. Counts are entered by scanning (each scan +1;
a typed quantity after a scan adds that many: a carton of 12), by typing the
counted quantity, or by importing a count sheet. On a blind stocktake the
counters are not shown the expected quantities (StocktakeQueries.count_lines
with for_counter=True).

Moves during the count. Shops do not stop selling while they count, so each
line remembers the book quantity at the moment its count was entered:

    book at count = frozen expected + net moves at that location since the freeze
    difference    = counted − book at count

A parcel shipped while the shelf is counted is not booked as a loss, a
delivery put away is not a gain, and moves after the count are not touched by
posting, which adjusts by the difference (not to the counted figure). Enter
counts as you count: a count sheet imported hours later is taken as counted at
import time.

Posting writes one adjustment move per line with a difference, against the
adjustment location (gains come in at the current unit cost, losses leave at
their valuation cost), all in one transaction with the stocktake's new state.
Posting twice is refused (a conditional state change decides), lines nobody
counted are refused unless the poster says to skip them or count them as 0,
and every stocktake is kept with its lines for later review.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from shopdesk.db.models import Category, Location, Product, ProductWarehouse, StockBalance, Stocktake
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import MoveKind
from shopdesk.domain.stocktake import StocktakeStatus, Uncounted, difference
from shopdesk.services import audit
from shopdesk.services.access import guarded
from shopdesk.services.doc_numbers import take_number
from shopdesk.services.locations import LocationRef, resolve_location, virtual_location
from shopdesk.services.order_stock import release_beyond_on_hand
from shopdesk.services.scanning import UnknownCode
from shopdesk.services.stock_ledger import Ledger, SourceDoc, Take, product_info
from shopdesk.services.stocktake_counts import (
    CountImportResult,
    CountResult,
    StocktakeCounting,
    category_products,
    refuse_if_done,
    scope_locations,
)
from shopdesk.services.stocktake_queries import (
    HEADER,
    LINE,
    CountLine,
    StocktakeSummary,
    find_stocktake,
)

__all__ = [
    "CountImportResult",
    "CountLine",
    "CountResult",
    "PostResult",
    "StocktakeSummary",
    "Stocktakes",
    "Uncounted",
    "UnknownCode",
]

SOURCE_TYPE = "stocktake"


@dataclass(frozen=True)
class PostResult:
    number: str
    lines_adjusted: int
    units_gained: int
    units_lost: int
    value_gained: int  # minor units
    value_lost: int  # minor units, positive
    released_orders: tuple[str, ...] = ()  # orders that lost a reservation the count showed was not there


class Stocktakes(StocktakeCounting):
    """Starting, counting (StocktakeCounting), posting and cancelling stocktakes; reading from StocktakeQueries."""

    # Starting --------------------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "start stocktakes")
    def start(
        self,
        *,
        warehouse: int | str | None = None,
        zone: int | str | None = None,
        category: str | None = None,
        blind: bool = False,
        note: str = "",
    ) -> StocktakeSummary:
        """Freeze the expected quantities of the scope and open it for counting; returns its summary."""
        with self.db.uow() as uow:
            conn = uow.session.connection()
            problems: list[Problem] = []
            wh = self._scope_location(conn, warehouse, "warehouse", problems)
            zn = self._scope_location(conn, zone, "zone", problems)
            if wh is not None and zn is not None and zn.warehouse_id != wh.id:
                problems.append(Problem("zone", f"is not in warehouse {wh.path}", zn.path))
            category_id = None
            if category is not None and category.strip():
                category_id = conn.execute(select(Category.id).where(Category.path == category.strip())).scalar()
                if category_id is None:
                    problems.append(
                        Problem("category", "no such category (give its full path, like 服装/上衣)", category)
                    )
            if problems:
                raise ValidationFailed(problems, "Stocktake not started")
            header = {
                "warehouse_id": wh.id if wh else (zn.warehouse_id if zn else None),
                "zone_id": zn.id if zn else None,
                "category_id": category_id,
            }
            locations = scope_locations(header)
            if not conn.execute(select(func.count()).select_from(locations.subquery())).scalar_one():
                raise ShopDeskError("There is no warehouse, zone or bin to count here: create the locations first")
            frozen = self._freeze(conn, header, locations)
            # Two stocktakes counting the same product in the same place would both post its difference.
            busy = conn.execute(
                select(HEADER.c.number, LINE.c.product_id, LINE.c.location_id, Location.path, Product.sku)
                .select_from(LINE)
                .join(HEADER, HEADER.c.id == LINE.c.stocktake_id)
                .join(Location, Location.id == LINE.c.location_id)
                .join(Product, Product.id == LINE.c.product_id)
                .where(HEADER.c.status == StocktakeStatus.COUNTING, LINE.c.location_id.in_(locations))
                .order_by(Location.path, Product.sku_key)
            )
            for other in busy:
                if (other.product_id, other.location_id) in frozen:
                    raise Conflict(
                        f"{other.number} is still counting {other.sku} at {other.path}: "
                        "post or cancel it before counting there again"
                    )
            now = utcnow()
            stocktake = Stocktake(
                number=take_number(conn, "stocktake", "ST-", Stocktake.number),
                status=StocktakeStatus.COUNTING.value,
                blind=bool(blind),
                note=note.strip(),
                started_at=now,
                started_by=self.shop.user,
                posted_by="",
                **header,
            )
            uow.session.add(stocktake)
            uow.flush()
            if frozen:
                conn.execute(
                    insert(LINE),
                    [
                        {
                            "stocktake_id": stocktake.id,
                            "product_id": pid,
                            "location_id": loc,
                            "expected_qty": qty,
                            "counted_by": "",
                        }
                        for (pid, loc), qty in sorted(frozen.items())
                    ],
                )
            audit.record(
                uow.session,
                self.shop.user,
                "stocktake",
                stocktake.id,
                "created",
                label=stocktake.number,
                changes={"status": (None, stocktake.status), "lines": (None, len(frozen))},
                reason=note.strip(),
            )
            uow.commit()
            stocktake_id = stocktake.id
        return self.summary(stocktake_id)

    def _scope_location(
        self, conn: Connection, name: int | str | None, kind: str, problems: list[Problem]
    ) -> LocationRef | None:
        if name is None or (isinstance(name, str) and not name.strip()):
            return None
        try:
            ref = resolve_location(conn, name)
        except NotFound as exc:
            problems.append(Problem(kind, str(exc), str(name)))
            return None
        if ref.kind != kind:
            problems.append(Problem(kind, f"is a {ref.kind}, not a {kind}", ref.path))
            return None
        return ref

    def _freeze(self, conn: Connection, header: dict, locations) -> dict[tuple[int, int], int]:  # type: ignore[no-untyped-def, type-arg]
        """(product, location) -> on hand now: balances in scope, and default bins in scope at 0."""
        balances = (
            select(StockBalance.product_id, StockBalance.location_id, StockBalance.on_hand)
            .join(Product, Product.id == StockBalance.product_id)
            .where(StockBalance.location_id.in_(locations), StockBalance.on_hand != 0)
        )
        homes = (
            select(ProductWarehouse.product_id, ProductWarehouse.default_bin_id)
            .join(Product, Product.id == ProductWarehouse.product_id)
            .where(ProductWarehouse.default_bin_id.in_(locations), Product.archived.is_(False))
        )
        if header["category_id"] is not None:
            in_category = category_products(header["category_id"])
            balances = balances.where(Product.id.in_(in_category))
            homes = homes.where(Product.id.in_(in_category))
        frozen: dict[tuple[int, int], int] = {(pid, loc): 0 for pid, loc in conn.execute(homes) if loc is not None}
        frozen.update({(pid, loc): qty for pid, loc, qty in conn.execute(balances)})
        return frozen

    # Posting ---------------------------------------------------------------------------
    @guarded(Permission.MOVE_STOCK, "post stocktakes")
    def post(self, ref: int | str, *, uncounted: Uncounted | str = Uncounted.REFUSE, reason: str = "") -> PostResult:
        """Write the differences as adjustment moves, once; see the module docstring for the rule."""
        policy = Uncounted(uncounted)
        with self.db.uow() as uow:
            conn = uow.session.connection()
            header = find_stocktake(conn, ref)
            refuse_if_done(header)
            missing = conn.execute(
                select(Product.sku, Location.path)
                .select_from(LINE)
                .join(Product, Product.id == LINE.c.product_id)
                .join(Location, Location.id == LINE.c.location_id)
                .where(LINE.c.stocktake_id == header.id, LINE.c.counted_qty.is_(None))
                .order_by(Location.path, Product.sku_key)
            ).all()
            if missing and policy is Uncounted.REFUSE:
                raise ValidationFailed(
                    [Problem(f"{path} {sku}", "not counted") for sku, path in missing],
                    f"{header.number}: {len(missing)} line(s) are not counted. Count them, or post with the "
                    "uncounted lines skipped (left as they are) or counted as 0 (nothing found)",
                )
            now = utcnow()
            claimed = conn.execute(
                update(HEADER)
                .where(HEADER.c.id == header.id, HEADER.c.status == StocktakeStatus.COUNTING)
                .values(status=StocktakeStatus.POSTED.value, posted_at=now, posted_by=self.shop.user)
            ).rowcount
            if claimed != 1:  # someone posted or cancelled it a moment ago
                refuse_if_done(find_stocktake(conn, header.id))
            result, updates = self._post_lines(uow.session, header, policy is Uncounted.ZERO, now)
            if updates:
                conn.execute(
                    update(LINE)
                    .where(LINE.c.id == bindparam("line_id"))
                    .values(
                        counted_qty=bindparam("counted"),
                        book_at_count=bindparam("book"),
                        posted_qty=bindparam("posted"),
                        posted_value=bindparam("value"),
                        move_id=bindparam("move"),
                    ),
                    updates,
                )
            audit.record(
                uow.session,
                self.shop.user,
                "stocktake",
                header.id,
                "status",
                label=header.number,
                changes={
                    "status": (header.status, StocktakeStatus.POSTED.value),
                    "value": (None, result.value_gained - result.value_lost),
                },
                reason=reason or f"posted: {result.lines_adjusted} line(s) adjusted",
            )
            uow.commit()
            return result

    def _post_lines(self, session: Session, header, zero_uncounted: bool, now) -> tuple[PostResult, list[dict]]:  # type: ignore[no-untyped-def, type-arg]
        conn = session.connection()
        query = select(LINE.c.id, LINE.c.product_id, LINE.c.location_id, LINE.c.counted_qty, LINE.c.book_at_count)
        query = query.where(LINE.c.stocktake_id == header.id)
        if not zero_uncounted:
            query = query.where(LINE.c.counted_qty.is_not(None))
        # Product order: the order single moves lock valuations in, so a big posting never deadlocks a clerk.
        rows = conn.execute(query.order_by(LINE.c.product_id, LINE.c.location_id)).all()
        ledger = Ledger.open(conn, self.shop.user)
        adjustment = virtual_location(conn, "adjustment")
        source = SourceDoc(SOURCE_TYPE, header.id, header.number)
        places: dict[int, LocationRef] = {}
        gained = lost = value_in = value_out = adjusted = 0
        updates = []
        released: list[str] = []
        for row in rows:
            counted, book = row.counted_qty, row.book_at_count
            if counted is None:  # nothing was found: written off against the book quantity now
                counted = 0
                book = ledger.balance(row.product_id, row.location_id)[0]
            diff = difference(counted, book)
            move_id = None
            value = 0
            if diff:
                loc = places.get(row.location_id) or places.setdefault(
                    row.location_id, resolve_location(conn, row.location_id)
                )
                info = product_info(conn, row.product_id)
                reason = f"stocktake {header.number}"
                if diff > 0:
                    posted = ledger.post(info, diff, adjustment, loc, MoveKind.ADJUSTMENT, reason=reason, source=source)
                    value, gained, value_in = posted.value, gained + diff, value_in + posted.value
                else:
                    # The goods are not there: orders holding more than is left lose their reservation and wait.
                    ledger.lock_valuation(info.id)
                    after = ledger.balance(info.id, loc.id)[0] + diff
                    released += release_beyond_on_hand(
                        session, self.shop.user, info, loc, after, f"{info.sku} at {loc.path} counted ({reason})"
                    )
                    posted = ledger.post(
                        info,
                        -diff,
                        loc,
                        adjustment,
                        MoveKind.ADJUSTMENT,
                        take=Take.ON_HAND,
                        reason=reason,
                        source=source,
                    )
                    value, lost, value_out = -posted.value, lost - diff, value_out + posted.value
                move_id, adjusted = posted.id, adjusted + 1
            updates.append(
                {"line_id": row.id, "counted": counted, "book": book, "posted": diff, "value": value, "move": move_id}
            )
        result = PostResult(header.number, adjusted, gained, lost, value_in, value_out, tuple(released))
        return result, updates

    @guarded(Permission.MOVE_STOCK, "cancel stocktakes")
    def cancel(self, ref: int | str, reason: str) -> None:
        """Stop a stocktake without posting (its counts are kept for review); a reason is required."""
        if not reason.strip():
            raise ValidationFailed([Problem("reason", "say why the stocktake is cancelled")], "Not cancelled")
        with self.db.uow() as uow:
            conn = uow.session.connection()
            header = find_stocktake(conn, ref)
            refuse_if_done(header)
            claimed = conn.execute(
                update(HEADER)
                .where(HEADER.c.id == header.id, HEADER.c.status == StocktakeStatus.COUNTING)
                .values(status=StocktakeStatus.CANCELLED.value)
            ).rowcount
            if claimed != 1:
                refuse_if_done(find_stocktake(conn, header.id))
            audit.record(
                uow.session,
                self.shop.user,
                "stocktake",
                header.id,
                "status",
                label=header.number,
                changes={"status": (header.status, StocktakeStatus.CANCELLED.value)},
                reason=reason.strip(),
            )
            uow.commit()
