"""The Orders tab's way to marketplace files: Import orders… and Unmatched SKUs (N).

Kept apart from ui/orders/tab.py so the tab only places the two actions; the
count of unmatched SKUs is read again whenever the tab refreshes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from shopdesk.domain.permissions import Permission
from shopdesk.services.channels import unmatched_skus
from shopdesk.services.shop import Shop


class OrderImportActions(QObject):
    """`message` carries the one-line outcome for the status bar."""

    message = Signal(str)

    def __init__(self, shop: Shop, tab: QWidget, on_changed: Callable[[], None]):
        super().__init__(tab)
        self._shop = shop
        self._tab = tab
        self._on_changed = on_changed
        self.unmatched_count = 0
        self.import_action = QAction(self.tr("Import orders…"), tab)
        self.import_action.setToolTip(self.tr("Taobao/Tmall or Pinduoduo export, or another system's order file"))
        self.import_action.setEnabled(shop.can(Permission.WORK_ORDERS))
        self.unmatched_action = QAction(self.tr("Unmatched SKUs"), tab)
        self.unmatched_action.setToolTip(self.tr("Channel SKUs no product has: their orders wait for a link"))
        for action, slot in ((self.import_action, self.import_orders), (self.unmatched_action, self.show_unmatched)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            tab.addAction(action)
        self.count_unmatched()

    @property
    def actions(self) -> tuple[QAction, QAction]:
        return self.import_action, self.unmatched_action

    def count_unmatched(self) -> None:
        """Unmatched SKUs (N) when orders wait for links; the plain words when none do."""
        self.unmatched_count = len(unmatched_skus(self._shop))
        self.unmatched_action.setText(
            self.tr("Unmatched SKUs (%n)", "", self.unmatched_count)
            if self.unmatched_count
            else self.tr("Unmatched SKUs")
        )

    def import_orders(self) -> None:
        from shopdesk.ui.orders.import_dialog import ImportOrdersDialog

        dialog = ImportOrdersDialog(self._shop, self._tab)
        dialog.exec()
        result = dialog.imported
        dialog.deleteLater()
        if result is not None:
            self._on_changed()
            self.message.emit(self.tr("Imported %n order(s)", "", len(result.created)))
        self.count_unmatched()

    def show_unmatched(self) -> None:
        from shopdesk.ui.orders.unmatched import UnmatchedDialog

        dialog = UnmatchedDialog(self._shop, self._tab)
        dialog.exec()
        created = [n for r in dialog.linked for n in r.created]
        dialog.deleteLater()
        if created:
            self._on_changed()
            self.message.emit(self.tr("Linked SKUs: %n order(s) created", "", len(created)))
        self.count_unmatched()
