"""Reading our PDFs back as a scanner and a person would: pixels for barcodes, text for addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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
    """Text without any whitespace: a wrapped line reads the same as an unwrapped one.

    pdfium reports a hyphen that ends a line as U+FFFE (it guesses a hyphenation); we
    never hyphenate, so it is the printed hyphen.
    """
    return _SPACE.sub("", text).replace("\ufffe", "-")


def text_sizes(pdf: bytes) -> list[tuple[str, float]]:
    """Each character of the first page with its font size in points, in drawing order."""
    document = pdfium.PdfDocument(pdf)
    textpage = document[0].get_textpage()
    out = []
    for i in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if not ch.isspace():
            out.append((ch, round(pdfium_c.FPDFText_GetFontSize(textpage, i), 1)))
    document.close()
    return out
