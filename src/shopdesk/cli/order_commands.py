"""shopdesk order list | show | counts | rules | new | confirm | approve | reject | hold | allocate | deallocate | cancel
| split | merge | pick | pack | waybill | ship | deliver | complete; and shopdesk import orders FILE --profile generic.

Amounts are typed as people write them ("25.00", "10%") in the order's currency;
--json prints them the same way ("25.00") next to the minor units. Actions on
several orders do each one on its own and exit 1 if any was refused.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopdesk.cli import io_commands
from shopdesk.cli.common import Context
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import currency_exponent, format_plain, parse_amount
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.domain.orders import STOCK_LEFT
from shopdesk.services import order_review
from shopdesk.services.order_file import parse_time
from shopdesk.services.order_fulfilment import FlowResult
from shopdesk.services.order_import import PROFILES, OrderImport, OrderImportOptions
from shopdesk.services.order_queries import BUCKETS, OrderDetail, OrderFilter, OrderRow


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    order = sub.add_parser("order", parents=[common], help="sales orders: enter, review, allocate, pack, ship")
    actions = order.add_subparsers(dest="order_command", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        parents=[common],
        help="orders, newest first",
        description='--json prints {"orders": [...], "shown": N, "total": M, "offset": O}: N of the M orders '
        "the filter finds, from O on.",
    )
    listing.add_argument("--status", metavar="S", help="draft, confirmed, on_hold, allocated, ... shipped, cancelled")
    listing.add_argument("--bucket", choices=list(BUCKETS), help="a group of states as the Orders tab shows them")
    listing.add_argument("--search", default="", metavar="TEXT", help="order number, buyer, phone or SKU")
    listing.add_argument("--channel", metavar="C")
    listing.add_argument("--from", dest="placed_from", metavar="DATE", help="placed on or after, e.g. 2026-11-01")
    listing.add_argument("--until", dest="placed_until", metavar="DATE", help="placed on or before this day")
    listing.add_argument("--limit", type=int, default=100, metavar="N", help="orders to show (default 100)")
    listing.add_argument("--offset", type=int, default=0, metavar="N")
    listing.set_defaults(handler=list_orders)

    counts = actions.add_parser(
        "counts", parents=[common], help="orders per bucket (待审核 on hold, 待发货 to ship...)"
    )
    counts.set_defaults(handler=bucket_counts)

    rules = actions.add_parser(
        "rules",
        parents=[common],
        help="the review rules (审单规则), backorder policy and label phone masking: show or change them",
        description="Without options, shows the settings. Options change them; all are saved together, or none "
        "when any value is wrong. Changed rules apply to orders confirmed from then on.",
    )
    rules.add_argument(
        "--burst",
        metavar="N:M:T",
        help="hold N or more orders to M or more addresses within T "
        "hours from one buyer or phone; off switches the rule off",
    )
    rules.add_argument("--high-value", metavar="AMOUNT", help="hold orders above this total; off: no limit")
    for flag, what in (("phone", "phone"), ("buyer", "buyer name")):
        rules.add_argument(
            f"--block-{flag}",
            action="append",
            default=[],
            metavar="TEXT",
            help=f"hold orders from this {what} (repeatable)",
        )
        rules.add_argument(
            f"--unblock-{flag}",
            action="append",
            default=[],
            metavar="TEXT",
            help=f"take this {what} off the blocked list (repeatable)",
        )
    for flag, what in (
        ("remark", "orders with a buyer remark"),
        ("incomplete-address", "orders whose address is incomplete or looks suspicious"),
        ("short-of-stock", "orders there is not enough stock for"),
    ):
        rules.add_argument(f"--{flag}", choices=_ON_OFF, help=f"hold {what}")
    rules.add_argument(
        "--backorders",
        choices=list(_BACKORDERS),
        help="when stock is short: ship what is there and "
        "let the rest wait as a backorder, or wait until all of it is there",
    )
    rules.add_argument("--mask-label-phones", choices=_ON_OFF, help="print phones as 138****5678 on labels")
    rules.set_defaults(handler=order_rules)

    show = actions.add_parser("show", parents=[common], help="one order with its lines, address and timeline")
    show.add_argument("number", metavar="NUMBER")
    show.set_defaults(handler=show_order)

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

    def many(name: str, help_text: str, *, reason: bool | None = None) -> argparse.ArgumentParser:
        p = actions.add_parser(name, parents=[common], help=help_text)
        p.add_argument("numbers", nargs="+", metavar="NUMBER")
        if reason is not None:
            p.add_argument("--reason", required=reason, default="", metavar="TEXT", help="why (in the timeline)")
        return p

    many("confirm", "confirm drafts: review, then hold or allocate", reason=False).set_defaults(handler=confirm)
    many("approve", "approve orders on hold for review", reason=False).set_defaults(handler=approve)
    many("reject", "reject orders on hold (cancels them)", reason=True).set_defaults(handler=reject)
    many("hold", "put orders on hold by hand", reason=True).set_defaults(handler=hold)
    many("cancel", "cancel orders before they ship (releases their stock)", reason=True).set_defaults(handler=cancel)
    many("deallocate", "give an allocated order's stock back", reason=False).set_defaults(handler=deallocate)
    many("pick", "mark orders picked", reason=False).set_defaults(handler=pick)
    many("deliver", "mark shipped orders delivered", reason=False).set_defaults(handler=deliver)
    many("complete", "mark orders completed", reason=False).set_defaults(handler=complete)

    allocate = actions.add_parser("allocate", parents=[common], help="reserve stock for confirmed orders")
    allocate.add_argument("numbers", nargs="*", metavar="NUMBER")
    allocate.add_argument("--waiting", action="store_true", help="all orders waiting for stock, oldest first")
    allocate.set_defaults(handler=allocate_orders)

    split = actions.add_parser("split", parents=[common], help="move line quantities into a new order")
    split.add_argument("number", metavar="NUMBER")
    split.add_argument("--line", action="append", required=True, metavar="LINE:QTY", help="line number and units")
    split.add_argument("--reason", default="", metavar="TEXT")
    split.set_defaults(handler=split_order)

    merge = actions.add_parser("merge", parents=[common], help="merge orders to one buyer and address")
    merge.add_argument("numbers", nargs="+", metavar="NUMBER")
    merge.add_argument("--reason", default="", metavar="TEXT")
    merge.set_defaults(handler=merge_orders)

    pack = actions.add_parser("pack", parents=[common], help="scan items into the parcel (no --scan: mark packed)")
    pack.add_argument("number", metavar="NUMBER")
    pack.add_argument("--scan", action="append", default=[], metavar="CODE", help="barcode or SKU, once per item")
    pack.set_defaults(handler=pack_order)

    waybill = actions.add_parser(
        "waybill",
        parents=[common],
        help="record the carrier and tracking number before the parcel leaves (they go on its label)",
        description="For an allocated, picked or packed order: the waybill from the carrier's number range, "
        "or a printed one scanned at the bench. `order ship` then needs no --tracking.",
    )
    waybill.add_argument("number", metavar="NUMBER")
    waybill.add_argument("--tracking", required=True, metavar="NO")
    waybill.add_argument("--carrier", required=True, metavar="NAME")
    waybill.add_argument("--service", default="", metavar="NAME", help="the carrier's service, e.g. 标快")
    waybill.set_defaults(handler=record_waybill)

    ship = actions.add_parser("ship", parents=[common], help="a packed order leaves with a tracking number")
    ship.add_argument("number", metavar="NUMBER")
    ship.add_argument("--tracking", default="", metavar="NO", help="default: the waybill recorded (order waybill)")
    ship.add_argument("--carrier", default="", metavar="NAME", help="default: the waybill's carrier")
    ship.add_argument("--service", default="", metavar="NAME")
    ship.add_argument("--weight", type=int, metavar="GRAMS")
    ship.set_defaults(handler=ship_order)

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


# Printing ------------------------------------------------------------------------------
def _money(minor: int, currency: str) -> str:
    return format_plain(minor, currency_exponent(currency))


def _row_json(row: OrderRow) -> dict[str, Any]:
    data = asdict(row)
    data["total_minor"] = row.total
    data["total"] = _money(row.total, row.currency)
    return data


def _detail_json(d: OrderDetail) -> dict[str, Any]:
    data = asdict(d)
    for key in ("goods_total", "discount_total", "shipping_fee", "platform_fee", "total", "paid_amount"):
        data[f"{key}_minor"] = data[key]
        data[key] = _money(data[key], d.currency)
    for line in data["lines"]:
        for key in ("unit_price", "discount", "net", "cost_of_goods"):
            line[key] = _money(line[key], d.currency)
    for refund in data["refunds"]:
        refund["amount"] = _money(refund["amount"], d.currency)
    return data


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


def _report(ctx: Context, results: Sequence[FlowResult]) -> int:
    for r in results:
        if r.ok:
            text = f"{r.number}: {r.status}" + (f" ({r.message})" if r.message not in ("", r.status) else "")
            if r.hold_reasons:
                text += " - " + "; ".join(r.hold_reasons)
            if not ctx.json:
                print(text, file=ctx.stdout)
        else:
            print(f"error: {r.message}", file=ctx.stderr)
    if ctx.json:
        ctx.out([asdict(r) for r in results])
    return 0 if all(r.ok for r in results) else 1


def _bulk(ctx: Context, action_name: str, **kwargs: Any) -> int:
    flow = ctx.shop().order_flow
    action: Callable[..., Any] = getattr(flow, action_name)
    return _report(ctx, flow.bulk(action, ctx.args.numbers, **kwargs))


# Reading -------------------------------------------------------------------------------
def _day(text: str | None, name: str) -> datetime | None:
    if not text:
        return None
    try:
        return parse_time(text).astimezone()
    except ValueError:
        raise ShopDeskError(f"{name} {text!r} is not a date like 2026-11-20.") from None


def list_orders(ctx: Context) -> int:
    args = ctx.args
    until = _day(args.placed_until, "--until")
    flt = OrderFilter(
        text=args.search,
        bucket=args.bucket,
        status=args.status,
        channel=args.channel,
        placed_from=_day(args.placed_from, "--from"),
        placed_until=until + timedelta(days=1) if until else None,
    )
    orders = ctx.shop().orders
    offset = max(args.offset, 0)
    rows = orders.list_orders(flt, offset, max(args.limit, 1))
    total = orders.count_orders(flt)
    if ctx.json:  # the page and how much there is: a script sees when there are more (--offset, --limit)
        ctx.out({"orders": [_row_json(r) for r in rows], "shown": len(rows), "total": total, "offset": offset})
        return 0
    lines = [
        f"{r.number:<14} {_when(r.placed_at):<16} {r.channel:<12} {r.status:<10} {r.buyer:<12} "
        f"{r.items:>4} {_money(r.total, r.currency):>12} {r.currency}"
        for r in rows
    ]
    lines.append(f"{len(rows)} of {total} order(s)")
    ctx.out(None, "\n".join(lines))
    return 0


def bucket_counts(ctx: Context) -> int:
    counts = ctx.shop().orders.bucket_counts()
    ctx.out(counts, "\n".join(f"{name:<10} {n}" for name, n in counts.items()))
    return 0


_ON_OFF = ("on", "off")
_BACKORDERS = {"ship-what-is-there": "ship_available", "wait": "wait"}
_BURST_RULE = "N:M:T, three whole numbers (orders, addresses, hours) like 3:2:24, or off"


def _burst(text: str) -> tuple[int, int, int]:
    if text.strip().lower() == "off":
        return 0, 0, 0
    parts = text.split(":")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValidationFailed([Problem("--burst", f"must be {_BURST_RULE}", text)], "Order rules not saved")
    orders, addresses, hours = (int(p) for p in parts)
    return orders, addresses, hours


def _changed_settings(
    args: argparse.Namespace, current: order_review.OrderSettings, exponent: int
) -> order_review.OrderSettings:
    rules = current.rules
    problems: list[Problem] = []
    if args.burst is not None:
        try:
            orders, addresses, hours = _burst(args.burst)
        except ValidationFailed as refused:
            problems += refused.problems
        else:
            if orders:
                rules = replace(rules, burst_orders=orders, burst_addresses=addresses, burst_hours=hours)
            else:
                rules = replace(rules, burst_orders=0)
    if args.high_value is not None:
        if args.high_value.strip().lower() == "off":
            rules = replace(rules, max_amount=None)
        else:
            try:
                rules = replace(rules, max_amount=parse_amount(args.high_value, exponent))
            except ValueError as exc:
                problems.append(Problem("--high-value", f"{exc}: an amount like 3000.00, or off", args.high_value))
    for name, blocked, unblocked in (
        ("blocked_phones", args.block_phone, args.unblock_phone),
        ("blocked_buyers", args.block_buyer, args.unblock_buyer),
    ):
        listed = set(getattr(rules, name))
        listed |= {x.strip() for x in blocked if x.strip()}
        listed -= {x.strip() for x in unblocked}
        rules = replace(rules, **{name: frozenset(listed)})
    for flag, name in (
        ("remark", "hold_on_remark"),
        ("incomplete_address", "check_address"),
        ("short_of_stock", "hold_on_shortage"),
    ):
        if getattr(args, flag) is not None:
            rules = replace(rules, **{name: getattr(args, flag) == "on"})
    if problems:
        raise ValidationFailed(problems, "Order rules not saved")
    return order_review.OrderSettings(
        rules,
        _BACKORDERS[args.backorders] if args.backorders else current.backorder_policy,
        current.mask_label_phones if args.mask_label_phones is None else args.mask_label_phones == "on",
    )


def _rules_json(settings: order_review.OrderSettings, exponent: int) -> dict[str, Any]:
    rules = order_review.rules_to_setting(settings.rules)
    if settings.rules.max_amount is not None:
        rules["max_amount_minor"] = settings.rules.max_amount
        rules["max_amount"] = format_plain(settings.rules.max_amount, exponent)
    backorders = {v: k for k, v in _BACKORDERS.items()}[settings.backorder_policy]
    return {"review_rules": rules, "backorders": backorders, "mask_label_phones": settings.mask_label_phones}


def _rules_text(settings: order_review.OrderSettings, exponent: int) -> str:
    r = settings.rules

    def on(value: bool) -> str:
        return "on" if value else "off"

    burst = f"{r.burst_orders}:{r.burst_addresses}:{r.burst_hours}" if r.burst_orders else "off"
    return "\n".join(
        (
            f"burst (orders:addresses:hours) {burst}",
            f"high value above              {'off' if r.max_amount is None else format_plain(r.max_amount, exponent)}",
            f"blocked phones                {', '.join(sorted(r.blocked_phones)) or '-'}",
            f"blocked buyers                {', '.join(sorted(r.blocked_buyers)) or '-'}",
            f"buyer remark                  {on(r.hold_on_remark)}",
            f"incomplete address            {on(r.check_address)}",
            f"short of stock                {on(r.hold_on_shortage)}",
            f"backorders                    {_rules_json(settings, exponent)['backorders']}",
            f"mask label phones             {on(settings.mask_label_phones)}",
        )
    )


def order_rules(ctx: Context) -> int:
    shop = ctx.shop()
    exponent = shop.money.exponent
    with shop.db.read() as conn:
        current = order_review.load_order_settings(conn)
    wanted = _changed_settings(ctx.args, current, exponent)
    if wanted != current:
        saved = order_review.save_order_settings(shop, wanted)
        if saved:
            ctx.info(f"saved: {', '.join(saved)}")
        with shop.db.read() as conn:
            current = order_review.load_order_settings(conn)
    ctx.out(_rules_json(current, exponent), _rules_text(current, exponent))
    return 0


def show_order(ctx: Context) -> int:
    d = ctx.shop().orders.get_order(ctx.args.number)
    if ctx.json:
        ctx.out(_detail_json(d))
        return 0
    a = d.ship_to
    text = [
        f"{d.number}  {d.status}  {d.channel}" + (f" {d.channel_order_no}" if d.channel_order_no else ""),
        f"placed {_when(d.placed_at)}; buyer {d.customer_name or '-'}; payment {d.payment_status}",
        f"ship to {a.name} {a.phone}, {a.country} {a.province}{a.city}{a.district}{a.street} {a.postcode}".rstrip(),
    ]
    if d.hold_reasons:
        text.append("on hold: " + "; ".join(h.get("message", "") for h in d.hold_reasons))
    for line in d.lines:
        text.append(
            f"  {line.line_no:>2}. {line.sku:<16} {line.quantity:>4} × {_money(line.unit_price, d.currency):>10}"
            f"  -{_money(line.discount, d.currency):>8} = {_money(line.net, d.currency):>10}  {line.name}"
        )
    text.append(
        f"goods {_money(d.goods_total, d.currency)} + shipping {_money(d.shipping_fee, d.currency)}"
        f" = total {_money(d.total, d.currency)} {d.currency}"
    )
    if d.tracking_no and d.status in STOCK_LEFT:
        text.append(f"shipped by {d.carrier} {d.tracking_no}; cost of goods {_money(d.cost_of_goods, d.currency)}")
    elif d.tracking_no:  # recorded before the parcel leaves (order waybill)
        text.append("waybill " + " ".join(filter(None, (d.carrier, d.carrier_service, d.tracking_no))))
    for r in d.reserved:
        text.append(f"  reserved {r.quantity} × {r.sku} at {r.location}")
    text.append("timeline:")
    for t in d.timeline:
        change = f"{t.from_status} -> {t.to_status}" if t.to_status else t.action
        text.append(f"  {_when(t.at)}  {t.user:<12} {change}" + (f"  ({t.reason})" if t.reason else ""))
    ctx.out(None, "\n".join(text))
    return 0


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
        {"number": number, "status": d.status, "total": _money(d.total, d.currency), "hold_reasons": d.hold_reasons},
        f"Order {number}: {d.status}, total {_money(d.total, d.currency)} {d.currency}"
        + (f" - on hold: {reasons}" if reasons else ""),
    )
    return 0


# State changes -------------------------------------------------------------------------
def confirm(ctx: Context) -> int:
    return _bulk(ctx, "confirm", reason=ctx.args.reason)


def approve(ctx: Context) -> int:
    return _bulk(ctx, "approve", reason=ctx.args.reason)


def reject(ctx: Context) -> int:
    return _bulk(ctx, "reject", reason=ctx.args.reason)


def hold(ctx: Context) -> int:
    return _bulk(ctx, "hold", reason=ctx.args.reason)


def cancel(ctx: Context) -> int:
    return _bulk(ctx, "cancel", reason=ctx.args.reason)


def deallocate(ctx: Context) -> int:
    return _bulk(ctx, "deallocate", reason=ctx.args.reason)


def pick(ctx: Context) -> int:
    return _bulk(ctx, "mark_picked", reason=ctx.args.reason)


def deliver(ctx: Context) -> int:
    return _bulk(ctx, "mark_delivered", reason=ctx.args.reason)


def complete(ctx: Context) -> int:
    return _bulk(ctx, "complete", reason=ctx.args.reason)


def allocate_orders(ctx: Context) -> int:
    flow = ctx.shop().order_flow
    if ctx.args.waiting == bool(ctx.args.numbers):
        raise ShopDeskError("Name the orders to allocate, or give --waiting for all orders waiting for stock.")
    if ctx.args.waiting:
        done = flow.allocate_waiting()
        if not ctx.json and not done:
            print("No waiting order could be allocated.", file=ctx.stdout)
        return _report(ctx, done)
    return _report(ctx, flow.bulk(flow.allocate, ctx.args.numbers))


def split_order(ctx: Context) -> int:
    quantities: dict[int, int] = {}
    for spec in ctx.args.line:
        line, sep, qty = spec.partition(":")
        if not sep or not line.strip().isdigit() or not qty.strip().isdigit():
            raise ValidationFailed([Problem("--line", "write LINE:QTY, e.g. 2:1", spec)], "Nothing was split")
        quantities[int(line)] = quantities.get(int(line), 0) + int(qty)
    return _report(ctx, [ctx.shop().order_flow.split(ctx.args.number, quantities, ctx.args.reason)])


def merge_orders(ctx: Context) -> int:
    return _report(ctx, [ctx.shop().order_flow.merge(ctx.args.numbers, ctx.args.reason)])


def pack_order(ctx: Context) -> int:
    flow = ctx.shop().order_flow
    if not ctx.args.scan:
        return _report(ctx, [flow.mark_packed(ctx.args.number)])
    progress = []
    for code in ctx.args.scan:  # a wrong item stops here, loudly; the ones before it stay scanned
        p = flow.pack_scan(ctx.args.number, code)
        progress.append(asdict(p))
        if not ctx.json:
            print(f"{p.sku}: {p.line_packed}/{p.line_quantity}; {p.items_left} item(s) left", file=ctx.stdout)
    if ctx.json:
        ctx.out(progress)
    elif progress and progress[-1]["packed"]:
        print(f"{ctx.args.number}: packed", file=ctx.stdout)
    return 0


def record_waybill(ctx: Context) -> int:
    args = ctx.args
    return _report(
        ctx, [ctx.shop().order_flow.record_waybill(args.number, args.tracking, args.carrier, service=args.service)]
    )


def ship_order(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    r = shop.order_flow.ship(args.number, args.tracking, args.carrier, service=args.service, weight_g=args.weight)
    currency = shop.orders.get_order(r.number).currency
    ctx.out(
        {**asdict(r), "cost_of_goods": _money(r.cost_of_goods, currency), "cost_of_goods_minor": r.cost_of_goods},
        f"{r.number}: shipped {r.units} item(s) by {r.carrier or '-'} {r.tracking_no or ''}".rstrip()
        + f"; cost of goods {_money(r.cost_of_goods, currency)}",
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
