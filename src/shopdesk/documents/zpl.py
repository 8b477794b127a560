"""Shipping labels as ZPL II for 203 dpi thermal printers (Zebra and the many printers that speak ZPL).

The printer draws the barcode (^BC, Code128 with automatic code sets) and the
QR code (^BQ) itself; text is sent as UTF-8 (^CI28) in a scalable font that has
CJK glyphs, by default Zebra's E:ANMDJ.TTF (Andale Mono WT J; pass another
font path for printers that carry a different one). ZPL's own field blocks
cut what does not fit, so ShopDesk wraps and shrinks the text itself with the
same rules as the PDF labels, measuring characters as the printer's monospaced
CJK font draws them: full-width CJK one em, everything else 0.6 em, the wider
side of what such fonts use, so a line never runs past the label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from shopdesk.documents.data import ShippingLabel
from shopdesk.documents.fonts import FontSet, font_set
from shopdesk.documents.labels import format_weight, label_size
from shopdesk.documents.layout import FittedText, Paragraphs, fit_one_line
from shopdesk.documents.qr import encode_qr
from shopdesk.documents.symbols import QUIET_MODULES, code128
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.privacy import mask_phone

DPI = 203
MIN_TEXT_DOTS = 18  # about 2.3 mm: the smallest CJK text a 203 dpi head prints legibly
DEFAULT_FONT = "E:ANMDJ.TTF"
_ESCAPES = {"_": "_5F", "^": "_5E", "~": "_7E"}


def dots(points: float) -> int:
    return round(points / 72 * DPI)


class PrinterMetrics:
    """Widths as the printer's monospaced CJK font draws them; glyphs checked against ShopDesk's fonts."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._em: dict[str, float] = {}

    def check(self, text: str, field: str) -> str:
        return self.fonts.check(text, field)

    def width(self, text: str, size: float) -> float:
        em = self._em
        total = 0.0
        for ch in text:
            w = em.get(ch)
            if w is None:
                w = em[ch] = 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6
            total += w
        return total * size


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _field_data(text: str) -> str:
    """^FH^FD with ^ ~ _ written as hex escapes, so no text can end the field or start a command."""
    return f"^FH^FD{_escape(text)}^FS"


class _Zpl:
    def __init__(self, font: str) -> None:
        self.font = font
        self.out: list[str] = []

    def text(self, x: int, y: int, size: int, text: str, *, reverse: bool = False) -> None:
        """Text whose character cell's top-left corner is at (x, y), size in dots."""
        self.out.append(f"^FO{x},{y}^A@N,{size},{size},{self.font}{'^FR' if reverse else ''}{_field_data(text)}")

    def right(self, x_right: int, y: int, width: int, size: int, text: str) -> None:
        self.out.append(f"^FO{x_right - width},{y}^A@N,{size},{size},{self.font}^FB{width},1,0,R{_field_data(text)}")

    def box(self, x: int, y: int, w: int, h: int, thickness: int) -> None:
        self.out.append(f"^FO{x},{y}^GB{w},{h},{thickness}^FS")

    def lines(self, x: int, y: int, fitted: FittedText) -> int:
        size = round(fitted.size)
        for line in fitted.lines:
            self.text(x, y, size, line)
            y += round(fitted.line_height)
        return y


def render_zpl(
    labels: Sequence[ShippingLabel], size: str = "4x6", *, mask_phones: bool = False, font: str = DEFAULT_FONT
) -> str:
    """One ^XA…^XZ block per label, for a 203 dpi printer loaded with labels of the given size."""
    fmt = label_size(size)
    if fmt.per_page != 1:
        raise ShopDeskError(f"ZPL is for label printers: {fmt.title} can only be printed as PDF")
    if not labels:
        raise ShopDeskError("no labels to print")
    metrics = PrinterMetrics(font_set())
    return "".join(
        _label(metrics, label, dots(fmt.width), dots(fmt.height), fmt.title, mask_phones, font) for label in labels
    )


