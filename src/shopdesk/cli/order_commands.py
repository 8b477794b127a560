"""shopdesk order list | show | counts | rules | new | confirm | approve | reject | hold | allocate | deallocate | cancel
| split | merge | pick | pack | waybill | ship | deliver | complete; and shopdesk import orders FILE --profile generic.

Amounts are typed as people write them ("25.00", "10%") in the order's currency;
--json prints them the same way ("25.00") next to the minor units. Actions on
several orders do each one on its own and exit 1 if any was refused.

Here the `order` command is built and orders are read (list, counts, show); the
rules are in order_rules_commands.py, entering and importing orders in
order_entry_commands.py, moving them on (confirm ... ship) in order_flow_commands.py.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from shopdesk.cli import order_entry_commands, order_flow_commands, order_rules_commands
from shopdesk.cli.common import Context
from shopdesk.cli.order_output import detail_json, money, row_json, when
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.orders import STOCK_LEFT
from shopdesk.services.order_file import parse_time
from shopdesk.services.order_queries import BUCKETS, OrderFilter


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

    order_rules_commands.add_rules_action(actions, common)

    show = actions.add_parser("show", parents=[common], help="one order with its lines, address and timeline")
    show.add_argument("number", metavar="NUMBER")
    show.set_defaults(handler=show_order)

    # In the order `shopdesk order --help` lists them: entering, then moving orders on; importing last.
    order_entry_commands.add_new_action(actions, common)
    order_flow_commands.add_flow_actions(actions, common)
    order_entry_commands.add_import_action(sub, common)


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
        ctx.out({"orders": [row_json(r) for r in rows], "shown": len(rows), "total": total, "offset": offset})
        return 0
    lines = [
        f"{r.number:<14} {when(r.placed_at):<16} {r.channel:<12} {r.status:<10} {r.buyer:<12} "
        f"{r.items:>4} {money(r.total, r.currency):>12} {r.currency}"
        for r in rows
    ]
    lines.append(f"{len(rows)} of {total} order(s)")
    ctx.out(None, "\n".join(lines))
    return 0


def bucket_counts(ctx: Context) -> int:
    counts = ctx.shop().orders.bucket_counts()
    ctx.out(counts, "\n".join(f"{name:<10} {n}" for name, n in counts.items()))
    return 0


def show_order(ctx: Context) -> int:
    d = ctx.shop().orders.get_order(ctx.args.number)
    if ctx.json:
        ctx.out(detail_json(d))
        return 0
    a = d.ship_to
    text = [
        f"{d.number}  {d.status}  {d.channel}" + (f" {d.channel_order_no}" if d.channel_order_no else ""),
        f"placed {when(d.placed_at)}; buyer {d.customer_name or '-'}; payment {d.payment_status}",
        f"ship to {a.name} {a.phone}, {a.country} {a.province}{a.city}{a.district}{a.street} {a.postcode}".rstrip(),
    ]
    if d.hold_reasons:
        text.append("on hold: " + "; ".join(h.get("message", "") for h in d.hold_reasons))
    for line in d.lines:
        text.append(
            f"  {line.line_no:>2}. {line.sku:<16} {line.quantity:>4} × {money(line.unit_price, d.currency):>10}"
            f"  -{money(line.discount, d.currency):>8} = {money(line.net, d.currency):>10}  {line.name}"
        )
    text.append(
        f"goods {money(d.goods_total, d.currency)} + shipping {money(d.shipping_fee, d.currency)}"
        f" = total {money(d.total, d.currency)} {d.currency}"
    )
    if d.tracking_no and d.status in STOCK_LEFT:
        text.append(f"shipped by {d.carrier} {d.tracking_no}; cost of goods {money(d.cost_of_goods, d.currency)}")
    elif d.tracking_no:  # recorded before the parcel leaves (order waybill)
        text.append("waybill " + " ".join(filter(None, (d.carrier, d.carrier_service, d.tracking_no))))
    for r in d.reserved:
        text.append(f"  reserved {r.quantity} × {r.sku} at {r.location}")
    text.append("timeline:")
    for t in d.timeline:
        change = f"{t.from_status} -> {t.to_status}" if t.to_status else t.action
        text.append(f"  {when(t.at)}  {t.user:<12} {change}" + (f"  ({t.reason})" if t.reason else ""))
    ctx.out(None, "\n".join(text))
    return 0
