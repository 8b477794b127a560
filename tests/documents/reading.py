"""Reading our PDFs back as a scanner and a person would: pixels for barcodes, text for addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp

_SPACE = re.compile(r"\s+")
# Named here rather than by str(format), which differs between zxing-cpp 2.x and 3.x.
_NAMES = {zxingcpp.BarcodeFormat.Code128: "Code 128", zxingcpp.BarcodeFormat.QRCode: "QR Code"}


@dataclass(frozen=True)
class Page:
    text: str
    symbols: list[tuple[str, str]]  # ("Code 128" or "QR Code", decoded text)


def read_pdf(pdf: bytes, dpi: int = 200) -> list[Page]:
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        symbols = [(_NAMES.get(b.format, str(b.format)), b.text) for b in zxingcpp.read_barcodes(image)]
        pages.append(Page(text, symbols))
    document.close()
    return pages


def squeeze(text: str) -> str:
    """Text without any whitespace: a wrapped line reads the same as an unwrapped one."""
    return _SPACE.sub("", text)
