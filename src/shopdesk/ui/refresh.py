"""Lists that follow what others do: when another PC (or app window) changes the shop's data,
the list on screen reads again within a few seconds, keeping its selection and scroll position.

Each list tab owns a ListWatcher. Every POLL_MS its timer asks the database's change
stamp (db/changes.py: a PRAGMA on SQLite, notifications already in the socket on
PostgreSQL; microseconds, so on the GUI thread). A list that is not on screen does
not poll; when it is shown again, its next poll sees the stamp moved and reads again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, QTimer
from PySide6.QtWidgets import QTableView

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.changes import change_stamp
from shopdesk.services.shop import Shop
from shopdesk.ui.models.paged_table import PagedTableModel

POLL_MS = 3000
KEPT_SELECTION = 200  # more selected rows than this are kept by position (finding them would read their pages)
log = logging.getLogger(__name__)


def row_key(row: Any) -> Hashable:
    """What identifies a list row across readings: its id (product_id for a stock line)."""
    return getattr(row, "id", None) or getattr(row, "product_id", None)


class ListWatcher(QObject):
    """Reads `model` again when the database changed, keeping the view's selection and scroll position."""

    def __init__(
        self,
        shop: Shop,
        view: QTableView,
        model: PagedTableModel,
        *,
        key: Callable[[Any], Hashable] = row_key,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent or view)
        self._shop = shop
        self._view = view
        self._model = model
        self._key = key
        self._last = change_stamp(shop)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        """The timer's slot: read the list again if the database changed since the last look
        (and the list is on screen). True when it read again."""
        if not self._view.isVisible():
            return False
        stamp = change_stamp(self._shop)
        if stamp == self._last:
            return False
        try:
            self.reload()
        except ShopDeskError as exc:  # the server went away: try again at the next poll
            log.info("list not refreshed: %s", exc)
            return False
        self._last = stamp
        return True

    def reload(self) -> None:
        """Read the list again in place; the same rows stay selected, wherever they are now."""
        view, model = self._view, self._model
        chosen = _selected_rows(view)
        if len(chosen) > KEPT_SELECTION:
            chosen = []
        selected = {self._key(r) for r in map(model.row_at, chosen) if r is not None}
        current = view.currentIndex()
        current_key = self._key(model.row_at(current.row())) if current.isValid() else None
        scroll = (view.verticalScrollBar().value(), view.horizontalScrollBar().value())
        model.reload()
        if selected or current_key is not None:
            self._select_again(selected, current_key, current.column(), [*chosen, current.row()])
        # Last: making a row current again scrolls to it, and the clerk's place in the list wins.
        view.verticalScrollBar().setValue(scroll[0])
        view.horizontalScrollBar().setValue(scroll[1])

    def _select_again(
        self, selected: set[Hashable], current_key: Hashable, current_column: int, were: list[int]
    ) -> None:
        view, model = self._view, self._model
        # Read the pages on screen (about to be shown anyway) and where the rows were (they move
        # by a few places at most when others add or remove), then find the rows there.
        top = max(view.rowAt(0), 0)
        for row in (top, max(view.rowAt(view.viewport().height() - 1), top), *were):
            model.row_at(min(row, model.rowCount() - 1))
        rows = [model.find_cached(lambda r, k=k: self._key(r) == k) for k in selected]
        selection = QItemSelection()
        last = model.columnCount() - 1
        for row in sorted(r for r in rows if r is not None):
            selection.select(model.index(row, 0), model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        view.selectionModel().select(selection, flags)
        if current_key is not None:
            row = model.find_cached(lambda r: self._key(r) == current_key)
            if row is not None:
                view.selectionModel().setCurrentIndex(
                    model.index(row, max(current_column, 0)), QItemSelectionModel.SelectionFlag.NoUpdate
                )


def _selected_rows(view: QTableView) -> list[int]:
    return sorted({index.row() for index in view.selectionModel().selectedRows()})
