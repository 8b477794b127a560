"""The bulk search keys of an import find products exactly as the catalogue's own keys do."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.domain.search import pinyin_forms, search_key
from shopdesk.imports.search_keys import BulkSearchKeys
from shopdesk.services.catalogue_editing import product_search_key
from tests.factories import product

NAMES = [
    "纯棉短袖T恤 黑色 S 第12批",
    "重庆小面 重量500g",  # 重 read chong in 重庆, zhong in 重量
    "银行卡套 行李牌",  # 行 read hang, then xing
    "长款羽绒服 长大后",
    "Linen shirt 亚麻衬衫",
    "🎁 礼盒装 〇号",
    "ＸＬ号 全角",
    "  spaced   out  名字 ",
    "هدية gift שלום",
    "㐀 rare 𠀀 characters",
]


def test_the_shops_typical_names_get_the_catalogues_exact_keys() -> None:
    keys = BulkSearchKeys()
    for name in NAMES:
        draft = product("SKU-1", name=name, alt_name=name[::-1], variant_label="红色 / M", barcodes=["6901234567892"])
        assert keys.product(draft) == product_search_key(draft)


TEXT = st.text(alphabet=st.sampled_from("重庆银行长大乐音纯棉短袖恤黑色第批aZ1 -/〇㐀𠀀ßﬁΣT\u3000"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_mix_of_chinese_and_latin_gets_the_same_pinyin_forms(text: str) -> None:
    assert BulkSearchKeys().pinyin_forms(text) == pinyin_forms(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=3), st.lists(TEXT, max_size=2))
def test_any_texts_and_codes_get_the_same_search_key(texts: list[str], codes: list[str]) -> None:
    keys = BulkSearchKeys()
    assert keys.key(texts, codes) == search_key(texts, codes)
    assert keys.key(texts, codes) == search_key(texts, codes)  # and again from the caches
