"""What waits to be sent to the stores, and what could not be sent (the dead letters), to retry or drop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.sync import SyncService
from shopdesk.services.sync_runs import OutboxLine, outbox_lines
from shopdesk.ui import errors
from shopdesk.ui.sync.labels import KINDS, STATES, label, local_time


class OutboxList(QWidget):
    """Pending and dead outbox items, dead first; Retry and Drop act on the selected dead items."""

    changed = Signal()  # an item was retried or dropped

    def __init__(self, service: SyncService, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.items: list[OutboxLine] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Channel"),
                self.tr("What"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("Next try"),
                self.tr("Last error"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.drop_button = QPushButton(self.tr("Drop…"))
        self.drop_button.clicked.connect(self.drop_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.drop_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        shop = self._service.shop
        dead, pending = outbox_lines(shop, "dead"), outbox_lines(shop, "pending")
        self.items = dead + pending  # what needs the person first
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [
                item.channel,
                f"{label(KINDS, item.kind)} #{item.id}",
                label(STATES, item.state),
                str(item.attempts),
                local_time(item.next_attempt_at) if item.state == "pending" else "",
                item.last_error,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setToolTip(text if column == 5 else "")
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self._enable()

    def selected_dead(self) -> list[OutboxLine]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[r] for r in rows if self.items[r].state == "dead"]

    def _enable(self) -> None:
        dead = bool(self.selected_dead())
        self.retry_button.setEnabled(dead)
        self.drop_button.setEnabled(dead)

    def retry_selected(self) -> None:
        self._each(self._service.retry, self.selected_dead())

    def drop_selected(self) -> None:
        chosen = self.selected_dead()
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Drop changes"),
            self.tr(
                "Drop {count} change(s) for the store? They will not be sent: the store keeps what it shows now."
            ).format(count=len(chosen)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._each(self._service.drop, chosen)

    def _each(self, act, chosen: list[OutboxLine]) -> None:  # type: ignore[no-untyped-def]
        try:
            for item in chosen:
                act(item.id)
        except Exception as exc:  # another computer retried it meanwhile, or a fault
            errors.show_error(self, exc)
        self.reload()
        self.changed.emit()
