"""Import products from a spreadsheet, step by step: file, how it is read, columns, check, import.

Every step shows what the importer made of the file (ProductImport.preview),
worked out in the background; the import itself runs in the background too,
with progress and cancel. Nothing is written until the last step, and then
all good rows or nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shopdesk.services.product_import import ImportOptions, ImportPreview, ImportResult, ProductImport
from shopdesk.services.shop import Shop
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.tasks import Progress, Task, TaskRunner
from shopdesk.ui.widgets import file_dialogs

FIELD_LABELS = {
    "sku": QT_TRANSLATE_NOOP("ImportWizard", "SKU"),
    "name": QT_TRANSLATE_NOOP("ImportWizard", "Name"),
    "alt_name": QT_TRANSLATE_NOOP("ImportWizard", "Second name"),
    "price": QT_TRANSLATE_NOOP("ImportWizard", "Price"),
    "cost": QT_TRANSLATE_NOOP("ImportWizard", "Cost"),
    "barcodes": QT_TRANSLATE_NOOP("ImportWizard", "Barcodes"),
    "category": QT_TRANSLATE_NOOP("ImportWizard", "Category"),
    "unit": QT_TRANSLATE_NOOP("ImportWizard", "Unit"),
    "weight_g": QT_TRANSLATE_NOOP("ImportWizard", "Weight (g)"),
    "status": QT_TRANSLATE_NOOP("ImportWizard", "Status"),
    "tags": QT_TRANSLATE_NOOP("ImportWizard", "Tags"),
    "parent_sku": QT_TRANSLATE_NOOP("ImportWizard", "Parent SKU"),
    "variant_label": QT_TRANSLATE_NOOP("ImportWizard", "Variant (规格)"),
    "description": QT_TRANSLATE_NOOP("ImportWizard", "Description"),
}
ENCODINGS = [
    (QT_TRANSLATE_NOOP("ImportWizard", "Detect"), None),
    ("UTF-8", "utf-8"),
    (QT_TRANSLATE_NOOP("ImportWizard", "UTF-8 with BOM"), "utf-8-sig"),
    ("GB18030 / GBK", "gb18030"),
    ("Big5", "big5"),
    ("UTF-16", "utf-16"),
]
DELIMITERS = [
    (QT_TRANSLATE_NOOP("ImportWizard", "Detect"), None),
    (QT_TRANSLATE_NOOP("ImportWizard", "Comma ,"), ","),
    (QT_TRANSLATE_NOOP("ImportWizard", "Semicolon ;"), ";"),
    (QT_TRANSLATE_NOOP("ImportWizard", "Tab"), "\t"),
]
DECIMALS = [
    (QT_TRANSLATE_NOOP("ImportWizard", "Detect"), None),
    (QT_TRANSLATE_NOOP("ImportWizard", "12.50 (decimal point)"), False),
    (QT_TRANSLATE_NOOP("ImportWizard", "12,50 (decimal comma)"), True),
]
MAX_PROBLEMS_LISTED = 1000
_WHERE = re.compile(r"^row (?P<row>\d+)(?:, column (?P<column>[A-Z]+)(?: \((?P<heading>.*)\))?)?$")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for label, value in items:
        combo.addItem(_tr(label), value)
    return combo


def _select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ImportWizard(QWizard):
    """`imported` holds the ImportResult once the import has run; exec() returns Accepted then."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self._importer = ProductImport(shop)
        self.runner = TaskRunner(self)
        self.options = ImportOptions()
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None
        self.import_task: Task[ImportResult] | None = None
        self.announcement: QMessageBox | None = None
        self._wanted = 0  # the latest preview asked for; older answers are dropped
        self.setWindowTitle(self.tr("Import products"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))
        self.file_page = FilePage(self)
        self.reading_page = ReadingPage(self)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        for page in (self.file_page, self.reading_page, self.columns_page, self.check_page):
            self.addPage(page)
        self.resize(900, 620)

    # Previews -------------------------------------------------------------------------
    def refresh_preview(self, *, then_next: bool = False) -> None:
        """Work out the preview for the current file and options in the background."""
        if self.path is None:
            return
        self._wanted += 1
        wanted, path, options = self._wanted, self.path, replace(self.options)

        def work(progress: Progress) -> ImportPreview:
            return self._importer.preview(path, options, progress=progress, cancelled=progress.is_cancelled)

        def done(preview: ImportPreview) -> None:
            if wanted != self._wanted:
                return
            self.preview = preview
            for page in (self.reading_page, self.columns_page, self.check_page):
                page.show_preview(preview)
            if then_next:
                self.next()

        self.runner.run(self.tr("Reading {name}").format(name=path.name), work, on_done=done)

    def choose_file(self, path: Path) -> None:
        """A new file: everything detected afresh."""
        self.path = path
        self.options = ImportOptions()
        self.preview = None

    def change_options(self, **changes: object) -> None:
        self.options = replace(self.options, **changes)
        self.refresh_preview()

    # Importing -------------------------------------------------------------------------
    def accept(self) -> None:
        """Finish pressed: import in the background; the wizard closes when it has worked."""
        if self.imported is not None:
            super().accept()
            return
        path, options = self.path, replace(self.options, good_rows_only=self.check_page.good_rows_only.isChecked())
        assert path is not None
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def work(progress: Progress) -> ImportResult:
            return self._importer.run(path, options, progress=progress, cancelled=progress.is_cancelled)

        def done(result: ImportResult) -> None:
            self.imported = result
            self._announce(result)
            super(ImportWizard, self).accept()

        self.import_task = self.runner.run(self.tr("Importing {name}").format(name=path.name), work, on_done=done)
        self.import_task.done.connect(lambda: self.button(QWizard.WizardButton.FinishButton).setEnabled(True))

    def _announce(self, result: ImportResult) -> None:
        text = self.tr("Imported: %n new product(s)", "", result.created)
        text += "\n" + self.tr("%n product(s) updated", "", result.updated)
        text += "\n" + self.tr("%n product(s) unchanged", "", result.unchanged)
        if result.skipped_rows:
            text += "\n" + self.tr("%n row(s) with problems skipped", "", len(result.skipped_rows))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import products"), text, parent=self.parentWidget())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.announcement = box

    def reject(self) -> None:
        self.runner.shutdown()
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr("A CSV or Excel (.xlsx) file with one product per row. Nothing is changed until the last step.")
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("e.g. 商品清单.xlsx"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Headings in English or Chinese are recognised (货号, 名称, 售价, 条码 …); "
                "title rows above the headings are skipped."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _browse(self) -> None:
        path, _chosen = file_dialogs.getOpenFileName(
            self, self.tr("Import products"), self.path_edit.text(), self.tr("Spreadsheets (*.xlsx *.csv *.txt)")
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        """Moves on once the file has been read (in the background)."""
        path = Path(self.path_edit.text().strip())
        preview = self._wizard.preview
        if preview is not None and self._wizard.path == path:
            return True
        self._wizard.choose_file(path)
        self._wizard.refresh_preview(then_next=True)
        return False


class ReadingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self._showing = False
        self.setTitle(self.tr("How the file is read"))
        self.setSubTitle(self.tr("Check that the text and the columns look right; change what was detected if not."))
        self.encoding = _combo(ENCODINGS)
        self.delimiter = _combo(DELIMITERS)
        self.decimals = _combo(DECIMALS)
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 10_000)
        self.header_row.setSpecialValueText(self.tr("Detect"))
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Text encoding"), self.encoding)
        form.addRow(self.tr("Delimiter"), self.delimiter)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Headings on row"), self.header_row)
        form.addRow(self.tr("Prices written as"), self.decimals)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addWidget(self.table, 1)
        self.encoding.currentIndexChanged.connect(lambda: self._changed(encoding=self.encoding.currentData()))
        self.delimiter.currentIndexChanged.connect(lambda: self._changed(delimiter=self.delimiter.currentData()))
        self.decimals.currentIndexChanged.connect(lambda: self._changed(decimal_comma=self.decimals.currentData()))
        self.sheet.currentIndexChanged.connect(lambda: self._changed(sheet=self.sheet.currentText() or None))
        self.header_row.valueChanged.connect(lambda value: self._changed(header_row=value or None))

    def _changed(self, **changes: object) -> None:
        if self._showing:
            return
        # Other headings or another sheet: the column mapping is worked out again.
        self._wizard.change_options(mapping=None, **changes)

    def show_preview(self, preview: ImportPreview) -> None:
        self._showing = True
        try:
            options = self._wizard.options
            _select_data(self.encoding, options.encoding)
            _select_data(self.delimiter, options.delimiter)
            _select_data(self.decimals, options.decimal_comma)
            csv = preview.kind == "csv"
            self.encoding.setEnabled(csv)
            self.delimiter.setEnabled(csv)
            self.sheet.clear()
            self.sheet.addItems(preview.sheet_names)
            self.sheet.setCurrentText(preview.sheet or "")
            self.sheet.setEnabled(len(preview.sheet_names) > 1)
            self.header_row.setValue(options.header_row or 0)
        finally:
            self._showing = False
        found = [self.tr("Headings found on row {row}.").format(row=preview.header_row)]
        if csv:
            delimiter = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab")}
            found.insert(
                0,
                self.tr("Read as {encoding}, separated by {delimiter}.").format(
                    encoding=(preview.encoding or "").upper(), delimiter=delimiter.get(preview.delimiter or ",", "?")
                ),
            )
        found.append(self.tr("Prices with a decimal comma.") if preview.decimal_comma else "")
        self.detected.setText(" ".join(filter(None, found)))
        self.table.clear()
        self.table.setColumnCount(len(preview.headers))
        self.table.setRowCount(len(preview.sample))
        self.table.setHorizontalHeaderLabels(preview.headers)
        self.table.setVerticalHeaderLabels([str(n) for n in preview.sample_rows])
        for r, cells in enumerate(preview.sample):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self._showing = False
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Which column of the file holds what. Fields marked * are needed."))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name, label in FIELD_LABELS.items():
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._changed)
            self.combos[name] = combo
            required = name in ("sku", "name")
            form.addRow(_tr(label) + (" *" if required else ""), combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(form)
        layout.addStretch(1)

    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def _changed(self) -> None:
        if not self._showing:
            self._wizard.change_options(mapping=self.mapping())

    def show_preview(self, preview: ImportPreview) -> None:
        self._showing = True
        try:
            for name, combo in self.combos.items():
                combo.clear()
                combo.addItem(self.tr("— not in the file —"), "")
                for heading in preview.headers:
                    if heading:
                        combo.addItem(heading, heading)
                _select_data(combo, preview.mapping.get(name, ""))
        finally:
            self._showing = False
        self.source.setText(
            {
                "remembered": self.tr("Remembered from the last file with these headings."),
                "guessed": self.tr("Guessed from the headings; check them. Your choice is remembered for this layout."),
                "chosen": self.tr("As you chose; remembered for files with these headings."),
            }.get(preview.mapping_source, "")
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        mapping = self.mapping()
        return all(mapping.get(name) for name in ("sku", "name"))


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Check and import"))
        self.setSubTitle(
            self.tr(
                "Every row has been checked. Nothing is written unless all rows are good, or you choose to skip the bad ones."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem"), self.tr("Found")]
        )
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().setVisible(False)
        self.good_rows_only = QCheckBox(self.tr("Import only the good rows and skip the others"))
        self.good_rows_only.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.good_rows_only)

    def show_preview(self, preview: ImportPreview) -> None:
        lines = [
            self.tr(
                "%n row(s) read: {new} new, {update} to update, {unchanged} unchanged.", "", preview.total_rows
            ).format(new=preview.new_count, update=preview.update_count, unchanged=preview.unchanged_count)
        ]
        if preview.bad_rows:
            lines.append(self.tr("%n row(s) have problems:", "", len(preview.bad_rows)))
        elif preview.problems:
            lines.append(self.tr("The file cannot be imported:"))
        else:
            lines.append(self.tr("No problems found."))
        self.summary.setText("\n".join(lines))
        shown = preview.problems[:MAX_PROBLEMS_LISTED]
        self.problems.setRowCount(len(shown) + (len(preview.problems) > len(shown)))
        for r, problem in enumerate(shown):
            where = _WHERE.match(problem.where)
            row, column = ("", "") if where is None else (where["row"], where["column"] or "")
            if where is not None and where["heading"]:
                column = f"{column} ({where['heading']})"
            cells = [row, column, problem_text(problem.message), problem.found or ""]
            for c, text in enumerate(cells):
                self.problems.setItem(r, c, QTableWidgetItem(text))
        if len(preview.problems) > len(shown):
            more = self.tr("… and %n more", "", len(preview.problems) - len(shown))
            self.problems.setItem(len(shown), 2, QTableWidgetItem(more))
        for column in (0, 1, 3):
            self.problems.resizeColumnToContents(column)
        # Skipping rows only helps when the file itself (its columns) is fine.
        self.good_rows_only.setEnabled(bool(preview.bad_rows))
        if not preview.bad_rows:
            self.good_rows_only.setChecked(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        if preview is None:
            return False
        if not preview.problems:
            return True
        return bool(preview.bad_rows) and len(preview.bad_rows) < preview.total_rows and self.good_rows_only.isChecked()
