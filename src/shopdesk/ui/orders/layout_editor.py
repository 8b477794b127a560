"""A shop's own layout for another system's order export (订单模板), saved once, then one of the import profiles.

Like `shopdesk order-layout save FILE --map FIELD=HEADING …`: a sample file's
heading row is read, each of our order fields gets a choice of the file's
columns (guessed from the headings the generic order file knows), and the
layout is saved for every later file with the same headings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.services.marketplace_import import SavedLayout, save_order_layout
from shopdesk.services.order_import_views import FileHeadings, file_headings, order_fields
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.import_dialog import problem_line
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.products.import_wizard import ENCODINGS
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs

COLUMNS_PER_ROW = 2  # field choices side by side: 25 fields fit without scrolling far


class OrderLayoutDialog(QDialog):
    """`saved` holds the SavedLayout once Save has worked; exec() returns Accepted then."""

    def __init__(self, shop: Shop, sample: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New order layout"))
        self._shop = shop
        self.runner = TaskRunner(self)
        self.headings: FileHeadings | None = None
        self.saved: SavedLayout | None = None
        self._wanted = 0

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A sample export of the other system: CSV or Excel (.xlsx)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.encoding = QComboBox()
        for text, value in ENCODINGS:
            self.encoding.addItem(QCoreApplication.translate("ImportWizard", text), value)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 微店 export"))
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItem(self.tr("File (no channel)"), "file")
        for key in CHANNEL:
            self.channel.addItem(label(CHANNEL, key), key)
        self.currency = QLineEdit()
        self.currency.setPlaceholderText(self.tr("the shop's, e.g. CNY"))
        self.currency.setMaxLength(3)
        self.time_zone = QLineEdit()
        self.time_zone.setPlaceholderText(self.tr("this computer's, e.g. Asia/Shanghai"))
        self.read_note = QLabel(self.tr("Choose a sample file: its heading row is read."))
        self.read_note.setWordWrap(True)
        self.read_note.setTextFormat(Qt.TextFormat.PlainText)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setMaximumHeight(140)

        self.combos: dict[str, QComboBox] = {}
        fields_box = QWidget()
        grid = QGridLayout(fields_box)
        for n, field in enumerate(order_fields()):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i: self._enable())
            self.combos[field.name] = combo
            text = f"{field.label} · {field.label_zh}" + (" *" if field.required else "")  # both: as files head them
            row, col = divmod(n, COLUMNS_PER_ROW)
            grid.addWidget(QLabel(text), row, col * 2)
            grid.addWidget(combo, row, col * 2 + 1)
        scroll = QScrollArea()
        scroll.setWidget(fields_box)
        scroll.setWidgetResizable(True)
        columns = QGroupBox(self.tr("Which column holds each order field (* needed)"))
        QVBoxLayout(columns).addWidget(scroll)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(90)
        self.problems.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Sample file"), file_row)
        form.addRow(self.tr("Text encoding"), self.encoding)
        form.addRow(self.tr("Layout name"), self.name)
        form.addRow(self.tr("Orders come from"), self.channel)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Time zone of its times"), self.time_zone)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.read_note)
        layout.addWidget(self.sample)
        layout.addWidget(columns, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(900, 720)

        self.path_edit.editingFinished.connect(self.read_headings)
        self.encoding.currentIndexChanged.connect(lambda _i: self.read_headings())
        self._fill_combos([])
        if sample is not None:
            self.set_file(sample)

    # The sample file --------------------------------------------------------------------
    def set_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        if not self.name.text().strip():
            self.name.setText(path.stem)
        self.read_headings()

    def _browse(self) -> None:
        path, _chosen = file_dialogs.getOpenFileName(
            self, self.tr("Sample order export"), self.path_edit.text(), self.tr("Order exports (*.csv *.xlsx *.txt)")
        )
        if path:
            self.set_file(Path(path))

    def read_headings(self) -> None:
        """Read the sample's heading row in the background and offer its columns for every field."""
        text = self.path_edit.text().strip()
        if not text:
            return
        self._wanted += 1
        wanted, path, encoding = self._wanted, Path(text), self.encoding.currentData()
        self.headings = None
        self._enable()

        def work(_progress: Progress) -> FileHeadings | ShopDeskError:
            try:
                return file_headings(path, encoding=encoding)
            except ShopDeskError as exc:
                return exc

        def done(found: FileHeadings | ShopDeskError) -> None:
            if wanted != self._wanted:
                return
            if isinstance(found, ShopDeskError):
                self._fill_combos([])
                self._show_problems(found)
                self.read_note.setText(str(found).splitlines()[0])
                return
            self.headings = found
            self._show_problems(None)
            self.read_note.setText(
                self.tr("Headings found on row {row}: %n column(s).", "", len(found.headings)).format(
                    row=found.header_row
                )
            )
            self._fill_combos(found.headings, found.guessed)
            self._fill_sample(found)

        self.runner.run(self.tr("Reading {name}").format(name=path.name), work, on_done=done)

    def _fill_combos(self, headings: list[str], guessed: dict[str, str] | None = None) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not in the file —"), "")
            for heading in headings:
                if heading:
                    combo.addItem(heading, heading)
            combo.setCurrentIndex(max(combo.findData((guessed or {}).get(name, "")), 0))
            combo.setEnabled(bool(headings))
            combo.blockSignals(False)
        self._enable()

    def _fill_sample(self, found: FileHeadings) -> None:
        self.sample.clear()
        self.sample.setColumnCount(len(found.headings))
        self.sample.setRowCount(len(found.sample))
        self.sample.setHorizontalHeaderLabels(found.headings)
        self.sample.setVerticalHeaderLabels([str(found.header_row + n) for n in range(1, len(found.sample) + 1)])
        for r, cells in enumerate(found.sample):
            for c, text in enumerate(cells[: len(found.headings)]):
                self.sample.setItem(r, c, QTableWidgetItem(text))

    # Saving ---------------------------------------------------------------------------------
    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def choose(self, field: str, heading: str) -> None:
        combo = self.combos[field]
        index = combo.findData(heading)
        if index < 0:
            raise LookupError(heading)
        combo.setCurrentIndex(index)

    def channel_name(self) -> str:
        """A channel from the list, or one typed in (webshop, weidian...)."""
        index, text = self.channel.currentIndex(), self.channel.currentText().strip()
        if index >= 0 and self.channel.itemText(index) == text and self.channel.itemData(index):
            return str(self.channel.itemData(index))
        return text or "file"

    def _enable(self) -> None:
        required = [f.name for f in order_fields() if f.required]
        mapping = self.mapping()
        self.save_button.setEnabled(self.headings is not None and all(mapping.get(f) for f in required))

    def save(self) -> None:
        """Save the layout (in the background: the sample is read again to find its heading row)."""
        if self.headings is None:
            return
        path, columns = Path(self.headings.file), self.mapping()
        channel = self.channel_name()
        name, currency, zone = self.name.text().strip(), self.currency.text().strip(), self.time_zone.text().strip()
        encoding = self.encoding.currentData()
        self.save_button.setEnabled(False)

        def work(_progress: Progress) -> SavedLayout | ShopDeskError:
            try:
                return save_order_layout(
                    self._shop,
                    path,
                    columns,
                    name=name,
                    channel=channel,
                    currency=currency,
                    time_zone=zone,
                    encoding=encoding,
                )
            except ShopDeskError as exc:
                return exc

        def done(saved: SavedLayout | ShopDeskError) -> None:
            if isinstance(saved, ShopDeskError):
                self._show_problems(saved)
                self._enable()
                return
            self.saved = saved
            self.accept()

        self.runner.run(self.tr("Saving the layout"), work, on_done=done, cancellable=False)

    def _show_problems(self, exc: ShopDeskError | None) -> None:
        self.problems.clear()
        if exc is None:
            self.problems.hide()
            return
        found = exc.problems if isinstance(exc, ValidationFailed) else [Problem("", str(exc))]
        self.problems.addItems([problem_line(p) for p in found])
        self.problems.show()

    def reject(self) -> None:
        self.runner.shutdown()
        super().reject()
