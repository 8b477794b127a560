"""Showing errors: expected ones as a clear message, unexpected ones logged and copyable.

A ShopDeskError is written for the person using the app: it is shown in a
plain message box (in the UI's language where service_messages knows its
words), and not treated as a fault. Anything else is a bug: its traceback
goes to the log file and into a dialog with a Copy button, so it can be
sent to whoever looks after the shop's ShopDesk.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk import __version__
from shopdesk.config import log_file
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.ui.service_messages import translated

log = logging.getLogger(__name__)
MAX_PROBLEMS_SHOWN = 20
_open: set[QDialog] = set()


def show_error(parent: QWidget | None, exc: BaseException, details: str | None = None) -> QDialog:
    """Open the right dialog for an error (window-modal, not blocking); returns it."""
    if isinstance(exc, ShopDeskError):
        # Expected: the message is the whole story. Its text may name products, so only the kind is logged.
        log.info("shown to the user: %s", type(exc).__name__)
        dialog: QDialog = _message_box(parent, exc)
    else:
        details = details or "".join(traceback.format_exception(exc))
        log.error("unexpected error\n%s", details)
        dialog = CrashDialog(parent, details)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Without a parent nothing else holds the dialog: it would vanish with the last Python reference.
    _open.add(dialog)
    dialog.finished.connect(lambda _result: _open.discard(dialog))
    dialog.open()
    return dialog


def _message_box(parent: QWidget | None, exc: ShopDeskError) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QApplication.translate("Errors", "ShopDesk"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(exc, ValidationFailed):
        box.setText(translated(exc.headline))
        shown = [translated(str(p)) for p in exc.problems[:MAX_PROBLEMS_SHOWN]]
        if len(exc.problems) > MAX_PROBLEMS_SHOWN:
            shown.append(QApplication.translate("Errors", "… and {n} more").format(n=len(exc.problems) - len(shown)))
        box.setInformativeText("\n".join(shown))
    else:
        box.setText(translated(str(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


class CrashDialog(QDialog):
    """Something went wrong that ShopDesk did not expect: say so, and make the details easy to pass on."""

    def __init__(self, parent: QWidget | None, details: str):
        import platform  # only when something broke: not worth loading at every start

        super().__init__(parent)
        self.setWindowTitle(self.tr("ShopDesk ran into a problem"))
        self.details = f"ShopDesk {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}\n\n{details}"
        intro = QLabel(
            self.tr(
                "Something went wrong that ShopDesk did not expect. Check whether what you just did "
                "was done before you try it again.\n"
                "The details below were written to the log. Copy them and send them to "
                "whoever looks after your ShopDesk."
            )
        )
        intro.setWordWrap(True)
        text = QPlainTextEdit(self.details)
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button = QPushButton(self.tr("Open the log file"))
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.log_button.clicked.connect(self.open_log)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def open_log(self) -> bool:
        """Show the log file in the system's text viewer (it holds no buyers' data)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file())))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


_showing = False


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: an exception escaping a slot gets the same treatment as in a task."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    details = "".join(traceback.format_exception(kind, exc, tb))
    if _showing:  # an error while showing an error: the log is all that is left
        log.error("unexpected error while showing another\n%s", details)
        return
    _showing = True
    try:
        show_error(QApplication.activeWindow(), exc, details)
    finally:
        _showing = False
