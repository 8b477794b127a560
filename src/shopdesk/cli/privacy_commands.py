"""shopdesk privacy export|erase CUSTOMER_ID: one customer's personal data."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import Context
from shopdesk.services.privacy import Privacy


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    privacy = sub.add_parser("privacy", parents=[common], help="export or erase one customer's personal data")
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[common], help="write everything kept about a customer (JSON)")
    export.add_argument("customer", type=int, help="customer id")
    export.add_argument("-o", "--output", type=Path, required=True, help="JSON file to write")
    export.set_defaults(handler=export_customer)
    erase = actions.add_parser("erase", parents=[common], help="anonymise a customer, keeping the order figures")
    erase.add_argument("customer", type=int, help="customer id")
    erase.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    erase.set_defaults(handler=erase_customer)


def export_customer(ctx: Context) -> int:
    written = Privacy(ctx.shop()).export_customer_file(ctx.args.customer, ctx.args.output)
    ctx.out({"written": str(written)}, f"Wrote {written}")
    return 0


def erase_customer(ctx: Context) -> int:
    if not ctx.args.yes:
        ctx.info("Erasing cannot be undone: add --yes to confirm.")
        return 1
    result = Privacy(ctx.shop()).erase_customer(ctx.args.customer, ctx.args.reason)
    ctx.out(
        vars(result),
        f"Erased customer {result.customer_id}: {result.orders} order(s) anonymised, {result.cases} case(s), "
        f"{result.evidence_files} evidence file(s) removed",
    )
    return 0
