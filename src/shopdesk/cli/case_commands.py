"""shopdesk case new | show | list | confirm | investigate | agree | start | await | resume | close | reopen |
comment | escalate | refund | receive-return | return-lost | attach | analysis | settings.

CASE is a case number (CS-000012, or just 12). Times are written as people do
("2026-11-25 18:00", the computer's local time, or ISO with a zone). Money is
typed as people write it ("12.50") in the shop's currency and printed the same
way; --json prints machine-readable results. The steps follow the process:
new → confirm → investigate → agree → start → (await → resume) → close; reopen.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.aftersales import CaseChannel, CaseClass, Closing, Disposition, Priority, SolutionType
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, Solution, StepResult
from shopdesk.services.aftersales_entry import AftersalesSettings
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.aftersales_views import CaseDetail, CaseFilter
from shopdesk.services.shop import Shop

_MONEY_FIELDS = ("solution_amount", "paid_amount", "refunded", "refundable")
MB = 1024 * 1024  # evidence sizes are typed and shown in MB


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    case = sub.add_parser("case", parents=[common], help="after-sales cases (工单): complaints, returns, refunds")
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    new = actions.add_parser("new", parents=[common], help="record a complaint or after-sales request")
    who = new.add_argument_group("who and what")
    who.add_argument("--order", metavar="SO-NUMBER", help="the order it is about")
    who.add_argument("--customer", type=int, metavar="ID", help="the customer (default: the order's)")
    who.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="LINE[:QTY]",
        help="an order line (number or SKU) and units, e.g. 1:2 or MUG-1; repeat for more lines",
    )
    new.add_argument("--channel", required=True, choices=[c.value for c in CaseChannel])
    new.add_argument("--class", dest="case_class", required=True, choices=[c.value for c in CaseClass])
    new.add_argument("--sub-reason", default="", metavar="TEXT")
    new.add_argument(
        "--demand", default="", choices=["", *(s.value for s in SolutionType)], help="what the customer asks for"
    )
    new.add_argument("--description", default="", metavar="TEXT")
    new.add_argument("--priority", default=Priority.NORMAL.value, choices=[p.value for p in Priority])
    new.add_argument("--owner", default="", metavar="NAME")
    new.add_argument("--opened", metavar="TIME", help="when the complaint arrived (default: now)")
    new.add_argument("--due", metavar="TIME", help="due time (default: from the priority's deadline)")
    new.add_argument("--evidence", action="append", default=[], metavar="FILE", help="photo or document; repeat")
    new.set_defaults(handler=new_case)

    show = actions.add_parser("show", parents=[common], help="one case with its lines, returns, refunds and timeline")
    show.add_argument("case", metavar="CASE")
    show.set_defaults(handler=show_case)

    listing = actions.add_parser("list", parents=[common], help="the queue, by due time")
    listing.add_argument("--status", action="append", default=[], metavar="STATUS", help="repeat for several")
    listing.add_argument("--open", action="store_true", help="open cases only")
    listing.add_argument("--owner", metavar="NAME")
    due = listing.add_mutually_exclusive_group()
    due.add_argument("--overdue", action="store_true")
    due.add_argument("--due-soon", action="store_true", help="due within a day, not yet overdue")
    listing.add_argument("--search", default="", metavar="TEXT")
    listing.add_argument("--limit", type=int, default=100, metavar="N")
    listing.set_defaults(handler=list_cases)

    for name, handler, text in (
        ("confirm", confirm_case, "the complaint and the demand are confirmed"),
        ("investigate", investigate_case, "start investigating and collecting evidence"),
        ("await", await_case, "waiting for the customer"),
        ("resume", resume_case, "the customer answered: back in progress"),
    ):
        step = actions.add_parser(name, parents=[common], help=text)
        step.add_argument("case", metavar="CASE")
        step.add_argument("--note", default="", metavar="TEXT")
        step.add_argument("--at", metavar="TIME", help="when it happened (default: now)")
        step.set_defaults(handler=handler)

    agree = actions.add_parser("agree", parents=[common], help="record the agreed solution")
    agree.add_argument("case", metavar="CASE")
    agree.add_argument("--type", required=True, choices=[s.value for s in SolutionType])
    agree.add_argument("--amount", default="0", metavar="AMOUNT", help="refund or compensation, e.g. 25.00")
    agree.add_argument("--owner", default="", metavar="NAME", help="responsible person (default: the case's owner)")
    agree.add_argument("--deadline", metavar="TIME", help="default: the case's due time")
    agree.add_argument("--note", default="", metavar="TEXT")
    agree.add_argument("--override", default="", metavar="REASON", help="accept a return outside the window, and why")
    agree.add_argument("--at", metavar="TIME")
    agree.set_defaults(handler=agree_case)

    start = actions.add_parser("start", parents=[common], help="carry out the solution (makes the replacement order)")
    start.add_argument("case", metavar="CASE")
    start.add_argument(
        "--send", action="append", default=[], metavar="SKU[:QTY]", help="replacement goods if not the same"
    )
    start.add_argument("--note", default="", metavar="TEXT")
    start.add_argument("--at", metavar="TIME")
    start.set_defaults(handler=start_case)

    close = actions.add_parser("close", parents=[common], help="close with the result told and a follow-up (回访)")
    close.add_argument("case", metavar="CASE")
    close.add_argument("--told", required=True, metavar="TEXT", help="the result as told to the customer")
    how = close.add_mutually_exclusive_group()  # neither: the case service says what closing needs
    how.add_argument("--score", type=int, metavar="1-5", help="satisfaction at the follow-up")
    how.add_argument("--no-followup", metavar="REASON", help="why no follow-up was possible")
    close.add_argument("--at", metavar="TIME")
    close.set_defaults(handler=close_case)

    reopen = actions.add_parser("reopen", parents=[common], help="back to investigating")
    reopen.add_argument("case", metavar="CASE")
    reopen.add_argument("--reason", required=True, metavar="TEXT")
    reopen.add_argument("--at", metavar="TIME")
    reopen.set_defaults(handler=reopen_case)

    comment = actions.add_parser("comment", parents=[common], help="a note on the timeline")
    comment.add_argument("case", metavar="CASE")
    comment.add_argument("text", metavar="TEXT")
    comment.add_argument("--at", metavar="TIME")
    comment.set_defaults(handler=comment_case)

    escalate = actions.add_parser("escalate", parents=[common], help="raise the priority and/or hand over")
    escalate.add_argument("case", metavar="CASE")
    escalate.add_argument("--priority", choices=[p.value for p in Priority])
    escalate.add_argument("--owner", metavar="NAME")
    escalate.add_argument("--reason", required=True, metavar="TEXT")
    escalate.add_argument("--at", metavar="TIME")
    escalate.set_defaults(handler=escalate_case)

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

    attach = actions.add_parser("attach", parents=[common], help="add evidence files to a case")
    attach.add_argument("case", metavar="CASE")
    attach.add_argument("files", nargs="+", metavar="FILE")
    attach.set_defaults(handler=attach_evidence)

    analysis = actions.add_parser("analysis", parents=[common], help="complaints, returns per SKU, SLA; to Excel")
    analysis.add_argument("--from", dest="start", metavar="DATE", help="default: 30 days ago")
    analysis.add_argument("--to", dest="end", metavar="DATE", help="up to, not including (default: now)")
    analysis.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the workbook here")
    analysis.set_defaults(handler=case_analysis)

    settings = actions.add_parser(
        "settings", parents=[common], help="the shop's after-sales settings (售后设置): show them, or change some"
    )
    settings.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="PRIORITY=HOURS",
        help="hours to resolve a case (处理时限), e.g. high=24; repeat for more priorities",
    )
    settings.add_argument("--return-window", metavar="DAYS", help="days from delivery to return goods (退货期限)")
    settings.add_argument(
        "--return-window-category",
        action="append",
        default=[],
        metavar="CATEGORY=DAYS",
        help="a category's own window, e.g. 服装=15 (CATEGORY= removes it); repeat",
    )
    settings.add_argument(
        "--sub-reasons",
        action="append",
        default=[],
        metavar="CLASS=A,B",
        help="the sub-reasons (具体原因) offered for quality, service, logistics or other, comma-separated, "
        'e.g. quality="破损 damaged,瑕疵 defect" (CLASS= offers none); repeat',
    )
    settings.add_argument("--evidence-max-mb", metavar="MB", help="the largest evidence file (证据) accepted")
    settings.add_argument(
        "--high-return",
        metavar="PERCENT:SOLD",
        help="warn about a SKU (高频退货商品预警) whose returns reach PERCENT of units sold, once SOLD were sold; "
        "e.g. 20:10",
    )
    settings.set_defaults(handler=case_settings)


# Parsing -------------------------------------------------------------------------------------
def _time(text: str | None, label: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ShopDeskError(f"{label} {text!r} is not a time: write it like 2026-11-25 18:00") from None


def _amount(shop: Shop, text: str, label: str) -> int:
    try:
        return parse_amount(text, shop.money.exponent)
    except ValueError as exc:
        raise ShopDeskError(f"{label} {text!r} {exc} (write it like 12.50)") from None


def _whole(text: str, label: str) -> int:
    if not text.strip().isdigit() or int(text) <= 0:
        raise ShopDeskError(f"{label} must be a whole number above zero (found: {text!r})")
    return int(text)


def _line_ref(text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text.strip()


def _line_and_qty(text: str, label: str) -> tuple[int | str, int]:
    line, _, qty = text.partition(":")
    if not line.strip():
        raise ShopDeskError(f"{label} {text!r}: give the order line, like 1:2 or MUG-1:2")
    return _line_ref(line), _whole(qty, f"{label} {text!r}: the quantity") if qty else 1


def _return_item(text: str, note: str) -> ReturnLine:
    parts = text.split(":")
    if len(parts) != 3:
        raise ShopDeskError(f"Return {text!r}: write LINE:QTY:WHERE, e.g. 1:3:restock or MUG-1:2:scrap")
    where, _, location = parts[2].partition("@")
    where = where.strip().lower()
    if where not in {d.value for d in Disposition}:
        raise ShopDeskError(f"Return {text!r}: WHERE is restock, quarantine, scrap or supplier")
    return ReturnLine(
        _line_ref(parts[0]), _whole(parts[1], f"Return {text!r}: the quantity"), where, location or None, note
    )


def _count(text: str, label: str) -> int:
    """A whole number as typed; whether it is in range is the settings' own check."""
    if not text.strip().isdigit():
        raise ShopDeskError(f"{label} must be a whole number (found: {text!r})")
    return int(text)


