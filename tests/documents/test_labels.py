"""Shipping labels, read back as the courier's scanner and the packer's eyes would read them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shopdesk.documents.data import Address, ShippingLabel
from shopdesk.documents.labels import LABEL_SIZES, render_labels
from shopdesk.domain.errors import ShopDeskError
from tests.documents.reading import read_pdf, squeeze, text_sizes

SHOP = Address(
    "小象杂货 Little Elephant Store",
    ["科技园南区深南大道10000号"],
    city="深圳市",
    region="广东省",
    country_code="CN",
    phone="0755-86013388",
)

ADDRESSES = {
    "long Chinese": Address(
        "欧阳建国",
        [
            "南山区粤海街道科技园南区深南大道10000号腾讯滨海大厦北塔二十三层2301室（前台代收，工作日9:00-18:00，"
            "周末请放丰巢快递柜并短信通知）"
        ],
        city="深圳市",
        region="广东省",
        postcode="518057",
        country_code="CN",
        phone="13812345678",
    ),
    "German": Address(
        "Jürgen Müller-Lüdenscheidt",
        ["Königsallee 123"],
        city="Düsseldorf",
        postcode="40212",
        country="DEUTSCHLAND",
        country_code="DE",
        phone="+49 211 1234567",
    ),
    "Japanese": Address(
        "山田 太郎",
        ["神宮前1丁目2番3号", "ヴィラ・パークサイド原宿 405号室"],
        city="渋谷区",
        region="東京都",
        postcode="150-0001",
        country_code="JP",
        phone="090-1234-5678",
    ),
    "four-line": Address(
        "Anna Schröder",
        ["c/o Bäckerei Größer GmbH", "Abteilung Einkauf", "Hinterhaus, 3. OG", "Lindenstraße 12"],
        city="Köln",
        postcode="50667",
        country="GERMANY",
        country_code="DE",
        phone="+49 221 555 0199",
        company="Größer Backwaren",
    ),
}


def label_for(recipient: Address, n: int = 1, **overrides: object) -> ShippingLabel:
    fields: dict[str, object] = {
        "order_number": f"SD-2025-{n:06d}",
        "sender": SHOP,
        "recipient": recipient,
        "carrier": "顺丰速运 SF Express",
        "service": "标快",
        "tracking_number": f"SF{1_234_567_890_000 + n}",
        "weight_g": 1250,
        "item_count": 3,
        "ship_date": "2025-03-01",
    }
    fields.update(overrides)
    return ShippingLabel(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", list(LABEL_SIZES))
@pytest.mark.parametrize("kind", list(ADDRESSES))
def test_every_label_scans_and_shows_the_whole_address(size: str, kind: str) -> None:
    label = label_for(ADDRESSES[kind])
    [page] = read_pdf(render_labels([label], size))

    assert sorted(page.symbols) == [
        ("Code 128", label.tracking_number),
        ("QR Code", f"{label.order_number} {label.tracking_number}"),
    ]
    text = squeeze(page.text)
    recipient = label.recipient
    for part in [recipient.name, recipient.phone, *recipient.printed_lines()]:
        assert squeeze(part) in text, f"{part!r} missing from the {size} label"
    for part in ["顺丰速运SFExpress", "标快", label.order_number, "1.25kg", SHOP.name.replace(" ", "")]:
        assert part in text


@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_the_recipients_name_is_the_largest_text_even_when_it_is_long_and_the_carrier_short(size: str) -> None:
    long_name = replace(ADDRESSES["German"], name="Maximiliane Alexandra von Hohenzollern-Sigmaringen")
    sizes = text_sizes(render_labels([label_for(long_name, carrier="DHL", service="")], size))
    name_chars = len(squeeze(long_name.name))
    # the name is drawn right after the white-on-black "TO 收件人" tag
    start = "".join(ch for ch, _ in sizes).index("Maximiliane")
    name_size = sizes[start][1]

    assert all(s == name_size for _ch, s in sizes[start : start + name_chars])
    assert max(s for _ch, s in sizes[:start] + sizes[start + name_chars :]) <= name_size


def test_a_sheet_of_four_a6_labels_carries_four_orders_that_all_scan() -> None:
    labels = [label_for(address, n) for n, address in enumerate(ADDRESSES.values(), start=1)]
    [page] = read_pdf(render_labels(labels, "a6-on-a4"))

    assert sorted(text for fmt, text in page.symbols if fmt == "Code 128") == sorted(
        label.tracking_number for label in labels
    )
    assert sorted(text for fmt, text in page.symbols if fmt == "QR Code") == sorted(label.qr_value for label in labels)


def test_five_labels_on_a4_sheets_take_two_pages_and_thermal_labels_one_page_each() -> None:
    labels = [label_for(ADDRESSES["German"], n) for n in range(5)]
    assert len(read_pdf(render_labels(labels, "a6-on-a4"), dpi=50)) == 2
    assert len(read_pdf(render_labels(labels, "76x130"), dpi=50)) == 5


def test_without_tracking_number_the_order_number_is_the_barcode_and_the_carrier_link_the_qr() -> None:
    label = label_for(ADDRESSES["German"], tracking_number="", qr_text="https://track.example/?o=SD-2025-000001")
    [page] = read_pdf(render_labels([label], "100x150"))

    assert sorted(page.symbols) == [
        ("Code 128", "SD-2025-000001"),
        ("QR Code", "https://track.example/?o=SD-2025-000001"),
    ]


def test_the_shop_can_print_phones_masked() -> None:
    [page] = read_pdf(render_labels([label_for(ADDRESSES["long Chinese"])], "4x6", mask_phones=True))

    assert "138****5678" in page.text
    assert "13812345678" not in squeeze(page.text)


def test_a_character_no_font_has_is_refused_naming_order_field_and_character() -> None:
    odd = Address("张伟", ["科技园\ue000路1号"], city="深圳市", region="广东省", country_code="CN")

    with pytest.raises(ShopDeskError, match=r"SD-2025-000007, recipient address: .*U\+E000"):
        render_labels([label_for(ADDRESSES["German"], 6), label_for(odd, 7)], "4x6")


def test_invisible_format_characters_pasted_from_a_chat_are_dropped_not_refused() -> None:
    pasted = Address("张\u200b伟", ["科技园\ufeff路1号"], city="深圳市", region="广东省", country_code="CN")
    [page] = read_pdf(render_labels([label_for(pasted)], "4x6"), dpi=72)

    assert "张伟" in page.text and "科技园路1号" in squeeze(page.text)


def test_an_address_too_long_even_at_the_smallest_size_is_an_error_not_a_cut() -> None:
    endless = Address("张伟", ["深南大道" * 200], city="深圳市", region="广东省", country_code="CN")

    with pytest.raises(ShopDeskError, match=r"recipient address: too long to print on 76×130 mm.*lines"):
        render_labels([label_for(endless)], "76x130")


def test_a_tracking_number_that_is_not_ascii_cannot_be_a_code128() -> None:
    with pytest.raises(ShopDeskError, match=r"tracking number.*printable ASCII"):
        render_labels([label_for(ADDRESSES["German"], tracking_number="SF１２３")], "4x6")


def test_an_unknown_size_names_the_sizes_there_are() -> None:
    with pytest.raises(ShopDeskError, match="4x6, 100x150, 76x130, a6-on-a4"):
        render_labels([label_for(ADDRESSES["German"])], "A5")
