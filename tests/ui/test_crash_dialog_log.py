"""The crash dialog offers the log file that holds the details."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from shopdesk.config import log_file
from shopdesk.ui.errors import CrashDialog


def test_the_crash_dialog_opens_the_log_file(qtbot, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = CrashDialog(None, "Traceback: something broke")
    qtbot.addWidget(dialog)
    dialog.log_button.click()
    assert opened == [str(log_file())]
