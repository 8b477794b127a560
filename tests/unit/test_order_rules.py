"""Order states and review rules (审单), with worked examples that flag and that do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.domain.orders import ALLOWED, IllegalTransition, OrderStatus, check_transition
from shopdesk.domain.phones import phone_key
from shopdesk.domain.review import EarlierOrder, OrderFacts, ReviewRules, address_key, review

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def facts(**overrides: object) -> OrderFacts:
    base: dict[str, object] = {
        "number": "SO-1",
        "placed_at": NOW,
        "total": 12_900,
        "buyer": "buyer-1",
        "phone": "13812345678",
        "province": "上海市",
        "city": "上海市",
        "street": "浦东新区世纪大道100号",
        "recipient": "张三",
    }
    base.update(overrides)
    return OrderFacts(**base)  # type: ignore[arg-type]


def codes(f: OrderFacts, rules: ReviewRules | None = None) -> list[str]:
    return [flag.code for flag in review(f, rules or ReviewRules())]


def test_an_ordinary_order_is_not_held() -> None:
    assert codes(facts()) == []


def test_three_orders_to_three_addresses_in_a_day_are_held() -> None:
    earlier = (
        EarlierOrder(NOW - timedelta(hours=5), address_key("江苏省", "南京市", "中山路1号")),
        EarlierOrder(NOW - timedelta(hours=2), address_key("浙江省", "杭州市", "西湖路8号")),
    )
    flags = review(facts(earlier_orders=earlier), ReviewRules())
    assert [f.code for f in flags] == ["burst"]
    assert "3 orders to 3 different addresses" in flags[0].message


def test_repeat_orders_to_the_same_address_are_a_loyal_customer_not_a_fraud() -> None:
    same = address_key("上海市", "上海市", "浦东新区 世纪大道100号")
    earlier = (EarlierOrder(NOW - timedelta(hours=5), same), EarlierOrder(NOW - timedelta(hours=1), same))
    assert codes(facts(earlier_orders=earlier)) == []


def test_orders_outside_the_window_do_not_count() -> None:
    earlier = (
        EarlierOrder(NOW - timedelta(hours=30), address_key("江苏省", "南京市", "中山路1号")),
        EarlierOrder(NOW - timedelta(hours=2), address_key("浙江省", "杭州市", "西湖路8号")),
    )
    assert codes(facts(earlier_orders=earlier)) == []


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"street": ""}, "address_incomplete"),
        ({"city": ""}, "address_incomplete"),
        ({"street": "测试地址"}, "address_suspicious"),
        ({"country": "DE", "postcode": "", "street": "Hauptstraße 5"}, "address_incomplete"),
        ({"total": 600_000}, "high_value"),
        ({"remark": "请发顺丰"}, "remark"),
        ({"short_of_stock": True}, "short_of_stock"),
    ],
)
def test_each_rule_flags_its_case(overrides: dict[str, object], code: str) -> None:
    assert codes(facts(**overrides)) == [code]


def test_blocked_phone_and_buyer() -> None:
    rules = ReviewRules(blocked_phones=frozenset({"13812345678"}), blocked_buyers=frozenset({"buyer-1"}))
    assert codes(facts(), rules) == ["blocked_phone", "blocked_buyer"]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("17007390164", "17007390164"),
        ("170-0739-0164", "17007390164"),
        ("+86 17007390164", "17007390164"),
        ("170 0739 0164", "17007390164"),
        ("0086-170-0739-0164", "17007390164"),
        ("8617007390164", "17007390164"),
        ("１７００７３９０１６４", "17007390164"),  # full-width, from a CJK keyboard
        ("010-12345678", "01012345678"),
        ("+86 10 1234 5678", "01012345678"),  # a Beijing landline written internationally: the trunk 0 comes back
        ("+86 (0)10 1234 5678", "01012345678"),
        ("+49 30 1234567", "49301234567"),  # other countries keep their code
        ("138****5678", "138****5678"),  # masked by a marketplace: kept as it is
        ("138 **** 5678", "138****5678"),
        ("n/a", ""),
    ],
)
def test_a_phone_key_is_the_number_however_it_was_written(typed: str, key: str) -> None:
    assert phone_key(typed) == key


@pytest.mark.parametrize("phone", ["170-0739-0164", "+86 17007390164", "170 0739 0164", "(170) 0739 0164"])
def test_a_blocked_phone_matches_every_spelling_of_it(phone: str) -> None:
    rules = ReviewRules(blocked_phones=frozenset({"+86 170 0739 0164"}))
    assert codes(facts(phone=phone), rules) == ["blocked_phone"]


def test_a_masked_phone_cannot_be_matched_to_a_blocked_number() -> None:
    rules = ReviewRules(blocked_phones=frozenset({"13812345678"}))
    assert codes(facts(phone="138****5678"), rules) == []
    assert codes(facts(phone="n/a", country="CN"), ReviewRules(blocked_phones=frozenset({"none"}))) == []


def test_rules_can_be_switched_off() -> None:
    rules = ReviewRules(max_amount=None, hold_on_remark=False)
    assert codes(facts(total=10**9, remark="hi"), rules) == []


def test_an_impossible_change_says_where_the_order_is_and_what_is_allowed() -> None:
    with pytest.raises(
        IllegalTransition, match=r"Order SO-9 is shipped; it cannot become cancelled\. Allowed: completed, delivered"
    ):
        check_transition("SO-9", OrderStatus.SHIPPED, OrderStatus.CANCELLED)


def test_cancel_is_possible_only_before_shipping() -> None:
    for status, targets in ALLOWED.items():
        before_shipping = status not in (
            OrderStatus.SHIPPED,
            OrderStatus.DELIVERED,
            OrderStatus.COMPLETED,
            OrderStatus.CANCELLED,
        )
        assert (OrderStatus.CANCELLED in targets) == before_shipping, status
