"""Marketplace order files in the app, as on the command line: a Taobao export checked first and imported from the
Orders tab, a bad file that writes nothing, an unknown Taobao code linked once from the unmatched queue, and another
system's export mapped once as a saved layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialog, QMessageBox

from shopdesk.services.channels import unmatched_skus
from shopdesk.services.marketplace_import import list_order_layouts
from shopdesk.services.order_import import OrderImport, OrderImportOptions
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.import_dialog import ImportOrdersDialog
from shopdesk.ui.orders.layout_editor import OrderLayoutDialog
from shopdesk.ui.orders.tab import OrdersTab
from shopdesk.ui.orders.unmatched import UnmatchedDialog
from tests.imports.files import write_csv
from tests.order_helpers import stocked_shop
from tests.ui.conftest import when_dialog_opens

WAIT_MS = 20_000
D = TypeVar("D", bound=QDialog)
HEADINGS = ["订单编号", "买家会员名", "收货人姓名", "联系手机", "收货地址", "商家编码", "宝贝标题", "购买数量", "价格"]
HEADINGS += ["实付款", "订单创建时间", "订单状态", "买家留言"]


def taobao_rows() -> list[list[str]]:
    """Order 2901 has two lines, 2902 one; 2903 was closed on Taobao. Phones masked as Taobao exports them."""
    zhang = ['="2901234567890"', "tb_zhang", "张三", "138****5678", "上海 上海市 浦东新区 世纪大道100号(200120)"]
    li = ['="2901234567891"', "tb_li", "李四", "139****1111", "江苏省 南京市 鼓楼区 中山路1号"]
    wang = ['="2901234567892"', "tb_wang", "王五", "137****2222", "浙江省 杭州市 西湖区 文三路5号"]
    paid = "买家已付款，等待卖家发货"
    return [
        HEADINGS,
        [*zhang, "MUG", "陶瓷马克杯", "2", "25.00", "89.90", "2026-11-20 09:15:00", paid, ""],
        [*zhang, "TEE", "纯棉T恤", "1", "39.90", "89.90", "2026-11-20 09:15:00", paid, ""],
        [*li, "TEE", "纯棉T恤", "1", "39.90", "39.90", "2026-11-21 20:00:00", paid, ""],
        [*wang, "MUG", "陶瓷马克杯", "1", "25.00", "0.00", "2026-11-21 21:00:00", "交易关闭", ""],
    ]


@pytest.fixture
def shop(sqlite_shop: Shop) -> Shop:
    return stocked_shop(sqlite_shop)


@pytest.fixture
def tab(qtbot, shop, runner) -> OrdersTab:
    tab = OrdersTab(shop, runner, "en")
    qtbot.addWidget(tab)
    tab.resize(1400, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture
def dialog(qtbot, shop):
    dialog = ImportOrdersDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    assert dialog.runner.shutdown()


def closing(act: Callable[[D], None]) -> Callable[[D], None]:
    """act(dialog), then the dialog is closed if act left it open (a failed check must not leave exec() waiting)."""

    def run(dialog: D) -> None:
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    return run


def numbers(tab: OrdersTab) -> list[str]:
    return sorted(tab.model.row_at(r).number for r in range(tab.model.rowCount()))  # type: ignore[union-attr]


def checked(qtbot, dialog: ImportOrdersDialog, path: Path, profile: str = "taobao") -> None:
    dialog.choose_profile(profile)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)


def problems(dialog: ImportOrdersDialog) -> list[str]:
    return [dialog.problems.item(i).text() for i in range(dialog.problems.count())]


def import_now(qtbot, dialog: ImportOrdersDialog) -> None:
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=WAIT_MS)


def test_a_taobao_export_in_gbk_is_previewed_then_imported_from_the_orders_tab(qtbot, shop, tab, tmp_path) -> None:
    rows = taobao_rows()
    OrderImport(shop).run(write_csv(tmp_path / "first.csv", rows[:3], encoding="gbk"), OrderImportOptions("taobao"))
    tab.refresh()
    assert numbers(tab) == ["SO-000001"]
    path = write_csv(tmp_path / "ExportOrderList.csv", rows, encoding="gbk")
    seen: dict[str, object] = {}

    def go(dialog: ImportOrdersDialog) -> None:
        checked(qtbot, dialog, path)
        seen["preview"] = dialog.summary.text()
        seen["listed"] = problems(dialog)
        import_now(qtbot, dialog)
        seen["result"] = dialog.summary.text()

    opened = when_dialog_opens(ImportOrdersDialog, closing(go))
    tab.imports.import_action.trigger()
    assert opened
    assert seen["preview"] == (
        "2 orders in the file:\n  1 to add\n  1 imported before, skipped\n  0 waiting for an unmatched SKU\n"
        "  1 closed or cancelled on the platform, left out\nNo problems found. Nothing is written until you press Import."
    )
    assert seen["listed"] == ["Order 2901234567890 from Taobao: imported before as SO-000001, skipped"]
    assert seen["result"].startswith("Imported 1 order from ExportOrderList.csv.\nSO-000002")
    assert numbers(tab) == ["SO-000001", "SO-000002"]
    li = shop.orders.get_order("SO-000002")
    assert (li.channel_order_no, li.ship_to.phone, li.ship_to.city) == ("2901234567891", "139****1111", "南京市")


def test_a_file_without_the_quantity_column_shows_the_problem_and_writes_nothing(qtbot, shop, dialog, tmp_path) -> None:
    rows = [[c for i, c in enumerate(r) if i != 7] for r in taobao_rows()]
    checked(qtbot, dialog, write_csv(tmp_path / "taobao.csv", rows, encoding="gbk"))
    listed = problems(dialog)
    assert len(listed) == 1
    assert listed[0].startswith("row 1: Missing column 购买数量 / 宝贝数量 (quantity), found: 订单编号, 买家会员名")
    assert "cannot be imported; nothing was written" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert shop.orders.list_orders(OrderFilter()) == []


def test_the_encoding_can_be_chosen_when_detection_guesses_wrong(qtbot, shop, dialog, tmp_path) -> None:
    path = write_csv(tmp_path / "taobao.csv", taobao_rows(), encoding="gbk")
    checked(qtbot, dialog, path)
    assert dialog.import_button.isEnabled()
    dialog.preview = None
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert not dialog.import_button.isEnabled()
    assert problems(dialog)  # GBK bytes are not UTF-8: said, not imported
    assert shop.orders.list_orders(OrderFilter()) == []


def test_an_unknown_taobao_code_waits_in_the_unmatched_queue_until_linked_in_the_app(
    qtbot, shop, tab, tmp_path
) -> None:
    rows = taobao_rows()
    rows[2][5] = "TB-TEE-WHITE"  # Taobao's own code for our TEE on the second line of order 2901
    path = write_csv(tmp_path / "taobao.csv", rows, encoding="gbk")
    dialog = ImportOrdersDialog(shop, tab)
    qtbot.addWidget(dialog)
    checked(qtbot, dialog, path)
    assert "  1 to add\n  0 imported before, skipped\n  1 waiting for an unmatched SKU" in dialog.summary.text()
    import_now(qtbot, dialog)
    assert "1 order waits for an unmatched SKU" in dialog.summary.text()
    tab.refresh()
    assert tab.imports.unmatched_action.text() == "Unmatched SKUs (1)"
    assert numbers(tab) == ["SO-000001"]

    def link(unmatched: UnmatchedDialog) -> None:
        QAbstractItemModelTester(unmatched.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model = unmatched.model
        assert [[model.index(0, c).data() for c in range(model.columnCount())]] == [
            ["Taobao", "TB-TEE-WHITE", "纯棉T恤", "1", "1"]
        ]
        unmatched.select("taobao", "TB-TEE-WHITE")
        assert not unmatched.link_button.isEnabled()  # no product chosen yet
        unmatched.picker.search.setText("tee")
        assert unmatched.picker.enter("tee")
        unmatched.link_button.click()
        qtbot.waitUntil(lambda: bool(unmatched.linked), timeout=WAIT_MS)
        assert "Orders created: SO-000002." in unmatched.outcome.text()
        assert unmatched.model.rowCount() == 0

    opened = when_dialog_opens(UnmatchedDialog, closing(link))
    tab.imports.unmatched_action.trigger()
    assert opened
    assert unmatched_skus(shop) == []
    assert tab.imports.unmatched_action.text() == "Unmatched SKUs"
    assert numbers(tab) == ["SO-000001", "SO-000002"]
    order = shop.orders.get_order("SO-000002")
    assert [(ln.sku, ln.quantity) for ln in order.lines] == [("MUG", 2), ("TEE", 1)]
    dialog.runner.shutdown()


def test_another_systems_export_is_mapped_once_and_its_layout_is_then_one_of_the_profiles(
    qtbot, shop, dialog, tmp_path
) -> None:
    headings = ["Ref", "Article", "Pieces", "Each", "Deliver to", "Tel", "Town", "Street line", "When"]
    rows = [
        ["Webshop orders 2026-11"],  # a title row above the headings
        headings,
        ["W-17", "MUG", "1", "25.00", "Anna", "13812345678", "苏州市", "人民路2号", "2026-11-22 10:00"],
        ["W-17", "TEE", "2", "39.90", "Anna", "13812345678", "苏州市", "人民路2号", "2026-11-22 10:00"],
    ]
    path = write_csv(tmp_path / "webshop.csv", rows)
    checked(qtbot, dialog, path, "generic")
    assert not dialog.import_button.isEnabled()  # our own headings are not there
    mapping = {"order_no": "Ref", "sku": "Article", "quantity": "Pieces", "unit_price": "Each"}
    mapping |= {"recipient": "Deliver to", "phone": "Tel", "city": "Town", "street": "Street line", "placed_at": "When"}

    def edit(editor: OrderLayoutDialog) -> None:
        qtbot.waitUntil(lambda: editor.headings is not None, timeout=WAIT_MS)
        assert editor.read_note.text() == "Headings found on row 2: 9 columns."
        assert editor.name.text() == "webshop"
        assert not editor.save_button.isEnabled()  # order number, SKU and quantity are needed
        for field, heading in mapping.items():
            editor.choose(field, heading)
        editor.name.setText("Webshop")
        editor.channel.setEditText("webshop")
        editor.time_zone.setText("Asia/Shanghai")
        assert editor.save_button.isEnabled()
        editor.save_button.click()
        qtbot.waitUntil(lambda: editor.saved is not None, timeout=WAIT_MS)

    dialog.preview = None
    opened = when_dialog_opens(OrderLayoutDialog, closing(edit))
    dialog.new_layout.click()
    assert opened
    profiles = [dialog.profile.itemText(i) for i in range(dialog.profile.count())]
    assert profiles[-1] == "Saved layout: Webshop"
    assert dialog.profile.currentText() == "Saved layout: Webshop"
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert "  1 to add\n" in dialog.summary.text()
    import_now(qtbot, dialog)
    order = shop.orders.get_order("SO-000001")
    assert (order.channel, order.channel_order_no, order.goods_total) == ("webshop", "W-17", 10480)

    again = ImportOrdersDialog(shop)  # a new dialog lists it too, until it is forgotten
    qtbot.addWidget(again)
    again.choose_profile("generic", saved_layout_id(again, "Webshop"))
    assert again.forget_layout.isEnabled()
    opened = when_dialog_opens(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    again.forget_layout.click()
    assert opened
    assert "Saved layout: Webshop" not in [again.profile.itemText(i) for i in range(again.profile.count())]
    assert list_order_layouts(shop) == []
    assert not again.forget_layout.isEnabled()


def saved_layout_id(dialog: ImportOrdersDialog, name: str) -> int:
    found = [dialog.profile.itemData(i) for i in range(dialog.profile.count())]
    return next(c.layout_id for c in found if c.layout_id is not None and c.label == name)


def test_a_generic_order_file_without_a_channel_column_takes_the_channel_chosen(qtbot, shop, dialog, tmp_path) -> None:
    rows = [
        ["订单号", "商家编码", "数量", "单价", "收货人", "手机", "市", "详细地址"],
        ["WX-1", "MUG", "1", "25.00", "Anna", "13812345678", "苏州市", "人民路2号"],
    ]
    dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
    checked(qtbot, dialog, write_csv(tmp_path / "微信群订单.csv", rows), "generic")
    assert "  1 to add\n" in dialog.summary.text()
    import_now(qtbot, dialog)
    order = shop.orders.get_order("SO-000001")
    assert (order.channel, order.channel_order_no) == ("wechat", "WX-1")
