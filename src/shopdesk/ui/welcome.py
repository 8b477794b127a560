"""The first run: no shop yet, so ask which one — a new shop, the demo shop, or a shop's server.

Shown by app.run_gui when nothing names a database (no --db, SHOPDESK_DB or
setting) and the default shop file does not exist. Each path sets the shop up
in the background (creating and migrating a file, building the demo, reaching
a server) and then accepts with `target`, the database the app opens next.
What this computer should remember (the language, a demo file or a server)
goes into the local Settings; what the shop is (name, currency, sender on
labels, valuation) goes into the shop's own settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.numbers import get_currency_name
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.config import Settings, data_dir, default_database
from shopdesk.domain.errors import ShopDeskError
from shopdesk.ui.i18n import CHINESE, money_locale, ui_language
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets.form import Field

NEW_SHOP, DEMO, SERVER = range(3)
# The currencies most shops here sell in, first; babel names them in the person's language.
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "TWD", "KRW", "SGD", "AUD", "CAD", "CHF")
DEMO_FILE = "demo.sqlite"


def demo_database() -> Path:
    return data_dir() / DEMO_FILE


def create_shop(target: str, values: dict[str, Any]) -> None:
    """Create (and migrate) the shop's database and store what the person said about the shop."""
    from shopdesk.services.shop import Shop

    shop, _upgrade = Shop.open(target)
    try:
        for key, value in values.items():
            shop.set_setting(key, value)
    finally:
        shop.close()


def build_demo_shop(target: Path, products: int, orders: int, progress: Progress) -> None:
    """The demo shop in its own file; one built before is opened as it is."""
    from shopdesk.services.demo import build_demo
    from shopdesk.services.shop import Shop

    if target.exists():
        return
    part = target.with_name(target.name + ".part")  # a cancelled or failed build leaves no half demo behind
    part.unlink(missing_ok=True)
    shop, _upgrade = Shop.open(str(part))
    try:
        build_demo(
            shop,
            products=products,
            orders=orders,
            progress=lambda stage, done, total: progress(done, total, f"{stage}: {done}/{total}"),
        )
    finally:
        shop.close()
    part.replace(target)


def reach_server(url: str) -> str | None:
    """None when the server answers (with a ShopDesk shop or an empty database), else why not."""
    from shopdesk.services.shop import probe

    try:
        probe(url)
    except ShopDeskError as exc:
        return str(exc)
    return None


class WelcomeDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        demo_products: int = 300,
        demo_orders: int = 400,
    ):
        super().__init__(parent)
        self.settings = settings
        self.target: str | None = None  # the database to open, once accepted
        self.demo_products = demo_products
        self.demo_orders = demo_orders
        self.runner = TaskRunner(self)
        self.setWindowTitle(self.tr("Welcome to ShopDesk"))

        intro = QLabel(self.tr("There is no shop on this computer yet. How would you like to start?"))
        intro.setWordWrap(True)
        self.new_shop = QRadioButton(self.tr("Create a new shop"))
        self.demo = QRadioButton(self.tr("Open the demo shop, to look around first"))
        self.server = QRadioButton(self.tr("Connect to my shop's PostgreSQL server"))
        self.choice = QButtonGroup(self)
        for button, kind in ((self.new_shop, NEW_SHOP), (self.demo, DEMO), (self.server, SERVER)):
            self.choice.addButton(button, kind)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._new_shop_page())
        self.pages.addWidget(self._demo_page())
        self.pages.addWidget(self._server_page())

        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton(self.tr("Create the shop"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.new_shop, self.demo, self.server):
            layout.addWidget(button)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

        self.choice.idToggled.connect(self._choice_toggled)
        self.new_shop.setChecked(True)
        self._show_page()
        self.resize(560, self.sizeHint().height())

    # Pages --------------------------------------------------------------------------
    def _new_shop_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Lanlan's Tea House"))
        self.name_field = Field(self.name)
        self.currency = QComboBox()
        locale = money_locale(ui_language(self.settings.language))
        for code in CURRENCIES:
            self.currency.addItem(f"{code} — {get_currency_name(code, locale=locale)}", code)
        self.language = QComboBox()
        # Each language is named in itself, so a person can find theirs whatever is shown now.
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", CHINESE)
        self.language.setCurrentIndex(max(self.language.findData(self.settings.language), 0))
        self.sender_address = QPlainTextEdit()
        self.sender_address.setPlaceholderText(self.tr("Printed as the sender on shipping labels"))
        self.sender_address.setTabChangesFocus(True)
        self.sender_address.setFixedHeight(self.sender_address.fontMetrics().lineSpacing() * 4)
        self.valuation = QComboBox()
        self.valuation.addItem(self.tr("Moving average cost"), "average")
        self.valuation.addItem(self.tr("First in, first out (FIFO)"), "fifo")
        form.addRow(self.tr("Shop name"), self.name_field)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Sender address"), self.sender_address)
        form.addRow(self.tr("Stock valuation"), self.valuation)
        where = QLabel(self.tr("The shop is kept in {path}").format(path=default_database()))
        where.setWordWrap(True)
        form.addRow(where)
        return page

    def _demo_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        text = QLabel(
            self.tr(
                "A made-up shop with products, stock, customers and three months of orders and after-sales "
                "cases, kept apart from your own shop in {path}. Choose Settings → Database later to start "
                "your own shop."
            ).format(path=demo_database())
        )
        text.setWordWrap(True)
        box.addWidget(text)
        box.addStretch(1)
        return page

    def _server_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql+psycopg://user:password@server/shop")
        self.url_field = Field(self.url)
        self.test = QPushButton(self.tr("Test connection"))
        self.test.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        form.addRow(self.tr("Server URL"), self.url_field)
        form.addRow(self.test)
        form.addRow(self.test_result)
        self.url.textEdited.connect(lambda _text: self.test_result.clear())
        return page

    def _choice_toggled(self, _kind: int, checked: bool) -> None:
        if checked:
            self._show_page()

    def _show_page(self) -> None:
        kind = self.choice.checkedId()
        self.pages.setCurrentIndex(kind)
        self.go.setText(
            {NEW_SHOP: self.tr("Create the shop"), DEMO: self.tr("Open the demo"), SERVER: self.tr("Connect")}[kind]
        )

    # Actions ------------------------------------------------------------------------
    def start(self) -> None:
        """Set up the chosen shop in the background; the dialog accepts once it is there."""
        kind = self.choice.checkedId()
        if kind == NEW_SHOP:
            self._create()
        elif kind == DEMO:
            self._open_demo()
        else:
            self._connect()

    def _busy(self, busy: bool) -> None:
        for widget in (self.go, self.test, self.new_shop, self.demo, self.server, self.pages):
            widget.setEnabled(not busy)

    def _create(self) -> None:
        name = self.name.text().strip()
        self.name_field.show_messages([] if name else [self.tr("Enter the shop's name")])
        if not name:
            return
        values = {
            "name": name,
            "currency": self.currency.currentData(),
            "sender_address": self.sender_address.toPlainText().strip(),
            "valuation": self.valuation.currentData(),
        }
        target = str(default_database())
        self._busy(True)
        self.runner.run(
            self.tr("Creating the shop"),
            lambda _progress: create_shop(target, values),
            on_done=lambda _none: self._done(target, database="", language=self.language.currentData()),
            on_error=lambda _exc: self._busy(False),
            cancellable=False,
        )

    def _open_demo(self) -> None:
        target = demo_database()
        self._busy(True)
        self.runner.run(
            self.tr("Building the demo shop"),
            lambda progress: build_demo_shop(target, self.demo_products, self.demo_orders, progress),
            on_done=lambda _none: self._done(str(target), database=str(target)),
            on_error=lambda _exc: self._busy(False),
        )

    def _check_url(self) -> str | None:
        url = self.url.text().strip()
        ok = url.startswith(("postgresql://", "postgresql+psycopg://"))
        self.url_field.show_messages([] if ok else [self.tr("Enter a URL starting with postgresql+psycopg://")])
        return url if ok else None

    def test_connection(self) -> None:
        url = self._check_url()
        if url is None:
            return
        self._busy(True)
        self.test_result.setText(self.tr("Connecting…"))

        def tested(problem: str | None) -> None:
            self._busy(False)
            self.test_result.setText(problem or self.tr("Connected: the server answers."))

        self.runner.run(self.tr("Testing the connection"), lambda _p: reach_server(url), on_done=tested)

    def _connect(self) -> None:
        url = self._check_url()
        if url is None:
            return
        self._busy(True)
        self.test_result.setText(self.tr("Connecting…"))

        def reached(problem: str | None) -> None:
            if problem:
                self._busy(False)
                self.test_result.setText(problem)
            else:
                self._done(url, database=url)

        self.runner.run(self.tr("Connecting to the server"), lambda _p: reach_server(url), on_done=reached)

    def _done(self, target: str, *, database: str, language: str | None = None) -> None:
        self.settings.database = database
        if language is not None:
            self.settings.language = language
        self.settings.save()
        self.target = target
        self.accept()

    def done(self, result: int) -> None:
        self.runner.shutdown()  # a demo still building is cancelled: its .part file is not the demo
        super().done(result)
