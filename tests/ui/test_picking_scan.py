"""Picking by scan: the picker walks the pick list bin by bin, scans each item, and Finish marks the orders picked.

A wrong product or one too many is refused loudly and counts nothing; nothing is
saved (and the stock ledger never changes) until every item is scanned and Finish.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox

from shopdesk.domain.permissions import Permission, Role
from shopdesk.services.shop import Shop
from shopdesk.ui.orders import picking
from shopdesk.ui.orders.picking import PickingDialog
from shopdesk.ui.orders.tab import OrdersTab
from tests.order_helpers import NANJING, draft, stocked_shop
from tests.stock_helpers import ledger_snapshot, new_product
from tests.ui.conftest import when_dialog_opens

CUP_CODE = "6901234567892"
LAMP_CODE = "6920000000012"


@pytest.fixture
def picking_shop(shop: Shop) -> tuple[Shop, list[str]]:
    """Tees in bin A-01, cups in bin A-02, a lamp nobody ordered; three allocated orders:
    SO-1 one tee and two cups, SO-2 one tee, SO-3 one cup (on SQLite and on PostgreSQL)."""
    shop = stocked_shop(shop, {"TEE": 10})
    new_product(shop, "CUP", name="陶瓷马克杯", barcodes=[CUP_CODE])
    new_product(shop, "LAMP", name="台灯", barcodes=[LAMP_CODE])
    shop.inventory.receive("CUP", 10, "WH1/A/A-02", unit_cost=900)
    shop.inventory.receive("LAMP", 5, "WH1/A/A-02", unit_cost=900)
    create = shop.orders.create_order
    numbers = [
        create(draft(("CUP", 2), ("TEE", 1)), confirm=True),
        create(draft(("TEE", 1), ship_to=NANJING), confirm=True),
        create(draft(("CUP", 1)), confirm=True),
    ]
    assert [shop.orders.get_order(n).status for n in numbers] == ["allocated"] * 3
    return shop, numbers


@pytest.fixture
def tab(qtbot, picking_shop, runner) -> OrdersTab:
    shop, _ = picking_shop
    tab = OrdersTab(shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1400, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture(autouse=True)
def leave_without_keeping(monkeypatch) -> None:
    """A dialog closed at the end of a test after some scans asks; the answer is to keep nothing."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Discard))


@pytest.fixture
def beeps(monkeypatch) -> list[bool]:
    heard: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(True)))
    return heard


def select(tab: OrdersTab, wanted: list[str]) -> None:
    tab.table.clearSelection()
    mode = tab.table.selectionModel().SelectionFlag
    for r in range(tab.model.rowCount()):
        if tab.model.row_at(r).number in wanted:  # type: ignore[union-attr]
            tab.table.selectionModel().select(tab.model.index(r, 0), mode.Select | mode.Rows)


def scan(qtbot, dialog: PickingDialog, code: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.scan.edit, code)
    qtbot.keyClick(dialog.scan.edit, Qt.Key.Key_Return)


