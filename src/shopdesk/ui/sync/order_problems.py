"""Store orders a sync could not import (another currency...): the shop accepts or skips each one.

Until then the channel's pulls stop before the order (services/sync_problems.py);
after a decision the page syncs the channel again, which moves past it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from shopdesk.services.shop import Shop
from shopdesk.services.sync_problems import ACCEPT, SKIP, OrderProblem, decide, open_problems
from shopdesk.ui import errors
from shopdesk.ui.sync.labels import local_time


class OrderProblemList(QWidget):
    """The open problems of every channel, oldest first; Accept and Skip act on the selected one."""

    decided = Signal(str)  # the channel whose order was decided: sync it to move on

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.problems: list[OrderProblem] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Channel"), self.tr("Store order"), self.tr("Changed"), self.tr("Why it was not imported")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.accept_button = QPushButton(self.tr("Import as it is"))
        self.accept_button.setToolTip(
            self.tr("An order in another currency keeps its amounts in that currency; nothing is converted")
        )
        self.accept_button.clicked.connect(lambda: self.decide_selected(ACCEPT))
        self.skip_button = QPushButton(self.tr("Leave out…"))
        self.skip_button.clicked.connect(lambda: self.decide_selected(SKIP))
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.problems = open_problems(self._shop)
        self.table.setRowCount(len(self.problems))
        for row, problem in enumerate(self.problems):
            for column, text in enumerate(
                (problem.channel, problem.order, local_time(problem.modified), problem.problem)
            ):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if column == 3 else "")
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self._enable()

    def selected(self) -> OrderProblem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.problems[rows[0].row()] if rows and rows[0].row() < len(self.problems) else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.accept_button.setEnabled(chosen)
        self.skip_button.setEnabled(chosen)

    def decide_selected(self, decision: str) -> None:
        problem = self.selected()
        if problem is None:
            return
        if decision == SKIP:
            answer = QMessageBox.question(
                self,
                self.tr("Leave out an order"),
                self.tr("Leave out order {order} of {channel} for good? It will not be imported.").format(
                    order=problem.order, channel=problem.channel
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            decide(self._shop, problem.channel, problem.order, decision)
        except Exception as exc:  # a role that may not enter orders, or decided on another computer meanwhile
            errors.show_error(self, exc)
            self.reload()
            return
        self.reload()
        self.decided.emit(problem.channel)
