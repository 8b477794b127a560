"""The Stock tab (库存): stock levels with filters and low-stock alerts, a product's places and moves,
the stock dialogs (quarantine and release included), goods in transit, a product's safety stock and
warning line and its default bin, the locations (warehouses, zones, bins and the walking order), the
stocktake screen and purchase orders.

The levels list is a paged SQL model (services/stock_levels.py), so 100,000
products open at once; the selected product's locations and its ledger are
read when it is selected.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.permissions import Permission
from shopdesk.services.shop import Shop
from shopdesk.services.stock_levels import StockFilter, StockLevels, StockRow
from shopdesk.services.stock_queries import LocationStock, MoveRow
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.models.paged_table import PagedTableModel
from shopdesk.ui.refresh import ListWatcher
from shopdesk.ui.stock.default_bin_dialog import DefaultBinDialog
from shopdesk.ui.stock.levels_dialog import LevelsDialog
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.stock.locations_dialog import LocationsDialog
from shopdesk.ui.stock.move_dialog import MoveDialog, MoveKind
from shopdesk.ui.stock.purchase_page import PurchasePage
from shopdesk.ui.stock.source import StockSource, location_columns, move_columns, stock_columns
from shopdesk.ui.stock.stocktake_page import StocktakePage
from shopdesk.ui.stock.transit_dialog import TransitDialog
from shopdesk.ui.tasks import TaskRunner
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

STATE_KEY = "stock/table"
HISTORY_ROWS = 200


def _small_table(model: ListTableModel) -> QTableView:  # type: ignore[type-arg]
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class StockTab(QWidget):
    """`message` carries one-line news for the status bar."""

    message = Signal(str)

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._levels = StockLevels(shop)
        money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        costs = shop.can(Permission.VIEW_COSTS)  # the services leave values out for such a role anyway
        self.model: PagedTableModel[StockFilter, StockRow] = PagedTableModel(
            StockSource(shop), stock_columns(money, costs=costs), StockFilter(), parent=self
        )
        self.places: ListTableModel[LocationStock] = ListTableModel(location_columns(money, costs=costs), parent=self)
        self.moves: ListTableModel[MoveRow] = ListTableModel(move_columns(money, costs=costs), parent=self)

        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Search name, SKU, barcode or pinyin  Ctrl+F"))
        self.warehouse = QComboBox()
        self.warehouse.addItem(self.tr("All warehouses"), None)
        for ref in shop.locations.warehouses():
            self.warehouse.addItem(ref.path, ref.id)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for category_id, path in shop.catalogue.categories():
            self.category.addItem(path, category_id)
        self.below_warning = QCheckBox(self.tr("At or below the warning line"))
        self.zero_stock = QCheckBox(self.tr("Out of stock"))
        self.alert = QPushButton()
        self.alert.setFlat(True)
        self.alert.setStyleSheet("color: #b02a37; font-weight: bold; text-align: left;")
        self.count_label = QLabel()
        self.table = DataTableView()
        self.table.setModel(self.model)
        # Others' changes (another PC, another window) show up within seconds (ui/refresh.py).
        self.watcher = ListWatcher(shop, self.table, self.model, parent=self)
        self.place_table = _small_table(self.places)
        self.move_table = _small_table(self.moves)

        self.receive_action = self._action(self.tr("Receive…"), QKeySequence("Ctrl+R"), MoveKind.RECEIVE)
        self.transfer_action = self._action(self.tr("Transfer…"), QKeySequence("Ctrl+T"), MoveKind.TRANSFER)
        self.adjust_action = self._action(self.tr("Adjust…"), QKeySequence("Ctrl+J"), MoveKind.ADJUST)
        self.scrap_action = self._action(self.tr("Scrap…"), None, MoveKind.SCRAP)
        self.quarantine_action = self._action(self.tr("Quarantine…"), None, MoveKind.QUARANTINE)
        self.release_action = self._action(self.tr("Release…"), None, MoveKind.RELEASE)
        self.transit_action = QAction(self.tr("Goods in transit…"), self)
        self.transit_action.triggered.connect(lambda _checked=False: self.open_transit_dialog())
        self.levels_action = QAction(self.tr("Stock levels…"), self)
        self.levels_action.setToolTip(self.tr("Safety stock and warning line of the selected product"))
        self.levels_action.triggered.connect(lambda _checked=False: self.open_levels_dialog())
        self.default_bin_action = QAction(self.tr("Default bin…"), self)
        self.default_bin_action.setToolTip(self.tr("Where the selected product is put away and picked by default"))
        self.default_bin_action.triggered.connect(lambda _checked=False: self.open_default_bin_dialog())
        # Everyone may look at the locations; the dialog's buttons follow the role.
        self.locations_action = QAction(self.tr("Locations…"), self)
        self.locations_action.setToolTip(self.tr("Warehouses, zones and bins, and the order bins are picked in"))
        self.locations_action.triggered.connect(lambda _checked=False: self.open_locations_dialog())
        for action in (self.transit_action, self.levels_action, self.default_bin_action, self.locations_action):
            self.addAction(action)
        moves = shop.can(Permission.MOVE_STOCK)
        for action in (
            self.receive_action,
            self.transfer_action,
            self.adjust_action,
            self.scrap_action,
            self.quarantine_action,
            self.release_action,
        ):
            action.setEnabled(moves)
        self.levels_action.setEnabled(False)  # a product is selected first; the owner's (PURCHASE)
        self.default_bin_action.setEnabled(False)  # a product is selected first; MOVE_STOCK
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.pages.setCurrentIndex(0), self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)

        levels = QWidget()
        tools = QHBoxLayout()
        for action in (
            self.receive_action,
            self.transfer_action,
            self.adjust_action,
            self.scrap_action,
            self.quarantine_action,
            self.release_action,
            self.transit_action,
            self.levels_action,
            self.default_bin_action,
            self.locations_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tools.addWidget(button)
        tools.addSpacing(16)
        tools.addWidget(self.alert)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(self.tr("Warehouse")))
        filters.addWidget(self.warehouse)
        filters.addWidget(QLabel(self.tr("Category")))
        filters.addWidget(self.category, 1)
        filters.addWidget(self.below_warning)
        filters.addWidget(self.zero_stock)
        details = QTabWidget()
        details.addTab(self.place_table, self.tr("Locations"))
        details.addTab(self.move_table, self.tr("Moves (ledger)"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        levels_layout = QVBoxLayout(levels)
        levels_layout.addLayout(tools)
        levels_layout.addLayout(filters)
        levels_layout.addWidget(split)

        self.stocktake = StocktakePage(shop, runner, money)
        self.purchasing = PurchasePage(shop, runner, money)
        self.pages = QTabWidget()
        self.pages.addTab(levels, self.tr("Stock levels"))
        self.pages.addTab(self.stocktake, self.tr("Stocktake (盘点)"))
        self.pages.addTab(self.purchasing, self.tr("Purchase orders (采购单)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.search.down_pressed.connect(self.table.setFocus)
        for combo in (self.warehouse, self.category):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.warehouse.currentIndexChanged.connect(lambda _i: self.show_alert())
        for box in (self.below_warning, self.zero_stock):
            box.toggled.connect(lambda _on: self.apply_filters())
        self.alert.clicked.connect(lambda: self.below_warning.setChecked(True))
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self._show_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        for page in (self.stocktake, self.purchasing):
            page.message.connect(self.message)
        self.stocktake.posted.connect(self.refresh)
        self.purchasing.received.connect(self.refresh)
        self._show_count(self.model.rowCount())
        self.alert.hide()
        # The alert counts the whole shop's balances: after the first rows are on screen.
        QTimer.singleShot(0, self.show_alert)

    def _action(self, text: str, shortcut: QKeySequence | None, kind: MoveKind) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setToolTip(f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self.open_move_dialog(kind))
        self.addAction(action)
        return action

    # Layout kept between sessions --------------------------------------------------------
    def save_layout(self, store: QSettings) -> None:
        store.setValue(STATE_KEY, self.table.save_layout())

    def restore_layout(self, store: QSettings) -> None:
        if not self.table.restore_layout(store.value(STATE_KEY)):
            self.table.fit_columns()

    # The list ----------------------------------------------------------------------------
    def current_filter(self) -> StockFilter:
        return dataclasses.replace(
            self.model.filter,
            text=self.search.text().strip(),
            warehouse_id=self.warehouse.currentData(),
            category_id=self.category.currentData(),
            below_warning=self.below_warning.isChecked(),
            zero_stock=self.zero_stock.isChecked(),
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        """Read the list, the alert and the selected product again (after a move, a receipt, a stocktake).

        Read in place as for others' changes: the product selected stays selected (found by its id
        wherever it now is) and its Locations and ledger show its new figures."""
        self.watcher.reload()
        self._show_selected()
        self.show_alert()
        if self.purchasing.isVisible():
            self.purchasing.refresh()

    def show_alert(self) -> None:
        """How many products are low in the warehouse shown (its own lines), or anywhere in the shop."""
        low = self._levels.low_stock_count(self.warehouse.currentData())
        self.alert.setVisible(low > 0)
        self.alert.setText(self.tr("⚠ %n product(s) at or below the warning line (预警线): show", "", low))

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n product(s)", "", count))

    def selected_row(self) -> StockRow | None:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return self.model.row_at(rows[0]) if rows else None

    def _show_selected(self) -> None:
        row = self.selected_row()
        self.levels_action.setEnabled(row is not None and self._shop.can(Permission.PURCHASE))
        self.default_bin_action.setEnabled(row is not None and self._shop.can(Permission.MOVE_STOCK))
        if row is None:
            self.places.set_rows([])
            self.moves.set_rows([])
            return
        stock = self._shop.inventory.product_stock(row.product_id)
        self.places.set_rows([*stock.locations, *stock.held])
        self.moves.set_rows(self._shop.inventory.history(row.product_id, limit=HISTORY_ROWS))

    # Dialogs -----------------------------------------------------------------------------
    def open_move_dialog(self, kind: MoveKind) -> MoveDialog:
        row = self.selected_row()
        dialog = MoveDialog(self._shop, kind, row.sku if row else "", self)
        dialog.finished.connect(lambda result: self._move_done(dialog, result))
        dialog.open()
        return dialog

    def _move_done(self, dialog: MoveDialog | LevelsDialog | DefaultBinDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.message.emit(dialog.done_message)
            self.refresh()

    def open_transit_dialog(self) -> TransitDialog:
        """The transfers in transit, each received with one click."""
        dialog = TransitDialog(self._shop, self)
        dialog.received.connect(self.message)
        dialog.received.connect(lambda _text: self.refresh())
        dialog.open()
        return dialog

    def open_levels_dialog(self) -> LevelsDialog | None:
        """Safety stock and warning line of the selected product, shop-wide or per warehouse."""
        row = self.selected_row()
        if row is None:
            return None
        dialog = LevelsDialog(self._shop, row.product_id, row.sku, self)
        dialog.finished.connect(lambda result: self._move_done(dialog, result))
        dialog.open()
        return dialog

    def open_default_bin_dialog(self) -> DefaultBinDialog | None:
        """The selected product's default bin in a warehouse: shown, and changed by choosing another bin."""
        row = self.selected_row()
        if row is None:
            return None
        dialog = DefaultBinDialog(self._shop, row.product_id, row.sku, self.warehouse.currentData(), self)
        dialog.finished.connect(lambda result: self._move_done(dialog, result))
        dialog.open()
        return dialog

    def open_locations_dialog(self) -> LocationsDialog:
        """Warehouses, zones and bins with their pick order and units; added and reordered there."""
        dialog = LocationsDialog(self._shop, self)
        dialog.changed.connect(self.message)
        dialog.changed.connect(lambda _text: self._reload_warehouses())
        dialog.open()
        return dialog

    def _reload_warehouses(self) -> None:
        """The warehouse filter lists a warehouse added meanwhile; the one chosen stays chosen."""
        chosen = self.warehouse.currentData()
        self.warehouse.blockSignals(True)
        try:
            while self.warehouse.count() > 1:
                self.warehouse.removeItem(1)
            for ref in self._shop.locations.warehouses():
                self.warehouse.addItem(ref.path, ref.id)
            self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(chosen)))
        finally:
            self.warehouse.blockSignals(False)
