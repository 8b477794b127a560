"""shopdesk order new and shopdesk import orders: orders entered from flags, a JSON file or a CSV/XLSX file."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopdesk.cli import io_commands
from shopdesk.cli.common import Context
from shopdesk.cli.order_output import money
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.services.order_file import parse_time
from shopdesk.services.order_import import PROFILES, OrderImport, OrderImportOptions


def add_new_action(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    new = actions.add_parser(
        "new",
        parents=[common],
        help="enter an order from flags or a JSON file",
        description='JSON: {"channel": "phone", "ship_to": {"name": ..., "phone": ..., "province": ..., "city": ..., '
        '"street": ...}, "lines": [{"sku": "MUG", "quantity": 2, "unit_price": "25.00", "discount": "10%"}], '
        '"shipping_fee": "8"}. Flags given with --file override its values.',
    )
    new.add_argument("--file", type=Path, metavar="ORDER.json")
    new.add_argument("--line", action="append", default=[], metavar="SKU:QTY[:PRICE[:DISCOUNT]]")
    new.add_argument("--channel", metavar="C", help="manual (default), phone, counter, shopify, taobao...")
    new.add_argument("--channel-no", metavar="NO", help="the channel's order number")
    new.add_argument("--buyer", metavar="NAME", help="the buyer (default: the recipient)")
    for name in ("name", "phone", "country", "province", "city", "district", "street", "postcode"):
        new.add_argument(f"--{name}", metavar="TEXT", help=f"ship-to {name}")
    new.add_argument("--shipping-fee", metavar="AMOUNT")
    new.add_argument("--platform-fee", metavar="AMOUNT")
    new.add_argument("--payment-status", metavar="S", help="unpaid, paid, partially_paid, cod, refunded")
    new.add_argument("--paid", metavar="AMOUNT")
    new.add_argument("--currency", metavar="CUR")
    new.add_argument("--allow-other-currency", action="store_true", help="accept an order not in the shop's currency")
    new.add_argument("--placed-at", metavar="TIME", help="when the buyer ordered (default: now)")
    new.add_argument("--remark", metavar="TEXT", help="the buyer's remark")
    new.add_argument("--note", metavar="TEXT", help="an internal note")
    new.add_argument("--confirm", action="store_true", help="confirm it at once (review, then allocate)")
    new.set_defaults(handler=new_order)


def add_import_action(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = io_commands.import_actions(sub, common).add_parser(
        "orders",
        parents=[common],
        help="add orders from a CSV or XLSX file, one row per order line (all orders or none)",
        description="Rows are grouped by order number. Orders already imported are skipped and listed. "
        "New orders are confirmed (reviewed, then held or allocated) unless --draft is given.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--profile", default="generic", choices=PROFILES, help="the file's layout (default generic)")
    imp.add_argument("--channel", default="file", metavar="C", help="channel of rows without a channel column")
    imp.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
    imp.add_argument("--draft", action="store_true", help="leave the new orders as drafts")
    imp.add_argument("--encoding", metavar="E")
    imp.add_argument("--delimiter", metavar="D", help="comma, semicolon or tab (default: detect)")
    imp.add_argument("--sheet", metavar="NAME")
    imp.add_argument("--header-row", type=int, metavar="N")
    imp.add_argument("--decimal-comma", action="store_true", help="amounts are written 12,50")
    imp.set_defaults(handler=import_orders)


# Entering ------------------------------------------------------------------------------
def _text(value: Any) -> Any:
    """JSON numbers are amounts as written (25 means 25.00), never minor units."""
    if isinstance(value, bool) or value is None:
        return value
    return str(value) if isinstance(value, int | float | Decimal) else value


def _draft_from(args: argparse.Namespace) -> OrderDraft:
    data: dict[str, Any] = {}
    if args.file is not None:
        try:
            data = json.loads(args.file.read_text(encoding="utf-8-sig"), parse_float=Decimal)
        except FileNotFoundError:
            raise ShopDeskError(f"{args.file} does not exist.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ShopDeskError(f"{args.file} is not a JSON order: {exc}") from None
        if not isinstance(data, dict):
            raise ShopDeskError(f"{args.file} must hold one JSON object (an order).")
    ship = dict(data.get("ship_to") or {})
    for name in ("name", "phone", "country", "province", "city", "district", "street", "postcode"):
        if getattr(args, name) is not None:
            ship[name] = getattr(args, name)
    problems: list[Problem] = []
    lines = []
    for n, item in enumerate(data.get("lines") or [], start=1):
        if not isinstance(item, dict):
            problems.append(Problem(f"line {n}", 'write a line as {"sku": ..., "quantity": ...}'))
            continue
        lines.append(
            OrderLineDraft(
                str(item.get("sku") or item.get("code") or ""),
                item.get("quantity", 1),
                _text(item.get("unit_price")),
                _text(item.get("discount", 0)),
                str(item.get("name", "")),
            )
        )
    for n, spec in enumerate(args.line, start=len(lines) + 1):
        parts = spec.split(":")
        if len(parts) < 2 or len(parts) > 4:
            problems.append(Problem(f"line {n}", "write --line SKU:QTY[:PRICE[:DISCOUNT]]", spec))
            continue
        lines.append(
            OrderLineDraft(parts[0], parts[1], parts[2] if len(parts) > 2 else None, parts[3] if len(parts) > 3 else 0)
        )
    if problems:
        raise ValidationFailed(problems, "The order cannot be saved")

    def pick(flag: str, key: str, default: Any = None) -> Any:
        value = getattr(args, flag)
        return value if value is not None else _text(data.get(key, default))

    placed = pick("placed_at", "placed_at")
    try:
        placed_at = parse_time(placed) if isinstance(placed, str) and placed.strip() else None
    except ValueError:
        raise ValidationFailed([Problem("placed_at", "is not a date and time like 2026-11-20 14:30", placed)]) from None
    return OrderDraft(
        lines=lines,
        channel=pick("channel", "channel", "manual"),
        channel_order_no=pick("channel_no", "channel_order_no", "") or "",
        customer_id=data.get("customer_id"),
        customer_name=pick("buyer", "customer", "") or "",
        ship_to=ShipTo(**{k: str(v) for k, v in ship.items() if k in ShipTo.__dataclass_fields__}),
        placed_at=placed_at,
        currency=pick("currency", "currency", "") or "",
        allow_other_currency=args.allow_other_currency or bool(data.get("allow_other_currency", False)),
        shipping_fee=pick("shipping_fee", "shipping_fee", 0) or 0,
        platform_fee=pick("platform_fee", "platform_fee", 0) or 0,
        payment_status=pick("payment_status", "payment_status", "unpaid") or "unpaid",
        paid_amount=pick("paid", "paid_amount"),
        payment_method=str(data.get("payment_method", "")),
        buyer_remark=pick("remark", "buyer_remark", "") or "",
        internal_note=pick("note", "internal_note", "") or "",
    )


def new_order(ctx: Context) -> int:
    shop = ctx.shop()
    number = shop.orders.create_order(_draft_from(ctx.args), confirm=ctx.args.confirm)
    d = shop.orders.get_order(number)
    reasons = "; ".join(h.get("message", "") for h in d.hold_reasons)
    ctx.out(
        {"number": number, "status": d.status, "total": money(d.total, d.currency), "hold_reasons": d.hold_reasons},
        f"Order {number}: {d.status}, total {money(d.total, d.currency)} {d.currency}"
        + (f" - on hold: {reasons}" if reasons else ""),
    )
    return 0


# Import --------------------------------------------------------------------------------
def import_orders(ctx: Context) -> int:
    args = ctx.args
    delimiter = None
    if args.delimiter is not None:
        delimiter = io_commands.DELIMITERS.get(args.delimiter.lower())
        if delimiter is None:
            raise ShopDeskError(f"Unknown delimiter {args.delimiter!r}; use comma, semicolon or tab.")
    options = OrderImportOptions(
        profile=args.profile,
        channel=args.channel,
        encoding=args.encoding,
        delimiter=delimiter,
        sheet=args.sheet,
        header_row=args.header_row,
        decimal_comma=args.decimal_comma,
        confirm=not args.draft,
    )
    try:
        result = OrderImport(ctx.shop()).run(args.file, options, dry_run=args.dry_run)
    except ValidationFailed as exc:
        if ctx.json:
            ctx.out({"ok": False, "file": str(args.file), "problems": [str(p) for p in exc.problems]})
        raise
    for channel, theirs, ours in result.already_imported:
        ctx.info(f"Order {theirs} from {channel} was already imported as {ours}; skipped.")
    for theirs in getattr(result, "closed", []):  # marketplace exports (services/marketplace_import.py)
        ctx.info(f"Order {theirs} was closed or cancelled on the platform; left out.")
    for theirs in getattr(result, "waiting", []):
        ctx.info(f"Order {theirs} names SKUs no product has: it waits (shopdesk sku unmatched, shopdesk sku link).")
    new = result.orders_in_file - len(result.already_imported)
    if result.dry_run:
        text = f"Checked {args.file.name}: {new} new order(s) would be imported. Nothing was written (dry run)."
    elif not result.created:
        text = f"Nothing changed: all {result.orders_in_file} order(s) in {args.file.name} were imported before."
    else:
        text = f"Imported {len(result.created)} order(s) from {args.file.name}: {', '.join(result.created)}."
        if result.on_hold:
            text += f" On hold for review: {', '.join(result.on_hold)}."
    ctx.out({"ok": True, **asdict(result)}, text)
    return 0
