"""Add an online store: its type, address, API key and secret, the stock held back from it, and where its
orders start (from now on, or changed since an earlier day: older orders were dealt with before).

The key and secret go straight to SyncService.add_channel, which keeps them
in the operating system's keyring; this dialog never shows them again, and
what is wrong is said below the field it is about.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Conflict, ShopDeskError, ValidationFailed
from shopdesk.services.shop import Shop
from shopdesk.services.sync import ChannelView, SyncService, check_store_url
from shopdesk.services.sync_runs import replace_credentials
from shopdesk.ui import errors
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.widgets.form import Field, FieldMessage

CHANNEL_TYPES = {
    "woocommerce": QT_TRANSLATE_NOOP("SyncChannels", "WooCommerce"),
    "shopify": QT_TRANSLATE_NOOP("SyncChannels", "Shopify"),
}
# The service's messages (English, as the CLI shows them) in the UI's language, by their shape.
_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^give the store's address like"),
        QT_TRANSLATE_NOOP("SyncChannels", "Give the store's address like https://shop.example.com"),
    ),
    (
        re.compile(r"^\w+ keys would be sent unencrypted over http://"),
        QT_TRANSLATE_NOOP(
            "SyncChannels",
            "The keys would be sent unencrypted over http://, where anyone on the way can read them; "
            "use the store's https:// address (plain http is only accepted for localhost)",
        ),
    ),
    (re.compile(r"^the store's API key is required$"), QT_TRANSLATE_NOOP("SyncChannels", "Enter the store's API key")),
    (
        re.compile(r"^a channel name is 1 to 32"),
        QT_TRANSLATE_NOOP("SyncChannels", "A channel name is 1 to 32 letters, digits and . _ -"),
    ),
]


def channel_problem(message: str) -> str:
    for shape, text in _SHAPES:
        if shape.match(message):
            return QCoreApplication.translate("SyncChannels", text)
    return problem_text(message)


class AddChannelDialog(QDialog):
    """`added` holds the new channel once Save succeeded."""

    def __init__(self, service: SyncService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.added: ChannelView | None = None
        self.setWindowTitle(self.tr("Add a sales channel"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. webshop"))
        self.type = QComboBox()
        for key, title in CHANNEL_TYPES.items():
            self.type.addItem(QCoreApplication.translate("SyncChannels", title), key)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://shop.example.com")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.buffer = QSpinBox()
        self.buffer.setRange(0, 100_000)
        self.buffer.setSuffix(self.tr(" units"))
        self.buffer.setToolTip(self.tr("Held back from the stock the store is told it has"))
        self.earlier = QCheckBox(self.tr("Also orders changed since"))
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setMaximumDate(QDate.currentDate())
        self.since.setEnabled(False)
        self.earlier.toggled.connect(self.since.setEnabled)
        start = QWidget()
        start.setToolTip(
            self.tr(
                "Without this, the channel pulls the orders changed after it is added. Older orders that the "
                "store has sent out already come in as history and reserve no stock."
            )
        )
        start_row = QHBoxLayout(start)
        start_row.setContentsMargins(0, 0, 0, 0)
        start_row.addWidget(self.earlier)
        start_row.addWidget(self.since)
        start_row.addStretch(1)

        self.fields: dict[str, Field] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, editor in (
            ("name", self.tr("Name"), self.name),
            ("type", self.tr("Platform"), self.type),
            ("url", self.tr("Store URL"), self.url),
            ("key", self.tr("API key"), self.key),
            ("secret", self.tr("API secret"), self.secret),
            ("buffer", self.tr("Buffer"), self.buffer),
            ("since", self.tr("Orders"), start),
        ):
            self.fields[key] = Field(editor)
            form.addRow(label, self.fields[key])
        note = QLabel(self.tr("The key and secret are kept in this computer's keyring, never in the shop's database."))
        note.setWordWrap(True)
        self.general = FieldMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.name.setFocus()

    def save(self) -> None:
        kind = str(self.type.currentData())
        problems: dict[str, list[str]] = {}
        try:
            self.added = self._service.add_channel(
                self.name.text(),
                kind,
                self.url.text(),
                self.key.text(),
                self.secret.text(),
                buffer=self.buffer.value(),
                since=self.start_date(),
            )
        except ValidationFailed as exc:
            for problem in exc.problems:
                problems.setdefault(problem.where, []).append(channel_problem(problem.message))
            if "url" not in problems:  # the service checks the address after the rest: say all at once
                try:
                    check_store_url(self.url.text(), kind)
                except ValidationFailed as url_exc:
                    problems["url"] = [channel_problem(p.message) for p in url_exc.problems]
        except Conflict:
            problems["name"] = [self.tr("Another channel has this name already")]
        except ShopDeskError as exc:  # the keyring refused: nothing was saved
            errors.show_error(self, exc)
            return
        self.show_problems(problems)
        if not problems:
            self.key.clear()  # the secret leaves this dialog for the keyring only
            self.secret.clear()
            self.accept()

    def start_date(self) -> datetime | None:
        """Midnight (this computer's time) of the day chosen, or None: the orders from now on."""
        if not self.earlier.isChecked():
            return None
        day = self.since.date()
        return datetime(day.year(), day.month(), day.day())

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        for key, field in self.fields.items():
            field.show_messages(problems.get(key, []))
        self.general.show_messages([m for key, found in problems.items() if key not in self.fields for m in found])
        first = next((self.fields[k] for k in self.fields if k in problems), None)
        if first is not None:
            first.setFocus()
        self.layout().activate()  # room for the messages: the http:// one takes three lines
        self.resize(self.width(), max(self.height(), self.layout().totalHeightForWidth(self.width())))


class NewKeyDialog(QDialog):
    """A new API key and secret for a channel whose key the store no longer takes."""

    def __init__(self, shop: Shop, channel: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._channel = channel
        self.setWindowTitle(self.tr("New key for {name}").format(name=channel))
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field = Field(self.key)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("API key"), self.key_field)
        form.addRow(self.tr("API secret"), self.secret)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def save(self) -> None:
        try:
            replace_credentials(self._shop, self._channel, self.key.text(), self.secret.text())
        except ValidationFailed as exc:
            self.key_field.show_messages([channel_problem(p.message) for p in exc.problems])
            return
        except ShopDeskError as exc:  # not allowed, or the keyring refused: nothing changed
            errors.show_error(self, exc)
            return
        self.key.clear()
        self.secret.clear()
        self.accept()