def shown(dialog: PickingDialog) -> list[tuple[str, str, str, int, int]]:
    """The table as the picker sees it: bin, SKU, order, to pick, picked."""
    model = dialog.lines
    return [
        tuple(model.index(r, c).data() for c in (0, 1, 3, 4, 5))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def statuses(shop: Shop, numbers: list[str]) -> list[str]:
    return [shop.orders.get_order(n).status for n in numbers]


def open_dialog(qtbot, shop: Shop, numbers: list[str], parent=None) -> PickingDialog:  # type: ignore[no-untyped-def]
    dialog = PickingDialog(shop, numbers, parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_scanning_every_item_bin_by_bin_and_finish_marks_the_orders_picked(qtbot, tab, picking_shop) -> None:
    shop, numbers = picking_shop
    so1, so2, so3 = numbers
    select(tab, numbers)
    assert tab.pick_action.isEnabled()
    ledger_before = ledger_snapshot(shop)
    seen: list[tuple] = []

    def walk(dialog: PickingDialog) -> None:
        QAbstractItemModelTester(dialog.lines, QAbstractItemModelTester.FailureReportingMode.Fatal)
        # The printed pick list's lines, in its walking order: bin A-01 before A-02.
        printed = shop.orders.pick_lines(numbers)
        assert [(r[0], r[1], r[2]) for r in shown(dialog)] == [(p.location, p.sku, p.order_number) for p in printed]
        assert shown(dialog) == [
            ("WH1/A/A-01", "TEE", so1, 1, 0),
            ("WH1/A/A-01", "TEE", so2, 1, 0),
            ("WH1/A/A-02", "CUP", so1, 2, 0),
            ("WH1/A/A-02", "CUP", so3, 1, 0),
        ]
        assert dialog.progress.text() == "5 items left to pick"
        assert dialog.next_stop.text().startswith("Next: WH1/A/A-01 — 1 × TEE")
        assert not dialog.finish_button.isEnabled()
        scan(qtbot, dialog, "TEE")  # by SKU: the first tee line in walking order
        assert [r[4] for r in shown(dialog)] == [1, 0, 0, 0]
        tee_name = shop.orders.get_order(so1).lines[1].name
        assert dialog.scan.ok is True
        assert dialog.scan.feedback.text() == f"TEE {tee_name}: 1 of 1 from WH1/A/A-01 for {so1}"
        scan(qtbot, dialog, "tee")  # the SKU typed in small letters is the same product
        for _ in range(3):
            scan(qtbot, dialog, CUP_CODE)  # by barcode
        assert [r[4] for r in shown(dialog)] == [1, 1, 2, 1]
        assert dialog.progress.text().startswith("ALL PICKED")
        assert dialog.focusWidget() is dialog.scan.edit  # the scanner keeps typing into the scan field
        assert ledger_snapshot(shop) == ledger_before  # picking is no stock move
        assert statuses(shop, numbers) == ["allocated"] * 3  # nothing is saved before Finish
        seen.append(tuple(statuses(shop, numbers)))
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    def walk_or_close(dialog: PickingDialog) -> None:
        try:
            walk(dialog)
        finally:  # a failed check must not leave the modal dialog blocking the test
            if dialog.isVisible():
                dialog.done(PickingDialog.DialogCode.Rejected)

    opened = when_dialog_opens(PickingDialog, walk_or_close)
    with qtbot.waitSignal(tab.message, timeout=10_000) as news:
        tab.pick_action.trigger()
    assert opened and seen
    assert news.args == ["Picked 3 orders"]
    assert statuses(shop, numbers) == ["picked"] * 3
    assert ledger_snapshot(shop) == ledger_before
    assert {
        tab.model.row_at(r).status for r in range(tab.model.rowCount()) if tab.model.row_at(r).number in numbers
    } == {"picked"}
    assert not tab.pick_action.isEnabled()  # the list refreshed: nothing allocated is selected any more
    # Each order's timeline counts its own items, not the whole pick list's five.
    picked_reasons = {
        number: [e.reason for e in shop.orders.get_order(number).timeline if e.to_status == "picked"]
        for number in numbers
    }
    assert picked_reasons == {
        so1: ["picked by scanning (3 item(s))"],
        so2: ["picked by scanning (1 item(s))"],
        so3: ["picked by scanning (1 item(s))"],
    }


def test_a_product_not_on_the_list_and_one_too_many_are_refused_and_count_nothing(qtbot, picking_shop, beeps) -> None:
    shop, numbers = picking_shop
    dialog = open_dialog(qtbot, shop, numbers[1:])  # SO-2 one tee, SO-3 one cup
    scan(qtbot, dialog, LAMP_CODE)
    assert beeps == [True] and dialog.scan.ok is False
    assert dialog.scan.feedback.text() == "WRONG ITEM: LAMP 台灯 is not on this pick list. Put it back."
    assert "f8d7da" in dialog.scan.edit.styleSheet()
    assert [r[4] for r in shown(dialog)] == [0, 0]
    scan(qtbot, dialog, CUP_CODE)
    assert [r[4] for r in shown(dialog)] == [0, 1] and len(beeps) == 1
    scan(qtbot, dialog, CUP_CODE)  # the list asks for one cup
    assert len(beeps) == 2 and dialog.scan.ok is False
    assert "TOO MANY: all 1 × CUP 陶瓷马克杯 are already picked" in dialog.scan.feedback.text()
    assert [r[4] for r in shown(dialog)] == [0, 1]
    assert dialog.refused == 2
    assert dialog.progress.text() == "1 item left to pick" and not dialog.finish_button.isEnabled()
    assert dialog.focusWidget() is dialog.scan.edit and dialog.scan.edit.text() == ""


def test_an_unknown_code_says_so_and_a_misread_barcode_asks_for_another_scan(qtbot, picking_shop, beeps) -> None:
    shop, numbers = picking_shop
    dialog = open_dialog(qtbot, shop, numbers)
    scan(qtbot, dialog, "NOPE-42")
    assert dialog.scan.feedback.text() == "Unknown code NOPE-42: no product has this SKU or barcode. Nothing counted."
    scan(qtbot, dialog, CUP_CODE[:-1] + "3")  # a wrong check digit: the scanner misread it
    assert "check digit is wrong" in dialog.scan.feedback.text() and "Scan it again" in dialog.scan.feedback.text()
    assert len(beeps) == 2 and dialog.refused == 0  # not a wrong item in the hand, a code to scan again
    assert dialog.lines.items_picked() == 0


def test_finish_is_not_possible_until_every_item_is_scanned(qtbot, picking_shop, beeps) -> None:
    shop, numbers = picking_shop
    dialog = open_dialog(qtbot, shop, numbers)
    assert not dialog.finish_button.isEnabled()
    assert dialog.finish() is False
    assert "5 items are still to pick" in dialog.scan.feedback.text()
    scan(qtbot, dialog, "TEE")
    assert not dialog.finish_button.isEnabled() and dialog.finish() is False
    assert statuses(shop, numbers) == ["allocated"] * 3 and dialog.results == []


def test_the_picker_never_leaves_the_keyboard_ctrl_enter_finishes(qtbot, picking_shop) -> None:
    shop, numbers = picking_shop
    dialog = open_dialog(qtbot, shop, numbers[1:])  # SO-2 one tee, SO-3 one cup
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert QApplication.focusWidget() is dialog.scan.edit
    for code in ("TEE", CUP_CODE):
        qtbot.keyClicks(QApplication.focusWidget(), code)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.scan.edit and dialog.is_picked()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # a button's shortcut clicks it a moment later
        qtbot.keyClick(dialog.scan.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert statuses(shop, numbers) == ["allocated", "picked", "picked"]


def test_closing_early_asks_and_keeps_nothing(qtbot, picking_shop, monkeypatch) -> None:
    shop, numbers = picking_shop
    ledger_before = ledger_snapshot(shop)
    dialog = open_dialog(qtbot, shop, numbers)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    scan(qtbot, dialog, "TEE")
    scan(qtbot, dialog, CUP_CODE)
    qtbot.keyClick(dialog.scan.edit, Qt.Key.Key_Escape)
    assert asked and "The 2 items scanned are not kept" in asked[0]
    assert dialog.isVisible() and dialog.lines.items_picked() == 2  # Cancel: go on picking
    answer = QMessageBox.StandardButton.Discard
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == PickingDialog.DialogCode.Rejected
    assert statuses(shop, numbers) == ["allocated"] * 3 and ledger_snapshot(shop) == ledger_before


def test_nothing_scanned_closes_without_asking(qtbot, picking_shop, monkeypatch) -> None:
    shop, numbers = picking_shop
    dialog = open_dialog(qtbot, shop, numbers)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: pytest.fail("asked for nothing")))
    dialog.reject()
    assert not dialog.isVisible()


def test_an_order_changed_meanwhile_is_refused_and_the_others_are_still_picked(
    qtbot, tab, picking_shop, monkeypatch
) -> None:
    shop, numbers = picking_shop
    _so1, so2, so3 = numbers
    shown_errors: list[str] = []
    monkeypatch.setattr(
        picking.errors,
        "show_error",
        lambda _parent, exc: shown_errors.append(f"{exc.headline}: {'; '.join(str(p) for p in exc.problems)}"),
    )
    dialog = open_dialog(qtbot, shop, numbers, tab)
    shop.order_flow.mark_packed(so2)  # a colleague packed SO-2 while the picker walked
    shop.order_flow.cancel(so3, "买家申请取消")  # and the buyer of SO-3 cancelled
    for code in ("TEE", "TEE", CUP_CODE, CUP_CODE, CUP_CODE):
        scan(qtbot, dialog, code)
    assert dialog.finish() is True
    assert statuses(shop, numbers) == ["picked", "packed", "cancelled"]  # the packed parcel is not opened again
    assert [r.ok for r in dialog.results] == [True, False, False]
    assert len(shown_errors) == 1 and shown_errors[0].startswith("Some orders were not marked picked")
    assert f"Order {so2} was changed while it was picked" in shown_errors[0]
    assert f"Order {so3} was changed while it was picked" in shown_errors[0]


def test_an_order_no_longer_allocated_when_the_dialog_opens_is_said_and_nothing_can_be_scanned(
    qtbot, picking_shop, beeps
) -> None:
    shop, numbers = picking_shop
    shop.order_flow.cancel(numbers[2], "买家申请取消")
    dialog = open_dialog(qtbot, shop, numbers)
    assert "only allocated orders have stock to pick" in dialog.progress.text()
    assert dialog.lines.rowCount() == 0 and not dialog.finish_button.isEnabled()
    scan(qtbot, dialog, "TEE")
    assert dialog.scan.feedback.text() == "There is nothing to pick." and beeps == [True]


@pytest.mark.parametrize(("role", "enabled"), [(Role.WAREHOUSE, True), (Role.OWNER, True), (Role.ACCOUNTANT, False)])
def test_pick_follows_who_may_mark_orders_picked(qtbot, tab, picking_shop, role, enabled) -> None:
    shop, numbers = picking_shop
    shop.log_in("someone", role)
    select(tab, numbers[:1])
    assert tab.pick_action.isEnabled() is enabled
    assert shop.can(Permission.FULFIL) is enabled  # the same rule as marking picked by hand


def test_pick_is_only_for_allocated_orders(qtbot, tab, picking_shop) -> None:
    shop, numbers = picking_shop
    shop.order_flow.mark_picked(numbers[0])
    tab.refresh()
    select(tab, numbers[:1])  # already picked
    assert not tab.pick_action.isEnabled()
    select(tab, numbers)
    assert tab.pick_action.isEnabled()
