"""Whether the shop's data changed since a list last read it (another PC, another window, this one).

The UI's lists poll this every few seconds (ui/refresh.py); how it is known is in db/changes.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopdesk.db.changes import change_stamp as _database_stamp

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


def change_stamp(shop: Shop) -> int:
    """A number that differs once anyone has committed a change to the shop's data; reading leaves it.

    Cheap enough for the GUI thread (microseconds): it never waits for the server.
    """
    return _database_stamp(shop.db)
