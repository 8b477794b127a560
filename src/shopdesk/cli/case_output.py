"""How the case commands print cases and step results: amounts as written, times in the computer's zone."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.money import format_plain
from shopdesk.services.aftersales import StepResult
from shopdesk.services.aftersales_views import CaseDetail
from shopdesk.services.shop import Shop

_MONEY_FIELDS = ("solution_amount", "paid_amount", "refunded", "refundable")


def money(shop: Shop, minor: int) -> str:
    return format_plain(minor, shop.money.exponent)


def case_json(shop: Shop, detail: CaseDetail) -> dict[str, Any]:
    data = asdict(detail)
    for key in _MONEY_FIELDS:
        data[key] = money(shop, getattr(detail, key))
    data["refundable"] = money(shop, detail.refundable)
    for line in data["lines"]:
        line["unit_net"] = money(shop, line["unit_net"])
    for item in data["returns"]:
        item["value"] = money(shop, item["value"])
    for item in data["refunds"]:
        item["amount"] = money(shop, item["amount"])
    data["window"] = None if detail.window is None else {**asdict(detail.window), "message": detail.window.message}
    return data


def when(at: datetime | None) -> str:
    return "" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M}"


def case_text(shop: Shop, d: CaseDetail) -> str:
    lines = [
        f"{d.number}  {d.status}  {d.priority}  owner {d.owner or '-'}  due {when(d.due_at)}"
        + ("  OVERDUE" if d.overdue else ""),
        f"  {d.channel} · {d.case_class} · {d.sub_reason or '-'} · demand {d.demand or '-'}",
        f"  customer {d.customer_name or '-'}  order {d.order_number or '-'}  opened {when(d.opened_at)}",
    ]
    if d.description:
        lines.append(f"  {d.description}")
    lines += [f"  line {x.line_no}: {x.quantity} × {x.sku} {x.name}" for x in d.lines]
    if d.window is not None:
        lines.append(
            f"  return window: {d.window.message}" + (f" — override: {d.window_override}" if d.window_override else "")
        )
    if d.solution_type:
        lines.append(
            f"  solution: {d.solution_type} {money(shop, d.solution_amount)} by {d.solution_owner or '-'}, "
            f"deadline {when(d.solution_deadline)}" + (f" — {d.solution_note}" if d.solution_note else "")
        )
    if d.replacement_order:
        lines.append(f"  replacement order {d.replacement_order}")
    lines += [f"  returned {r.quantity} × {r.sku} → {r.disposition} ({money(shop, r.value)})" for r in d.returns]
    lines += [f"  refund {money(shop, r.amount)} {r.method} on {when(r.refunded_at)}" for r in d.refunds]
    if d.order_number:
        lines.append(f"  order paid {money(shop, d.paid_amount)}, refunded {money(shop, d.refunded)} {d.currency}")
    lines += [f"  evidence {e.id}: {e.filename} ({e.size:,} bytes)" for e in d.evidence]
    if d.satisfaction is not None:
        lines.append(f"  follow-up: satisfaction {d.satisfaction}/5")
    elif d.no_followup_reason:
        lines.append(f"  no follow-up: {d.no_followup_reason}")
    lines.append("  timeline:")
    for e in d.timeline:
        step = f"{e.from_status or '·'} → {e.to_status}" if e.to_status else e.action
        lines.append(f"    {when(e.at)}  {e.user:<12} {step}  {e.reason}".rstrip())
    return "\n".join(lines)


def step_out(ctx: Context, result: StepResult) -> int:
    ctx.out(asdict(result), f"{result.number}: {result.message}")
    return 0
