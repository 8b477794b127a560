"""What every command shares: --db, --json and --login, opening the shop, printing, errors."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from shopdesk.config import resolve_database
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.shop import Shop
from shopdesk.services.users import Users

log = logging.getLogger(__name__)

USER_ENV = "SHOPDESK_USER"
PIN_ENV = "SHOPDESK_PIN"  # the PIN is never an argument: it would stay in the shell history and in `ps`


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a value given before the command is not reset by the command's own parser.
    common.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="SQLite file or postgresql+psycopg:// URL (default: settings, then SHOPDESK_DB)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON")
    common.add_argument(
        "--login",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=f"who you are, when the shop has users (default: {USER_ENV}); "
        f"the PIN is asked for, or read from {PIN_ENV}",
    )
    return common


class Context:
    def __init__(self, args: argparse.Namespace, stdout: TextIO, stderr: TextIO):
        self.args = args
        self.stdout = stdout
        self.stderr = stderr
        self.json = bool(getattr(args, "json", False))
        self._shop: Shop | None = None

    @property
    def database(self) -> str:
        return resolve_database(getattr(self.args, "db", None))

    def shop(self) -> Shop:
        """The shop, created or migrated on first use; a backup before migrating is announced.

        With users switched on, the person must log in first (--login NAME and a PIN)
        and then acts in their role; without users, as the owner.
        """
        if self._shop is None:
            self._shop, result = Shop.open(self.database)
            if result and result.backup:
                self.info(f"Backed up the database before upgrading it: {result.backup}")
            self._log_in(self._shop)
        return self._shop

    def logged_in_if_a_shop(self) -> Shop | None:
        """The shop with its person logged in, or None when the database cannot be opened as a shop
        (damaged, foreign, unreachable): then there is no one to ask, as for `db restore` over it."""
        try:
            shop, _ = Shop.open(self.database)
        except ShopDeskError:
            return None
        try:
            self._log_in(shop)
        except BaseException:
            shop.close()
            raise
        return shop

    def _log_in(self, shop: Shop) -> None:
        name = (getattr(self.args, "login", None) or os.environ.get(USER_ENV, "")).strip()
        users = Users(shop)
        if not users.enabled():
            if getattr(self.args, "login", None):
                self.info(f"This shop has no users: --login is not needed, you act as its owner ({shop.user}).")
            return
        if not name:
            raise ShopDeskError(
                "This shop has users switched on: say who you are with --login NAME (or set "
                f"{USER_ENV}); you are asked for your PIN, or a script sets {PIN_ENV}."
            )
        pin = os.environ.get(PIN_ENV)
        if pin is None:
            if not sys.stdin.isatty():
                raise ShopDeskError(f"No PIN for {name}: type it when asked (in a terminal), or set {PIN_ENV}.")
            pin = getpass.getpass(f"PIN for {name}: ")
        person = users.login(name, pin)  # wrong PINs make the next try wait, as in the app
        shop.log_in(person.name, person.role)

    def info(self, text: str) -> None:
        """Progress and notes go to stderr, so --json output stays parseable."""
        print(text, file=self.stderr)

    def out(self, value: Any, text: str | None = None) -> None:
        if self.json:
            json.dump(value, self.stdout, ensure_ascii=False, indent=2, default=_json_default)
            self.stdout.write("\n")
        else:
            print(text if text is not None else value, file=self.stdout)

    def close(self) -> None:
        if self._shop is not None:
            self._shop.close()


def _json_default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def run_command(
    handler: Callable[[Context], int | None], args: argparse.Namespace, stdout: TextIO, stderr: TextIO
) -> int:
    ctx = Context(args, stdout, stderr)
    try:
        return handler(ctx) or 0
    except ValidationFailed as exc:
        print(f"error: {exc.headline}", file=stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=stderr)
        return 1
    except ShopDeskError as exc:
        print(f"error: {exc}", file=stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped: what was in progress was not saved.", file=stderr)
        return 130
    finally:
        ctx.close()
