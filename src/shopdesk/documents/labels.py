"""Shipping labels as PDF: 4×6 in, 100×150 mm, 76×130 mm (一联单), and four A6 on an A4 sheet.

A label is read from arm's length by a packer and a courier, so the recipient's
name is the largest text, the address fills its box at the largest size that
fits (wrapped, then shrunk half a point at a time, never cut), the barcode and
the QR code keep their quiet zones, and every field is checked against the
fonts before anything is drawn: a character no font has is an error naming the
order and the field, not a blank box on the parcel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.data import ShippingLabel
from shopdesk.documents.fonts import FontSet, font_set
from shopdesk.documents.layout import Paragraphs, draw_fitted, draw_string, fit_one_line
from shopdesk.documents.pdf import build_pdf
from shopdesk.documents.qr import encode_qr
from shopdesk.documents.symbols import code128, draw_code128, draw_qr
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.privacy import mask_phone

MIN_TEXT = 5.0  # points: the smallest text a courier can still read on a label


@dataclass(frozen=True)
class LabelSize:
    """A label format: the label's own size, and how labels sit on a page."""

    key: str
    title: str
    width: float  # points
    height: float
    page_width: float
    page_height: float
    across: int = 1
    down: int = 1
    padding: float = 0.0  # unprinted border inside each cell (sheets go through an office printer)

    @property
    def per_page(self) -> int:
        return self.across * self.down


LABEL_SIZES: dict[str, LabelSize] = {
    "4x6": LabelSize("4x6", "4×6 in", 4 * inch, 6 * inch, 4 * inch, 6 * inch),
    "100x150": LabelSize("100x150", "100×150 mm", 100 * mm, 150 * mm, 100 * mm, 150 * mm),
    "76x130": LabelSize("76x130", "76×130 mm", 76 * mm, 130 * mm, 76 * mm, 130 * mm),
    "a6-on-a4": LabelSize("a6-on-a4", "A4 sheet of four A6", A4[0] / 2, A4[1] / 2, A4[0], A4[1], 2, 2, 5 * mm),
}


def label_size(key: str) -> LabelSize:
    try:
        return LABEL_SIZES[key]
    except KeyError:
        raise ShopDeskError(f"label size {key!r} is not one of {', '.join(LABEL_SIZES)}") from None


def format_weight(grams: int) -> str:
    """850 g, 1.25 kg (no float on the way)."""
    if grams < 1000:
        return f"{grams} g"
    return f"{(Decimal(grams) / 1000).normalize():f} kg"


def render_labels(labels: Sequence[ShippingLabel], size: str = "4x6", *, mask_phones: bool = False) -> bytes:
    """One PDF with a page per label (or four labels per A4 sheet).

    mask_phones prints the recipient's phone as 138****5678. Raises
    ShopDeskError naming the order and the field when a label cannot be printed
    in full; nothing is returned then.
    """
    fmt = label_size(size)
    if not labels:
        raise ShopDeskError("no labels to print")
    fonts = font_set()

    def draw(canvas: Canvas) -> None:
        for index, label in enumerate(labels):
            slot = index % fmt.per_page
            if index and slot == 0:
                canvas.showPage()
            if fmt.per_page > 1 and slot == 0:
                _cut_lines(canvas, fmt)
            col, row = slot % fmt.across, slot // fmt.across
            x = col * fmt.width + fmt.padding
            y = fmt.page_height - (row + 1) * fmt.height + fmt.padding
            width, height = fmt.width - 2 * fmt.padding, fmt.height - 2 * fmt.padding
            _draw_label(canvas, fonts, label, x, y, width, height, fmt, mask_phones)
        canvas.showPage()

    return build_pdf((fmt.page_width, fmt.page_height), f"Shipping labels ({fmt.title})", draw)


def _cut_lines(canvas: Canvas, fmt: LabelSize) -> None:
    canvas.saveState()
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.4)
    canvas.setDash(4, 4)
    for i in range(1, fmt.across):
        canvas.line(i * fmt.width, 0, i * fmt.width, fmt.page_height)
    for i in range(1, fmt.down):
        canvas.line(0, i * fmt.height, fmt.page_width, i * fmt.height)
    canvas.restoreState()


