"""shopdesk case new | show | list | confirm | investigate | agree | start | await | resume | close | reopen |
comment | escalate | refund | receive-return | return-lost | attach | analysis | settings.

CASE is a case number (CS-000012, or just 12). Times are written as people do
("2026-11-25 18:00", the computer's local time, or ISO with a zone). Money is
typed as people write it ("12.50") in the shop's currency and printed the same
way; --json prints machine-readable results. The steps follow the process:
new → confirm → investigate → agree → start → (await → resume) → close; reopen.

Here the `case` command is built and cases are recorded and read (new, show, list,
attach, analysis); moving a case along its steps is in case_flow_commands.py, refunds
and returned goods in case_return_commands.py, the settings in case_settings_commands.py.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

from shopdesk.cli import case_flow_commands, case_return_commands, case_settings_commands
from shopdesk.cli.case_input import line_and_qty, time_arg
from shopdesk.cli.case_output import case_json, case_text, money, when
from shopdesk.cli.common import Context
from shopdesk.domain.aftersales import CaseChannel, CaseClass, Priority, SolutionType
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft
from shopdesk.services.aftersales_views import CaseFilter


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

    # In the order `shopdesk case --help` lists them: the steps, money and goods back, then evidence and analysis.
    case_flow_commands.add_flow_actions(actions, common)
    case_return_commands.add_return_actions(actions, common)

    attach = actions.add_parser("attach", parents=[common], help="add evidence files to a case")
    attach.add_argument("case", metavar="CASE")
    attach.add_argument("files", nargs="+", metavar="FILE")
    attach.set_defaults(handler=attach_evidence)

    analysis = actions.add_parser("analysis", parents=[common], help="complaints, returns per SKU, SLA; to Excel")
    analysis.add_argument("--from", dest="start", metavar="DATE", help="default: 30 days ago")
    analysis.add_argument("--to", dest="end", metavar="DATE", help="up to, not including (default: now)")
    analysis.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the workbook here")
    analysis.set_defaults(handler=case_analysis)

    case_settings_commands.add_settings_action(actions, common)


def new_case(ctx: Context) -> int:
    args, shop = ctx.args, ctx.shop()
    lines = [CaseLineDraft(*line_and_qty(text, "--line")) for text in args.line]
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
            opened_at=time_arg(args.opened, "--opened"),
            due_at=time_arg(args.due, "--due"),
            evidence=[Path(p) for p in args.evidence],
        )
    )
    if created.warning:
        ctx.info(f"warning: {created.warning}")
    data = {"number": created.number, "due_at": created.due_at, "warning": created.warning}
    ctx.out(data, f"{created.number} recorded, due {when(created.due_at)}")
    return 0


def show_case(ctx: Context) -> int:
    shop = ctx.shop()
    detail = shop.aftersales.get_case(ctx.args.case)
    ctx.out(case_json(shop, detail), case_text(shop, detail))
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
        f"{r.number}  {r.status:<17} {r.priority:<6} due {when(r.due_at)}{' OVERDUE' if r.overdue else '':<8} "
        f"{r.owner or '-':<12} {r.case_class}: {r.sub_reason}  {r.order_number}"
        for r in rows
    )
    ctx.out({"total": total, "cases": rows}, text + (f"\n({len(rows)} of {total})" if total > len(rows) else ""))
    return 0


def attach_evidence(ctx: Context) -> int:
    a = ctx.args
    added = ctx.shop().aftersales.add_evidence(a.case, [Path(f) for f in a.files])
    ctx.out({"case": a.case, "added": added}, f"{added} file(s) attached")
    return 0


def case_analysis(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    end = time_arg(a.end, "--to") or datetime.now().astimezone()
    start = time_arg(a.start, "--from") or end - timedelta(days=30)
    if a.output:
        path = shop.aftersales.export_analysis(Path(a.output), start, end)
        ctx.out({"file": path}, f"Analysis written to {path}")
        return 0
    result = shop.aftersales.analyse(start, end)
    data = asdict(result)
    data["refunded"] = money(shop, result.refunded)
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
