"""The customer dialog: a clerk adds a customer and corrects one, problems shown next to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shopdesk.domain.permissions import Role
from shopdesk.services.parties import Address, CustomerDraft
from shopdesk.services.shop import Shop
from tests.ui.conftest import when_dialog_opens

HOME = Address("王五", "13700001234", "CN", "广东省", "深圳市", "南山区", "科技园路1号", "518000")


def open_dialog(qtbot, shop: Shop, customer_id: int | None = None):  # type: ignore[no-untyped-def]
    from shopdesk.ui.customers.customer_dialog import CustomerDialog

    dialog = CustomerDialog(shop, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill_row(dialog, row: int, **values: str) -> None:  # type: ignore[no-untyped-def]
    from shopdesk.ui.customers.customer_dialog import ADDRESS_COLUMNS

    for name, value in values.items():
        dialog.addresses.item(row, 1 + ADDRESS_COLUMNS.index(name)).setText(value)


def test_a_new_customer_with_two_phones_and_an_address(qtbot, sqlite_shop) -> None:
    dialog = open_dialog(qtbot, sqlite_shop)
    assert dialog.windowTitle() == "New customer"
    dialog.name.setText("王五")
    dialog.phones.setText("13700001234, 13911112222")
    dialog.add_address_button.click()
    fill_row(dialog, 0, province="广东省", city="深圳市", district="南山区", street="科技园路1号")
    dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
    dialog.notes.setPlainText("老客户")

    dialog.save()

    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id is not None
    draft = sqlite_shop.parties.get_customer(dialog.saved_id).draft
    assert draft.name == "王五" and draft.phones == ["13700001234", "13911112222"] and draft.channel == "wechat"
    assert [a.street for a in draft.addresses] == ["科技园路1号"] and draft.notes == "老客户"


def test_problems_are_shown_next_to_their_field_and_nothing_is_saved(qtbot, sqlite_shop) -> None:
    dialog = open_dialog(qtbot, sqlite_shop)
    dialog.phones.setText("n/a")
    dialog.add_address_button.click()
    fill_row(dialog, 0, province="广东省")

    dialog.save()

    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.fields["name"].message.text() == "Name is required"
    assert dialog.fields["phones"].message.text() == "Phone 1: a phone number has digits"
    assert dialog.fields["addresses"].message.text() == (
        "Address 1: an address needs a city\nAddress 1: an address needs a street"
    )
    assert not dialog.fields["notes"].message.isVisible()
    assert sqlite_shop.parties.find_customers("") == []


def test_editing_adds_an_address_makes_it_the_default_and_removes_the_old_one(qtbot, sqlite_shop) -> None:
    cid = sqlite_shop.parties.create_customer(CustomerDraft("王五", ["13700001234"], [HOME], "taobao"))
    dialog = open_dialog(qtbot, sqlite_shop, cid)
    assert dialog.windowTitle() == "Edit customer"
    assert dialog.name.text() == "王五" and dialog.channel.currentData() == "taobao"
    assert dialog.addresses.item(0, 0).checkState() == Qt.CheckState.Checked

    dialog.add_address_button.click()
    fill_row(dialog, 1, province="广东省", city="深圳市", district="福田区", street="深南大道2000号")
    dialog.addresses.item(1, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.addresses.item(0, 0).checkState() == Qt.CheckState.Unchecked  # one default
    dialog.addresses.setCurrentCell(0, 1)
    dialog.remove_address_button.click()
    dialog.name.setText("王小五")
    dialog.save()

    assert dialog.saved_id == cid
    draft = sqlite_shop.parties.get_customer(cid).draft
    assert draft.name == "王小五" and [a.street for a in draft.addresses] == ["深南大道2000号"]
    assert draft.default_address == 0


def test_the_tab_adds_and_edits_customers_but_not_for_the_accountant(qtbot, sqlite_shop, runner) -> None:
    from shopdesk.ui.customers.customer_dialog import CustomerDialog
    from shopdesk.ui.customers.tab import CustomersTab

    sqlite_shop.parties.create_customer(CustomerDraft("王五", ["13700001234"], [HOME]))
    tab = CustomersTab(sqlite_shop, runner, "en")
    qtbot.addWidget(tab)
    assert tab.new_button.isEnabled() and not tab.edit_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled()

    def rename(dialog: CustomerDialog) -> None:
        dialog.name.setText("王小五")
        dialog.save()

    when_dialog_opens(CustomerDialog, rename)
    with qtbot.waitSignal(tab.message):
        tab.edit_customer()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.row_at(0).name == "王小五")

    accountant = CustomersTab(Shop(sqlite_shop.db, user="会计", role=Role.ACCOUNTANT), runner, "en")
    qtbot.addWidget(accountant)
    accountant.table.selectRow(0)
    assert not accountant.new_button.isEnabled() and not accountant.edit_button.isEnabled()
