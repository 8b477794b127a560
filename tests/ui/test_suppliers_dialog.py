"""Suppliers (供应商) in the app: opened from the purchase orders page, kept by whoever buys, read by the rest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from shopdesk.domain.permissions import Role
from shopdesk.services.parties import SupplierDraft
from shopdesk.ui.stock.suppliers_dialog import LinkProductDialog, SupplierFormDialog, SuppliersDialog
from shopdesk.ui.widgets.money import MoneyFormat
from tests.stock_helpers import build_layout, new_product
from tests.ui.conftest import when_dialog_opens

MONEY = MoneyFormat("CNY", 2, "en_US")


@pytest.fixture
def supplied(sqlite_shop):
    """Mugs and plates from ACME (mugs preferred, at 3.10), bowls from nobody; TEA supplies nothing yet."""
    shop = sqlite_shop
    build_layout(shop)
    new_product(shop, "MUG", name="陶瓷马克杯")
    new_product(shop, "PLATE", name="Plate")
    new_product(shop, "BOWL", name="碗")
    shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics 景德镇", contact="王经理", lead_time_days=10))
    shop.parties.create_supplier(SupplierDraft("TEA", "Tea House", lead_time_days=3))
    shop.catalogue.link_supplier("MUG", "ACME", supplier_sku="AC-M1", cost=310, preferred=True)
    shop.catalogue.link_supplier("PLATE", "ACME", cost=450, lead_time_days=14)
    return shop


@pytest.fixture
def dialog(qtbot, supplied):
    dialog = SuppliersDialog(supplied, MONEY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cells(model, title: str) -> list[str]:
    titles = [c.title for c in model.columns]
    return [model.index(r, titles.index(title)).data() for r in range(model.rowCount())]


def select(dialog: SuppliersDialog, code: str) -> None:
    dialog.supplier_table.selectRow(cells(dialog.suppliers, "Supplier code").index(code))


def test_the_tables_pass_qts_model_tester_as_the_list_changes(qtbot, dialog) -> None:
    for model in (dialog.suppliers, dialog.links):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    select(dialog, "ACME")
    dialog.search.setText("tea")
    dialog.search.clear()
    select(dialog, "TEA")
    for model in (dialog.suppliers, dialog.links):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                model.index(row, column).data()


def test_the_list_searches_and_shows_what_the_selected_supplier_supplies(qtbot, dialog) -> None:
    assert cells(dialog.suppliers, "Supplier code") == ["ACME", "TEA"]
    assert cells(dialog.suppliers, "Products") == ["2", "0"]
    dialog.search.setText("景德镇")
    assert cells(dialog.suppliers, "Supplier code") == ["ACME"]
    dialog.search.setText("王经理")
    select(dialog, "ACME")
    assert cells(dialog.links, "SKU") == ["MUG", "PLATE"]  # the product it is preferred for first
    assert cells(dialog.links, "Supplier SKU") == ["AC-M1", ""]
    assert cells(dialog.links, "Cost") == ["CN¥3.10", "CN¥4.50"]
    assert cells(dialog.links, "Lead time (days)") == ["10", "14"]  # the supplier's, or the product's own
    assert cells(dialog.links, "Preferred supplier") == ["✓", ""]
    assert dialog.detail.text() == "ACME supplies 2 products"


def test_a_new_supplier_is_refused_with_messages_next_to_the_fields_then_saved(qtbot, dialog, supplied) -> None:
    def fill(form: SupplierFormDialog) -> None:
        form.code.setText("acme")
        form.lead_time.setText("-2")
        form.email.setText("no-at-sign")
        form.save()
        assert form.isVisible()
        assert form.fields["code"].message.text() == "Another supplier has this code"
        assert form.fields["name"].message.text() == "Name is required"
        assert form.fields["lead_time_days"].message.text() == "The lead time cannot be negative"
        assert form.fields["email"].message.text() == "An email address has an @"
        assert [r.code for r in supplied.parties.list_suppliers()] == ["ACME", "TEA"]
        form.lead_time.setText("2.5")
        form.save()
        assert form.fields["lead_time_days"].message.text() == "Enter the lead time in whole days"
        form.code.setText("CUPS")
        form.name.setText("杯子工厂")
        form.lead_time.setText("5")
        form.email.setText("")
        form.save()

    seen = when_dialog_opens(SupplierFormDialog, fill)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert seen
    assert cells(dialog.suppliers, "Supplier code") == ["ACME", "CUPS", "TEA"]
    assert dialog.selected().code == "CUPS"
    assert supplied.parties.get_supplier("CUPS").draft.lead_time_days == 5


def test_a_supplier_is_edited_and_archived_then_restored(qtbot, dialog, supplied) -> None:
    select(dialog, "TEA")

    def edit(form: SupplierFormDialog) -> None:
        assert (form.code.text(), form.lead_time.text()) == ("TEA", "3")
        form.phone.setText("0571-8888 0000")
        form.lead_time.setText("4")
        form.save()

    seen = when_dialog_opens(SupplierFormDialog, edit)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert seen
    assert (supplied.parties.get_supplier("TEA").draft.phone, cells(dialog.suppliers, "Lead time (days)")) == (
        "0571-8888 0000",
        ["10", "4"],
    )
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert cells(dialog.suppliers, "Supplier code") == ["ACME"]
    dialog.show_archived.setChecked(True)
    assert cells(dialog.suppliers, "Archived") == ["", "archived"]
    select(dialog, "TEA")
    assert dialog.archive_button.text() == "Restore" and not dialog.link_button.isEnabled()
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert [r.code for r in supplied.parties.list_suppliers()] == ["ACME", "TEA"]


def test_products_are_linked_with_their_terms_then_unlinked(qtbot, dialog, supplied, monkeypatch) -> None:
    select(dialog, "TEA")

    def link(form: LinkProductDialog) -> None:
        assert form.lead_time.placeholderText() == "the supplier's: 3"
        form.product.setText("NOSUCH")
        form.cost.setText("1.905")
        form.save()
        assert form.fields["cost"].message.text() == "Use at most 2 decimal places"
        form.cost.setText("1.90")
        form.save()
        assert form.fields["product"].message.text() == "No product has this SKU or barcode"
        form.product.setText("bowl")
        form.supplier_sku.setText("TH-B")
        form.preferred.setChecked(True)
        form.save()

    seen = when_dialog_opens(LinkProductDialog, link)
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert seen
    assert cells(dialog.links, "SKU") == ["BOWL"]
    assert cells(dialog.links, "Cost") == ["CN¥1.90"]
    assert cells(dialog.suppliers, "Products") == ["2", "1"]

    select(dialog, "ACME")
    dialog.link_table.selectRow(1)  # PLATE

    def change(form: LinkProductDialog) -> None:
        assert (form.product.text(), form.product.isReadOnly(), form.cost.text(), form.lead_time.text()) == (
            "PLATE",
            True,
            "4.50",
            "14",
        )
        form.lead_time.clear()  # back to the supplier's lead time
        form.save()

    seen = when_dialog_opens(LinkProductDialog, change)
    qtbot.mouseClick(dialog.edit_link_button, Qt.MouseButton.LeftButton)
    assert seen
    assert cells(dialog.links, "Lead time (days)") == ["10", "10"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.link_table.selectRow(0)  # MUG
    qtbot.mouseClick(dialog.unlink_button, Qt.MouseButton.LeftButton)
    assert cells(dialog.links, "SKU") == ["PLATE"]
    assert [link.supplier_code for link in supplied.catalogue.product_suppliers("MUG")] == []


def test_a_role_that_does_not_buy_reads_suppliers_but_cannot_change_them(qtbot, supplied) -> None:
    supplied.log_in("小李", Role.WAREHOUSE)
    dialog = SuppliersDialog(supplied, MONEY)
    qtbot.addWidget(dialog)
    select(dialog, "ACME")
    dialog.link_table.selectRow(0)
    assert cells(dialog.links, "SKU") == ["MUG", "PLATE"]
    assert "Cost" not in [c.title for c in dialog.links.columns]  # warehouse staff do not see costs
    for button in (
        dialog.new_button,
        dialog.edit_button,
        dialog.archive_button,
        dialog.link_button,
        dialog.edit_link_button,
        dialog.unlink_button,
    ):
        assert not button.isEnabled(), button.text()


def test_the_purchase_orders_page_opens_the_suppliers(qtbot, supplied, runner) -> None:
    from shopdesk.ui.stock.tab import StockTab

    tab = StockTab(supplied, runner, "en")
    qtbot.addWidget(tab)
    tab.pages.setCurrentWidget(tab.purchasing)
    seen = when_dialog_opens(SuppliersDialog, lambda d: d.reject())
    qtbot.mouseClick(tab.purchasing.suppliers_button, Qt.MouseButton.LeftButton)
    assert seen and cells(seen[0].suppliers, "Supplier code") == ["ACME", "TEA"]
