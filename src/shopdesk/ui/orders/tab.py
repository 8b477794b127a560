"""The Orders tab (订单): buckets with counts, search as you type, one order's detail, and the bulk actions.

待审核 on hold, 待配货 waiting for stock, 待发货 to ship, 已发货 shipped ...: each
bucket shows how many orders it holds under the current search, channel and
dates. Actions work on the selected orders, each order on its own (one refused
order leaves the others done), in the background, and report what happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSplitter,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.config import Settings
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services.order_fulfilment import FlowResult
from shopdesk.services.order_queries import OrderFilter, OrderRow
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.orders.detail import OrderDetailView
from shopdesk.ui.orders.import_actions import OrderImportActions
from shopdesk.ui.orders.labels import BUCKETS, CHANNEL, label
from shopdesk.ui.orders.list_model import OrderTableModel
from shopdesk.ui.orders.printing import DocumentPrinter, PrintChoiceDialog
from shopdesk.ui.refresh import ListWatcher
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

STATE_KEY = "orders/table"
SPLITTER_KEY = "orders/splitter"
PRINTABLE = ("allocated", "picked", "packed")  # orders that hold their stock: pick lists and labels
# A search in many orders shows its first page at once; its counts (a pass over every order) follow
# once typing has paused this long (after the search field's own pause), so typing on never waits for them.
RECOUNT_MS = 250


class OrdersTab(QWidget):
    """`message` carries one-line news for the status bar ("Approved 3 orders")."""

    message = Signal(str)

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._language = language
        self.money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))
        self.model = OrderTableModel(shop.orders, self.money, shop.money.currency, OrderFilter(), parent=self)
        self.printer = DocumentPrinter(shop, runner, self, self.message.emit)
        # This computer's label stock and format (Settings → Printing); the print dialog starts from them.
        local = Settings.load()
        self.label_size, self.label_zpl = local.label_size, local.label_format == "zpl"

        self.buckets = QTabBar()
        self.buckets.setExpanding(False)
        self.buckets.setDocumentMode(True)
        for key in BUCKETS:
            index = self.buckets.addTab("")
            self.buckets.setTabData(index, key)
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Search order number, buyer, phone or SKU  Ctrl+F"))
        self.channel = QComboBox()
        self.period = QComboBox()
        for text, days in (
            (self.tr("Any time"), None),
            (self.tr("Today"), 0),
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 30 days"), 30),
            (self.tr("Last 90 days"), 90),
        ):
            self.period.addItem(text, days)
        self.count_label = QLabel()
        self.recount_timer = QTimer(self)
        self.recount_timer.setSingleShot(True)
        self.recount_timer.setInterval(RECOUNT_MS)
        self.recount_timer.timeout.connect(self.complete_counts)
        self.table = DataTableView()
        self.table.setModel(self.model)
        # Others' changes (another PC, another window) show up within seconds (ui/refresh.py).
        self.watcher = ListWatcher(shop, self.table, self.model, parent=self)
        self.detail = OrderDetailView(self.money)
        self._load_channels()

        self.new_action = self._action(self.tr("New order…"), QKeySequence.StandardKey.New, self.new_order)
        self.approve_action = self._action(self.tr("Approve"), QKeySequence("Ctrl+Return"), self.approve_selected)
        self.reject_action = self._action(self.tr("Reject…"), None, self.reject_selected)
        self.allocate_action = self._action(self.tr("Allocate"), None, self.allocate_selected)
        self.cancel_action = self._action(self.tr("Cancel order…"), None, self.cancel_selected)
        self.hold_action = self._action(self.tr("Hold…"), None, self.hold_selected)
        self.edit_action = self._action(self.tr("Edit…"), None, self.edit_order)
        self.merge_action = self._action(self.tr("Merge"), None, self.merge_selected)
        self.split_action = self._action(self.tr("Split…"), None, self.split_order)
        self.waybill_action = self._action(self.tr("Waybill…"), None, self.record_waybill)
        self.picklist_action = self._action(self.tr("Pick list…"), QKeySequence("Ctrl+L"), self.print_pick_list)
        self.labels_action = self._action(self.tr("Labels…"), QKeySequence("Ctrl+P"), self.print_labels)
        self.pick_action = self._action(self.tr("Scan pick…"), None, self.pick)
        self.pack_action = self._action(self.tr("Pack…"), QKeySequence("Ctrl+K"), self.pack)
        self.new_action.setEnabled(shop.can(Permission.WORK_ORDERS))
        self.pack_action.setEnabled(shop.can(Permission.FULFIL))
        self.ship_action = self._action(self.tr("Mark shipped…"), QKeySequence("Ctrl+Shift+S"), self.ship_selected)
        self.refresh_action = self._action(self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh)
        # Import orders… and Unmatched SKUs (N): marketplace files (ui/orders/import_actions.py).
        self.imports = OrderImportActions(shop, self, self.refresh)
        self.imports.message.connect(self.message)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        tools = QHBoxLayout()
        groups = (
            (self.new_action, self.edit_action, *self.imports.actions),
            (self.approve_action, self.reject_action, self.allocate_action, self.hold_action),
            (self.split_action, self.merge_action, self.cancel_action),
            (
                self.picklist_action,
                self.pick_action,
                self.labels_action,
                self.waybill_action,
                self.pack_action,
                self.ship_action,
            ),
        )
        for group in groups:
            for action in group:
                tools.addWidget(self._button(action))
            tools.addSpacing(16)
        tools.addStretch(1)
        tools.addWidget(self._button(self.refresh_action))
        tools.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(self.tr("Channel")))
        filters.addWidget(self.channel, 1)
        filters.addWidget(QLabel(self.tr("Placed")))
        filters.addWidget(self.period)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.buckets)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.search.entered.connect(self._search_entered)
        self.search.down_pressed.connect(self.table.setFocus)
        self.buckets.currentChanged.connect(lambda _i: self.apply_filters())
        self.channel.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.period.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.model.count_changed.connect(lambda _n: self._show_counts())
        self.model.modelReset.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail())
        self.table.activated.connect(lambda _index: self._show_detail())
        self._show_counts()
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
        store.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_layout(self, store: QSettings) -> None:
        if not self.table.restore_layout(store.value(STATE_KEY)):
            self.table.fit_columns()
        if not self.splitter.restoreState(store.value(SPLITTER_KEY, b"")):  # type: ignore[arg-type]
            width = max(self.width(), 1000)
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])  # the list first: it is what people scan

    # Filtering -----------------------------------------------------------------------
    def current_filter(self) -> OrderFilter:
        days = self.period.currentData()
        since = None
        if days is not None:
            # From local midnight: the filter stays the same all day, so typing does not re-count for the clock.
            midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            since = midnight - timedelta(days=days)
        return dataclasses.replace(
            self.model.filter,
            text=self.search.text().strip(),
            bucket=self.buckets.tabData(self.buckets.currentIndex()),
            channel=self.channel.currentData(),
            placed_from=since,
        )

    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)
            self._follow_counts()

    def _follow_counts(self) -> None:
        if self.model.source.pending:
            self.recount_timer.start()
        else:
            self.recount_timer.stop()

    def complete_counts(self) -> None:
        """Count the shown filter in full when its first count was what its first page's pass saw."""
        self.recount_timer.stop()
        if self.model.source.pending:
            self.model.reload()  # keeps the selection and the scroll position; rows are added at the end

    def select_bucket(self, key: str | None) -> None:
        """Show one bucket (None: every order)."""
        for index in range(self.buckets.count()):
            if self.buckets.tabData(index) == key:
                self.buckets.setCurrentIndex(index)

    def bucket_counts(self) -> dict[str, int]:
        """Orders per bucket under the current search, channel and dates ("all" for every order)."""
        return dict(self.model.source.counts)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_entered(self, _text: str) -> None:
        # A scanned order number or tracking barcode that finds one order shows it.
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _load_channels(self) -> None:
        current = self.channel.currentData()
        self.channel.blockSignals(True)
        try:
            self.channel.clear()
            self.channel.addItem(self.tr("All channels"), None)
            for channel in self._shop.orders.channels():
                self.channel.addItem(label(CHANNEL, channel), channel)
            self.channel.setCurrentIndex(max(self.channel.findData(current), 0))
        finally:
            self.channel.blockSignals(False)

    def refresh(self) -> None:
        """Read the list again after orders changed."""
        selected = {r.id for r in self.selected_rows()}
        self._load_channels()
        self.imports.count_unmatched()
        self.model.set_filter(self.current_filter())
        self._follow_counts()
        self.model.row_at(0)
        for row in sorted(filter(None, (self.model.find_cached(lambda r, i=i: r.id == i) for i in selected))):
            self.table.selectionModel().select(
                self.model.index(row, 0),
                self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows,
            )
        self._show_detail()

    def _show_counts(self) -> None:
        counts, pending = self.bucket_counts(), self.model.source.pending  # pending: counted once typing pauses
        for index in range(self.buckets.count()):
            key = self.buckets.tabData(index)
            n = "…" if pending else counts.get(key or "all", 0)
            text = f"{label(BUCKETS, key)} ({n})"
            if self.buckets.tabText(index) != text:  # each new text lays the bar out again
                self.buckets.setTabText(index, text)
        self.count_label.setText("…" if pending else self.tr("%n order(s)", "", self.model.rowCount()))

    # Selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[OrderRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row for row in (self.model.row_at(r) for r in rows) if row is not None]

    def _selection_changed(self) -> None:
        statuses = {r.status for r in self.selected_rows()}
        # Buttons follow the role as the services do: the accountant reads and prints, and changes nothing.
        work, fulfil = self._shop.can(Permission.WORK_ORDERS), self._shop.can(Permission.FULFIL)
        self.approve_action.setEnabled(work and "on_hold" in statuses)
        self.reject_action.setEnabled(work and "on_hold" in statuses)
        self.allocate_action.setEnabled(work and "confirmed" in statuses)
        self.cancel_action.setEnabled(work and bool(statuses & {"draft", "confirmed", "on_hold", *PRINTABLE}))
        self.picklist_action.setEnabled(bool(statuses & set(PRINTABLE)))
        self.labels_action.setEnabled(bool(statuses & set(PRINTABLE)))
        self.ship_action.setEnabled(fulfil and "packed" in statuses)
        self.hold_action.setEnabled(work and bool(statuses & {"confirmed", "allocated"}))
        editable = len(self.selected_rows()) == 1 and statuses <= {"draft", "confirmed", "on_hold"}
        self.edit_action.setEnabled(work and editable)
        mergeable = len(self.selected_rows()) > 1 and statuses <= {"confirmed", "allocated"}
        self.merge_action.setEnabled(work and mergeable)
        splittable = len(self.selected_rows()) == 1 and statuses <= {"confirmed", "on_hold", "allocated"}
        self.split_action.setEnabled(work and splittable)
        self.waybill_action.setEnabled(fulfil and len(self.selected_rows()) == 1 and statuses <= set(PRINTABLE))
        self.pick_action.setEnabled(fulfil and "allocated" in statuses)  # who may mark picked (FULFIL)

    def _show_detail(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.detail.show_order(None)
            return
        try:
            self.detail.show_order(self._shop.orders.get_order(row.id))
        except Exception as exc:
            errors.show_error(self, exc)

    # Bulk state changes --------------------------------------------------------------
    def _bulk(self, title: str, verb: str, statuses: Sequence[str], act: Callable[[str], FlowResult]) -> None:
        """Run a state change on every selected order in one of `statuses`, in the background."""
        numbers = [r.number for r in self.selected_rows() if r.status in statuses]
        if not numbers:
            return

        def work(progress: Progress) -> list[FlowResult]:
            results = []
            for n, number in enumerate(numbers):
                progress(n, len(numbers), number)
                results += self._shop.order_flow.bulk(act, [number])
            return results

        def done(results: list[FlowResult]) -> None:
            self.refresh()
            refused = [r for r in results if not r.ok]
            done_numbers = [r.number for r in results if r.ok]
            which = f" ({', '.join(sorted(done_numbers))})" if 0 < len(done_numbers) <= 3 else ""  # a few: say which
            self.message.emit(
                self.tr("{verb}: %n order(s) done", "", len(done_numbers)).format(verb=verb)
                + which
                + (self.tr(", %n refused", "", len(refused)) if refused else "")
            )
            if refused:
                problems = [Problem(r.number, r.message) for r in refused]
                errors.show_error(self, ValidationFailed(problems, self.tr("Some orders were not changed")))

        self._runner.run(title, work, on_done=done)

    def approve_selected(self) -> None:
        """A reviewer lets the selected held orders go on (they are allocated, or wait for stock)."""
        flow = self._shop.order_flow
        self._bulk(self.tr("Approving orders"), self.tr("Approved"), ("on_hold",), lambda n: flow.approve(n))

    def allocate_selected(self) -> None:
        flow = self._shop.order_flow
        self._bulk(self.tr("Allocating orders"), self.tr("Allocated"), ("confirmed",), lambda n: flow.allocate(n))

    def _reason(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt)
        return text.strip() if ok and text.strip() else None

    def reject_selected(self) -> None:
        reason = self._reason(
            self.tr("Reject orders"), self.tr("Why are these orders rejected? (goes in their timeline)")
        )
        if reason:
            flow = self._shop.order_flow
            self._bulk(self.tr("Rejecting orders"), self.tr("Rejected"), ("on_hold",), lambda n: flow.reject(n, reason))

    def cancel_selected(self) -> None:
        reason = self._reason(
            self.tr("Cancel orders"), self.tr("Why are these orders cancelled? (goes in their timeline)")
        )
        if reason:
            flow = self._shop.order_flow
            states = ("draft", "confirmed", "on_hold", *PRINTABLE)
            self._bulk(self.tr("Cancelling orders"), self.tr("Cancelled"), states, lambda n: flow.cancel(n, reason))

    def hold_selected(self) -> None:
        reason = self._reason(self.tr("Hold orders"), self.tr("Why are these orders held? (goes in their timeline)"))
        if reason:
            flow = self._shop.order_flow
            states = ("confirmed", "allocated")
            self._bulk(self.tr("Holding orders"), self.tr("Held"), states, lambda n: flow.hold(n, reason))

    def merge_selected(self) -> None:
        """One parcel for orders to the same buyer and address: they go into the oldest, the others are cancelled."""
        numbers = [r.number for r in self.selected_rows() if r.status in ("confirmed", "allocated")]
        if len(numbers) < 2:
            return

        def done(result: FlowResult) -> None:
            self.refresh()
            self.message.emit(
                self.tr("Merged %n order(s) into {number}", "", len(numbers)).format(number=result.number)
            )

        flow = self._shop.order_flow
        self._runner.run(self.tr("Merging orders"), lambda _progress: flow.merge(numbers), on_done=done)

    def split_order(self) -> None:
        from shopdesk.ui.orders.split_dialog import SplitDialog

        rows = [r for r in self.selected_rows() if r.status in ("confirmed", "on_hold", "allocated")]
        if len(rows) != 1:
            return
        dialog = SplitDialog(self._shop, rows[0].number, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result is not None:
            self.refresh()
            new = ", ".join(dialog.result.new_orders)
            self.message.emit(self.tr("Split {number}: {new} is new").format(number=rows[0].number, new=new))

    # Documents, packing, shipping ------------------------------------------------------
    def _printable(self) -> list[str]:
        return [r.number for r in self.selected_rows() if r.status in PRINTABLE]

    def print_pick_list(self) -> None:
        numbers = self._printable()
        if not numbers:
            return
        dialog = PrintChoiceDialog(
            self.tr("Pick list"),
            self.tr("A pick list for %n order(s), bin by bin", "", len(numbers)),
            self,
            labels=False,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is not None:
            self.printer.pick_list(numbers, dialog.choice)

    def print_labels(self) -> None:
        numbers = self._printable()
        if not numbers:
            return
        dialog = PrintChoiceDialog(
            self.tr("Shipping labels"),
            self.tr("Shipping labels (面单) for %n order(s)", "", len(numbers)),
            self,
            labels=True,
            size=self.label_size,
            zpl=self.label_zpl,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is not None:
            self.label_size, self.label_zpl = dialog.choice.size, dialog.choice.zpl
            self.printer.labels(numbers, dialog.choice)

    def new_order(self) -> None:
        from shopdesk.ui.orders.entry_dialog import OrderEntryDialog

        dialog = OrderEntryDialog(self._shop, self.money, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_number:
            self.refresh()
            self.message.emit(self.tr("Order {number} saved").format(number=dialog.saved_number))

    def record_waybill(self) -> None:
        from shopdesk.ui.orders.waybill_dialog import WaybillDialog

        rows = [r for r in self.selected_rows() if r.status in PRINTABLE]
        if len(rows) != 1:
            return
        dialog = WaybillDialog(self._shop, rows[0].number, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.recorded:
            self.message.emit(self.tr("Waybill recorded on {number}").format(number=rows[0].number))
            self.refresh()

    def edit_order(self) -> None:
        from shopdesk.ui.orders.edit_dialog import OrderEditDialog

        rows = [r for r in self.selected_rows() if r.status in ("draft", "confirmed", "on_hold")]
        if len(rows) != 1:
            return
        try:
            dialog = OrderEditDialog(self._shop, self.money, rows[0].number, self)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_number:
            self.refresh()
            self.message.emit(self.tr("Order {number} saved").format(number=dialog.saved_number))

    def pack(self) -> None:
        from shopdesk.ui.orders.packing import PackingDialog

        rows = [r for r in self.selected_rows() if r.status in PRINTABLE]
        dialog = PackingDialog(self._shop, self.money, self.printer, rows[0].number if rows else None, self)
        dialog.exec()
        self.refresh()

    def pick(self) -> None:
        """Walk the selected allocated orders' pick list scanning each item; Finish marks them picked."""
        from shopdesk.ui.orders.picking import PickingDialog

        numbers = [r.number for r in self.selected_rows() if r.status == "allocated"]
        if not numbers:
            return
        dialog = PickingDialog(self._shop, numbers, self)
        dialog.exec()
        if dialog.results:
            done = sum(1 for r in dialog.results if r.ok)
            self.message.emit(self.tr("Picked %n order(s)", "", done))
        self.refresh()

    def ship_selected(self) -> None:
        from shopdesk.ui.orders.ship_dialog import ShipDialog

        rows = self.selected_rows()
        numbers = [r.number for r in rows if r.status == "packed"]
        if not numbers:
            return
        dialog = ShipDialog(self._shop, numbers, self)
        dialog.exec()
        if dialog.shipped:
            self.message.emit(self.tr("Shipped %n order(s)", "", len(dialog.shipped)))
        self.refresh()
