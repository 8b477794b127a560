"""shopdesk po new|show|list|order|receive|close|cancel|pdf, and stock reorder|low|levels.

Lines are written SKU:QTY or SKU:QTY@COST (cost as people write it, "3.20");
a receipt line names the order line by its number or SKU: 1:40 or MUG:40@3.10.
Stocktakes are in cli/stocktake_commands.py.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.purchase_queries import PoView
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.services.reorder import ReorderLine
from shopdesk.services.shop import Shop


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    po = sub.add_parser("po", parents=[common], help="purchase orders (采购单): create, order, receive, print")
    actions = po.add_subparsers(dest="po_command", metavar="ACTION", required=True)

    new = actions.add_parser("new", parents=[common], help="a draft purchase order to a supplier")
    new.add_argument("supplier", metavar="SUPPLIER", help="the supplier's code")
    new.add_argument("lines", nargs="+", metavar="SKU:QTY[@COST]", help="e.g. MUG-01:60 or MUG-01:60@3.50")
    new.add_argument("--warehouse", metavar="WH", help="where it is delivered (default: the first warehouse)")
    new.add_argument("--expected", metavar="YYYY-MM-DD", help="expected delivery date")
    new.add_argument("--notes", default="", metavar="TEXT")
    new.add_argument("--order", action="store_true", help="send it straight away (draft → ordered)")
    new.set_defaults(handler=new_po)

    show = actions.add_parser("show", parents=[common], help="a purchase order and its lines")
    show.add_argument("po", metavar="PO", help="PO-000001")
    show.set_defaults(handler=show_po)

    listing = actions.add_parser("list", parents=[common], help="purchase orders, newest first")
    listing.add_argument("--status", metavar="STATE", help="open, draft, ordered, partially_received, received...")
    listing.add_argument("--supplier", metavar="CODE")
    listing.set_defaults(handler=list_pos)

    order = actions.add_parser("order", parents=[common], help="send a draft to the supplier (draft → ordered)")
    order.add_argument("po", metavar="PO")
    order.set_defaults(handler=order_po)

    receive = actions.add_parser("receive", parents=[common], help="book goods arriving against a purchase order")
    receive.add_argument("po", metavar="PO")
    receive.add_argument("lines", nargs="*", metavar="LINE:QTY[@COST]", help="line number or SKU, e.g. 1:40 MUG:20")
    receive.add_argument("--all", action="store_true", help="everything still outstanding")
    receive.add_argument("--location", metavar="WH/ZONE/BIN", help="where it goes (default: each default bin)")
    receive.add_argument("--note", default="", metavar="TEXT", help="delivery note number, damage seen...")
    receive.set_defaults(handler=receive_po)

    for name, text in (("close", "close a received (or partly received) order"), ("cancel", "cancel an order")):
        parser = actions.add_parser(name, parents=[common], help=text)
        parser.add_argument("po", metavar="PO")
        parser.add_argument("--reason", default="", metavar="TEXT", required=name == "cancel")
        parser.set_defaults(handler=close_po if name == "close" else cancel_po)

    pdf = actions.add_parser("pdf", parents=[common], help="the purchase order as a PDF for the supplier")
    pdf.add_argument("po", metavar="PO")
    pdf.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    pdf.set_defaults(handler=pdf_po)

    stock = _stock_actions(sub)
    reorder = stock.add_parser("reorder", parents=[common], help="what to order now (补货建议)")
    reorder.add_argument("--create-pos", action="store_true", help="turn the suggestions into draft POs")
    reorder.add_argument("--all", action="store_true", help="also products that need nothing yet")
    reorder.set_defaults(handler=reorder_stock)

    low = stock.add_parser("low", parents=[common], help="products at or below their warning line (预警线)")
    low.add_argument("--warehouse", metavar="WH")
    low.set_defaults(handler=low_stock)

    levels = stock.add_parser("levels", parents=[common], help="set a product's safety stock and warning line")
    levels.add_argument("sku", metavar="SKU")
    levels.add_argument("--safety", metavar="QTY", help="safety stock")
    levels.add_argument("--warning", metavar="QTY", help="warning line (预警线)")
    levels.add_argument("--warehouse", metavar="WH", help="for one warehouse (default: the whole shop)")
    levels.set_defaults(handler=set_levels)


def _stock_actions(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The sub-actions of `shopdesk stock` (cli/stock_commands.py registers it first)."""
    stock = sub.choices["stock"]
    return next(a for a in stock._actions if isinstance(a, argparse._SubParsersAction))


# Helpers ---------------------------------------------------------------------------
def _money(shop: Shop, minor: int) -> str:
    return format_plain(minor, shop.money.exponent)