def _label(m: PrinterMetrics, label: ShippingLabel, W: int, H: int, title: str, mask_phones: bool, font: str) -> str:
    where = f"label for order {label.order_number}"
    rcpt = label.recipient
    z = _Zpl(font)
    s = min(W / 812, H / 1218)
    margin = round(16 * s)
    inner = W - 2 * margin

    def one_line(text: str, width: float, max_dots: float, what: str) -> int:
        return int(fit_one_line(m, text, width, max_size=max_dots, min_size=MIN_TEXT_DOTS, field=f"{where}, {what}"))

    # Header: carrier and service.
    header_h = round(0.085 * H)
    carrier = m.check(label.carrier, f"{where}, carrier")
    size = one_line(carrier, inner * 0.62, 50 * s, "carrier")
    z.text(margin, margin, size, carrier)
    service = m.check(label.service, f"{where}, service")
    if service:
        ssize = one_line(service, inner * 0.36, 38 * s, "service")
        z.right(W - margin, margin, round(inner * 0.36), ssize, service)
    if label.ship_date:
        date = m.check(label.ship_date, f"{where}, date")
        z.right(W - margin, header_h - 24, round(inner * 0.36), 20, date)
    at = header_h
    z.box(margin // 2, at, W - margin, 3, 3)

    # Recipient: tag, name (largest), phone, address.
    tag = 22
    z.box(margin, at + 6, round(m.width("TO 收件人", tag)) + 12, tag + 8, tag + 8)
    z.text(margin + 6, at + 10, tag, "TO 收件人", reverse=True)
    top = at + tag + 20
    name = m.check(rcpt.name, f"{where}, recipient name")
    if not name.strip():
        raise ShopDeskError(f"{where}, recipient name: is empty")
    nsize = one_line(name, inner, 62 * s, "recipient name")
    z.text(margin, top, nsize, name)
    top += round(nsize * 1.15)
    phone = mask_phone(rcpt.phone) if mask_phones and rcpt.phone else rcpt.phone
    phone = m.check(phone, f"{where}, recipient phone")
    if phone:
        psize = one_line(phone, inner, 42 * s, "recipient phone")
        z.text(margin, top, psize, phone)
        top += round(psize * 1.2)
    bottom = at + round(0.35 * H)
    address = Paragraphs(m, rcpt.printed_lines(), f"{where}, recipient address")
    if not address.paragraphs:
        raise ShopDeskError(f"{where}, recipient address: is empty")
    fitted = address.fit(
        inner, bottom - top - 6, max_size=min(42 * s, nsize), min_size=MIN_TEXT_DOTS, step=1, what=title
    )
    z.lines(margin, top, fitted)
    at = bottom
    z.box(margin // 2, at, W - margin, 3, 3)

    # Sender.
    sender_h = round(0.12 * H)
    z.box(margin, at + 6, round(m.width("FROM 寄件人", 18)) + 10, 24, 24)
    z.text(margin + 5, at + 9, 18, "FROM 寄件人", reverse=True)
    sender = label.sender
    texts = [" ".join(p for p in (sender.name, sender.phone) if p), *sender.printed_lines()]
    fitted = Paragraphs(m, texts, f"{where}, sender").fit(
        inner, sender_h - 40, max_size=26 * s, min_size=MIN_TEXT_DOTS, step=1, what=title
    )
    z.lines(margin, at + 36, fitted)
    at += sender_h
    z.box(margin // 2, at, W - margin, 3, 3)

    # Barcode: the printer encodes it; the module width is the widest whole dot that fits.
    barcode_h = round(0.2 * H)
    bars = code128(label.barcode_value, f"{where}, {'tracking' if label.tracking_number else 'order'} number")
    modules = bars.modules + 2 * QUIET_MODULES
    module = min(4, W // modules)
    if module < 1:
        raise ShopDeskError(f"{where}: the barcode {bars.value!r} is too long for a {title} label at {DPI} dpi")
    bar_height = barcode_h - 60
    z.out.append(
        f"^FO{(W - bars.modules * module) // 2},{at + 14}^BY{module},3,{bar_height}"
        f"^BCN,{bar_height},Y,N,N,A{_field_data(bars.value)}"
    )
    at += barcode_h
    z.box(margin // 2, at, W - margin, 3, 3)

    # QR code (the printer encodes it, error correction M) and the details beside it.
    side = H - at - margin
    qr = encode_qr(label.qr_value, "M", field=f"{where}, QR code")
    magnification = max(1, min(10, side // (qr.size + 8)))
    qr_x = margin + 4 * magnification
    # ^BQ draws about 10 dots below its field origin; the quiet zone is left around it.
    z.out.append(f"^FO{qr_x},{at + 4 * magnification}^BQN,2,{magnification}^FH^FDMA,{_escape(label.qr_value)}^FS")
    info_x = margin + (qr.size + 8) * magnification
    info = [f"Order 订单 {m.check(label.order_number, f'{where}, order number')}"]
    if label.weight_g is not None:
        info.append(f"Weight 重量 {format_weight(label.weight_g)}")
    if label.item_count:
        info.append(f"Items 件数 {label.item_count}")
    if label.remark:
        info.append(m.check(label.remark, f"{where}, remark"))
    fitted = Paragraphs(m, info, f"{where}, details").fit(
        W - margin - info_x, side - 20, max_size=30 * s, min_size=MIN_TEXT_DOTS, step=1, what=title
    )
    z.lines(info_x, at + 16, fitted)

    head = f"^XA^CI28^PW{W}^LL{H}^LH0,0"
    return head + "\n" + "\n".join(z.out) + "\n^XZ\n"
