"""Pick lists: the walk through the warehouse, bin by bin, with what to take and where it goes.

Rows are sorted by warehouse, then by the bins' walking order (pick_order),
then bin code and SKU, so the picker never walks back. Consolidated, one row
per product and bin carries the total to take and the put-wall split: which
slot (one per order) gets how many. Per order, each order is its own section
in the same walking order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.data import PickLine, PickListRequest
from shopdesk.documents.fonts import font_set
from shopdesk.documents.pages import BODY_W, PAGE_H, PAGE_W, Cell, Column, Sheet
from shopdesk.documents.pdf import build_pdf
from shopdesk.documents.symbols import code128
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed


@dataclass(frozen=True)
class PutWallShare:
    """How many of a pick row go into one order's put-wall slot."""

    slot: int
    order_number: str
    quantity: int


@dataclass(frozen=True)
class PickRow:
    """One stop of the walk: take quantity of sku from bin (summed over orders when consolidated)."""

    warehouse: str
    bin: str
    pick_order: int
    sku: str
    name: str
    variant: str
    barcode: str
    quantity: int
    shares: tuple[PutWallShare, ...]


def put_wall_slots(request: PickListRequest) -> dict[str, int]:
    """Order number -> put-wall slot (1, 2, ...): the order given, else first appearance in the lines."""
    orders = list(request.orders) or list(dict.fromkeys(line.order_number for line in request.lines))
    return {number: slot for slot, number in enumerate(orders, start=1)}


def check_request(request: PickListRequest) -> None:
    """Every problem of the request at once; a pick list that sends a picker wrong is worse than none."""
    problems = []
    slots = put_wall_slots(request)
    if not request.lines:
        problems.append(Problem("lines", "a pick list needs at least one line"))
    if len(slots) != len(request.orders or slots):
        problems.append(Problem("orders", "an order is listed twice"))
    for i, line in enumerate(request.lines, start=1):
        where = f"line {i} (order {line.order_number}, {line.sku})"
        if line.quantity <= 0:
            problems.append(Problem(where, "quantity must be more than zero", str(line.quantity)))
        if line.order_number not in slots:
            problems.append(Problem(where, "the order is not among the orders of this pick list", line.order_number))
        if not line.sku.strip():
            problems.append(Problem(where, "SKU is empty", line.sku))
        if not line.bin.strip() or not line.warehouse.strip():
            problems.append(Problem(where, "warehouse and bin are required to pick", f"{line.warehouse}/{line.bin}"))
        try:
            code128(line.barcode or line.sku, where)
        except ShopDeskError as exc:
            problems.append(Problem(where, str(exc).split(": ", 1)[-1], line.barcode or line.sku))
    if problems:
        raise ValidationFailed(problems, f"pick list {request.number}: {len(problems)} problem(s)")


def _walk_key(line: PickLine | PickRow) -> tuple[str, int, str, str]:
    return (line.warehouse, line.pick_order, line.bin, line.sku)


def consolidate(request: PickListRequest) -> list[PickRow]:
    """One row per warehouse, bin and SKU in walking order, quantities summed, with the put-wall split."""
    check_request(request)
    slots = put_wall_slots(request)
    groups: dict[tuple[str, int, str, str], list[PickLine]] = defaultdict(list)
    for line in request.lines:
        groups[_walk_key(line)].append(line)
    rows = []
    for key in sorted(groups):
        lines = groups[key]
        per_order: dict[str, int] = defaultdict(int)
        for line in lines:
            per_order[line.order_number] += line.quantity
        shares = tuple(sorted((PutWallShare(slots[o], o, q) for o, q in per_order.items()), key=lambda s: s.slot))
        first = lines[0]
        rows.append(
            PickRow(
                first.warehouse,
                first.bin,
                first.pick_order,
                first.sku,
                first.name,
                first.variant,
                first.barcode or first.sku,
                sum(per_order.values()),
                shares,
            )
        )
    return rows


