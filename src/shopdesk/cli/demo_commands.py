"""shopdesk demo [--products N] [--customers N] [--seed S] [--force]."""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict

from shopdesk.cli.common import Context
from shopdesk.domain.errors import Conflict
from shopdesk.domain.money import format_money
from shopdesk.services.demo import build_demo


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="fill a new shop with a realistic demo catalogue, suppliers, warehouses and customers",
        description="Fill a new, empty shop with realistic demo data. The same seed always gives the same shop.",
    )
    demo.add_argument("--products", type=int, default=300, metavar="N", help="product rows to make (default 300)")
    demo.add_argument(
        "--customers", type=int, default=None, metavar="N", help="customers to make (default: one per five products)"
    )
    demo.add_argument(
        "--orders",
        type=int,
        default=400,
        metavar="N",
        help="orders over the last 90 days in every state, with restocking, a stocktake and after-sales cases "
        "(default 400; 0 for none)",
    )
    demo.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default 42)")
    demo.add_argument("--force", action="store_true", help="add the demo even if the shop already has products")
    demo.set_defaults(handler=run_demo)


def run_demo(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    last_report = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        # Once a second at most: a 100,000-product demo reports in chunks of 2,000 rows.
        now = time.monotonic()
        if done >= total or now - last_report[0] >= 1:
            last_report[0] = now
            ctx.info(f"{stage}: {done:,}/{total:,}")

    started = time.perf_counter()
    try:
        summary = build_demo(
            shop,
            products=args.products,
            customers=args.customers,
            seed=args.seed,
            force=args.force,
            progress=progress,
            orders=args.orders,
        )
    except Conflict as exc:
        raise Conflict(f"{exc} Use --force to add it anyway.") from exc
    seconds = round(time.perf_counter() - started, 2)
    s = summary
    text = "\n".join(
        [
            f"Demo shop ready in {shop.db.describe()} (seed {s.seed}, {seconds} s):",
            f"  {s.products:,} products: {s.styles:,} styles with {s.variants:,} variant SKUs, "
            f"{s.single_items:,} single items; {s.barcodes:,} EAN-13 barcodes",
            f"  {s.categories} categories in three levels, {s.suppliers} suppliers",
            f"  {s.warehouses} warehouses with {s.bins:,} bins; opening stock {s.stock_units:,} units "
            f"worth {format_money(s.stock_value, shop.money.currency)} at cost; "
            f"warning lines (预警线) on {s.warning_lines:,} products",
            f"  {s.customers:,} customers with {s.addresses:,} addresses",
            *_history_lines(s.order_history),
        ]
    )
    ctx.out({**asdict(summary), "database": shop.db.describe(), "seconds": seconds}, text)
    return 0


def _history_lines(history: dict) -> list[str]:  # type: ignore[type-arg]
    """What the order history stage made (services/demo_orders.py), when it ran."""
    if not history:
        return []
    states = ", ".join(f"{n} {status}" for status, n in sorted(history["by_status"].items(), key=lambda kv: -kv[1]))
    held = ", ".join(f"{n} {code}" for code, n in sorted(history["held_for"].items()))
    lines = [f"  {history['orders']:,} orders over the last 90 days: {states}"]
    if history.get("placed_for_cases"):
        lines[-1] += f" ({history['placed_for_cases']} of them placed so the after-sales cases have orders)"
    replacements = history.get("replacement_orders", 0)
    if replacements:
        again = ", ".join(
            f"{n} {status}" for status, n in sorted(history["replacement_by_status"].items(), key=lambda kv: -kv[1])
        )
        noun = "order" if replacements == 1 else "orders"
        lines.append(f"  plus {replacements} replacement {noun} (补发/换货) sent by after-sales cases: {again}")
    if history.get("new_customers"):
        people = "customer" if history["new_customers"] == 1 else "customers"
        lines.append(f"  {history['new_customers']} more {people}: a first-time buyer the order service added")
    if held:
        lines.append(f"  on hold for review (待审核): {held}")
    lines.append(
        f"  {history['purchase_orders']} purchase orders ({history['receipts']} received), "
        f"{history['stocktakes']} stocktake posted"
    )
    cases = history.get("cases")
    if cases:
        lines.append(f"  {cases['cases']} after-sales cases, {cases['returned_units']} unit(s) returned")
    return lines
