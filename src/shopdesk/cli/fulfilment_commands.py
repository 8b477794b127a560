"""shopdesk picklist | labels | packing-slip: the warehouse's paper for orders ready to ship.

    shopdesk picklist ORDER... -o FILE.pdf [--consolidated] [--status allocated]
    shopdesk labels ORDER... --size 4x6|100x150|76x130|a6-on-a4 [--format pdf|zpl] -o FILE [--status allocated]
    shopdesk packing-slip ORDER -o FILE.pdf [--prices]

The file is written whole or not at all: a refused order or a full disk leaves
no half-written file behind (and an older file of that name as it was).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import Context
from shopdesk.documents.labels import LABEL_SIZES
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.fulfilment_documents import LABEL_FORMATS, FulfilmentDocuments, write_atomically


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    picklist = sub.add_parser(
        "picklist",
        parents=[common],
        help="a pick list PDF for allocated orders, sorted by warehouse and bin",
        description="A pick list for the orders named (or every order in --status), bin by bin in walking order.",
    )
    picklist.add_argument("orders", nargs="*", metavar="ORDER", help="order numbers (SO-000123)")
    picklist.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    picklist.add_argument(
        "--consolidated",
        action="store_true",
        help="one line per product and bin across the orders, with a put-wall split (default: one section per order)",
    )
    picklist.add_argument("--status", metavar="S", help="add every order in this state, e.g. allocated")
    picklist.set_defaults(handler=make_pick_list)

    labels = sub.add_parser(
        "labels",
        parents=[common],
        help="shipping labels (面单) for allocated, picked or packed orders (or a reprint for a shipped one), PDF or ZPL",
    )
    labels.add_argument("orders", nargs="*", metavar="ORDER", help="order numbers (SO-000123)")
    labels.add_argument("--size", choices=list(LABEL_SIZES), default="4x6", help="label size (default 4x6)")
    labels.add_argument("--format", choices=LABEL_FORMATS, default="pdf", help="pdf (default) or zpl for 203 dpi")
    labels.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    labels.add_argument("--status", metavar="S", help="add every order in this state, e.g. allocated")
    labels.set_defaults(handler=make_labels)

    slip = sub.add_parser("packing-slip", parents=[common], help="the packing slip PDF that goes in the parcel")
    slip.add_argument("order", metavar="ORDER")
    slip.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    slip.add_argument("--prices", action="store_true", help="print prices and the total (default: without prices)")
    slip.set_defaults(handler=make_packing_slip)


def _chosen(ctx: Context, docs: FulfilmentDocuments) -> list[str]:
    orders = list(ctx.args.orders)
    if ctx.args.status:
        orders += docs.order_numbers(ctx.args.status.strip())
        if not orders:
            raise ShopDeskError(f"No order is {ctx.args.status.strip()}: nothing to print.")
    if not orders:
        raise ShopDeskError("Name the orders (SO-000123 ...) or choose them with --status allocated.")
    return orders


def _written(ctx: Context, path: Path, what: str, orders: int) -> int:
    ctx.out({"file": str(path.resolve()), "orders": orders, "document": what}, f"{what} for {orders} order(s): {path}")
    return 0


def make_pick_list(ctx: Context) -> int:
    docs = FulfilmentDocuments(ctx.shop())
    orders = _chosen(ctx, docs)
    pdf = docs.pick_list_pdf(orders, consolidated=ctx.args.consolidated)
    return _written(ctx, write_atomically(ctx.args.output, pdf), "Pick list", len(set(orders)))


def make_labels(ctx: Context) -> int:
    docs = FulfilmentDocuments(ctx.shop())
    orders = _chosen(ctx, docs)
    if ctx.args.format == "zpl":
        data: bytes | str = docs.labels_zpl(orders, ctx.args.size)
    else:
        data = docs.labels_pdf(orders, ctx.args.size)
    return _written(ctx, write_atomically(ctx.args.output, data), "Labels", len(set(orders)))


def make_packing_slip(ctx: Context) -> int:
    docs = FulfilmentDocuments(ctx.shop())
    pdf = docs.packing_slip_pdf(ctx.args.order, show_prices=ctx.args.prices)
    return _written(ctx, write_atomically(ctx.args.output, pdf), "Packing slip", 1)
