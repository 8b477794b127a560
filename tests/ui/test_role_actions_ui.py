"""Buttons follow the role: warehouse staff receive and count but do not buy or import a price list; the
accountant looks at purchase orders and stocktakes without buttons that would only be refused."""

from __future__ import annotations

import pytest

from shopdesk.domain.permissions import Role
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.users import Users
from tests.stock_helpers import build_layout, new_product
from tests.ui.test_role_visibility_ui import close_window, log_in_and_open


@pytest.fixture
def shop_with_work(sqlite_shop):  # type: ignore[no-untyped-def]
    """An ordered PO-000001 and a stocktake being counted, set up by the owner; then 王店长, 小李 and 会计 log in."""
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", cost=300)
    sqlite_shop.locations.set_default_bin(mug, "WH1/A/A-01")
    sqlite_shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics"))
    sqlite_shop.inventory.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    sqlite_shop.purchasing.order(sqlite_shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)]))
    sqlite_shop.stocktakes.start(warehouse="WH1")
    users = Users(sqlite_shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    users.add("会计", Role.ACCOUNTANT, "5555")
    sqlite_shop.close()
    return sqlite_shop.db.url


def buttons(window) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    purchasing, stocktake = window.stock.purchasing, window.stock.stocktake
    purchasing.refresh()
    purchasing.select("PO-000001")
    stocktake.load_stocktakes()
    products = window.products
    products.table.selectRow(0)
    return {
        "import products": products.import_action.isEnabled(),
        "archive product": products.archive_action.isEnabled(),
        "receive": purchasing.receive_button.isEnabled(),
        "cancel PO": purchasing.cancel_button.isEnabled(),
        "new stocktake": stocktake.new_button.isEnabled(),
        "post stocktake": stocktake.post_button.isEnabled(),
        "count": stocktake.set_count_button.isEnabled(),
    }


@pytest.mark.parametrize(
    ("name", "pin", "expected"),
    [
        (
            "王店长",
            "9876",
            {"import products", "archive product", "receive", "cancel PO", "new stocktake", "post stocktake", "count"},
        ),
        ("小李", "1234", {"receive", "new stocktake", "post stocktake", "count"}),
        ("会计", "5555", set()),
    ],
)
def test_each_role_gets_the_buttons_it_may_use(qtbot, monkeypatch, shop_with_work, name, pin, expected) -> None:
    window = log_in_and_open(qtbot, monkeypatch, shop_with_work, name, pin)
    try:
        enabled = {button for button, on in buttons(window).items() if on}
        assert enabled == expected
    finally:
        close_window(window)
