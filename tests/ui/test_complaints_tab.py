"""The Complaints tab as the service desk uses it: the queue, quick entry, the case's steps, the analysis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox

from shopdesk.domain.aftersales import Closing
from shopdesk.services.aftersales import Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.ui.complaints.dialogs import CloseDialog, NoteDialog, RefundDialog, ReturnDialog, SolutionDialog
from shopdesk.ui.complaints.new_case import NewCaseDialog
from shopdesk.ui.complaints.queue import OVERDUE_BACKGROUND
from tests.aftersales_helpers import complaint, delivered_order, shop_with_mugs
from tests.ui.conftest import column, when_dialog_opens

NOW = datetime.now(UTC)


@pytest.fixture
def desk(sqlite_shop):
    """A shop with an order delivered yesterday, an overdue case, one due tomorrow and one closed."""
    shop = shop_with_mugs(sqlite_shop)
    order = delivered_order(shop, ("MUG", 5), ("TEE", 1), delivered_at=NOW - timedelta(days=1))
    cases = shop.aftersales
    late = cases.create_case(complaint(order, owner="amy"), at=NOW - timedelta(days=3)).number
    soon = cases.create_case(
        complaint(order, priority="high", owner="bo", lines=((2, 1),)), at=NOW - timedelta(hours=2)
    ).number
    done = cases.create_case(
        complaint(order, case_class="logistics", sub_reason="延迟 late", owner="amy"), at=NOW - timedelta(days=1)
    ).number
    cases.close(done, Closing(result_told=True, satisfaction=4), "parcel arrived", at=NOW - timedelta(hours=20))
    return shop, order, {"late": late, "soon": soon, "done": done}


@pytest.fixture
def tab(qtbot, desk, runner):
    from shopdesk.ui.complaints.tab import ComplaintsTab

    shop, _, _ = desk
    tab = ComplaintsTab(shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_case(tab, number: str) -> None:
    tab.select_case(number)
    assert tab.view.detail is not None and tab.view.detail.number == number


def test_the_queue_shows_open_cases_by_due_time_with_overdue_ones_in_red_and_a_count_on_the_tab(tab, desk) -> None:
    _, _, numbers = desk
    assert column(tab, "Case") == [numbers["late"], numbers["soon"]]
    assert column(tab, "Status") == ["New", "New"]
    assert column(tab, "Priority") == ["Normal", "High"]
    assert column(tab, "Customer") == ["张*", "张*"]
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert tab.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) != OVERDUE_BACKGROUND
    assert tab.count_label.text() == "2 cases"
    assert (tab.attention, tab.tab_title()) == (2, "Complaints (2)")
    assert [tab.status.itemText(i) for i in range(4)] == ["Open cases (2)", "All cases (3)", "New (2)", "Confirmed (0)"]

    tab.status.setCurrentIndex(tab.status.findData("closed"))
    assert column(tab, "Case") == [numbers["done"]]
    tab.status.setCurrentIndex(tab.status.findData(None))
    tab.owner.setCurrentIndex(tab.owner.findData("amy"))
    assert column(tab, "Case") == [numbers["late"], numbers["done"]]
    tab.owner.setCurrentIndex(0)
    tab.due.setCurrentIndex(tab.due.findData("overdue"))
    assert column(tab, "Case") == [numbers["late"]]


def test_a_new_case_from_an_order_shows_the_customers_history_and_lands_in_the_queue(
    qtbot, tab, desk, tmp_path: Path
) -> None:
    _, order, numbers = desk
    photo = tmp_path / "box.jpg"
    photo.write_bytes(b"\xff\xd8 crushed box")
    messages: list[str] = []
    tab.message.connect(messages.append)

    def fill(dialog: NewCaseDialog) -> None:
        assert dialog.lines.rowCount() == 2
        history = [dialog.history.item(i).text() for i in range(dialog.history.count())]
        assert any(order in line for line in history)
        assert any(numbers["done"] in line and "Closed" in line for line in history)
        dialog.set_units(1, 2)
        dialog.channel.setCurrentIndex(dialog.channel.findData("chat"))
        dialog.case_class.setCurrentIndex(dialog.case_class.findData("quality"))
        assert dialog.sub_reason.itemText(0) == "破损 damaged"  # the shop's sub-reasons for the class
        dialog.demand.setCurrentIndex(dialog.demand.findData("return_refund"))
        dialog.description.setPlainText("两个杯子有裂纹")
        dialog.add_files([photo])
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    seen = when_dialog_opens(NewCaseDialog, fill)
    tab.new_case(order)
    assert seen and seen[0].created is not None
    number = seen[0].created.number
    assert messages == [f"Case {number} recorded"]
    assert tab.view.detail is not None and tab.view.detail.number == number
    assert tab.view.goods.text().startswith("2 × MUG")
    assert tab.view.evidence.item(0).text().startswith("box.jpg")
    assert number in column(tab, "Case")


def test_a_new_case_with_a_missing_evidence_file_is_refused_in_the_dialog(qtbot, tab, desk) -> None:
    shop, order, _ = desk
    before = shop.aftersales.count_cases()
    dialog = NewCaseDialog(shop, tab._money, tab, order=order)
    qtbot.addWidget(dialog)
    dialog.add_files([Path("/nowhere/photo.jpg")])
    dialog.save()
    assert "evidence: the file does not exist" in dialog.message.text()
    assert dialog.created is None and shop.aftersales.count_cases() == before


def test_a_case_is_worked_through_the_process_with_the_buttons_in_order(qtbot, tab, desk) -> None:
    shop, _, numbers = desk
    number = numbers["late"]
    open_case(tab, number)
    view = tab.view
    enabled = [key for key, button in view.buttons.items() if button.isEnabled()]
    assert enabled == ["confirm", "close", "escalate", "comment", "attach"]
    click(qtbot, view.buttons["confirm"])
    click(qtbot, view.buttons["investigate"])
    assert view.detail.status == "investigating"

    def agree(dialog: SolutionDialog) -> None:
        dialog.type.setCurrentIndex(dialog.type.findData("return_refund"))
        assert dialog.amount_edit.text() == "25.00"  # the unit on the case, as it was sold
        dialog.owner.setText("bo")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(SolutionDialog, agree)
    click(qtbot, view.buttons["agree"])
    click(qtbot, view.buttons["start"])
    assert view.detail.status == "in_progress"

    def receive(dialog: ReturnDialog) -> None:
        dialog.where[0].setCurrentIndex(dialog.where[0].findData("scrap"))
        dialog.note.setText("glaze cracked")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(ReturnDialog, receive)
    click(qtbot, view.buttons["receive"])
    assert [(r.quantity, r.disposition) for r in view.detail.returns] == [(1, "scrap")]

    refusals: list[str] = []

    def refund(dialog: RefundDialog) -> None:
        dialog.amount_edit.setText("999.00")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        refusals.append(dialog.message.text())  # refused: the dialog stays open and says why
        dialog.amount_edit.setText("25.00")
        dialog.method.setCurrentText("alipay")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(RefundDialog, refund)
    click(qtbot, view.buttons["refund"])
    assert "so at most 160.00 can be refunded" in refusals[0]
    assert [(r.amount, r.method) for r in view.detail.refunds] == [(2500, "alipay")]

    def close(dialog: CloseDialog) -> None:
        dialog.told.setPlainText("退款已到账 — refund sent")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        refusals.append(dialog.message.text())  # neither a follow-up score nor a reason yet
        dialog.followed_up.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        refusals.append(dialog.message.text())  # a follow-up, but no score chosen: none is made up
        dialog.score.setCurrentIndex(dialog.score.findData(5))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(CloseDialog, close)
    click(qtbot, view.buttons["close"])
    assert "record the follow-up (回访)" in refusals[1]
    assert refusals[2] == "Choose the satisfaction score the customer gave in the follow-up (回访)."
    assert (view.detail.status, view.detail.satisfaction, view.followup.text()) == ("closed", 5, "★★★★★")
    assert number not in column(tab, "Case")  # the queue shows open cases
    assert tab.attention == 1

    def reopen(dialog: NoteDialog) -> None:
        dialog.text.setPlainText("customer called: the other mug is cracked too")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(NoteDialog, reopen)
    click(qtbot, view.buttons["reopen"])
    assert (view.detail.status, view.detail.reopen_count) == ("investigating", 1)
    steps = [view.timeline.topLevelItem(i).text(2) for i in range(view.timeline.topLevelItemCount())]
    assert steps[0] == "Case recorded"
    assert "New → Confirmed" in steps and "Closed → Investigating" in steps
    assert "Returned goods received" in steps and "Refund" in steps
    assert shop.aftersales.get_case(number).reopen_count == 1


def test_the_analysis_shows_the_high_return_warning_and_exports(qtbot, tab, desk, tmp_path: Path) -> None:
    shop, _, numbers = desk
    shop.set_setting("high_return_min_units_sold", 5)
    cases = shop.aftersales
    number = numbers["soon"]
    cases.confirm(number)
    cases.agree_solution(number, Solution("return_refund", 2500))
    cases.receive_return(number, [ReturnLine(2, 1, "quarantine")])
    tab.pages.setCurrentWidget(tab.analysis)
    page = tab.analysis
    assert page.analysis is not None and page.analysis.cases == 3
    returns = page.tables["returns"]
    # TEE: 1 sold, 1 back; MUG: 5 sold, none back, 1 with a quality complaint.
    assert [returns.item(r, 0).text() for r in range(returns.rowCount())] == ["TEE", "MUG"]
    assert page.warning.text() == ""  # 1 TEE sold: under the minimum of 5 sold for a warning
    shop.set_setting("high_return_min_units_sold", 1)
    page.refresh()
    assert page.warning.text() == "High-return warning (高频退货商品预警): TEE 100.0 %"
    assert returns.item(0, 0).background().color().name() == "#fde0dc"

    target = tmp_path / "complaints.xlsx"
    written: list[str] = []
    page.message.connect(written.append)
    page.export_to(target)
    qtbot.waitUntil(lambda: bool(written), timeout=10_000)
    assert load_workbook(target)["Returns per SKU"]["A2"].value == "TEE"


def test_the_main_window_has_the_complaints_tab_with_its_count(qtbot, desk) -> None:
    from shopdesk.ui.main_window import MainWindow

    shop, _, _ = desk
    window = MainWindow("en")
    qtbot.addWidget(window)
    window.set_shop(shop)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Complaints (2)" in titles
    window.runner.shutdown()


def test_the_queue_model_passes_qts_model_tester(qtbot, tab) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert tab.model.rowCount(QModelIndex()) == 2


def test_in_chinese_the_tab_speaks_the_service_desks_own_terms(qtbot, qapp, english, desk, runner) -> None:
    from shopdesk.ui.complaints.labels import CLASS, SOLUTION, choices
    from shopdesk.ui.complaints.tab import ComplaintsTab
    from shopdesk.ui.i18n import CHINESE, install_translations, remove_translations

    shop, _, numbers = desk
    translators = install_translations(qapp, CHINESE)
    try:
        tab = ComplaintsTab(shop, runner, CHINESE)
        qtbot.addWidget(tab)
        assert tab.tab_title() == "售后/投诉 (2)"
        assert tab.pages.tabText(0) == "工单" and tab.pages.tabText(1) == "售后分析"
        assert [c.title for c in tab.model.columns][:4] == ["工单号", "状态", "优先级", "处理时限"]
        assert column(tab, "状态") == ["新建", "新建"]
        assert tab.count_label.text() == "共 2 个工单"
        assert [text for text, _ in choices(CLASS)] == ["产品质量", "服务态度", "物流", "其他"]
        assert [text for text, _ in choices(SOLUTION)] == ["仅退款", "退货退款", "换货", "维修", "补偿", "补发"]
        tab.select_case(numbers["late"])
        assert tab.view.overdue.text() == "已超时"
        assert tab.view.buttons["close"].text() == "结案…"
        shop.set_setting("high_return_min_units_sold", 1)
        shop.aftersales.confirm(numbers["soon"])
        shop.aftersales.agree_solution(numbers["soon"], Solution("return_refund", 2500))
        shop.aftersales.receive_return(numbers["soon"], [ReturnLine(2, 1, "scrap")])
        tab.analysis.refresh()
        assert tab.analysis.warning.text().startswith("高频退货商品预警：TEE")
        tab.select_case(numbers["soon"])  # the service's own notes on the timeline, in the desk's language
        notes = [tab.view.timeline.topLevelItem(i).text(3) for i in range(tab.view.timeline.topLevelItemCount())]
        assert "已与客户确认投诉内容和诉求" in notes and "已商定：退货退款" in notes
    finally:
        remove_translations(qapp, translators)


def test_enter_after_the_order_number_loads_the_order_and_never_records_the_case(qtbot, tab, desk) -> None:
    shop, order, _ = desk
    before = shop.aftersales.count_cases()
    dialog = NewCaseDialog(shop, tab._money, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.order, order)
    qtbot.keyClick(dialog.order, Qt.Key.Key_Return)  # "order number, then Enter"
    assert dialog.lines.rowCount() == 2  # the order's lines, to choose the goods from
    assert dialog.isVisible() and dialog.created is None and shop.aftersales.count_cases() == before
