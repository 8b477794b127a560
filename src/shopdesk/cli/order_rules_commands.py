"""shopdesk order rules: the review rules (审单规则), backorder policy and label phone masking, shown or changed."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services import order_review


def add_rules_action(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rules = actions.add_parser(
        "rules",
        parents=[common],
        help="the review rules (审单规则), backorder policy and label phone masking: show or change them",
        description="Without options, shows the settings. Options change them; all are saved together, or none "
        "when any value is wrong. Changed rules apply to orders confirmed from then on.",
    )
    rules.add_argument(
        "--burst",
        metavar="N:M:T",
        help="hold N or more orders to M or more addresses within T "
        "hours from one buyer or phone; off switches the rule off",
    )
    rules.add_argument("--high-value", metavar="AMOUNT", help="hold orders above this total; off: no limit")
    for flag, what in (("phone", "phone"), ("buyer", "buyer name")):
        rules.add_argument(
            f"--block-{flag}",
            action="append",
            default=[],
            metavar="TEXT",
            help=f"hold orders from this {what} (repeatable)",
        )
        rules.add_argument(
            f"--unblock-{flag}",
            action="append",
            default=[],
            metavar="TEXT",
            help=f"take this {what} off the blocked list (repeatable)",
        )
    for flag, what in (
        ("remark", "orders with a buyer remark"),
        ("incomplete-address", "orders whose address is incomplete or looks suspicious"),
        ("short-of-stock", "orders there is not enough stock for"),
    ):
        rules.add_argument(f"--{flag}", choices=_ON_OFF, help=f"hold {what}")
    rules.add_argument(
        "--backorders",
        choices=list(_BACKORDERS),
        help="when stock is short: ship what is there and "
        "let the rest wait as a backorder, or wait until all of it is there",
    )
    rules.add_argument("--mask-label-phones", choices=_ON_OFF, help="print phones as 138****5678 on labels")
    rules.set_defaults(handler=order_rules)


_ON_OFF = ("on", "off")
_BACKORDERS = {"ship-what-is-there": "ship_available", "wait": "wait"}
_BURST_RULE = "N:M:T, three whole numbers (orders, addresses, hours) like 3:2:24, or off"


def _burst(text: str) -> tuple[int, int, int]:
    if text.strip().lower() == "off":
        return 0, 0, 0
    parts = text.split(":")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValidationFailed([Problem("--burst", f"must be {_BURST_RULE}", text)], "Order rules not saved")
    orders, addresses, hours = (int(p) for p in parts)
    return orders, addresses, hours


def _changed_settings(
    args: argparse.Namespace, current: order_review.OrderSettings, exponent: int
) -> order_review.OrderSettings:
    rules = current.rules
    problems: list[Problem] = []
    if args.burst is not None:
        try:
            orders, addresses, hours = _burst(args.burst)
        except ValidationFailed as refused:
            problems += refused.problems
        else:
            if orders:
                rules = replace(rules, burst_orders=orders, burst_addresses=addresses, burst_hours=hours)
            else:
                rules = replace(rules, burst_orders=0)
    if args.high_value is not None:
        if args.high_value.strip().lower() == "off":
            rules = replace(rules, max_amount=None)
        else:
            try:
                rules = replace(rules, max_amount=parse_amount(args.high_value, exponent))
            except ValueError as exc:
                problems.append(Problem("--high-value", f"{exc}: an amount like 3000.00, or off", args.high_value))
    for name, blocked, unblocked in (
        ("blocked_phones", args.block_phone, args.unblock_phone),
        ("blocked_buyers", args.block_buyer, args.unblock_buyer),
    ):
        listed = set(getattr(rules, name))
        listed |= {x.strip() for x in blocked if x.strip()}
        listed -= {x.strip() for x in unblocked}
        rules = replace(rules, **{name: frozenset(listed)})
    for flag, name in (
        ("remark", "hold_on_remark"),
        ("incomplete_address", "check_address"),
        ("short_of_stock", "hold_on_shortage"),
    ):
        if getattr(args, flag) is not None:
            rules = replace(rules, **{name: getattr(args, flag) == "on"})
    if problems:
        raise ValidationFailed(problems, "Order rules not saved")
    return order_review.OrderSettings(
        rules,
        _BACKORDERS[args.backorders] if args.backorders else current.backorder_policy,
        current.mask_label_phones if args.mask_label_phones is None else args.mask_label_phones == "on",
    )


def _rules_json(settings: order_review.OrderSettings, exponent: int) -> dict[str, Any]:
    rules = order_review.rules_to_setting(settings.rules)
    if settings.rules.max_amount is not None:
        rules["max_amount_minor"] = settings.rules.max_amount
        rules["max_amount"] = format_plain(settings.rules.max_amount, exponent)
    backorders = {v: k for k, v in _BACKORDERS.items()}[settings.backorder_policy]
    return {"review_rules": rules, "backorders": backorders, "mask_label_phones": settings.mask_label_phones}


def _rules_text(settings: order_review.OrderSettings, exponent: int) -> str:
    r = settings.rules

    def on(value: bool) -> str:
        return "on" if value else "off"

    burst = f"{r.burst_orders}:{r.burst_addresses}:{r.burst_hours}" if r.burst_orders else "off"
    return "\n".join(
        (
            f"burst (orders:addresses:hours) {burst}",
            f"high value above              {'off' if r.max_amount is None else format_plain(r.max_amount, exponent)}",
            f"blocked phones                {', '.join(sorted(r.blocked_phones)) or '-'}",
            f"blocked buyers                {', '.join(sorted(r.blocked_buyers)) or '-'}",
            f"buyer remark                  {on(r.hold_on_remark)}",
            f"incomplete address            {on(r.check_address)}",
            f"short of stock                {on(r.hold_on_shortage)}",
            f"backorders                    {_rules_json(settings, exponent)['backorders']}",
            f"mask label phones             {on(settings.mask_label_phones)}",
        )
    )


def order_rules(ctx: Context) -> int:
    shop = ctx.shop()
    exponent = shop.money.exponent
    with shop.db.read() as conn:
        current = order_review.load_order_settings(conn)
    wanted = _changed_settings(ctx.args, current, exponent)
    if wanted != current:
        saved = order_review.save_order_settings(shop, wanted)
        if saved:
            ctx.info(f"saved: {', '.join(saved)}")
        with shop.db.read() as conn:
            current = order_review.load_order_settings(conn)
    ctx.out(_rules_json(current, exponent), _rules_text(current, exponent))
    return 0
