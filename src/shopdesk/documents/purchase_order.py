"""The purchase order sent to a supplier: what to deliver, at what cost, by when, and where."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.data import Address, PurchaseOrderDocument
from shopdesk.documents.fonts import font_set
from shopdesk.documents.pages import BODY_W, MARGIN, PAGE_H, PAGE_W, Cell, Column, Sheet
from shopdesk.documents.pdf import build_pdf
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.money import format_money


def check_purchase_order(po: PurchaseOrderDocument) -> None:
    """Every line adds up and the total is the lines plus the charges; all problems at once."""
    problems = []
    if not po.lines:
        problems.append(Problem("lines", "a purchase order needs at least one line"))
    for i, line in enumerate(po.lines, start=1):
        where = f"line {i} ({line.sku})"
        if line.quantity <= 0:
            problems.append(Problem(where, "quantity must be more than zero", str(line.quantity)))
        if line.unit_cost < 0:
            problems.append(Problem(where, "unit cost cannot be negative", str(line.unit_cost)))
        expected = line.quantity * line.unit_cost - line.discount
        if line.line_total != expected:
            problems.append(
                Problem(
                    where, f"line total should be quantity × unit cost - discount = {expected}", str(line.line_total)
                )
            )
    expected_total = sum(line.line_total for line in po.lines) + sum(charge.amount for charge in po.charges)
    if po.total != expected_total:
        problems.append(Problem("total", f"lines and charges come to {expected_total}", str(po.total)))
    if problems:
        raise ValidationFailed(problems, f"purchase order {po.number}: {len(problems)} problem(s)")


def render_purchase_order(po: PurchaseOrderDocument) -> bytes:
    """A4 PDF of the purchase order; refuses figures that do not add up."""
    check_purchase_order(po)
    fonts = font_set()
    where = f"purchase order {po.number}"

    def money(minor: int) -> str:
        return format_money(minor, po.currency, po.locale)

    facts = [
        " · ".join(
            p
            for p in (
                f"Order date 下单日期 {po.order_date}" if po.order_date else "",
                f"Expected 预计到货 {po.expected_date}" if po.expected_date else "",
                f"Currency 币种 {po.currency}",
            )
            if p
        ),
        po.contact,
    ]

    def party(title: str, who: Address) -> list[str]:
        return [title, " ".join(p for p in (who.name, who.phone) if p), *who.printed_lines()]

    def draw(canvas: Canvas) -> None:
        sheet = Sheet(canvas, fonts, "Purchase order 采购单", po.number, [f for f in facts if f], where)
        sheet.start()
        top = sheet.y
        third = BODY_W / 3 - 8
        blocks = [party("Supplier 供应商", po.supplier), party("Buyer 采购方", po.buyer)]
        if po.ship_to is not None:
            blocks.append(party("Deliver to 收货地址", po.ship_to))
        lowest = top
        for i, block in enumerate(blocks):
            sheet.y = top
            sheet.text(block, 9, x=MARGIN + i * (third + 12), width=third)
            lowest = min(lowest, sheet.y)
        sheet.y = lowest - 6
        name_w = BODY_W - 90 - 80 - 45 - 75 - 85
        columns = [
            Column("SKU", 90),
            Column("Supplier SKU 供应商编码", 80),
            Column("Product 商品", name_w),
            Column("Qty 数量", 45, "right"),
            Column("Unit cost 单价", 75, "right"),
            Column("Total 金额", 85, "right"),
        ]
        rows = []
        for line in po.lines:
            total = (
                (money(line.line_total), f"(-{money(line.discount)})") if line.discount else (money(line.line_total),)
            )
            rows.append(
                [
                    Cell((line.sku,)),
                    Cell((line.supplier_sku,)),
                    Cell((line.name,)),
                    Cell((f"{line.quantity} {line.unit}",), bold=True),
                    Cell((money(line.unit_cost),)),
                    Cell(total, bold=True),
                ]
            )
        sheet.table(columns, rows)
        summary = [f"Subtotal 小计  {money(sum(line.line_total for line in po.lines))}"]
        summary += [f"{charge.label}  {money(charge.amount)}" for charge in po.charges]
        summary.append(f"Total 合计  {money(po.total)}")
        sheet.text(summary, 11, x=MARGIN + BODY_W / 2, width=BODY_W / 2)
        if po.payment_terms:
            sheet.heading("Payment terms 付款条件", 10)
            sheet.text([po.payment_terms], 9.5)
        if po.notes:
            sheet.heading("Notes 备注", 10)
            sheet.text([po.notes], 9.5)
        sheet.finish()

    return build_pdf((PAGE_W, PAGE_H), f"Purchase order {po.number}", draw)
