"""A clerk in another process: opens a product, waits, then saves a new price."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event


def edit_price(url: str, product_id: int, price: int, opened: Event, go: Event, results: Queue) -> None:
    from shopdesk.db.database import Database
    from shopdesk.domain.errors import Conflict
    from shopdesk.services.shop import Shop

    shop = Shop(Database(url), user=f"clerk-{price}")
    try:
        detail = shop.catalogue.get_product(product_id)
        opened.set()
        go.wait(30)
        detail.draft.price = price
        try:
            shop.catalogue.update_product(product_id, detail.draft, detail.version)
            results.put((price, "saved"))
        except Conflict as exc:
            results.put((price, str(exc)))
    finally:
        shop.close()


def edit_order_note(url: str, number: str, note: str, opened: Event, go: Event, results: Queue) -> None:
    """A clerk on another PC opens a held order, waits, then saves an internal note."""
    from shopdesk.db.database import Database
    from shopdesk.domain.errors import Conflict
    from shopdesk.services.shop import Shop

    shop = Shop(Database(url), user=f"clerk-{note}")
    try:
        draft, version = shop.orders.draft_of(number)
        opened.set()
        go.wait(30)
        draft.internal_note = note
        try:
            shop.orders.update_order(number, draft, version, reason=f"note by {note}")
            results.put((note, "saved"))
        except Conflict as exc:
            results.put((note, str(exc)))
    finally:
        shop.close()
