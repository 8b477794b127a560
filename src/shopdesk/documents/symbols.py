"""Code128 barcodes and QR codes drawn straight into a PDF page as filled rectangles.

reportlab's barcode widgets build a Drawing of one shape per bar or module and
render it through the graphics layer; that is most of the 30 ms a naive label
takes. Here the bars of a Code128 come from reportlab's own encoder (the
checksum and the code-set switching are its), the modules of a QR code from
shopdesk.documents.qr, and both are written as one path of `re` operators.

Module widths snap to whole dots of a 203 dpi thermal printer when there is
room, so the printer does not have to round some bars up and others down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.qr import QrMatrix
from shopdesk.domain.errors import ShopDeskError

DOT = 72.0 / 203.0  # one dot of a 203 dpi thermal printer, in points
QUIET_MODULES = 10  # Code128 quiet zone on each side (ISO/IEC 15417)
QR_QUIET_MODULES = 4  # QR quiet zone on each side (ISO/IEC 18004)
MIN_MODULE = 0.5  # points (0.18 mm): narrower bars do not scan from a laser print either
_DARK_RUNS = re.compile(r"1+")


@dataclass(frozen=True)
class Bars:
    """A Code128 symbol: alternating bar and space widths in modules, starting with a bar."""

    value: str
    widths: tuple[int, ...]

    @property
    def modules(self) -> int:
        return sum(self.widths)


def code128(value: str, field: str) -> Bars:
    """Encode printable ASCII as Code128; anything else is refused with the field named."""
    if not value:
        raise ShopDeskError(f"{field}: nothing to put in the barcode")
    bad = [ch for ch in value if not 32 <= ord(ch) < 127]
    if bad:
        raise ShopDeskError(
            f"{field}: {value!r} cannot be a Code128 barcode: {bad[0]!r} is not a printable ASCII character"
        )
    return _encode(value)


@lru_cache(maxsize=4096)
def _encode(value: str) -> Bars:
    symbol = Code128(value, quiet=0)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    # reportlab writes each element as a letter: upper case a bar, lower case a space, A/a = 1 module.
    widths = tuple(ord(ch.lower()) - ord("a") + 1 for ch in symbol.decomposed)
    return Bars(value, widths)


def module_width(available: float, modules: int, *, max_dots: int = 4, field: str = "barcode") -> float:
    """The widest module (whole printer dots when possible) that fits modules into available points."""
    widest = available / modules
    if widest >= 2 * DOT:
        return min(int(widest / DOT), max_dots) * DOT
    if widest >= MIN_MODULE:
        return widest
    raise ShopDeskError(
        f"{field}: the barcode needs {modules * MIN_MODULE / 72 * 25.4:.0f} mm but only "
        f"{available / 72 * 25.4:.0f} mm fit on this document; use a shorter value or a larger size"
    )


def _fill_rects(canvas: Canvas, rects: list[str]) -> None:
    canvas.addLiteral("q 0 g\n" + "\n".join(rects) + "\nf Q")


def draw_code128(
    canvas: Canvas, bars: Bars, x: float, y: float, width: float, height: float, *, field: str, max_dots: int = 4
) -> tuple[float, float]:
    """Draw bars centred in the box (x, y, width, height), quiet zones inside the box.

    Returns (left, right) of the bars themselves, for the text under them.
    """
    module = module_width(width, bars.modules + 2 * QUIET_MODULES, max_dots=max_dots, field=field)
    left = x + (width - bars.modules * module) / 2
    at = left
    rects = []
    for i, w in enumerate(bars.widths):
        if i % 2 == 0:
            rects.append(f"{at:.3f} {y:.3f} {w * module:.3f} {height:.3f} re")
        at += w * module
    _fill_rects(canvas, rects)
    return left, at


def draw_qr(canvas: Canvas, matrix: QrMatrix, x: float, y: float, side: float) -> float:
    """Draw a QR code centred in the square (x, y, side), quiet zone inside; returns the module size."""
    module = module_width(side, matrix.size + 2 * QR_QUIET_MODULES, max_dots=12, field="QR code")
    extent = matrix.size * module
    left = x + (side - extent) / 2
    top = y + (side + extent) / 2
    # Coordinates repeat across rows: format each once.
    xs = [f"{left + i * module:.3f}" for i in range(matrix.size)]
    widths = [f"{i * module:.3f}" for i in range(matrix.size + 1)]
    height = f"{module:.3f}"
    rects = []
    for row_index, row in enumerate(matrix.rows):
        row_y = f"{top - (row_index + 1) * module:.3f}"
        for run in _DARK_RUNS.finditer(row):
            start, end = run.span()
            rects.append(f"{xs[start]} {row_y} {widths[end - start]} {height} re")
    _fill_rects(canvas, rects)
    return module
