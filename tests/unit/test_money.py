from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopdesk.domain.money import (
    currency_exponent,
    format_money,
    format_plain,
    minor_to_decimal,
    parse_amount,
    round_half_up,
)


@pytest.mark.parametrize(
    ("typed", "decimal_comma", "minor"),
    [
        ("3.20", False, 320),
        ("3,20", True, 320),
        ("1,234.50", False, 123450),
        ("1.234,50", True, 123450),
        ("¥12", False, 1200),
        ("12 €", True, 1200),
        (" 0.5 ", False, 50),
        ("-4.10", False, -410),
    ],
)
def test_prices_as_people_and_spreadsheets_write_them(typed: str, decimal_comma: bool, minor: int) -> None:
    assert parse_amount(typed, 2, decimal_comma=decimal_comma) == minor


@pytest.mark.parametrize(
    ("typed", "message"), [("3.205", "more than 2 decimal"), ("abc", "not a number"), ("", "empty")]
)
def test_bad_prices_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_amount(typed, 2)


def test_yen_has_no_minor_unit() -> None:
    assert currency_exponent("JPY") == 0
    assert currency_exponent("CNY") == 2
    assert parse_amount("1200", currency_exponent("JPY")) == 1200


def test_rounding_is_half_up_at_the_line_level() -> None:
    assert round_half_up(Decimal("0.005")) == 1
    assert round_half_up(Decimal("2.675")) == 268
    assert round_half_up(Decimal("-0.005")) == -1


def test_formatting() -> None:
    assert format_plain(123450) == "1234.50"
    assert format_money(123450, "CNY", "zh_CN") == "¥1,234.50"
    assert format_money(123450, "EUR", "de_DE").replace("\xa0", " ") == "1.234,50 €"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_minor_units_round_trip_through_text(minor: int) -> None:
    assert parse_amount(format_plain(minor), 2) == minor
    assert parse_amount(str(minor_to_decimal(minor)), 2) == minor
