"""Composition root of the desktop app: settings -> logging -> Qt -> window -> shop.

The window is shown first and the shop opened behind it, on the task runner:
opening imports SQLAlchemy and Alembic and may create or migrate the file,
which takes longer than showing a window. A database that cannot be opened
(not a ShopDesk file, written by a newer ShopDesk, an unreachable server)
is explained in a dialog, and the app then exits with status 1.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from shopdesk import __version__
from shopdesk.config import APP_NAME, Settings, first_run, log_dir, resolve_database
from shopdesk.domain.errors import ShopDeskError
from shopdesk.ui import errors
from shopdesk.ui.i18n import install_translations, remove_translations, ui_language
from shopdesk.ui.main_window import MainWindow, app_icon
from shopdesk.ui.tasks import Progress

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

log = logging.getLogger("shopdesk")
LOG_FILE = "shopdesk.log"
OPEN_AT_THE_LATEST_MS = 500
DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000  # an app left open over midnight makes the new day's backup within the hour


def run_gui(db_target: str | None, quit_after: float | None = None) -> int:
    """Open the app on a database (a path or URL; None: the settings, then the default file).

    With no shop yet (first_run), the welcome dialog asks for one first; closing it quits.
    quit_after closes the window that many seconds after the shop has opened (smoke tests).
    """
    if first_run(db_target):
        db_target = _welcome()
        if db_target is None:
            return 0
    app, window = start_gui(db_target, quit_after=quit_after)
    sys.excepthook = errors.excepthook
    previous = qInstallMessageHandler(_qt_message)
    try:
        return app.exec()
    finally:
        qInstallMessageHandler(previous)
        sys.excepthook = sys.__excepthook__
        window.hide()  # still shown when the shop could not be opened
        window.deleteLater()
        remove_translations(app, window.translators)
        if window.shop is not None:
            window.shop.close()


def _welcome() -> str | None:
    """The first-run dialog, in the language of the settings; the database it set up, or None."""
    from shopdesk.ui.welcome import WelcomeDialog

    settings = Settings.load()
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    translators = install_translations(app, ui_language(settings.language))
    try:
        dialog = WelcomeDialog(settings)
        accepted = dialog.exec() == WelcomeDialog.DialogCode.Accepted
        return dialog.target if accepted else None
    finally:
        remove_translations(app, translators)


def start_gui(db_target: str | None, *, quit_after: float | None = None) -> tuple[QApplication, MainWindow]:
    """Everything up to a shown main window; the shop opens in the background and then fills it."""
    settings = Settings.load()
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    language = ui_language(settings.language)
    translators = install_translations(app, language)
    target = resolve_database(db_target, settings)
    log.info("ShopDesk %s starting, language %s", __version__, language)

    window = MainWindow(language)
    window.translators = translators
    window.show_opening(target if "://" not in target else target.split("@")[-1])
    window.show()

    def opened(result: tuple[Shop, str | None]) -> None:
        shop, backup = result
        if not _log_in(shop, window):
            shop.close()
            window.close()  # the last window: the app quits
            return
        window.set_shop(shop)
        keep_daily_backups(window)
        if quit_after is not None:
            QTimer.singleShot(int(quit_after * 1000), window.close)
        if backup:
            window.statusBar().showMessage(
                QCoreApplication.translate("App", "Backed up the database before upgrading it: {path}").format(
                    path=backup
                )
            )

    def open_shop() -> None:
        if started:
            return
        started.append(True)
        window.runner.run(
            QCoreApplication.translate("App", "Opening the shop"),
            lambda progress: _open_shop(target, progress),
            on_done=opened,
            on_error=lambda _exc: app.exit(1),
            cancellable=False,
            progress_dialog=False,  # the Products tab says "Opening …" meanwhile, and the menus stay usable
        )

    # Opening loads SQLAlchemy on a worker thread, which would share the interpreter with the
    # first paint: start once the window is painted (or soon anyway, should it not be painted).
    started: list[bool] = []
    window.first_painted.connect(open_shop)
    at_the_latest = QTimer(window)
    at_the_latest.setSingleShot(True)
    at_the_latest.timeout.connect(open_shop)
    at_the_latest.start(OPEN_AT_THE_LATEST_MS)
    return app, window


def _open_shop(target: str, _progress: Progress) -> tuple[Shop, str | None]:
    from shopdesk.files import clean_staging
    from shopdesk.services import maintenance
    from shopdesk.services.shop import Shop  # SQLAlchemy and Alembic load here, after the window is up

    shop, upgrade = Shop.open(target)
    log.info("opened %s (schema %s)", shop.db.dialect, upgrade.to_revision if upgrade else "?")
    clean_staging()  # what a killed report or export left half-written
    try:
        if maintenance.daily_backup(shop.db, Settings.load().backups_kept) is not None:
            log.info("daily backup written")
    except ShopDeskError as exc:  # a full disk must not keep the shop closed; the log says why
        log.warning("daily backup failed: %s", exc)
    return shop, str(upgrade.backup) if upgrade and upgrade.backup else None


def keep_daily_backups(window: MainWindow) -> QTimer:
    """Check every hour, in the background, that today's backup of the open shop file exists."""
    timer = QTimer(window)
    timer.setInterval(DAILY_BACKUP_CHECK_MS)
    timer.timeout.connect(lambda: backup_today(window))
    timer.start()
    return timer


def backup_today(window: MainWindow) -> None:
    """Today's backup, if the shop open in the window has none yet; a failure is logged and said in the status bar."""
    from shopdesk.services import maintenance

    shop = window.shop
    if shop is None or shop.db.file is None:
        return
    db, keep = shop.db, Settings.load().backups_kept

    def work(_progress: Progress) -> tuple[object, str]:
        try:
            return maintenance.daily_backup(db, keep), ""
        except ShopDeskError as exc:  # a full disk: said once an hour in the status bar, never a dialog
            return None, str(exc)

    def done(result: tuple[object, str]) -> None:
        made, problem = result
        if problem:
            log.warning("daily backup failed: %s", problem)
            window.statusBar().showMessage(problem, 60_000)
        elif made is not None:
            log.info("daily backup written")

    window.runner.run(
        QCoreApplication.translate("App", "Daily backup"), work, on_done=done, cancellable=False, progress_dialog=False
    )


def _log_in(shop: Shop, window: MainWindow) -> bool:
    """With users switched on, ask who is working; False when they cancel."""
    from shopdesk.services.users import Users
    from shopdesk.ui.login import LoginDialog

    users = Users(shop)
    if not users.enabled():
        return True
    dialog = LoginDialog(users, window)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.user is None:
        return False
    shop.log_in(dialog.user.name, dialog.user.role)
    return True


def setup_logging() -> None:
    """A rotating log file in the data folder. Only what the app does goes in: never buyers' data."""
    path = log_dir() / LOG_FILE
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "shopdesk", False)]:
        root.removeHandler(handler)
        handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.shopdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)
