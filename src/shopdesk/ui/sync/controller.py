"""Syncing with the online stores while the app is open: the schedule, "Sync now", and never two runs at once.

One SyncController per window. A run (all store channels, or one) goes to the
task runner without a progress dialog: the status-bar indicator says
"Syncing…" meanwhile, and a store that is down shows there as a problem
rather than in a dialog every few minutes; the next scheduled run tries
again. After a run that created orders, `orders_created` lets the lists
read themselves again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from shopdesk.services import sync_runs
from shopdesk.services.sync_runs import ChannelRun, SyncStatus
from shopdesk.ui.tasks import Progress, Task, TaskRunner

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

MINUTE_MS = 60_000


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    running_changed = Signal(bool)
    run_finished = Signal(object)  # list[ChannelRun]
    orders_created = Signal(list)  # our order numbers

    def __init__(self, shop: Shop, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.shop = shop
        self.runner = runner
        self.status: SyncStatus | None = None
        self.last_runs: list[ChannelRun] = []
        self._task: Task[list[ChannelRun]] | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.scheduled_run)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        """Read how syncing stands and follow the shop's interval; catch up at once when a sync is overdue."""
        self.refresh_status(catch_up=True)

    def refresh_status(self, *, catch_up: bool = False) -> None:
        """Read the channels and their problems again (after a change on the channels page, say)."""
        self.runner.run(
            self.tr("Reading the sales channels"),
            lambda _progress: sync_runs.sync_status(self.shop),
            on_done=lambda status: self._show_status(status, catch_up),
            cancellable=False,
            progress_dialog=False,
        )

    def set_interval(self, minutes: int) -> None:
        """Save the shop's interval and follow it from now on."""
        sync_runs.set_sync_interval(self.shop, minutes)
        self.refresh_status()

    def scheduled_run(self) -> None:
        """The timer's slot: a run of every store channel, unless one is running or there is none."""
        if self.status is None or self.status.channels == 0:
            return
        self.sync_now()

    def sync_now(self, channel: str | None = None) -> Task[list[ChannelRun]] | None:
        """Start a run of one channel or all; None when a run is going on already (it is not queued)."""
        if self._task is not None:
            return None

        def work(progress: Progress) -> list[ChannelRun]:
            if channel is not None:
                return [sync_runs.sync_channel(self.shop, channel)]
            return sync_runs.sync_all(self.shop, between=progress.check)

        task = self.runner.run(
            self.tr("Syncing with the online stores"),
            work,
            on_done=self._finished,
            cancellable=True,  # closing the window stops between channels
            progress_dialog=False,
        )
        self._task = task
        task.done.connect(self._ended)
        self.running_changed.emit(True)
        return task

    def _finished(self, runs: list[ChannelRun]) -> None:
        self.last_runs = runs
        created = [number for run in runs for number in run.created]
        self.run_finished.emit(runs)
        if created:
            self.orders_created.emit(created)

    def _ended(self) -> None:
        self._task = None
        self.running_changed.emit(False)
        self.refresh_status()

    def _show_status(self, status: SyncStatus, catch_up: bool) -> None:
        self.status = status
        interval_ms = status.interval_minutes * MINUTE_MS
        if status.channels and interval_ms:
            if self.timer.interval() != interval_ms or not self.timer.isActive():
                self.timer.start(interval_ms)
        else:
            self.timer.stop()
        self.status_changed.emit(status)
        if catch_up and status.channels and interval_ms and self._overdue(status):
            self.sync_now()

    @staticmethod
    def _overdue(status: SyncStatus) -> bool:
        if status.last_sync_at is None:
            return True
        return datetime.now(UTC) - status.last_sync_at >= timedelta(minutes=status.interval_minutes)