def per_order(request: PickListRequest) -> list[tuple[int, str, list[PickRow]]]:
    """(slot, order number, rows in walking order) for each order, in slot order."""
    check_request(request)
    slots = put_wall_slots(request)
    by_order: dict[str, list[PickLine]] = defaultdict(list)
    for line in request.lines:
        by_order[line.order_number].append(line)
    out = []
    for number, slot in sorted(slots.items(), key=lambda item: item[1]):
        single = PickListRequest(request.number, tuple(by_order.get(number, ())), orders=(number,))
        if single.lines:
            out.append((slot, number, consolidate(single)))
    return out


def render_pick_list(request: PickListRequest) -> bytes:
    """A4 PDF: consolidated with put-wall split, or one section per order (request.consolidated)."""
    fonts = font_set()
    rows = consolidate(request) if request.consolidated else []
    sections = [] if request.consolidated else per_order(request)
    slots = put_wall_slots(request)
    units = sum(line.quantity for line in request.lines)
    kind = "consolidated, put wall" if request.consolidated else "per order"
    facts = [
        f"{len(slots)} orders · {len(request.lines)} lines · {units} units · {kind}",
        " · ".join(p for p in (request.created, f"picker {request.picker}" if request.picker else "") if p),
    ]
    where = f"pick list {request.number}"

    def draw(canvas: Canvas) -> None:
        sheet = Sheet(canvas, fonts, "Pick list 拣货单", request.number, [f for f in facts if f], where)
        sheet.start()
        if request.consolidated:
            _walk(sheet, rows, with_split=True)
            _put_wall_summary(sheet, request, slots)
        else:
            for slot, number, order_rows in sections:
                sheet.heading(f"Order 订单 {number} → slot {slot}", 12, min_follow=100)
                _walk(sheet, order_rows, with_split=False)
        sheet.finish()

    return build_pdf((PAGE_W, PAGE_H), f"Pick list {request.number}", draw)


def _walk(sheet: Sheet, rows: list[PickRow], *, with_split: bool) -> None:
    widths = [24, 70, 150, 0, 40] + ([110] if with_split else [])
    widths[3] = BODY_W - sum(widths)
    columns = [
        Column("✓", widths[0]),
        Column("Bin 库位", widths[1]),
        Column("SKU / barcode", widths[2]),
        Column("Product 商品", widths[3]),
        Column("Qty 数量", widths[4], "right"),
    ]
    if with_split:
        columns.append(Column("Put wall 分播", widths[5]))
    warehouse = None
    batch: list[list[Cell]] = []
    for row in rows:
        if row.warehouse != warehouse:
            if batch:
                sheet.table(columns, batch)
                batch = []
            warehouse = row.warehouse
            sheet.heading(f"Warehouse 仓库 {warehouse}")
        cells = [
            Cell(tick_box=True),
            Cell((row.bin,), size=11, bold=True),
            Cell((row.sku,), size=9, bold=True, barcode=row.barcode),
            Cell((row.name, row.variant) if row.variant else (row.name,), size=9),
            Cell((str(row.quantity),), size=14, bold=True),
        ]
        if with_split:
            cells.append(Cell(tuple(f"#{s.slot}  {s.order_number}  ×{s.quantity}" for s in row.shares), size=8.5))
        batch.append(cells)
    if batch:
        sheet.table(columns, batch)


def _put_wall_summary(sheet: Sheet, request: PickListRequest, slots: dict[str, int]) -> None:
    lines: dict[str, int] = defaultdict(int)
    units: dict[str, int] = defaultdict(int)
    for line in request.lines:
        lines[line.order_number] += 1
        units[line.order_number] += line.quantity
    sheet.heading("Put wall 分播墙")
    columns = [
        Column("Slot 格口", 60),
        Column("Order 订单", 200),
        Column("Lines 行", 60, "right"),
        Column("Units 件数", 60, "right"),
    ]
    rows = [
        [
            Cell((f"#{slot}",), size=11, bold=True),
            Cell((number,), size=10),
            Cell((str(lines[number]),), size=10),
            Cell((str(units[number]),), size=10, bold=True),
        ]
        for number, slot in sorted(slots.items(), key=lambda item: item[1])
    ]
    sheet.table(columns, rows)
