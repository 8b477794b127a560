"""A search field that filters as you type, and acts on Enter (a barcode scanner types and presses Enter).

The Enter stays in the field: a scan into a dialog must never press its Save or OK."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

# Short enough to feel instant, long enough that a scanner's burst of keys costs one query.
DEBOUNCE_MS = 120


class SearchField(QLineEdit):
    """Emits search_changed once typing pauses, and at once on Enter; Esc clears, Down moves on."""

    search_changed = Signal(str)
    entered = Signal(str)
    down_pressed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._emitted = ""
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._enter)

    def _emit(self) -> None:
        self._timer.stop()
        if self.text() != self._emitted:
            self._emitted = self.text()
            self.search_changed.emit(self._emitted)

    def _enter(self) -> None:
        self._emit()
        self.entered.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._emit()
        elif event.key() == Qt.Key.Key_Down:
            self._emit()
            self.down_pressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)  # returnPressed: the field acts on its text
            event.accept()  # and the key stops here: in a dialog it would click the default button (Save, OK)
        else:
            super().keyPressEvent(event)