def _whole(text: str, where: str) -> int:
    if not text.strip().lstrip("-").isdigit():
        raise ValidationFailed([Problem(where, "a quantity is a whole number", text)])
    return int(text)


def _split_line(shop: Shop, text: str) -> tuple[str, int, int | None]:
    """'MUG:40@3.10' -> ('MUG', 40, 310)."""
    head, _, cost_text = text.partition("@")
    code, sep, qty_text = head.rpartition(":")
    if not sep or not code.strip():
        raise ShopDeskError(f"{text!r}: write a line as SKU:QTY or SKU:QTY@COST, e.g. MUG-01:60@3.50")
    cost = None
    if cost_text:
        try:
            cost = parse_amount(cost_text, shop.money.exponent)
        except ValueError as exc:
            raise ShopDeskError(f"{text!r}: the cost {cost_text!r} {exc} (write it like 3.50)") from None
    return code.strip(), _whole(qty_text, code.strip()), cost


def _po_json(shop: Shop, po: PoView) -> dict[str, Any]:
    return {
        "number": po.number,
        "status": po.status,
        "supplier": po.supplier_code,
        "supplier_name": po.supplier_name,
        "warehouse": po.warehouse,
        "expected_date": po.expected_date,
        "currency": po.currency,
        "total": _money(shop, po.total),
        "lines": [
            {
                "line": ln.line_no,
                "sku": ln.sku,
                "name": ln.name,
                "quantity": ln.quantity,
                "received": ln.received_qty,
                "outstanding": ln.outstanding,
                "unit_cost": _money(shop, ln.unit_cost),
                "line_total": _money(shop, ln.line_total),
            }
            for ln in po.lines
        ],
    }


def _po_text(data: dict[str, Any]) -> str:
    head = (
        f"{data['number']}  {data['status'].replace('_', ' ')}  {data['supplier']} {data['supplier_name']}  "
        f"total {data['total']} {data['currency']}"
    )
    lines = [
        f"  {ln['line']:>3}  {ln['sku']:<16} {ln['quantity']:>6} × {ln['unit_cost']:>10}  "
        f"received {ln['received']:>6}  outstanding {ln['outstanding']:>6}"
        for ln in data["lines"]
    ]
    return "\n".join([head, *lines])


# Purchase orders ------------------------------------------------------------------------
def new_po(ctx: Context) -> int:
    shop = ctx.shop()
    lines = [PoLineDraft(*_split_line(shop, text)) for text in ctx.args.lines]
    expected = None
    if ctx.args.expected:
        try:
            expected = date.fromisoformat(ctx.args.expected)
        except ValueError:
            raise ShopDeskError(f"--expected {ctx.args.expected!r}: write the date as YYYY-MM-DD") from None
    number = shop.purchasing.create(
        ctx.args.supplier, lines, warehouse=ctx.args.warehouse, expected_date=expected, notes=ctx.args.notes
    )
    if ctx.args.order:
        shop.purchasing.order(number)
    data = _po_json(shop, shop.purchasing.get(number))
    ctx.out(data, f"Created {number}\n{_po_text(data)}")
    return 0


def show_po(ctx: Context) -> int:
    shop = ctx.shop()
    data = _po_json(shop, shop.purchasing.get(ctx.args.po))
    ctx.out(data, _po_text(data))
    return 0


def list_pos(ctx: Context) -> int:
    shop = ctx.shop()
    rows = shop.purchasing.list_orders(status=ctx.args.status, supplier=ctx.args.supplier)
    data = [
        {
            "number": r.number,
            "status": r.status,
            "supplier": r.supplier,
            "created": r.created_at.date().isoformat(),
            "lines": r.lines,
            "ordered": r.ordered_units,
            "received": r.received_units,
            "total": _money(shop, r.total),
        }
        for r in rows
    ]
    text = "\n".join(
        f"{d['number']}  {d['created']}  {d['status']:<18} {d['supplier']:<24} {d['lines']:>3} line(s)  "
        f"{d['received']:>6}/{d['ordered']:<6} received  {d['total']:>12}"
        for d in data
    )
    ctx.out(data, text or "No purchase orders")
    return 0


def order_po(ctx: Context) -> int:
    shop = ctx.shop()
    status = shop.purchasing.order(ctx.args.po)
    ctx.out({"number": ctx.args.po.upper(), "status": status}, f"{ctx.args.po.upper()} is {status}")
    return 0


