"""The table view for PagedTableModel lists: sort by clicking a header, layout remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from shopdesk.ui.models.paged_table import PagedTableModel

MAX_FITTED_WIDTH = 320


class DataTableView(QTableView):
    """Whole-row selection, fixed row heights (so 100,000 rows cost nothing to lay out), SQL sorting."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else in a form
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()
        columns = self.horizontalHeader()
        columns.setSectionsClickable(True)
        columns.setSortIndicatorShown(True)
        columns.setSectionsMovable(True)
        columns.setHighlightSections(False)
        columns.setStretchLastSection(True)
        columns.setResizeContentsPrecision(0)  # measure the rows on screen, never read pages to size columns
        columns.sortIndicatorChanged.connect(self._sort_clicked)

    def paged_model(self) -> PagedTableModel:
        model = self.model()
        assert isinstance(model, PagedTableModel)
        return model

    def setModel(self, model: PagedTableModel) -> None:  # type: ignore[override]
        super().setModel(model)
        self._show_sort_of_model()

    def fit_columns(self) -> None:
        """Size columns to what is on screen, no column wider than MAX_FITTED_WIDTH."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for section in range(header.count()):
            if header.sectionSize(section) > MAX_FITTED_WIDTH:
                header.resizeSection(section, MAX_FITTED_WIDTH)
        header.setStretchLastSection(False)  # sizing the last section by hand ended its stretch: start it again
        header.setStretchLastSection(True)

    def save_layout(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def restore_layout(self, state: QByteArray | bytes | None) -> bool:
        """Column widths, order and sort as the person left them; the model is sorted to match."""
        header = self.horizontalHeader()
        if not state:
            return False
        header.blockSignals(True)
        try:
            restored = header.restoreState(QByteArray(state))
        finally:
            header.blockSignals(False)
        if restored:
            self._sort_clicked(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return restored

    def _sort_clicked(self, section: int, order: Qt.SortOrder) -> None:
        model = self.model()
        if not isinstance(model, PagedTableModel):
            return
        if model.columns[section].sort_key is None:  # not sortable: leave the indicator where the sort is
            self._show_sort_of_model()
            return
        filt = model.filter
        descending = order == Qt.SortOrder.DescendingOrder
        if getattr(filt, "sort", None) != model.columns[section].sort_key or filt.descending != descending:  # type: ignore[attr-defined]
            model.sort(section, order)

    def _show_sort_of_model(self) -> None:
        model = self.model()
        if not isinstance(model, PagedTableModel):
            return
        column = model.sort_column()
        header = self.horizontalHeader()
        header.blockSignals(True)
        try:
            if column is None:
                header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            else:
                descending = bool(getattr(model.filter, "descending", False))
                header.setSortIndicator(
                    column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
                )
        finally:
            header.blockSignals(False)
        header.viewport().update()
