"""The pieces under every document: QR codes any phone reads, and text that wraps by the rules and is never cut."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from shopdesk.documents.fonts import font_set
from shopdesk.documents.layout import Paragraphs, tokens
from shopdesk.documents.qr import encode_qr
from shopdesk.domain.errors import ShopDeskError


def qr_image(rows: tuple[str, ...], scale: int = 4, quiet: int = 4) -> Image.Image:
    size = len(rows) + 2 * quiet
    image = Image.new("L", (size, size), 255)
    image.putdata(
        [0 if ch == "1" else 255 for row in ["0" * size] * quiet for ch in row]
        + [0 if ch == "1" else 255 for row in rows for ch in "0" * quiet + row + "0" * quiet]
        + [255] * size * quiet
    )
    return image.resize((size * scale, size * scale), Image.NEAREST)


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
@pytest.mark.parametrize("length", [1, 17, 40, 90, 150, 300, 600])
def test_qr_codes_of_every_size_and_level_decode_to_what_went_in(level: str, length: int) -> None:
    text = ("SD-2025-000123 顺丰 SF1234567890123 Müller " * 20)[:length]
    matrix = encode_qr(text, level)

    [result] = zxingcpp.read_barcodes(qr_image(matrix.rows))
    assert result.text == text
    assert matrix.size == 17 + 4 * matrix.version


def test_the_mask_is_chosen_per_content_not_fixed() -> None:
    assert len({encode_qr(f"SD-2025-{n:06d}").mask for n in range(40)}) > 1


def test_a_qr_text_too_long_for_any_version_is_an_error() -> None:
    with pytest.raises(ShopDeskError, match="too long for a QR code"):
        encode_qr("x" * 3000, "H", field="label for order SD-1, QR code")


def test_chinese_and_japanese_lines_never_start_with_closing_punctuation_or_small_kana() -> None:
    fonts = font_set()
    text = "东京都渋谷区神宮前一丁目（ヴィラ・パークサイド）、ショップ。ちょっと待って、ください。" * 3
    paragraphs = Paragraphs(fonts, [text], "address")
    for width in range(40, 200, 7):
        lines = paragraphs.wrap(10, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in "、。）ょっ・ー", (width, line)
        for line in lines[:-1]:
            assert line[-1] != "（", (width, line)


def test_latin_text_breaks_at_spaces_and_hyphens_between_letters_only() -> None:
    assert tokens("c/o Bäckerei Größer-Müller GmbH") == ["c/o ", "Bäckerei ", "Größer-", "Müller ", "GmbH"]
    assert tokens("Tel. 0755-86013388") == ["Tel. ", "0755-86013388"]


def test_a_word_wider_than_the_box_is_broken_between_letters_not_cut() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"
    lines = Paragraphs(font_set(), [word], "name").wrap(12, 60)

    assert len(lines) > 1 and "".join(lines) == word


def test_text_shrinks_to_fit_and_the_error_says_how_far_it_is_off() -> None:
    paragraphs = Paragraphs(font_set(), ["深南大道10000号腾讯滨海大厦" * 4], "recipient address")

    fitted = paragraphs.fit(150, 60, max_size=14, min_size=5)
    assert fitted.size < 14 and fitted.height <= 60 and "".join(fitted.lines) == "深南大道10000号腾讯滨海大厦" * 4
    with pytest.raises(ShopDeskError, match=r"recipient address: too long to print.*even at 5 pt"):
        paragraphs.fit(50, 12, max_size=14, min_size=5)
