"""The admin actions in the main window's menus: backups and logging out in File, people and the audit log in Shop.

The admin modules are imported when an action runs: the window shows before SQLAlchemy loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from shopdesk.ui.admin.backups import BackupActions
    from shopdesk.ui.main_window import MainWindow


class AdminMenus(QObject):
    """File: Back up now…, Restore from backup…, Backups folder, Log out / switch user…; Shop: Users…, Audit log…"""

    def __init__(self, window: MainWindow, file_menu: QMenu):
        super().__init__(window)
        self.window = window
        self._backups: BackupActions | None = None
        file_menu.addSeparator()
        self.backup = self._add(file_menu, self.tr("&Back up now…"), lambda: self.backups().back_up_now())
        self.restore = self._add(file_menu, self.tr("&Restore from backup…"), lambda: self.backups().restore())
        self.backups_folder = self._add(
            file_menu, self.tr("Backups &folder"), lambda: self.backups().open_backups_folder()
        )
        file_menu.addSeparator()
        self.switch_user = self._add(file_menu, self.tr("&Log out / switch user…"), self._switch_user)
        self.switch_user.setVisible(False)  # only once the shop has users
        file_menu.aboutToShow.connect(self.update_actions)
        shop_menu = window.menuBar().addMenu(self.tr("&Shop"))
        self.users = self._add(shop_menu, self.tr("&Users…"), self._users)
        self.audit_log = self._add(shop_menu, self.tr("&Audit log…"), self._audit_log)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot() if self.window.shop is not None else None)
        menu.addAction(action)
        return action

    def backups(self) -> BackupActions:
        from shopdesk.ui.admin.backups import BackupActions

        if self._backups is None:
            self._backups = BackupActions(self.window)
        return self._backups

    def update_actions(self) -> None:
        from shopdesk.ui.admin.session import users_are_on

        self.switch_user.setVisible(users_are_on(self.window))

    def _switch_user(self) -> None:
        from shopdesk.ui.admin.session import switch_user

        switch_user(self.window)

    def _users(self) -> None:
        from shopdesk.ui.admin.users_dialog import open_users

        assert self.window.shop is not None
        open_users(self.window.shop, self.window)

    def _audit_log(self) -> None:
        from shopdesk.ui.admin.audit_log import open_audit_log

        assert self.window.shop is not None
        open_audit_log(self.window.shop, self.window.runner, self.window.language, self.window)
