"""The services' refusals as staff read them: in Chinese when the app speaks Chinese, with every figure kept."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from shopdesk.domain.errors import Conflict, NotFound, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.domain.stock import NotEnoughStock
from shopdesk.ui.errors import show_error
from shopdesk.ui.i18n import CHINESE, install_translations, remove_translations
from shopdesk.ui.service_messages import ACTIONS, error_text, translated
from shopdesk.ui.stock.scan_field import ScanField
from tests.factories import ean13
from tests.order_helpers import draft, stocked_shop
from tests.stock_helpers import Layout


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translators = install_translations(qapp, CHINESE)
    yield
    remove_translations(qapp, translators)


@pytest.fixture
def store(sqlite_shop):
    """MUG and TEE, 3 MUG and 10 TEE in bin WH1/A/A-01."""
    return stocked_shop(sqlite_shop, {"MUG": 3, "TEE": 10})


def refusal(act) -> ShopDeskError:
    with pytest.raises(ShopDeskError) as caught:
        act()
    return caught.value


def not_enough(shop) -> ShopDeskError:
    exc = refusal(lambda: shop.inventory.transfer("MUG", 5, Layout.bin_a, Layout.bin_b))
    assert isinstance(exc, NotEnoughStock)
    return exc


def same_place(shop) -> ShopDeskError:
    exc = refusal(lambda: shop.inventory.transfer("TEE", 2, Layout.bin_a, Layout.bin_a))
    assert isinstance(exc, ValidationFailed)
    return exc


def stale_edit(shop) -> ShopDeskError:
    number = shop.orders.create_order(draft(("MUG", 1)))
    mine, version = shop.orders.draft_of(number)
    theirs, _ = shop.orders.draft_of(number)
    theirs.internal_note = "另一位客服改过"
    shop.orders.update_order(number, theirs, version)
    mine.internal_note = "改成周六送货"
    exc = refusal(lambda: shop.orders.update_order(number, mine, version))
    assert isinstance(exc, Conflict)
    return exc


def refused_role(shop) -> ShopDeskError:
    shop.log_in("小李", Role.ACCOUNTANT)
    exc = refusal(lambda: shop.inventory.transfer("TEE", 1, Layout.bin_a, Layout.bin_b))
    assert isinstance(exc, PermissionDenied)
    return exc


def misread_code() -> str:
    good = ean13()
    return good[:-1] + str((int(good[-1]) + 1) % 10)


def test_in_chinese_not_enough_stock_says_so_with_its_sku_place_and_figures(qtbot, chinese, store) -> None:
    exc = not_enough(store)
    box = show_error(None, exc)
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == ("MUG 在 WH1/A/A-01 库存不足：需要 5 件，该库位数量不够（在库数量 3，已占用 0，可用库存 3）")


def test_in_chinese_a_move_to_the_same_bin_names_the_field_the_bin_and_what_is_wrong(qtbot, chinese, store) -> None:
    exc = same_place(store)
    box = show_error(None, exc)
    qtbot.addWidget(box)
    assert box.text() == "未移动任何库存"
    assert box.informativeText() == "调入库位：与调出库位相同：不会移动任何库存（输入：'WH1/A/A-01'）"
    assert error_text(exc) == "未移动任何库存\n调入库位：与调出库位相同：不会移动任何库存（输入：'WH1/A/A-01'）"


def test_in_chinese_a_misread_barcode_in_the_scan_field_says_which_digit(qtbot, chinese, store) -> None:
    code = misread_code()
    result = store.scanning.resolve_scan(code)
    assert not result.found
    field = ScanField()
    qtbot.addWidget(field)
    field.show_failure(result.message)
    expected = str((int(code[-1]) - 1) % 10)
    assert field.feedback.text() == (
        f"无法识别的编码 {code}：EAN-13 校验位错误：最后一位是 {code[-1]}，应为 {expected}。请重新扫描。"
    )


def test_in_chinese_an_order_someone_else_changed_says_so_and_keeps_who_and_when(chinese, store) -> None:
    exc = stale_edit(store)
    number, who = str(exc).split(" ")[1], str(exc).split("(", 1)[1].rsplit(")", 1)[0]
    assert who.startswith("tester at ")  # who changed it and when, as the service wrote it
    assert translated(str(exc)) == f"订单 {number} 已被他人修改（{who}）；请重新打开查看修改内容。"


def test_in_chinese_a_role_refusal_names_the_person_their_role_and_the_roles_that_may(chinese, store) -> None:
    exc = refused_role(store)
    assert translated(str(exc)) == "小李（会计）无权执行“移动库存”：需要店主或仓库人员角色。"


def test_in_chinese_a_message_not_in_the_table_is_shown_as_the_service_wrote_it(chinese, store) -> None:
    exc = refusal(lambda: store.inventory.receive_transfer(999_999))
    assert isinstance(exc, NotFound)
    assert translated(str(exc)) == str(exc) == "No transfer 999999"
    mixed = f"{exc!s}; {store.scanning.resolve_scan('').message}"  # a known part among unknown ones
    assert translated(mixed) == "No transfer 999999；没有扫描到内容"


def test_in_english_every_message_comes_out_exactly_as_the_service_wrote_it(qtbot, store) -> None:
    code = misread_code()
    refusals = [not_enough(store), same_place(store), stale_edit(store), refused_role(store)]
    messages = [str(exc) for exc in refusals] + [store.scanning.resolve_scan(code).message]
    assert [translated(m) for m in messages] == messages
    assert "Nothing was moved\nto: is the same location as from: nothing would move" in messages[1]
    box = show_error(None, refusals[1])
    qtbot.addWidget(box)
    assert box.text() == "Nothing was moved"
    assert box.informativeText() == "to: is the same location as from: nothing would move (found: 'WH1/A/A-01')"
    field = ScanField()
    qtbot.addWidget(field)
    field.show_failure(messages[-1])
    assert field.feedback.text() == messages[-1] and "EAN-13 check digit is wrong" in messages[-1]


def test_in_chinese_several_problems_are_translated_one_by_one_and_an_unknown_one_stays(chinese, store) -> None:
    exc = refusal(lambda: store.inventory.adjust("TEE", Layout.bin_a, set_to=4, delta=-6, reason=" "))
    assert isinstance(exc, ValidationFailed)
    assert error_text(exc) == (
        "库存未调整\n"
        "quantity: give either the counted quantity or the difference, not both\n"  # not in the table: as written
        "原因：请说明调整库存的原因（例如“盘点”、“发现破损”）"
    )
    joined = "; ".join(str(p) for p in exc.problems)  # as a one-line label joins them
    assert translated(joined) == (
        "quantity: give either the counted quantity or the difference, not both；"
        "原因：请说明调整库存的原因（例如“盘点”、“发现破损”）"
    )


def test_in_chinese_warehouse_staff_approving_an_order_reads_fully_in_chinese(chinese, store) -> None:
    number = store.orders.create_order(draft(("MUG", 1)))
    store.log_in("老王", Role.WAREHOUSE)
    exc = refusal(lambda: store.order_flow.approve(number))
    assert isinstance(exc, PermissionDenied)
    assert str(exc) == "老王 (warehouse staff) may not approve orders: that needs the role owner or customer service."
    assert translated(str(exc)) == "老王（仓库人员）无权执行“审核通过订单”：需要店主或客服角色。"
    assert not re.search(r"[A-Za-z]", translated(str(exc)))


SRC = Path(__file__).resolve().parents[2] / "src" / "shopdesk"
GUARDED = r'@guarded\(Permission\.[A-Z_]+, "[^"]+"\)|require\(Permission\.[A-Z_]+, "[^"]+"\)'


def test_every_action_a_service_guards_has_a_translatable_name() -> None:
    found = subprocess.run(
        ["grep", "-rhoE", GUARDED, str(SRC / "services"), str(SRC / "ui"), str(SRC / "cli")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    actions = {re.search(r', "([^"]+)"\)$', line)[1] for line in found.splitlines()}
    assert len(actions) > 50  # the grep found the services' guards
    assert sorted(actions - ACTIONS.keys()) == []
    assert all(ACTIONS[a] == a for a in actions)  # each source text is the action itself
