"""Looking after the shop from the window: backups and restores, the people who log in, the audit log."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from shopdesk.domain.permissions import Role
from shopdesk.services import maintenance
from shopdesk.services.shop import Shop
from shopdesk.services.users import Users
from shopdesk.ui.admin.audit_log import AuditLogDialog
from shopdesk.ui.admin.users_dialog import UserDialog, UsersDialog
from shopdesk.ui.login import LoginDialog
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.widgets import file_dialogs
from tests.factories import product


@pytest.fixture
def window(qtbot, sqlite_shop):
    window = MainWindow("en")
    qtbot.addWidget(window)
    sqlite_shop.catalogue.create_product(product("MUG-001", name="陶瓷马克杯", price=2500))
    window.set_shop(sqlite_shop)
    window.show()
    yield window
    window.runner.shutdown()
    if window.shop is not None and window.shop is not sqlite_shop:  # reopened after a restore
        window.shop.close()


def _tab_skus(window) -> list[str]:
    model = window.products.model
    titles = [c.title for c in model.columns]
    at = titles.index("SKU")
    return sorted(model.index(r, at).data() for r in range(model.rowCount()))


def answer_saving_to(monkeypatch, path: Path) -> list[tuple]:
    asked: list[tuple] = []

    def save_name(*args, **kwargs):
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(file_dialogs, "getSaveFileName", save_name)
    return asked


def messages(monkeypatch, kind: str = "information") -> list[str]:
    told: list[str] = []

    def tell(_parent, _title, text, *args, **kwargs):
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, kind, tell)
    return told


def shown_error(qtbot) -> str:
    """The text of the warning ShopDesk shows (errors.show_error opens it without blocking)."""
    boxes: list[QMessageBox] = []

    def found() -> bool:
        boxes[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(boxes)

    qtbot.waitUntil(found, timeout=30_000)
    text = boxes[0].text()
    for box in boxes:
        box.close()
    return text


def test_back_up_now_proposes_todays_name_and_writes_a_backup_that_passes_the_check(
    qtbot, monkeypatch, window, tmp_path
) -> None:
    target = tmp_path / "backups" / "mine.sqlite"
    target.parent.mkdir()
    asked = answer_saving_to(monkeypatch, target)
    told = messages(monkeypatch)
    window.admin.backup.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert Path(asked[0][2]).name == f"shopdesk-{date.today():%Y-%m-%d}.sqlite"
    assert str(target) in told[0]
    assert maintenance.check(str(target)).ok
    copy, _ = Shop.open(str(target), upgrade=False)
    try:
        assert copy.catalogue.find_by_code("MUG-001") is not None
    finally:
        copy.close()


def test_a_backup_into_a_folder_nobody_may_write_says_so_and_leaves_nothing(qtbot, monkeypatch, window, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    # root writes in a read-only folder anyway; /proc takes no files, even from root.
    folder = locked if os.geteuid() != 0 else Path("/proc")
    answer_saving_to(monkeypatch, folder / "shopdesk.sqlite")
    window.admin.backup.trigger()
    text = shown_error(qtbot)
    assert "The backup was not made" in text and str(folder) in text
    assert "Choose a folder you may write in" in text
    assert list(locked.iterdir()) == []


def restore_through_the_menu(monkeypatch, window, backup: Path) -> list[str]:
    monkeypatch.setattr(file_dialogs, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    questions: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a, **k: questions.append(text) or QMessageBox.StandardButton.Yes,
    )
    window.admin.restore.trigger()
    return questions


def test_restoring_a_backup_brings_back_its_data_in_the_tabs_and_keeps_the_replaced_data(
    qtbot, monkeypatch, window, sqlite_shop, tmp_path
) -> None:
    backup = maintenance.backup(sqlite_shop.db.url, tmp_path / "monday.sqlite")
    sqlite_shop.catalogue.create_product(product("TEA-001", name="绿茶", price=3800))
    window.products.refresh()
    qtbot.waitUntil(lambda: _tab_skus(window) == ["MUG-001", "TEA-001"], timeout=30_000)
    told = messages(monkeypatch)
    questions = restore_through_the_menu(monkeypatch, window, backup)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    shop_file = sqlite_shop.db.file
    assert "A copy of the current data is kept first" in questions[0] and str(shop_file.parent) in questions[0]
    assert window.shop is not sqlite_shop
    qtbot.waitUntil(lambda: _tab_skus(window) == ["MUG-001"], timeout=30_000)
    kept = list(shop_file.parent.glob(f"{shop_file.stem}.before-restore-*.sqlite"))
    assert len(kept) == 1 and str(kept[0]) in told[0]
    before, _ = Shop.open(str(kept[0]), upgrade=False)
    try:
        assert before.catalogue.find_by_code("TEA-001") is not None  # what was replaced is not lost
    finally:
        before.close()


def test_a_truncated_backup_is_refused_clearly_and_the_shop_stays_as_it_was(
    qtbot, monkeypatch, window, sqlite_shop, tmp_path
) -> None:
    good = maintenance.backup(sqlite_shop.db.url, tmp_path / "good.sqlite")
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    Users(sqlite_shop).add("王店长", Role.OWNER, "9876")
    sqlite_shop.log_in("王店长", Role.OWNER)
    logins: list[bool] = []
    monkeypatch.setattr(LoginDialog, "exec", lambda _dialog: logins.append(True) or 0)
    restore_through_the_menu(monkeypatch, window, truncated)
    text = shown_error(qtbot)
    assert str(truncated) in text and ("not a ShopDesk database" in text or "damaged" in text)
    qtbot.waitUntil(lambda: window.products is not None and _tab_skus(window) == ["MUG-001"], timeout=30_000)
    assert (window.shop.user, window.shop.role, logins) == ("王店长", Role.OWNER, [])  # nothing changed: no new login
    shop_file = sqlite_shop.db.file
    assert list(shop_file.parent.glob("*.before-restore-*")) == []


def test_adding_the_first_owner_switches_logins_on(qtbot, monkeypatch, window) -> None:
    window.admin.users.trigger()
    dialog = window.findChild(UsersDialog)
    assert "Add the first user — an owner — to switch logins on" in dialog.intro.text()

    roles_offered: list[int] = []

    def fill(form: UserDialog) -> int:
        roles_offered.append(form.role.count())
        form.name.setText("王店长")
        form.pin.setText("9876")
        form.pin_again.setText("9876")
        form.save()
        return form.result()

    monkeypatch.setattr(UserDialog, "exec", fill)
    dialog.add_user()
    assert roles_offered == [1]  # the first user can only be an owner
    assert [(p.name, p.role, p.active) for p in dialog.people] == [("王店长", Role.OWNER, True)]
    assert "Logins are on" in dialog.intro.text()
    dialog.close()

    asked: list[list[str]] = []

    def log_in(login: LoginDialog) -> int:
        asked.append([login.name.itemText(i) for i in range(login.name.count())])
        login.pin.setText("9876")
        login.try_login()
        return login.result()

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    window.admin.update_actions()
    assert window.admin.switch_user.isVisible()
    window.admin.switch_user.trigger()
    assert asked == [["王店长"]]
    assert (window.shop.user, window.shop.role) == ("王店长", Role.OWNER)
    assert window.products is not None


def test_two_pins_that_differ_are_refused_next_to_the_field(qtbot, window) -> None:
    form = UserDialog(Users(window.shop), window)
    qtbot.addWidget(form)
    form.show()
    form.name.setText("王店长")
    form.pin.setText("9876")
    form.pin_again.setText("9867")
    form.save()
    assert form.pin_field.message.text() == "The two entries differ; type the same PIN twice"
    assert not Users(window.shop).enabled()


def test_the_last_owner_cannot_be_deactivated_while_others_log_in(qtbot, monkeypatch, window) -> None:
    users = Users(window.shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    dialog = UsersDialog(window.shop, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([p.name for p in dialog.people].index("王店长"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.toggle_active()
    assert "王店长 is the last owner" in shown_error(qtbot)
    assert {p.name: p.active for p in users.list()} == {"王店长": True, "小李": True}


def test_warehouse_staff_can_neither_manage_users_nor_restore_and_are_told_who_can(qtbot, monkeypatch, window) -> None:
    window.shop.log_in("小李", Role.WAREHOUSE)
    window.admin.users.trigger()
    assert "小李 (warehouse staff) may not manage users: that needs the role owner" in shown_error(qtbot)
    assert window.findChild(UsersDialog) is None
    chosen: list[bool] = []
    monkeypatch.setattr(file_dialogs, "getOpenFileName", lambda *a, **k: chosen.append(True) or ("", ""))
    window.admin.restore.trigger()
    assert "may not restore the shop from a backup: that needs the role owner" in shown_error(qtbot)
    assert chosen == []


def test_the_audit_log_filters_by_person_and_by_kind_and_shows_a_price_change(qtbot, window) -> None:
    shop = window.shop
    shop.log_in("王店长", Role.OWNER)
    mug = shop.catalogue.find_by_code("MUG-001")
    shop.catalogue.update_product(mug.id, dataclasses.replace(mug.draft, price=2800), mug.version)
    Users(shop).add("王店长", Role.OWNER, "9876")
    shop.log_in("小李", Role.ACCOUNTANT)  # reading the log needs no right to change anything
    window.admin.audit_log.trigger()
    dialog = window.findChild(AuditLogDialog)
    assert dialog is not None
    assert {row[1] for row in dialog.rows()} == {"tester", "王店长"}

    dialog.user.setCurrentIndex(dialog.user.findData("王店长"))
    assert [(r[2], r[3], r[4]) for r in dialog.rows()] == [
        ("User", "王店长", "created"),
        ("Product", "MUG-001", "edited"),
    ]
    dialog.entity.setCurrentIndex(dialog.entity.findData("product"))
    [edit] = dialog.rows()
    assert edit[5] == "price: CN¥25.00 → CN¥28.00"
    assert dialog.table.item(0, 5).text() == edit[5]
    dialog.user.setCurrentIndex(dialog.user.findData("tester"))
    assert [(r[3], r[4]) for r in dialog.rows()] == [("MUG-001", "created")]
    dialog.search.setText("mug-0")  # in the label or the reason, any case
    dialog.refresh()
    assert [(r[3], r[4]) for r in dialog.rows()] == [("MUG-001", "created")]
    dialog.until.setDate(QDate.currentDate().addDays(-1))  # up to yesterday: all of it happened today
    assert dialog.rows() == [] and dialog.count.text() == "0 events"


def test_the_accountant_exports_the_filtered_audit_log_and_warehouse_staff_cannot(
    qtbot, monkeypatch, window, tmp_path
) -> None:
    shop = window.shop
    Users(shop).add("王店长", Role.OWNER, "9876")
    shop.log_in("张会计", Role.ACCOUNTANT)
    dialog = AuditLogDialog(shop, window.runner, "en", window)
    qtbot.addWidget(dialog)
    dialog.entity.setCurrentIndex(dialog.entity.findData("product"))
    answer_saving_to(monkeypatch, tmp_path / "audit.csv")
    told = messages(monkeypatch)
    dialog.export()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    lines = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "When,Who,What,Which,Action,Old → new,Reason"
    assert len(lines) == 2 and ",tester,Product,MUG-001,created," in lines[1]

    shop.log_in("小李", Role.WAREHOUSE)
    warehouse_view = AuditLogDialog(shop, window.runner, "en", window)
    qtbot.addWidget(warehouse_view)
    assert warehouse_view.rows() and warehouse_view.export_button.isHidden()


@pytest.fixture
def server_window(qtbot, shop):
    if shop.db.file is not None:
        pytest.skip("a shop file is backed up by ShopDesk itself (the tests above)")
    window = MainWindow("en")
    qtbot.addWidget(window)
    window.set_shop(shop)
    yield window
    window.runner.shutdown()


def test_a_shop_on_a_server_is_backed_up_with_the_servers_tools_not_from_a_file(monkeypatch, server_window) -> None:
    told = messages(monkeypatch)
    chosen: list[bool] = []
    monkeypatch.setattr(file_dialogs, "getOpenFileName", lambda *a, **k: chosen.append(True) or ("", ""))
    monkeypatch.setattr(file_dialogs, "getSaveFileName", lambda *a, **k: chosen.append(True) or ("", ""))
    server_window.admin.backup.trigger()
    server_window.admin.restore.trigger()
    server_window.admin.backups_folder.trigger()
    assert len(told) == 3 and all("pg_dump" in text for text in told)
    assert chosen == []


def test_the_owner_gives_a_clerk_a_new_pin_and_role_and_lets_them_go_and_come_back(qtbot, monkeypatch, window) -> None:
    users = Users(window.shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    dialog = UsersDialog(window.shop, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([p.name for p in dialog.people].index("小李"))

    def new_pin(form: UserDialog) -> int:
        form.pin.setText("4321")
        form.pin_again.setText("4321")
        form.save()
        return form.result()

    monkeypatch.setattr(UserDialog, "exec", new_pin)
    dialog.change_pin()
    assert users.login("小李", "4321").role is Role.WAREHOUSE
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Accountant", True))
    dialog.change_role()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.toggle_active()
    assert [
        (p.name, dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text()) for r, p in enumerate(dialog.people)
    ] == [
        ("小李", "Accountant", "no"),
        ("王店长", "Owner", "yes"),
    ]
    assert dialog.active_button.text() == "Reactivate"
    dialog.toggle_active()
    assert users.login("小李", "4321").role is Role.ACCOUNTANT
