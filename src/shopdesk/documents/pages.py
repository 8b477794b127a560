"""A4 documents that flow over pages: a header on every page, tables whose rows never split, "page 2 of 5".

Pick lists, packing slips and purchase orders are tables of lines. A row is as
tall as its tallest cell (long product names wrap, nothing is cut); a row that
does not fit on the page starts the next one, with the table's column titles
repeated above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.fonts import FontSet
from shopdesk.documents.layout import Paragraphs, draw_string, fit_one_line
from shopdesk.documents.symbols import code128, draw_code128

PAGE_W, PAGE_H = A4
MARGIN = 14 * mm
BODY_W = PAGE_W - 2 * MARGIN
PAD = 3.0  # inside a cell
BARCODE_H = 22.0


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points
    align: str = "left"


@dataclass(frozen=True)
class Cell:
    """What one table cell shows: text (paragraphs, wrapped to the column), and/or a Code128 under it."""

    texts: tuple[str, ...] = ()
    size: float = 9.0
    bold: bool = False
    barcode: str = ""
    tick_box: bool = False


class Sheet:
    """A flowing A4 document: call start() once, then heading(), text(), table(); finish() at the end."""

    def __init__(self, canvas: Canvas, fonts: FontSet, title: str, number: str, facts: Sequence[str], where: str):
        self.canvas = canvas
        self.fonts = fonts
        self.title = fonts.check(title, f"{where}, title")
        self.number = number
        self.facts = [fonts.check(f, where) for f in facts]
        self.where = where
        self.page = 0
        self.y = PAGE_H - MARGIN
        self._columns: Sequence[Column] | None = None

    def start(self) -> None:
        self.page += 1
        c, f = self.canvas, self.fonts
        top = PAGE_H - MARGIN
        draw_string(c, f, self.title, MARGIN, top - 16, 16, bold=True)
        draw_string(c, f, self.number, MARGIN, top - 34, 12, bold=True)
        bars = code128(self.number, f"{self.where}, number")
        draw_code128(c, bars, PAGE_W - MARGIN - 170, top - 36, 170, 30, field=f"{self.where}, number", max_dots=3)
        y = top - 48
        for fact in self.facts:
            draw_string(c, f, fact, MARGIN, y, 8.5)
            y -= 11
        c.setLineWidth(0.8)
        c.line(MARGIN, y + 4, PAGE_W - MARGIN, y + 4)
        # Page numbers: "of N" is a form filled in when the document is finished.
        draw_string(c, f, f"{self.number} · {self.page} /", PAGE_W - MARGIN - 14, MARGIN - 16, 8, align="right")
        c.saveState()
        c.translate(PAGE_W - MARGIN - 11, MARGIN - 16)
        c.doForm("shopdesk-page-count")
        c.restoreState()
        self.y = y - 6

    def new_page(self) -> None:
        self.canvas.showPage()
        self.start()
        if self._columns is not None:
            self._header_row(self._columns)

    def room(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.new_page()

    def heading(self, text: str, size: float = 11.0, *, min_follow: float = 70.0) -> None:
        """A bold line above what follows; never alone at the bottom of a page."""
        text = self.fonts.check(text, self.where)
        self._columns = None
        self.room(size * 1.6 + min_follow)
        self.y -= size * 1.3
        draw_string(self.canvas, self.fonts, text, MARGIN, self.y, size, bold=True)
        self.y -= size * 0.5

    def text(self, texts: Sequence[str], size: float = 9.0, *, x: float = MARGIN, width: float = BODY_W) -> None:
        lines = Paragraphs(self.fonts, list(texts), self.where).wrap(size, width)
        for line in lines:
            self.room(size * 1.3)
            self.y -= size * 1.3
            draw_string(self.canvas, self.fonts, line, x, self.y, size)
        self.y -= size * 0.4

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> None:
        self._columns = None
        self.room(20 + 30)
        self._header_row(columns)
        self._columns = columns
        for row in rows:
            self._row(columns, row)
        self._columns = None
        self.y -= 6

    def _header_row(self, columns: Sequence[Column]) -> None:
        c = self.canvas
        c.saveState()
        c.setFillGray(0.88)
        c.rect(MARGIN, self.y - 16, sum(col.width for col in columns), 16, stroke=0, fill=1)
        c.restoreState()
        x = MARGIN
        for col in columns:
            anchor = x + col.width - PAD if col.align == "right" else x + PAD
            size = fit_one_line(
                self.fonts, col.title, col.width - 2 * PAD, max_size=8.5, min_size=5, field=f"{self.where}, column"
            )
            draw_string(c, self.fonts, col.title, anchor, self.y - 11.5, size, bold=True, align=col.align)
            x += col.width
        self.y -= 16

    def _row(self, columns: Sequence[Column], row: Sequence[Cell]) -> None:
        wrapped = []
        height = 0.0
        for col, cell in zip(columns, row, strict=True):
            lines = Paragraphs(self.fonts, list(cell.texts), self.where).wrap(cell.size, col.width - 2 * PAD)
            h = len(lines) * cell.size * 1.25 + (BARCODE_H + 4 if cell.barcode else 0) + (12 if cell.tick_box else 0)
            wrapped.append(lines)
            height = max(height, h)
        height += 2 * PAD
        self.room(height)
        c, top, x = self.canvas, self.y, MARGIN
        for col, cell, lines in zip(columns, row, wrapped, strict=True):
            y = top - PAD
            if cell.tick_box:
                c.setLineWidth(0.8)
                c.rect(x + PAD, y - 11, 11, 11, stroke=1, fill=0)
                y -= 12
            for line in lines:
                y -= cell.size * 1.25
                anchor = x + col.width - PAD if col.align == "right" else x + PAD
                draw_string(
                    c, self.fonts, line, anchor, y + cell.size * 0.25, cell.size, bold=cell.bold, align=col.align
                )
            if cell.barcode:
                bars = code128(cell.barcode, f"{self.where}, barcode")
                draw_code128(
                    c, bars, x, y - BARCODE_H - 2, col.width, BARCODE_H, field=f"{self.where}, barcode", max_dots=3
                )
            x += col.width
        self.y = top - height
        c.setLineWidth(0.3)
        c.line(MARGIN, self.y, MARGIN + sum(col.width for col in columns), self.y)

    def finish(self) -> None:
        """Fill in the page count and end the document's last page."""
        self.canvas.showPage()
        self.canvas.beginForm("shopdesk-page-count")
        draw_string(self.canvas, self.fonts, str(self.page), 0, 0, 8)
        self.canvas.endForm()
