"""The shop's after-sales settings: deadlines (处理时限), sub-reasons, return windows, evidence size, high returns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shopdesk.domain.errors import ValidationFailed
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import MONDAY, complaint, delivered_order, hours, shop_with_mugs
from tests.stock_helpers import new_product


def test_a_new_deadline_gives_the_next_case_its_due_time(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    cases = shop.aftersales
    cases.set_deadline_hours({"normal": 12, "urgent": 2})
    assert cases.deadline_hours() == {"urgent": 2, "high": 24, "normal": 12, "low": 72}
    assert cases.create_case(complaint(order), at=MONDAY).due_at == MONDAY + hours(12)
    assert cases.create_case(complaint(order, priority="urgent"), at=MONDAY).due_at == MONDAY + hours(2)
    assert cases.create_case(complaint(order, priority="high"), at=MONDAY).due_at == MONDAY + hours(24)


def test_bad_deadlines_are_refused_all_at_once_and_nothing_changes(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    cases = shop.aftersales
    with pytest.raises(ValidationFailed) as given:
        cases.set_deadline_hours({"high": 0, "normal": 2.5, "whenever": 5, "low": True})  # type: ignore[dict-item]
    assert given.value.headline == "Deadlines not saved"
    assert [str(p) for p in given.value.problems] == [
        "high deadline: hours are a whole number from 1 to 2160 (found: '0')",
        "normal deadline: hours are a whole number from 1 to 2160 (found: '2.5')",
        "deadline: not a priority (urgent, high, normal, low) (found: 'whenever')",
        "low deadline: hours are a whole number from 1 to 2160 (found: 'True')",
    ]
    with pytest.raises(ValidationFailed, match="from 1 to 2160"):  # a good one next to a bad one is not saved either
        cases.set_deadline_hours({"urgent": 1, "low": 24 * 90 + 1})
    assert cases.deadline_hours() == {"urgent": 4, "high": 24, "normal": 48, "low": 72}
    assert cases.create_case(complaint(order), at=MONDAY).due_at == MONDAY + hours(48)


def test_the_shops_own_sub_reasons_are_offered_for_their_class_only(shop: Shop) -> None:
    cases = shop.aftersales
    cases.set_sub_reasons("quality", ["  褪色 faded ", "破损 damaged", "", "   "])
    offered = cases.sub_reasons()
    assert offered["quality"] == ["褪色 faded", "破损 damaged"]  # trimmed, blanks dropped, in the shop's order
    assert offered["logistics"] == ["延迟 late", "丢件 lost", "错发 wrong item", "漏发 missing item"]
    cases.set_sub_reasons("other", [])  # no list at all: the clerk types the reason
    assert cases.sub_reasons()["other"] == []
    assert cases.settings().sub_reasons == cases.sub_reasons()


def test_bad_sub_reasons_are_refused_with_what_is_wrong_and_nothing_changes(shop: Shop) -> None:
    cases = shop.aftersales
    before = cases.sub_reasons()
    with pytest.raises(ValidationFailed) as given:
        cases.set_sub_reasons("quality", ["破损 damaged", "x" * 101, "破损 DAMAGED", "bad\x07bell"])
    assert given.value.headline == "Sub-reasons not saved"
    assert [str(p) for p in given.value.problems] == [
        "quality sub-reasons: A sub-reason is longer than 100 characters (101)",
        "quality sub-reasons: A sub-reason contains control characters",
        "quality sub-reasons: a sub-reason is listed twice",
    ]
    with pytest.raises(ValidationFailed, match=r"case_class: one of logistics, other, quality, service"):
        cases.set_sub_reasons("weather", ["雨 rain"])
    assert cases.sub_reasons() == before


def test_all_settings_are_saved_at_once_and_only_what_changed_is_written(shop: Shop) -> None:
    new_product(shop, "TEE", category_path="服装/上衣")
    cases = shop.aftersales
    current = cases.settings()
    assert current.return_window_days == 7 and current.evidence_max_bytes == 20 * 1024 * 1024
    assert cases.save_settings(current) == []
    changed = replace(
        current,
        deadline_hours={**current.deadline_hours, "high": 12},
        return_window_days=10,
        return_window_days_by_category={"/服装/": 15},
        sub_reasons={**current.sub_reasons, "service": ["太慢 too slow"]},
        evidence_max_bytes=5 * 1024 * 1024,
        high_return_rate_percent=25,
        high_return_min_units_sold=8,
    )
    assert sorted(cases.save_settings(changed)) == [
        "case_deadline_hours",
        "case_sub_reasons",
        "evidence_max_bytes",
        "high_return_min_units_sold",
        "high_return_rate_percent",
        "return_window_days",
        "return_window_days_by_category",
    ]
    saved = cases.settings()
    assert saved == replace(changed, return_window_days_by_category={"服装": 15})
    assert shop.setting("high_return_rate_percent") == 25  # where the analysis reads it


def test_one_bad_setting_stops_them_all_and_every_problem_is_said(shop: Shop) -> None:
    new_product(shop, "TEE", category_path="服装/上衣")
    cases = shop.aftersales
    before = cases.settings()
    bad = replace(
        before,
        deadline_hours={"high": 12},  # fine on its own
        return_window_days=400,
        return_window_days_by_category={"服装": 15, "服装/": 20, "玩具": 30},
        sub_reasons={"quality": ["破损", "破损"]},
        evidence_max_bytes=0,
        high_return_rate_percent=101,
        high_return_min_units_sold=0,
    )
    with pytest.raises(ValidationFailed) as given:
        cases.save_settings(bad)
    assert given.value.headline == "After-sales settings not saved"
    assert [str(p) for p in given.value.problems] == [
        "quality sub-reasons: a sub-reason is listed twice",
        "return window: a return window is 0 to 365 days (found: '400')",
        "return window category: this category is listed twice (found: '服装/')",
        "return window category: no such category in the catalogue (found: '玩具')",
        "evidence size: 1 KB up to 1 GB (found: '0')",
        "high-return percent: a whole percent from 1 to 100 (found: '101')",
        "high-return units sold: a whole number from 1 to 1,000,000 (found: '0')",
    ]
    assert cases.settings() == before


def test_only_the_owner_changes_the_after_sales_settings(shop: Shop) -> None:
    cases = shop.aftersales
    before = cases.settings()
    shop.log_in("会计", Role.ACCOUNTANT)
    assert cases.settings() == before  # reading is for everyone
    with pytest.raises(PermissionDenied, match=r"may not change the after-sales settings: that needs the role owner"):
        cases.save_settings(replace(before, return_window_days=30))
    with pytest.raises(PermissionDenied, match="may not change case deadlines"):
        cases.set_deadline_hours({"high": 1})
    shop.log_in("客服", Role.CUSTOMER_SERVICE)
    with pytest.raises(PermissionDenied, match="may not change the sub-reasons"):
        cases.set_sub_reasons("quality", ["x"])
    assert cases.settings() == before
