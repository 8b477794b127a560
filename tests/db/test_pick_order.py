"""A bin's place on the walking route (pick order): changed by warehouse staff, audited, and followed by pick lists."""

from __future__ import annotations

import pytest

from shopdesk.domain.errors import NotFound, ValidationFailed
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services import audit
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules, stocked_shop


def walk(shop: Shop, warehouse: str = "WH1") -> list[tuple[str, int]]:
    return [(b.path, b.pick_order) for b in shop.locations.bins(warehouse)]


def location_events(shop: Shop) -> list[audit.Event]:
    return audit.events(shop.db, audit.AuditFilter(entity="location"))


def test_moving_a_bin_first_on_the_walk_reorders_the_pick_list_and_is_audited(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 1})  # 1 mug in A-01
    lenient_rules(shop)
    shop.inventory.receive("MUG", 5, "WH1/A/A-02", unit_cost=1000)
    number = shop.orders.create_order(draft(("MUG", 3)))
    shop.order_flow.confirm(number)
    assert walk(shop) == [("WH1/A/A-01", 1), ("WH1/A/A-02", 2)]
    assert [p.location for p in shop.orders.pick_lines([number])] == ["WH1/A/A-01", "WH1/A/A-02"]

    shop.log_in("小李", Role.WAREHOUSE)  # warehouse staff walk the route, so they may change it
    ref = shop.locations.set_pick_order("WH1/A/A-02", 0)

    assert (ref.path, ref.pick_order) == ("WH1/A/A-02", 0)
    assert walk(shop) == [("WH1/A/A-02", 0), ("WH1/A/A-01", 1)]
    assert [(p.location, p.pick_order, p.quantity) for p in shop.orders.pick_lines([number])] == [
        ("WH1/A/A-02", 0, 2),
        ("WH1/A/A-01", 1, 1),
    ]
    [event] = location_events(shop)
    assert (event.user, event.entity_label, event.action, event.changes) == (
        "小李",
        "WH1/A/A-02",
        "edited",
        {"pick_order": [2, 0]},
    )


def test_setting_the_same_pick_order_again_writes_no_audit_event(shop: Shop) -> None:
    stocked_shop(shop, {})
    shop.locations.set_pick_order("WH1/A/A-01", 7)
    shop.locations.set_pick_order("WH1/A/A-01", 7)
    assert walk(shop)[-1] == ("WH1/A/A-01", 7)
    assert len(location_events(shop)) == 1


@pytest.mark.parametrize(
    ("location", "value", "message"),
    [
        ("WH1/A/A-01", -1, "pick order: must be a whole number from 0 to 999999 (found: '-1')"),
        ("WH1/A/A-01", 1.5, "pick order: must be a whole number from 0 to 999999 (found: '1.5')"),
        ("WH1/A/A-01", "3", "pick order: must be a whole number from 0 to 999999 (found: '3')"),
        ("WH1/A/A-01", True, "pick order: must be a whole number from 0 to 999999 (found: 'True')"),
        ("WH1/A/A-01", 10**12, "pick order: must be a whole number from 0 to 999999"),
        ("WH1/A", 3, "location: only a bin has a pick order, and this is a zone (found: 'WH1/A')"),
        ("WH1", 3, "location: only a bin has a pick order, and this is a warehouse (found: 'WH1')"),
    ],
)
def test_bad_input_is_refused_saying_where_and_what_and_changes_nothing(
    shop: Shop, location: str, value: object, message: str
) -> None:
    stocked_shop(shop, {})
    before = walk(shop)
    with pytest.raises(ValidationFailed, match="was not changed") as refused:
        shop.locations.set_pick_order(location, value)  # type: ignore[arg-type]
    assert message in str(refused.value)
    assert walk(shop) == before
    assert location_events(shop) == []


def test_an_unknown_bin_is_named_in_the_refusal(shop: Shop) -> None:
    stocked_shop(shop, {})
    with pytest.raises(NotFound, match="No location 'WH1/A/A-99'"):
        shop.locations.set_pick_order("WH1/A/A-99", 1)


@pytest.mark.parametrize("role", [Role.ACCOUNTANT, Role.CUSTOMER_SERVICE])
def test_a_role_that_does_not_move_stock_may_not_change_the_walk(shop: Shop, role: Role) -> None:
    stocked_shop(shop, {})
    before = walk(shop)
    shop.log_in("someone", role)
    with pytest.raises(PermissionDenied, match="may not change pick orders: that needs the role owner or warehouse"):
        shop.locations.set_pick_order("WH1/A/A-02", 0)
    assert walk(shop) == before
    assert location_events(shop) == []


def test_a_new_bin_can_be_given_its_pick_order_and_a_bad_one_creates_nothing(shop: Shop) -> None:
    stocked_shop(shop, {})
    shop.locations.create_bin("WH1/A", "A-00", pick_order=0)
    assert walk(shop)[0] == ("WH1/A/A-00", 0)
    with pytest.raises(ValidationFailed, match="The bin cannot be created") as refused:
        shop.locations.create_bin("WH1/A", "A-03", pick_order=-4)
    assert "pick order: must be a whole number from 0 to 999999 (found: '-4')" in str(refused.value)
    assert [path for path, _ in walk(shop)] == ["WH1/A/A-00", "WH1/A/A-01", "WH1/A/A-02"]


def test_on_hand_by_location_adds_up_every_product_in_each_bin(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 4, "TEE": 3})
    shop.inventory.receive("MUG", 2, "WH2/B/B-01", unit_cost=1000)
    units = shop.locations.on_hand_by_location()
    assert {shop.locations.resolve(i).path: n for i, n in units.items()} == {"WH1/A/A-01": 7, "WH2/B/B-01": 2}
