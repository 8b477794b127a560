"""Reading stocktakes: the count sheet (blind for counters when asked), the differences with their value, the list.

A blind count (盲盘) hides what the book says from the people counting until
it is posted: the expected and book quantities, which lines differ, how many
and what they are worth, in the lines and in the summary alike. Only the
owner may look (may_see_expected); posting is not the test, because the
warehouse staff who count may post too.

Before posting, the value of a difference is an estimate at the product's
current unit cost (the moving average, else the last purchase cost, else the
product's cost), rounded half up; after posting it is the value of the
adjustment move that was written (under FIFO a loss takes the oldest layers,
so the two can differ by the layers' costs).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Select, Table, and_, func, or_, select

from shopdesk.db.models import Category, Location, Product, Stocktake, StocktakeLine, StockValuation
from shopdesk.domain.errors import NotFound
from shopdesk.domain.permissions import Permission, PermissionDenied
from shopdesk.domain.search import normalize_query
from shopdesk.domain.stock import value_of
from shopdesk.domain.stocktake import StocktakeStatus

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

LINE = cast(Table, StocktakeLine.__table__)
HEADER = cast(Table, Stocktake.__table__)


@dataclass(frozen=True)
class CountLine:
    """One product at one location on the count sheet; figures a blind counter may not see are None."""

    id: int
    product_id: int
    sku: str
    name: str
    unit: str
    location: str
    expected: int | None  # frozen at the start
    counted: int | None
    book_at_count: int | None  # expected + the moves there between the freeze and the count
    counted_by: str
    counted_at: datetime | None
    posted: int | None  # the difference written when posted
    value: int | None  # minor units: posted value, or the estimate before posting (signed: losses negative)

    @property
    def moved_during_count(self) -> int | None:
        if self.book_at_count is None or self.expected is None:
            return None
        return self.book_at_count - self.expected

    @property
    def difference(self) -> int | None:
        if self.posted is not None:
            return self.posted
        if self.counted is None or self.book_at_count is None:
            return None
        return self.counted - self.book_at_count


@dataclass(frozen=True)
class StocktakeSummary:
    id: int
    number: str
    status: str
    scope: str  # "WH1 / zone WH1/A / category 饮品" or "whole shop"
    blind: bool
    note: str
    started_at: datetime
    started_by: str
    posted_at: datetime | None
    posted_by: str
    lines: int
    counted: int
    differences: int | None  # counted lines whose count differs from the book; None while a blind count hides it
    # Minor units, estimated before posting; None for a role without VIEW_COSTS (as a line's value).
    gain_value: int | None
    loss_value: int | None  # positive

    @property
    def uncounted(self) -> int:
        return self.lines - self.counted


def may_see_expected(shop: Shop) -> bool:
    """Whether the current role may see the book figures of a blind count while it is counted: the owner's."""
    return shop.can(Permission.MANAGE_SHOP)


def _blind_now(header) -> bool:  # type: ignore[no-untyped-def]
    return bool(header.blind) and header.status == StocktakeStatus.COUNTING


def find_stocktake(conn: Connection, ref: int | str):  # type: ignore[no-untyped-def]
    """The stocktake row by id or number (ST-000001, any case)."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        row = conn.execute(select(HEADER).where(HEADER.c.id == ref)).first()
        if row is None:
            raise NotFound(f"No stocktake with id {ref}")
        return row
    number = str(ref).strip().upper()
    row = conn.execute(select(HEADER).where(HEADER.c.number == number)).first()
    if row is None:
        raise NotFound(f"No stocktake {number} (`shopdesk stocktake show` lists them)")
    return row


def unit_costs(conn: Connection, product_ids: list[int]) -> dict[int, Decimal]:
    """What one unit of each product is worth now: the average, else the last receipt, else the product's cost."""
    if not product_ids:
        return {}
    rows = conn.execute(
        select(
            Product.id,
            Product.cost,
            StockValuation.quantity,
            StockValuation.value,
            StockValuation.last_in_qty,
            StockValuation.last_in_value,
        )
        .outerjoin(StockValuation, StockValuation.product_id == Product.id)
        .where(Product.id.in_(product_ids))
    )
    costs = {}
    for pid, cost, qty, value, last_qty, last_value in rows:
        if qty and qty > 0 and value >= 0:
            costs[pid] = Decimal(value) / qty
        elif last_qty and last_qty > 0:
            costs[pid] = Decimal(last_value) / last_qty
        else:
            costs[pid] = Decimal(cost or 0)
    return costs


