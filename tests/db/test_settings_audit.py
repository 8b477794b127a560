"""Shop settings changes are in the audit trail: who allowed negative stock, when, from what to what.

Each changed key is one event (entity "setting", labelled with the key, old → new, the user), written in the
same transaction as the setting; saving a value already in force records nothing.
"""

from __future__ import annotations

import dataclasses

import pytest

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Role
from shopdesk.services import order_review
from shopdesk.services.audit import AuditFilter, Event, events, filter_choices
from shopdesk.services.shop import Shop


def setting_events(shop: Shop) -> list[Event]:
    """The settings' events, oldest first."""
    return list(reversed(events(shop.db, AuditFilter(entity="setting"))))


def changes(shop: Shop) -> list[tuple[str, str, dict]]:
    return [(e.user, e.entity_label, e.changes) for e in setting_events(shop)]


def test_who_allowed_negative_stock_is_in_the_audit_log(shop: Shop) -> None:
    shop.log_in("王店长", Role.OWNER)

    shop.set_setting("allow_negative_stock", True)

    [event] = setting_events(shop)
    assert (event.user, event.entity, event.entity_label, event.action) == (
        "王店长",
        "setting",
        "allow_negative_stock",
        "edited",
    )
    assert event.changes == {"allow_negative_stock": [False, True]}  # the default was in force before


def test_saving_the_value_in_force_records_nothing(shop: Shop) -> None:
    shop.set_setting("allow_negative_stock", False)  # the default: nothing changes
    shop.reordering.set_window_days(30)  # the default too
    assert setting_events(shop) == []

    shop.reordering.set_window_days(45)
    shop.reordering.set_window_days(45)  # saved again, as it is

    assert changes(shop) == [("tester", "reorder_window_days", {"reorder_window_days": [30, 45]})]


def test_each_change_of_a_setting_is_one_event_from_the_value_before(shop: Shop) -> None:
    shop.reordering.set_window_days(45)
    shop.log_in("小王", Role.OWNER)
    shop.reordering.set_window_days(60)
    shop.inventory.set_valuation_method("fifo")  # before any stock moved

    assert changes(shop) == [
        ("tester", "reorder_window_days", {"reorder_window_days": [30, 45]}),
        ("小王", "reorder_window_days", {"reorder_window_days": [45, 60]}),
        ("小王", "valuation", {"valuation": ["average", "fifo"]}),
    ]


def test_a_refused_setting_records_nothing(shop: Shop) -> None:
    with pytest.raises(ValidationFailed, match="reorder_window_days"):
        shop.reordering.set_window_days(0)
    shop.log_in("小李", Role.WAREHOUSE)
    with pytest.raises(ShopDeskError, match="change shop settings"):
        shop.set_setting("allow_negative_stock", True)

    assert setting_events(shop) == []
    assert shop.setting("allow_negative_stock") is False


def test_the_after_sales_settings_record_only_what_changed(shop: Shop) -> None:
    current = shop.aftersales.settings()

    shop.aftersales.save_settings(dataclasses.replace(current, return_window_days=15))
    shop.aftersales.save_settings(dataclasses.replace(current, return_window_days=15))  # nothing new

    assert changes(shop) == [("tester", "return_window_days", {"return_window_days": [current.return_window_days, 15]})]


def test_the_order_settings_record_each_changed_key(shop: Shop) -> None:
    with shop.db.read() as conn:
        current = order_review.load_order_settings(conn)

    order_review.save_order_settings(
        shop, dataclasses.replace(current, backorder_policy="ship_available", mask_label_phones=True)
    )

    assert changes(shop) == [
        ("tester", "backorder_policy", {"backorder_policy": ["wait", "ship_available"]}),
        ("tester", "label_mask_phones", {"label_mask_phones": [False, True]}),
    ]


def test_the_audit_log_finds_setting_changes_by_kind_and_by_key(shop: Shop) -> None:
    shop.set_setting("allow_negative_stock", True)
    shop.reordering.set_window_days(45)

    assert "setting" in filter_choices(shop.db)[1]  # the window's "What" list offers it
    found = events(shop.db, AuditFilter(entity="setting", text="negative"))
    assert [(e.entity_label, e.changes) for e in found] == [
        ("allow_negative_stock", {"allow_negative_stock": [False, True]})
    ]
