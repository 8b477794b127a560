"""One sync run with the online stores, as the app's scheduler and its "Sync now" button do it.

A run pulls each active store channel's orders and then sends that channel's
due outbox items. It acts as the channel ("sync:<channel>"), not as whoever is
logged in, so a computer where the accountant or warehouse staff is logged in
syncs like any other. Every channel is tried: one store that is down, refuses
its key or has no credentials, and any other failure of the run, is written
down as that channel's error (in its sync log and last error, which the sync
status shows) and the run goes on with the next. Nothing here
waits or retries by itself: the scheduler runs again after its interval, and
the outbox keeps its own backoff.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import keyring
from keyring.errors import KeyringError
from sqlalchemy import delete, func, select

from shopdesk.db.models import OutboxItem, SalesChannel, SyncLogEntry
from shopdesk.db.models.sync import StoreOrderProblem
from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services.sync import Sender, SyncService, log, store_sender
from shopdesk.services.sync_problems import open_problems
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

INTERVAL_SETTING = "sync_interval_minutes"  # shop setting: minutes between scheduled runs, 0 = off
logger = logging.getLogger(__name__)


@dataclass
class ChannelRun:
    """What one channel's sync did: orders created (our numbers), outbox items sent, and its error if any."""

    channel: str
    created: list[str] = field(default_factory=list)
    already: int = 0
    waiting: int = 0
    not_stored: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    error: str = ""


@dataclass(frozen=True)
class SyncStatus:
    """How syncing stands, for the status bar: how many store channels, when they last synced, what is wrong."""

    channels: int
    last_sync_at: datetime | None
    problems: list[str]  # one line per channel error and per dead outbox item
    pending: int
    interval_minutes: int


def store_channels(shop: Shop) -> list[str]:
    """The channels a sync run visits: active ones with an online store (file channels come in files)."""
    return [c.name for c in SyncService(shop).channels() if c.type != "file" and c.status == "active"]


def sync_channel(shop: Shop, name: str, *, sender: Sender = store_sender) -> ChannelRun:
    """Pull the channel's orders, then send its due outbox items; a failure is returned, not raised.

    When the pull fails (no network, a refused key) the outbox is not sent
    either: it would fail the same way and use up its items' attempts. Whatever
    fails is in the channel's sync log and last error afterwards.
    """
    service_shop = SyncService(shop).actor(name)  # the channel acts, whoever is logged in
    service = SyncService(service_shop)
    run = ChannelRun(name)
    try:
        store = service.open_store(name)
    except (ShopDeskError, SendFailed) as exc:
        run.error = str(exc)
        _note_failure(service_shop, name, run.error)
        return run
    try:
        pulled = service.pull_orders(name, store)
    except ShopDeskError as exc:  # pull_orders has written it to the sync log and the channel's last error
        run.error = str(exc)
        return run
    except Exception as exc:  # a bug must not stop the other channels; pull_orders has noted it in the log
        logger.exception("sync of %s failed", name)
        run.error = f"Sync with {name} stopped: {type(exc).__name__}: {exc}"
        return run
    finally:
        store.close()
    run.created, run.already = list(pulled.created), pulled.already
    run.waiting, run.not_stored = len(pulled.waiting), len(pulled.failed)
    try:
        sent = service.send_outbox(sender, channel=name)
    except Exception as exc:
        logger.exception("sending the outbox of %s failed", name)
        run.error = f"Sending to {name} stopped: {exc}"
        _note_failure(service_shop, name, run.error)
        return run
    run.sent, run.retrying, run.dead = sent.sent, sent.retrying, sent.dead
    return run


def sync_all(
    shop: Shop, *, sender: Sender = store_sender, between: Callable[[], None] | None = None
) -> list[ChannelRun]:
    """Sync every store channel in turn (see sync_channel); `between` is called before each (to stop early)."""
    runs = []
    for name in store_channels(shop):
        if between is not None:
            between()
        runs.append(sync_channel(shop, name, sender=sender))
    return runs


@dataclass(frozen=True)
class OutboxLine:
    """An outbox item as a list shows it: without its payload (a stock level list can name every SKU)."""

    id: int
    channel: str
    kind: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str


def outbox_lines(shop: Shop, state: str, limit: int = 500) -> list[OutboxLine]:
    """The oldest `limit` outbox items in one state (pending, dead), for the shop to look at."""
    with shop.db.read() as conn:
        rows = conn.execute(
            select(
                OutboxItem.id,
                SalesChannel.name,
                OutboxItem.kind,
                OutboxItem.state,
                OutboxItem.attempts,
                OutboxItem.next_attempt_at,
                OutboxItem.last_error,
            )
            .join(SalesChannel, SalesChannel.id == OutboxItem.channel_id)
            .where(OutboxItem.state == state)
            .order_by(OutboxItem.id)
            .limit(limit)
        ).all()
    return [OutboxLine(*row) for row in rows]