def _difference_value(diff: int, unit: Decimal) -> int:
    return value_of(diff, unit) if diff >= 0 else -value_of(-diff, unit)


class StocktakeQueries:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    def summary(self, ref: int | str, *, for_counter: bool = False) -> StocktakeSummary:
        """One stocktake: its scope, progress and the value of its differences (for a role with VIEW_COSTS).

        On a blind count still counting, the differences and their value are None
        for a counter (for_counter) and for anyone but the owner.
        """
        with self.db.read() as conn:
            return self._shown(_summary(conn, find_stocktake(conn, ref)), for_counter)

    def stocktakes(self, limit: int = 200) -> list[StocktakeSummary]:
        """Every stocktake, newest first (posted ones stay for review)."""
        with self.db.read() as conn:
            rows = conn.execute(select(HEADER).order_by(HEADER.c.id.desc()).limit(limit)).all()
            return [self._shown(_summary(conn, row), False) for row in rows]

    def _hides(self, header, for_counter: bool) -> bool:  # type: ignore[no-untyped-def]
        """Whether the book figures of this stocktake (a row or a summary) are hidden from this reader now."""
        return _blind_now(header) and (for_counter or not may_see_expected(self.shop))

    def _shown(self, summary: StocktakeSummary, for_counter: bool) -> StocktakeSummary:
        if self._hides(summary, for_counter):
            return replace(summary, differences=None, gain_value=None, loss_value=None)
        if self.shop.can(Permission.VIEW_COSTS):
            return summary
        return replace(summary, gain_value=None, loss_value=None)

    def _refuse_differences(self, header, only: str, for_counter: bool) -> None:  # type: ignore[no-untyped-def]
        if only == "differences" and self._hides(header, for_counter):
            raise PermissionDenied(
                f"{header.number} is a blind count still being counted: "
                "which lines differ is shown to the owner only, or to everyone once it is posted"
            )

    def line_count(self, ref: int | str, *, only: str = "all", text: str = "", for_counter: bool = False) -> int:
        """How many lines count_lines would return with the same `only`, `text` and `for_counter`."""
        with self.db.read() as conn:
            header = find_stocktake(conn, ref)
            self._refuse_differences(header, only, for_counter)
            return int(conn.execute(_lines_query(header.id, only, text, func.count())).scalar_one())

    def count_lines(
        self,
        ref: int | str,
        *,
        for_counter: bool = False,
        only: str = "all",
        text: str = "",
        offset: int = 0,
        limit: int | None = None,
        line_id: int | None = None,
    ) -> list[CountLine]:
        """The lines in walking order (location, then SKU).

        On a blind stocktake still counting, the expected and book quantities,
        differences and values are hidden (None) for a counter (for_counter) and
        from anyone but the owner; "differences" is refused to them
        (PermissionDenied). Values are hidden (None) from a role without
        VIEW_COSTS too.
        only: "all", "uncounted", "counted" or "differences".
        """
        with self.db.read() as conn:
            header = find_stocktake(conn, ref)
            self._refuse_differences(header, only, for_counter)
            hide = self._hides(header, for_counter)
            costs_shown = self.shop.can(Permission.VIEW_COSTS)
            query = _lines_query(
                header.id,
                only,
                text,
                LINE.c.id,
                LINE.c.product_id,
                Product.sku,
                Product.name,
                Product.unit,
                Location.path,
                LINE.c.expected_qty,
                LINE.c.counted_qty,
                LINE.c.book_at_count,
                LINE.c.counted_by,
                LINE.c.counted_at,
                LINE.c.posted_qty,
                LINE.c.posted_value,
            )
            query = query.order_by(
                func.coalesce(Location.warehouse_id, Location.id), Location.pick_order, Location.path, Product.sku_key
            ).offset(offset)
            if limit is not None:
                query = query.limit(limit)
            if line_id is not None:
                query = query.where(LINE.c.id == line_id)
            rows = conn.execute(query).all()
            costs = unit_costs(conn, sorted({r.product_id for r in rows})) if not hide else {}
        lines = []
        for r in rows:
            value = r.posted_value
            if value is None and r.counted_qty is not None and not hide:
                value = _difference_value(r.counted_qty - r.book_at_count, costs[r.product_id])
            lines.append(
                CountLine(
                    r.id,
                    r.product_id,
                    r.sku,
                    r.name,
                    r.unit,
                    r.path,
                    None if hide else r.expected_qty,
                    r.counted_qty,
                    None if hide else r.book_at_count,
                    r.counted_by,
                    r.counted_at,
                    None if hide else r.posted_qty,
                    None if hide or not costs_shown else value,
                )
            )
        return lines


