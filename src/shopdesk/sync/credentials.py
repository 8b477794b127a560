"""A channel's API key and secret in the operating system's keyring (never the database, settings or logs)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import keyring
from keyring.errors import KeyringError

from shopdesk.domain.errors import ShopDeskError

SERVICE = "ShopDesk store sync"


@dataclass(frozen=True)
class Credentials:
    key: str
    secret: str = ""

    def __repr__(self) -> str:  # never shows the secret in a log or traceback
        return "Credentials(key=***, secret=***)"


def _account(channel: str) -> str:
    return f"channel:{channel}"


def store(channel: str, credentials: Credentials) -> None:
    try:
        keyring.set_password(SERVICE, _account(channel), json.dumps([credentials.key, credentials.secret]))
    except KeyringError as exc:
        raise ShopDeskError(f"The system keyring did not keep the credentials of {channel}: {exc}.") from exc


def load(channel: str) -> Credentials:
    try:
        kept = keyring.get_password(SERVICE, _account(channel))
    except KeyringError as exc:
        raise ShopDeskError(f"The system keyring cannot be read for {channel}: {exc}.") from exc
    if kept is None:
        raise ShopDeskError(f"No credentials for channel {channel} in the system keyring; add the channel again.")
    key, secret = json.loads(kept)
    return Credentials(key, secret)
