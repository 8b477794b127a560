"""The packing slip that goes in the parcel: the order, who it is for, what is in it."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.data import PackingSlip
from shopdesk.documents.fonts import font_set
from shopdesk.documents.pages import BODY_W, MARGIN, PAGE_H, PAGE_W, Cell, Column, Sheet
from shopdesk.documents.pdf import build_pdf
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.money import format_money


def check_slip(slip: PackingSlip) -> None:
    problems = []
    if not slip.lines:
        problems.append(Problem("lines", "a packing slip needs at least one line"))
    for i, line in enumerate(slip.lines, start=1):
        if line.quantity <= 0:
            problems.append(Problem(f"line {i} ({line.sku})", "quantity must be more than zero", str(line.quantity)))
    if slip.show_prices:
        expected = sum(line.line_total for line in slip.lines) + slip.shipping_fee - slip.discount
        if expected != slip.total:
            problems.append(
                Problem("total", f"lines + shipping - discount come to {expected}, not the total", str(slip.total))
            )
    if problems:
        raise ValidationFailed(problems, f"packing slip for order {slip.order_number}: {len(problems)} problem(s)")


def render_packing_slip(slip: PackingSlip) -> bytes:
    """A4 PDF of one order's packing slip; prices only when slip.show_prices."""
    check_slip(slip)
    fonts = font_set()
    where = f"packing slip for order {slip.order_number}"

    def money(minor: int) -> str:
        return format_money(minor, slip.currency, slip.locale)

    facts = [
        " · ".join(p for p in (slip.order_date, slip.channel) if p),
        " · ".join(p for p in (slip.carrier, slip.tracking_number) if p),
    ]

    def draw(canvas: Canvas) -> None:
        sheet = Sheet(canvas, fonts, "Packing slip 装箱单", slip.order_number, [f for f in facts if f], where)
        sheet.start()
        top = sheet.y
        half = BODY_W / 2 - 6
        sheet.heading("Ship to 收货人", 10, min_follow=60)
        to = slip.ship_to
        sheet.text([" ".join(p for p in (to.name, to.phone) if p), *to.printed_lines()], 10, width=half)
        left_bottom = sheet.y
        sheet.y = top
        shop = slip.shop
        sheet.text(["From 发货人"], 10, x=MARGIN + half + 12, width=half)
        sheet.text(
            [" ".join(p for p in (shop.name, shop.phone) if p), *shop.printed_lines()],
            9,
            x=MARGIN + half + 12,
            width=half,
        )
        sheet.y = min(sheet.y, left_bottom) - 6
        if slip.show_prices:
            columns = [
                Column("SKU", 110),
                Column("Product 商品", BODY_W - 110 - 50 - 90 - 90),
                Column("Qty 数量", 50, "right"),
                Column("Price 单价", 90, "right"),
                Column("Total 金额", 90, "right"),
            ]
        else:
            columns = [
                Column("✓", 24),
                Column("SKU", 130),
                Column("Product 商品", BODY_W - 24 - 130 - 60),
                Column("Qty 数量", 60, "right"),
            ]
        rows = []
        for line in slip.lines:
            product = (line.name, line.variant) if line.variant else (line.name,)
            if slip.show_prices:
                rows.append(
                    [
                        Cell((line.sku,)),
                        Cell(product),
                        Cell((str(line.quantity),), 11, bold=True),
                        Cell((money(line.unit_price),)),
                        Cell((money(line.line_total),)),
                    ]
                )
            else:
                rows.append(
                    [Cell(tick_box=True), Cell((line.sku,)), Cell(product), Cell((str(line.quantity),), 12, bold=True)]
                )
        sheet.table(columns, rows)
        units = sum(line.quantity for line in slip.lines)
        totals = [f"{len(slip.lines)} lines · {units} units 件"]
        if slip.show_prices:
            if slip.shipping_fee:
                totals.append(f"Shipping 运费  {money(slip.shipping_fee)}")
            if slip.discount:
                totals.append(f"Discount 优惠  -{money(slip.discount)}")
            totals.append(f"Total 合计  {money(slip.total)}")
        sheet.text(totals, 11, x=MARGIN + BODY_W / 2, width=BODY_W / 2)
        if slip.buyer_remark:
            sheet.heading("Buyer remark 买家留言", 10)
            sheet.text([slip.buyer_remark], 10)
        if slip.message:
            sheet.text([slip.message], 11)
        sheet.finish()

    return build_pdf((PAGE_W, PAGE_H), f"Packing slip {slip.order_number}", draw)
