"""shopdesk order confirm | approve | ... | pick | pack | waybill | ship: moving orders on, each on its own."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.cli.order_output import money, report
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed


def add_flow_actions(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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


# State changes -------------------------------------------------------------------------
def _bulk(ctx: Context, action_name: str, **kwargs: Any) -> int:
    flow = ctx.shop().order_flow
    action: Callable[..., Any] = getattr(flow, action_name)
    return report(ctx, flow.bulk(action, ctx.args.numbers, **kwargs))


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
        return report(ctx, done)
    return report(ctx, flow.bulk(flow.allocate, ctx.args.numbers))


def split_order(ctx: Context) -> int:
    quantities: dict[int, int] = {}
    for spec in ctx.args.line:
        line, sep, qty = spec.partition(":")
        if not sep or not line.strip().isdigit() or not qty.strip().isdigit():
            raise ValidationFailed([Problem("--line", "write LINE:QTY, e.g. 2:1", spec)], "Nothing was split")
        quantities[int(line)] = quantities.get(int(line), 0) + int(qty)
    return report(ctx, [ctx.shop().order_flow.split(ctx.args.number, quantities, ctx.args.reason)])


def merge_orders(ctx: Context) -> int:
    return report(ctx, [ctx.shop().order_flow.merge(ctx.args.numbers, ctx.args.reason)])


def pack_order(ctx: Context) -> int:
    flow = ctx.shop().order_flow
    if not ctx.args.scan:
        return report(ctx, [flow.mark_packed(ctx.args.number)])
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
    return report(
        ctx, [ctx.shop().order_flow.record_waybill(args.number, args.tracking, args.carrier, service=args.service)]
    )


def ship_order(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    r = shop.order_flow.ship(args.number, args.tracking, args.carrier, service=args.service, weight_g=args.weight)
    currency = shop.orders.get_order(r.number).currency
    ctx.out(
        {**asdict(r), "cost_of_goods": money(r.cost_of_goods, currency), "cost_of_goods_minor": r.cost_of_goods},
        f"{r.number}: shipped {r.units} item(s) by {r.carrier or '-'} {r.tracking_no or ''}".rstrip()
        + f"; cost of goods {money(r.cost_of_goods, currency)}",
    )
    return 0
