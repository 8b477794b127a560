"""Import orders from a CSV or XLSX file (`shopdesk import orders FILE --profile generic`).

All or nothing: the whole file is read and every order checked first (SKUs,
quantities, prices, addresses...), every problem reported as
`row N, column C: ...`, and nothing is written unless all of it is good. Orders
whose channel number was imported before are skipped and listed: importing a
file again changes nothing. New orders are confirmed by default, so the review
rules hold the suspicious ones and the rest are allocated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.imports.tables import find_header_row, read_table
from shopdesk.services.order_file import COLUMNS, OrderRows, is_known_heading
from shopdesk.services.orders import OrderWriter

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

# generic: our own layout, or one the shop saved (services/marketplace_import.py); the rest: platform exports
PROFILES = ("generic", "taobao", "pinduoduo")


@dataclass
class OrderImportOptions:
    profile: str = "generic"
    channel: str = "file"  # for files without a channel column
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    decimal_comma: bool = False
    confirm: bool = True  # review and allocate the new orders; False leaves them as drafts


@dataclass
class OrderImportResult:
    file: str
    orders_in_file: int
    created: list[str] = field(default_factory=list)  # our new numbers
    already_imported: list[tuple[str, str, str]] = field(default_factory=list)  # (channel, their no, ours)
    on_hold: list[str] = field(default_factory=list)
    dry_run: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1


class OrderImport:
    def __init__(self, shop: Shop):
        self.shop = shop

    def run(self, path: Path, options: OrderImportOptions | None = None, *, dry_run: bool = False) -> OrderImportResult:
        """Check the whole file, then write all its new orders in one transaction (or, in a dry run, nothing)."""
        options = options or OrderImportOptions()
        if options.profile not in PROFILES:
            raise ShopDeskError(f"Unknown order file profile {options.profile!r}; known: {', '.join(PROFILES)}.")
        table = read_table(Path(path), encoding=options.encoding, delimiter=options.delimiter, sheet=options.sheet)
        from shopdesk.services import marketplace_import  # it builds on this module

        layout = marketplace_import.layout_for(self.shop, table, options)
        if layout is not None:
            return marketplace_import.MarketplaceImport(self.shop).run_table(table, layout, options, dry_run=dry_run)
        header_row = options.header_row or find_header_row(table.rows, is_known_heading)
        if header_row is None or header_row > len(table.rows):
            labels = ", ".join(f"{c.label} ({c.label_zh})" for c in COLUMNS if c.required)
            raise ValidationFailed(
                [Problem("file", f"no heading row found; the file needs columns {labels}")],
                f"{Path(path).name} cannot be imported",
            )
        reader = OrderRows(
            table.rows[header_row - 1], header_row, channel=options.channel, decimal_comma=options.decimal_comma
        )
        problems = reader.missing_columns()
        if problems:
            raise ValidationFailed(problems, f"{Path(path).name} cannot be imported")
        data = [(n, cells) for n, cells in enumerate(table.rows, start=1) if n > header_row]
        file_orders, problems = reader.read(data)
        result = OrderImportResult(
            str(path),
            len(file_orders),
            dry_run=dry_run,
            encoding=table.encoding,
            delimiter=table.delimiter,
            sheet=table.sheet,
            header_row=header_row,
        )
        with self.shop.db.uow() as uow:
            writer = OrderWriter(uow.session, self.shop)
            new = []
            for order in file_orders:
                channel, their_no = order.key
                ours = writer.existing_number(channel, their_no)
                if ours is not None:
                    result.already_imported.append((channel, their_no, ours))
                    continue
                _, found = writer.check(order.draft)
                problems += [reader.locate(order, p) for p in found]
                new.append(order)
            if problems:
                problems.sort(key=_row_of)
                raise ValidationFailed(problems, f"{Path(path).name}: nothing was imported")
        if dry_run or not new:
            return result
        created = self.shop.orders.create_orders(
            [o.draft for o in new],
            confirm=options.confirm,
            skip_imported=False,
            reason=f"imported from {Path(path).name}",
        )
        result.created = [c.number for c in created]
        if options.confirm:
            with self.shop.db.read() as conn:
                result.on_hold = list(
                    conn.execute(
                        select(SalesOrder.number)
                        .where(SalesOrder.number.in_(result.created), SalesOrder.status == "on_hold")
                        .order_by(SalesOrder.number)
                    ).scalars()
                )
        return result


def _row_of(problem: Problem) -> int:
    head = problem.where.split(",")[0]
    return int(head.removeprefix("row ")) if head.startswith("row ") and head[4:].isdigit() else 0
