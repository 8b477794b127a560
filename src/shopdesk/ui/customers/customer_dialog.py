"""Add or edit one customer (客户): name, phones, addresses, channel, notes.

What is wrong is said right below the field, as in the product dialog; the
addresses are a small table (one row each, the default one ticked).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.parties import Address, CustomerDraft
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.widgets.form import Field, FieldMessage

# The address table's columns after the Default tick: the Address fields they edit.
ADDRESS_COLUMNS = ("recipient", "phone", "province", "city", "district", "street", "postcode")
_PHONE_SPLIT = re.compile(r"[,;，；、\n]+")
# The service's messages about phones and addresses, in the language of the UI.
_MESSAGES = {
    "a phone number has digits": QT_TRANSLATE_NOOP("CustomerDialog", "a phone number has digits"),
    "an address needs a city": QT_TRANSLATE_NOOP("CustomerDialog", "an address needs a city"),
    "an address needs a street": QT_TRANSLATE_NOOP("CustomerDialog", "an address needs a street"),
}


class CustomerDialog(QDialog):
    """`saved_id` holds the customer's id once Save succeeded."""

    def __init__(self, shop: Shop, customer_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._customer_id = customer_id
        self._version = 0
        self._country: list[str] = []  # per address row: kept as it was (the table edits addresses in China)
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New customer") if customer_id is None else self.tr("Edit customer"))

        self.name = QLineEdit()
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(self.tr("several separated by commas"))
        self.channel = QComboBox()
        for key, text in CHANNEL.items():
            self.channel.addItem(QCoreApplication.translate("Orders", text), key)
        self.email = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)

        self.addresses = QTableWidget(0, 1 + len(ADDRESS_COLUMNS))
        self.addresses.setHorizontalHeaderLabels(
            [
                self.tr("Default"),
                self.tr("Recipient"),
                self.tr("Phone"),
                self.tr("Province"),
                self.tr("City"),
                self.tr("District"),
                self.tr("Street"),
                self.tr("Postcode"),
            ]
        )
        self.addresses.verticalHeader().hide()
        self.addresses.horizontalHeader().setStretchLastSection(False)
        self.addresses.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.addresses.itemChanged.connect(self._default_ticked)
        self.add_address_button = QPushButton(self.tr("Add address"))
        self.add_address_button.clicked.connect(lambda: self.add_address(Address()))
        self.remove_address_button = QPushButton(self.tr("Remove address"))
        self.remove_address_button.clicked.connect(self.remove_address)
        address_buttons = QHBoxLayout()
        address_buttons.setContentsMargins(0, 0, 0, 0)
        address_buttons.addWidget(self.add_address_button)
        address_buttons.addWidget(self.remove_address_button)
        address_buttons.addStretch(1)
        self.fields: dict[str, Field] = {"addresses": Field(self.addresses)}
        address_box = QWidget()
        address_layout = QVBoxLayout(address_box)
        address_layout.setContentsMargins(0, 0, 0, 0)
        address_layout.addWidget(self.fields["addresses"])
        address_layout.addLayout(address_buttons)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        for key, text, editor in (
            ("name", self.tr("Name"), self.name),
            ("phones", self.tr("Phones"), self.phones),
            ("addresses", self.tr("Shipping addresses"), address_box),
            ("channel", self.tr("Channel"), self.channel),
            ("email", self.tr("Email"), self.email),
            ("notes", self.tr("Notes"), self.notes),
        ):
            if key != "addresses":
                self.fields[key] = Field(editor)
            form.addRow(text, address_box if key == "addresses" else self.fields[key])
        self.general = FieldMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setShortcut(QKeySequence.StandardKey.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(860, self.sizeHint().height())
        if customer_id is not None:
            self._load(customer_id)
        self.name.setFocus()

    def _load(self, customer_id: int) -> None:
        record = self._shop.parties.get_customer(customer_id)
        draft = record.draft
        self._version = record.version
        self.name.setText(draft.name)
        self.phones.setText(", ".join(draft.phones))
        if self.channel.findData(draft.channel) < 0:  # a channel the shop added later: shown by its code
            self.channel.addItem(label(CHANNEL, draft.channel), draft.channel)
        self.channel.setCurrentIndex(self.channel.findData(draft.channel))
        self.email.setText(draft.email)
        self.notes.setPlainText(draft.notes)
        for n, address in enumerate(draft.addresses):
            self.add_address(address, default=n == draft.default_address)

    # The address table ----------------------------------------------------------------
    def add_address(self, address: Address, *, default: bool | None = None) -> None:
        """A row for the address; the first one is the default unless told otherwise."""
        row = self.addresses.rowCount()
        self.addresses.blockSignals(True)
        self.addresses.insertRow(row)
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        first = default if default is not None else row == 0
        tick.setCheckState(Qt.CheckState.Checked if first else Qt.CheckState.Unchecked)
        self.addresses.setItem(row, 0, tick)
        for column, name in enumerate(ADDRESS_COLUMNS, start=1):
            self.addresses.setItem(row, column, QTableWidgetItem(getattr(address, name)))
        self._country.append(address.country or "CN")
        self.addresses.blockSignals(False)
        if default is None:
            self.addresses.setCurrentCell(row, 1)

    def remove_address(self) -> None:
        row = self.addresses.currentRow()
        if row < 0:
            return
        was_default = self.default_row() == row
        self.addresses.removeRow(row)
        del self._country[row]
        if was_default and self.addresses.rowCount():
            self.addresses.item(0, 0).setCheckState(Qt.CheckState.Checked)

    def default_row(self) -> int:
        return next(
            (
                r
                for r in range(self.addresses.rowCount())
                if self.addresses.item(r, 0).checkState() == Qt.CheckState.Checked
            ),
            0,
        )

    def _default_ticked(self, item: QTableWidgetItem) -> None:
        """One default address: ticking one unticks the others (and the ticked one stays ticked)."""
        if item.column() != 0:
            return
        self.addresses.blockSignals(True)
        for r in range(self.addresses.rowCount()):
            tick = self.addresses.item(r, 0)
            tick.setCheckState(Qt.CheckState.Checked if r == item.row() else Qt.CheckState.Unchecked)
        self.addresses.blockSignals(False)

    # Saving ------------------------------------------------------------------------
    def draft(self) -> CustomerDraft:
        """The customer as typed."""
        addresses = []
        for r in range(self.addresses.rowCount()):
            values = {name: self.addresses.item(r, c).text().strip() for c, name in enumerate(ADDRESS_COLUMNS, start=1)}
            addresses.append(Address(country=self._country[r], **values))
        return CustomerDraft(
            name=self.name.text().strip(),
            phones=[p.strip() for p in _PHONE_SPLIT.split(self.phones.text()) if p.strip()],
            addresses=addresses,
            channel=self.channel.currentData(),
            email=self.email.text().strip(),
            notes=self.notes.toPlainText(),
            default_address=self.default_row(),
        )

    def save(self) -> None:
        problems: dict[str, list[str]] = {}
        try:
            if self._customer_id is None:
                self.saved_id = self._shop.parties.create_customer(self.draft())
            else:
                self._shop.parties.update_customer(self._customer_id, self.draft(), self._version)
                self.saved_id = self._customer_id
        except ValidationFailed as exc:
            for problem in exc.problems:
                key, text = self._where(problem.where, problem.message)
                problems.setdefault(key, []).append(text)
        except Exception as exc:
            errors.show_error(self, exc)  # a clash with someone else's save, an erased customer, a fault
            return
        self.show_problems(problems)
        if not problems:
            self.accept()

    def _where(self, where: str, message: str) -> tuple[str, str]:
        """The field a service problem belongs to, and its text there ("Phone 2: …", "Address 1: …")."""
        text = QCoreApplication.translate("CustomerDialog", _MESSAGES[message]) if message in _MESSAGES else None
        kind, _, number = where.partition(" ")
        if kind == "phone" and number.isdigit():
            return "phones", self.tr("Phone {n}: {message}").format(n=number, message=text or message)
        if kind == "address" and number.isdigit():
            return "addresses", self.tr("Address {n}: {message}").format(n=number, message=text or message)
        if where == "default_address":
            return "addresses", message
        return where, text or problem_text(message)

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        for key, field in self.fields.items():
            field.show_messages(problems.get(key, []))
        elsewhere = [m for key, messages in problems.items() if key not in self.fields for m in messages]
        self.general.show_messages(elsewhere)
        first = next((self.fields[k] for k in self.fields if k in problems), None)
        if first is not None:
            first.setFocus()
