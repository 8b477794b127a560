"""File menu: back the shop up now, restore it from a backup, open the daily backups folder.

A shop on a PostgreSQL server is backed up with the server's own tools (pg_dump),
so for it these say so and offer no file restore. Restoring replaces the shop file:
the window takes its tabs down and closes the database first (an open connection
would keep reading the replaced file), and opens the shop again afterwards, so
every tab shows the restored data, whether the restore worked or was refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.files import check_writable
from shopdesk.services import maintenance
from shopdesk.ui import errors
from shopdesk.ui.admin.session import log_in_again
from shopdesk.ui.tasks import Progress
from shopdesk.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop
    from shopdesk.ui.main_window import MainWindow


@dataclass(frozen=True)
class Restored:
    """What the restore task hands back to the window: the reopened shop, and how it went."""

    shop: Shop
    kept: Path | None  # the copy of what the restore replaced
    refused: ShopDeskError | None  # the backup was not restored (not ShopDesk, damaged, newer)


def proposed_backup_name(today: date | None = None) -> str:
    return f"shopdesk-{today or date.today():%Y-%m-%d}.sqlite"


class BackupActions(QObject):
    """The File menu's backup actions, working on the window's shop through the services."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def _on_server(self, shop: Shop) -> bool:
        """True (after saying so) when the shop is on a PostgreSQL server: no file to copy there."""
        if shop.db.file is not None:
            return False
        QMessageBox.information(
            self.window,
            self.tr("Backups"),
            self.tr(
                "This shop is on a PostgreSQL server ({server}). Back it up and restore it on the server "
                "with the server's own tools (pg_dump and pg_restore), or ask whoever looks after the server."
            ).format(server=shop.db.describe()),
        )
        return True

    def back_up_now(self) -> None:
        """Ask where, then copy the shop file there in the background (safe while the shop is in use)."""
        shop = self.window.shop
        if shop is None or self._on_server(shop):
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _chosen = file_dialogs.getSaveFileName(
            self.window,
            self.tr("Back up the shop"),
            str(Path(folder) / proposed_backup_name()),
            self.tr("ShopDesk backup (*.sqlite);;All files (*)"),
        )
        if not path:
            return
        target = shop.db.url

        def work(_progress: Progress) -> Path:
            try:
                return maintenance.backup(target, check_writable(Path(path)))
            except ShopDeskError as exc:  # a read-only folder, a full disk, a stick pulled out
                raise ShopDeskError(
                    self.tr(
                        "The backup was not made. {reason}\n\nChoose a folder you may write in, on a disk with free space."
                    ).format(reason=exc)
                ) from exc

        def done(made: Path) -> None:
            QMessageBox.information(
                self.window,
                self.tr("Backed up"),
                self.tr("The shop was backed up to:\n{path}\n\nKeep a copy away from this computer too.").format(
                    path=made
                ),
            )

        self.window.runner.run(self.tr("Backing up the shop"), work, on_done=done, cancellable=False)

    def restore(self) -> None:
        """Replace the shop with a backup the person chooses, after saying what will happen; owners only."""
        shop = self.window.shop
        if shop is None:
            return
        try:
            shop.require(Permission.MANAGE_SHOP, "restore the shop from a backup")
        except ShopDeskError as exc:
            errors.show_error(self.window, exc)
            return
        if self._on_server(shop):
            return
        current = shop.db.file
        assert current is not None
        start = maintenance.daily_backup_folder(shop.db) or current.parent
        path, _chosen = file_dialogs.getOpenFileName(
            self.window,
            self.tr("Restore from a backup"),
            str(start if start.is_dir() else current.parent),
            self.tr("ShopDesk backup (*.sqlite *.db);;All files (*)"),
        )
        if not path:
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace the shop's data with the backup\n{backup}?\n\n"
                "Everything in {current} is replaced by what the backup holds: work entered after the "
                "backup was made is no longer shown.\n\n"
                "A copy of the current data is kept first, in {folder}, named "
                "{stem}.before-restore-<date>-<time>.sqlite.\n\nShopDesk reopens the shop afterwards."
            ).format(backup=path, current=current, folder=current.parent, stem=current.stem),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._restore_and_reopen(Path(path))

    def _restore_and_reopen(self, source: Path) -> None:
        old = self.window.close_shop()
        assert old is not None
        target, user, role = old.db.url, old.user, old.role
        old.close()

        def work(_progress: Progress) -> Restored:
            from shopdesk.services.shop import Shop

            kept, refused = None, None
            try:
                kept = maintenance.restore(target, source)
            except ShopDeskError as exc:  # refused before anything was replaced: reopen the shop as it was
                refused = exc
            shop, _upgrade = Shop.open(target, user=user)  # an older backup is upgraded (and backed up) here
            return Restored(shop, kept, refused)

        def done(result: Restored) -> None:
            if result.refused is not None:  # the same data, so the same person goes on working
                result.shop.log_in(user, role)
                self.window.set_shop(result.shop)
                errors.show_error(self.window, result.refused)
                return
            if not log_in_again(self.window, result.shop):  # the restored data has its own people
                return
            self.window.set_shop(result.shop)
            self.window.statusBar().showMessage(self.tr("Restored {backup}").format(backup=source), 10_000)
            QMessageBox.information(
                self.window,
                self.tr("Restored"),
                self.tr("The shop was restored from\n{backup}\n\nThe data it replaced was kept as\n{kept}").format(
                    backup=source, kept=result.kept or self.tr("(there was none)")
                ),
            )

        self.window.runner.run(self.tr("Restoring the shop"), work, on_done=done, cancellable=False)

    def open_backups_folder(self) -> None:
        """Show the folder of the automatic daily backups in the system's file manager."""
        shop = self.window.shop
        if shop is None or self._on_server(shop):
            return
        folder = maintenance.daily_backup_folder(shop.db)
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
