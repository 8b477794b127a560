"""The Orders tab's own actions: a waybill recorded before packing, an order held, edited, split or merged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from shopdesk.domain.permissions import Role
from shopdesk.ui.orders.edit_dialog import OrderEditDialog
from shopdesk.ui.orders.ship_dialog import ShipDialog
from shopdesk.ui.orders.split_dialog import SplitDialog
from shopdesk.ui.orders.waybill_dialog import WaybillDialog
from tests.order_helpers import draft
from tests.ui.conftest import when_dialog_opens
from tests.ui.test_orders_tab import order_shop, select, tab  # noqa: F401  (fixtures)


def test_a_waybill_is_recorded_from_the_tab_and_the_ship_dialog_starts_from_it(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    number = orders.ready[0]
    select(tab, [number])
    assert tab.waybill_action.isEnabled()

    def fill(dialog: WaybillDialog) -> None:
        dialog.carrier.setCurrentText("中通快递")
        dialog.service.setText("标快")
        dialog.tracking.setText("ZT7300000001")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    seen = when_dialog_opens(WaybillDialog, fill)
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.waybill_action.trigger()
    assert seen and seen[0].recorded
    assert number in news.args[0]
    order = shop.orders.get_order(number)
    assert (order.status, order.carrier, order.carrier_service, order.tracking_no) == (
        "allocated",
        "中通快递",
        "标快",
        "ZT7300000001",
    )

    shop.order_flow.mark_packed(number)
    ship = ShipDialog(shop, [number], tab)
    qtbot.addWidget(ship)
    assert (ship.carrier.currentText(), ship.tracking.text()) == ("中通快递", "ZT7300000001")
    qtbot.keyClick(ship.tracking, Qt.Key.Key_Return)
    assert ship.shipped == [number]
    assert shop.orders.get_order(number).tracking_no == "ZT7300000001"


def test_a_waybill_number_already_on_another_order_is_refused_and_the_dialog_stays(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    dialog = WaybillDialog(shop, orders.ready[1], tab)
    qtbot.addWidget(dialog)
    dialog.carrier.setCurrentText("顺丰速运")
    dialog.tracking.setText("SF1000000001")  # the shipped order's number
    dialog.accept()
    assert not dialog.recorded and "already on order" in dialog.feedback.text()
    assert shop.orders.get_order(orders.ready[1]).tracking_no == ""


def test_waybill_needs_one_order_that_holds_its_stock_and_someone_who_fulfils(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    select(tab, orders.ready)
    assert not tab.waybill_action.isEnabled()  # one parcel at a time
    select(tab, [orders.held[0]])
    assert not tab.waybill_action.isEnabled()
    shop.log_in("小王", Role.CUSTOMER_SERVICE)
    select(tab, [orders.ready[0]])
    assert not tab.waybill_action.isEnabled() and tab.hold_action.isEnabled()
    shop.log_in("小李", Role.WAREHOUSE)
    select(tab, [orders.ready[1]])
    assert tab.waybill_action.isEnabled() and not tab.hold_action.isEnabled()


def test_an_allocated_order_is_held_with_a_reason_and_gives_its_stock_back(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    number = orders.ready[0]
    select(tab, [orders.held[0]])
    assert not tab.hold_action.isEnabled()  # already on hold
    select(tab, [number])
    assert tab.hold_action.isEnabled()

    def give_reason(dialog: QInputDialog) -> None:
        dialog.setTextValue("买家来电要改地址")
        dialog.accept()

    when_dialog_opens(QInputDialog, give_reason)
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.hold_action.trigger()
    assert news.args[0] == f"Held: 1 order done ({number})"
    order = shop.orders.get_order(number)
    assert order.status == "on_hold" and order.reserved == []
    assert order.timeline[-1].reason == "买家来电要改地址"


def test_a_held_order_is_edited_in_the_entry_dialog_and_keeps_its_state(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    number = orders.held[0]
    select(tab, [number])
    assert tab.edit_action.isEnabled()
    shown: list[list[str]] = []

    def edit(dialog: OrderEditDialog) -> None:
        shown.append([dialog.lines.item(0, c).text() for c in range(5)])
        assert dialog.buyer_remark.text() == "请发顺丰" and not dialog.confirm.isVisible()
        dialog.lines.item(0, 2).setText("3")
        dialog.internal_note.setText("买家来电加购两件")
        dialog.save()

    seen = when_dialog_opens(OrderEditDialog, edit)
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.edit_action.trigger()
    assert seen and news.args[0] == f"Order {number} saved"
    assert shown == [["CUP", "陶瓷马克杯", "1", "25.00", "0.00"]]
    order = shop.orders.get_order(number)
    assert order.status == "on_hold" and order.internal_note == "买家来电加购两件"
    assert [(line.sku, line.quantity) for line in order.lines] == [("CUP", 3)]


def test_an_edit_of_an_order_someone_else_changed_meanwhile_is_refused(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    number = orders.held[1]
    dialog = OrderEditDialog(shop, tab.money, number, tab)
    qtbot.addWidget(dialog)
    other, version = shop.orders.draft_of(number)
    other.internal_note = "另一位客服改过"
    shop.orders.update_order(number, other, version)
    dialog.buyer_remark.setText("改成周六送货")
    dialog.save()
    assert dialog.saved_number is None and "changed by someone else" in dialog.problems.text()
    assert shop.orders.get_order(number).buyer_remark == "周末送货"


def test_edit_is_for_one_order_not_yet_allocated_and_for_order_staff(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    select(tab, [orders.ready[0]])
    assert not tab.edit_action.isEnabled()  # allocated: its stock is held
    select(tab, orders.held)
    assert not tab.edit_action.isEnabled()  # one order at a time
    shop.log_in("小李", Role.WAREHOUSE)
    select(tab, [orders.held[0]])
    assert not tab.edit_action.isEnabled()


def test_two_orders_to_the_same_buyer_and_address_are_merged_into_the_older(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    older = shop.orders.create_order(draft(("CUP", 1)), confirm=True)
    newer = shop.orders.create_order(draft(("TEE", 1)), confirm=True)
    tab.refresh()
    select(tab, [older])
    assert not tab.merge_action.isEnabled()  # two or more
    select(tab, [older, orders.held[0]])
    assert not tab.merge_action.isEnabled()  # a held order is reviewed first
    select(tab, [older, newer])
    assert tab.merge_action.isEnabled()
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.merge_action.trigger()
    assert news.args[0] == f"Merged 2 orders into {older}"
    merged = shop.orders.get_order(older)
    assert sorted((line.sku, line.quantity) for line in merged.lines) == [("CUP", 1), ("TEE", 1)]
    assert shop.orders.get_order(newer).status == "cancelled"
    shop.log_in("小李", Role.WAREHOUSE)
    select(tab, orders.ready)
    assert not tab.merge_action.isEnabled()


def test_an_allocated_order_is_split_and_both_parts_keep_their_stock(qtbot, tab, order_shop) -> None:  # noqa: F811
    shop, orders = order_shop
    number = orders.ready[0]  # 2 × CUP
    select(tab, [number])
    assert tab.split_action.isEnabled()

    def split_one(dialog: SplitDialog) -> None:
        dialog.moved[1].setValue(2)
        dialog.accept()
        assert "something has to stay" in dialog.feedback.text()  # refused, still open
        dialog.moved[1].setValue(1)
        dialog.reason.setText("先发一件")
        dialog.accept()

    when_dialog_opens(SplitDialog, split_one)
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.split_action.trigger()
    new = f"{number}-1"
    assert news.args[0] == f"Split {number}: {new} is new"
    assert [(line.sku, line.quantity) for line in shop.orders.get_order(number).lines] == [("CUP", 1)]
    part = shop.orders.get_order(new)
    assert part.status == "allocated" and [(line.sku, line.quantity) for line in part.lines] == [("CUP", 1)]
    select(tab, orders.ready)
    assert not tab.split_action.isEnabled()  # one order at a time
