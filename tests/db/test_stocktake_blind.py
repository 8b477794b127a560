"""A blind count (盲盘) hides what the book says from everyone counting until it is posted; the owner may look."""

from __future__ import annotations

import pytest

from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, new_product


def blind_count_in_progress(shop: Shop) -> str:
    """20 mugs on the book in WH1/A/A-01, 4 plates in A-02; warehouse staff counted 18 mugs (2 short)."""
    build_layout(shop)
    new_product(shop, "MUG")
    new_product(shop, "PLATE")
    shop.inventory.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    shop.inventory.receive("PLATE", 4, "WH1/A/A-02", unit_cost=500)
    number = shop.stocktakes.start(warehouse="WH1", blind=True).number
    shop.log_in("wang", Role.WAREHOUSE)
    shop.stocktakes.set_count(number, "MUG", 18)
    return number


@pytest.mark.parametrize("role", [Role.WAREHOUSE, Role.ACCOUNTANT, Role.CUSTOMER_SERVICE])
def test_nobody_but_the_owner_sees_the_book_while_a_blind_count_runs(shop: Shop, role: Role) -> None:
    number = blind_count_in_progress(shop)
    shop.log_in("someone", role)
    lines = shop.stocktakes.count_lines(number)  # even without asking as a counter
    assert [(ln.sku, ln.counted, ln.expected, ln.difference, ln.value) for ln in lines] == [
        ("MUG", 18, None, None, None),
        ("PLATE", None, None, None, None),
    ]
    summary = shop.stocktakes.summary(number)
    assert (summary.counted, summary.lines) == (1, 2)
    assert (summary.differences, summary.gain_value, summary.loss_value) == (None, None, None)
    assert [s.differences for s in shop.stocktakes.stocktakes()] == [None]
    with pytest.raises(PermissionDenied, match="blind count still being counted"):
        shop.stocktakes.count_lines(number, only="differences")
    with pytest.raises(PermissionDenied, match="owner only"):
        shop.stocktakes.line_count(number, only="differences")
    assert shop.stocktakes.line_count(number, only="counted") == 1  # progress is no secret


def test_the_owner_may_look_but_not_as_a_counter(shop: Shop) -> None:
    number = blind_count_in_progress(shop)
    shop.log_in("boss", Role.OWNER)
    summary = shop.stocktakes.summary(number)
    assert (summary.differences, summary.gain_value, summary.loss_value) == (1, 0, 600)
    assert [(ln.sku, ln.expected, ln.difference) for ln in shop.stocktakes.count_lines(number, only="differences")] == [
        ("MUG", 20, -2)
    ]
    assert shop.stocktakes.summary(number, for_counter=True).differences is None
    assert shop.stocktakes.count_lines(number, for_counter=True)[0].expected is None
    with pytest.raises(PermissionDenied):
        shop.stocktakes.count_lines(number, for_counter=True, only="differences")


def test_once_posted_everyone_sees_the_differences(shop: Shop) -> None:
    number = blind_count_in_progress(shop)
    shop.stocktakes.post(number, uncounted="skip")  # the warehouse staff may post what they counted
    for role in (Role.WAREHOUSE, Role.CUSTOMER_SERVICE):
        shop.log_in("someone", role)
        assert shop.stocktakes.summary(number, for_counter=True).differences == 1
        posted = shop.stocktakes.count_lines(number, for_counter=True, only="differences")
        assert [(ln.sku, ln.expected, ln.difference) for ln in posted] == [("MUG", 20, -2)]