def receive_po(ctx: Context) -> int:
    shop = ctx.shop()
    if ctx.args.all == bool(ctx.args.lines):
        raise ShopDeskError("Say what arrived: LINE:QTY for each line (e.g. 1:40 MUG:20), or --all")
    if ctx.args.all:
        result = shop.purchasing.receive_all(ctx.args.po, location=ctx.args.location, note=ctx.args.note)
    else:
        lines = []
        for text in ctx.args.lines:
            code, qty, cost = _split_line(shop, text)
            lines.append(ReceiptLine(int(code) if code.isdigit() else code, qty, ctx.args.location, cost))
        result = shop.purchasing.receive(ctx.args.po, lines, note=ctx.args.note)
    text = (
        f"Received {result.units} unit(s) worth {_money(shop, result.value)} {shop.money.currency} on "
        f"{result.number}: now {result.status.replace('_', ' ')}"
    )
    if result.allocated_orders:
        text += "\nNow allocated (were waiting for stock): " + ", ".join(result.allocated_orders)
    if result.allocation_note:
        text += "\n" + result.allocation_note
    ctx.out(
        {
            "number": result.number,
            "status": result.status,
            "units": result.units,
            "value": _money(shop, result.value),
            "move_ids": [m.id for m in result.moves],
            "allocated_orders": result.allocated_orders,
        },
        text,
    )
    return 0


def close_po(ctx: Context) -> int:
    status = ctx.shop().purchasing.close(ctx.args.po, reason=ctx.args.reason)
    ctx.out({"number": ctx.args.po.upper(), "status": status}, f"{ctx.args.po.upper()} is {status}")
    return 0


def cancel_po(ctx: Context) -> int:
    status = ctx.shop().purchasing.cancel(ctx.args.po, ctx.args.reason)
    ctx.out({"number": ctx.args.po.upper(), "status": status}, f"{ctx.args.po.upper()} is {status}")
    return 0


def pdf_po(ctx: Context) -> int:
    path = ctx.shop().purchasing.purchase_order_pdf(ctx.args.po, ctx.args.output)
    ctx.out({"file": str(path)}, f"Wrote {path}")
    return 0


# Reordering ----------------------------------------------------------------------------
def _reorder_json(line: ReorderLine) -> dict[str, Any]:
    return {
        "sku": line.sku,
        "supplier": line.supplier,
        "sold_in_window": line.sold_in_window,
        "window_days": line.window_days,
        "daily_sales": f"{line.daily_sales:.2f}",
        "lead_time_days": line.lead_time_days,
        "safety_stock": line.safety_stock,
        "available": line.available,
        "on_order": line.on_order,
        "reorder_point": line.reorder_point,
        "suggested": line.suggested,
    }


def reorder_stock(ctx: Context) -> int:
    shop = ctx.shop()
    lines = shop.reordering.suggestions(include_all=ctx.args.all)
    data: dict[str, Any] = {"suggestions": [_reorder_json(ln) for ln in lines]}
    text = "\n".join(
        f"{d['sku']:<16} {d['supplier'] or '(no supplier)':<12} sold {d['sold_in_window']:>5}/{d['window_days']}d  "
        f"lead {d['lead_time_days']:>3}d  available {d['available']:>6}  on order {d['on_order']:>6}  "
        f"reorder point {d['reorder_point']:>6}  order {d['suggested']:>6}"
        for d in data["suggestions"]
    )
    text = text or "Nothing needs ordering"
    if ctx.args.create_pos:
        created = shop.reordering.create_purchase_orders(lines)
        data["created"] = created.numbers
        data["without_supplier"] = created.without_supplier
        text += "\nCreated draft purchase orders: " + (", ".join(created.numbers) or "none")
        if created.without_supplier:
            text += "\nNo supplier to order from: " + ", ".join(created.without_supplier)
    ctx.out(data, text)
    return 0


def low_stock(ctx: Context) -> int:
    rows = ctx.shop().reordering.low_stock(ctx.args.warehouse)
    data = [
        {
            "sku": r.sku,
            "name": r.name,
            "warehouse": r.warehouse,
            "available": r.available,
            "warning_line": r.warning_line,
        }
        for r in rows
    ]
    text = "\n".join(
        f"{d['sku']:<16} {d['warehouse'] or 'all':<8} available {d['available']:>6}  warning line {d['warning_line']:>6}"
        for d in data
    )
    ctx.out(data, text or "No product is at or below its warning line")
    return 0


def set_levels(ctx: Context) -> int:
    args = ctx.args
    if args.safety is None and args.warning is None:
        raise ShopDeskError("Give --safety QTY and/or --warning QTY")
    safety = None if args.safety is None else _whole(args.safety, "--safety")
    warning = None if args.warning is None else _whole(args.warning, "--warning")
    ctx.shop().reordering.set_levels(args.sku, safety_stock=safety, warning_line=warning, warehouse=args.warehouse)
    where = args.warehouse or "the whole shop"
    ctx.out(
        {"sku": args.sku, "safety_stock": safety, "warning_line": warning, "warehouse": args.warehouse},
        f"{args.sku}: stock levels set for {where}",
    )
    return 0