def sync_status(shop: Shop) -> SyncStatus:
    """The channels, their latest sync and their problems: errors of the last run, store orders waiting for
    a decision (accept or skip) and dead outbox items."""
    channels = [c for c in SyncService(shop).channels() if c.type != "file"]
    problems = [f"{c.name}: {c.last_error}" for c in channels if c.last_error]
    problems += [
        f"{p.channel}: order {p.order} was not imported ({p.problem}); accept or skip it" for p in open_problems(shop)
    ]
    problems += [f"{i.channel}: {i.kind} #{i.id}: {i.last_error or 'not sent'}" for i in outbox_lines(shop, "dead")]
    synced = [c.last_sync_at for c in channels if c.last_sync_at is not None]
    with shop.db.read() as conn:
        pending = conn.execute(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.state == "pending")
        ).scalar_one()
    return SyncStatus(
        channels=len(channels),
        last_sync_at=max(synced) if synced else None,
        problems=problems,
        pending=int(pending),
        interval_minutes=sync_interval(shop),
    )


def sync_interval(shop: Shop) -> int:
    """Minutes between scheduled runs while the app is open (0: no scheduled runs)."""
    try:
        return max(int(shop.setting(INTERVAL_SETTING)), 0)
    except (TypeError, ValueError):
        return 0


def set_sync_interval(shop: Shop, minutes: int) -> None:
    """Change the minutes between scheduled runs for everyone using the shop (0 turns them off)."""
    if not 0 <= minutes <= 24 * 60:
        raise ShopDeskError("Sync every 0 (off) to 1440 minutes.")
    shop.set_setting(INTERVAL_SETTING, minutes)


def replace_credentials(shop: Shop, name: str, key: str, secret: str = "") -> None:
    """Give a channel a new API key and secret (the old one was revoked or expired); kept in the keyring only."""
    shop.require(Permission.MANAGE_SHOP, "change a sales channel")
    channel = SyncService(shop).channel(name)
    if not key.strip():
        raise ValidationFailed([Problem("key", "the store's API key is required")], "The key was not changed")
    credentials.store(channel.name, credentials.Credentials(key.strip(), secret.strip()))
    with shop.db.uow() as uow:
        log(uow.session, channel.id, "channel", "ok", f"new credentials given by {shop.user}")
        uow.commit()


def pause_channel(shop: Shop, name: str, paused: bool) -> None:
    """Stop syncing a channel for a while (paused), or start again (active); its outbox waits meanwhile."""
    shop.require(Permission.MANAGE_SHOP, "change a sales channel")
    channel_id = SyncService(shop).channel(name).id
    with shop.db.uow() as uow:
        channel = uow.session.get(SalesChannel, channel_id)
        assert channel is not None
        channel.status = "paused" if paused else "active"
        log(uow.session, channel_id, "channel", "ok", f"{channel.status} by {shop.user}")
        uow.commit()


def remove_channel(shop: Shop, name: str) -> None:
    """Remove a channel: its outbox, its sync log and its credentials go; the orders it brought stay."""
    shop.require(Permission.MANAGE_SHOP, "remove a sales channel")
    found = SyncService(shop).channel(name)
    channel_id = found.id
    with shop.db.uow() as uow:
        channel = uow.session.get(SalesChannel, channel_id)
        assert channel is not None
        uow.session.execute(delete(OutboxItem).where(OutboxItem.channel_id == channel_id))
        uow.session.execute(delete(SyncLogEntry).where(SyncLogEntry.channel_id == channel_id))
        uow.session.execute(delete(StoreOrderProblem).where(StoreOrderProblem.channel_id == channel_id))
        uow.session.delete(channel)
        uow.commit()
    # After the commit: a keyring that fails must not keep a channel the shop removed. Nothing kept for
    # it, or a keyring out of reach, leaves an entry nobody uses (adding the name again overwrites it).
    with contextlib.suppress(KeyringError):
        keyring.delete_password(credentials.SERVICE, f"channel:{found.name}")


def _note_failure(shop: Shop, name: str, error: str) -> None:
    """A run that could not even start for a channel (no credentials...) shows like a failed pull."""
    channel_id = SyncService(shop).channel(name).id
    with shop.db.uow() as uow:
        channel = uow.session.get(SalesChannel, channel_id)
        if channel is not None:
            channel.last_error = error[:500]
            log(uow.session, channel_id, "sync", "failed", error)
        uow.commit()
