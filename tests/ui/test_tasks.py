"""The task runner: progress only after half a second, errors shown one way, cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from shopdesk.domain.errors import ShopDeskError
from shopdesk.ui.errors import CrashDialog
from shopdesk.ui.tasks import SHOW_AFTER_MS, Progress


def open_dialogs(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_quick_work_finishes_without_a_progress_dialog(qtbot, runner) -> None:
    results = []
    task = runner.run("Counting", lambda progress: 6 * 7, on_done=results.append)
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    qtbot.wait(SHOW_AFTER_MS + 200)  # past the moment a dialog would have appeared
    assert results == [42]
    assert task.dialog is None and open_dialogs(QProgressDialog) == []


def test_slow_work_shows_progress_after_half_a_second_and_closes_it_when_done(qtbot, runner) -> None:
    release = threading.Event()

    def slow(progress: Progress) -> str:
        progress(3, 10, "Reading row 3")
        release.wait(10)
        return "done"

    task = runner.run("Importing products", slow)
    assert task.dialog is None  # not straight away: quick work must not flash a dialog
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: task.dialog.value() == 3, timeout=20_000)
    assert (task.dialog.maximum(), task.dialog.labelText()) == (10, "Reading row 3")
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.result == "done"
    assert open_dialogs(QProgressDialog) == []


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot, runner) -> None:
    never = threading.Event()
    reached = []
    done = []

    def long_loop(progress: Progress) -> None:
        for n in range(1000):
            progress(n, 1000)
            reached.append(n)
            never.wait(0.01)

    task = runner.run("Exporting", long_loop, on_done=done.append)
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=20_000)
    [cancel] = task.dialog.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    assert task.was_cancelled and done == []
    assert len(reached) < 1000
    assert open_dialogs(QProgressDialog) == []


def test_an_expected_error_is_shown_as_its_message_and_then_reported_back(qtbot, runner) -> None:
    def fail(_progress: Progress) -> None:
        raise ShopDeskError("The file products.xlsx is open in Excel; close it and try again.")

    failures = []
    task = runner.run("Exporting", fail, on_error=failures.append)
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    [box] = open_dialogs(QMessageBox)
    assert box.text() == "The file products.xlsx is open in Excel; close it and try again."
    assert open_dialogs(CrashDialog) == []
    assert failures == []  # on_error waits for the person to close the message
    box.accept()
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=20_000)
    assert isinstance(task.error, ShopDeskError)


def test_an_unexpected_error_gets_the_crash_dialog_with_the_traceback(qtbot, runner) -> None:
    def broken(_progress: Progress) -> None:
        {}["missing"]

    task = runner.run("Reporting", broken)
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
    [dialog] = open_dialogs(CrashDialog)
    assert "KeyError: 'missing'" in dialog.details
    assert "in broken" in dialog.details
    dialog.reject()


def test_work_whose_progress_the_window_shows_itself_gets_no_dialog(qtbot, runner) -> None:
    release = threading.Event()
    task = runner.run("Opening the shop", lambda progress: release.wait(10), progress_dialog=False)
    qtbot.wait(SHOW_AFTER_MS + 300)
    assert task.dialog is None and open_dialogs(QProgressDialog) == []
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=20_000)
