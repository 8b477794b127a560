"""One case: what it is about, the solution, returns and refunds, evidence, the timeline, and its next steps.

The step buttons stand in the order the process goes (confirm → investigate →
agree → start → await customer → close; reopen), and only the ones the case can
take now are enabled. Each action calls the after-sales service and then reads
the case again; `changed` tells the queue to read its rows again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.aftersales_returns import ACTING, TAKES_GOODS_BACK
from shopdesk.services.aftersales_views import CaseDetail
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.complaints import dialogs
from shopdesk.ui.complaints.labels import (
    ACTION,
    CHANNEL,
    CLASS,
    DISPOSITION,
    PRIORITY,
    SOLUTION,
    STATUS,
    label,
    step_note,
)
from shopdesk.ui.complaints.queue import when
from shopdesk.ui.widgets import file_dialogs
from shopdesk.ui.widgets.flow_layout import FlowLayout
from shopdesk.ui.widgets.money import MoneyFormat

_ACTING = {s.value for s in ACTING}
_TAKES_BACK = {s.value for s in TAKES_GOODS_BACK}


class CaseView(QWidget):
    changed = Signal(str)  # the case number, after any action

    def __init__(self, shop: Shop, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._money = money
        self.detail: CaseDetail | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.overdue = QLabel(self.tr("Overdue"))
        self.overdue.setStyleSheet("color: white; background: #c62828; padding: 1px 6px; border-radius: 3px;")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.goods = QLabel()
        self.goods.setWordWrap(True)
        self.return_window = QLabel()
        self.return_window.setWordWrap(True)
        self.solution = QLabel()
        self.solution.setWordWrap(True)
        self.money_back = QLabel()
        self.money_back.setWordWrap(True)
        self.followup = QLabel()
        self.followup.setWordWrap(True)
        self.evidence = QListWidget()
        self.evidence.setMaximumHeight(70)
        self.evidence.itemActivated.connect(lambda _item: self.open_evidence())
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Why / note")])
        self.timeline.setRootIsDecorated(False)

        steps = (
            ("confirm", self.tr("Confirm"), self.confirm),
            ("investigate", self.tr("Investigate"), self.investigate),
            ("agree", self.tr("Agree solution…"), self.agree),
            ("start", self.tr("Start"), self.start),
            ("await", self.tr("Await customer"), self.await_customer),
            ("resume", self.tr("Resume"), self.resume),
            ("close", self.tr("Close…"), self.close_case),
            ("reopen", self.tr("Reopen…"), self.reopen),
        )
        extras = (
            ("receive", self.tr("Receive return…"), self.receive_return),
            ("refund", self.tr("Refund…"), self.refund),
            ("escalate", self.tr("Escalate…"), self.escalate),
            ("comment", self.tr("Comment…"), self.comment),
            ("attach", self.tr("Attach files…"), self.attach),
        )
        self.buttons: dict[str, QPushButton] = {}
        # The buttons wrap onto more rows when the pane is narrow, rather than being cut off.
        step_row, extra_row = FlowLayout(), FlowLayout()
        for row, actions in ((step_row, steps), (extra_row, extras)):
            for key, text, slot in actions:
                button = QPushButton(text)
                button.clicked.connect(lambda _checked=False, act=slot: act())
                row.addWidget(button)
                self.buttons[key] = button

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.overdue, 0, Qt.AlignmentFlag.AlignTop)
        facts = QFormLayout()
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        facts.addRow(self.tr("About"), self.about)
        facts.addRow(self.tr("Customer says"), self.description)
        facts.addRow(self.tr("Goods"), self.goods)
        facts.addRow(self.tr("Return window"), self.return_window)
        facts.addRow(self.tr("Solution"), self.solution)
        facts.addRow(self.tr("Returns and refunds"), self.money_back)
        facts.addRow(self.tr("Follow-up (回访)"), self.followup)
        evidence = QGroupBox(self.tr("Evidence (double-click to open)"))
        QVBoxLayout(evidence).addWidget(self.evidence)
        grid = QGridLayout()
        grid.addLayout(facts, 0, 0)
        grid.addWidget(evidence, 1, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(step_row)
        layout.addLayout(extra_row)
        layout.addLayout(grid)
        layout.addWidget(self.timeline, 1)
        self.show_case(None)

    # Showing ----------------------------------------------------------------------------------
    def load(self, number: str | None) -> None:
        """Read the case again (or show nothing)."""
        if number is None:
            self.show_case(None)
            return
        try:
            self.show_case(self._shop.aftersales.get_case(number))
        except Exception as exc:
            errors.show_error(self, exc)

    def show_case(self, d: CaseDetail | None) -> None:
        self.detail = d
        for button in self.buttons.values():
            button.setEnabled(False)
        self.overdue.setVisible(bool(d and d.overdue))
        self.evidence.clear()
        self.timeline.clear()
        if d is None:
            self.title.setText(self.tr("Choose a case in the queue"))
            for field in (
                self.about,
                self.description,
                self.goods,
                self.return_window,
                self.solution,
                self.money_back,
                self.followup,
            ):
                field.clear()
            return
        self.title.setText(
            self.tr("{number} · {status} · {priority} · due {due} · owner {owner}").format(
                number=d.number,
                status=label(STATUS, d.status),
                priority=label(PRIORITY, d.priority),
                due=when(d.due_at),
                owner=d.owner or "—",
            )
        )
        self.about.setText(
            " · ".join(
                filter(
                    None,
                    (
                        label(CHANNEL, d.channel),
                        label(CLASS, d.case_class),
                        d.sub_reason,
                        self.tr("wants: {demand}").format(demand=label(SOLUTION, d.demand)) if d.demand else "",
                        d.customer_name,
                        d.order_number,
                    ),
                )
            )
        )
        self.description.setText(d.description)
        self.goods.setText("\n".join(f"{x.quantity} × {x.sku} {x.name}" for x in d.lines) or "—")
        if d.window is None:
            self.return_window.setText("—")
        elif d.window.within:
            self.return_window.setText(
                self.tr("day {day} of {days}: within").format(
                    day=d.window.days_since_delivery, days=d.window.window_days
                )
            )
        else:
            text = self.tr("day {day} of {days}: outside the window").format(
                day=d.window.days_since_delivery, days=d.window.window_days
            )
            self.return_window.setText(
                text + (self.tr(" — accepted: {why}").format(why=d.window_override) if d.window_override else "")
            )
        if d.solution_type:
            self.solution.setText(
                self.tr("{type} {amount}, by {owner}, deadline {deadline}").format(
                    type=label(SOLUTION, d.solution_type),
                    amount=self._money(d.solution_amount),
                    owner=d.solution_owner or "—",
                    deadline=when(d.solution_deadline),
                )
                + (f" — {d.solution_note}" if d.solution_note else "")
                + (
                    self.tr("; replacement order {number}").format(number=d.replacement_order)
                    if d.replacement_order
                    else ""
                )
            )
        else:
            self.solution.setText("—")
        back = [
            f"{r.quantity} × {r.sku} → {label(DISPOSITION, r.disposition)} ({self._money(r.value)})" for r in d.returns
        ]
        back += [
            self.tr("refund {amount} ({method}) {at}").format(
                amount=self._money(r.amount), method=r.method, at=when(r.refunded_at)
            )
            for r in d.refunds
        ]
        if d.order_number:
            back.append(
                self.tr("order paid {paid}, refunded {refunded}").format(
                    paid=self._money(d.paid_amount), refunded=self._money(d.refunded)
                )
            )
        self.money_back.setText("\n".join(back) or "—")
        if d.satisfaction is not None:
            self.followup.setText("★" * d.satisfaction + "☆" * (5 - d.satisfaction))
        elif d.no_followup_reason:
            self.followup.setText(self.tr("none: {why}").format(why=d.no_followup_reason))
        else:
            self.followup.setText(self.tr("reopened %n time(s)", "", d.reopen_count) if d.reopen_count else "—")
        for item in d.evidence:
            self.evidence.addItem(f"{item.filename}  ({item.size:,} B)")
        for e in d.timeline:
            if e.to_status:
                what = (
                    f"{label(STATUS, e.from_status or '')} → {label(STATUS, e.to_status)}"
                    if e.from_status
                    else label(STATUS, e.to_status)
                )
            else:
                what = label(ACTION, e.action)
            self.timeline.addTopLevelItem(QTreeWidgetItem([when(e.at), e.user, what, step_note(e.reason)]))
        for column in range(3):
            self.timeline.resizeColumnToContents(column)
        self._enable(d)

    def _enable(self, d: CaseDetail) -> None:
        nxt = set(d.next_statuses)
        status = d.status
        self.buttons["confirm"].setEnabled("confirmed" in nxt)
        self.buttons["investigate"].setEnabled("investigating" in nxt and status != "closed")
        self.buttons["agree"].setEnabled("solution_agreed" in nxt)
        self.buttons["start"].setEnabled(status == "solution_agreed")
        self.buttons["await"].setEnabled("awaiting_customer" in nxt)
        self.buttons["resume"].setEnabled(status == "awaiting_customer")
        self.buttons["close"].setEnabled("closed" in nxt)
        self.buttons["reopen"].setEnabled(status == "closed")
        acting = status in _ACTING
        self.buttons["receive"].setEnabled(acting and d.solution_type in _TAKES_BACK and bool(d.lines))
        self.buttons["refund"].setEnabled(acting and bool(d.order_number) and d.refundable > 0)
        self.buttons["escalate"].setEnabled(status != "closed")
        self.buttons["comment"].setEnabled(True)
        self.buttons["attach"].setEnabled(True)

    # Acting -------------------------------------------------------------------------------------
    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        if self.detail is None:
            return
        number = self.detail.number
        try:
            action(number)
        except Exception as exc:
            errors.show_error(self, exc)
        self.load(number)
        self.changed.emit(number)

    def _dialog(self, dialog: QDialog) -> None:
        if self.detail is None:
            return
        number = self.detail.number
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load(number)
            self.changed.emit(number)

    def confirm(self) -> None:
        self._run(self._shop.aftersales.confirm)

    def investigate(self) -> None:
        self._run(self._shop.aftersales.investigate)

    def start(self) -> None:
        self._run(self._shop.aftersales.start)

    def await_customer(self) -> None:
        self._run(self._shop.aftersales.await_customer)

    def resume(self) -> None:
        self._run(self._shop.aftersales.resume)

    def agree(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.SolutionDialog(self._shop, self.detail, self))

    def close_case(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.CloseDialog(self._shop, self.detail, self))

    def reopen(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.NoteDialog(self._shop, self.detail, self.tr("Reopen"), True, self))

    def comment(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.NoteDialog(self._shop, self.detail, self.tr("Comment"), False, self))

    def receive_return(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.ReturnDialog(self._shop, self.detail, self))

    def refund(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.RefundDialog(self._shop, self.detail, self))

    def escalate(self) -> None:
        if self.detail is not None:
            self._dialog(dialogs.EscalateDialog(self._shop, self.detail, self))

    def attach(self) -> None:
        if self.detail is None:
            return
        paths, _ = file_dialogs.getOpenFileNames(self, self.tr("Evidence files"), str(Path.home()))
        if paths:
            self._run(lambda number: self._shop.aftersales.add_evidence(number, [Path(p) for p in paths]))

    def open_evidence(self) -> None:
        """Open the chosen evidence file with the system's viewer (a copy, so the evidence stays as it was)."""
        row = self.evidence.currentRow()
        if self.detail is None or row < 0:
            return
        try:
            path = self._shop.aftersales.evidence_for_viewing(self.detail.number, self.detail.evidence[row].id)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
