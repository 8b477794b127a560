"""How the order commands print orders and results: amounts as written, minor units beside them in --json."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.money import currency_exponent, format_plain
from shopdesk.services.order_fulfilment import FlowResult
from shopdesk.services.order_queries import OrderDetail, OrderRow


def money(minor: int, currency: str) -> str:
    return format_plain(minor, currency_exponent(currency))


def row_json(row: OrderRow) -> dict[str, Any]:
    data = asdict(row)
    data["total_minor"] = row.total
    data["total"] = money(row.total, row.currency)
    return data


def detail_json(d: OrderDetail) -> dict[str, Any]:
    data = asdict(d)
    for key in ("goods_total", "discount_total", "shipping_fee", "platform_fee", "total", "paid_amount"):
        data[f"{key}_minor"] = data[key]
        data[key] = money(data[key], d.currency)
    for line in data["lines"]:
        for key in ("unit_price", "discount", "net", "cost_of_goods"):
            line[key] = money(line[key], d.currency)
    for refund in data["refunds"]:
        refund["amount"] = money(refund["amount"], d.currency)
    return data


def when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


def report(ctx: Context, results: Sequence[FlowResult]) -> int:
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
