"""Printing a PDF we made through the Qt print dialog (QtPdf renders its pages at the printer's resolution)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from shopdesk.domain.errors import ShopDeskError


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Send every page of the PDF to the printer at its true size; returns how many pages were printed."""
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise ShopDeskError(f"Cannot read {path} to print it")
    painter = QPainter()
    if not painter.begin(printer):
        raise ShopDeskError(f"The printer {printer.printerName() or '(PDF)'} cannot be used")
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)  # 1/72 in
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, pixels)
            # Keep the label's true size: scale only when the paper is smaller than the page.
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            target = QRectF(0, 0, pixels.width(), pixels.height())
            if target.width() > area.width() or target.height() > area.height():
                scaled = target.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(0, 0, scaled.width(), scaled.height())
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()


def print_with_dialog(path: Path, parent: QWidget | None, printer_name: str = "") -> bool:
    """The Qt print dialog for a PDF, on the printer chosen in Settings when it is there; False when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and printer_name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(printer_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintPdf", "Print"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_pdf(path, printer)
    return True
