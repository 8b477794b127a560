"""Shop → Users: who may log in, in which role, with which PIN (owners only).

Every change goes through services/users.py, which holds the rules (the first user is
an owner, the last owner stays one, PINs at least four characters); a refusal is shown
as the service words it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission, Role
from shopdesk.services.users import MIN_SECRET, UserInfo, Users
from shopdesk.ui import errors
from shopdesk.ui.widgets.form import Field

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop


def role_names() -> dict[Role, str]:
    return {
        Role.OWNER: QCoreApplication.translate("Users", "Owner"),
        Role.WAREHOUSE: QCoreApplication.translate("Users", "Warehouse staff"),
        Role.ACCOUNTANT: QCoreApplication.translate("Users", "Accountant"),
        Role.CUSTOMER_SERVICE: QCoreApplication.translate("Users", "Customer service"),
    }


def _secret_fields() -> tuple[QLineEdit, QLineEdit]:
    first, again = QLineEdit(), QLineEdit()
    for edit in (first, again):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return first, again


def _secret_problems(first: str, again: str) -> list[str]:
    if len(first) < MIN_SECRET:
        return [QCoreApplication.translate("Users", "At least {n} characters").format(n=MIN_SECRET)]
    if first != again:
        return [QCoreApplication.translate("Users", "The two entries differ; type the same PIN twice")]
    return []


class UserDialog(QDialog):
    """A new person (name, role, PIN twice), or a new PIN for someone (PIN twice only)."""

    def __init__(self, users: Users, parent: QWidget | None = None, *, new_pin_for: str | None = None):
        super().__init__(parent)
        self.users = users
        self.new_pin_for = new_pin_for
        self.name = QLineEdit()
        self.role = QComboBox()
        first_user = not users.enabled()
        for role, label in role_names().items():
            if role is Role.OWNER or not first_user:
                self.role.addItem(label, role)
        if not first_user:  # the least a new person needs is more often right than the most
            self.role.setCurrentIndex(self.role.findText(role_names()[Role.WAREHOUSE]))
        self.pin, self.pin_again = _secret_fields()
        self.name_field, self.pin_field = Field(self.name), Field(self.pin_again)
        form = QFormLayout()
        if new_pin_for is None:
            self.setWindowTitle(self.tr("Add a user"))
            form.addRow(self.tr("Name"), self.name_field)
            form.addRow(self.tr("Role"), self.role)
        else:
            self.setWindowTitle(self.tr("New PIN for {name}").format(name=new_pin_for))
        form.addRow(self.tr("PIN or password"), self.pin)
        form.addRow(self.tr("Again"), self.pin_field)
        layout = QVBoxLayout(self)
        if new_pin_for is None and first_user:
            note = QLabel(
                self.tr(
                    "The first user is an owner. Once you add them, ShopDesk asks for a name and PIN "
                    "every time it starts."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Check the form here (name given, PIN twice the same), then let the service decide the rest."""
        name_problems = [] if self.new_pin_for or self.name.text().strip() else [self.tr("Enter a name")]
        pin_problems = _secret_problems(self.pin.text(), self.pin_again.text())
        self.name_field.show_messages(name_problems)
        self.pin_field.show_messages(pin_problems)
        if name_problems or pin_problems:
            return
        try:
            if self.new_pin_for is None:
                self.users.add(self.name.text(), Role(self.role.currentData()), self.pin.text())
            else:
                self.users.change_secret(self.new_pin_for, self.pin.text())
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.accept()


class UsersDialog(QDialog):
    """The people who log in: a list, and the buttons to add, re-PIN, re-role and (de)activate them."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self.shop = shop
        self.users = Users(shop)
        self.setWindowTitle(self.tr("Users"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Active")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add…"))
        self.pin_button = QPushButton(self.tr("Change PIN…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.add_button.clicked.connect(self.add_user)
        self.pin_button.clicked.connect(self.change_pin)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._enable)
        side = QVBoxLayout()
        for button in (self.add_button, self.pin_button, self.role_button, self.active_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.resize(620, 400)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.people = self.users.list()
        names = role_names()
        self.table.setRowCount(len(self.people))
        for r, person in enumerate(self.people):
            cells = (person.name, names[person.role], self.tr("yes") if person.active else self.tr("no"))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not person.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
            if person.name == select:
                self.table.selectRow(r)
        if self.users.enabled():
            self.intro.setText(
                self.tr(
                    "Logins are on: ShopDesk asks for a name and PIN when it starts, and each person works "
                    "in their role. The last owner cannot be deactivated while others can log in."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Logins are off: ShopDesk opens without asking, and whoever uses it acts as the owner. "
                    "Add the first user — an owner — to switch logins on; then add the others "
                    "(warehouse staff, accountant, customer service), each with their own PIN."
                )
            )
        self._enable()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows else None

    def _enable(self) -> None:
        person = self.selected()
        for button in (self.pin_button, self.role_button, self.active_button):
            button.setEnabled(person is not None)
        self.active_button.setText(self.tr("Reactivate") if person and not person.active else self.tr("Deactivate"))

    def _attempt(self, change: Callable[[], None], name: str) -> None:
        try:
            change()
        except ShopDeskError as exc:
            errors.show_error(self, exc)
        self.refresh(select=name)

    def add_user(self) -> None:
        dialog = UserDialog(self.users, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=dialog.name.text().strip())

    def change_pin(self) -> None:
        person = self.selected()
        if person is not None:
            UserDialog(self.users, self, new_pin_for=person.name).exec()

    def change_role(self) -> None:
        person = self.selected()
        if person is None:
            return
        names = role_names()
        labels = list(names.values())
        label, chosen = QInputDialog.getItem(
            self,
            self.tr("Change role"),
            self.tr("Role of {name}:").format(name=person.name),
            labels,
            labels.index(names[person.role]),
            False,
        )
        if chosen:
            role = next(r for r, text in names.items() if text == label)
            self._attempt(lambda: self.users.change_role(person.name, role), person.name)

    def toggle_active(self) -> None:
        person = self.selected()
        if person is None:
            return
        if not person.active:
            self._attempt(lambda: self.users.reactivate(person.name), person.name)
            return
        others = [p for p in self.people if p.active and p.name != person.name]
        question = (
            self.tr("Deactivate {name}? They can no longer log in; their name stays in the audit log.")
            if others
            else self.tr(
                "Deactivate {name}, the last user? That switches logins off: ShopDesk then opens without asking."
            )
        ).format(name=person.name)
        answer = QMessageBox.question(
            self,
            self.tr("Deactivate"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._attempt(lambda: self.users.deactivate(person.name), person.name)


def open_users(shop: Shop, parent: QWidget) -> UsersDialog | None:
    """Shop → Users…: owners only; anyone else is told which role it needs. Returns the dialog shown."""
    try:
        shop.require(Permission.MANAGE_SHOP, "manage users")
    except ShopDeskError as exc:
        errors.show_error(parent, exc)
        return None
    dialog = UsersDialog(shop, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
