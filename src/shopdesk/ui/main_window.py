"""The main window: a tab per area of the shop, menus, and the window layout remembered.

The window is shown before the database is open (opening imports SQLAlchemy
and may migrate the file), so ShopDesk appears at once; set_shop() then puts
the real tabs in. Tab modules are imported there too, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, QTranslator, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from shopdesk import __version__
from shopdesk.config import config_dir, log_dir
from shopdesk.ui.i18n import resources_dir
from shopdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop
    from shopdesk.ui.complaints.tab import ComplaintsTab
    from shopdesk.ui.customers.tab import CustomersTab
    from shopdesk.ui.dashboard.tab import DashboardTab
    from shopdesk.ui.orders.tab import OrdersTab
    from shopdesk.ui.products.tab import ProductsTab
    from shopdesk.ui.reports.tab import ReportsTab
    from shopdesk.ui.stock.tab import StockTab
    from shopdesk.ui.sync.controller import SyncController


def layout_store() -> QSettings:
    """Where window and column layouts are kept: next to settings.json, not in the registry."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def app_icon() -> QIcon:
    """ShopDesk's icon (a shopping bag with a check mark) in every size resources/icons/make_icons.py drew."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("shopdesk-*.png")):
        icon.addFile(str(png))
    return icon


class MainWindow(QMainWindow):
    first_painted = Signal()  # the window is on screen: slower work may start

    def __init__(self, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._painted = False
        self.language = language
        self.runner = TaskRunner(self)
        self.shop: Shop | None = None
        self.products: ProductsTab | None = None
        self.complaints: ComplaintsTab | None = None
        self.orders: OrdersTab | None = None
        self.stock: StockTab | None = None
        self.dashboard: DashboardTab | None = None
        self.customers: CustomersTab | None = None
        self.reports: ReportsTab | None = None
        self.sync: SyncController | None = None
        self.translators: list[QTranslator] = []  # installed for this window's language; removed when it ends
        self.setWindowTitle("ShopDesk")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._opening = QLabel()
        self._opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(self._opening, self.tr("Products"))
        self.where = QLabel()
        self.statusBar().addPermanentWidget(self.where)
        self._build_menus()
        store = layout_store()
        if not self.restoreGeometry(store.value("window/geometry", b"")):  # type: ignore[arg-type]
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width() * 9 // 10), min(800, screen.height() * 9 // 10))
        self.restoreState(store.value("window/state", b""))  # type: ignore[arg-type]

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings.triggered.connect(self.open_settings)
        file_menu.addAction(settings)
        from shopdesk.ui.admin.menu import AdminMenus  # File: backups, log out; a Shop menu: users, audit log

        self.admin = AdminMenus(self, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        logs = QAction(self.tr("Open the &log folder"), self)
        logs.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        help_menu.addAction(logs)
        about = QAction(self.tr("&About ShopDesk"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_opening(self, where: str) -> None:
        self._opening.setText(self.tr("Opening {where}…").format(where=where))
        self.where.setText(where)

    def _where(self, shop: Shop) -> str:
        """The open shop, and who is working in it when the shop has users: '… · 小李 (Warehouse staff)'."""
        from shopdesk.services.users import Users
        from shopdesk.ui.admin.users_dialog import role_names

        if not Users(shop).enabled():
            return shop.db.describe()
        return f"{shop.db.describe()} · {shop.user} ({role_names()[shop.role]})"

    def set_shop(self, shop: Shop) -> None:
        """Put the shop's tabs in the window, laid out as they were last time."""
        from shopdesk.ui.products.tab import ProductsTab

        self.shop = shop
        self.setWindowTitle(f"ShopDesk — {shop.setting('name')}")
        self.where.setText(self._where(shop))
        self.products = ProductsTab(shop, self.runner, self.language)
        self.products.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.removeTab(0)
        self.tabs.insertTab(0, self.products, self.tr("Products"))
        from shopdesk.ui.stock.tab import StockTab

        self.stock = StockTab(shop, self.runner, self.language)
        self.stock.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.insertTab(1, self.stock, self.tr("Stock"))
        self._opening.deleteLater()
        self._add_orders(shop)
        self._add_complaints(shop)
        self._add_dashboard(shop)
        self._add_customers(shop)
        self._add_reports(shop)
        self._add_sync(shop)
        store = layout_store()
        self.products.restore_layout(store)
        self.stock.restore_layout(store)
        self.tabs.setCurrentIndex(int(store.value("window/tab", 0)))  # type: ignore[call-overload]
        self.products.search.setFocus()

    def _add_orders(self, shop: Shop) -> None:
        """The Orders tab (订单), after Products and Stock."""
        from shopdesk.ui.orders.tab import OrdersTab

        tab = self.orders = OrdersTab(shop, self.runner, self.language)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.addTab(tab, self.tr("Orders"))
        tab.restore_layout(layout_store())

    def _add_complaints(self, shop: Shop) -> None:
        """The Complaints tab (售后/投诉), its title counting the cases that need attention."""
        from shopdesk.ui.complaints.tab import ComplaintsTab

        tab = self.complaints = ComplaintsTab(shop, self.runner, self.language)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.addTab(tab, tab.tab_title())
        tab.attention_changed.connect(lambda _count: self.tabs.setTabText(self.tabs.indexOf(tab), tab.tab_title()))
        tab.restore_layout(layout_store())

    def _add_dashboard(self, shop: Shop) -> None:
        """The Dashboard (首页), first: what needs doing today; its figures lead to the other tabs."""
        from shopdesk.ui.dashboard.tab import DashboardTab

        tab = self.dashboard = DashboardTab(shop, self.runner, self.language)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        tab.link_activated.connect(self.follow_link)
        self.tabs.insertTab(0, tab, self.tr("Dashboard"))

    def _add_customers(self, shop: Shop) -> None:
        """The Customers tab (客户), after the tabs of the daily work."""
        from shopdesk.ui.customers.tab import CustomersTab

        tab = self.customers = CustomersTab(shop, self.runner, self.language)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.addTab(tab, self.tr("Customers"))
        tab.restore_layout(layout_store())

    def _add_reports(self, shop: Shop) -> None:
        """The Reports tab (报表), last."""
        from shopdesk.ui.reports.tab import ReportsTab

        tab = self.reports = ReportsTab(shop, self.runner, self.language)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.tabs.addTab(tab, self.tr("Reports"))

    def _add_sync(self, shop: Shop) -> None:
        """Scheduled sync with the online stores, and its word in the status bar (hidden with no store)."""
        from shopdesk.ui.sync.controller import SyncController
        from shopdesk.ui.sync.indicator import SyncIndicator

        self.sync = SyncController(shop, self.runner, self)
        self.sync_indicator = SyncIndicator(self.sync)
        self.sync_indicator.clicked.connect(lambda: self.open_settings("channels"))
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.sync.orders_created.connect(lambda _numbers: self.orders.refresh() if self.orders is not None else None)
        self.sync.start()

    def follow_link(self, target: str, flt: dict) -> None:  # type: ignore[type-arg]
        """Show a tab filtered as a link asks (the Dashboard's figures): orders of a bucket, low stock,
        overdue cases, a product. A tab with `show_filtered(**flt)` takes the filter itself."""
        tab = {
            "orders": self.orders,
            "stock": self.stock,
            "complaints": self.complaints,
            "products": self.products,
            "customers": self.customers,
        }.get(target)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        show_filtered = getattr(tab, "show_filtered", None)
        if callable(show_filtered):
            show_filtered(**flt)
        elif tab is self.orders and self.orders is not None and "bucket" in flt:
            self.orders.select_bucket(flt["bucket"])
        elif tab is self.stock and self.stock is not None and "below_warning" in flt:
            self.stock.below_warning.setChecked(bool(flt["below_warning"]))
        elif tab is self.complaints and self.complaints is not None and "due" in flt:
            self.complaints.due.setCurrentIndex(max(self.complaints.due.findData(flt["due"]), 0))
        elif tab is self.products and self.products is not None and "text" in flt:
            self.products.search.setText(str(flt["text"]))
            self.products.apply_filters()

    def open_settings(self, page: str = "") -> None:
        from shopdesk.config import Settings
        from shopdesk.ui.settings.dialog import SettingsDialog

        open_file = self.shop.db.file if self.shop is not None else None
        dialog = SettingsDialog(Settings.load(), self, sync=self.sync, page=page or "", open_file=open_file)
        dialog.exec()
        dialog.deleteLater()  # its channels page listens to the sync controller: it goes with the dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ShopDesk"),
            self.tr(
                "ShopDesk {version}\nThe back office of a small shop: products, stock, orders and after-sales."
            ).format(version=__version__),
        )

    def close_shop(self) -> Shop | None:
        """Take the shop's tabs down, back to "Opening…", so that set_shop can put them up again
        (after a restore, or for the next person who logs in). Returns the shop, still open."""
        from PySide6.QtCore import QCoreApplication

        shop, self.shop = self.shop, None
        if shop is None:
            return None
        self.save_layout()
        self.runner.shutdown()  # no background work may end in a tab that is gone
        QCoreApplication.sendPostedEvents()
        if self.sync is not None:  # set_shop starts the shop's sync and its status-bar word again
            self.statusBar().removeWidget(self.sync_indicator)
            self.sync_indicator.deleteLater()
            self.sync.deleteLater()
            self.sync = None
        while self.tabs.count():
            tab = self.tabs.widget(0)
            self.tabs.removeTab(0)
            tab.deleteLater()
        self.products = self.stock = self.orders = self.complaints = None
        self.dashboard = self.customers = self.reports = None
        self._opening = QLabel(self.tr("Opening {where}…").format(where=shop.db.describe()))
        self._opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(self._opening, self.tr("Products"))
        self.setWindowTitle("ShopDesk")
        return shop

    def save_layout(self) -> None:
        store = layout_store()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/tab", self.tabs.currentIndex())
        if self.products is not None:
            self.products.save_layout(store)
        if self.complaints is not None:
            self.complaints.save_layout(store)
        if self.orders is not None:
            self.orders.save_layout(store)
        if self.stock is not None:
            self.stock.save_layout(store)
        if self.customers is not None:
            self.customers.save_layout(store)
        store.sync()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this paint has reached the screen

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.runner.shutdown()
        super().closeEvent(event)
