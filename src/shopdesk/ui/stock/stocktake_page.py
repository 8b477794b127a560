"""The stocktake screen (库存盘点): start a count, scan or type counts, review the differences, post.

Counting is done in the scan field: each scan of a product adds the quantity
beside it (1, or what was typed: a carton of 12), at the chosen location or
the product's only place on the count. An unknown code is said plainly (red,
a beep) and counts nowhere; for a role that edits the catalogue an "Assign
… to a product" button appears beside it, and only clicking it opens the
dialog to find the product and give it the code as a new barcode (the
Receive dialog's AssignCodeDialog); the scan then counts once. Nothing pops
up by itself: the counter's next scan must count, not land in a dialog.
On a blind stocktake the list
hides the expected quantities and the differences (which lines differ, how
many, their value) until it is posted; only the owner may tick "Show expected"
to review them meanwhile. Posting runs in the background.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.domain.stocktake import StocktakeStatus, Uncounted
from shopdesk.services.scanning import UnknownCode
from shopdesk.services.shop import Shop
from shopdesk.services.stocktake import CountLine, PostResult, StocktakeSummary
from shopdesk.services.stocktake_queries import may_see_expected
from shopdesk.ui import errors
from shopdesk.ui.models.paged_table import PagedTableModel
from shopdesk.ui.stock.assign_code_dialog import AssignCodeDialog
from shopdesk.ui.stock.scan_field import ScanField
from shopdesk.ui.stock.source import CountFilter, CountLineSource, count_columns
from shopdesk.ui.stock.stocktake_start import StartStocktakeDialog
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.money import MoneyFormat
from shopdesk.ui.widgets.search_field import SearchField
from shopdesk.ui.widgets.table_view import DataTableView

NAME_COLUMN = 2  # of count_columns: Location, SKU, Name, ...


class StocktakePage(QWidget):
    message = Signal(str)
    posted = Signal()

    def __init__(self, shop: Shop, runner: TaskRunner, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self.model: PagedTableModel[CountFilter, CountLine] = PagedTableModel(
            CountLineSource(shop),
            count_columns(money, costs=shop.can(Permission.VIEW_COSTS)),
            CountFilter(),
            parent=self,
        )
        self._money = money
        self.stocktake = QComboBox()
        self.stocktake.setMinimumContentsLength(28)
        self.new_button = QPushButton(self.tr("New stocktake…"))
        self.import_button = QPushButton(self.tr("Import count sheet…"))
        self.cancel_button = QPushButton(self.tr("Cancel stocktake…"))
        self.post_button = QPushButton(self.tr("Post differences…"))
        self.new_button.setEnabled(shop.can(Permission.MOVE_STOCK))
        self.summary = QLabel()
        self.location = QComboBox()
        self.scan = ScanField()
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 1_000_000)
        self.quantity.setToolTip(self.tr("How many each scan adds (a carton of 12: type 12, then scan)"))
        self.set_count_button = QPushButton(self.tr("Type the count…"))
        self.assign_button = QPushButton()  # "Assign {code} to a product…", shown after an unknown code
        self.assign_button.setAutoDefault(False)
        self.assign_button.hide()
        self.unknown_code = ""
        self.which = QComboBox()
        for text, only in (
            (self.tr("All lines"), "all"),
            (self.tr("Not counted yet"), "uncounted"),
            (self.tr("Counted"), "counted"),
            (self.tr("Differences"), "differences"),
        ):
            self.which.addItem(text, only)
        self.reveal = QCheckBox(self.tr("Show expected (supervisor)"))
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Filter by SKU, name or location"))
        self.table = DataTableView()
        self.table.setModel(self.model)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Stocktake")))
        top.addWidget(self.stocktake, 1)
        for button in (self.new_button, self.import_button, self.cancel_button, self.post_button):
            top.addWidget(button)
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("Where")))
        scan_row.addWidget(self.location)
        scan_row.addWidget(QLabel(self.tr("Each scan adds")))
        scan_row.addWidget(self.quantity)
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.assign_button)
        scan_row.addWidget(self.set_count_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.which)
        filters.addWidget(self.reveal)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(scan_row)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self.new_button.clicked.connect(self.start_new)
        self.import_button.clicked.connect(self.import_sheet)
        self.cancel_button.clicked.connect(self.cancel_current)
        self.post_button.clicked.connect(self.confirm_post)
        self.set_count_button.clicked.connect(self.type_count)
        self.scan.scanned.connect(self.count_scan)
        self.assign_button.clicked.connect(self.assign_unknown)
        self.stocktake.currentIndexChanged.connect(lambda _i: self._stocktake_changed())
        self.which.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.reveal.toggled.connect(lambda _on: self.refresh_filters())
        self.search.search_changed.connect(lambda _text: self.apply_filters())
        self.load_stocktakes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()  # the rows on screen are known only once it is shown

    def fit_columns(self) -> None:
        """Every column as wide as its title and the lines on screen; the product name takes the width left.

        Done when it is shown and for another stocktake, not after each count: a width set by hand stays."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)

    # Which stocktake ---------------------------------------------------------------------
    def load_stocktakes(self, select: str | None = None) -> None:
        current = select or self.stocktake.currentData()
        self.stocktake.blockSignals(True)
        try:
            self.stocktake.clear()
            for s in self._shop.stocktakes.stocktakes(limit=50):
                state = self.tr("counting") if s.status == StocktakeStatus.COUNTING else self._state_label(s.status)
                self.stocktake.addItem(f"{s.number} · {s.scope} · {state}", s.number)
            index = self.stocktake.findData(current) if current else -1
            self.stocktake.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self.stocktake.blockSignals(False)
        self._stocktake_changed()

    def _state_label(self, status: str) -> str:
        return self.tr("posted") if status == StocktakeStatus.POSTED else self.tr("cancelled")

    def current(self) -> StocktakeSummary | None:
        number = self.stocktake.currentData()
        return None if number is None else self._shop.stocktakes.summary(number)

    def _stocktake_changed(self) -> None:
        summary = self.current()
        counting = summary is not None and summary.status == StocktakeStatus.COUNTING
        # Counting and posting are for whoever moves stock (owner, warehouse staff); the others only look.
        counts = counting and self._shop.can(Permission.MOVE_STOCK)
        for widget in (self.scan, self.quantity, self.location, self.set_count_button, self.cancel_button):
            widget.setEnabled(counts)
        self.import_button.setEnabled(counts)
        self.post_button.setEnabled(counts)
        self._offer_to_assign("")  # an unknown code scanned into another stocktake
        # Only the owner may look at the book during a blind count (not the warehouse staff who count).
        may_reveal = summary is not None and summary.blind and counting and may_see_expected(self._shop)
        self.reveal.setVisible(may_reveal)
        if not may_reveal:
            self.reveal.setChecked(False)
        self.location.clear()
        self.location.addItem(self.tr("Its place on the list"), None)
        if summary is not None:
            for ref in self._shop.locations.bins():
                self.location.addItem(ref.path, ref.path)
        self._show_summary(summary)
        self.apply_filters()
        self.fit_columns()
        if counting:
            self.scan.setFocus()

    def _show_summary(self, summary: StocktakeSummary | None) -> None:
        if summary is None:
            self.summary.setText(self.tr("No stocktake yet: start one with New stocktake."))
            return
        text = self.tr("{counted} of {lines} line(s) counted").format(counted=summary.counted, lines=summary.lines)
        blind = summary.blind and summary.status == StocktakeStatus.COUNTING and not self.reveal.isChecked()
        if blind or summary.differences is None:
            text += self.tr("; blind count: differences are shown once it is posted")
        elif summary.gain_value is None or summary.loss_value is None:  # a role without values
            text += self.tr("; {n} difference(s)").format(n=summary.differences)
        else:
            text += self.tr("; {n} difference(s): gains {gain}, losses {loss}").format(
                n=summary.differences, gain=self._money(summary.gain_value), loss=self._money(summary.loss_value)
            )
        self.summary.setText(text)

    def apply_filters(self) -> None:
        summary = self.current()
        stocktake_id = 0 if summary is None else summary.id
        # A blind count hides which lines differ from whoever may not see what the book says.
        hidden = summary is not None and summary.blind and summary.status == StocktakeStatus.COUNTING
        hidden = hidden and not self.reveal.isChecked()
        differences = self.which.findData("differences")
        self.which.model().item(differences).setEnabled(not hidden)  # type: ignore[attr-defined]
        if hidden and self.which.currentIndex() == differences:
            self.which.setCurrentIndex(0)  # calls this again
            return
        flt = dataclasses.replace(
            self.model.filter,
            stocktake_id=stocktake_id,
            only=self.which.currentData() or "all",
            text=self.search.text().strip(),
            for_counter=not self.reveal.isChecked(),
        )
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def refresh_filters(self) -> None:
        self.apply_filters()
        self._show_summary(self.current())

    def refresh(self) -> None:
        self.model.refresh()
        self._show_summary(self.current())

    # Counting ---------------------------------------------------------------------------
    def count_scan(self, code: str) -> bool:
        """Add this scan to the count; True when it counted. An unknown code counts nowhere (it may be assigned)."""
        self._offer_to_assign("")
        number = self.stocktake.currentData()
        if number is None:
            return False
        try:
            result = self._shop.stocktakes.record_scan(
                number, code, location=self.location.currentData(), quantity=self.quantity.value()
            )
        except UnknownCode as unknown:
            self.scan.show_failure(unknown.scan.message)
            if unknown.scan.can_assign and self._shop.can(Permission.EDIT_CATALOGUE):
                self._offer_to_assign(unknown.scan.code)
            return False
        except ShopDeskError as exc:
            self.scan.show_failure(str(exc).splitlines()[-1] if str(exc) else type(exc).__name__)
            return False
        self.scan.show_success(result.message)
        self.quantity.setValue(1)  # a typed carton quantity is for one scan
        self.refresh()
        return True

    def _offer_to_assign(self, code: str) -> None:
        """Show the "Assign … to a product" button for this unknown code ("" hides it)."""
        self.unknown_code = code
        self.assign_button.setText(self.tr("Assign {code} to a product…").format(code=code))
        self.assign_button.setVisible(bool(code))

    def assign_unknown(self) -> bool:
        """The person clicked Assign: find the product the unknown code belongs to, give it the code, count the
        scan once; True if counted. Only for a role that may edit the catalogue (the service refuses the others).
        """
        code = self.unknown_code
        if not code:
            return False
        dialog = AssignCodeDialog(self._shop, code, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.scan.setFocus()  # back to scanning, whatever was chosen
        if not accepted or dialog.result_scan is None:
            return False
        self.message.emit(self.tr("{code} is now a barcode of {sku}").format(code=code, sku=dialog.result_scan.sku))
        return self.count_scan(code)

    def type_count(self) -> None:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        line = self.model.row_at(rows[0]) if rows else None
        if line is None:
            self.scan.show_failure(self.tr("Select a line to type its count"))
            return
        counted, ok = QInputDialog.getInt(
            self, self.tr("Counted quantity"), f"{line.sku} · {line.location}", line.counted or 0, 0, 1_000_000_000
        )
        if ok:
            self.set_count(line, counted)

    def set_count(self, line: CountLine, counted: int) -> None:
        try:
            result = self._shop.stocktakes.set_count(
                self.stocktake.currentData(), line.product_id, counted, location=line.location
            )
        except ShopDeskError as exc:
            self.scan.show_failure(str(exc))
            return
        self.scan.show_success(result.message)
        self.refresh()

    # Starting, importing, posting -------------------------------------------------------
    def start_new(self) -> None:
        dialog = StartStocktakeDialog(self._shop, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            summary = self._shop.stocktakes.start(
                warehouse=dialog.warehouse.currentData(),
                zone=dialog.zone.currentData(),
                category=dialog.category.currentData(),
                blind=dialog.blind.isChecked(),
                note=dialog.note.text(),
            )
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.message.emit(
            self.tr("{number} started: {n} line(s) to count").format(number=summary.number, n=summary.lines)
        )
        self.load_stocktakes(summary.number)

    def import_sheet(self) -> None:
        path, _chosen = file_dialogs.getOpenFileName(
            self, self.tr("Import a count sheet"), str(Path.home()), self.tr("Count sheets (*.csv *.xlsx *.txt)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        number = self.stocktake.currentData()

        def work(_progress: Progress):  # type: ignore[no-untyped-def]
            return self._shop.stocktakes.import_counts(number, path)

        def done(result) -> None:  # type: ignore[no-untyped-def]
            self.message.emit(self.tr("Counted %n line(s) from the sheet", "", result.lines_counted))
            self.refresh()

        self._runner.run(self.tr("Importing the count sheet"), work, on_done=done)

    def cancel_current(self) -> None:
        number = self.stocktake.currentData()
        reason, ok = QInputDialog.getText(self, self.tr("Cancel stocktake"), self.tr("Why is it cancelled?"))
        if not ok:
            return
        try:
            self._shop.stocktakes.cancel(number, reason)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.load_stocktakes(number)

    def confirm_post(self) -> None:
        summary = self.current()
        if summary is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Post {number}").format(number=summary.number))
        if summary.differences is None:  # a blind count: the poster counted too, and sees the result once posted
            box.setText(
                self.tr(
                    "The counts will be compared with the book and the differences written as stock adjustments. A stocktake is posted once."
                )
            )
        elif summary.gain_value is None or summary.loss_value is None:  # a role that does not see values
            box.setText(
                self.tr("{n} difference(s) will be written as stock adjustments. A stocktake is posted once.").format(
                    n=summary.differences
                )
            )
        else:
            box.setText(
                self.tr(
                    "{n} difference(s) will be written as stock adjustments: gains {gain}, losses {loss}. "
                    "A stocktake is posted once."
                ).format(
                    n=summary.differences, gain=self._money(summary.gain_value), loss=self._money(summary.loss_value)
                )
            )
        post = box.addButton(self.tr("Post"), QMessageBox.ButtonRole.AcceptRole)
        uncounted = None
        if summary.uncounted:
            box.setInformativeText(self.tr("%n line(s) are not counted.", "", summary.uncounted))
            post.setText(self.tr("Post, skip uncounted"))
            uncounted = box.addButton(self.tr("Post, uncounted are 0"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is post:
            self.post(Uncounted.SKIP if summary.uncounted else Uncounted.REFUSE)
        elif uncounted is not None and box.clickedButton() is uncounted:
            self.post(Uncounted.ZERO)

    def post(self, uncounted: Uncounted = Uncounted.REFUSE) -> None:
        """Post the current stocktake in the background (a big count writes many moves)."""
        number = self.stocktake.currentData()

        def work(_progress: Progress) -> PostResult:
            return self._shop.stocktakes.post(number, uncounted=uncounted)

        def done(result: PostResult) -> None:
            self.message.emit(
                self.tr("{number} posted: {n} line(s) adjusted").format(number=result.number, n=result.lines_adjusted)
            )
            self.load_stocktakes(number)
            self.posted.emit()

        self._runner.run(self.tr("Posting the stocktake"), work, on_done=done, cancellable=False)