class _Checked:
    """The label's texts, checked against the fonts, with the order named in every error."""

    def __init__(self, fonts: FontSet, label: ShippingLabel, mask_phones: bool) -> None:
        where = f"label for order {label.order_number}"
        rcpt, sender = label.recipient, label.sender
        self.where = where
        self.carrier = fonts.check(label.carrier, f"{where}, carrier")
        self.service = fonts.check(label.service, f"{where}, service")
        self.name = fonts.check(rcpt.name, f"{where}, recipient name")
        if not self.name.strip():
            raise ShopDeskError(f"{where}, recipient name: is empty")
        phone = mask_phone(rcpt.phone) if mask_phones and rcpt.phone else rcpt.phone
        self.phone = fonts.check(phone, f"{where}, recipient phone")
        self.address = Paragraphs(fonts, rcpt.printed_lines(), f"{where}, recipient address")
        if not self.address.paragraphs:
            raise ShopDeskError(f"{where}, recipient address: is empty")
        sender_text = [" ".join(p for p in (sender.name, sender.phone) if p), *sender.printed_lines()]
        self.sender = Paragraphs(fonts, sender_text, f"{where}, sender")
        self.remark = fonts.check(label.remark, f"{where}, remark")
        self.order = fonts.check(label.order_number, f"{where}, order number")
        self.bars = code128(label.barcode_value, f"{where}, {'tracking' if label.tracking_number else 'order'} number")
        self.qr = encode_qr(label.qr_value, "M", field=f"{where}, QR code")
        if label.weight_g is not None and label.weight_g < 0:
            raise ShopDeskError(f"{where}, weight: cannot be negative (found {label.weight_g} g)")
        if label.item_count < 0:
            raise ShopDeskError(f"{where}, item count: cannot be negative (found {label.item_count})")


