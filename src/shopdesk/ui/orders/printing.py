"""Printing pick lists, labels (面单) and packing slips from the app.

The documents are PDFs made by shopdesk.documents (labels at their true size,
CJK text embedded, barcodes that scan). To print, the app writes the PDF to
ShopDesk's print folder and, when the computer has a printer, shows the Qt print
dialog and prints the same PDF's pages rendered at the printer's resolution
(ui/print_pdf.py: nothing is drawn twice); with no printer it opens the PDF in
the system's viewer. "Save…" keeps the file where the person chooses. ZPL goes
to a file for thermal printers that take it.

Making the document runs in the background (ui/tasks.py): a pick list of
500 orders or a thousand labels takes longer than a blink.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from shopdesk.config import Settings, data_dir
from shopdesk.documents.labels import LABEL_SIZES
from shopdesk.services.fulfilment_documents import FulfilmentDocuments, write_atomically
from shopdesk.services.shop import Shop
from shopdesk.ui.print_pdf import has_printer, print_with_dialog
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs

LABEL_SIZE_TITLES = {
    "4x6": "4×6 in (102×152 mm)",
    "100x150": "100×150 mm",
    "76x130": "76×130 mm (一联单)",
    "a6-on-a4": "A4, 4 × A6",
}


def print_folder() -> Path:
    """Where documents opened for printing are written (kept until the next time the same one is printed)."""
    folder = data_dir() / "print"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_in_viewer(path: Path) -> bool:
    """Open a document in the system's viewer (to print it); False if the system has none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class Choice:
    """What the person chose in the print dialog: how, and where to (None: open it to print)."""

    path: Path | None
    size: str = "4x6"
    zpl: bool = False
    consolidated: bool = True


class PrintChoiceDialog(QDialog):
    """Size and format for labels, or the kind of pick list; then Print (open in the viewer) or Save…."""

    def __init__(
        self,
        title: str,
        what: str,
        parent: QWidget | None = None,
        *,
        labels: bool,
        size: str = "4x6",
        zpl: bool = False,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choice: Choice | None = None
        self._labels = labels
        self._what = what
        form = QFormLayout(self)
        form.addRow(QLabel(what))
        self.size = QComboBox()
        self.format = QComboBox()
        self.consolidated = QCheckBox(self.tr("One list for all orders, with a put-wall split"))
        if labels:
            for key in LABEL_SIZES:
                self.size.addItem(LABEL_SIZE_TITLES.get(key, key), key)
            self.size.setCurrentIndex(max(0, self.size.findData(size)))
            self.format.addItem(self.tr("PDF"), "pdf")
            self.format.addItem(self.tr("ZPL for a thermal printer (203 dpi)"), "zpl")
            self.format.setCurrentIndex(1 if zpl else 0)
            form.addRow(self.tr("Label size"), self.size)
            form.addRow(self.tr("Format"), self.format)
            self.format.currentIndexChanged.connect(self._format_changed)
            self.size.currentIndexChanged.connect(self._format_changed)
        else:
            self.consolidated.setChecked(True)
            form.addRow(self.consolidated)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setToolTip(
            self.tr("Prints through the print dialog, or opens the PDF when there is no printer")
        )
        self.save_button = buttons.addButton(self.tr("Save…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self._choose(None))
        self.save_button.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if labels:
            self._format_changed()

    def _format_changed(self) -> None:
        zpl = self.format.currentData() == "zpl"
        if zpl and self.size.currentData() == "a6-on-a4":
            self.size.setCurrentIndex(self.size.findData("4x6"))
        self.print_button.setEnabled(not zpl)  # ZPL is not for a PDF viewer: save it for the printer

    def _current(self, path: Path | None) -> Choice:
        return Choice(
            path,
            str(self.size.currentData() or "4x6"),
            self.format.currentData() == "zpl",
            self.consolidated.isChecked(),
        )

    def _choose(self, path: Path | None) -> None:
        self.choice = self._current(path)
        self.accept()

    def _save(self) -> None:
        zpl = self._labels and self.format.currentData() == "zpl"
        name = ("labels" if self._labels else "picklist") + (".zpl" if zpl else ".pdf")
        kind = self.tr("ZPL for label printers (*.zpl)") if zpl else self.tr("PDF (*.pdf)")
        path, _ = file_dialogs.getSaveFileName(self, self.windowTitle(), str(Path.home() / name), kind)
        if path:
            self._choose(Path(path))


class DocumentPrinter(QObject):
    """Makes a document in the background, then writes it and opens it (or just saves it)."""

    def __init__(self, shop: Shop, runner: TaskRunner, parent: QWidget, report: Callable[[str], None]):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._parent = parent
        self._report = report

    def _run(
        self, title: str, make: Callable[[FulfilmentDocuments], bytes | str], path: Path | None, name: str
    ) -> None:
        target = path or print_folder() / name

        def work(progress: Progress) -> Path:
            progress(0, 1, title)
            data = make(FulfilmentDocuments(self._shop))
            progress.check()
            return write_atomically(target, data)

        def done(written: Path) -> None:
            if path is not None:
                self._report(self.tr("Saved {path}").format(path=written))
            elif written.suffix == ".zpl":  # for the thermal printer, not for a viewer
                self._report(self.tr("ZPL for the label printer written to {path}").format(path=written))
            elif has_printer():
                if print_with_dialog(written, self._parent, Settings.load().printer):
                    self._report(self.tr("Sent {path} to the printer").format(path=written))
            elif open_in_viewer(written):
                self._report(self.tr("Opened {path} for printing").format(path=written))
            else:
                self._report(self.tr("No PDF viewer to print with; the file is {path}").format(path=written))

        self._runner.run(title, work, on_done=done)

    def labels(self, numbers: Sequence[str], choice: Choice) -> None:
        """Labels for the orders, as PDF or ZPL."""
        numbers = list(numbers)
        if choice.zpl:
            self._run(
                self.tr("Making labels"), lambda docs: docs.labels_zpl(numbers, choice.size), choice.path, "labels.zpl"
            )
        else:
            self._run(
                self.tr("Making labels"), lambda docs: docs.labels_pdf(numbers, choice.size), choice.path, "labels.pdf"
            )

    def pick_list(self, numbers: Sequence[str], choice: Choice) -> None:
        numbers = list(numbers)
        self._run(
            self.tr("Making the pick list"),
            lambda docs: docs.pick_list_pdf(numbers, consolidated=choice.consolidated),
            choice.path,
            "picklist.pdf",
        )

    def packing_slip(self, number: str, path: Path | None = None) -> None:
        self._run(
            self.tr("Making the packing slip"),
            lambda docs: docs.packing_slip_pdf(number),
            path,
            f"packing-slip-{number}.pdf",
        )
