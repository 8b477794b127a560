"""Printing our PDFs through Qt: every page reaches the printer, at the label's true size."""

from __future__ import annotations

import pypdfium2
from PySide6.QtPrintSupport import QPrinter

from shopdesk.documents.data import Address, ShippingLabel
from shopdesk.documents.labels import render_labels
from shopdesk.ui.print_pdf import print_pdf


def test_every_label_page_is_printed_at_its_size(qtbot, tmp_path) -> None:
    sender = Address(
        name="ShopDesk 小店",
        lines=("嘉定区汇源路 88 号",),
        city="上海市",
        region="上海市",
        country_code="CN",
        phone="021-12345678",
    )
    labels = [
        ShippingLabel(
            order_number=f"SO-00000{n}",
            sender=sender,
            recipient=Address(
                name="张三",
                lines=(f"人民路 {n} 号",),
                city="苏州市",
                region="江苏省",
                country_code="CN",
                phone="13812345678",
            ),
            carrier="SF",
            item_count=1,
            weight_g=500,
        )
        for n in (1, 2, 3)
    ]
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(render_labels(labels, "100x150"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(pdf, printer) == 3
    printed = pypdfium2.PdfDocument(str(out))
    assert len(printed) == 3
