"""Labels and pick lists: prints one JSON object per figure.

1,000 4×6 labels (Code128, QR, CJK and German text) from shopdesk.documents,
against the naive way in the same run: bare reportlab drawing the same content
with its Code128 and QR widgets (renderPDF) and its simpleSplit for the
address. Goal: ratio <= 0.3 (under 10 ms a label). Then a consolidated pick
list of 500 orders (goal < 2 s).
"""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from shopdesk.documents.data import Address, PickLine, PickListRequest, ShippingLabel
from shopdesk.documents.fonts import BUNDLED_FONT, resources_dir
from shopdesk.documents.labels import format_weight, render_labels
from shopdesk.documents.picklist import render_pick_list

LABELS = 1000
ORDERS = 500
SHOP = Address(
    "小象杂货 Little Elephant Store",
    ["科技园南区深南大道10000号"],
    city="深圳市",
    region="广东省",
    country_code="CN",
    phone="0755-86013388",
)


def make_labels(n: int) -> list[ShippingLabel]:
    """Every label different: the house number, the name and the tracking number change."""
    rng = random.Random(7)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
    labels = []
    for i in range(n):
        if i % 4 == 3:
            recipient = Address(
                f"Jürgen Müller {i}",
                [f"Königsallee {i % 300 + 1}", "Hinterhaus, 3. OG"],
                city="Düsseldorf",
                postcode="40212",
                country="DEUTSCHLAND",
                country_code="DE",
                phone=f"+49 211 {rng.randrange(10**6, 10**7)}",
            )
        else:
            recipient = Address(
                rng.choice(surnames) + rng.choice(given) + rng.choice(given),
                [f"南山区粤海街道科技园南区深南大道{i + 1}号腾讯滨海大厦北塔{i % 40 + 1}层{i % 9 + 1}01室"],
                city="深圳市",
                region="广东省",
                postcode="518057",
                country_code="CN",
                phone=f"138{rng.randrange(10**7, 10**8)}",
            )
        labels.append(
            ShippingLabel(
                f"SD-2025-{i:06d}",
                SHOP,
                recipient,
                "顺丰速运 SF Express",
                "标快",
                f"SF{1_000_000_000_000 + i * 7919}",
                250 + i % 5000,
                1 + i % 5,
                ship_date="2025-03-01",
            )
        )
    return labels


def naive_labels(labels: list[ShippingLabel]) -> bytes:
    """What one would write first: canvas.drawString, simpleSplit, and reportlab's barcode widgets."""
    font = "NaiveCJK"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(resources_dir() / "fonts" / BUNDLED_FONT), subfontIndex=0))
    buffer = io.BytesIO()
    w, h = 4 * inch, 6 * inch
    c = Canvas(buffer, pagesize=(w, h))
    for label in labels:
        r = label.recipient
        c.setFont(font, 18)
        c.drawString(10, h - 28, label.carrier)
        c.setFont(font, 13)
        c.drawRightString(w - 10, h - 28, label.service)
        c.setFont(font, 7)
        c.drawRightString(w - 10, h - 36, label.ship_date)
        c.line(4, h - 40, w - 4, h - 40)
        c.setFont(font, 22)
        c.drawString(10, h - 70, r.name)
        c.setFont(font, 15)
        c.drawString(10, h - 90, r.phone)
        y = h - 110
        for line in r.printed_lines():
            for part in simpleSplit(line, font, 15, w - 20):
                c.drawString(10, y, part)
                y -= 18
        c.line(4, h - 190, w - 4, h - 190)
        c.setFont(font, 9)
        y = h - 205
        for line in [f"{SHOP.name} {SHOP.phone}", *SHOP.printed_lines()]:
            c.drawString(10, y, line)
            y -= 11
        c.line(4, h - 242, w - 4, h - 242)
        barcode = createBarcodeDrawing(
            "Code128", value=label.barcode_value, barWidth=2 * 72 / 203, barHeight=60, humanReadable=True
        )
        renderPDF.draw(barcode, c, (w - barcode.width) / 2, h - 325)
        c.line(4, h - 330, w - 4, h - 330)
        qr = QrCodeWidget(label.qr_value, barLevel="M")
        x0, y0, x1, y1 = qr.getBounds()
        d = Drawing(95, 95, transform=[95 / (x1 - x0), 0, 0, 95 / (y1 - y0), 0, 0])
        d.add(qr)
        renderPDF.draw(d, c, 6, 6)
        c.setFont(font, 11)
        c.drawString(110, 80, f"Order 订单  {label.order_number}")
        c.drawString(110, 64, f"Weight 重量  {format_weight(label.weight_g or 0)}")
        c.drawString(110, 48, f"Items 件数  {label.item_count}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def make_pick_list(orders: int) -> PickListRequest:
    rng = random.Random(11)
    products = [(f"SKU-{n:05d}", f"商品 {n} Produkt Größe {n % 7}", f"690{n:09d}") for n in range(1, 401)]
    lines = []
    for o in range(orders):
        for sku, name, _code in rng.sample(products, rng.randint(1, 5)):
            n = int(sku[4:])
            lines.append(
                PickLine(
                    f"SD-{o:06d}",
                    sku,
                    name,
                    rng.randint(1, 4),
                    f"WH{1 + n % 2}",
                    f"{'ABCD'[n % 4]}-{n % 20:02d}-{n % 5:02d}",
                    pick_order=n % 97,
                    barcode="",
                )
            )
    return PickListRequest("WAVE-2025-03-01-1", tuple(lines), consolidated=True, created="2025-03-01 09:30")


def best_of(runs: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    labels = make_labels(LABELS)
    render_labels(labels[:4])  # fonts registered and QR tables built before timing
    naive_labels(labels[:4])
    ours = best_of(3, lambda: render_labels(labels, "4x6"))
    naive = best_of(1, lambda: naive_labels(labels))  # about a minute on its own
    print(
        json.dumps(
            {
                "figure": "labels_4x6_1000",
                "seconds": round(ours, 3),
                "ms_per_label": round(ours / LABELS * 1000, 2),
                "naive_seconds": round(naive, 3),
                "naive_ms_per_label": round(naive / LABELS * 1000, 2),
                "ratio": round(ours / naive, 3),
                "goal_ratio": 0.3,
            }
        )
    )
    request = make_pick_list(ORDERS)
    render_pick_list(request)
    seconds = best_of(3, lambda: render_pick_list(request))
    print(
        json.dumps(
            {
                "figure": "picklist_consolidated_500_orders",
                "lines": len(request.lines),
                "seconds": round(seconds, 3),
                "goal_seconds": 2.0,
            }
        )
    )


if __name__ == "__main__":
    main()
