"""Printing set-up: the label stock and format are kept for this computer, and a test label can be seen."""

from __future__ import annotations

import pypdfium2
import pytest
from PySide6.QtPrintSupport import QPrinterInfo

from shopdesk.config import Settings
from shopdesk.ui.orders.printing import print_folder
from shopdesk.ui.settings.dialog import SettingsDialog

MM = 72 / 25.4
# The offscreen platform of the tests has no PDF viewer to open the preview with, and says so.
no_viewer_here = pytest.mark.qt_log_ignore("^This plugin does not support QPlatformServices::openDocument")


def test_the_label_stock_and_format_are_saved_for_this_computer(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    page = dialog.printing
    assert page.label_size.currentData() == "100x150" and page.format.currentData() == "pdf"
    page.label_size.setCurrentIndex(page.label_size.findData("76x130"))
    page.format.setCurrentIndex(page.format.findData("zpl"))
    dialog.save()
    saved = Settings.load()
    assert (saved.label_size, saved.label_format) == ("76x130", "zpl")
    assert saved.printer == (QPrinterInfo.availablePrinterNames() or [""])[0]

    again = SettingsDialog(saved)
    qtbot.addWidget(again)
    assert (again.printing.label_size.currentData(), again.printing.format.currentData()) == ("76x130", "zpl")


@pytest.mark.skipif(bool(QPrinterInfo.availablePrinterNames()), reason="this computer has printers")
def test_with_no_printer_labels_are_saved_as_pdf(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    assert dialog.printing.printer.count() == 1
    assert dialog.printing.printer.currentText() == "Save as PDF (no printer on this computer)"


def test_four_a6_labels_on_a4_are_only_offered_as_pdf(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    page = dialog.printing
    page.label_size.setCurrentIndex(page.label_size.findData("a6-on-a4"))
    page.format.setCurrentIndex(page.format.findData("zpl"))
    assert page.label_size.currentData() == "4x6"


@no_viewer_here
def test_a_test_print_makes_a_sample_label_at_the_chosen_size_and_shows_where(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    page = dialog.printing
    page.label_size.setCurrentIndex(page.label_size.findData("100x150"))
    page.test_print.click()
    qtbot.waitUntil(lambda: page.test_print.isEnabled(), timeout=30_000)

    pdf = print_folder() / "test-label-100x150.pdf"
    assert str(pdf) in page.outcome.text()
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) == 1
        width, height = document[0].get_size()
        assert (round(width / MM), round(height / MM)) == (100, 150)
        text = document[0].get_textpage().get_text_range()
        assert "张三" in text and "TEST-0001" in text
    finally:
        document.close()


@no_viewer_here
def test_a_zpl_test_print_also_writes_the_printers_file(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    page = dialog.printing
    page.format.setCurrentIndex(page.format.findData("zpl"))
    page.label_size.setCurrentIndex(page.label_size.findData("4x6"))
    page.test_print.click()
    qtbot.waitUntil(lambda: page.test_print.isEnabled(), timeout=30_000)

    zpl = print_folder() / "test-label-4x6.zpl"
    assert f"ZPL for the printer: {zpl}" in page.outcome.text()
    code = zpl.read_text(encoding="utf-8")
    assert code.startswith("^XA") and code.rstrip().endswith("^XZ") and "TEST-0001" in code


def test_a_test_print_goes_to_the_chosen_printer_when_it_is_there(qtbot, monkeypatch) -> None:
    from shopdesk.ui.settings import printing

    sent = []
    monkeypatch.setattr(printing, "has_printer", lambda: True)
    monkeypatch.setattr(printing, "print_with_dialog", lambda path, parent, name: sent.append((path, name)) or True)
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    page = dialog.printing
    page.printer.addItem("Zebra ZD421", "Zebra ZD421")  # as if this PC had the label printer
    page.printer.setCurrentIndex(page.printer.findData("Zebra ZD421"))
    page.test_print.click()
    qtbot.waitUntil(lambda: page.test_print.isEnabled(), timeout=30_000)

    pdf = print_folder() / "test-label-100x150.pdf"
    assert sent == [(pdf, "Zebra ZD421")]
    assert page.outcome.text() == f"Sent the test label {pdf} to Zebra ZD421"
