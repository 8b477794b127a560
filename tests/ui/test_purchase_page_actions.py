"""The owner writes a purchase order by hand in the Stock tab, adds to the draft, and closes one that will not finish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from shopdesk.domain.permissions import Role
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft, ReceiptLine
from shopdesk.ui.stock.new_po_dialog import AddPoLineDialog, NewPoDialog
from shopdesk.ui.stock.purchase_page import PurchasePage
from shopdesk.ui.widgets.money import MoneyFormat
from tests.stock_helpers import build_layout, new_product
from tests.ui.conftest import when_dialog_opens

MONEY = MoneyFormat("CNY", 2, "en_US")


@pytest.fixture
def shop(sqlite_shop):
    """Mugs (Acme's cost 3.10), teapots and cups; suppliers ACME and BETA."""
    build_layout(sqlite_shop)
    mug = new_product(sqlite_shop, "MUG", name="Mug")
    new_product(sqlite_shop, "TEAPOT", name="Teapot")
    new_product(sqlite_shop, "CUP", name="Cup")
    acme = sqlite_shop.parties.create_supplier(SupplierDraft("ACME", "Acme Ceramics", lead_time_days=7))
    sqlite_shop.parties.create_supplier(SupplierDraft("BETA", "Beta Glass", lead_time_days=3))
    sqlite_shop.catalogue.link_supplier(mug, acme, cost=310, preferred=True)
    return sqlite_shop


@pytest.fixture
def page(qtbot, shop, runner):
    page = PurchasePage(shop, runner, MONEY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def cells(model, title: str) -> list[str]:
    titles = [c.title for c in model.columns]
    return [model.index(r, titles.index(title)).data() for r in range(model.rowCount())]


def fill(dialog: NewPoDialog, supplier: str, lines: list[tuple[str, int, str]]) -> None:
    dialog.supplier.setCurrentIndex(dialog.supplier.findText(supplier, Qt.MatchFlag.MatchStartsWith))
    dialog.lines.setRowCount(0)
    for code, quantity, cost in lines:
        dialog.add_row(code, quantity, cost)


def test_a_po_for_a_supplier_with_two_lines_is_made_in_the_dialog_and_shown_selected(qtbot, page, shop) -> None:
    assert page.new_button.isEnabled()
    seen = when_dialog_opens(
        NewPoDialog, lambda d: (fill(d, "ACME", [("MUG", 60, ""), ("teapot", 5, "12.50")]), d.save())
    )
    page.new_po()
    assert len(seen) == 1 and seen[0].number == "PO-000001"
    po = shop.purchasing.get("PO-000001")
    assert po.status == "draft" and po.supplier_code == "ACME"
    assert [(ln.sku, ln.quantity, ln.unit_cost) for ln in po.lines] == [("MUG", 60, 310), ("TEAPOT", 5, 1250)]
    assert page.selected().number == "PO-000001"
    assert cells(page.lines, "SKU") == ["MUG", "TEAPOT"]
    assert page.add_line_button.isEnabled() and not page.close_button.isEnabled()


def test_a_bad_line_is_refused_in_the_dialog_which_stays_open_and_nothing_is_made(qtbot, page, shop) -> None:
    dialog = NewPoDialog(shop, page)
    qtbot.addWidget(dialog)
    fill(dialog, "ACME", [("NOPE", 3, ""), ("MUG", 10, "")])
    dialog.save()
    assert "NOPE" in dialog.feedback.text() and "no product has this SKU or barcode" in dialog.feedback.text()
    fill(dialog, "ACME", [("MUG", 0, ""), ("CUP", 2, "3.5x")])
    dialog.save()
    assert "the quantity is a whole number above zero" in dialog.feedback.text()
    assert "the unit cost is not a number" in dialog.feedback.text()
    assert dialog.result() == 0 and dialog.number == ""
    assert shop.purchasing.list_orders() == []


def test_a_line_is_added_to_a_draft_only(qtbot, page, shop) -> None:
    shop.purchasing.create("BETA", [PoLineDraft("CUP", 12)])
    page.refresh()
    page.select("PO-000001")
    assert page.add_line_button.isEnabled()
    dialog = AddPoLineDialog(shop, "PO-000001", page)
    qtbot.addWidget(dialog)
    dialog.code.setText("CUP")
    dialog.save()
    assert "already" in dialog.feedback.text()
    dialog.code.setText("MUG")
    dialog.quantity.setValue(6)
    dialog.cost.setText("2.80")
    dialog.save()
    assert dialog.line_no == 2
    added = shop.purchasing.get("PO-000001").lines[-1]
    assert (added.line_no, added.sku, added.quantity, added.unit_cost) == (2, "MUG", 6, 280)
    qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    assert not page.add_line_button.isEnabled()


def test_a_partly_received_po_is_closed_with_a_reason(qtbot, page, shop) -> None:
    shop.purchasing.create("ACME", [PoLineDraft("MUG", 20)])
    shop.purchasing.order("PO-000001")
    page.refresh()
    page.select("PO-000001")
    assert not page.close_button.isEnabled()
    shop.purchasing.receive("PO-000001", [ReceiptLine(1, 8, "WH1/A/A-01")])
    page.refresh()
    assert page.close_button.isEnabled() and not page.add_line_button.isEnabled()
    when_dialog_opens(QInputDialog, lambda d: (d.setTextValue("Acme stopped making them"), d.accept()))
    with qtbot.waitSignal(page.message, timeout=10_000) as news:
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert news.args == ["PO-000001 closed"]
    assert shop.purchasing.get("PO-000001").status == "closed"
    assert not page.close_button.isEnabled()


def test_warehouse_staff_can_receive_but_not_write_add_to_or_close_a_po(qtbot, shop, runner) -> None:
    shop.purchasing.create("ACME", [PoLineDraft("MUG", 20)])
    shop.purchasing.order("PO-000001")
    shop.purchasing.receive("PO-000001", [ReceiptLine(1, 8, "WH1/A/A-01")])
    shop.purchasing.create("BETA", [PoLineDraft("CUP", 4)])
    shop.log_in("小李", Role.WAREHOUSE)
    page = PurchasePage(shop, runner, MONEY)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.new_button.isEnabled()
    page.select("PO-000001")
    assert page.receive_button.isEnabled() and not page.close_button.isEnabled()
    page.select("PO-000002")
    assert not page.add_line_button.isEnabled()
