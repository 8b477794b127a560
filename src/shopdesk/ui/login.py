"""Logging in, once the shop has switched users on (a shop without users opens straight away)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.users import UserInfo, Users


class LoginDialog(QDialog):
    """Choose who you are and type your PIN; a wrong PIN says so here and lets you try again."""

    def __init__(self, users: Users, parent: QWidget | None = None):
        super().__init__(parent)
        self.users = users
        self.user: UserInfo | None = None
        self.setWindowTitle(self.tr("Log in to ShopDesk"))
        self.name = QComboBox()
        for info in users.list():
            if info.active:
                self.name.addItem(info.name)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN or password"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Who are you?"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Enter in the PIN field logs in, once
            button.setAutoDefault(False)
        self.pin.returnPressed.connect(self.try_login)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.pin.setFocus()

    def try_login(self) -> None:
        try:
            self.user = self.users.login(self.name.currentText(), self.pin.text())
        except ShopDeskError as exc:
            self.message.setText(str(exc))
            self.pin.selectAll()
            self.pin.setFocus()
            return
        self.accept()
