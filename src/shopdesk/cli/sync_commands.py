"""shopdesk order-layout save FILE --map FIELD=HEADING ... | list | delete ID; shopdesk sku unmatched | link.

A shop whose order export is neither our generic file nor a Taobao or
Pinduoduo export says once which column holds which order field; every later
file with the same headings is then read that way by `shopdesk import orders FILE`.
An imported order naming a channel SKU no product has waits until `shopdesk sku
link CHANNEL CODE SKU` links that code to a product, once for every later order.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.channels import link_channel_sku, unmatched_skus
from shopdesk.services.marketplace_import import (
    EXTRA_FIELDS,
    REQUIRED,
    delete_order_layout,
    list_order_layouts,
    save_order_layout,
)
from shopdesk.services.order_file import COLUMNS


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    fields = ", ".join([c.name for c in COLUMNS if c.name != "channel"] + list(EXTRA_FIELDS))
    layout = sub.add_parser(
        "order-layout", parents=[common], help="remember how another shop system's order export is laid out"
    )
    actions = layout.add_subparsers(dest="layout_action", metavar="ACTION", required=True)
    save = actions.add_parser(
        "save",
        parents=[common],
        help="map the columns of an order export once; `import orders` reads files with these headings that way",
        description=f"Required fields: {', '.join(REQUIRED)}. Fields: {fields}.",
    )
    save.add_argument("file", type=Path, metavar="FILE", help="an export file with the headings to remember")
    save.add_argument("--map", action="append", default=[], required=True, metavar="FIELD=HEADING", help="repeatable")
    save.add_argument("--name", default="", metavar="NAME", help="what to call the layout (default: the file name)")
    save.add_argument("--channel", default="file", metavar="C", help="the channel its orders come from")
    save.add_argument("--currency", default="", metavar="CUR", help="the currency its amounts are in, e.g. CNY")
    save.add_argument("--time-zone", default="", metavar="ZONE", help="the zone of its times, e.g. Asia/Shanghai")
    save.add_argument("--encoding", metavar="E")
    save.add_argument("--sheet", metavar="NAME")
    save.set_defaults(handler=save_layout)
    listing = actions.add_parser("list", parents=[common], help="the saved order layouts")
    listing.set_defaults(handler=list_layouts)
    drop = actions.add_parser("delete", parents=[common], help="forget a saved order layout")
    drop.add_argument("id", type=int, metavar="ID")
    drop.set_defaults(handler=delete_layout)

    sku = sub.add_parser("sku", parents=[common], help="link the SKUs of a sales channel to our products")
    sku_actions = sku.add_subparsers(dest="sku_action", metavar="ACTION", required=True)
    queue = sku_actions.add_parser("unmatched", parents=[common], help="channel SKUs that keep orders waiting")
    queue.set_defaults(handler=list_unmatched)
    link = sku_actions.add_parser(
        "link", parents=[common], help="link a channel's SKU to our product once; its waiting orders are created"
    )
    link.add_argument("channel", metavar="CHANNEL", help="taobao, pinduoduo, ...")
    link.add_argument("channel_sku", metavar="CODE", help="the SKU as the channel's orders name it")
    link.add_argument("product_sku", metavar="SKU", help="our product's SKU")
    link.set_defaults(handler=link_sku)


def save_layout(ctx: Context) -> int:
    args = ctx.args
    columns: dict[str, str] = {}
    for item in args.map:
        name, sep, heading = item.partition("=")
        if not sep or not name.strip() or not heading.strip():
            raise ShopDeskError(f"--map {item!r}: write FIELD=HEADING, e.g. --map order_no=单号.")
        columns[name.strip()] = heading.strip()
    saved = save_order_layout(
        ctx.shop(),
        args.file,
        columns,
        name=args.name,
        channel=args.channel,
        currency=args.currency,
        time_zone=args.time_zone,
        encoding=args.encoding,
        sheet=args.sheet,
    )
    ctx.out(
        saved, f"Saved order layout {saved.id} {saved.name!r}: files with these headings import as {saved.channel}."
    )
    return 0


def list_layouts(ctx: Context) -> int:
    layouts = list_order_layouts(ctx.shop())
    lines = [
        f"{s.id:>4}  {s.name}  channel {s.channel}  "
        + ", ".join(f"{field}={heading}" for field, heading in s.columns.items())
        for s in layouts
    ]
    ctx.out(layouts, "\n".join(lines) if lines else "No saved order layouts.")
    return 0


def delete_layout(ctx: Context) -> int:
    delete_order_layout(ctx.shop(), ctx.args.id)
    ctx.out({"deleted": ctx.args.id}, f"Deleted order layout {ctx.args.id}.")
    return 0


def list_unmatched(ctx: Context) -> int:
    queue = unmatched_skus(ctx.shop())
    lines = [
        f"{u.channel}  {u.channel_sku}  {u.name}  {u.quantity} unit(s) in {len(u.orders)} order(s): "
        + ", ".join(u.orders)
        for u in queue
    ]
    ctx.out(queue, "\n".join(lines) if lines else "No order is waiting for a SKU link.")
    return 0


def link_sku(ctx: Context) -> int:
    args = ctx.args
    result = link_channel_sku(ctx.shop(), args.channel, args.channel_sku, args.product_sku)
    text = f"Linked {result.channel_sku} from {result.channel} to {result.product_sku}."
    if result.created:
        text += f" Orders created: {', '.join(result.created)}."
    if result.still_waiting:
        text += f" Still waiting for other links: {', '.join(result.still_waiting)}."
    ctx.out(result, text)
    return 0
