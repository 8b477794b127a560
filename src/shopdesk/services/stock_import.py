"""Opening balances from a file (期初库存): what a shop has on its shelves when it starts with ShopDesk.

One row per product and location: SKU or barcode, location (optional: the
product's default bin in the first warehouse), quantity, unit cost. The whole
file is checked first, every bad row reported by row and column, and nothing
is written unless all rows are good; then all of it goes in as opening moves
in one transaction (services/stock_bulk.py). A product that already has stock
moves is refused: importing the same file twice must not double the stock
(correct a running shop with `stock adjust` or a stocktake).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from shopdesk.db.models import Product, StockMove
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.money import parse_amount
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stock import MoveKind
from shopdesk.domain.stocktake import parse_count
from shopdesk.imports.stock_rows import read_stock_file
from shopdesk.services.access import guarded
from shopdesk.services.locations import default_bin, resolve_location
from shopdesk.services.stock_bulk import ReceiptLine, receive_lines
from shopdesk.services.stock_ledger import product_info, style_message

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


@dataclass(frozen=True)
class OpeningResult:
    rows: int
    units: int
    value: int  # minor units
    dry_run: bool


class StockImport:
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    @guarded(Permission.MOVE_STOCK, "import opening stock")
    def import_opening_stock(
        self,
        path: str | Path,
        *,
        dry_run: bool = False,
        encoding: str | None = None,
        delimiter: str | None = None,
        sheet: str | None = None,
    ) -> OpeningResult:
        """Bring in opening balances from a CSV or XLSX file, all rows or none."""
        stock_file = read_stock_file(Path(path), need_cost=True, encoding=encoding, delimiter=delimiter, sheet=sheet)
        exponent = self.shop.money.exponent
        with self.db.uow() as uow:
            conn = uow.session.connection()
            problems: list[Problem] = []
            lines: list[ReceiptLine] = []
            seen: dict[tuple[int, int], int] = {}
            for row in stock_file.rows:
                try:
                    info = product_info(conn, row.code)
                except NotFound:
                    problems.append(Problem(row.at("code"), "no product has this SKU or barcode", row.code))
                    continue
                if info.is_parent:
                    problems.append(Problem(row.at("code"), style_message(conn, info.id, info.sku), row.code))
                    continue
                unit = conn.execute(select(Product.unit).where(Product.id == info.id)).scalar_one()
                qty, problem = parse_count(row.quantity, unit, row.at("quantity"))
                if problem is None and qty == 0:
                    problem = Problem(row.at("quantity"), "an opening balance is above zero (leave the row out)", "0")
                if problem is not None:
                    problems.append(problem)
                try:
                    unit_cost = parse_amount(row.cost, exponent)
                    if unit_cost < 0:
                        raise ValueError("cannot be negative")
                except ValueError as exc:
                    problems.append(Problem(row.at("cost"), f"unit cost {exc} (write it like 3.20)", row.cost))
                    continue
                if row.location:
                    try:
                        location = resolve_location(conn, row.location)
                    except NotFound as exc:
                        problems.append(Problem(row.at("location"), str(exc), row.location))
                        continue
                    if not location.is_physical:
                        problems.append(
                            Problem(row.at("location"), "stock is put in a warehouse, zone or bin", row.location)
                        )
                        continue
                else:
                    home = default_bin(conn, info.id)
                    if home is None:
                        problems.append(
                            Problem(row.at("location"), f"{info.sku} has no default bin: give the location")
                        )
                        continue
                    location = home
                if qty is None or problem is not None:
                    continue
                key = (info.id, location.id)
                if key in seen:
                    problems.append(
                        Problem(f"row {row.row}", f"{info.sku} at {location.path} is on row {seen[key]} too")
                    )
                    continue
                seen[key] = row.row
                lines.append(ReceiptLine(info.id, qty, location, qty * unit_cost))
            moved = (
                dict(
                    conn.execute(
                        select(Product.id, Product.sku)
                        .where(Product.id.in_({line.product_id for line in lines}))
                        .where(Product.id.in_(select(StockMove.product_id).distinct()))
                    ).all()
                )
                if lines
                else {}
            )
            problems += [
                Problem(
                    f"row {row}",
                    f"{moved[pid]} already has stock moves: opening balances are for starting with ShopDesk "
                    "(use stock adjust or a stocktake)",
                )
                for (pid, _), row in seen.items()
                if pid in moved
            ]
            if problems:
                raise ValidationFailed(problems, f"{Path(path).name}: no stock was brought in")
            receive_lines(conn, self.shop.user, lines, reason="opening stock", kind=MoveKind.OPENING)
            if not dry_run:
                uow.commit()
        units = sum(line.quantity for line in lines)
        return OpeningResult(len(stock_file.rows), units, sum(line.value for line in lines), dry_run)
