"""Users and roles: off by default, switched on by the first owner, PINs slow down guessing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission, PermissionDenied, Role, allowed, require
from shopdesk.services.users import Users


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_new_shop_has_no_login_and_the_first_user_must_be_an_owner(shop) -> None:
    users = Users(shop)
    assert not users.enabled()
    with pytest.raises(ShopDeskError, match="first user must be an owner"):
        users.add("Li", Role.WAREHOUSE, "1234")
    users.add("Wang", Role.OWNER, "9876")
    users.add("Li", Role.WAREHOUSE, "1234")
    assert users.enabled()
    assert [(u.name, u.role) for u in users.list()] == [("Li", Role.WAREHOUSE), ("Wang", Role.OWNER)]


def test_pins_are_stored_as_salted_hashes(shop) -> None:
    from sqlalchemy import select

    from shopdesk.db.models.users import AppUser

    users = Users(shop)
    users.add("Wang", Role.OWNER, "9876")
    users.add("Zhao", Role.ACCOUNTANT, "9876")
    with shop.db.read() as conn:
        hashes = conn.execute(select(AppUser.secret_hash, AppUser.salt)).all()
    assert all(b"9876" not in h for h, _ in hashes)
    assert hashes[0][0] != hashes[1][0]  # same PIN, different salt, different hash


def test_a_wrong_pin_five_times_slows_down_but_never_locks_the_owner_out(shop) -> None:
    clock = Clock()
    users = Users(shop, clock=clock)
    users.add("Wang", Role.OWNER, "9876")
    for _ in range(5):
        with pytest.raises(ShopDeskError, match="Unknown user or wrong PIN"):
            users.login("Wang", "0000")
        clock.now += timedelta(minutes=1)
    # Straight after the fifth wrong try, the next is refused without being counted.
    clock.now -= timedelta(minutes=1)
    # The fifth failure asks for a 4 s wait: even the right PIN waits...
    with pytest.raises(ShopDeskError, match=r"try again in 4 s"):
        users.login("Wang", "9876")
    # ...and then works.
    clock.now += timedelta(seconds=5)
    assert users.login("Wang", "9876").role is Role.OWNER


def test_the_last_owner_cannot_be_removed_while_others_depend_on_them(shop) -> None:
    users = Users(shop)
    users.add("Wang", Role.OWNER, "9876")
    users.add("Li", Role.WAREHOUSE, "1234")
    with pytest.raises(ShopDeskError, match="last owner"):
        users.deactivate("Wang")
    users.deactivate("Li")
    users.deactivate("Wang")
    assert not users.enabled()


def test_only_the_owner_manages_users(shop) -> None:
    users = Users(shop)
    users.add("Wang", Role.OWNER, "9876")
    with pytest.raises(PermissionDenied, match="needs the role owner"):
        users.add("Sun", Role.WAREHOUSE, "5555", acting_role=Role.ACCOUNTANT)


# The permission matrix: every role against every guarded action.
EXPECTED = {
    Role.OWNER: set(Permission),
    Role.WAREHOUSE: {Permission.MOVE_STOCK, Permission.FULFIL, Permission.VIEW_PERSONAL_DATA},
    Role.ACCOUNTANT: {Permission.VIEW_COSTS, Permission.EXPORT},
    Role.CUSTOMER_SERVICE: {Permission.WORK_ORDERS, Permission.WORK_CASES, Permission.VIEW_PERSONAL_DATA},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_permission_matrix(role: Role, permission: Permission) -> None:
    assert allowed(role, permission) == (permission in EXPECTED[role])
    if permission in EXPECTED[role]:
        require("someone", role, permission, "do it")
    else:
        with pytest.raises(PermissionDenied, match="that needs the role"):
            require("someone", role, permission, "do it")


def test_warehouse_staff_do_not_see_costs_and_the_accountant_changes_nothing() -> None:
    assert not allowed(Role.WAREHOUSE, Permission.VIEW_COSTS)
    changing = {
        Permission.EDIT_CATALOGUE,
        Permission.MOVE_STOCK,
        Permission.PURCHASE,
        Permission.WORK_ORDERS,
        Permission.FULFIL,
        Permission.WORK_CASES,
        Permission.MANAGE_SHOP,
    }
    assert not any(allowed(Role.ACCOUNTANT, p) for p in changing)
    with pytest.raises(
        PermissionDenied,
        match=r"Zhao \(accountant\) may not adjust stock: that needs the role owner or warehouse staff",
    ):
        require("Zhao", Role.ACCOUNTANT, Permission.MOVE_STOCK, "adjust stock")


def test_a_guesser_at_it_all_day_meets_a_growing_wait_and_the_owner_still_gets_in(shop) -> None:
    """Each wrong PIN past the free tries doubles the wait, up to a ceiling: never a lockout."""
    import re

    from shopdesk.services.users import MAX_DELAY_S

    clock = Clock()
    users = Users(shop, clock=clock)
    users.add("Wang", Role.OWNER, "9876")
    waits: list[int] = []  # the wait asked for after each counted wrong try
    while len(waits) < 12:
        try:
            users.login("Wang", "0000")
        except ShopDeskError as exc:
            asked = re.search(r"try again in (\d+) s", str(exc))
            if asked:  # refused unread and uncounted: the guesser waits as told
                clock.now += timedelta(seconds=int(asked[1]))
                waits[-1] = int(asked[1])
                continue
            assert str(exc) == "Unknown user or wrong PIN."
            waits.append(0)
    assert waits[:2] == [0, 0]  # a slip of the finger costs nothing
    assert waits[2:-1] == sorted(waits[2:-1]) and 0 < waits[2] < waits[4] < waits[6]  # then it grows
    assert waits[-3:-1] == [MAX_DELAY_S] * 2  # up to a ceiling, not a lockout
    # The owner, arriving now, waits like anyone (the PIN is not even read), and then gets in.
    with pytest.raises(ShopDeskError, match=f"try again in {MAX_DELAY_S} s"):
        users.login("Wang", "9876")
    clock.now += timedelta(seconds=MAX_DELAY_S)
    assert users.login("Wang", "9876").role is Role.OWNER


def test_a_shop_without_an_accountant_or_customer_service_works_and_refusals_name_the_role(shop) -> None:
    users = Users(shop)
    users.add("Wang", Role.OWNER, "9876")
    users.add("Li", Role.WAREHOUSE, "1234")
    assert {u.role for u in users.list()} == {Role.OWNER, Role.WAREHOUSE}

    li = users.login("Li", "1234")
    shop.log_in(li.name, li.role)
    with pytest.raises(
        PermissionDenied,
        match=r"Li \(warehouse staff\) may not work after-sales cases: that needs the role owner or customer service\.",
    ):
        shop.aftersales.confirm(1)
    with pytest.raises(PermissionDenied, match=r"that needs the role owner or accountant\.$"):
        shop.require(Permission.EXPORT, "export the month for the accountant")

    wang = users.login("Wang", "9876")
    shop.log_in(wang.name, wang.role)
    shop.require(Permission.EXPORT, "export the month for the accountant")  # the owner covers the empty roles
