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

from sqlalchemy import func, select

from shopdesk.db.models import SalesChannel, SyncLogEntry
from shopdesk.db.models.base import utcnow
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import currency_exponent
from shopdesk.domain.order_draft import normalize_channel
from shopdesk.domain.permissions import Permission, Role
from shopdesk.services import channels as sku_links
from shopdesk.services import sync_problems
from shopdesk.services.orders import CreatedOrder, OrderWriter
from shopdesk.services.sync_changes import StoreChanges, apply_store_changes
from shopdesk.services.sync_fulfilled import import_sent_order, sent_by_the_store
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
from shopdesk.sync.store import SENT_ALREADY, Store, StoreOrder, open_store
from shopdesk.sync.woocommerce import WooCommerceStore

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

CHANNEL_TYPES = ("woocommerce", "shopify", "file")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Orders changed just before the last cursor are asked for again: a store's clock and its
# commits are not exact to the second. Seen ones are imported once (channel order number).
OVERLAP = timedelta(minutes=5)
# Who the sync acts as: the channel itself, whoever is logged in on the computer that runs it.
SYNC_USER = "sync:{channel}"
# Kept importable from here (the UI, the CLI and the tests do): SyncService is the sync's front door.
__all__ = [
    "CHANNEL_TYPES",
    "MAX_ATTEMPTS",
    "OUTBOX_KINDS",
    "SYNC_USER",
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
    # Our numbers (also in created): sent out by the store already, imported as history (nothing reserved)...
    sent_already: list[str] = field(default_factory=list)
    partly_sent: list[str] = field(default_factory=list)  # ...or partly, imported on hold for review
    left_out: list[str] = field(default_factory=list)  # their numbers: skipped because the shop said so
    failed: list[tuple[str, str]] = field(default_factory=list)  # (their number, why): asked for again next time
    # A pull that stopped (the store failed, the database refused...): why; the cursor kept what was stored.
    error: str = ""
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
        self,
        name: str,
        channel_type: str,
        url: str,
        key: str,
        secret: str = "",
        *,
        buffer: int = 0,
        since: datetime | None = None,
    ) -> ChannelView:
        """Add an online store: its URL and buffer in the database, its key and secret in the OS keyring.

        Its first pull asks for the orders changed since now (the moment it is
        added), not for the store's whole history: those orders were handled
        before. `since` starts earlier (a naive time is the computer's local
        time); orders the store has sent out already come in as history and
        reserve nothing (services/sync_fulfilled.py).
        """
        self.shop.require(Permission.MANAGE_SHOP, "add a sales channel")
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
        start = utcnow() if since is None else (since if since.tzinfo else since.astimezone()).astimezone(UTC)
        if start > utcnow() + OVERLAP:
            problems.append(Problem("since", "orders are pulled from a time in the past", start.isoformat()))
        if problems:
            raise ValidationFailed(problems, "The channel cannot be added")
        store_url = check_store_url(url, channel_type) if channel_type != "file" else ""
        with self.db.uow() as uow:
            if uow.session.scalar(select(SalesChannel.id).where(SalesChannel.name == name)) is not None:
                raise Conflict(f"A channel named {name} exists already.")
            channel = SalesChannel(
                name=name, type=channel_type, store_url=store_url, buffer=buffer, cursor=start.isoformat()
            )
            uow.session.add(channel)
            uow.session.flush()
            if channel_type != "file":
                # Kept before the commit: a channel row without its credentials would be useless.
                credentials.store(name, credentials.Credentials(key.strip(), secret.strip()))
            log(
                uow.session,
                channel.id,
                "channel",
                "ok",
                f"added {channel_type} channel {store_url}; orders changed since {start:%Y-%m-%d %H:%M} UTC are pulled",
            )
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
    def actor(self, name: str) -> Shop:
        """The shop as the channel acts in it ("sync:webshop"): what a pull imports is the store's doing, not the
        logged-in person's, so a pull works the same whoever is logged in (the accountant, warehouse staff)."""
        from shopdesk.services.shop import Shop

        return Shop(self.db, SYNC_USER.format(channel=normalize_channel(name)), Role.OWNER)

    def pull_orders(self, name: str, client: Store | StoreClient, *, dry_run: bool = False) -> PullResult:
        """Import the orders the store changed since the cursor (less the overlap), each once.

        The cursor moves only over orders that are stored (created, imported
        before, waiting for SKU links, skipped as cancelled or by the shop's
        decision): it stops before the first order that could not be stored
        (another currency...), which is written down as an order problem for
        the shop to accept or skip (services/sync_problems.py) and asked for
        again by every pull until then. A new channel's cursor is the time it
        was added. Orders the store has sent out already are imported without
        reserving stock (services/sync_fulfilled.py).

        Any failure (the store's, or one here) keeps the cursor where the
        stored orders brought it, is written to the channel's sync log and last
        error, and is raised as ShopDeskError.

        An order imported before and changed on the store since (cancelled,
        edited, refunded, fulfilled there) is brought here as
        services/sync_changes.py says; a dry run only counts it as known.
        """
        channel = self.channel(name)
        cursor = datetime.fromisoformat(channel.cursor) if channel.cursor else self._added_at(channel.id)
        since = cursor - OVERLAP
        exponent = currency_exponent(str(self.shop.setting("currency")))
        result = PullResult(channel.name, dry_run=dry_run)
        actor = self.actor(channel.name)
        blocked = False
        store: Store = WooCommerceStore(client) if isinstance(client, StoreClient) else client
        try:
            for order in store.orders_changed_since(since, exponent):
                stored = self._store(actor, channel.id, order, result)
                blocked = blocked or not stored
                if not blocked and order.modified > cursor:
                    cursor = order.modified
        except (SendFailed, ShopDeskError) as failure:
            result.error = str(failure)
            self._finish_pull(channel.id, cursor, result)
            raise ShopDeskError(f"Sync with {channel.name} stopped: {failure}.") from failure
        except Exception as bug:  # noted for the shop to see, then raised as the fault it is
            result.error = f"Sync with {channel.name} stopped: {type(bug).__name__}: {bug}"
            self._finish_pull(channel.id, cursor, result)
            raise
        self._finish_pull(channel.id, cursor, result)
        return result

    def _added_at(self, channel_id: int) -> datetime:
        """Where a channel added before cursors started at the adding starts: when it was added (its log says)."""
        with self.db.read() as conn:
            added = conn.execute(
                select(func.min(SyncLogEntry.at)).where(
                    SyncLogEntry.channel_id == channel_id, SyncLogEntry.action == "channel"
                )
            ).scalar()
        return added or utcnow()

    def _store(self, actor: Shop, channel_id: int, order: StoreOrder, result: PullResult) -> bool:
        channel, dry_run, draft = result.channel, result.dry_run, order.draft
        with self.db.uow() as uow:
            if draft is not None:
                draft.channel = channel
                sku_links.apply_links(uow.session, draft)
            number = OrderWriter(uow.session, actor).existing_number(channel, order.id)
            decision = sync_problems.decision_for(uow.session, channel_id, order.id)
        if number is not None:
            if not dry_run:
                self._apply_changes(actor, number, order, result)
            result.already += 1
            return True
        if draft is None:
            result.skipped.append(order.id)
            return True
        # Done decisions count too: a pull that stopped after acting on one, before its cursor was kept, meets it again.
        if decision in (sync_problems.SKIP, sync_problems.LEFT_OUT):
            if not dry_run:
                self._decision_done(channel_id, order.id)
            result.left_out.append(order.id)
            return True
        draft.allow_other_currency = decision in (sync_problems.ACCEPT, sync_problems.IMPORTED)
        if dry_run:
            with self.db.uow() as uow:
                problems = OrderWriter(uow.session, actor).check(draft)[1]
            codes, rest = sku_links.unknown_codes(problems, draft)
            if rest:
                result.failed.append((order.id, "; ".join(str(p) for p in rest)[:300]))
                return False
            (result.waiting if codes else result.created).append(order.id)
            return True
        try:
            created = self._create(actor, order)
        except ValidationFailed as exc:
            codes, rest = sku_links.unknown_codes(exc.problems, draft)
            if rest:
                with self.db.uow() as uow:
                    sync_problems.note_problem(uow.session, channel_id, order, rest)
                    uow.commit()
                result.failed.append((order.id, "; ".join(str(p) for p in rest)[:300]))
                return False
            if sent_by_the_store(order):
                # Linked later, it would be allocated like a new order: history is better left out, and said so.
                why = f"sent out by the store already and no product has {', '.join(codes)}: not imported"
                result.attention.append((f"store order {order.id}", why))
                result.left_out.append(order.id)
                return True
            sku_links.put_on_wait(actor, [(draft, codes)], f"pulled from {channel}")
            result.waiting.append(order.id)
            return True
        if not created.created:
            result.already += 1
            return True
        if decision == sync_problems.ACCEPT:
            self._decision_done(channel_id, order.id)
        result.created.append(created.number)
        if order.fulfilled in SENT_ALREADY:
            result.sent_already.append(created.number)
        elif sent_by_the_store(order):
            result.partly_sent.append(created.number)
        if order.refunds:
            self._apply_changes(actor, created.number, order, result)
        return True

    def _decision_done(self, channel_id: int, their_no: str) -> None:
        with self.db.uow() as uow:
            sync_problems.mark_done(uow.session, channel_id, their_no)
            uow.commit()

    def _create(self, actor: Shop, order: StoreOrder) -> CreatedOrder:
        """A new order: confirmed (reviewed, then allocated) when it is to be shipped here, else as the store says."""
        assert order.draft is not None
        reason = f"pulled from {order.draft.channel}"
        if sent_by_the_store(order):
            return import_sent_order(actor, order.draft.channel, order, reason)
        [created] = actor.orders.create_orders([order.draft], confirm=True, skip_imported=True, reason=reason)
        return created

    def _apply_changes(self, actor: Shop, number: str, order: StoreOrder, result: PullResult) -> None:
        changes = StoreChanges()
        apply_store_changes(actor, result.channel, number, order, changes)
        result.cancelled += changes.cancelled
        result.held += changes.held
        result.attention += changes.attention
        result.refunds += changes.refunds

    def _finish_pull(self, channel_id: int, cursor: datetime | None, result: PullResult) -> None:
        result.cursor = cursor.isoformat() if cursor else ""
        if result.dry_run:
            return
        with self.db.uow() as uow:
            channel = uow.session.get(SalesChannel, channel_id)
            assert channel is not None
            channel.cursor, channel.last_sync_at, channel.last_error = result.cursor, utcnow(), result.error[:500]
            detail = (
                f"{len(result.created)} new, {result.already} known, {len(result.waiting)} waiting for SKU links, "
                f"{len(result.skipped)} cancelled, {len(result.failed)} not stored"
                + (f", {len(result.sent_already)} sent out by the store already" if result.sent_already else "")
                + (f", {len(result.partly_sent)} partly sent by the store, held" if result.partly_sent else "")
                + (f", {len(result.left_out)} left out as decided" if result.left_out else "")
                + (f", {len(result.cancelled)} cancelled here as on the store" if result.cancelled else "")
                + (f", {len(result.held)} held for review" if result.held else "")
                + (f", {result.refunds} refund(s) recorded" if result.refunds else "")
                + "".join(f"; order {n}: {why}" for n, why in result.failed)
                + "".join(f"; {n} needs attention: {why}" for n, why in result.attention)
            )
            outcome = "failed" if result.error else "ok"
            log(uow.session, channel_id, "pull orders", outcome, (result.error + " " + detail).strip()[:500])
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