def _pair(text: str, label: str, example: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ShopDeskError(f"{label} {text!r}: write it like {example}")
    return key.strip(), value.strip()


def _changed_settings(args: argparse.Namespace, current: AftersalesSettings) -> AftersalesSettings:
    """The settings with the options given on the command line applied."""
    new = replace(
        current,
        deadline_hours=dict(current.deadline_hours),
        return_window_days_by_category=dict(current.return_window_days_by_category),
        sub_reasons=dict(current.sub_reasons),
    )
    for text in args.deadline:
        priority, hours = _pair(text, "--deadline", "high=24")
        new.deadline_hours[priority] = _count(hours, f"--deadline {text!r}: the hours")
    if args.return_window is not None:
        new.return_window_days = _count(args.return_window, "--return-window")
    for text in args.return_window_category:
        category, days = _pair(text, "--return-window-category", "服装=15")
        if days:
            new.return_window_days_by_category[category] = _count(days, f"--return-window-category {text!r}: the days")
        else:
            new.return_window_days_by_category = {
                k: v for k, v in new.return_window_days_by_category.items() if k != category.strip("/")
            }
    for text in args.sub_reasons:
        case_class, reasons = _pair(text, "--sub-reasons", 'quality="破损 damaged,瑕疵 defect"')
        new.sub_reasons[case_class] = [r.strip() for r in reasons.replace("，", ",").split(",") if r.strip()]
    if args.evidence_max_mb is not None:
        new.evidence_max_bytes = _count(args.evidence_max_mb, "--evidence-max-mb") * MB
    if args.high_return is not None:
        percent, sep, sold = args.high_return.partition(":")
        if not sep:
            raise ShopDeskError(f"--high-return {args.high_return!r}: write PERCENT:SOLD, e.g. 20:10")
        new.high_return_rate_percent = _count(percent.strip().rstrip("%"), "--high-return: the percent")
        new.high_return_min_units_sold = _count(sold, "--high-return: the units sold")
    return new


# Output ----------------------------------------------------------------------------------------
def _money(shop: Shop, minor: int) -> str:
    return format_plain(minor, shop.money.exponent)


def _case_json(shop: Shop, detail: CaseDetail) -> dict[str, Any]:
    data = asdict(detail)
    for key in _MONEY_FIELDS:
        data[key] = _money(shop, getattr(detail, key))
    data["refundable"] = _money(shop, detail.refundable)
    for line in data["lines"]:
        line["unit_net"] = _money(shop, line["unit_net"])
    for item in data["returns"]:
        item["value"] = _money(shop, item["value"])
    for item in data["refunds"]:
        item["amount"] = _money(shop, item["amount"])
    data["window"] = None if detail.window is None else {**asdict(detail.window), "message": detail.window.message}
    return data


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M}"


