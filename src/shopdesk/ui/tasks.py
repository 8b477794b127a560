"""Work that takes longer than a blink runs here: off the GUI thread, with progress and cancel.

One runner for the whole app (imports, exports, reports, opening the
database). The work function runs on a worker thread and gets a Progress;
it never touches widgets. Its result, its failure or its cancellation comes
back to the GUI thread through signals. The progress dialog appears only if
the work is still running after SHOW_AFTER_MS, so quick work never flashes
a dialog. Failures are reported in one way, through ui.errors.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.ui import errors

T = TypeVar("T")
SHOW_AFTER_MS = 500
REPORT_EVERY_S = 0.05


class TaskCancelled(Exception):
    """Raised inside the work by Progress once the person pressed Cancel."""


class Progress:
    """What the work function gets: report how far it is, and learn that it should stop.

    It is also a `progress(done, total)` callback as services take one: called
    after Cancel, it raises TaskCancelled, so a service loop stops there and
    its unit of work rolls back.
    """

    def __init__(self, signals: _Signals):
        self._signals = signals
        self._cancel = threading.Event()
        self._last_report = 0.0

    def __call__(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        # A loop over 100,000 rows may call this for each row: the GUI hears of it 20 times a second.
        if text or done >= total or now - self._last_report >= REPORT_EVERY_S:
            self._last_report = now
            self._signals.progressed.emit(done, total, text)
        self.check()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Worker(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress, signals: _Signals):
        super().__init__()
        self.setAutoDelete(False)  # the Task keeps it; Qt must not delete what Python still holds
        self._work = work
        self._progress = progress
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except TaskCancelled:
            self._signals.cancelled.emit()
        except BaseException as exc:
            # A service's own "stopped" error after Cancel is a cancellation, not a failure.
            if self._progress.is_cancelled() and isinstance(exc, ShopDeskError):
                self._signals.cancelled.emit()
            else:
                self._signals.failed.emit(exc, traceback.format_exc())
        else:
            self._signals.succeeded.emit(result)


class Task(QObject, Generic[T]):
    """One piece of running work. `done` is emitted on the GUI thread when it ends, however it ends."""

    done = Signal()

    def __init__(
        self,
        title: str,
        work: Callable[[Progress], T],
        parent_widget: QWidget | None,
        *,
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
        cancellable: bool,
        progress_dialog: bool = True,
    ):
        super().__init__(parent_widget)
        self.title = title
        self.result: T | None = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.finished = False
        self._parent_widget = parent_widget
        self._on_done = on_done
        self._on_error = on_error
        self._cancellable = cancellable
        self._progress_dialog = progress_dialog
        self._signals = _Signals()
        self.progress = Progress(self._signals)
        self._last: tuple[int, int, str] = (0, 0, "")
        self.dialog: QProgressDialog | None = None
        self._signals.progressed.connect(self._progressed)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self._signals.cancelled.connect(self._cancelled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._worker = _Worker(work, self.progress, self._signals)

    def cancel(self) -> None:
        if self._cancellable and not self.finished:
            self.progress.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.tr("Cancelling…"))
                self.dialog.setCancelButton(None)  # type: ignore[arg-type]

    def _start(self, pool: QThreadPool) -> None:
        if self._progress_dialog:
            self._timer.start(SHOW_AFTER_MS)
        pool.start(self._worker)

    def _show_dialog(self) -> None:
        if self.finished:
            return
        dialog = QProgressDialog(self.title, self.tr("Cancel") if self._cancellable else "", 0, 0, self._parent_widget)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not self._cancellable:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self._progressed(*self._last)
        dialog.show()

    def _progressed(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if text and not self.progress.is_cancelled():
            self.dialog.setLabelText(text)

    def _end(self) -> None:
        self.finished = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _succeeded(self, result: T) -> None:
        self._end()
        self.result = result
        if self._on_done is not None:
            self._on_done(result)
        self.done.emit()

    def _failed(self, exc: BaseException, details: str) -> None:
        self._end()
        self.error = exc
        dialog = errors.show_error(self._parent_widget, exc, details)
        if self._on_error is not None:
            on_error = self._on_error
            dialog.finished.connect(lambda _result: on_error(exc))
        self.done.emit()

    def _cancelled(self) -> None:
        self._end()
        self.was_cancelled = True
        self.done.emit()


class TaskRunner(QObject):
    """Starts Tasks on a thread pool of its own and keeps them alive until they end."""

    def __init__(self, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._running: set[Task[Any]] = set()

    def run(
        self,
        title: str,
        work: Callable[[Progress], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        cancellable: bool = True,
        progress_dialog: bool = True,
    ) -> Task[T]:
        """Run work(progress) in the background; on_done(result) runs on the GUI thread.

        A failure is shown by ui.errors (a clear message for ShopDeskError, the crash
        dialog for anything else); on_error(exc) runs once that dialog is closed.
        progress_dialog=False is for work whose progress the window shows itself.
        """
        task: Task[T] = Task(
            title,
            work,
            self._parent_widget,
            on_done=on_done,
            on_error=on_error,
            cancellable=cancellable,
            progress_dialog=progress_dialog,
        )
        self._running.add(task)
        task.done.connect(lambda: self._running.discard(task))
        task._start(self._pool)
        return task

    def running(self) -> list[Task[Any]]:
        return list(self._running)

    def shutdown(self, wait_ms: int = 10_000) -> bool:
        """Ask every task to stop and wait for the workers; True if they all ended."""
        for task in list(self._running):
            task.cancel()
        return self._pool.waitForDone(wait_ms)