def _lines_query(stocktake_id: int, only: str, text: str, *columns: Any) -> Select:
    query = (
        select(*columns)
        .select_from(LINE)
        .join(Product, Product.id == LINE.c.product_id)
        .join(Location, Location.id == LINE.c.location_id)
        .where(LINE.c.stocktake_id == stocktake_id)
    )
    if only == "uncounted":
        query = query.where(LINE.c.counted_qty.is_(None))
    elif only == "counted":
        query = query.where(LINE.c.counted_qty.is_not(None))
    elif only == "differences":
        query = query.where(_differs())
    if text.strip():
        needle = normalize_query(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(
            or_(
                Product.search_text.like(f"%{needle}%", escape="\\"),
                func.lower(Location.path).like(f"%{needle}%", escape="\\"),
            )
        )
    return query


def _differs():  # type: ignore[no-untyped-def]
    posted = and_(LINE.c.posted_qty.is_not(None), LINE.c.posted_qty != 0)
    pending = and_(
        LINE.c.posted_qty.is_(None), LINE.c.counted_qty.is_not(None), LINE.c.counted_qty != LINE.c.book_at_count
    )
    return or_(posted, pending)


def _summary(conn: Connection, header) -> StocktakeSummary:  # type: ignore[no-untyped-def]
    lines, counted = conn.execute(
        select(func.count(), func.count(LINE.c.counted_qty)).where(LINE.c.stocktake_id == header.id)
    ).one()
    differing = conn.execute(
        select(LINE.c.product_id, LINE.c.counted_qty, LINE.c.book_at_count, LINE.c.posted_value).where(
            LINE.c.stocktake_id == header.id, _differs()
        )
    ).all()
    costs = unit_costs(conn, sorted({r.product_id for r in differing if r.posted_value is None}))
    gain = loss = 0
    for r in differing:
        value = r.posted_value
        if value is None:
            value = _difference_value(r.counted_qty - r.book_at_count, costs[r.product_id])
        gain, loss = (gain + value, loss) if value > 0 else (gain, loss - value)
    return StocktakeSummary(
        header.id,
        header.number,
        header.status,
        _scope_text(conn, header),
        header.blind,
        header.note,
        header.started_at,
        header.started_by,
        header.posted_at,
        header.posted_by,
        int(lines),
        int(counted),
        len(differing),
        gain,
        loss,
    )


def _scope_text(conn: Connection, header) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for location_id in (header.warehouse_id, header.zone_id):
        if location_id is not None:
            parts.append(conn.execute(select(Location.path).where(Location.id == location_id)).scalar_one())
    if header.category_id is not None:
        path = conn.execute(select(Category.path).where(Category.id == header.category_id)).scalar_one()
        parts.append(f"category {path}")
    return " / ".join(parts) or "whole shop"
