"""English and Simplified Chinese: complete, compiled, and switched by the language setting."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QLocale

from shopdesk.ui.i18n import CHINESE, ENGLISH, install_translations, remove_translations, resources_dir, ui_language
from shopdesk.ui.main_window import MainWindow
from tests.ui.conftest import column

TRANSLATIONS = resources_dir() / "translations"
REFRESH = "run `python resources/translations/update.py`, translate what it lists, and run it again"
# resources/translations/update.py, the one way to refresh them, is what the tests use too.
_spec = importlib.util.spec_from_file_location("update_translations", TRANSLATIONS / "update.py")
assert _spec is not None and _spec.loader is not None
update = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_message_is_translated(language) -> None:
    assert update.unfinished(TRANSLATIONS / f"shopdesk_{language}.ts") == [], REFRESH


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_text_shown_in_the_code_is_in_the_translations(tmp_path, language) -> None:
    ts = tmp_path / f"shopdesk_{language}.ts"
    shutil.copyfile(TRANSLATIONS / ts.name, ts)
    update.lupdate(ts, language, update.TRANSLATIONS[language])
    assert update.unfinished(ts) == [], REFRESH


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_compiled_qm_is_up_to_date_with_its_ts(tmp_path, language) -> None:
    ts = tmp_path / f"shopdesk_{language}.ts"
    shutil.copyfile(TRANSLATIONS / ts.name, ts)
    assert update.lrelease(ts).read_bytes() == (TRANSLATIONS / f"shopdesk_{language}.qm").read_bytes(), REFRESH


def test_the_chinese_translation_uses_the_shops_own_terms() -> None:
    root = ET.parse(TRANSLATIONS / "shopdesk_zh_CN.ts").getroot()
    translated = {
        (context.findtext("name"), message.findtext("source")): message.findtext("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }
    assert translated["MainWindow", "Products"] == "商品管理"
    statuses = [translated["ProductStatus", s] for s in ("Listed", "Delisted", "Draft")]
    assert statuses == ["上架", "下架", "草稿"]
    assert translated["ProductDialog", "Variant (规格)"] == "规格"
    assert translated["ProductColumns", "Category"] == "分类"


@pytest.mark.parametrize(
    ("setting", "system", "shown"),
    [
        ("system", "zh_CN", CHINESE),
        ("system", "zh_TW", CHINESE),
        ("system", "de_DE", ENGLISH),
        ("en", "zh_CN", ENGLISH),
        ("zh_CN", "en_US", CHINESE),
    ],
)
def test_the_language_follows_the_system_unless_chosen(setting, system, shown) -> None:
    assert ui_language(setting, QLocale(system)) == shown


def test_switching_to_chinese_shows_chinese(qtbot, qapp, english, small_shop, runner) -> None:
    from shopdesk.ui.products.tab import ProductsTab

    translators = install_translations(qapp, CHINESE)
    try:
        window = MainWindow(CHINESE)
        qtbot.addWidget(window)
        assert window.tabs.tabText(0) == "商品管理"
        tab = ProductsTab(small_shop, runner, CHINESE)
        qtbot.addWidget(tab)
        assert [c.title for c in tab.model.columns][:4] == ["商品编码", "商品名称", "副名称", "分类"]
        assert column(tab, "状态") == ["上架", "上架", "上架", "草稿"]
        assert column(tab, "售价")[0] == "¥129.00"
        assert tab.count_label.text() == "共 4 个商品"
        assert tab.status.itemText(0) == "全部状态"
    finally:
        remove_translations(qapp, translators)
