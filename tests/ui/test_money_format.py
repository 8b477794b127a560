"""Money in the lists reads exactly as domain.money.format_money writes it."""

from __future__ import annotations

import pytest

from shopdesk.domain.money import currency_exponent, format_money
from shopdesk.ui.widgets.money import MoneyFormat

AMOUNTS = [0, 5, 99, 100, 5900, 123456, 99_999_999, 10**12, -5, -100_000]


@pytest.mark.parametrize("locale", ["en_US", "zh_CN", "de_DE", "fr_FR"])
@pytest.mark.parametrize("currency", ["CNY", "USD", "EUR", "JPY", "KWD"])
def test_the_fast_format_matches_babel(locale, currency) -> None:
    money = MoneyFormat(currency, currency_exponent(currency), locale)
    assert [money(a) for a in AMOUNTS] == [format_money(a, currency, locale) for a in AMOUNTS]


def test_a_chinese_shop_in_both_languages() -> None:
    assert MoneyFormat("CNY", 2, "zh_CN")(5900) == "¥59.00"
    assert MoneyFormat("CNY", 2, "en_US")(123456) == "CN¥1,234.56"
