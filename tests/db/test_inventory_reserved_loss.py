"""A count or loss below what is reserved: the truth is posted, the newest orders lose their reservation and wait.

`stock adjust CB-1002-2M --set 1` with 2 reserved used to leave on hand 1, reserved 2,
available −1: an order that could never ship. Now the orders holding more than is
left give their reservation back (newest first), go back to confirmed (waiting for
stock), and the result names them.
"""

from __future__ import annotations

import pytest

from shopdesk.domain.stock import NotEnoughStock
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

SKU = "CB-1002-2M"
BIN = "WH1/A/A-01"


def two_allocated(shop: Shop) -> tuple[str, str]:
    """3 cables in A-01; an older and a newer order, one cable each, both allocated."""
    build_layout(shop)
    lenient_rules(shop)
    new_product(shop, SKU)
    shop.inventory.receive(SKU, 3, BIN, unit_cost=500)
    older = shop.orders.create_order(draft((SKU, 1)))
    newer = shop.orders.create_order(draft((SKU, 1)))
    for number in (older, newer):
        shop.order_flow.confirm(number)
        assert shop.orders.get_order(number).status == "allocated"
    return older, newer


def levels(shop: Shop) -> tuple[int, int, int]:
    stock = shop.inventory.product_stock(SKU)
    return stock.on_hand, stock.reserved, stock.available


def test_a_count_below_the_reserved_releases_the_newest_order(shop: Shop) -> None:
    older, newer = two_allocated(shop)
    posted = shop.inventory.adjust(SKU, BIN, set_to=1, reason="stocktake")
    assert posted is not None and posted.quantity == 2 and posted.value == 1000
    assert posted.released_orders == (newer,)
    assert levels(shop) == (1, 1, 0)  # never available −1
    assert shop.orders.get_order(older).status == "allocated"
    assert shop.orders.get_order(newer).status == "confirmed"  # waiting for stock again
    assert shop.order_flow.reserved_units(newer) == 0
    # Stock arriving allocates the order that lost its reservation.
    shop.inventory.receive(SKU, 1, BIN, unit_cost=500)
    shop.order_flow.allocate_waiting()
    assert shop.orders.get_order(newer).status == "allocated"
    assert levels(shop) == (2, 2, 0)


def test_a_loss_that_leaves_enough_releases_nothing_and_zero_releases_all(shop: Shop) -> None:
    older, newer = two_allocated(shop)
    posted = shop.inventory.adjust(SKU, BIN, delta=-1, reason="found damaged")
    assert posted is not None and posted.released_orders == ()
    assert levels(shop) == (2, 2, 0)
    posted = shop.inventory.adjust(SKU, BIN, set_to=0, reason="nothing on the shelf")
    assert posted is not None and posted.released_orders == (newer, older)
    assert levels(shop) == (0, 0, 0)
    assert {shop.orders.get_order(n).status for n in (older, newer)} == {"confirmed"}


def test_a_stocktake_posts_the_truth_and_names_the_orders(shop: Shop) -> None:
    older, newer = two_allocated(shop)
    st = shop.stocktakes.start(warehouse="WH1")
    shop.stocktakes.set_count(st.number, SKU, 1)
    result = shop.stocktakes.post(st.number, uncounted="skip")
    assert (result.units_lost, result.released_orders) == (2, (newer,))
    assert levels(shop) == (1, 1, 0)
    assert shop.orders.get_order(older).status == "allocated"


def test_orders_being_picked_keep_their_goods_and_the_count_is_refused(shop: Shop) -> None:
    older, newer = two_allocated(shop)
    for number in (older, newer):
        shop.order_flow.mark_picked(number)
    before = ledger_snapshot(shop)
    with pytest.raises(NotEnoughStock, match=f"held by {newer}, {older}"):
        shop.inventory.adjust(SKU, BIN, set_to=1, reason="stocktake")
    assert ledger_snapshot(shop) == before


def test_the_command_line_names_the_orders_that_lost_their_reservation(shop: Shop, db_url: str, capsys) -> None:
    import json

    from shopdesk.cli import main

    _, newer = two_allocated(shop)
    code = main(["--db", db_url, "stock", "adjust", SKU, "--set", "1", "--reason", "count", "--location", BIN])
    out = capsys.readouterr().out
    assert code == 0 and f"Not there for {newer}: their reservation was released" in out
    main(["--db", db_url, "--json", "stock", "adjust", SKU, "--set", "0", "--reason", "count", "--location", BIN])
    assert len(json.loads(capsys.readouterr().out)["released_orders"]) == 1


def test_an_adjustment_is_in_the_audit_log_with_the_old_and_new_figure(shop: Shop) -> None:
    from shopdesk.services.audit import AuditFilter, events

    two_allocated(shop)
    shop.inventory.adjust(SKU, BIN, set_to=1, reason="counted")
    [event] = events(shop.db, AuditFilter(entity="product", action="stock_adjusted"))
    assert (event.entity_label, event.changes, event.reason, event.user) == (
        SKU,
        {"on_hand": [3, 1]},
        f"{BIN}: counted",
        shop.user,
    )
