"""The `shopdesk` command: the app by default, and commands for scripts and the accountant.

Every command takes --db PATH|URL and --json; errors go to stderr with exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from shopdesk import __version__
from shopdesk.cli import (
    case_commands,
    db_commands,
    demo_commands,
    fulfilment_commands,
    io_commands,
    purchase_commands,
    stock_commands,
    stocktake_commands,
)
from shopdesk.cli.common import Context, common_options, run_command

# purchase_commands after stock_commands: it adds reorder, low and levels to `stock`.
COMMAND_MODULES = [db_commands, demo_commands, io_commands, stock_commands, purchase_commands, stocktake_commands, case_commands, fulfilment_commands]


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="shopdesk",
        description="ShopDesk, the back office of a small shop. With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ShopDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the app (the default)")
    gui.set_defaults(handler=_run_gui)
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _run_gui(ctx: Context) -> int:
    from shopdesk.app import run_gui

    return run_gui(ctx.args.db)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", _run_gui)
    return run_command(handler, args, stdout=sys.stdout, stderr=sys.stderr)
