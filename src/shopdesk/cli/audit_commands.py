"""shopdesk audit: who changed what, when, from what to what (newest first, filtered)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import UTC, datetime, time

from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain
from shopdesk.domain.permissions import Permission
from shopdesk.services.audit import MONEY_FIELDS, AuditFilter, events


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser("audit", parents=[common], help="the audit trail: who changed what, when and why")
    cmd.add_argument(
        "--entity", help="product, order, case, purchase_order, stocktake, customer, supplier, location, user, setting"
    )
    cmd.add_argument("--id", type=int, dest="entity_id", help="one document's or product's id")
    cmd.add_argument("--user", help="only what this person did")
    cmd.add_argument("--action", help="created, edited, status, comment ...")
    cmd.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (inclusive)")
    cmd.add_argument("--until", metavar="YYYY-MM-DD", help="up to this day (exclusive)")
    cmd.add_argument("--limit", type=int, default=200)
    cmd.set_defaults(handler=show)


def _day(text: str | None, flag: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.combine(datetime.strptime(text, "%Y-%m-%d").date(), time(), tzinfo=UTC)
    except ValueError as exc:
        raise ShopDeskError(f"{flag} must be a date like 2026-11-23 (found {text!r})") from exc


def _shown(field: str, value: object, exponent: int) -> str:
    """A changed value as read: money in the shop's units (59.00, not 5900), nothing as —."""
    if value is None or value == "":
        return "—"
    if field in MONEY_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return format_plain(value, exponent)
    return repr(value)


def show(ctx: Context) -> int:
    args = ctx.args
    flt = AuditFilter(
        entity=args.entity,
        entity_id=args.entity_id,
        user=args.user,
        action=args.action,
        since=_day(args.since, "--since"),
        until=_day(args.until, "--until"),
    )
    shop = ctx.shop()
    found = events(shop.db, flt, limit=args.limit, personal=shop.can(Permission.VIEW_PERSONAL_DATA))
    lines = []
    for e in found:
        changes = ", ".join(
            f"{k}: {_shown(k, old, shop.money.exponent)} → {_shown(k, new, shop.money.exponent)}"
            for k, (old, new) in e.changes.items()
        )
        why = f" ({e.reason})" if e.reason else ""
        lines.append(
            f"{e.at:%Y-%m-%d %H:%M} {e.user:<12} {e.entity} {e.entity_label or e.entity_id} {e.action}{why}"
            + (f": {changes}" if changes else "")
        )
    ctx.out([asdict(e) for e in found], "\n".join(lines) or "no events")
    return 0
