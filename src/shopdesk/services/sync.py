"""Sales channels (online stores): adding and testing them, pulling their orders, and their outbox.

A change for a store (a stock level, a shipment) is written to sync_outbox
inside the unit of work that makes the change (services/sync_outbox.py does it
by itself for stock moves and shipments; `enqueue` for anything else), so it is
sent if and only if the change was committed. Sending, retries and dead letters
are in services/sync_sending.py; store-side changes of imported orders in
services/sync_changes.py. SyncService is the one entry point for all of it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import select

from shopdesk.db.models import SalesChannel, SyncLogEntry
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import currency_exponent
from shopdesk.domain.order_draft import normalize_channel
from shopdesk.services import channels as sku_links
from shopdesk.services.orders import OrderWriter
from shopdesk.services.sync_changes import StoreChanges, apply_store_changes
from shopdesk.services.sync_outbox import available_levels
from shopdesk.services.sync_sending import (
    MAX_ATTEMPTS,
    OUTBOX_KINDS,
    ChannelView,
    OutboxRun,
    OutboxSending,
    OutboxView,
    Sender,
    _channel_view,
    enqueue,
    log,
    store_sender,
)
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed, StoreClient
from shopdesk.sync.store import Store, StoreOrder, open_store
from shopdesk.sync.woocommerce import WooCommerceStore

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

CHANNEL_TYPES = ("woocommerce", "shopify", "file")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Orders changed just before the last cursor are asked for again: a store's clock and its
# commits are not exact to the second. Seen ones are imported once (channel order number).
OVERLAP = timedelta(minutes=5)
# Kept importable from here (the UI, the CLI and the tests do): SyncService is the sync's front door.
__all__ = [
    "CHANNEL_TYPES",
    "MAX_ATTEMPTS",
    "OUTBOX_KINDS",
    "ChannelView",
    "OutboxRun",
    "OutboxView",
    "PullResult",
    "Sender",
    "SyncService",
    "check_store_url",
    "enqueue",
    "log",
    "store_sender",
]


@dataclass
class PullResult:
    channel: str
    created: list[str] = field(default_factory=list)  # our numbers
    already: int = 0  # imported before (or seen twice in this pull)
    waiting: list[str] = field(default_factory=list)  # their numbers, waiting for SKU links
    skipped: list[str] = field(default_factory=list)  # their numbers: cancelled, failed, refunded on the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (their number, why): asked for again next time
    cursor: str = ""
    dry_run: bool = False
    # Store-side changes of orders imported before (services/sync_changes.py); our numbers.
    cancelled: list[str] = field(default_factory=list)  # cancelled here because the store cancelled them
    held: list[str] = field(default_factory=list)  # on hold for review: address or lines edited on the store
    attention: list[tuple[str, str]] = field(default_factory=list)  # (our number, what a person must look at)
    refunds: int = 0  # refunds made on the store, recorded against their orders


def check_store_url(url: str, channel_type: str) -> str:
    """The store's base URL, refused when key authentication would travel in clear text."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationFailed(
            [Problem("url", "give the store's address like https://shop.example.com", url)], "Wrong store URL"
        )
    if parts.scheme == "http" and not _is_local(parts.hostname):
        raise ValidationFailed(
            [
                Problem(
                    "url",
                    f"{channel_type} keys would be sent unencrypted over http://, where anyone on the way can read "
                    "them; use the store's https:// address (plain http is only accepted for localhost)",
                    url,
                )
            ],
            "Wrong store URL",
        )
    return url


