"""The scan field: a USB scanner types a fast burst of characters and Enter; Enter acts.

Scanners are keyboards, so the field is a line edit that acts on Enter (a
person may type a SKU and press Enter too). After each scan the field is
cleared for the next one, and the result is shown at once: green for a
scan that counted, red and a beep for one that did not, with the message
next to the field, so the person holding the scanner knows without reading.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QWidget

OK_STYLE = "background-color: #d9f2d9;"
FAILED_STYLE = "background-color: #f8d7da;"


class ScanField(QWidget):
    """`scanned(code)` is emitted on Enter with what was typed or scanned (never empty)."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Scan a barcode or type a SKU, then Enter"))
        self.edit.setClearButtonEnabled(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.ok: bool | None = None  # the last scan's outcome, None before the first
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.feedback, 3)
        self.edit.returnPressed.connect(self._enter)
        self.edit.textEdited.connect(lambda _text: self.edit.setStyleSheet(""))

    def setFocus(self) -> None:  # type: ignore[override]
        self.edit.setFocus()

    def _enter(self) -> None:
        code = self.edit.text().strip()
        self.edit.clear()
        if code:
            self.scanned.emit(code)

    def show_success(self, message: str) -> None:
        self.ok = True
        self.edit.setStyleSheet(OK_STYLE)
        self.feedback.setStyleSheet("color: #1e7b34;")
        self.feedback.setText(message)

    def show_failure(self, message: str) -> None:
        self.ok = False
        self.edit.setStyleSheet(FAILED_STYLE)
        self.feedback.setStyleSheet("color: #b02a37; font-weight: bold;")
        self.feedback.setText(message)
        QApplication.beep()
