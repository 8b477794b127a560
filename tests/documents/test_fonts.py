"""The bundled CJK font travels with ShopDesk and is embedded; characters it lacks come from other fonts or fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab

from shopdesk.documents.fonts import BUNDLED_FONT, FontSet, font_set, resources_dir
from shopdesk.documents.labels import render_labels
from shopdesk.domain.errors import ShopDeskError
from tests.documents.test_labels import ADDRESSES, label_for

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # Latin only, shipped with reportlab


def test_the_bundled_font_ships_with_its_licence_and_covers_chinese_japanese_and_german() -> None:
    fonts_dir = resources_dir() / "fonts"
    assert (fonts_dir / BUNDLED_FONT).is_file()
    assert "Apache License" in (fonts_dir / "LICENSE-WenQuanYi-MicroHei.txt").read_text(encoding="utf-8")
    fonts = font_set()
    text = "广东省深圳市南山区 東京都渋谷区神宮前 ヴィラ・パークサイド ひらがな Königsallee Größe ÄÖÜß №〒"
    assert [run.font for run in fonts.runs(fonts.check(text, "test"), 10)] == [fonts.primary]


def test_labels_embed_the_font_as_truetype_so_they_print_the_same_on_any_pc() -> None:
    pdf = render_labels([label_for(ADDRESSES["Japanese"])], "4x6")

    assert b"/FontFile2" in pdf  # an embedded TrueType font program, not a reference to a system font


def test_characters_missing_from_the_first_font_come_from_the_next_one_run_by_run() -> None:
    fonts = FontSet(VERA, (resources_dir() / "fonts" / BUNDLED_FONT,))
    runs = fonts.runs(fonts.check("Anna 张伟 Room 5", "recipient name"), 10)

    assert [run.text for run in runs] == ["Anna ", "张伟", " Room 5"]
    assert runs[0].font == runs[2].font == fonts.primary != runs[1].font
    assert sum(run.width for run in runs) == pytest.approx(fonts.width("Anna 张伟 Room 5", 10))


def test_a_character_in_no_font_names_the_field_and_the_character() -> None:
    fonts = FontSet(VERA, ())

    with pytest.raises(
        ShopDeskError, match=r"recipient name: the character '张' \(U\+5F20, CJK UNIFIED IDEOGRAPH-5F20\)"
    ):
        fonts.check("Anna 张", "recipient name")