def _is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SyncService(OutboxSending):
    def __init__(self, shop: Shop):
        self.shop = shop
        self.db = shop.db

    # Channels -----------------------------------------------------------------------
    def add_channel(
        self, name: str, channel_type: str, url: str, key: str, secret: str = "", *, buffer: int = 0
    ) -> ChannelView:
        """Add an online store: its URL and buffer in the database, its key and secret in the OS keyring."""
        name = normalize_channel(name)
        problems = []
        if not name or len(name) > 32:
            problems.append(Problem("name", "a channel name is 1 to 32 letters, digits and . _ -", name))
        if channel_type not in CHANNEL_TYPES:
            problems.append(Problem("type", f"the type is one of {', '.join(CHANNEL_TYPES)}", channel_type))
        if buffer < 0:
            problems.append(Problem("buffer", "the buffer is a number of units, 0 or more", str(buffer)))
        if channel_type != "file" and not key.strip():
            problems.append(Problem("key", "the store's API key is required"))
        if problems:
            raise ValidationFailed(problems, "The channel cannot be added")
        store_url = check_store_url(url, channel_type) if channel_type != "file" else ""
        with self.db.uow() as uow:
            if uow.session.scalar(select(SalesChannel.id).where(SalesChannel.name == name)) is not None:
                raise Conflict(f"A channel named {name} exists already.")
            channel = SalesChannel(name=name, type=channel_type, store_url=store_url, buffer=buffer)
            uow.session.add(channel)
            uow.session.flush()
            if channel_type != "file":
                # Kept before the commit: a channel row without its credentials would be useless.
                credentials.store(name, credentials.Credentials(key.strip(), secret.strip()))
            log(uow.session, channel.id, "channel", "ok", f"added {channel_type} channel {store_url}")
            uow.commit()
            return _channel_view(channel)

    def channels(self) -> list[ChannelView]:
        with self.db.uow() as uow:
            return [_channel_view(c) for c in uow.session.scalars(select(SalesChannel).order_by(SalesChannel.name))]

    def channel(self, name: str) -> ChannelView:
        with self.db.uow() as uow:
            found = uow.session.scalar(select(SalesChannel).where(SalesChannel.name == normalize_channel(name)))
            if found is None:
                raise NotFound(f"No channel named {name}.")
            return _channel_view(found)

    def sync_log(self, name: str, limit: int = 50) -> list[tuple[datetime, str, str, str]]:
        """The channel's latest sync log entries, newest first: (when, action, outcome, detail)."""
        channel = self.channel(name)
        with self.db.read() as conn:
            rows = conn.execute(
                select(SyncLogEntry.at, SyncLogEntry.action, SyncLogEntry.outcome, SyncLogEntry.detail)
                .where(SyncLogEntry.channel_id == channel.id)
                .order_by(SyncLogEntry.id.desc())
                .limit(limit)
            ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def open_store(self, name: str, **options: Any) -> Store:
        """The store of a channel, with its credentials from the keyring (options: timeout=...)."""
        channel = self.channel(name)
        if channel.type == "file":
            raise ShopDeskError(f"{channel.name} is a file channel: its orders come in files (import orders).")
        return open_store(channel.type, channel.store_url, credentials.load(channel.name), **options)

    def test_connection(self, name: str) -> str:
        """Ask the channel's store who it is; the answer (or why it failed) goes to the sync log too."""
        channel = self.channel(name)
        store = self.open_store(channel.name, timeout=15)
        try:
            answer = store.check()
        except SendFailed as failure:
            self._note(channel.id, "test connection", "failed", str(failure), error=str(failure))
            raise ShopDeskError(f"{channel.name}: {failure}.") from failure
        finally:
            store.close()
        self._note(channel.id, "test connection", "ok", answer, error="")
        return answer

    def _note(self, channel_id: int, action: str, outcome: str, detail: str, *, error: str) -> None:
        with self.db.uow() as uow:
            channel = uow.session.get(SalesChannel, channel_id)
            assert channel is not None
            channel.last_error = error[:500]
            log(uow.session, channel_id, action, outcome, detail)
            uow.commit()

    # Orders ---------------------------------------------------------------------------
    def pull_orders(self, name: str, client: Store | StoreClient, *, dry_run: bool = False) -> PullResult:
        """Import the orders the store changed since the cursor (less the overlap), each once.

        The cursor moves only over orders that are stored (created, imported
        before, waiting for SKU links, or skipped as cancelled): it stops before
        the first order that could not be stored (another currency...), which is
        then asked for again by the next pull. A failing store keeps the cursor
        where the stored orders brought it and raises the store's error.

        An order imported before and changed on the store since (cancelled,
        edited, refunded) is brought here as services/sync_changes.py says; a
        dry run only counts it as known.
        """
        channel = self.channel(name)
        cursor = datetime.fromisoformat(channel.cursor) if channel.cursor else None
        since = cursor - OVERLAP if cursor else datetime(1970, 1, 1, tzinfo=UTC)
        exponent = currency_exponent(str(self.shop.setting("currency")))
        result = PullResult(channel.name, dry_run=dry_run)
        blocked = False
        store: Store = WooCommerceStore(client) if isinstance(client, StoreClient) else client
        try:
            for order in store.orders_changed_since(since, exponent):
                stored = self._store(channel.name, order, result, dry_run)
                blocked = blocked or not stored
                if not blocked and (cursor is None or order.modified > cursor):
                    cursor = order.modified
        except SendFailed as failure:
            self._finish_pull(channel.id, cursor, result, str(failure))
            raise ShopDeskError(f"Sync with {channel.name} stopped: {failure}.") from failure
        self._finish_pull(channel.id, cursor, result, "")
        return result

    def _store(self, channel: str, order: StoreOrder, result: PullResult, dry_run: bool) -> bool:
        draft = order.draft
        with self.db.uow() as uow:
            if draft is not None:
                draft.channel = channel
                sku_links.apply_links(uow.session, draft)
            number = OrderWriter(uow.session, self.shop).existing_number(channel, order.id)
        if number is not None:
            if not dry_run:
                self._apply_changes(channel, number, order, result)
            result.already += 1
            return True
        if draft is None:
            result.skipped.append(order.id)
            return True
        with self.db.uow() as uow:
            if dry_run:
                writer = OrderWriter(uow.session, self.shop)
                problems = writer.check(draft)[1]
                codes, rest = sku_links.unknown_codes(problems, draft)
                if rest:
                    result.failed.append((order.id, "; ".join(str(p) for p in rest)[:300]))
                    return False
                (result.waiting if codes else result.created).append(order.id)
                return True
        try:
            [created] = self.shop.orders.create_orders(
                [draft], confirm=True, skip_imported=True, reason=f"pulled from {channel}"
            )
        except ValidationFailed as exc:
            codes, rest = sku_links.unknown_codes(exc.problems, draft)
            if rest:
                result.failed.append((order.id, "; ".join(str(p) for p in rest)[:300]))
                return False
            sku_links.put_on_wait(self.shop, [(draft, codes)], f"pulled from {channel}")
            result.waiting.append(order.id)
            return True
        if created.created:
            result.created.append(created.number)
            if order.refunds:
                self._apply_changes(channel, created.number, order, result)
        else:
            result.already += 1
        return True

    def _apply_changes(self, channel: str, number: str, order: StoreOrder, result: PullResult) -> None:
        changes = StoreChanges()
        apply_store_changes(self.shop, channel, number, order, changes)
        result.cancelled += changes.cancelled
        result.held += changes.held
        result.attention += changes.attention
        result.refunds += changes.refunds

    def _finish_pull(self, channel_id: int, cursor: datetime | None, result: PullResult, error: str) -> None:
        result.cursor = cursor.isoformat() if cursor else ""
        if result.dry_run:
            return
        with self.db.uow() as uow:
            channel = uow.session.get(SalesChannel, channel_id)
            assert channel is not None
            channel.cursor, channel.last_sync_at, channel.last_error = result.cursor, utcnow(), error[:500]
            detail = (
                f"{len(result.created)} new, {result.already} known, {len(result.waiting)} waiting for SKU links, "
                f"{len(result.skipped)} cancelled, {len(result.failed)} not stored"
                + (f", {len(result.cancelled)} cancelled here as on the store" if result.cancelled else "")
                + (f", {len(result.held)} held for review" if result.held else "")
                + (f", {result.refunds} refund(s) recorded" if result.refunds else "")
                + "".join(f"; order {n}: {why}" for n, why in result.failed)
                + "".join(f"; {n} needs attention: {why}" for n, why in result.attention)
            )
            log(uow.session, channel_id, "pull orders", "failed" if error else "ok", (error + " " + detail).strip())
            uow.commit()

    def queue_stock_levels(self, name: str) -> int:
        """Put the available stock of every product (on hand − reserved − the channel's buffer, never below 0)
        in the outbox for the channel, in one transaction; returns the outbox item's id."""
        channel = self.channel(name)
        with self.db.uow() as uow:
            available = available_levels(uow.session)
            levels = {sku: max(qty - channel.buffer, 0) for sku, qty in available.items()}
            item_id = enqueue(uow.session, channel.name, "stock", {"levels": levels})
            uow.commit()
            return item_id
