"""shopdesk case settings: the shop's after-sales settings (售后设置), shown or changed from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace

from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.aftersales_settings import AftersalesSettings

MB = 1024 * 1024  # evidence sizes are typed and shown in MB


def add_settings_action(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
