"""Settings of this computer: where the shop's database is, and the language. Both apply on restart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.config import MAX_BACKUPS_KEPT, Settings, default_database
from shopdesk.ui.settings.aftersales import AftersalesPage
from shopdesk.ui.settings.orders import OrderSettingsPage
from shopdesk.ui.settings.printing import PrintingPage
from shopdesk.ui.settings.stock import StockSettingsPage
from shopdesk.ui.tasks import TaskRunner
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.form import Field

if TYPE_CHECKING:
    from shopdesk.ui.sync.controller import SyncController

DEFAULT, SQLITE_FILE, SERVER = range(3)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        sync: SyncController | None = None,
        page: str = "",
        open_file: Path | None = None,
    ):
        """With the shop open (`sync`), more pages show its sales channels and its after-sales settings;
        page="channels", "aftersales", "orders" or "stock" opens on one. open_file is the shop file open in the
        window: when --db or SHOPDESK_DB chose another one than the setting, the page says so."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))

        self.use_default = QRadioButton(self.tr("The shop file on this computer"))
        self.use_file = QRadioButton(self.tr("Another shop file (SQLite)"))
        self.use_server = QRadioButton(self.tr("A PostgreSQL server, shared by several computers"))
        self.kind = QButtonGroup(self)
        for button, kind in ((self.use_default, DEFAULT), (self.use_file, SQLITE_FILE), (self.use_server, SERVER)):
            self.kind.addButton(button, kind)
        default_path = QLabel(str(default_database()))
        default_path.setIndent(24)
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("shop.sqlite"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        file_box = QWidget()
        file_box.setLayout(file_row)
        self.file_field = Field(file_box)
        self.url = QLineEdit()
        self.url.setPlaceholderText("postgresql+psycopg://user:password@server/shop")
        self.url_field = Field(self.url)
        for field in (self.file_field, self.url_field):  # under their choice, like its description
            field.layout().setContentsMargins(24, 0, 0, 0)

        database = QGroupBox(self.tr("Database"))
        box = QVBoxLayout(database)
        self.open_elsewhere = QLabel()
        self.open_elsewhere.setWordWrap(True)
        self.open_elsewhere.setStyleSheet("color: #8a5a00;")
        configured = settings.database.strip() or str(default_database())
        if open_file is not None and (
            "://" in configured or open_file.resolve() != Path(configured).expanduser().resolve()
        ):
            self.open_elsewhere.setText(
                self.tr(
                    "Open in this window: {file}, named on the command line (--db) or in SHOPDESK_DB. "
                    "What you choose here is the shop ShopDesk opens when it is started without them."
                ).format(file=open_file)
            )
            box.addWidget(self.open_elsewhere)
        box.addWidget(self.use_default)
        box.addWidget(default_path)
        box.addWidget(self.use_file)
        box.addWidget(self.file_field)
        box.addWidget(self.use_server)
        box.addWidget(self.url_field)

        self.language = QComboBox()
        # Each language is named in itself, so a person can find theirs whatever is shown now.
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.backups_kept = QSpinBox()
        self.backups_kept.setRange(1, MAX_BACKUPS_KEPT)
        self.backups_kept.setSuffix(self.tr(" days"))
        self.backups_kept.setToolTip(self.tr("A shop file is backed up the first time it is opened each day"))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Daily backups kept"), self.backups_kept)
        self.runner = TaskRunner(self)
        self.printing = PrintingPage(settings, self.runner)

        note = QLabel(self.tr("Changes take effect the next time ShopDesk starts."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        computer = QWidget()
        layout = QVBoxLayout(computer)
        layout.addWidget(database)
        layout.addLayout(form)
        layout.addWidget(self.printing)
        layout.addWidget(note)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(computer, self.tr("This computer"))
        self.channels = None
        if sync is not None:  # the shop's own settings: its online stores (销售渠道), saved as they change
            from shopdesk.ui.sync.channels_page import ChannelsPage

            self.channels = ChannelsPage(sync, self.runner)
            self.pages.addTab(self.channels, self.tr("Sales channels"))
            if page == "channels":
                self.pages.setCurrentWidget(self.channels)
        self.aftersales: AftersalesPage | None = None
        if sync is not None:  # the shop's after-sales settings (售后设置), saved with Save for every computer
            self.aftersales = AftersalesPage(sync.shop)
            self.pages.addTab(self.aftersales, self.tr("After-sales"))
            if page == "aftersales":
                self.pages.setCurrentWidget(self.aftersales)
        self.orders: OrderSettingsPage | None = None
        if sync is not None:  # the shop's review rules (审单规则) and shipping choices, saved with Save
            self.orders = OrderSettingsPage(sync.shop)
            self.pages.addTab(self.orders, self.tr("Orders"))
            if page == "orders":
                self.pages.setCurrentWidget(self.orders)
        self.stock: StockSettingsPage | None = None
        if sync is not None:  # the shop's stock settings (库存设置): reorder window, negative stock, valuation
            self.stock = StockSettingsPage(sync.shop)
            self.pages.addTab(self.stock, self.tr("Stock"))
            if page == "stock":
                self.pages.setCurrentWidget(self.stock)
        self.pages.tabBar().setVisible(self.pages.count() > 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        outer.addWidget(buttons)

        self._show(settings)
        self.kind.idToggled.connect(lambda _id, _on: self._enable())
        self._enable()
        self.resize(560 if sync is None else 900, self.sizeHint().height())

    def _show(self, settings: Settings) -> None:
        where = settings.database.strip()
        if not where:
            self.use_default.setChecked(True)
        elif "://" in where:
            self.use_server.setChecked(True)
            self.url.setText(where)
        else:
            self.use_file.setChecked(True)
            self.file.setText(where)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.backups_kept.setValue(settings.backups_kept)

    def _enable(self) -> None:
        self.file_field.setEnabled(self.kind.checkedId() == SQLITE_FILE)
        self.url.setEnabled(self.kind.checkedId() == SERVER)

    def _browse(self) -> None:
        path, _chosen = file_dialogs.getSaveFileName(
            self,
            self.tr("Shop file"),
            self.file.text() or str(default_database().parent),
            self.tr("ShopDesk database (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # choosing an existing shop file opens it
        )
        if path:
            self.file.setText(path)

    def save(self) -> None:
        kind = self.kind.checkedId()
        file_problems: list[str] = []
        url_problems: list[str] = []
        database = ""
        if kind == SQLITE_FILE:
            database = self.file.text().strip()
            if not database:
                file_problems.append(self.tr("Choose the shop file"))
            elif not Path(database).expanduser().parent.is_dir():
                file_problems.append(self.tr("This folder does not exist"))
        elif kind == SERVER:
            database = self.url.text().strip()
            if not database.startswith(("postgresql://", "postgresql+psycopg://")):
                url_problems.append(self.tr("Enter a URL starting with postgresql+psycopg://"))
        self.file_field.show_messages(file_problems)
        self.url_field.show_messages(url_problems)
        if file_problems or url_problems:
            self.pages.setCurrentIndex(0)
            return
        if self.aftersales is not None and not self.aftersales.save():
            self.pages.setCurrentWidget(self.aftersales)
            return
        if self.orders is not None and not self.orders.save():
            self.pages.setCurrentWidget(self.orders)
            return
        if self.stock is not None and not self.stock.save():
            self.pages.setCurrentWidget(self.stock)
            return
        self.settings.database = database
        self.settings.language = self.language.currentData()
        self.settings.backups_kept = self.backups_kept.value()
        self.printing.apply(self.settings)
        self.settings.save()
        self.accept()
