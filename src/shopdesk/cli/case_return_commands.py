"""shopdesk case refund | receive-return | return-lost: money paid back and goods coming back on a case."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from shopdesk.cli.case_input import amount_arg, line_and_qty, line_ref, time_arg, whole
from shopdesk.cli.case_output import money
from shopdesk.cli.common import Context
from shopdesk.domain.aftersales import Disposition
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.shop import Shop


def add_return_actions(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    refund = actions.add_parser("refund", parents=[common], help="pay money back on the case's order")
    refund.add_argument("case", metavar="CASE")
    refund.add_argument("amount", metavar="AMOUNT", help="e.g. 25.00")
    refund.add_argument("--method", default="original", metavar="METHOD", help="original, cash, alipay, wechat...")
    refund.add_argument("--reason", default="", metavar="TEXT")
    refund.add_argument("--at", metavar="TIME", help="date of the refund (default: now)")
    refund.set_defaults(handler=refund_case)

    receive = actions.add_parser("receive-return", parents=[common], help="returned goods arrive and are inspected")
    receive.add_argument("case", metavar="CASE")
    receive.add_argument(
        "items",
        nargs="+",
        metavar="LINE:QTY:WHERE",
        help="order line (number or SKU), units, and restock|quarantine|scrap|supplier; restock may add @BIN",
    )
    receive.add_argument("--note", default="", metavar="TEXT", help="what inspection found")
    receive.add_argument("--at", metavar="TIME")
    receive.set_defaults(handler=receive_return)

    lost = actions.add_parser("return-lost", parents=[common], help="a return that never arrived")
    lost.add_argument("case", metavar="CASE")
    lost.add_argument("items", nargs="+", metavar="LINE:QTY")
    lost.add_argument("--note", default="", metavar="TEXT")
    lost.add_argument("--at", metavar="TIME")
    lost.set_defaults(handler=return_lost)


def _return_item(text: str, note: str) -> ReturnLine:
    parts = text.split(":")
    if len(parts) != 3:
        raise ShopDeskError(f"Return {text!r}: write LINE:QTY:WHERE, e.g. 1:3:restock or MUG-1:2:scrap")
    where, _, location = parts[2].partition("@")
    where = where.strip().lower()
    if where not in {d.value for d in Disposition}:
        raise ShopDeskError(f"Return {text!r}: WHERE is restock, quarantine, scrap or supplier")
    return ReturnLine(
        line_ref(parts[0]), whole(parts[1], f"Return {text!r}: the quantity"), where, location or None, note
    )


def refund_case(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    result = shop.aftersales.refund(
        a.case, amount_arg(shop, a.amount, "AMOUNT"), a.method, at=time_arg(a.at, "--at"), reason=a.reason
    )
    data = {
        **asdict(result),
        "amount": money(shop, result.amount),
        "refunded": money(shop, result.refunded),
        "refundable": money(shop, result.refundable),
    }
    ctx.out(
        data,
        f"{result.case_number}: refunded {data['amount']} on {result.order_number} "
        f"({data['refunded']} in all, {data['refundable']} left; {result.payment_status})",
    )
    return 0


def receive_return(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    result = shop.aftersales.receive_return(
        a.case, [_return_item(t, a.note) for t in a.items], at=time_arg(a.at, "--at")
    )
    return _return_out(ctx, shop, result)


def return_lost(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    items = [ReturnLine(*line_and_qty(t, "LINE:QTY"), note=a.note) for t in a.items]
    return _return_out(ctx, shop, shop.aftersales.close_return_as_lost(a.case, items, at=time_arg(a.at, "--at")))


def _return_out(ctx: Context, shop: Shop, result: Any) -> int:
    parts = ", ".join(f"{u} {k} ({money(shop, v)})" for k, (u, v) in result.by_disposition.items())
    data = {
        "number": result.case_number,
        "units": result.units,
        "value": money(shop, result.value),
        "by_disposition": {k: {"units": u, "value": money(shop, v)} for k, (u, v) in result.by_disposition.items()},
        "move_ids": result.move_ids,
    }
    ctx.out(data, f"{result.case_number}: {parts}; {result.units} units at cost {data['value']}")
    return 0