def _case_text(shop: Shop, d: CaseDetail) -> str:
    lines = [
        f"{d.number}  {d.status}  {d.priority}  owner {d.owner or '-'}  due {_when(d.due_at)}"
        + ("  OVERDUE" if d.overdue else ""),
        f"  {d.channel} · {d.case_class} · {d.sub_reason or '-'} · demand {d.demand or '-'}",
        f"  customer {d.customer_name or '-'}  order {d.order_number or '-'}  opened {_when(d.opened_at)}",
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
            f"  solution: {d.solution_type} {_money(shop, d.solution_amount)} by {d.solution_owner or '-'}, "
            f"deadline {_when(d.solution_deadline)}" + (f" — {d.solution_note}" if d.solution_note else "")
        )
    if d.replacement_order:
        lines.append(f"  replacement order {d.replacement_order}")
    lines += [f"  returned {r.quantity} × {r.sku} → {r.disposition} ({_money(shop, r.value)})" for r in d.returns]
    lines += [f"  refund {_money(shop, r.amount)} {r.method} on {_when(r.refunded_at)}" for r in d.refunds]
    if d.order_number:
        lines.append(f"  order paid {_money(shop, d.paid_amount)}, refunded {_money(shop, d.refunded)} {d.currency}")
    lines += [f"  evidence {e.id}: {e.filename} ({e.size:,} bytes)" for e in d.evidence]
    if d.satisfaction is not None:
        lines.append(f"  follow-up: satisfaction {d.satisfaction}/5")
    elif d.no_followup_reason:
        lines.append(f"  no follow-up: {d.no_followup_reason}")
    lines.append("  timeline:")
    for e in d.timeline:
        step = f"{e.from_status or '·'} → {e.to_status}" if e.to_status else e.action
        lines.append(f"    {_when(e.at)}  {e.user:<12} {step}  {e.reason}".rstrip())
    return "\n".join(lines)


