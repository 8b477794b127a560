"""The login dialog of a shop that has switched users on."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shopdesk.domain.permissions import Role
from shopdesk.services.users import Users
from shopdesk.ui.login import LoginDialog


def test_a_wrong_pin_is_said_in_the_dialog_and_the_right_one_logs_in(qtbot, sqlite_shop) -> None:
    users = Users(sqlite_shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("小李", Role.WAREHOUSE, "1234")
    dialog = LoginDialog(users)
    qtbot.addWidget(dialog)
    dialog.name.setCurrentText("小李")
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.user is None and "wrong PIN" in dialog.message.text()
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.role is Role.WAREHOUSE
    assert dialog.result() == LoginDialog.DialogCode.Accepted
