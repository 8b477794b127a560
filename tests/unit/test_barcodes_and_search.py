import pytest

from shopdesk.domain.barcodes import CODE128, EAN8, EAN13, UPCA, classify, with_check_digit
from shopdesk.domain.privacy import mask_name, mask_phone
from shopdesk.domain.search import normalize_query, pinyin_forms, search_key


@pytest.mark.parametrize(
    ("code", "kind"),
    [("6901234567892", EAN13), ("036000291452", UPCA), ("96385074", EAN8), ("INT-0001", CODE128), ("12345", CODE128)],
)
def test_barcode_kinds(code: str, kind: str) -> None:
    assert classify(code) == kind


def test_a_wrong_check_digit_says_which_digit_is_expected() -> None:
    with pytest.raises(ValueError, match="last digit is 3, should be 2"):
        classify("6901234567893")


@pytest.mark.parametrize("code", ["", "with space", "条码123", "x" * 49])
def test_codes_that_cannot_be_printed_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        classify(code)


def test_check_digit_is_computed() -> None:
    assert with_check_digit("690123456789") == "6901234567892"


def test_pinyin_forms_of_a_chinese_product_name() -> None:
    full, initials = pinyin_forms("纯棉短袖T恤")
    assert full.startswith("chunmianduanxiu")
    assert initials.startswith("cmdx")


def test_search_key_holds_names_pinyin_and_codes_without_spanning_fields() -> None:
    key = search_key(["纯棉短袖T恤", "Cotton T-shirt"], ["TS-001", "6901234567892"])
    for needle in ("cmdx", "chunmian", "纯棉", "cotton t-shirt", "cottont-shirt", "ts-001", "6901234567892"):
        assert normalize_query(needle) in key
    assert "shirtts" not in key


def test_lists_show_personal_data_masked() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+49 30 1234567") == "+49 3* ***4567"
    assert mask_name("张三丰") == "张**"
    assert mask_name("Anna Schmidt") == "A*** S******"