def _size(size: int) -> str:
    return f"{size // MB} MB" if size % MB == 0 else f"{size:,} bytes"


def _settings_text(s: AftersalesSettings) -> str:
    lines = [
        "deadlines (处理时限): " + ", ".join(f"{p} {h} h" for p, h in s.deadline_hours.items()),
        f"return window (退货期限): {s.return_window_days} days from delivery",
    ]
    lines += [f"  {path}: {days} days" for path, days in sorted(s.return_window_days_by_category.items())]
    lines.append("sub-reasons (具体原因):")
    lines += [f"  {case_class}: {', '.join(reasons) or '-'}" for case_class, reasons in s.sub_reasons.items()]
    lines += [
        f"evidence files (证据) up to {_size(s.evidence_max_bytes)}",
        f"high-return warning (高频退货商品预警): {s.high_return_rate_percent} % of units sold, "
        f"once {s.high_return_min_units_sold} were sold",
    ]
    return "\n".join(lines)


def _step_out(ctx: Context, result: StepResult) -> int:
    ctx.out(asdict(result), f"{result.number}: {result.message}")
    return 0


# Commands ------------------------------------------------------------------------------------
def new_case(ctx: Context) -> int:
    args, shop = ctx.args, ctx.shop()
    lines = [CaseLineDraft(*_line_and_qty(text, "--line")) for text in args.line]
    created = shop.aftersales.create_case(
        CaseDraft(
            channel=args.channel,
            case_class=args.case_class,
            description=args.description,
            sub_reason=args.sub_reason,
            demand=args.demand,
            customer_id=args.customer,
            order=args.order,
            lines=lines,
            priority=args.priority,
            owner=args.owner,
            opened_at=_time(args.opened, "--opened"),
            due_at=_time(args.due, "--due"),
            evidence=[Path(p) for p in args.evidence],
        )
    )
    if created.warning:
        ctx.info(f"warning: {created.warning}")
    data = {"number": created.number, "due_at": created.due_at, "warning": created.warning}
    ctx.out(data, f"{created.number} recorded, due {_when(created.due_at)}")
    return 0


