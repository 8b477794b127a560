"""The `shopdesk` command: the app by default, and commands for scripts and the accountant.

Every command takes --db PATH|URL and --json; errors go to stderr with exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from shopdesk import __version__

if TYPE_CHECKING:
    from shopdesk.cli.common import Context


def command_modules() -> list[ModuleType]:
    # Loaded for a command only: they pull in SQLAlchemy and the services, which opening
    # the app must not wait for (it shows its window first; benchmarks/bench_startup.py).
    from shopdesk.cli import (
        audit_commands,
        case_commands,
        customer_commands,
        db_commands,
        demo_commands,
        fulfilment_commands,
        io_commands,
        order_commands,
        privacy_commands,
        purchase_commands,
        report_commands,
        stock_commands,
        stocktake_commands,
        supplier_commands,
        sync_commands,
    )

    return [
        db_commands,
        demo_commands,
        io_commands,
        stock_commands,
        case_commands,
        purchase_commands,
        supplier_commands,
        stocktake_commands,
        order_commands,
        customer_commands,
        fulfilment_commands,
        report_commands,
        privacy_commands,
        audit_commands,
        sync_commands,
    ]


def build_parser() -> argparse.ArgumentParser:
    from shopdesk.cli.common import common_options

    common = common_options()
    parser = argparse.ArgumentParser(
        prog="shopdesk",
        description="ShopDesk, the back office of a small shop. With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ShopDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the app (the default)")
    gui.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="close the window this long after the shop has opened (smoke tests of installed bundles)",
    )
    gui.set_defaults(handler=_run_gui)
    for module in command_modules():
        module.register(sub, common)
    return parser


def _run_gui(ctx: Context) -> int:
    from shopdesk.app import run_gui

    return run_gui(getattr(ctx.args, "db", None), quit_after=getattr(ctx.args, "quit_after", None))


def _app_only(argv: list[str]) -> tuple[str | None] | None:
    """(database,) when the arguments only open the app: [gui] [--db PATH|URL]; else None."""
    rest = list(argv)
    if "gui" in rest:
        rest.remove("gui")
    if not rest:
        return (None,)
    if len(rest) == 2 and rest[0] == "--db":
        return (rest[1],)
    if len(rest) == 1 and rest[0].startswith("--db="):
        return (rest[0].removeprefix("--db="),)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app_only = _app_only(argv)
    if app_only is not None:
        from shopdesk.app import run_gui

        return run_gui(*app_only)
    from shopdesk.cli.common import run_command

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", _run_gui)
    try:
        return run_command(handler, args, stdout=sys.stdout, stderr=sys.stderr)
    except BrokenPipeError:
        # `shopdesk stock low | head`: the reader stopped listening, which is no error of ours.
        # Point stdout at nothing so the interpreter's own flush at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
