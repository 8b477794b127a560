"""Settings → Sales channels (销售渠道): the online stores, how often they sync, their log, their outbox, and
the store orders a sync could not import (to accept or leave out).

Adding a channel, retrying and dropping are quick database changes and happen
here at once (they are the shop's, not this computer's settings); testing the
connection and syncing talk to the store, so they run on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.sync import ChannelView, SyncService
from shopdesk.services.sync_runs import ChannelRun, pause_channel, remove_channel, sync_interval
from shopdesk.ui import errors
from shopdesk.ui.sync.add_channel import CHANNEL_TYPES, AddChannelDialog, NewKeyDialog
from shopdesk.ui.sync.controller import SyncController
from shopdesk.ui.sync.labels import LOG_ACTIONS, LOG_OUTCOMES, label, local_time
from shopdesk.ui.sync.order_problems import OrderProblemList
from shopdesk.ui.sync.outbox_list import OutboxList
from shopdesk.ui.tasks import Progress, TaskRunner


class ChannelsPage(QWidget):
    def __init__(self, controller: SyncController, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self._runner = runner
        self._service = SyncService(controller.shop)
        self.channels: list[ChannelView] = []

        self.interval = QSpinBox()
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setSpecialValueText(self.tr("off"))
        self.interval.setValue(sync_interval(controller.shop))
        self.interval.valueChanged.connect(self._interval_edited)  # saved as it changes, like the channels
        every = QHBoxLayout()
        every.addWidget(QLabel(self.tr("Sync orders and stock every")))
        every.addWidget(self.interval)
        every.addWidget(QLabel(self.tr("while ShopDesk is open (0 = off)")))
        every.addStretch(1)

        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Platform"),
                self.tr("Store URL"),
                self.tr("Buffer"),
                self.tr("Status"),
                self.tr("Last sync"),
                self.tr("Last error"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton(self.tr("Add channel…"))
        self.add_button.clicked.connect(self.add_channel)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.key_button = QPushButton(self.tr("New key…"))
        self.key_button.clicked.connect(self.new_key)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.test_button, self.sync_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.key_button, self.pause_button, self.remove_button):
            buttons.addWidget(button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.log = QTableWidget(0, 4)
        self.log.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Outcome"), self.tr("Detail")])
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().hide()
        self.log.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.outbox = OutboxList(self._service)
        self.outbox.changed.connect(self.controller.refresh_status)
        self.below = QTabWidget()
        self.below.addTab(self.log, self.tr("Sync log"))
        self.below.addTab(self.outbox, self.tr("Waiting to be sent"))
        self.order_problems = OrderProblemList(controller.shop)
        self.order_problems.decided.connect(self._order_decided)
        self.below.addTab(self.order_problems, self.tr("Orders not imported"))

        shared = QLabel(
            self.tr("Sales channels belong to the shop: changes here are saved at once, for every computer.")
        )
        shared.setWordWrap(True)
        shared.setEnabled(False)  # a quiet note, greyed like a hint
        layout = QVBoxLayout(self)
        layout.addWidget(shared)
        layout.addLayout(every)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addWidget(self.below, 3)

        # Bound methods, not lambdas: Qt drops these connections when the page is deleted with its dialog.
        controller.running_changed.connect(self._running_changed)
        controller.run_finished.connect(self._run_finished)
        self.reload()

    # Reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the channels, the selected one's log and the outbox again."""
        selected = self.selected()
        self.channels = [c for c in self._service.channels() if c.type != "file"]
        self.table.setRowCount(len(self.channels))
        for row, channel in enumerate(self.channels):
            cells = [
                channel.name,
                QCoreApplication.translate("SyncChannels", CHANNEL_TYPES.get(channel.type, channel.type)),
                channel.store_url,
                str(channel.buffer),
                self.tr("Active") if channel.status == "active" else self.tr("Paused"),
                local_time(channel.last_sync_at) or self.tr("never"),
                channel.last_error,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if column in (2, 6) else "")
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        names = [c.name for c in self.channels]
        if names:
            self.table.selectRow(names.index(selected.name) if selected and selected.name in names else 0)
        self._selection_changed()
        self.outbox.reload()
        waiting = len(self.outbox.items)
        self.below.setTabText(1, self.tr("Waiting to be sent ({count})").format(count=waiting))
        self.order_problems.reload()
        refused = len(self.order_problems.problems)
        self.below.setTabText(2, self.tr("Orders not imported ({count})").format(count=refused))

    def selected(self) -> ChannelView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.channels[rows[0].row()] if rows and rows[0].row() < len(self.channels) else None

    def _selection_changed(self) -> None:
        channel = self.selected()
        entries = self._service.sync_log(channel.name) if channel is not None else []
        self.log.setRowCount(len(entries))
        for row, (at, action, outcome, detail) in enumerate(entries):
            for column, text in enumerate(
                (local_time(at), label(LOG_ACTIONS, action), label(LOG_OUTCOMES, outcome), detail)
            ):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if column == 3 else "")
                self.log.setItem(row, column, cell)
        self.log.resizeColumnsToContents()
        self._enable()

    def _running_changed(self, _running: bool) -> None:
        self._enable()

    def _enable(self) -> None:
        channel = self.selected()
        chosen = channel is not None
        self.test_button.setEnabled(chosen)
        self.sync_button.setEnabled(chosen and not self.controller.running)
        for button in (self.key_button, self.pause_button, self.remove_button):
            button.setEnabled(chosen and not self.controller.running)
        self.pause_button.setText(self.tr("Resume") if channel and channel.status != "active" else self.tr("Pause"))

    # Acting ------------------------------------------------------------------------
    def add_channel(self) -> None:
        dialog = AddChannelDialog(self._service, self)
        added = dialog.added if dialog.exec() == AddChannelDialog.DialogCode.Accepted else None
        # Deleted here, on the GUI thread: a Python reference left to it must never delete it from a worker.
        dialog.deleteLater()
        if added is None:
            return
        self.reload()
        names = [c.name for c in self.channels]
        if added.name in names:
            self.table.selectRow(names.index(added.name))
        self.outcome.setText(
            self.tr("Added {name}. Test the connection to see that the store answers.").format(name=added.name)
        )
        self.controller.refresh_status()

    def test_connection(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        self.test_button.setEnabled(False)
        self.outcome.setText(self.tr("Asking {name}…").format(name=channel.name))

        def work(_progress: Progress) -> tuple[bool, str]:
            # A store that does not answer is an answer here, shown on the page: not an error dialog.
            try:
                return True, self._service.test_connection(channel.name)
            except ShopDeskError as exc:
                return False, str(exc)

        def done(result: tuple[bool, str]) -> None:
            answered, text = result
            if answered:
                text = self.tr("{name} answers: {answer}").format(name=channel.name, answer=text)
            self.outcome.setText(text)
            self.reload()

        self._runner.run(
            self.tr("Testing the connection"),
            work,
            on_done=done,
            on_error=lambda _exc: self.reload(),
            cancellable=False,
        )

    def sync_now(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        if self.controller.sync_now(channel.name) is None:
            self.outcome.setText(self.tr("A sync is running already; its result shows here when it ends."))
            return
        self.outcome.setText(self.tr("Syncing {name}…").format(name=channel.name))

    def _order_decided(self, channel: str) -> None:
        """Sync the channel at once: the decided order is imported or passed, and its cursor moves on."""
        self.reload()
        self.controller.refresh_status()
        if self.controller.sync_now(channel) is None:
            self.outcome.setText(self.tr("Decided. The next sync of {name} acts on it.").format(name=channel))
        else:
            self.outcome.setText(self.tr("Decided. Syncing {name}…").format(name=channel))

    def new_key(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        dialog = NewKeyDialog(self.controller.shop, channel.name, self)
        accepted = dialog.exec() == NewKeyDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.outcome.setText(self.tr("{name} has its new key. Test the connection.").format(name=channel.name))
            self.reload()

    def pause_or_resume(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        self._change(lambda: pause_channel(self.controller.shop, channel.name, channel.status == "active"))

    def remove(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove {name}").format(name=channel.name),
            self.tr(
                "Remove {name}? Its key, its sync log and its changes waiting to be sent go; "
                "the orders it brought stay."
            ).format(name=channel.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change(lambda: remove_channel(self.controller.shop, channel.name))

    def _change(self, act: Callable[[], None]) -> None:
        try:
            act()
        except Exception as exc:  # not allowed for this role, or a fault
            errors.show_error(self, exc)
        self.reload()
        self.controller.refresh_status()

    def _run_finished(self, runs: list[ChannelRun]) -> None:
        self.outcome.setText("\n".join(self.run_text(run) for run in runs))
        self.reload()

    def run_text(self, run: ChannelRun) -> str:
        if run.error:
            return self.tr("{name}: {error}").format(name=run.channel, error=run.error)
        text = self.tr("{name}: {new} new order(s), {known} known, {waiting} waiting for SKU links").format(
            name=run.channel, new=len(run.created), known=run.already, waiting=run.waiting
        )
        if run.not_stored:
            text += self.tr(", {count} not stored (see the log)").format(count=run.not_stored)
        if run.sent or run.retrying or run.dead:
            text += self.tr("; sent {sent}, {retrying} to retry, {dead} not sent").format(
                sent=run.sent, retrying=run.retrying, dead=run.dead
            )
        return text

    def _interval_edited(self) -> None:
        minutes = self.interval.value()
        if minutes == sync_interval(self.controller.shop):
            return
        try:
            self.controller.set_interval(minutes)
        except Exception as exc:  # a clerk may not change shop settings
            errors.show_error(self, exc)
            self.interval.setValue(sync_interval(self.controller.shop))
