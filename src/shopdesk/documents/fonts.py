"""Fonts for printed documents: the bundled CJK TrueType first, system fonts as fallback.

Every document draws text through one `FontSet`, which knows for each character
which registered font has a glyph for it. Text is split into runs of one font
each, so a German street name, a Chinese district and a Japanese building name
can share a line. A character that no font has is refused with an error naming
the character and the field: a label with a blank box where a character of the
address should be would be delivered to the wrong door.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from shopdesk.domain.errors import ShopDeskError

BUNDLED_FONT = "wqy-microhei.ttc"

# Windows is not always on C: (WINDIR says where it is).
_WINDOWS_FONTS = os.environ.get("WINDIR", "C:/Windows").replace("\\", "/") + "/Fonts"
# System fonts with TrueType outlines (reportlab cannot embed CFF/OpenType-PS such
# as Noto CJK .otf), tried in this order for characters the bundled font lacks.
_SYSTEM_FONTS: dict[str, tuple[str, ...]] = {
    "win32": (
        f"{_WINDOWS_FONTS}/msyh.ttc",  # Microsoft YaHei: Simplified Chinese
        f"{_WINDOWS_FONTS}/simsun.ttc",
        f"{_WINDOWS_FONTS}/meiryo.ttc",  # Japanese
        f"{_WINDOWS_FONTS}/malgun.ttf",  # Korean
        f"{_WINDOWS_FONTS}/arial.ttf",
        f"{_WINDOWS_FONTS}/seguisym.ttf",
    ),
    "darwin": (
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ),
    "linux": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/unifont/unifont.ttf",
    ),
}

# Invisible by design (zero-width space and joiners, byte order mark, soft hyphen):
# they need no glyph, and are dropped before drawing rather than refused.
_INVISIBLE_CATEGORIES = {"Cf"}
# Where format characters (category Cf) and line breaks can be; text without any skips the scan.
_MAYBE_SPECIAL = re.compile(
    "[\t\r\n\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001-\U000e007f]"
)


def resources_dir() -> Path:
    """Inside the installed package (wheel), or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # src/shopdesk or site-packages/shopdesk
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise RuntimeError("ShopDesk's resources folder is missing from this installation")


@dataclass(frozen=True)
class Run:
    """A piece of text that one font draws; width is in points at the size asked for."""

    font: str
    text: str
    width: float


class FontSet:
    """Registered fonts in order of preference, with a per-character choice of font.

    The bundled font is loaded at once; system fallbacks only when a character
    is missing from the fonts loaded so far (each costs time to parse).
    """

    def __init__(self, primary: Path, fallbacks: tuple[Path, ...]) -> None:
        self._lock = threading.Lock()
        self._fonts: list[tuple[str, dict[int, int], dict[int, float]]] = []
        self._pending = list(fallbacks)
        # char -> (font name, advance width in 1/1000 em), or None when no font has it
        self._glyphs: dict[str, tuple[str, float] | None] = {}
        self._em: dict[str, float] = {}  # char -> advance in em, for characters some font has
        if not self._load(primary):
            raise RuntimeError(f"the bundled font {primary} cannot be loaded")
        self.primary = self._fonts[0][0]
        self._primary_chars = frozenset(chr(code) for code in self._fonts[0][1])

    def _load(self, path: Path) -> bool:
        name = f"ShopDesk-{len(self._fonts)}-{path.stem}"
        try:
            font = TTFont(name, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" else TTFont(name, str(path))
        except (TTFError, OSError):
            return False  # CFF outlines or a damaged file: not usable for embedding
        pdfmetrics.registerFont(font)
        self._fonts.append((name, font.face.charToGlyph, font.face.charWidths))
        return True

    def glyph(self, ch: str) -> tuple[str, float] | None:
        """(font name, advance in 1/1000 em) of the first font that has ch, or None."""
        try:
            return self._glyphs[ch]
        except KeyError:
            pass
        with self._lock:
            found = self._find(ord(ch))
            while found is None and self._pending:
                if self._load(self._pending.pop(0)):
                    found = self._find(ord(ch))
            self._glyphs[ch] = found
            if found is not None:
                self._em[ch] = found[1] / 1000.0
        return found

    def _find(self, code: int) -> tuple[str, float] | None:
        for name, cmap, widths in self._fonts:
            if code in cmap:
                return name, widths.get(code, 1000.0)
        return None

    def printable(self, text: str) -> str:
        """The text as it will be drawn: invisible format characters dropped, tabs as spaces."""
        if not _MAYBE_SPECIAL.search(text):
            return text
        out = []
        for ch in text:
            if ch in "\t\r\n":
                out.append(" ")
            elif unicodedata.category(ch) not in _INVISIBLE_CATEGORIES:
                out.append(ch)
        return "".join(out)

    def check(self, text: str, field: str) -> str:
        """Return the printable text, or raise ShopDeskError naming the first unprintable character."""
        text = self.printable(text)
        if self._primary_chars.issuperset(text):
            return text
        for ch in text:
            if self.glyph(ch) is None:
                name = unicodedata.name(ch, "unnamed character")
                raise ShopDeskError(
                    f"{field}: the character {ch!r} (U+{ord(ch):04X}, {name}) is in none of the fonts "
                    f"ShopDesk can print with; correct the text or install a font that has it"
                )
        return text

    def width(self, text: str, size: float) -> float:
        """Width in points of checked text at the given size."""
        try:
            return sum(map(self._em.__getitem__, text)) * size
        except KeyError:
            for ch in text:
                self.glyph(ch)
            return sum(self._em.get(ch, 0.0) for ch in text) * size

    def runs(self, text: str, size: float) -> list[Run]:
        """Split checked text into runs of one font each."""
        if self._primary_chars.issuperset(text):
            return [Run(self.primary, text, self.width(text, size))]
        runs: list[Run] = []
        glyph = self.glyph
        font = ""
        start = 0
        advance = 0.0
        for i, ch in enumerate(text):
            g = glyph(ch)
            if g is None:
                continue
            if g[0] != font:
                if i > start:
                    runs.append(Run(font, text[start:i], advance * size / 1000.0))
                font, start, advance = g[0], i, 0.0
            advance += g[1]
        if len(text) > start:
            runs.append(Run(font, text[start:], advance * size / 1000.0))
        return runs


_font_set: FontSet | None = None
_font_set_lock = threading.Lock()


def system_font_candidates() -> tuple[Path, ...]:
    platform = "win32" if sys.platform.startswith("win") else sys.platform
    return tuple(Path(p) for p in _SYSTEM_FONTS.get(platform, _SYSTEM_FONTS["linux"]) if Path(p).is_file())


def font_set() -> FontSet:
    """The process-wide font set, registered with reportlab once."""
    global _font_set
    if _font_set is None:
        with _font_set_lock:
            if _font_set is None:
                _font_set = FontSet(resources_dir() / "fonts" / BUNDLED_FONT, system_font_candidates())
    return _font_set
