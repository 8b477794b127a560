"""Expected errors are a clear message; anything else is logged and shown with copyable details."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from shopdesk.domain.errors import Conflict, Problem, ValidationFailed
from shopdesk.ui import errors
from shopdesk.ui.errors import CrashDialog, show_error


def test_a_shopdesk_error_is_shown_as_written_and_not_logged_as_a_fault(qtbot, caplog) -> None:
    with caplog.at_level(logging.INFO):
        box = show_error(None, Conflict("Product TS-001 was changed by someone else; reopen it to see the changes."))
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "Product TS-001 was changed by someone else; reopen it to see the changes."
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "TS-001" not in caplog.text  # messages may name what the person works on; the log keeps only the kind


def test_every_problem_of_a_failed_validation_is_listed(qtbot) -> None:
    problems = [Problem(f"row {n}", "price is not a number", "abc") for n in range(1, 26)]
    box = show_error(None, ValidationFailed(problems, "The file has 25 bad rows; nothing was imported"))
    qtbot.addWidget(box)
    assert box.text() == "The file has 25 bad rows; nothing was imported"
    lines = box.informativeText().splitlines()
    assert lines[0] == "row 1: price is not a number (found: 'abc')"
    assert lines[-1] == "… and 5 more"


def test_an_unexpected_error_is_logged_and_its_details_can_be_copied(qtbot, caplog) -> None:
    try:
        [][1]
    except IndexError as exc:
        dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CrashDialog)
    assert "IndexError: list index out of range" in caplog.text
    assert "ShopDesk 0." in dialog.details and "IndexError" in dialog.details
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details


def test_an_exception_escaping_a_slot_reaches_the_same_dialog(qtbot) -> None:
    try:
        raise RuntimeError("a bug in a button handler")
    except RuntimeError:
        errors.excepthook(*sys.exc_info())
    [dialog] = [w for w in qtbot_top_levels() if isinstance(w, CrashDialog)]
    assert "RuntimeError: a bug in a button handler" in dialog.details
    dialog.close()


def qtbot_top_levels():
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]
