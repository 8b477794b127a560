"""The packing slip in the parcel and the purchase order to the supplier: complete, and adding up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shopdesk.documents.data import Address, Charge, PackingLine, PackingSlip, PurchaseOrderDocument, PurchaseOrderLine
from shopdesk.documents.packing_slip import render_packing_slip
from shopdesk.documents.purchase_order import render_purchase_order
from shopdesk.domain.errors import ValidationFailed
from tests.documents.reading import read_pdf, squeeze
from tests.documents.test_labels import ADDRESSES, SHOP

SUPPLIER = Address(
    "义乌市华美日用品有限公司",
    ["稠城街道工人北路1088号"],
    city="义乌市",
    region="浙江省",
    country_code="CN",
    phone="0579-85551234",
)


def slip(**overrides: object) -> PackingSlip:
    fields: dict[str, object] = {
        "order_number": "SD-2025-000124",
        "shop": SHOP,
        "ship_to": ADDRESSES["four-line"],
        "lines": [
            PackingLine("TEE-RED-M", "纯棉T恤 Cotton T-shirt", 2, "红色 / M", 9900, 19800),
            PackingLine("MUG-01", "Keramikbecher 350 ml", 1, "", 4550, 4550),
        ],
        "carrier": "DHL",
        "tracking_number": "JJD000390007123456789",
        "currency": "EUR",
        "locale": "de_DE",
        "shipping_fee": 590,
        "discount": 1000,
        "total": 23940,
        "buyer_remark": "Bitte beim Nachbarn abgeben.",
    }
    fields.update(overrides)
    return PackingSlip(**fields)  # type: ignore[arg-type]


def test_the_packing_slip_names_the_order_the_recipient_and_every_line_without_prices_by_default() -> None:
    [page] = read_pdf(render_packing_slip(slip()))
    text = squeeze(page.text)

    assert ("Code 128", "SD-2025-000124") in page.symbols
    for part in [
        "SD-2025-000124",
        "TEE-RED-M",
        "纯棉T恤CottonT-shirt",
        "红色/M",
        "MUG-01",
        "3units",
        "Bitte beim Nachbarn abgeben.".replace(" ", ""),
        *map(squeeze, ADDRESSES["four-line"].printed_lines()),
    ]:
        assert part in text
    assert "€" not in text


def test_with_prices_the_slip_shows_money_in_the_shops_currency_and_locale() -> None:
    [page] = read_pdf(render_packing_slip(slip(show_prices=True)))
    text = squeeze(page.text)

    for amount in ["99,00€", "198,00€", "45,50€", "5,90€", "-10,00€", "239,40€"]:
        assert amount in text


def test_a_slip_whose_prices_do_not_add_up_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="come to 23940, not the total"):
        render_packing_slip(slip(show_prices=True, total=24000))


def purchase_order(**overrides: object) -> PurchaseOrderDocument:
    fields: dict[str, object] = {
        "number": "PO-2025-0042",
        "supplier": SUPPLIER,
        "buyer": SHOP,
        "ship_to": SHOP,
        "lines": [
            PurchaseOrderLine("MUG-01", "陶瓷马克杯 350ml 白色", 120, 1250, 150000, "HM-MUG-350W"),
            PurchaseOrderLine("TEE-RED-M", "纯棉T恤 红色 M", 200, 2380, 471000, "TX-8821-R-M", discount=5000),
        ],
        "charges": [Charge("Freight 运费", 15000)],
        "total": 636000,
        "order_date": "2025-03-01",
        "expected_date": "2025-03-15",
        "payment_terms": "月结30天",
    }
    fields.update(overrides)
    return PurchaseOrderDocument(**fields)  # type: ignore[arg-type]


def test_the_purchase_order_carries_supplier_lines_costs_totals_and_the_expected_date() -> None:
    [page] = read_pdf(render_purchase_order(purchase_order()))
    text = squeeze(page.text)

    assert ("Code 128", "PO-2025-0042") in page.symbols
    for part in [
        "义乌市华美日用品有限公司",
        "浙江省义乌市",
        "HM-MUG-350W",
        "TX-8821-R-M",
        "陶瓷马克杯350ml白色",
        "120piece",
        "¥12.50",
        "¥1,500.00",
        "¥23.80",
        "¥4,710.00",
        "(-¥50.00)",
        "¥6,210.00",
        "Freight运费¥150.00",
        "¥6,360.00",
        "2025-03-15",
        "月结30天",
    ]:
        assert part in text


def test_a_purchase_order_that_does_not_add_up_lists_every_wrong_figure() -> None:
    wrong_line = PurchaseOrderLine("MUG-01", "Mug", 120, 1250, 149999)
    with pytest.raises(ValidationFailed) as failed:
        render_purchase_order(purchase_order(lines=[wrong_line], total=1))

    assert [p.where for p in failed.value.problems] == ["line 1 (MUG-01)", "total"]


def test_lists_given_to_a_document_are_frozen() -> None:
    po = purchase_order()

    assert isinstance(po.lines, tuple) and isinstance(po.charges, tuple)
    assert replace(po, notes="x").lines == po.lines
