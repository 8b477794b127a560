"""shopdesk db upgrade | check."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import Context
from shopdesk.domain.permissions import Permission
from shopdesk.services import maintenance


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", parents=[common], help="create, upgrade and check the database")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("upgrade", parents=[common], help="create or migrate the schema").set_defaults(handler=upgrade)
    actions.add_parser("check", parents=[common], help="integrity and consistency checks").set_defaults(handler=check)
    backup_cmd = actions.add_parser("backup", parents=[common], help="copy the shop file (safe while in use)")
    backup_cmd.add_argument("file", type=Path, help="backup file or folder")
    backup_cmd.set_defaults(handler=backup)
    restore_cmd = actions.add_parser("restore", parents=[common], help="replace the shop with a backup")
    restore_cmd.add_argument("file", type=Path, help="a backup made by `shopdesk db backup`")
    restore_cmd.set_defaults(handler=restore)


def upgrade(ctx: Context) -> int:
    result = maintenance.upgrade(ctx.database)
    if result.backup:
        ctx.info(f"Backed up the database before upgrading it: {result.backup}")
    text = (
        f"Upgraded {result.where} from {result.from_revision or 'empty'} to {result.to_revision}"
        if result.changed
        else f"{result.where} is up to date ({result.to_revision})"
    )
    ctx.out(
        {
            "from": result.from_revision,
            "to": result.to_revision,
            "backup": str(result.backup) if result.backup else None,
        },
        text,
    )
    return 0


def check(ctx: Context) -> int:
    report = maintenance.check(ctx.database)
    text = "\n".join([f"checked: {', '.join(report.checked)}", *(f"PROBLEM: {p}" for p in report.problems)])
    text += "\nok" if report.ok else f"\n{len(report.problems)} problem(s)"
    ctx.out({"ok": report.ok, "checked": report.checked, "problems": report.problems}, text)
    return 0 if report.ok else 1


def backup(ctx: Context) -> int:
    made = maintenance.backup(ctx.database, ctx.args.file)
    ctx.out({"backup": str(made)}, f"Backed up to {made}")
    return 0


def restore(ctx: Context) -> int:
    shop = ctx.logged_in_if_a_shop()
    if shop is not None:  # replacing a working shop is the owner's call when people log in
        try:
            shop.require(Permission.MANAGE_SHOP, "restore a backup over the shop")
        finally:
            shop.close()
    kept = maintenance.restore(ctx.database, ctx.args.file)
    text = f"Restored {ctx.args.file}"
    if kept:
        text += f"; the replaced database was kept as {kept}"
    ctx.out({"restored": str(ctx.args.file), "kept": str(kept) if kept else None}, text)
    return 0
