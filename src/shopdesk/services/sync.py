"""Sales channels (online stores), the outbox of changes to send them, and the sync log.

A change for a store (a stock level, a shipment) is written to sync_outbox by
`enqueue` inside the unit of work that makes the change, so it is sent if and
only if the change was committed. `send_outbox` sends what is due, one item at
a time: sent items are marked sent; a failure a retry can help (no answer,
429, 5xx) waits with exponential backoff and at least the store's Retry-After;
a refused request (401, 404, other 4xx) or the N-th failure makes the item
dead. Dead items stay listed until the user retries or drops them. Every
attempt is written to the channel's sync log, without credentials.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import OutboxItem, SalesChannel, SyncLogEntry
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import currency_exponent
from shopdesk.domain.order_draft import normalize_channel
from shopdesk.services import channels as sku_links
from shopdesk.services.orders import OrderWriter
from shopdesk.services.sync_changes import StoreChanges, apply_store_changes
from shopdesk.services.sync_outbox import available_levels
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed, StoreClient, retry_delay
from shopdesk.sync.store import Store, StoreOrder, open_store
from shopdesk.sync.woocommerce import WooCommerceStore

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

CHANNEL_TYPES = ("woocommerce", "shopify", "file")
MAX_ATTEMPTS = 8
OUTBOX_KINDS = ("stock", "shipment")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Orders changed just before the last cursor are asked for again: a store's clock and its
# commits are not exact to the second. Seen ones are imported once (channel order number).
OVERLAP = timedelta(minutes=5)

Sender = Callable[["ChannelView", "OutboxView"], None]  # raises SendFailed when the store does not take it


@dataclass(frozen=True)
class ChannelView:
    id: int
    name: str
    type: str
    store_url: str
    buffer: int
    status: str
    cursor: str
    last_sync_at: datetime | None
    last_error: str


@dataclass(frozen=True)
class OutboxView:
    id: int
    channel: str
    kind: str
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str


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


@dataclass
class OutboxRun:
    sent: int = 0  # items
    retrying: int = 0
    dead: int = 0
    store_calls: int = 0  # a channel's due stock items go in one call


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


class SyncService:
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

    # Outbox ---------------------------------------------------------------------------
    def outbox(self, state: str | None = None) -> list[OutboxView]:
        """Outbox items (all, or those in one state: pending, sent, dead), oldest first."""
        with self.db.uow() as uow:
            query = select(OutboxItem, SalesChannel.name).join(SalesChannel, SalesChannel.id == OutboxItem.channel_id)
            if state is not None:
                query = query.where(OutboxItem.state == state)
            return [_outbox_view(item, name) for item, name in uow.session.execute(query.order_by(OutboxItem.id))]

    def retry(self, item_id: int) -> None:
        """Send a dead item again: it starts over with its attempts counted from zero."""
        with self.db.uow() as uow:
            item = self._item(uow.session, item_id)
            if item.state != "dead":
                raise Conflict(f"Outbox item {item_id} is {item.state}; only a dead item can be retried.")
            item.state, item.attempts, item.next_attempt_at = "pending", 0, utcnow()
            log(uow.session, item.channel_id, item.kind, "retry", f"item {item_id} retried by {self.shop.user}")
            uow.commit()

    def drop(self, item_id: int) -> None:
        """Give up a dead item: it is not sent (the store keeps what it has)."""
        with self.db.uow() as uow:
            item = self._item(uow.session, item_id)
            if item.state != "dead":
                raise Conflict(f"Outbox item {item_id} is {item.state}; only a dead item can be dropped.")
            log(uow.session, item.channel_id, item.kind, "dropped", f"item {item_id} dropped by {self.shop.user}")
            uow.session.delete(item)
            uow.commit()

    def _item(self, session: Session, item_id: int) -> OutboxItem:
        item = session.get(OutboxItem, item_id)
        if item is None:
            raise NotFound(f"No outbox item {item_id}.")
        return item

    def send_outbox(
        self,
        send: Sender,
        *,
        channel: str | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        now: datetime | None = None,
    ) -> OutboxRun:
        """Send every item that is due (of one channel, or all); each result is committed before the next is sent.

        A channel's due stock items go as one: the latest level of each SKU in one
        store call (a stocktake of 5,000 products is not 5,000 calls), and they
        are marked sent, or retried or dead, together. Shipments go one by one.
        """
        now = now or utcnow()
        run = OutboxRun()
        query = select(OutboxItem.id, OutboxItem.channel_id, OutboxItem.kind).where(
            OutboxItem.state == "pending", OutboxItem.next_attempt_at <= now
        )
        if channel is not None:
            query = query.where(OutboxItem.channel_id == self.channel(channel).id)
        with self.db.read() as conn:
            due = conn.execute(query.order_by(OutboxItem.id)).all()
        batches: list[list[int]] = []
        stock_of: dict[int, list[int]] = {}
        for item_id, channel_id, kind in due:
            if kind == "stock" and channel_id in stock_of:
                stock_of[channel_id].append(item_id)
                continue
            batches.append([item_id])
            if kind == "stock":
                stock_of[channel_id] = batches[-1]
        for ids in batches:
            self._send_batch(ids, send, run, max_attempts, now)
        return run

    def _send_batch(self, ids: list[int], send: Sender, run: OutboxRun, max_attempts: int, now: datetime) -> None:
        with self.db.uow() as uow:
            items = [i for i in (uow.session.get(OutboxItem, n) for n in ids) if i is not None and i.state == "pending"]
            if not items:
                return  # another worker took them
            found = uow.session.get(SalesChannel, items[0].channel_id)
            assert found is not None
            channel_view, item_view = _channel_view(found), _outbox_view(items[-1], found.name)
            if len(items) > 1:
                levels: dict[str, int] = {}
                for item in items:  # oldest first: a later level of a SKU replaces an earlier one
                    levels.update(item.payload.get("levels", {}))
                item_view = replace(item_view, payload={"levels": levels})
            ids = [i.id for i in items]
        # Sent outside any transaction, so a slow store never holds the database. A crash after the
        # store took it and before the commit below sends it again: payloads are absolute (a stock
        # level, a shipment of an order), so the second send changes nothing.
        failure: SendFailed | None = None
        try:
            send(channel_view, item_view)
        except SendFailed as exc:
            failure = exc
        run.store_calls += 1
        with self.db.uow() as uow:
            for item_id in ids:
                item = uow.session.get(OutboxItem, item_id)
                if item is None or item.state != "pending":
                    continue
                if failure is None:
                    item.state, item.sent_at, item.last_error = "sent", utcnow(), ""
                    run.sent += 1
                    log(uow.session, item.channel_id, item.kind, "ok", f"item {item.id} sent")
                    continue
                item.attempts += 1
                item.last_error = str(failure)[:500]
                delay = retry_delay(item.attempts, failure)
                if delay is None or item.attempts >= max_attempts:
                    item.state = "dead"
                    run.dead += 1
                    log(uow.session, item.channel_id, item.kind, "dead", f"item {item.id}: {failure}")
                else:
                    item.next_attempt_at = now + timedelta(seconds=delay)
                    run.retrying += 1
                    log(
                        uow.session,
                        item.channel_id,
                        item.kind,
                        "retry",
                        f"item {item.id} again in {delay:.0f} s: {failure}",
                    )
            uow.commit()


def store_sender(channel: ChannelView, item: OutboxView) -> None:
    """The outbox's Sender for real stores: opens the channel's store and sends the item to it."""
    try:
        kept = credentials.load(channel.name)
    except ShopDeskError as exc:
        raise SendFailed(str(exc), 401) from exc
    store = open_store(channel.type, channel.store_url, kept)
    try:
        if item.kind == "stock":
            store.set_stock(item.payload["levels"])
        elif item.kind == "shipment":
            store.ship(item.payload)
        else:
            raise SendFailed(f"an outbox item of kind {item.kind!r} cannot be sent", 422)
    finally:
        store.close()


def enqueue(session: Session, channel: str, kind: str, payload: dict[str, Any]) -> int:
    """Add a change to send to a channel, in the caller's transaction (so it exists only if the change does)."""
    if kind not in OUTBOX_KINDS:
        raise ShopDeskError(f"Unknown outbox kind {kind!r}; known: {', '.join(OUTBOX_KINDS)}.")
    channel_id = session.scalar(select(SalesChannel.id).where(SalesChannel.name == normalize_channel(channel)))
    if channel_id is None:
        raise NotFound(f"No channel named {channel}.")
    item = OutboxItem(channel_id=channel_id, kind=kind, payload=payload)
    session.add(item)
    session.flush()
    return item.id


def log(session: Session, channel_id: int, action: str, outcome: str, detail: str) -> None:
    session.add(SyncLogEntry(channel_id=channel_id, action=action, outcome=outcome, detail=detail[:500]))


def _channel_view(c: SalesChannel) -> ChannelView:
    return ChannelView(c.id, c.name, c.type, c.store_url, c.buffer, c.status, c.cursor, c.last_sync_at, c.last_error)


def _outbox_view(item: OutboxItem, channel: str) -> OutboxView:
    return OutboxView(
        item.id,
        channel,
        item.kind,
        dict(item.payload),
        item.state,
        item.attempts,
        item.next_attempt_at,
        item.last_error,
    )
