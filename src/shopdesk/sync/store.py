"""What the app needs of an online store, whichever platform it runs on.

Each platform (WooCommerce, Shopify) has one adapter implementing `Store`;
`open_store` picks it by the channel's type. The services speak only to this
protocol, so the pull, the outbox and the settings page work the same for
every platform, and a fake store can stand in for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shopdesk.domain.order_draft import OrderDraft
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.http import SendFailed


@dataclass(frozen=True)
class StoreRefund:
    """Money the store paid back on an order: the store's refund id, the amount (minor units, > 0), why."""

    id: str
    amount: int
    reason: str = ""


# How far the store itself has sent an order out (StoreOrder.fulfilled).
NOT_FULFILLED = ""
PARTLY_FULFILLED = "partial"  # some lines or units left, the rest is still to send
FULFILLED = "shipped"  # all of it left; the store may still expect a delivery
COMPLETED = "completed"  # all of it left and the store closed the order
SENT_ALREADY = frozenset({FULFILLED, COMPLETED})


@dataclass(frozen=True)
class StoreOrder:
    """One order as the store sent it: its id, when it was last changed, and the draft (None: skipped).

    `fulfilled` says whether the store has sent the goods already (completed on
    WooCommerce, fulfilled on Shopify): such an order must not be picked and
    shipped here a second time. `fulfilled_at` is when the store says it left.
    """

    id: str
    modified: datetime
    status: str
    draft: OrderDraft | None
    refunds: tuple[StoreRefund, ...] = ()  # every refund so far (the pull records each once)
    fulfilled: str = NOT_FULFILLED
    fulfilled_at: datetime | None = None
    fulfilment_note: str = ""  # what the store says left already, in words (a partly fulfilled order)
    # A partly fulfilled order's units still to send, by the store's line id (empty: the store does not say).
    still_to_send: tuple[tuple[str, int], ...] = ()


class Store(Protocol):
    """An online store's API, as the sync services use it. Every call raises SendFailed when the store fails."""

    def check(self) -> str:
        """Ask the store who it is (test connection); returns a short description, e.g. its name and version."""
        ...

    def orders_changed_since(self, since: datetime, exponent: int) -> Iterator[StoreOrder]:
        """Every order changed after `since` (UTC), oldest change first; amounts in minor units of `exponent`."""
        ...

    def set_stock(self, levels: dict[str, int]) -> list[str]:
        """Set the available quantity of each SKU; returns the SKUs the store does not sell."""
        ...

    def ship(self, shipment: dict[str, Any]) -> None:
        """Tell the store an order left: {"order": their order id, "carrier": ..., "tracking": ..., "lines": ...}."""
        ...

    def close(self) -> None: ...


StoreFactory = Callable[..., Store]
_FACTORIES: dict[str, StoreFactory] = {}


def register(channel_type: str, factory: StoreFactory) -> None:
    """Make `open_store` build `factory(store_url, credentials, **options)` for channels of this type."""
    _FACTORIES[channel_type] = factory


def open_store(channel_type: str, store_url: str, credentials: Credentials, **options: Any) -> Store:
    """The adapter for a channel's platform, ready to talk to its store."""
    _load_adapters()
    factory = _FACTORIES.get(channel_type)
    if factory is None:
        raise SendFailed(f"a {channel_type} channel has no store to talk to", 422)
    return factory(store_url, credentials, **options)


def _load_adapters() -> None:
    # The adapters register themselves when imported; imported here, late, so that this
    # module stays importable without them (and without import cycles).
    import importlib

    for module in ("shopdesk.sync.woocommerce", "shopdesk.sync.shopify"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
