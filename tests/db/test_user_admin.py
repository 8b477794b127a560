"""Looking after the people of a shop: new PINs, other roles, leaving and coming back, all in the audit trail."""

from __future__ import annotations

import pytest

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.audit import AuditFilter, events, filter_choices
from shopdesk.services.users import Users


@pytest.fixture
def users(shop) -> Users:
    users = Users(shop)
    users.add("Wang", Role.OWNER, "9876")
    users.add("Li", Role.WAREHOUSE, "1234")
    return users


def test_a_new_pin_replaces_the_old_one(users) -> None:
    users.change_secret("Li", "4321")
    with pytest.raises(ShopDeskError, match="wrong PIN"):
        users.login("Li", "1234")
    assert users.login("Li", "4321").name == "Li"
    with pytest.raises(ShopDeskError, match="at least 4 characters"):
        users.change_secret("Li", "12")


def test_the_last_owner_stays_an_owner_until_there_is_another(users) -> None:
    with pytest.raises(ShopDeskError, match="last owner"):
        users.change_role("Wang", Role.ACCOUNTANT)
    users.change_role("Li", Role.OWNER)
    users.change_role("Wang", Role.ACCOUNTANT)
    assert {u.name: u.role for u in users.list()} == {"Li": Role.OWNER, "Wang": Role.ACCOUNTANT}


def test_a_deactivated_person_cannot_log_in_until_reactivated(users) -> None:
    users.deactivate("Li")
    with pytest.raises(ShopDeskError, match="Unknown user"):
        users.login("Li", "1234")
    users.reactivate("Li")
    assert users.login("Li", "1234").role is Role.WAREHOUSE


def test_the_logged_in_role_decides_who_may_manage_people(shop, users) -> None:
    shop.log_in("Li", Role.WAREHOUSE)
    for attempt in (
        lambda: users.add("Sun", Role.WAREHOUSE, "5555"),
        lambda: users.change_role("Li", Role.OWNER),
        lambda: users.change_secret("Wang", "0000"),
        lambda: users.deactivate("Wang"),
    ):
        with pytest.raises(PermissionDenied, match="needs the role owner"):
            attempt()
    assert {u.name: u.role for u in users.list()} == {"Li": Role.WAREHOUSE, "Wang": Role.OWNER}


def test_changes_to_people_are_in_the_audit_trail(shop, users) -> None:
    users.change_role("Li", Role.ACCOUNTANT)
    trail = events(shop.db, AuditFilter(entity="user", text="li"))
    assert [(e.action, e.changes) for e in trail] == [
        ("role", {"role": ["warehouse", "accountant"]}),
        ("created", {"role": [None, "warehouse"]}),
    ]
    assert filter_choices(shop.db) == (["tester"], ["user"])
