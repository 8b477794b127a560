"""shopdesk order-layout save|list|delete; sku unmatched|link; channel add|list|log|problems;
sync CHANNEL [--accept-order ID|--skip-order ID]; sync outbox [--retry|--drop].

A shop whose order export is neither our generic file nor a Taobao or
Pinduoduo export says once which column holds which order field; every later
file with the same headings is then read that way by `shopdesk import orders FILE`.
An imported order naming a channel SKU no product has waits until `shopdesk sku
link CHANNEL CODE SKU` links that code to a product, once for every later order.
A store's API key and secret come from SHOPDESK_CHANNEL_KEY / SHOPDESK_CHANNEL_SECRET
or a prompt, never from arguments (they would stay in the shell history and the
process list), and go to the system keyring. A new channel pulls the orders
changed after it was added (--since DATE starts earlier). A store order the
pull cannot import (another currency) holds the channel's cursor until
`shopdesk sync CHANNEL --accept-order ID` or `--skip-order ID` decides it.
"""

from __future__ import annotations

import argparse
import getpass
import os
from dataclasses import asdict
from datetime import date, datetime
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
from shopdesk.services.sync import CHANNEL_TYPES, SyncService, store_sender
from shopdesk.services.sync_problems import ACCEPT, SKIP, decide, open_problems


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

    channel = sub.add_parser("channel", parents=[common], help="the online stores the shop syncs with")
    channel_actions = channel.add_subparsers(dest="channel_action", metavar="ACTION", required=True)
    add = channel_actions.add_parser(
        "add",
        parents=[common],
        help="add a store; its key and secret are asked for (or read from SHOPDESK_CHANNEL_KEY/_SECRET)",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--type", required=True, choices=[t for t in CHANNEL_TYPES if t != "file"])
    add.add_argument("--url", required=True, metavar="URL", help="the store's https:// address")
    add.add_argument("--buffer", type=int, default=0, metavar="N", help="units held back from the store's stock")
    add.add_argument(
        "--since",
        type=_since,
        metavar="DATE",
        help="also pull the orders changed since this date (YYYY-MM-DD, local time); default: from now on. "
        "Orders the store has sent out already come in as history and reserve no stock",
    )
    add.set_defaults(handler=add_channel)
    channel_actions.add_parser("list", parents=[common], help="the shop's channels").set_defaults(handler=list_channels)
    channel_log = channel_actions.add_parser("log", parents=[common], help="a channel's sync log, newest first")
    channel_log.add_argument("name", metavar="NAME")
    channel_log.set_defaults(handler=show_log)
    problems = channel_actions.add_parser(
        "problems", parents=[common], help="store orders a pull could not import: accept or skip them (sync CHANNEL)"
    )
    problems.add_argument("name", metavar="NAME", nargs="?", help="one channel (default: all)")
    problems.set_defaults(handler=list_problems)

    sync = sub.add_parser(
        "sync",
        parents=[common],
        help="pull a store's changed orders and send it what waits in the outbox, or see the outbox",
    )
    sync.add_argument("target", metavar="CHANNEL|outbox", help="a channel to pull orders from, or outbox")
    sync.add_argument("--dry-run", action="store_true", help="show what a pull would import, write nothing")
    sync.add_argument(
        "--push-stock",
        action="store_true",
        help="also send the store what can be sold of every product (less the buffer), not only what changed",
    )
    which = sync.add_mutually_exclusive_group()
    which.add_argument("--retry", type=int, metavar="ID", help="send a dead item again")
    which.add_argument("--drop", type=int, metavar="ID", help="give up a dead item")
    which.add_argument(
        "--accept-order",
        metavar="ID",
        help="import the store's order ID that the pull refused (another currency: kept as it is), then pull",
    )
    which.add_argument("--skip-order", metavar="ID", help="leave the store's order ID out for good, then pull")
    sync.set_defaults(handler=sync_outbox)


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


def add_channel(ctx: Context) -> int:
    args = ctx.args
    key = os.environ.get("SHOPDESK_CHANNEL_KEY") or getpass.getpass(f"API key of {args.name}: ")
    secret = os.environ.get("SHOPDESK_CHANNEL_SECRET")
    if secret is None:
        secret = getpass.getpass("API secret (Enter if the store has none): ")
    channel = SyncService(ctx.shop()).add_channel(
        args.name, args.type, args.url, key, secret, buffer=args.buffer, since=args.since
    )
    ctx.out(channel, f"Added channel {channel.name} ({channel.type}, {channel.store_url}); its key is in the keyring.")
    if args.since is not None:
        ctx.info(f"Its first sync pulls the orders changed since {args.since:%Y-%m-%d}.")
    return 0


def _since(text: str) -> datetime:
    """--since: a date (midnight, local time) or a date and time."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime(day.year, day.month, day.day)
        return datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"write the date like 2026-11-01, not {text!r}") from exc


def list_problems(ctx: Context) -> int:
    found = open_problems(ctx.shop(), ctx.args.name)
    lines = [
        f"{p.channel}  order {p.order}  changed {p.modified:%Y-%m-%d %H:%M}  {p.problem}"
        + f"\n    shopdesk sync {p.channel} --accept-order {p.order}   or   --skip-order {p.order}"
        for p in found
    ]
    ctx.out(found, "\n".join(lines) if lines else "No store order waits for a decision.")
    return 0


def list_channels(ctx: Context) -> int:
    found = SyncService(ctx.shop()).channels()
    lines = [
        f"{c.name}  {c.type}  {c.store_url}  buffer {c.buffer}  {c.status}"
        + (f"  last sync {c.last_sync_at:%Y-%m-%d %H:%M}" if c.last_sync_at else "")
        for c in found
    ]
    ctx.out(found, "\n".join(lines) if lines else "No channels.")
    return 0


def show_log(ctx: Context) -> int:
    entries = SyncService(ctx.shop()).sync_log(ctx.args.name)
    lines = [f"{at:%Y-%m-%d %H:%M:%S}  {action}  {outcome}  {detail}" for at, action, outcome, detail in entries]
    ctx.out([dict(zip(("at", "action", "outcome", "detail"), e, strict=True)) for e in entries], "\n".join(lines))
    return 0


def sync_outbox(ctx: Context) -> int:
    args = ctx.args
    service = SyncService(ctx.shop())
    if args.target != "outbox":
        if args.retry is not None or args.drop is not None:
            raise ShopDeskError("--retry and --drop go with `shopdesk sync outbox`.")
        if args.accept_order or args.skip_order:
            decision = ACCEPT if args.accept_order else SKIP
            their_no = args.accept_order or args.skip_order
            decide(ctx.shop(), args.target, their_no, decision)
            what = "is imported as it is" if decision == ACCEPT else "is left out for good"
            ctx.info(f"Order {their_no} from {args.target} {what}; pulling now.")
        return pull_orders(ctx, service)
    if args.accept_order or args.skip_order:
        raise ShopDeskError("--accept-order and --skip-order go with `shopdesk sync CHANNEL`.")
    if args.retry is not None:
        service.retry(args.retry)
        ctx.out({"retried": args.retry}, f"Outbox item {args.retry} will be sent again.")
        return 0
    if args.drop is not None:
        service.drop(args.drop)
        ctx.out({"dropped": args.drop}, f"Outbox item {args.drop} dropped.")
        return 0
    items = [i for i in service.outbox() if i.state != "sent"]
    lines = [
        f"{i.id:>5}  {i.channel}  {i.kind}  {i.state}  attempts {i.attempts}"
        + (f"  {i.last_error}" if i.last_error else "")
        for i in items
    ]
    ctx.out(items, "\n".join(lines) if lines else "Nothing waits to be sent.")
    return 0


def pull_orders(ctx: Context, service: SyncService) -> int:
    args = ctx.args
    channel = service.channel(args.target)
    store = service.open_store(channel.name)
    try:
        result = service.pull_orders(channel.name, store, dry_run=args.dry_run)
    finally:
        store.close()
    for number, why in result.failed:
        ctx.info(
            f"Order {number} was not stored and will be asked for again: {why}. Decide it with "
            f"shopdesk sync {channel.name} --accept-order {number} (or --skip-order {number})."
        )
    for number in result.waiting:
        ctx.info(f"Order {number} names SKUs no product has: it waits (shopdesk sku unmatched, shopdesk sku link).")
    for number, why in result.attention:
        ctx.info(f"Order {number} needs a look: {why}")
    verb = "would import" if result.dry_run else "imported"
    text = (
        f"{channel.name}: {verb} {len(result.created)} new order(s), {result.already} known, "
        f"{len(result.waiting)} waiting for SKU links, {len(result.skipped)} cancelled on the store, "
        f"{len(result.failed)} not stored."
    )
    if result.sent_already or result.partly_sent:
        text += (
            f" Sent out by the store already: {len(result.sent_already)} imported as history (no stock reserved)"
            + (f", {len(result.partly_sent)} partly sent, on hold for review" if result.partly_sent else "")
            + "."
        )
    if result.left_out:
        text += f" Left out: {', '.join(result.left_out)}."
    changed = [
        f"{len(result.cancelled)} cancelled here as on the store" if result.cancelled else "",
        f"{len(result.held)} on hold for review (changed on the store)" if result.held else "",
        f"{result.refunds} refund(s) recorded" if result.refunds else "",
    ]
    if any(changed):
        text += " Changed on the store: " + ", ".join(filter(None, changed)) + "."
    if result.dry_run:
        ctx.out(result, text + " Nothing was written (dry run).")
        return 1 if result.failed else 0
    # The pull's own changes (reservations of the new orders) are in the outbox by now: they go too.
    if args.push_stock:
        service.queue_stock_levels(channel.name)
    run = service.send_outbox(store_sender, channel=channel.name)
    text += f" Outbox: {run.sent} sent, {run.retrying} to retry, {run.dead} failed" + (
        " (shopdesk sync outbox)." if run.retrying or run.dead else "."
    )
    ctx.out({**asdict(result), "outbox": asdict(run)}, text)
    return 1 if result.failed else 0
