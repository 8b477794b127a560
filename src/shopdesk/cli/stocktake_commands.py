"""shopdesk stocktake start|count|show|post|cancel, import stocktake FILE, import stock FILE (opening balances).

A count is typed (`count ST SKU 12` sets it) or scanned (`count ST CODE --scan`
adds 1, or the quantity given). See services/stocktake.py for how moves made
during the count are accounted for.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from shopdesk.cli import io_commands
from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain
from shopdesk.domain.stocktake import StocktakeStatus, Uncounted
from shopdesk.services.shop import Shop
from shopdesk.services.stock_import import StockImport
from shopdesk.services.stocktake import CountLine, StocktakeSummary


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    st = sub.add_parser("stocktake", parents=[common], help="stocktakes (库存盘点): start, count, show, post")
    actions = st.add_subparsers(dest="stocktake_command", metavar="ACTION", required=True)

    start = actions.add_parser("start", parents=[common], help="freeze the expected quantities and start counting")
    start.add_argument("--warehouse", metavar="WH")
    start.add_argument("--zone", metavar="WH/ZONE")
    start.add_argument("--category", metavar="PATH", help="e.g. 服装/上衣")
    start.add_argument("--blind", action="store_true", help="counters do not see the expected quantities")
    start.add_argument("--note", default="", metavar="TEXT")
    start.set_defaults(handler=start_stocktake)

    count = actions.add_parser("count", parents=[common], help="enter a count (typed), or a scan with --scan")
    count.add_argument("stocktake", metavar="ST", help="ST-000001")
    count.add_argument("code", metavar="SKU|BARCODE")
    count.add_argument("quantity", nargs="?", metavar="QTY", help="the counted quantity (with --scan: how many more)")
    count.add_argument("--scan", action="store_true", help="add to the count (1 unless QTY is given)")
    count.add_argument("--location", metavar="LOCATION", help="where it was counted (when it is in several places)")
    count.set_defaults(handler=count_stocktake)

    show = actions.add_parser("show", parents=[common], help="a stocktake's lines, or every stocktake")
    show.add_argument("stocktake", nargs="?", metavar="ST")
    which = show.add_mutually_exclusive_group()
    which.add_argument("--differences", action="store_true", help="only lines whose count differs")
    which.add_argument("--uncounted", action="store_true", help="only lines nobody counted yet")
    show.add_argument(
        "--blind",
        action="store_true",
        help="as a counter sees a blind stocktake: no expected quantities or differences",
    )
    show.set_defaults(handler=show_stocktake)

    post = actions.add_parser("post", parents=[common], help="write the differences as adjustments (once)")
    post.add_argument("stocktake", metavar="ST")
    post.add_argument(
        "--uncounted",
        choices=[u.value for u in Uncounted],
        default=Uncounted.REFUSE.value,
        help="lines nobody counted: refuse to post (default), skip them, or count them as zero",
    )
    post.add_argument("--reason", default="", metavar="TEXT")
    post.set_defaults(handler=post_stocktake)

    cancel = actions.add_parser("cancel", parents=[common], help="stop a stocktake without posting")
    cancel.add_argument("stocktake", metavar="ST")
    cancel.add_argument("--reason", required=True, metavar="TEXT")
    cancel.set_defaults(handler=cancel_stocktake)

    imports = io_commands.import_actions(sub, common)
    counts = imports.add_parser(
        "stocktake",
        parents=[common],
        help="counts from a count sheet (SKU or barcode, location, counted), all rows or none",
    )
    counts.add_argument("file", type=Path, metavar="FILE")
    counts.add_argument("--stocktake", metavar="ST", help="which stocktake (default: the only one counting)")
    _file_options(counts)
    counts.set_defaults(handler=import_counts)

    opening = imports.add_parser(
        "stock", parents=[common], help="opening balances (SKU, location, quantity, unit cost), all rows or none"
    )
    opening.add_argument("file", type=Path, metavar="FILE")
    _file_options(opening)
    opening.set_defaults(handler=import_opening)


def _file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
    parser.add_argument("--encoding", metavar="E", help="text encoding of a CSV (default: detect)")
    parser.add_argument("--delimiter", metavar="D", help="CSV delimiter: comma, semicolon or tab (default: detect)")
    parser.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")


def _delimiter(args: argparse.Namespace) -> str | None:
    if args.delimiter is None:
        return None
    found = io_commands.DELIMITERS.get(args.delimiter.lower())
    if found is None:
        raise ShopDeskError(f"Unknown delimiter {args.delimiter!r}; use comma, semicolon or tab.")
    return found


def _money(shop: Shop, minor: int | None) -> str | None:
    return None if minor is None else format_plain(minor, shop.money.exponent)


def _summary_json(shop: Shop, s: StocktakeSummary) -> dict[str, Any]:
    return {
        "number": s.number,
        "status": s.status,
        "scope": s.scope,
        "blind": s.blind,
        "started_at": s.started_at,
        "started_by": s.started_by,
        "posted_at": s.posted_at,
        "lines": s.lines,
        "counted": s.counted,
        "differences": s.differences,
        "gain_value": _money(shop, s.gain_value),
        "loss_value": _money(shop, s.loss_value),
    }


def _summary_text(d: dict[str, Any]) -> str:
    text = (
        f"{d['number']}  {d['status']}  {d['scope']}{'  (blind)' if d['blind'] else ''}: "
        f"{d['counted']}/{d['lines']} line(s) counted"
    )
    if d["differences"] is None:  # a blind count, still counting: what the book says is not shown
        return text + ", differences hidden until it is posted"
    text += f", {d['differences']} difference(s)"
    if d["gain_value"] is None:  # a role that does not see values
        return text
    return text + f", gains {d['gain_value']}, losses {d['loss_value']}"


def _line_json(shop: Shop, ln: CountLine) -> dict[str, Any]:
    return {
        "location": ln.location,
        "sku": ln.sku,
        "name": ln.name,
        "expected": ln.expected,
        "moved_during_count": ln.moved_during_count,
        "counted": ln.counted,
        "difference": ln.difference,
        "value": _money(shop, ln.value),
    }


def _show(value: object) -> str:
    return "-" if value is None else str(value)


# Commands --------------------------------------------------------------------------
def start_stocktake(ctx: Context) -> int:
    shop = ctx.shop()
    args = ctx.args
    summary = shop.stocktakes.start(
        warehouse=args.warehouse, zone=args.zone, category=args.category, blind=args.blind, note=args.note
    )
    data = _summary_json(shop, summary)
    ctx.out(data, f"Started {summary.number}: {summary.lines} line(s) to count in {summary.scope}")
    return 0


def count_stocktake(ctx: Context) -> int:
    shop = ctx.shop()
    args = ctx.args
    if args.scan:
        result = shop.stocktakes.record_scan(
            args.stocktake, args.code, location=args.location, quantity=1 if args.quantity is None else args.quantity
        )
    else:
        if args.quantity is None:
            raise ShopDeskError("Give the counted quantity (or --scan to add one)")
        result = shop.stocktakes.set_count(args.stocktake, args.code, args.quantity, location=args.location)
    ctx.out(_line_json(shop, result.line), result.message)
    return 0


def show_stocktake(ctx: Context) -> int:
    shop = ctx.shop()
    args = ctx.args
    if args.stocktake is None:
        data = [_summary_json(shop, s) for s in shop.stocktakes.stocktakes()]
        ctx.out(data, "\n".join(_summary_text(d) for d in data) or "No stocktakes yet")
        return 0
    only = "differences" if args.differences else "uncounted" if args.uncounted else "all"
    # A blind count hides the book from its counters (--blind) and from anyone but the owner.
    summary = _summary_json(shop, shop.stocktakes.summary(args.stocktake, for_counter=args.blind))
    lines = [
        _line_json(shop, ln) for ln in shop.stocktakes.count_lines(args.stocktake, for_counter=args.blind, only=only)
    ]
    text = "\n".join(
        [_summary_text(summary)]
        + [
            f"  {d['location']:<16} {d['sku']:<16} expected {_show(d['expected']):>6}  "
            f"moved {_show(d['moved_during_count']):>5}  counted {_show(d['counted']):>6}  "
            f"difference {_show(d['difference']):>5}  value {_show(d['value']):>10}"
            for d in lines
        ]
    )
    ctx.out({**summary, "count_lines": lines}, text)
    return 0


def post_stocktake(ctx: Context) -> int:
    shop = ctx.shop()
    result = shop.stocktakes.post(ctx.args.stocktake, uncounted=ctx.args.uncounted, reason=ctx.args.reason)
    ctx.out(
        {
            "number": result.number,
            "lines_adjusted": result.lines_adjusted,
            "units_gained": result.units_gained,
            "units_lost": result.units_lost,
            "value_gained": _money(shop, result.value_gained),
            "value_lost": _money(shop, result.value_lost),
            "released_orders": list(result.released_orders),
        },
        f"Posted {result.number}: {result.lines_adjusted} line(s) adjusted, "
        f"+{result.units_gained} unit(s) worth {_money(shop, result.value_gained)}, "
        f"-{result.units_lost} unit(s) worth {_money(shop, result.value_lost)} {shop.money.currency}"
        + (
            f"\nNot on the shelf for {', '.join(result.released_orders)}: their reservation was released; "
            "they wait for stock again"
            if result.released_orders
            else ""
        ),
    )
    return 0


def cancel_stocktake(ctx: Context) -> int:
    ctx.shop().stocktakes.cancel(ctx.args.stocktake, ctx.args.reason)
    ctx.out({"number": ctx.args.stocktake.upper(), "status": "cancelled"}, f"{ctx.args.stocktake.upper()} cancelled")
    return 0


def import_counts(ctx: Context) -> int:
    shop = ctx.shop()
    args = ctx.args
    number = args.stocktake
    if number is None:
        counting = [s.number for s in shop.stocktakes.stocktakes() if s.status == StocktakeStatus.COUNTING]
        if len(counting) != 1:
            raise ShopDeskError(
                "No stocktake is counting: start one with `shopdesk stocktake start`"
                if not counting
                else f"Several stocktakes are counting ({', '.join(counting)}): say which with --stocktake"
            )
        number = counting[0]
    result = shop.stocktakes.import_counts(
        number, args.file, dry_run=args.dry_run, encoding=args.encoding, delimiter=_delimiter(args), sheet=args.sheet
    )
    verb = "would count" if result.dry_run else "counted"
    ctx.out(
        {"stocktake": number.upper(), **vars(result)},
        f"{args.file.name}: {result.rows} row(s), {verb} {result.lines_counted} line(s) of {number.upper()}"
        + (f" ({result.new_lines} found where none were expected)" if result.new_lines else "")
        + (" - nothing was written (dry run)" if result.dry_run else ""),
    )
    return 0


def import_opening(ctx: Context) -> int:
    shop = ctx.shop()
    args = ctx.args
    result = StockImport(shop).import_opening_stock(
        args.file, dry_run=args.dry_run, encoding=args.encoding, delimiter=_delimiter(args), sheet=args.sheet
    )
    verb = "would bring in" if result.dry_run else "brought in"
    ctx.out(
        {"rows": result.rows, "units": result.units, "value": _money(shop, result.value), "dry_run": result.dry_run},
        f"{args.file.name}: {verb} {result.units} unit(s) worth {_money(shop, result.value)} {shop.money.currency} "
        f"on {result.rows} row(s)" + (" - nothing was written (dry run)" if result.dry_run else ""),
    )
    return 0