def show_case(ctx: Context) -> int:
    shop = ctx.shop()
    detail = shop.aftersales.get_case(ctx.args.case)
    ctx.out(_case_json(shop, detail), _case_text(shop, detail))
    return 0


def list_cases(ctx: Context) -> int:
    args, shop = ctx.args, ctx.shop()
    flt = CaseFilter(
        search=args.search,
        statuses=tuple(args.status),
        open_only=args.open,
        owner=args.owner,
        due="overdue" if args.overdue else "due_soon" if args.due_soon else "",
    )
    total = shop.aftersales.count_cases(flt)
    rows = shop.aftersales.list_cases(flt, 0, max(1, args.limit))
    text = "\n".join(
        f"{r.number}  {r.status:<17} {r.priority:<6} due {_when(r.due_at)}{' OVERDUE' if r.overdue else '':<8} "
        f"{r.owner or '-':<12} {r.case_class}: {r.sub_reason}  {r.order_number}"
        for r in rows
    )
    ctx.out({"total": total, "cases": rows}, text + (f"\n({len(rows)} of {total})" if total > len(rows) else ""))
    return 0


def confirm_case(ctx: Context) -> int:
    a = ctx.args
    return _step_out(ctx, ctx.shop().aftersales.confirm(a.case, a.note, at=_time(a.at, "--at")))


def investigate_case(ctx: Context) -> int:
    a = ctx.args
    return _step_out(ctx, ctx.shop().aftersales.investigate(a.case, a.note, at=_time(a.at, "--at")))


def await_case(ctx: Context) -> int:
    a = ctx.args
    return _step_out(ctx, ctx.shop().aftersales.await_customer(a.case, a.note, at=_time(a.at, "--at")))


def resume_case(ctx: Context) -> int:
    a = ctx.args
    return _step_out(ctx, ctx.shop().aftersales.resume(a.case, a.note, at=_time(a.at, "--at")))


