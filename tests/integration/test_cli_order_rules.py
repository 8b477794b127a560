"""`shopdesk order rules`: the review rules (审单规则), backorder policy and label phone masking from a script."""

from __future__ import annotations

import json

import pytest

from shopdesk.cli import main
from shopdesk.domain.order_draft import ShipTo
from shopdesk.domain.review import ReviewRules
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, stocked_shop


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, "order", "rules", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop_url(shop: Shop, db_url: str) -> str:
    stocked_shop(shop)
    return db_url


def test_a_fresh_shop_shows_the_default_rules_as_text_and_json(shop_url, capsys) -> None:
    code, out, _ = run(shop_url, capsys)
    assert code == 0
    assert "burst (orders:addresses:hours) 3:2:24" in out
    assert "high value above              5000.00" in out
    code, out, _ = run(shop_url, capsys, "--json")
    shown = json.loads(out)
    assert (shown["review_rules"]["max_amount"], shown["review_rules"]["max_amount_minor"]) == ("5000.00", 500_000)
    assert (shown["backorders"], shown["mask_label_phones"]) == ("wait", False)


def test_a_manager_sets_every_rule_at_once_and_the_next_orders_are_held_by_them(shop, shop_url, capsys) -> None:
    code, out, err = run(
        shop_url, capsys,
        "--burst", "4:3:12", "--high-value", "30.00", "--block-phone", "170-0739-0164", "--block-buyer", "刷单王",
        "--remark", "off", "--incomplete-address", "off", "--short-of-stock", "off",
        "--backorders", "ship-what-is-there", "--mask-label-phones", "on", "--json",
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(out)
    assert shown["review_rules"]["blocked_phones"] == ["170-0739-0164"]
    assert (shown["backorders"], shown["mask_label_phones"]) == ("ship-what-is-there", True)
    assert shop.order_flow.review_rules() == ReviewRules(
        burst_orders=4,
        burst_addresses=3,
        burst_hours=12,
        max_amount=3000,
        blocked_phones=frozenset({"170-0739-0164"}),
        blocked_buyers=frozenset({"刷单王"}),
        hold_on_remark=False,
        check_address=False,
        hold_on_shortage=False,
    )
    assert (shop.order_flow.backorder_policy(), shop.setting("label_mask_phones")) == ("ship_available", True)

    cheap = shop.orders.create_order(draft(("MUG", 1)))
    dear = shop.orders.create_order(draft(("MUG", 2)))  # 50.00 > 30.00
    beijing = ShipTo("王五", "+86 17007390164", "CN", "北京市", "北京市", "东城区", "长安街1号", "100000")
    blocked = shop.orders.create_order(draft(("MUG", 1), ship_to=beijing))  # the same phone, written another way
    results = {n: shop.order_flow.confirm(n) for n in (cheap, dear, blocked)}
    assert results[cheap].status == "allocated"
    assert (results[dear].status, results[blocked].status) == ("on_hold", "on_hold")

    code, out, _ = run(shop_url, capsys, "--unblock-phone", "170-0739-0164", "--high-value", "off")
    assert code == 0
    assert shop.order_flow.review_rules().blocked_phones == frozenset()
    assert shop.order_flow.review_rules().max_amount is None
    assert "high value above              off" in out


def test_one_bad_value_saves_nothing_and_says_what_is_wrong(shop, shop_url, capsys) -> None:
    before = shop.order_flow.review_rules()
    code, _, err = run(shop_url, capsys, "--high-value", "lots", "--burst", "3:x", "--backorders", "wait")
    assert code != 0
    assert "Order rules not saved" in err
    assert "--high-value" in err and "--burst" in err
    code, _, err = run(shop_url, capsys, "--block-phone", "no number", "--mask-label-phones", "on")
    assert code != 0
    assert "Order settings not saved" in err and "not a phone number" in err
    assert shop.order_flow.review_rules() == before
    assert shop.setting("label_mask_phones") is False
    with pytest.raises(SystemExit) as refused:
        run(shop_url, capsys, "--backorders", "sometimes")
    assert refused.value.code == 2
    assert "invalid choice: 'sometimes'" in capsys.readouterr().err
