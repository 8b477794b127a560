"""ZPL for 203 dpi thermal printers: structure a printer accepts, fields inside the label."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from shopdesk.documents.zpl import render_zpl
from shopdesk.domain.errors import ShopDeskError
from tests.documents.test_labels import ADDRESSES, label_for

SIZES_IN_DOTS = {"4x6": (812, 1218), "100x150": (799, 1199), "76x130": (607, 1039)}
_ORIGIN = re.compile(r"\^FO(\d+),(\d+)")


def blocks(zpl: str) -> list[str]:
    return re.findall(r"\^XA.*?\^XZ", zpl, flags=re.S)


def printed_text(block: str) -> str:
    """The field data of a label in order, without spaces: what the printer writes on it."""
    return "".join(re.findall(r"\^FD(.*?)\^FS", block)).replace(" ", "")


@pytest.mark.parametrize("size", list(SIZES_IN_DOTS))
def test_each_label_is_one_utf8_format_of_the_label_size_with_barcode_qr_and_text(size: str) -> None:
    labels = [label_for(address, n) for n, address in enumerate(ADDRESSES.values(), start=1)]
    zpl = render_zpl(labels, size)

    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ")
    width, height = SIZES_IN_DOTS[size]
    for label, block in zip(labels, blocks(zpl), strict=True):
        assert "^CI28" in block
        assert f"^PW{width}" in block and f"^LL{height}" in block
        assert "^BCN" in block and f"^FD{label.tracking_number}^FS" in block.split("^BCN", 1)[1]
        assert "^BQN,2," in block and f"^FDMA,{label.qr_value}^FS" in block
        for part in [label.recipient.name, *label.recipient.printed_lines()]:
            assert part.replace(" ", "") in printed_text(block)
        for x, y in _ORIGIN.findall(block):
            assert 0 <= int(x) < width and 0 <= int(y) < height


def test_long_addresses_are_wrapped_into_lines_that_fit_the_label_width() -> None:
    zpl = render_zpl([label_for(ADDRESSES["long Chinese"])], "76x130")
    address_fields = re.findall(r"\^FO(\d+),\d+\^A@N,(\d+),\d+,[^^]+\^FH\^FD([^^]*)\^FS", zpl)
    joined = "".join(text for _x, _size, text in address_fields)

    assert "（前台代收，工作日9:00-18:00，周末请放丰巢快递柜并短信通知）" in joined
    for x, size, text in address_fields:
        # full-width characters one em, the rest 0.6 em: the widest a monospaced CJK font draws them
        width = sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text) * int(size)
        assert int(x) + width <= 607, text


def test_field_data_cannot_start_a_zpl_command() -> None:
    label = label_for(ADDRESSES["German"], remark="Vorsicht ^XZ ~JA Glas_")
    zpl = render_zpl([label], "4x6")

    assert "Vorsicht _5EXZ _7EJA Glas_5F" in zpl
    assert zpl.count("^XZ") == 1


def test_an_a4_sheet_is_not_a_thermal_label() -> None:
    with pytest.raises(ShopDeskError, match="only be printed as PDF"):
        render_zpl([label_for(ADDRESSES["German"])], "a6-on-a4")


def test_a_missing_glyph_is_an_error_in_zpl_too() -> None:
    odd = replace(ADDRESSES["German"], name="J\ue000rgen")

    with pytest.raises(ShopDeskError, match=r"recipient name.*U\+E000"):
        render_zpl([label_for(odd)], "4x6")
