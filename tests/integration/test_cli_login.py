"""The command line in a shop with users: who you are comes from --login and a PIN, and your role decides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shopdesk.cli import main
from shopdesk.domain.permissions import Role
from shopdesk.services import users as users_module
from shopdesk.services.audit import AuditFilter, events
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.users import Users
from tests.stock_helpers import build_layout, ledger_snapshot, new_product


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def staffed(shop, db_url, monkeypatch):  # type: ignore[no-untyped-def]
    """An owner, 小李 of the warehouse and an accountant; 20 mugs in A-01, PO-000001 for 10 more is ordered."""
    monkeypatch.delenv("SHOPDESK_USER", raising=False)
    monkeypatch.delenv("SHOPDESK_PIN", raising=False)
    build_layout(shop)
    mug = new_product(shop, "MUG", cost=300)
    shop.locations.set_default_bin(mug, "WH1/A/A-01")
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics"))
    shop.inventory.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    shop.purchasing.order(shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)]))
    users = Users(shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    users.add("会计", Role.ACCOUNTANT, "5555")
    return db_url


def test_without_a_login_a_command_is_refused_and_says_how_to_log_in(shop, staffed, capsys) -> None:
    before = ledger_snapshot(shop)
    code, _, err = run(staffed, capsys, "stock", "receive", "MUG", "5", "--cost", "3", "--location", "WH1/A/A-01")
    assert code == 1
    assert "This shop has users switched on: say who you are with --login NAME" in err
    assert "SHOPDESK_PIN" in err
    assert run(staffed, capsys, "po", "list")[0] == 1  # reading needs a login too: roles decide what is shown
    assert ledger_snapshot(shop) == before


def test_warehouse_staff_receive_goods_and_post_a_stocktake_from_the_command_line(
    shop, staffed, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("SHOPDESK_PIN", "1234")
    code, out, err = run(staffed, capsys, "--login", "小李", "po", "receive", "PO-000001", "--all")
    assert code == 0, err
    assert "may not allocate orders" in out  # waiting sales orders are left to someone who works orders
    assert shop.inventory.product_stock("MUG").on_hand == 30
    monkeypatch.setenv("SHOPDESK_USER", "小李")  # the name can come from the environment as well
    assert run(staffed, capsys, "stocktake", "start", "--warehouse", "WH1")[0] == 0
    assert run(staffed, capsys, "stocktake", "count", "ST-000001", "MUG", "29")[0] == 0
    code, _, err = run(staffed, capsys, "stocktake", "post", "ST-000001")
    assert code == 0, err
    assert shop.inventory.product_stock("MUG").on_hand == 29
    posted = events(shop.db, AuditFilter(entity="stocktake"))
    assert {e.user for e in posted} == {"小李"}  # the audit trail names the person, not the PC's account
    code, _, err = run(staffed, capsys, "po", "new", "ACME", "MUG:5")
    assert code == 1
    assert "小李 (warehouse staff) may not create purchase orders: that needs the role owner." in err


def test_the_accountant_reads_but_cannot_create_or_receive_a_purchase_order(shop, staffed, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SHOPDESK_PIN", "5555")
    before = ledger_snapshot(shop)
    code, out, _ = run(staffed, capsys, "po", "list", "--login", "会计")
    assert code == 0 and "PO-000001" in out
    code, _, err = run(staffed, capsys, "po", "new", "ACME", "MUG:5", "--login", "会计")
    assert code == 1 and "会计 (accountant) may not create purchase orders" in err
    code, _, err = run(staffed, capsys, "po", "receive", "PO-000001", "--all", "--login", "会计")
    assert code == 1 and "may not receive goods: that needs the role owner or warehouse staff" in err
    assert ledger_snapshot(shop) == before
    assert [(p.number, p.status) for p in shop.purchasing.list_orders()] == [("PO-000001", "ordered")]


def test_wrong_pins_make_the_next_try_wait_even_with_the_right_pin(shop, staffed, capsys, monkeypatch) -> None:
    class Frozen(datetime):  # the clock stands still, so the wait cannot run out during the test
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    monkeypatch.setattr(users_module, "datetime", Frozen)
    monkeypatch.setenv("SHOPDESK_PIN", "0000")
    for _ in range(3):
        code, _, err = run(staffed, capsys, "--login", "小李", "stock", "show", "MUG")
        assert code == 1 and "Unknown user or wrong PIN." in err
    monkeypatch.setenv("SHOPDESK_PIN", "1234")
    code, _, err = run(staffed, capsys, "--login", "小李", "stock", "show", "MUG")
    assert code == 1 and "Too many wrong PINs for 小李: try again in 1 s." in err


def test_without_a_pin_and_no_terminal_to_ask_in_the_command_says_how_to_give_one(staffed, capsys) -> None:
    # pytest's stdin is no terminal: there is nobody to type the PIN.
    code, _, err = run(staffed, capsys, "--login", "王店长", "stock", "show", "MUG")
    assert code == 1 and "No PIN for 王店长: type it when asked (in a terminal), or set SHOPDESK_PIN." in err


def test_a_shop_without_users_needs_no_login(shop, db_url, capsys, monkeypatch) -> None:
    monkeypatch.delenv("SHOPDESK_USER", raising=False)
    build_layout(shop)
    new_product(shop, "MUG")
    assert run(db_url, capsys, "stock", "receive", "MUG", "5", "--cost", "3", "--location", "WH1/A/A-01")[0] == 0
    code, _, err = run(db_url, capsys, "--login", "王店长", "stock", "show", "MUG")
    assert code == 0 and "This shop has no users: --login is not needed" in err
