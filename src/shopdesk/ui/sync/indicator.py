"""The status bar's word on syncing: "Sync: 3 min ago", "Syncing…", "Sync: 2 problems"; a click opens the channels.

Hidden while the shop has no online store: a shop that works offline sees nothing of sync.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QToolButton, QWidget

from shopdesk.services.sync_runs import SyncStatus
from shopdesk.ui.sync.controller import MINUTE_MS, SyncController


class SyncIndicator(QToolButton):
    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.setToolTip(self.tr("Sales channels: click to see them"))
        self.hide()
        controller.status_changed.connect(self._status_changed)
        controller.running_changed.connect(self._status_changed)
        self._clock = QTimer(self)  # "3 min ago" grows older without asking the database
        self._clock.timeout.connect(self.show_state)
        self._clock.start(MINUTE_MS)

    def _status_changed(self, _what: object) -> None:
        self.show_state()

    def show_state(self) -> None:
        status = self.controller.status
        self.setVisible(status is not None and status.channels > 0)
        if status is None:
            return
        self.setText(self.text_for(status, self.controller.running))
        details = status.problems[:10]
        if status.interval_minutes == 0:
            details.append(self.tr("Scheduled sync is off."))
        self.setToolTip("\n".join(details) or self.tr("Sales channels: click to see them"))

    def text_for(self, status: SyncStatus, running: bool) -> str:
        if running:
            return self.tr("Syncing…")
        if status.problems:
            count = len(status.problems)
            # Spelled out rather than %n: the English plural forms live in the translation files.
            if count == 1:
                return self.tr("Sync: 1 problem")
            return self.tr("Sync: {count} problems").format(count=count)
        if status.last_sync_at is None:
            return self.tr("Sync: not yet")
        minutes = int((datetime.now(UTC) - status.last_sync_at).total_seconds() // 60)
        if minutes < 1:
            return self.tr("Sync: just now")
        if minutes < 120:
            return self.tr("Sync: {minutes} min ago").format(minutes=minutes)
        return self.tr("Sync: {time}").format(time=status.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M"))
