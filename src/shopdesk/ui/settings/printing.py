"""Printing set-up of this computer: the label stock in the printer, PDF or ZPL, and which printer.

Kept in the local Settings (each packing PC has its own printer). Test print
makes a sample label through shopdesk.documents at the chosen size and sends it
through the print dialog to the chosen printer, as the Orders tab prints; with no
printer on this computer it opens that PDF in the system's viewer as the preview. A ZPL test label is written next to it for the
thermal printer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QWidget

from shopdesk.config import Settings
from shopdesk.documents.data import Address, ShippingLabel
from shopdesk.documents.labels import LABEL_SIZES, render_labels
from shopdesk.documents.zpl import render_zpl
from shopdesk.services.fulfilment_documents import write_atomically
from shopdesk.ui.orders.printing import LABEL_SIZE_TITLES, open_in_viewer, print_folder
from shopdesk.ui.print_pdf import has_printer, print_with_dialog
from shopdesk.ui.tasks import Progress, TaskRunner

ZPL_SIZES = tuple(key for key, size in LABEL_SIZES.items() if size.per_page == 1)  # ZPL prints one label per page


def sample_label() -> ShippingLabel:
    """A label with Chinese and Latin text, a barcode and a QR code: all a real label needs to show."""
    return ShippingLabel(
        order_number="TEST-0001",
        sender=Address(
            "ShopDesk 测试", ("科技园南区深南大道10000号",), "深圳市", "518000", "广东省", "", "CN", "0755-00000000"
        ),
        recipient=Address(
            "张三 Zhang San",
            ("朝阳区建国路88号", "SOHO现代城 A座 1201"),
            "北京市",
            "100022",
            "北京市",
            "",
            "CN",
            "13800138000",
        ),
        carrier="顺丰速运",
        service="标快",
        tracking_number="SF0000000000001",
        weight_g=1250,
        item_count=2,
        remark="Test print 测试打印",
    )


def make_test_label(size: str, zpl: bool, folder: Path) -> tuple[Path, Path | None]:
    """The sample label as a PDF (the preview) and, for ZPL, the printer's file too."""
    pdf = write_atomically(folder / f"test-label-{size}.pdf", render_labels([sample_label()], size))
    code = write_atomically(folder / f"test-label-{size}.zpl", render_zpl([sample_label()], size)) if zpl else None
    return pdf, code


class PrintingPage(QGroupBox):
    """Label size, format and printer for the settings dialog; apply() writes them into Settings."""

    def __init__(self, settings: Settings, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Printing labels"))
        self._runner = runner
        self.label_size = QComboBox()
        for key in LABEL_SIZES:
            self.label_size.addItem(LABEL_SIZE_TITLES.get(key, key), key)
        self.format = QComboBox()
        self.format.addItem(self.tr("PDF"), "pdf")
        self.format.addItem(self.tr("ZPL for a thermal printer (203 dpi)"), "zpl")
        self.printer = QComboBox()
        names = QPrinterInfo.availablePrinterNames()
        if not names:
            self.printer.addItem(self.tr("Save as PDF (no printer on this computer)"), "")
        for name in names:
            self.printer.addItem(name, name)
        self.test_print = QPushButton(self.tr("Test print"))
        self.test_print.clicked.connect(self.print_test_label)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Label size"), self.label_size)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.test_print, self.outcome)

        self.label_size.setCurrentIndex(max(self.label_size.findData(settings.label_size), 0))
        self.format.setCurrentIndex(max(self.format.findData(settings.label_format), 0))
        self.printer.setCurrentIndex(max(self.printer.findData(settings.printer), 0))
        self.format.currentIndexChanged.connect(self._format_changed)
        self.label_size.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        # Four labels on an A4 sheet is a PDF thing: a thermal printer takes one label at a time.
        if self.format.currentData() == "zpl" and self.label_size.currentData() not in ZPL_SIZES:
            self.label_size.setCurrentIndex(self.label_size.findData("4x6"))

    def apply(self, settings: Settings) -> None:
        settings.label_size = str(self.label_size.currentData())
        settings.label_format = str(self.format.currentData())
        settings.printer = str(self.printer.currentData() or "")

    def print_test_label(self) -> None:
        size, zpl, printer = (
            str(self.label_size.currentData()),
            self.format.currentData() == "zpl",
            self.printer.currentData(),
        )
        self.test_print.setEnabled(False)
        self.outcome.setText(self.tr("Making a test label…"))

        def work(_progress: Progress) -> tuple[Path, Path | None]:
            return make_test_label(size, zpl, print_folder())

        def done(written: tuple[Path, Path | None]) -> None:
            pdf, code = written
            self.test_print.setEnabled(True)
            if printer and has_printer():
                sent = print_with_dialog(pdf, self, printer)
                text = (
                    self.tr("Sent the test label {path} to {printer}").format(path=pdf, printer=printer)
                    if sent
                    else self.tr("Test print cancelled; the label is {path}").format(path=pdf)
                )
            elif not open_in_viewer(pdf):
                text = self.tr("No PDF viewer on this computer; the test label is {path}").format(path=pdf)
            else:
                text = self.tr("Opened the preview {path}").format(path=pdf)
            if code is not None:
                text += "\n" + self.tr("ZPL for the printer: {path}").format(path=code)
            self.outcome.setText(text)

        self._runner.run(
            self.tr("Making a test label"), work, on_done=done, on_error=lambda _exc: self.test_print.setEnabled(True)
        )
