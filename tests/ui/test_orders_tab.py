"""The Orders tab as the shop uses it: buckets with counts, search as you type, review in bulk,
packing by scan, shipping, and entering an order by hand."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from shopdesk.domain.errors import ValidationFailed
from shopdesk.domain.permissions import Role
from shopdesk.services.parties import Address, CustomerDraft
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.entry_dialog import OrderEntryDialog
from shopdesk.ui.orders.lines_model import OrderLinesModel
from shopdesk.ui.orders.packing import PackingDialog
from shopdesk.ui.orders.printing import Choice
from shopdesk.ui.orders.ship_dialog import ShipDialog
from shopdesk.ui.orders.tab import OrdersTab
from tests.documents.reading import read_pdf
from tests.order_helpers import NANJING, draft, stocked_shop
from tests.stock_helpers import new_product

MUG_CODE = "6901234567892"


class Orders:
    """The numbers of the orders in the shop, by what became of them."""

    held: list[str]
    ready: list[str]
    shipped: str
    cancelled: str


@pytest.fixture
def order_shop(sqlite_shop: Shop) -> tuple[Shop, Orders]:
    """Two orders on hold (remarks to read), two allocated, one shipped, one cancelled, one draft."""
    shop = stocked_shop(sqlite_shop, {"TEE": 10})
    new_product(shop, "CUP", name="陶瓷马克杯", barcodes=[MUG_CODE], price=2500)
    shop.inventory.receive("CUP", 10, "WH1/A/A-01", unit_cost=900)
    create = shop.orders.create_order
    orders = Orders()
    orders.held = [
        create(draft(("CUP", 1), buyer_remark="请发顺丰"), confirm=True),
        create(draft(("TEE", 1), ship_to=NANJING, buyer_remark="周末送货"), confirm=True),
    ]
    orders.ready = [create(draft(("CUP", 2)), confirm=True), create(draft(("TEE", 1), ship_to=NANJING), confirm=True)]
    orders.shipped = create(draft(("TEE", 1)), confirm=True)
    shop.order_flow.mark_packed(orders.shipped)
    shop.order_flow.ship(orders.shipped, "SF1000000001", "顺丰速运")
    orders.cancelled = create(draft(("TEE", 1)), confirm=True)
    shop.order_flow.cancel(orders.cancelled, "买家申请取消")
    create(draft(("TEE", 1)))
    return shop, orders


@pytest.fixture
def tab(qtbot, order_shop, runner) -> OrdersTab:
    shop, _ = order_shop
    tab = OrdersTab(shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1400, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def numbers(tab: OrdersTab) -> list[str]:
    return sorted(tab.model.row_at(r).number for r in range(tab.model.rowCount()))  # type: ignore[union-attr]


def type_search(qtbot, tab: OrdersTab, text: str) -> None:  # type: ignore[no-untyped-def]
    tab.search.clear()
    qtbot.keyClicks(tab.search, text)
    qtbot.waitUntil(lambda: tab.model.filter.text == text)


def select(tab: OrdersTab, wanted: list[str]) -> None:
    tab.table.clearSelection()
    mode = tab.table.selectionModel().SelectionFlag
    for r in range(tab.model.rowCount()):
        if tab.model.row_at(r).number in wanted:  # type: ignore[union-attr]
            tab.table.selectionModel().select(tab.model.index(r, 0), mode.Select | mode.Rows)


def test_the_order_list_and_the_lines_pass_qts_model_tester(qtbot, tab, order_shop) -> None:
    shop, orders = order_shop
    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    type_search(qtbot, tab, "CUP")
    tab.select_bucket("on_hold")
    lines = OrderLinesModel(tab.money, packing=True)
    QAbstractItemModelTester(lines, QAbstractItemModelTester.FailureReportingMode.Fatal)
    lines.set_lines(shop.orders.get_order(orders.ready[0]).lines)
    lines.set_packed(1, 1)
    assert [lines.index(0, c).data() for c in range(4)] == ["CUP", "陶瓷马克杯", "1", "2"]


def test_buckets_show_their_counts_and_choose_what_the_list_shows(qtbot, tab, order_shop) -> None:
    _, orders = order_shop
    texts = [tab.buckets.tabText(i) for i in range(tab.buckets.count())]
    assert texts[:4] == ["All (7)", "On hold (2)", "Waiting for stock (0)", "To ship (2)"]
    assert "Shipped (1)" in texts and "Cancelled (1)" in texts and "Drafts (1)" in texts
    tab.select_bucket("on_hold")
    assert numbers(tab) == sorted(orders.held)
    tab.select_bucket("to_ship")
    assert numbers(tab) == sorted(orders.ready)
    assert tab.count_label.text() == "2 orders"


def test_search_as_you_type_by_phone_sku_or_order_number_and_counts_follow(qtbot, tab, order_shop) -> None:
    _, orders = order_shop
    type_search(qtbot, tab, "13900001111")  # the Nanjing buyer's phone
    assert numbers(tab) == sorted([orders.held[1], orders.ready[1]])
    assert tab.buckets.tabText(1) == "On hold (1)"
    type_search(qtbot, tab, "cup")
    assert numbers(tab) == sorted([orders.held[0], orders.ready[0]])
    type_search(qtbot, tab, orders.shipped.lower())
    assert numbers(tab) == [orders.shipped]
    # Selecting the order shows it in full: the phone unmasked, the tracking number, the timeline.
    tab.table.selectRow(0)
    detail = tab.detail
    assert "13812345678" in detail.ship_to.text()
    assert "SF1000000001" in detail.fulfilment.text()
    assert detail.timeline.item(0, 2).text() == "Packed → Shipped"


def test_a_search_in_many_orders_shows_the_list_at_once_and_the_counts_once_typing_pauses(
    qtbot, tab, order_shop
) -> None:
    shop, _ = order_shop
    tab.model.source.few = 1  # as if "1" were in thousands of orders
    type_search(qtbot, tab, "1")
    assert tab.model.source.pending and tab.recount_timer.isActive()
    assert tab.buckets.tabText(1) == "On hold (…)" and tab.count_label.text() == "…"
    first = [tab.model.row_at(r).number for r in range(tab.model.rowCount())]  # type: ignore[union-attr]
    assert first == [r.number for r in shop.orders.list_orders(tab.current_filter(), 0, len(first))]
    qtbot.waitUntil(lambda: not tab.model.source.pending)
    everything = shop.orders.list_orders(tab.current_filter())
    assert [tab.model.row_at(r).number for r in range(tab.model.rowCount())] == [r.number for r in everything]  # type: ignore[union-attr]
    counts = shop.orders.bucket_counts(tab.current_filter())
    assert tab.buckets.tabText(1) == f"On hold ({counts['on_hold']})"
    assert tab.count_label.text() == f"{len(everything)} orders"
    type_search(qtbot, tab, "13900001111")  # a search in few orders is counted at once
    assert not tab.model.source.pending and not tab.recount_timer.isActive()


def test_a_reviewer_approves_the_held_orders_in_one_go(qtbot, tab, order_shop, runner) -> None:
    shop, orders = order_shop
    tab.select_bucket("on_hold")
    tab.table.selectAll()
    assert tab.approve_action.isEnabled()
    with qtbot.waitSignal(tab.message, timeout=5000) as news:
        tab.approve_selected()
    assert news.args == [f"Approved: 2 orders done ({orders.held[0]}, {orders.held[1]})"]
    assert [shop.orders.get_order(n).status for n in orders.held] == ["allocated", "allocated"]
    assert tab.buckets.tabText(1) == "On hold (0)" and tab.buckets.tabText(3) == "To ship (4)"


def test_packing_refuses_a_wrong_item_loudly_and_packs_when_all_is_scanned(qtbot, tab, order_shop, monkeypatch) -> None:
    shop, orders = order_shop
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    dialog = PackingDialog(shop, tab.money, tab.printer, orders.ready[0], tab)  # 2 × CUP
    qtbot.addWidget(dialog)
    assert dialog.progress.text() == "2 items left to scan"

    qtbot.keyClicks(dialog.item_field, "TEE")
    qtbot.keyClick(dialog.item_field, Qt.Key.Key_Return)
    assert beeps == [True] and dialog.refused == 1
    assert "WRONG ITEM" in dialog.feedback.text() and "TEE" in dialog.feedback.text()
    assert "f8d7da" in dialog.item_field.styleSheet()
    assert dialog.lines.packed(1) == 0 and dialog.item_field.text() == ""

    for _ in range(2):
        qtbot.keyClicks(dialog.item_field, MUG_CODE)
        qtbot.keyClick(dialog.item_field, Qt.Key.Key_Return)
    assert dialog.progress.text().startswith("PACKED")
    assert shop.orders.get_order(orders.ready[0]).status == "packed"
    assert not dialog.item_field.isEnabled() and dialog.slip_button.isEnabled()
    assert dialog.scan(MUG_CODE) is False and beeps == [True, True]  # nothing more goes in


def test_packing_refuses_an_order_that_is_not_ready(qtbot, tab, order_shop) -> None:
    shop, orders = order_shop
    dialog = PackingDialog(shop, tab.money, tab.printer, orders.held[0], tab)
    qtbot.addWidget(dialog)
    assert dialog.number is None
    assert "is On hold" in dialog.feedback.text()


def test_shipping_takes_the_tracking_number_and_refuses_one_used_before(qtbot, tab, order_shop) -> None:
    shop, orders = order_shop
    for number in orders.ready:
        shop.order_flow.mark_packed(number)
    dialog = ShipDialog(shop, orders.ready, tab)
    qtbot.addWidget(dialog)
    dialog.carrier.setCurrentText("顺丰速运")
    qtbot.keyClicks(dialog.tracking, "SF1000000001")  # already on the shipped order
    qtbot.keyClick(dialog.tracking, Qt.Key.Key_Return)
    assert dialog.shipped == [] and "already on order" in dialog.feedback.text()
    dialog.tracking.clear()
    qtbot.keyClicks(dialog.tracking, "SF1000000002")
    qtbot.keyClick(dialog.tracking, Qt.Key.Key_Return)
    assert dialog.shipped == [orders.ready[0]]
    order = shop.orders.get_order(orders.ready[0])
    assert (order.status, order.tracking_no, order.carrier) == ("shipped", "SF1000000002", "顺丰速运")
    assert order.cost_of_goods == 2 * 900


def test_labels_are_saved_as_a_pdf_in_the_background(qtbot, tab, order_shop, runner, tmp_path) -> None:
    _, orders = order_shop
    target = tmp_path / "labels.pdf"
    with qtbot.waitSignal(tab.message, timeout=10_000):
        tab.printer.labels(orders.ready, Choice(target, "100x150"))
    pages = read_pdf(target.read_bytes(), dpi=150)
    assert [dict(p.symbols)["Code 128"] for p in pages] == orders.ready


def test_entering_an_order_by_scanning_and_pinyin_for_a_new_customer(qtbot, tab, order_shop) -> None:
    shop, _ = order_shop
    dialog = OrderEntryDialog(shop, tab.money, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.product_search, "tcmkb")  # 陶瓷马克杯 by its pinyin initials
    qtbot.keyClick(dialog.product_search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.product_search, MUG_CODE)  # the same mug, scanned: one more
    qtbot.keyClick(dialog.product_search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.product_search, "nothing like this")
    qtbot.keyClick(dialog.product_search, Qt.Key.Key_Return)
    assert "No product matches" in dialog.product_feedback.text()
    assert [(dialog.lines.item(0, c).text()) for c in range(3)] == ["CUP", "陶瓷马克杯", "2"]
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    for key, value in (
        ("name", "王小明"),
        ("phone", "13611112222"),
        ("province", "浙江省"),
        ("city", "杭州市"),
        ("district", "西湖区"),
        ("street", "文三路90号"),
    ):
        dialog.ship[key].setText(value)
    dialog.save()
    assert dialog.saved_number is not None
    order = shop.orders.get_order(dialog.saved_number)
    assert (order.channel, order.status, order.customer_name, order.items) == ("phone", "allocated", "王小明", 2)
    assert shop.parties.find_customers("13611112222")[0].name == "王小明"


def test_entering_an_order_for_a_known_customer_fills_the_address(qtbot, tab, order_shop) -> None:
    shop, _ = order_shop
    address = Address("李雷", "13755556666", "CN", "广东省", "深圳市", "南山区", "科技园南区1号", "518057")
    shop.parties.create_customer(CustomerDraft("李雷", ["13755556666"], [address]))
    dialog = OrderEntryDialog(shop, tab.money, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.customer_search, "5556666")
    qtbot.waitUntil(lambda: dialog.customers.count() == 1)
    qtbot.keyClick(dialog.customer_search, Qt.Key.Key_Return)
    assert dialog.ship["street"].text() == "科技园南区1号" and dialog.customer_id is not None
    dialog.save()  # no lines yet: refused, every problem shown, nothing saved
    assert dialog.saved_number is None and not dialog.problems.isHidden()
    with pytest.raises(ValidationFailed):
        shop.orders.create_order(dialog.draft())


def test_a_scan_and_its_enter_in_the_shown_entry_dialog_adds_a_line_and_never_saves(qtbot, tab, order_shop) -> None:
    shop, _ = order_shop
    before = shop.orders.count_orders()
    dialog = OrderEntryDialog(shop, tab.money, tab)
    qtbot.addWidget(dialog)
    address = {"name": "王小明", "phone": "13611112222", "province": "浙江省", "city": "杭州市", "street": "文三路90号"}
    for key, value in address.items():  # everything a save needs but the lines
        dialog.ship[key].setText(value)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(2):  # a cashier scanning two mugs: each scan is the code and Enter
        qtbot.keyClicks(dialog.product_search, MUG_CODE)
        qtbot.keyClick(dialog.product_search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.saved_number is None  # the Enter stayed in the scan field
    assert dialog.lines.item(0, 2).text() == "2"
    assert shop.orders.count_orders() == before


@pytest.mark.parametrize("role", [Role.OWNER, Role.ACCOUNTANT, Role.WAREHOUSE])
def test_the_order_buttons_follow_the_role_so_nobody_fills_a_form_only_to_be_refused(
    qtbot, order_shop, runner, role
) -> None:
    shop, orders = order_shop
    shop.log_in("someone", role)
    tab = OrdersTab(shop, runner, "en")
    qtbot.addWidget(tab)
    work, fulfil = role in (Role.OWNER,), role in (Role.OWNER, Role.WAREHOUSE)
    assert (tab.new_action.isEnabled(), tab.pack_action.isEnabled()) == (work, fulfil)
    select(tab, orders.held)
    assert (tab.approve_action.isEnabled(), tab.reject_action.isEnabled(), tab.cancel_action.isEnabled()) == (
        work,
        work,
        work,
    )
    select(tab, orders.ready)
    assert tab.labels_action.isEnabled() and tab.picklist_action.isEnabled()  # reading and printing: anyone
    assert tab.cancel_action.isEnabled() is work


def test_in_chinese_the_reviewer_reads_why_an_order_is_held_in_chinese(
    qtbot, qapp, english, order_shop, runner
) -> None:
    from shopdesk.ui.i18n import CHINESE, install_translations, remove_translations

    shop, orders = order_shop
    translators = install_translations(qapp, CHINESE)
    try:
        tab = OrdersTab(shop, runner, CHINESE)
        qtbot.addWidget(tab)
        tab.detail.show_order(shop.orders.get_order(orders.held[0]))
        assert "• 买家有留言待查看" in tab.detail.hold.text()  # stored as the code "remark" and English words
    finally:
        remove_translations(qapp, translators)
