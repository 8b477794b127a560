"""Text in a box: wrap at allowed breaks, shrink step by step, never cut.

Breaks are allowed at spaces, after a hyphen between letters, and between CJK characters
except where the line-breaking rules of Chinese and Japanese (禁则) forbid it:
no line starts with a closing bracket, comma or full stop, a small kana or
the prolonged sound mark, and none ends with an opening bracket. Nothing is
ever dropped or hyphenated: what does not fit at the smallest size is an
error, so the caller can say which field is too long for which document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.fonts import FontSet
from shopdesk.domain.errors import ShopDeskError

_NO_BREAK_BEFORE = set(
    "、。，．,.!?！？：；:;)）]］}｝」』】〕〉》〗〙〛’”»›%％‰℃°ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ・…‥〜～"
)
_NO_BREAK_AFTER = set("(（[［{｛「『【〔〈《〖〘〚‘“«‹〒#＃№")
_SPACES = set(" \u3000\u00a0")


class Metrics(Protocol):
    """What wrapping needs of a font: FontSet for PDFs, a printer's font for ZPL."""

    def check(self, text: str, field: str) -> str: ...

    def width(self, text: str, size: float) -> float: ...


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tokens(text: str) -> list[str]:
    """Split text into pieces that may not be broken; a piece keeps its trailing spaces."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        if ch in _SPACES:
            continue
        if prev in _SPACES:
            can_break = True
        elif prev == "-":
            # Müller-|Lüdenscheidt, but not inside numbers (0755-86013388, 1-2-3) or codes
            can_break = i >= 2 and text[i - 2].isalpha() and ch.isalpha()
        elif _wide(prev) or _wide(ch):
            can_break = True
        else:
            can_break = False
        if can_break and ch not in _NO_BREAK_BEFORE and prev not in _NO_BREAK_AFTER:
            out.append(text[start:i])
            start = i
    if text:
        out.append(text[start:])
    return out


@dataclass(frozen=True)
class FittedText:
    """Lines that fit a box at one font size; line_height is size times leading."""

    size: float
    line_height: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


class Paragraphs:
    """Text prepared once (checked, split into tokens, measured) and wrapped at any size."""

    def __init__(self, fonts: Metrics, texts: list[str], field: str) -> None:
        self.fonts = fonts
        self.field = field
        # each paragraph: list of (token, em width with trailing spaces, em width without)
        self.paragraphs: list[list[tuple[str, float, float]]] = []
        for text in texts:
            checked = fonts.check(text, field).strip()
            if not checked:
                continue
            self.paragraphs.append(
                [(tok, fonts.width(tok, 1.0), fonts.width(tok.rstrip(" \u3000\u00a0"), 1.0)) for tok in tokens(checked)]
            )

    def widest_word(self) -> float:
        """Em width of the widest unbreakable piece."""
        return max((w for para in self.paragraphs for _tok, _full, w in para), default=0.0)

    def wrap(self, size: float, width: float) -> list[str]:
        room = width / size  # in em
        lines: list[str] = []
        for para in self.paragraphs:
            line, used = "", 0.0
            for tok, full, bare in para:
                if line and used + bare > room:
                    lines.append(line.rstrip(" \u3000\u00a0"))
                    line, used = "", 0.0
                if bare > room:
                    # one piece wider than the box (a long house name): break it between characters
                    for ch in tok:
                        cw = self.fonts.width(ch, 1.0)
                        if line and used + cw > room and ch not in _SPACES:
                            lines.append(line.rstrip(" \u3000\u00a0"))
                            line, used = "", 0.0
                        line += ch
                        used += cw
                    continue
                line += tok
                used += full
            if line.strip():
                lines.append(line.rstrip(" \u3000\u00a0"))
        return lines

    def fit(
        self,
        width: float,
        height: float,
        *,
        max_size: float,
        min_size: float,
        leading: float = 1.18,
        step: float = 0.5,
        what: str = "",
    ) -> FittedText:
        """The largest size from max_size down to min_size at which every line fits the box."""
        size = max_size
        while size >= min_size - 1e-9:
            lines = self.wrap(size, width)
            if len(lines) * size * leading <= height + 1e-6:
                return FittedText(size, size * leading, tuple(lines))
            size -= step
        lines = self.wrap(min_size, width)
        raise ShopDeskError(
            f"{self.field}: too long to print{' on ' + what if what else ''}: it needs {len(lines)} lines "
            f"even at {min_size:g} pt and only {int(height // (min_size * leading))} fit; shorten it "
            f"or use a larger size"
        )


# PDF literal-string escapes for each byte of a font subset's codes.
_PDF_ESCAPES = [chr(b) if 32 <= b < 127 and chr(b) not in "()\\" else f"\\{b:03o}" for b in range(256)]


def draw_string(
    canvas: Canvas,
    fonts: FontSet,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    bold: bool = False,
    align: str = "left",
) -> float:
    """Draw checked text on one baseline, font by font; returns its width.

    The text operators are written directly: canvas.drawString builds a text
    object per call and formats every number through reportlab's pure-Python
    fp_str, half the time of a label. The glyph subsets are still assigned by
    reportlab (splitString against the canvas's document), so embedding and
    text extraction work as with drawString.
    """
    runs = fonts.runs(text, size)
    width = sum(r.width for r in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    if bold:
        # The bundled font has no bold face: fill and stroke the outlines instead (text render mode 2).
        canvas.setLineWidth(size * 0.045)
    doc = canvas._doc  # reportlab's document object, which numbers the embedded font subsets
    escapes = _PDF_ESCAPES
    ops = ["BT 2 Tr" if bold else "BT 0 Tr"]
    for run in runs:
        font = pdfmetrics.getFont(run.font)
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for subset, chunk in font.splitString(run.text, doc):
            code = "".join(map(escapes.__getitem__, chunk))
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {size:.2f} Tf ({code}) Tj")
        x += run.width
    ops.append("0 Tr ET" if bold else "ET")
    canvas.addLiteral(" ".join(ops))
    return width


def draw_fitted(
    canvas: Canvas,
    fonts: FontSet,
    fitted: FittedText,
    x: float,
    top: float,
    *,
    bold: bool = False,
    align: str = "left",
) -> float:
    """Draw fitted lines downwards from top; returns the y below the last line."""
    baseline = top - fitted.size * 0.82  # the bundled font's glyphs rise to about 0.77 em
    for line in fitted.lines:
        draw_string(canvas, fonts, line, x, baseline, fitted.size, bold=bold, align=align)
        baseline -= fitted.line_height
    return top - fitted.height


def fit_one_line(fonts: Metrics, text: str, width: float, *, max_size: float, min_size: float, field: str) -> float:
    """The largest size (in half points) at which checked text fits one line of the given width."""
    em = fonts.width(text, 1.0)
    if em == 0:
        return max_size
    size = min(max_size, int(width / em * 2) / 2)
    if size < min_size:
        raise ShopDeskError(f"{field}: {text!r} is too long for its place even at {min_size:g} pt")
    return size
