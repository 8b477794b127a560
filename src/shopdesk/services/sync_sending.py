"""Sending the outbox: the items, their retries and dead letters, and the sender for real stores.

`send_outbox` sends what is due, one item at a time (a channel's stock items
together, see there): sent items are marked sent; a failure a retry can help
(no answer, 429, 5xx) waits with exponential backoff and at least the store's
Retry-After; a refused request (401, 404, other 4xx) or the N-th failure makes
the item dead. Dead items stay listed until the user retries or drops them.
Every attempt is written to the channel's sync log, without credentials.
SyncService (services/sync.py) has these methods; import them from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import OutboxItem, SalesChannel, SyncLogEntry
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, ShopDeskError
from shopdesk.domain.order_draft import normalize_channel
from shopdesk.services.sync_outbox import available_levels
from shopdesk.sync import credentials
from shopdesk.sync.http import SendFailed, retry_delay
from shopdesk.sync.store import open_store

if TYPE_CHECKING:
    from shopdesk.db.database import Database
    from shopdesk.services.shop import Shop

MAX_ATTEMPTS = 8
OUTBOX_KINDS = ("stock", "shipment")

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
class OutboxRun:
    sent: int = 0  # items
    retrying: int = 0
    dead: int = 0
    store_calls: int = 0  # a channel's due stock items go in one call


class OutboxSending:
    """The outbox half of SyncService."""

    shop: Shop
    db: Database

    def channel(self, name: str) -> ChannelView:  # pragma: no cover - SyncService.channel
        raise NotImplementedError

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

        A channel's due stock items go as one: every SKU they name, in one store
        call (a stocktake of 5,000 products is not 5,000 calls), at its latest
        level, read again at sending so that it is what is committed now; they
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
            if items[0].kind == "stock" and all("levels" in i.payload for i in items):
                levels: dict[str, int] = {}
                for older in items:  # oldest first: a later level of a SKU replaces an earlier one
                    levels.update(older.payload["levels"])
                # Read again now: on PostgreSQL two PCs changing one product at once (reserving in two
                # bins) each computed a level without the other's change; what is committed now has both.
                now_there = available_levels(uow.session, skus=sorted(levels))
                levels.update({sku: max(qty - found.buffer, 0) for sku, qty in now_there.items()})
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
