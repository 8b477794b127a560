"""The scan field tells a scanner's burst from a person typing, and flashes green or red with a beep."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopdesk.ui.stock.scan_field import FAILED_STYLE, OK_STYLE, ScanField


class Clock:
    """Each key press reads the clock once; `step` is how long the next key took."""

    def __init__(self, step: float):
        self.now = 100.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(0.005)


@pytest.fixture
def field(qtbot, clock) -> ScanField:
    widget = ScanField(clock=clock)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def entered(qtbot, field: ScanField, text: str) -> list[tuple[str, bool]]:
    got: list[tuple[str, bool]] = []
    field.entered.connect(lambda code, by_scanner: got.append((code, by_scanner)))
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    return got


def test_a_fast_burst_ending_in_enter_is_a_scan(qtbot, field) -> None:
    codes: list[str] = []
    field.scanned.connect(codes.append)
    assert entered(qtbot, field, "6901234567892") == [("6901234567892", True)]
    assert codes == ["6901234567892"] and field.by_scanner is True
    assert field.edit.text() == ""  # ready for the next one


def test_a_sku_typed_by_a_person_is_still_accepted_as_typed(qtbot, field, clock) -> None:
    clock.step = 0.180  # a quick typist is still far slower than a scanner
    codes: list[str] = []
    field.scanned.connect(codes.append)
    assert entered(qtbot, field, "MUG") == [("MUG", False)]
    assert codes == ["MUG"] and field.by_scanner is False


def test_a_burst_the_person_edited_before_enter_counts_as_typed(qtbot, field) -> None:
    qtbot.keyClicks(field.edit, "MUGX")
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert entered(qtbot, field, "") == [("MUG", False)]


def test_real_key_timing_tells_scanner_from_typist(qtbot) -> None:
    widget = ScanField()  # the real clock
    qtbot.addWidget(widget)
    widget.show()
    assert entered(qtbot, widget, "4006381333931") == [("4006381333931", True)]
    got: list[bool] = []
    widget.entered.connect(lambda _code, by_scanner: got.append(by_scanner))
    qtbot.keyClicks(widget.edit, "MUG", delay=80)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return, delay=80)
    assert got == [False]


def test_enter_on_an_empty_field_emits_nothing(qtbot, field) -> None:
    assert entered(qtbot, field, "   ") == []


def test_flash_is_green_on_success_and_red_with_a_beep_on_failure(qtbot, field, monkeypatch) -> None:
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    field.flash(True)
    assert field.edit.styleSheet() == OK_STYLE and field.ok is True and beeps == []
    qtbot.waitUntil(lambda: field.edit.styleSheet() == "", timeout=2000)  # a flash, not a state
    field.show_failure("Unknown code 6901234567892")
    assert field.edit.styleSheet() == FAILED_STYLE and field.ok is False and beeps == [True]
    assert field.feedback.text() == "Unknown code 6901234567892"
