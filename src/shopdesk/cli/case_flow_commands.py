"""shopdesk case confirm | investigate | await | resume | agree | start | close | reopen | comment | escalate:
a case moved along its steps, one case at a time."""

from __future__ import annotations

import argparse

from shopdesk.cli.case_input import amount_arg, line_and_qty, time_arg
from shopdesk.cli.case_output import step_out
from shopdesk.cli.common import Context
from shopdesk.domain.aftersales import Closing, Priority, SolutionType
from shopdesk.services.aftersales import Solution


def add_flow_actions(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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


def confirm_case(ctx: Context) -> int:
    a = ctx.args
    return step_out(ctx, ctx.shop().aftersales.confirm(a.case, a.note, at=time_arg(a.at, "--at")))


def investigate_case(ctx: Context) -> int:
    a = ctx.args
    return step_out(ctx, ctx.shop().aftersales.investigate(a.case, a.note, at=time_arg(a.at, "--at")))


def await_case(ctx: Context) -> int:
    a = ctx.args
    return step_out(ctx, ctx.shop().aftersales.await_customer(a.case, a.note, at=time_arg(a.at, "--at")))


def resume_case(ctx: Context) -> int:
    a = ctx.args
    return step_out(ctx, ctx.shop().aftersales.resume(a.case, a.note, at=time_arg(a.at, "--at")))


def agree_case(ctx: Context) -> int:
    a, shop = ctx.args, ctx.shop()
    solution = Solution(
        a.type, amount_arg(shop, a.amount, "--amount"), a.owner, time_arg(a.deadline, "--deadline"), a.note
    )
    return step_out(
        ctx, shop.aftersales.agree_solution(a.case, solution, window_override=a.override, at=time_arg(a.at, "--at"))
    )


def start_case(ctx: Context) -> int:
    a = ctx.args
    send = [(str(line), qty) for line, qty in (line_and_qty(t, "--send") for t in a.send)] or None
    return step_out(ctx, ctx.shop().aftersales.start(a.case, a.note, replacement=send, at=time_arg(a.at, "--at")))


def close_case(ctx: Context) -> int:
    a = ctx.args
    closing = Closing(result_told=bool(a.told.strip()), satisfaction=a.score, no_followup_reason=a.no_followup or "")
    return step_out(ctx, ctx.shop().aftersales.close(a.case, closing, a.told, at=time_arg(a.at, "--at")))


def reopen_case(ctx: Context) -> int:
    a = ctx.args
    return step_out(ctx, ctx.shop().aftersales.reopen(a.case, a.reason, at=time_arg(a.at, "--at")))


def comment_case(ctx: Context) -> int:
    a = ctx.args
    shop = ctx.shop()
    shop.aftersales.comment(a.case, a.text, at=time_arg(a.at, "--at"))
    number = shop.aftersales.get_case(a.case).number
    ctx.out({"number": number, "comment": a.text}, f"{number}: comment added")
    return 0


def escalate_case(ctx: Context) -> int:
    a = ctx.args
    result = ctx.shop().aftersales.escalate(
        a.case, priority=a.priority, owner=a.owner, reason=a.reason, at=time_arg(a.at, "--at")
    )
    return step_out(ctx, result)