def agree_case(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    solution = Solution(a.type, _amount(shop, a.amount, "--amount"), a.owner, _time(a.deadline, "--deadline"), a.note)
    return _step_out(
        ctx, shop.aftersales.agree_solution(a.case, solution, window_override=a.override, at=_time(a.at, "--at"))
    )


def start_case(ctx: Context) -> int:
    a = ctx.args
    send = [(str(line), qty) for line, qty in (_line_and_qty(t, "--send") for t in a.send)] or None
    return _step_out(ctx, ctx.shop().aftersales.start(a.case, a.note, replacement=send, at=_time(a.at, "--at")))


def close_case(ctx: Context) -> int:
    a = ctx.args
    closing = Closing(result_told=bool(a.told.strip()), satisfaction=a.score, no_followup_reason=a.no_followup or "")
    return _step_out(ctx, ctx.shop().aftersales.close(a.case, closing, a.told, at=_time(a.at, "--at")))


def reopen_case(ctx: Context) -> int:
    a = ctx.args
    return _step_out(ctx, ctx.shop().aftersales.reopen(a.case, a.reason, at=_time(a.at, "--at")))


def comment_case(ctx: Context) -> int:
    a = ctx.args
    shop = ctx.shop()
    shop.aftersales.comment(a.case, a.text, at=_time(a.at, "--at"))
    number = shop.aftersales.get_case(a.case).number
    ctx.out({"number": number, "comment": a.text}, f"{number}: comment added")
    return 0


def escalate_case(ctx: Context) -> int:
    a = ctx.args
    result = ctx.shop().aftersales.escalate(
        a.case, priority=a.priority, owner=a.owner, reason=a.reason, at=_time(a.at, "--at")
    )
    return _step_out(ctx, result)


def refund_case(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    result = shop.aftersales.refund(
        a.case, _amount(shop, a.amount, "AMOUNT"), a.method, at=_time(a.at, "--at"), reason=a.reason
    )
    data = {
        **asdict(result),
        "amount": _money(shop, result.amount),
        "refunded": _money(shop, result.refunded),
        "refundable": _money(shop, result.refundable),
    }
    ctx.out(
        data,
        f"{result.case_number}: refunded {data['amount']} on {result.order_number} "
        f"({data['refunded']} in all, {data['refundable']} left; {result.payment_status})",
    )
    return 0


def receive_return(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    result = shop.aftersales.receive_return(a.case, [_return_item(t, a.note) for t in a.items], at=_time(a.at, "--at"))
    return _return_out(ctx, shop, result)


def return_lost(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    items = [ReturnLine(*_line_and_qty(t, "LINE:QTY"), note=a.note) for t in a.items]
    return _return_out(ctx, shop, shop.aftersales.close_return_as_lost(a.case, items, at=_time(a.at, "--at")))


def _return_out(ctx: Context, shop: Shop, result: Any) -> int:
    parts = ", ".join(f"{u} {k} ({_money(shop, v)})" for k, (u, v) in result.by_disposition.items())
    data = {
        "number": result.case_number,
        "units": result.units,
        "value": _money(shop, result.value),
        "by_disposition": {k: {"units": u, "value": _money(shop, v)} for k, (u, v) in result.by_disposition.items()},
        "move_ids": result.move_ids,
    }
    ctx.out(data, f"{result.case_number}: {parts}; {result.units} units at cost {data['value']}")
    return 0


def attach_evidence(ctx: Context) -> int:
    a = ctx.args
    added = ctx.shop().aftersales.add_evidence(a.case, [Path(f) for f in a.files])
    ctx.out({"case": a.case, "added": added}, f"{added} file(s) attached")
    return 0


def case_analysis(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    end = _time(a.end, "--to") or datetime.now().astimezone()
    start = _time(a.start, "--from") or end - timedelta(days=30)
    if a.output:
        path = shop.aftersales.export_analysis(Path(a.output), start, end)
        ctx.out({"file": path}, f"Analysis written to {path}")
        return 0
    result = shop.aftersales.analyse(start, end)
    data = asdict(result)
    data["refunded"] = _money(shop, result.refunded)
    text = [
        f"{result.cases} case(s) opened; {result.sla.open} open, {result.sla.overdue} overdue, "
        f"{result.sla.due_within_day} due within a day",
        "by class: " + ", ".join(f"{t.key} {t.cases}" for t in result.by_class),
        f"average hours to resolve: {result.sla.average_hours_to_resolve or '-'}; "
        f"reopen rate {result.sla.reopen_rate or '-'} %; satisfaction {result.satisfaction.average or '-'}",
    ]
    text += [f"high returns: {r.sku} {r.returned}/{r.sold} = {r.return_rate} %" for r in result.high_return]
    ctx.out(data, "\n".join(text))
    return 0


def case_settings(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    current = shop.aftersales.settings()
    asked = a.deadline or a.return_window_category or a.sub_reasons
    asked = asked or any(v is not None for v in (a.return_window, a.evidence_max_mb, a.high_return))
    changed = shop.aftersales.save_settings(_changed_settings(a, current)) if asked else []
    now = shop.aftersales.settings() if changed else current
    if asked:
        ctx.info(f"saved: {', '.join(changed)}" if changed else "nothing changed")
    ctx.out({**asdict(now), "changed": changed}, _settings_text(now))
    return 0
