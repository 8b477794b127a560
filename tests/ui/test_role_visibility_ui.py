"""Warehouse staff log in and see no costs: no Cost column in Products, no Value in Stock (nor in its
purchase orders and stocktakes), no cost to edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopdesk.app import start_gui
from shopdesk.domain.permissions import Role
from shopdesk.services.users import Users
from shopdesk.ui.i18n import remove_translations
from shopdesk.ui.login import LoginDialog
from shopdesk.ui.products.product_dialog import ProductDialog
from tests.factories import product
from tests.ui.conftest import column


@pytest.fixture
def shop_with_staff(sqlite_shop):
    sqlite_shop.catalogue.create_product(product("MUG-001", name="陶瓷马克杯", price=2500, cost=1234))
    users = Users(sqlite_shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    sqlite_shop.close()
    return sqlite_shop.db.url


def log_in_and_open(qtbot, monkeypatch, target: str, name: str, pin: str):  # type: ignore[no-untyped-def]
    def exec_login(dialog: LoginDialog) -> int:
        dialog.name.setCurrentText(name)
        dialog.pin.setText(pin)
        dialog.try_login()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", exec_login)
    _app, window = start_gui(target)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.products is not None and window.stock is not None, timeout=30_000)
    return window


def close_window(window) -> None:  # type: ignore[no-untyped-def]
    window.close()
    remove_translations(QApplication.instance(), window.translators)
    if window.shop is not None:
        window.shop.close()


def titles(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.title for c in model.columns]


def test_warehouse_staff_see_no_cost_column_in_products_and_no_value_in_stock(
    qtbot, monkeypatch, shop_with_staff
) -> None:
    window = log_in_and_open(qtbot, monkeypatch, shop_with_staff, "小李", "1234")
    try:
        assert window.shop.role == Role.WAREHOUSE
        products = window.products
        assert "Cost" not in titles(products.model) and "Price" in titles(products.model)
        assert column(products, "SKU") == ["MUG-001"]
        assert "Value" not in titles(window.stock.model) and "On hand" in titles(window.stock.model)
        assert "Value" not in [c.title for c in window.stock.places.columns]
        assert "Unit cost" not in [c.title for c in window.stock.purchasing.lines.columns]
        assert "Value" not in titles(window.stock.stocktake.model)
        kinds = window.reports.kinds
        offered = [kinds.item(row).data(Qt.ItemDataRole.UserRole) for row in range(kinds.count())]
        assert offered == ["low-stock", "segments", "repurchase", "complaints"]  # no cost reports
        dialog = ProductDialog(window.shop, products.model.row_at(0).id, window)
        qtbot.addWidget(dialog)
        assert not dialog.cost.isEnabled() and dialog.cost.text() == ""
        assert dialog.price.text() == "25.00"
    finally:
        close_window(window)


def test_the_owner_sees_the_cost_column_and_the_cost_in_the_dialog(qtbot, monkeypatch, shop_with_staff) -> None:
    window = log_in_and_open(qtbot, monkeypatch, shop_with_staff, "王店长", "9876")
    try:
        products = window.products
        assert column(products, "Cost") == ["CN¥12.34"]
        assert "Value" in titles(window.stock.model)
        assert "Unit cost" in [c.title for c in window.stock.purchasing.lines.columns]
        dialog = ProductDialog(window.shop, products.model.row_at(0).id, window)
        qtbot.addWidget(dialog)
        assert dialog.cost.isEnabled() and dialog.cost.text() == "12.34"
    finally:
        close_window(window)
