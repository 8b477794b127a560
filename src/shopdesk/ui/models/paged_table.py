"""A table model over a SQL query that may match 100,000 rows: counted once, read in pages when seen.

The source does the SQL (through a service): count(filter) says how many rows
the filter matches, page(filter, offset, limit) returns one page of them,
filtered and sorted in SQL. The model keeps the count and a few recently
seen pages, and asks for a page only when the view wants a cell from it, so
scrolling through 100,000 products reads only the pages that are shown.
Sorting and filtering make a new filter value and start over.

A filter is a frozen dataclass with `sort` (a sort key the source knows) and
`descending` fields, like services.catalogue.ProductFilter.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

F = TypeVar("F")
R = TypeVar("R")
F_contra = TypeVar("F_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)

PAGE_SIZE = 200
CACHED_PAGES = 8
_MUTED = QBrush(QColor("#808080"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ANSWERED = frozenset({_DISPLAY, _ALIGNMENT, _FOREGROUND, int(Qt.ItemDataRole.ToolTipRole)})


class TableSource(Protocol[F_contra, R_co]):
    def count(self, flt: F_contra) -> int: ...

    def page(self, flt: F_contra, offset: int, limit: int) -> Sequence[R_co]: ...


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its (translated) title, the text of a cell, and the sort key the source knows, if any."""

    title: str
    text: Callable[[R], str]
    sort_key: str | None = None
    numeric: bool = False  # right-aligned


class _Page(Generic[R]):
    """Rows read together, and the texts of their cells once shown."""

    __slots__ = ("rows", "texts")

    def __init__(self, rows: Sequence[R]):
        self.rows = rows
        self.texts: list[tuple[str, ...] | None] = [None] * len(rows)


class PagedTableModel(QAbstractTableModel, Generic[F, R]):
    count_changed = Signal(int)

    def __init__(
        self,
        source: TableSource[F, R],
        columns: Sequence[Column[R]],
        flt: F,
        *,
        muted: Callable[[R], bool] | None = None,
        page_size: int = PAGE_SIZE,
        cached_pages: int = CACHED_PAGES,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._source = source
        self._columns = list(columns)
        self._muted = muted
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._pages: OrderedDict[int, _Page[R]] = OrderedDict()
        self._filter = flt
        self._count = source.count(flt)

    # What is shown -----------------------------------------------------------------
    @property
    def filter(self) -> F:
        return self._filter

    @property
    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def set_filter(self, flt: F) -> None:
        """Show what another filter (or sort order) matches: count again, forget the pages read."""
        count = self._source.count(flt)  # first, so a failing query leaves the table as it was
        self.beginResetModel()
        self._filter = flt
        self._count = count
        self._pages.clear()
        self.endResetModel()
        self.count_changed.emit(count)

    def refresh(self) -> None:
        """Read again after a change in the database."""
        self.set_filter(self._filter)

    def reload(self) -> None:
        """Read again after someone else changed the database, without a reset: the view keeps
        its selected rows and scroll position (rows that came or went are added or taken at the end)."""
        count = self._source.count(self._filter)
        self._pages.clear()
        if count > self._count:
            self.beginInsertRows(_ROOT, self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(_ROOT, count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        if count and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self._columns) - 1))
        self.count_changed.emit(count)

    def row_at(self, row: int) -> R | None:
        """The source's row object behind a table row (read from the database if its page is not cached)."""
        found = self._cell_source(row)
        return None if found is None else found[0]

    def find_cached(self, match: Callable[[R], bool]) -> int | None:
        """The table row of a row object already read that matches, without querying."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page.rows):
                if match(item):
                    return number * self._page_size + offset
        return None

    def _cell_source(self, row: int) -> tuple[R, _Page[R], int] | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = _Page(self._source.page(self._filter, number * self._page_size, self._page_size))
            self._pages[number] = page
            if len(self._pages) > self._cached_pages:
                self._pages.popitem(last=False)
        elif number != next(reversed(self._pages)):
            self._pages.move_to_end(number)
        return (page.rows[offset], page, offset) if offset < len(page.rows) else None

    # QAbstractItemModel --------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # A repaint asks about eight roles of every visible cell: answer the others at once.
        if role not in _ANSWERED or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if self._columns[column].numeric else _LEFT
        found = self._cell_source(index.row())
        if found is None:  # the row went away since the count; refresh() will tidy up
            return None
        item, page, offset = found
        if role == _FOREGROUND:
            return _MUTED if self._muted is not None and self._muted(item) else None
        texts = page.texts[offset]
        if texts is None:
            texts = page.texts[offset] = tuple(c.text(item) for c in self._columns)
        return texts[column]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return section + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or self._columns[column].sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(
            dataclasses.replace(self._filter, sort=self._columns[column].sort_key, descending=descending)  # type: ignore[type-var]
        )

    def sort_column(self) -> int | None:
        """The column the current filter sorts by, for the header's sort indicator."""
        key = getattr(self._filter, "sort", None)
        return next((i for i, c in enumerate(self._columns) if c.sort_key == key), None)
