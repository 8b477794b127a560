"""The scan field: a USB scanner types a fast burst of characters and Enter; Enter acts.

Scanners are keyboards, so the field is a line edit that acts on Enter (a
person may type a SKU and press Enter too). The field tells the two apart by
timing: keystrokes less than `BURST_GAP` apart, ending in Enter, came from a
scanner. Both are accepted; `scanned` says which it was. After each scan the
field is cleared for the next one, and the result is shown at once: a green
flash for a scan that counted, red and a beep for one that did not, with the
message next to the field, so the person holding the scanner knows without
reading.

A scanner's Enter must never reach the dialog around the field: QLineEdit
lets Enter go on after `returnPressed`, and a dialog presses its default
button (OK, Close) on Enter, so one scan would book a move or close the
packing table. `ScanLineEdit` keeps its Enter; every field that takes scans
is one.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QWidget

from shopdesk.ui.service_messages import translated

OK_STYLE = "background-color: #d9f2d9;"
FAILED_STYLE = "background-color: #f8d7da;"
BURST_GAP = 0.030  # seconds: no person types this fast, every scanner does
FLASH_MS = 800
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScanLineEdit(QLineEdit):
    """A line edit that acts on Enter (`returnPressed`) and keeps the Enter from its dialog's default button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in _ENTER_KEYS:
            event.accept()  # QLineEdit ignores it after returnPressed: the dialog would press OK


class ScanField(QWidget):
    """A line edit for scanners and typists.

    `scanned(code)` is emitted on Enter with what was scanned or typed (never
    empty); `by_scanner` says whether it came as a scanner's burst, and
    `entered(code, by_scanner)` carries both for screens that treat them apart.
    `clock` (seconds, monotonic) is injectable so tests control the timing.
    """

    scanned = Signal(str)
    entered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._clock = clock
        self._key_times: list[float] = []
        self.by_scanner = False  # how the last code came in
        self.edit = ScanLineEdit()
        self.edit.setPlaceholderText(self.tr("Scan a barcode or type a SKU, then Enter"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        # Room for two lines from the start: a refusal says what to do next, and a window does not grow to fit it.
        self.feedback.setMinimumHeight(2 * self.feedback.fontMetrics().lineSpacing() + 4)
        self.ok: bool | None = None  # the last scan's outcome, None before the first
        self._unflash = QTimer(self)
        self._unflash.setSingleShot(True)
        self._unflash.setInterval(FLASH_MS)
        self._unflash.timeout.connect(lambda: self.edit.setStyleSheet(""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.feedback, 3)
        self.edit.textEdited.connect(lambda _text: self.edit.setStyleSheet(""))

    def setFocus(self) -> None:  # type: ignore[override]
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _ENTER_KEYS:
                self._enter(self._clock())
                return True
            if event.text() and event.text().isprintable():
                self._key_times.append(self._clock())
            else:  # editing keys (Backspace, arrows): a person is at the keyboard
                self._key_times.clear()
        return super().eventFilter(watched, event)

    def _is_burst(self, code: str, enter_at: float) -> bool:
        times = [*self._key_times, enter_at]
        if len(self._key_times) < 2 or len(self._key_times) != len(code):
            return False  # one key, or text pasted or edited: not a scanner
        return all(later - earlier <= BURST_GAP for earlier, later in itertools.pairwise(times))

    def _enter(self, enter_at: float) -> None:
        code = self.edit.text().strip()
        self.by_scanner = self._is_burst(code, enter_at)
        self._key_times.clear()
        self.edit.clear()
        if code:
            self.entered.emit(code, self.by_scanner)
            self.scanned.emit(code)

    def flash(self, ok: bool) -> None:
        """Colour the field green (counted) or red with a beep (refused) for a moment."""
        self.ok = ok
        self.edit.setStyleSheet(OK_STYLE if ok else FAILED_STYLE)
        self._unflash.start()
        if not ok:
            QApplication.beep()

    def show_success(self, message: str) -> None:
        self.feedback.setStyleSheet("color: #1e7b34;")
        self.feedback.setText(message)
        self.flash(True)

    def show_failure(self, message: str) -> None:
        self.feedback.setStyleSheet("color: #b02a37; font-weight: bold;")
        self.feedback.setText(translated(message))
        self.flash(False)
