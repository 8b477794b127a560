"""The Products tab (商品管理): search as you type, filter, sort, and the product actions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.domain.permissions import Permission
from shopdesk.services.catalogue import ProductFilter, ProductRow
from shopdesk.services.product_export import ExportResult, ProductExport
from shopdesk.services.shop import Shop
from shopdesk.ui.i18n import CHINESE, money_locale
from shopdesk.ui.models.paged_table import PagedTableModel
from shopdesk.ui.products.product_dialog import ProductDialog
from shopdesk.ui.products.source import ProductSource, product_columns, status_label
from shopdesk.ui.refresh import ListWatcher
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

STATE_KEY = "products/table"
MAX_SELECTED = 1000  # archive or restore at most this many at once; more would read every page to find them


class ProductsTab(QWidget):
    """`message` carries one-line news for the status bar ("Archived 3 products")."""

    message = Signal(str)

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._language = language
        money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.model: PagedTableModel[ProductFilter, ProductRow] = PagedTableModel(
            ProductSource(shop.catalogue),
            product_columns(money, costs=shop.catalogue.costs_shown),
            ProductFilter(),
            muted=lambda r: r.archived,
            parent=self,
        )

        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Search name, SKU, barcode or pinyin (e.g. cmdx)  Ctrl+F"))
        self.category = QComboBox()
        self.category.setMinimumContentsLength(12)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in ListingStatus:
            self.status.addItem(status_label(status), str(status))
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.count_label = QLabel()
        self.table = DataTableView()
        self.table.setModel(self.model)
        # Others' changes (another PC, another window) show up within seconds (ui/refresh.py).
        self.watcher = ListWatcher(shop, self.table, self.model, parent=self)
        self._load_categories()

        self.new_action = self._action(self.tr("New…"), QKeySequence.StandardKey.New, self.new_product)
        self.edit_action = self._action(self.tr("Edit…"), QKeySequence(Qt.Key.Key_F2), self.edit_selected)
        self.archive_action = self._action(self.tr("Archive"), QKeySequence.StandardKey.Delete, self.archive_selected)
        # Del archives only from the list: in the search field it deletes a character.
        self.archive_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.archive_action)
        self.restore_action = self._action(self.tr("Restore"), None, self.restore_selected)
        self.import_action = self._action(self.tr("Import…"), QKeySequence("Ctrl+I"), self.import_products)
        self.export_action = self._action(self.tr("Export…"), QKeySequence("Ctrl+E"), self.export_products)
        # Adding products and importing a price list change prices and costs: not for every role.
        self.new_action.setEnabled(shop.can(Permission.EDIT_CATALOGUE))
        self.import_action.setEnabled(shop.can(Permission.EDIT_CATALOGUE))
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        tools = QHBoxLayout()
        for action in (self.new_action, self.edit_action, self.archive_action, self.restore_action):
            tools.addWidget(self._button(action))
        tools.addSpacing(16)
        for action in (self.import_action, self.export_action):
            tools.addWidget(self._button(action))
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(self.tr("Category")))
        filters.addWidget(self.category, 1)
        filters.addWidget(QLabel(self.tr("Status")))
        filters.addWidget(self.status)
        filters.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.search.entered.connect(self._search_entered)
        self.search.down_pressed.connect(self.table.setFocus)
        self.category.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.show_archived.toggled.connect(lambda _on: self.apply_filters())
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self._show_count(self.model.rowCount())
        self._selection_changed()

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    @staticmethod
    def _button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # Layout kept between sessions ----------------------------------------------------
    def save_layout(self, store: QSettings) -> None:
        store.setValue(STATE_KEY, self.table.save_layout())

    def restore_layout(self, store: QSettings) -> None:
        if not self.table.restore_layout(store.value(STATE_KEY)):
            self.table.fit_columns()

    # Filtering -----------------------------------------------------------------------
    def current_filter(self) -> ProductFilter:
        return dataclasses.replace(
            self.model.filter,
            text=self.search.text().strip(),
            category_id=self.category.currentData(),
            status=self.status.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_entered(self, _text: str) -> None:
        # A scanned barcode or typed SKU that finds one product opens it; otherwise go to the list.
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
            self.edit_selected()
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _load_categories(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        try:
            self.category.clear()
            self.category.addItem(self.tr("All categories"), None)
            for category_id, path in self._shop.catalogue.categories():
                depth = path.count("/")
                self.category.addItem("    " * depth + path.rsplit("/", 1)[-1], category_id)
                self.category.setItemData(self.category.count() - 1, path, Qt.ItemDataRole.ToolTipRole)
            self.category.setCurrentIndex(max(self.category.findData(current), 0))
        finally:
            self.category.blockSignals(False)

    def refresh(self) -> None:
        """Read the list again after products changed (an edit, an import)."""
        self._load_categories()
        self.model.set_filter(self.current_filter())

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n product(s)", "", count))

    # Selection and actions -----------------------------------------------------------
    def selected_rows(self) -> list[ProductRow]:
        """The selected products, or none when more than MAX_SELECTED are selected (their pages are not read)."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) > MAX_SELECTED:
            return []
        return [row for row in (self.model.row_at(r) for r in sorted(i.row() for i in rows)) if row is not None]

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.edit_action.setEnabled(len(rows) == 1)
        edit = self._shop.can(Permission.EDIT_CATALOGUE)  # the accountant looks, and is not offered a refusal
        self.archive_action.setEnabled(edit and any(not r.archived for r in rows))
        self.restore_action.setEnabled(edit and any(r.archived for r in rows))

    def _select_product(self, product_id: int) -> None:
        self.model.row_at(0)  # after a refresh no page is read yet; the first one is about to be shown anyway
        row = self.model.find_cached(lambda r: r.id == product_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def new_product(self) -> None:
        dialog = ProductDialog(self._shop, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.refresh()
            self._select_product(dialog.saved_id)
            self.message.emit(self.tr("Product {sku} created").format(sku=dialog.sku.text().strip()))

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        dialog = ProductDialog(self._shop, rows[0].id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self._select_product(rows[0].id)
            self.message.emit(self.tr("Product {sku} saved").format(sku=dialog.sku.text().strip()))

    def archive_selected(self) -> None:
        self._set_archived([r for r in self.selected_rows() if not r.archived], True)

    def restore_selected(self) -> None:
        self._set_archived([r for r in self.selected_rows() if r.archived], False)

    def _set_archived(self, rows: list[ProductRow], archived: bool) -> None:
        ids = [row.id for row in rows]
        if not ids:
            return

        def work(progress: Progress) -> int:
            for done, product_id in enumerate(ids, 1):
                self._shop.catalogue.set_archived(product_id, archived)
                progress(done, len(ids))
            return len(ids)

        def done(count: int) -> None:
            self.refresh()
            if archived:
                self.message.emit(self.tr("Archived %n product(s); tick Show archived to see them", "", count))
            else:
                self.message.emit(self.tr("Restored %n product(s)", "", count))

        title = self.tr("Archiving products") if archived else self.tr("Restoring products")
        task = self._runner.run(title, work, on_done=done)
        # After a failure or Cancel some may have changed already: show the list as it is now.
        task.done.connect(lambda: self.refresh() if task.error or task.was_cancelled else None)

    def import_products(self) -> None:
        from shopdesk.ui.products.import_wizard import ImportWizard  # loaded when first used

        wizard = ImportWizard(self._shop, self)
        if wizard.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def export_products(self) -> None:
        path, _chosen = file_dialogs.getSaveFileName(
            self,
            self.tr("Export products"),
            str(Path.home() / self.tr("products.xlsx")),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        include_archived = self.show_archived.isChecked()
        language = "zh" if self._language == CHINESE else "en"

        def work(progress: Progress) -> ExportResult:
            return ProductExport(self._shop).run(
                path, include_archived=include_archived, language=language, progress=progress
            )

        def done(result: ExportResult) -> None:
            self.message.emit(self.tr("Exported %n product(s) to {path}", "", result.count).format(path=result.path))

        self._runner.run(self.tr("Exporting products"), work, on_done=done)