def _draw_label(
    canvas: Canvas,
    fonts: FontSet,
    label: ShippingLabel,
    x: float,
    y: float,
    w: float,
    h: float,
    fmt: LabelSize,
    mask_phones: bool,
) -> None:
    text = _Checked(fonts, label, mask_phones)
    s = min(w / (4 * inch), h / (6 * inch))  # 1.0 on a 4×6 label
    m = max(6.0, 8 * s)  # margin
    inner = w - 2 * m
    top = y + h
    canvas.setLineWidth(0.8)

    def rule(at: float) -> None:
        canvas.setLineWidth(0.8)
        canvas.line(x + m / 2, at, x + w - m / 2, at)

    # The recipient's name is the largest text on the label: a long name shrinks a little, then
    # wraps to a second line, and nothing else on the label is set larger.
    name_text = Paragraphs(fonts, [text.name], f"{text.where}, recipient name")
    try:
        name = name_text.fit(inner, 22 * s * 1.1, max_size=22 * s, min_size=16 * s, leading=1.1)
    except ShopDeskError:
        name = name_text.fit(inner, 2 * 16 * s * 1.1, max_size=16 * s, min_size=MIN_TEXT, leading=1.1, what=fmt.title)
    name_size = name.size

    # Header: carrier and service, large; date on the right.
    header_h = 0.085 * h
    carrier_size = fit_one_line(
        fonts,
        text.carrier,
        inner * 0.62,
        max_size=min(18 * s, name_size),
        min_size=MIN_TEXT,
        field=f"{text.where}, carrier",
    )
    draw_string(canvas, fonts, text.carrier, x + m, top - m - carrier_size * 0.8, carrier_size, bold=True)
    if text.service:
        service_size = fit_one_line(
            fonts,
            text.service,
            inner * 0.36,
            max_size=min(13 * s, name_size),
            min_size=MIN_TEXT,
            field=f"{text.where}, service",
        )
        draw_string(
            canvas, fonts, text.service, x + w - m, top - m - service_size * 0.8, service_size, bold=True, align="right"
        )
    if label.ship_date:
        draw_string(
            canvas,
            fonts,
            fonts.check(label.ship_date, f"{text.where}, date"),
            x + w - m,
            top - header_h + 3 * s,
            7 * s,
            align="right",
        )
    at = top - header_h
    rule(at)

    # Recipient: the tag, the name (largest text on the label), the phone, the address.
    recipient_h = 0.35 * h
    tag_size = 7.5 * s
    _tag(canvas, fonts, "TO 收件人", x + m, at - 2 * s, tag_size)
    block_top = at - tag_size * 1.6 - 4 * s
    block_top = draw_fitted(canvas, fonts, name, x + m, block_top, bold=True) - 0.05 * name_size
    if text.phone:
        phone_size = fit_one_line(
            fonts,
            text.phone,
            inner,
            max_size=min(15 * s, name_size),
            min_size=MIN_TEXT,
            field=f"{text.where}, recipient phone",
        )
        draw_string(canvas, fonts, text.phone, x + m, block_top - phone_size * 0.82, phone_size, bold=True)
        block_top -= phone_size * 1.2
    block_top -= 2 * s
    bottom = at - recipient_h
    address = text.address.fit(
        inner, block_top - bottom - 2 * s, max_size=min(15 * s, name_size), min_size=MIN_TEXT, what=fmt.title
    )
    draw_fitted(canvas, fonts, address, x + m, block_top)
    at = bottom
    rule(at)

    # Sender: small, one block.
    sender_h = 0.12 * h
    _tag(canvas, fonts, "FROM 寄件人", x + m, at - 2 * s, 6 * s)
    sender_top = at - 6 * s * 1.6 - 3 * s
    sender = text.sender.fit(
        inner, sender_top - (at - sender_h) - 2 * s, max_size=9 * s, min_size=MIN_TEXT, what=fmt.title
    )
    draw_fitted(canvas, fonts, sender, x + m, sender_top)
    at -= sender_h
    rule(at)

    # Barcode with its number underneath.
    barcode_h = 0.2 * h
    number_size = min(10 * s, name_size)
    bar_bottom = at - barcode_h + number_size * 1.5 + 2 * s
    left, right = draw_code128(
        canvas, text.bars, x, bar_bottom, w, barcode_h - number_size * 1.5 - 8 * s, field=f"{text.where}, barcode"
    )
    draw_string(
        canvas,
        fonts,
        text.bars.value,
        (left + right) / 2,
        bar_bottom - number_size * 1.1,
        number_size,
        bold=True,
        align="centre",
    )
    at -= barcode_h
    rule(at)

    # QR code on the left; order number, weight, items, remark on the right.
    side = at - y - m / 2
    draw_qr(canvas, text.qr, x + m / 2, y + m / 2, side)
    info_x = x + m / 2 + side + 2 * s
    info = [f"Order 订单  {text.order}"]
    if label.weight_g is not None:
        info.append(f"Weight 重量  {format_weight(label.weight_g)}")
    if label.item_count:
        info.append(f"Items 件数  {label.item_count}")
    if text.remark:
        info.append(text.remark)
    details = Paragraphs(fonts, info, f"{text.where}, details").fit(
        x + w - m - info_x, side - 4 * s, max_size=min(11 * s, name_size), min_size=MIN_TEXT, what=fmt.title
    )
    draw_fitted(canvas, fonts, details, info_x, at - 6 * s, bold=True)


def _tag(canvas: Canvas, fonts: FontSet, text: str, x: float, top: float, size: float) -> None:
    """A small white-on-black tag that names the block below it."""
    width = fonts.width(text, size)
    canvas.saveState()
    canvas.rect(x, top - size * 1.45, width + size * 0.8, size * 1.45, stroke=0, fill=1)
    canvas.setFillColor(white)
    draw_string(canvas, fonts, text, x + size * 0.4, top - size * 1.1, size)
    canvas.restoreState()
