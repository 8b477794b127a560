"""The case actions that need a few answers: agree a solution, receive a return, refund, escalate, close, note.

Each dialog calls one after-sales service; a refusal (a refund above what was
paid, more units back than were shipped, a closing without follow-up) is shown
inside the dialog, which stays open with what was typed, and nothing changes.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.aftersales import Closing
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.aftersales import Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.aftersales_views import CaseDetail
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.complaints.labels import DISPOSITION, PRIORITY, SOLUTION, choices
from shopdesk.ui.service_messages import error_text
from shopdesk.ui.widgets.form import FieldMessage

REFUND_METHODS = ("original", "alipay", "wechat", "cash", "transfer")


def refusal_text(exc: ShopDeskError) -> str:
    """What the service said, with every problem of a ValidationFailed on its own line."""
    return error_text(exc)


class CaseDialog(QDialog):
    """A form, a line saying what was refused, OK and Cancel; `act()` does the work."""

    def __init__(self, shop: Shop, detail: CaseDetail, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.detail = detail
        self.setWindowTitle(f"{title} — {detail.number}")
        self.form = QFormLayout()
        self.message = FieldMessage()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def amount(self, text: str) -> int:
        try:
            return parse_amount(text.strip() or "0", self._shop.money.exponent)
        except ValueError:
            raise ShopDeskError(self.tr("Enter an amount like 25.00")) from None

    def money(self, minor: int) -> str:
        return format_plain(minor, self._shop.money.exponent)

    def act(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.act()
        except ShopDeskError as exc:
            self.message.show_messages([refusal_text(exc)])
            return
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.accept()


class SolutionDialog(CaseDialog):
    """处理方案: type, amount, responsible person (责任人) and deadline (处理时限)."""

    def __init__(self, shop: Shop, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(shop, detail, self.tr("Agree a solution"), parent)
        self.type = QComboBox()
        for text, value in choices(SOLUTION):
            self.type.addItem(text, value)
        self.type.setCurrentIndex(max(self.type.findData(detail.demand or detail.solution_type), 0))
        goods = sum(line.unit_net * line.quantity for line in detail.lines)
        self.amount_edit = QLineEdit(self.money(min(goods, detail.refundable) if detail.order_number else 0))
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(detail.owner or self.tr("the case's owner"))
        self.has_deadline = QCheckBox(self.tr("Own deadline (else the case's due time)"))
        self.deadline = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(detail.due_at.timestamp())))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")  # as dates are shown everywhere else, in any locale
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. coupon 20 off, courier picks up on Tuesday"))
        self.override = QLineEdit()
        self.form.addRow(self.tr("Solution"), self.type)
        self.form.addRow(self.tr("Amount"), self.amount_edit)
        self.form.addRow(self.tr("Responsible person"), self.owner)
        self.form.addRow(self.has_deadline, self.deadline)
        self.form.addRow(self.tr("Note"), self.note)
        if detail.window is not None and not detail.window.within:
            warning = QLabel(
                self.tr("Day {day} after delivery, outside the {days}-day return window.").format(
                    day=detail.window.days_since_delivery, days=detail.window.window_days
                )
            )
            warning.setStyleSheet("color: #b26a00;")
            self.override.setPlaceholderText(self.tr("why a return is accepted anyway"))
            self.form.addRow(warning)
            self.form.addRow(self.tr("Override"), self.override)

    def act(self) -> None:
        deadline = None
        if self.has_deadline.isChecked():
            deadline = datetime.fromtimestamp(self.deadline.dateTime().toSecsSinceEpoch()).astimezone()
        solution = Solution(
            self.type.currentData(), self.amount(self.amount_edit.text()), self.owner.text(), deadline, self.note.text()
        )
        self._shop.aftersales.agree_solution(self.detail.number, solution, window_override=self.override.text())


PRODUCT_WIDTH = 320  # at most this much of the Return dialog's width is kept for the product's name


class ReturnDialog(CaseDialog):
    """Returned goods received and inspected: how many of each line, and where they go."""

    def __init__(self, shop: Shop, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(shop, detail, self.tr("Receive returned goods"), parent)
        self.table = QTableWidget(len(detail.lines), 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Product"), self.tr("Shipped / back"), self.tr("Units back"), self.tr("Goes to")]
        )
        self.units: list[QSpinBox] = []
        self.where: list[QComboBox] = []
        for row, line in enumerate(detail.lines):
            self.table.setItem(row, 0, QTableWidgetItem(str(line.line_no)))
            product = QTableWidgetItem(f"{line.sku} {line.name}")
            product.setToolTip(product.text())
            self.table.setItem(row, 1, product)
            self.table.setItem(row, 2, QTableWidgetItem(f"{line.qty_shipped} / {line.qty_returned}"))
            units = QSpinBox()
            units.setRange(0, 1_000_000)
            units.setValue(line.quantity)
            where = QComboBox()
            for text, value in choices(DISPOSITION):
                if value != "lost":
                    where.addItem(text, value)
            self.table.setCellWidget(row, 3, units)
            self.table.setCellWidget(row, 4, where)
            self.units.append(units)
            self.where.append(where)
        self._fit_table()
        self.lost = QCheckBox(self.tr("The parcel never arrived: close these units as lost"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("what inspection found"))
        self.form.addRow(self.table)
        self.form.addRow(self.tr("Inspection"), self.note)
        self.form.addRow(self.lost)
        self.lost.toggled.connect(self._lost_toggled)

    def _fit_table(self) -> None:
        """Open wide enough for every column: the units back and where they go are never behind a scroll bar;
        the product takes the width left over (a very long name is shortened, whole in its tooltip)."""
        table = self.table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        product = header.sectionSize(1)
        table.setMinimumWidth(
            header.length()
            - product
            + min(product, PRODUCT_WIDTH)
            + table.verticalHeader().sizeHint().width()
            + table.verticalScrollBar().sizeHint().width()
            + 2 * table.frameWidth()
        )
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _lost_toggled(self, lost: bool) -> None:
        for where in self.where:  # lost goods go nowhere
            where.setEnabled(not lost)

    def act(self) -> None:
        items = [
            ReturnLine(line.line_no, units.value(), where.currentData(), note=self.note.text())
            for line, units, where in zip(self.detail.lines, self.units, self.where, strict=True)
            if units.value()
        ]
        if self.lost.isChecked():
            self._shop.aftersales.close_return_as_lost(self.detail.number, items)
        else:
            self._shop.aftersales.receive_return(self.detail.number, items)


class RefundDialog(CaseDialog):
    """Money back on the order: never more than was paid, less earlier refunds."""

    def __init__(self, shop: Shop, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(shop, detail, self.tr("Refund"), parent)
        this_case = sum(r.amount for r in detail.refunds)
        suggested = min(max(0, detail.solution_amount - this_case), detail.refundable)
        self.amount_edit = QLineEdit(self.money(suggested))
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(REFUND_METHODS)
        self.reason = QLineEdit()
        paid = QLabel(
            self.tr("Paid {paid}, refunded {refunded}: at most {left} {currency}").format(
                paid=self.money(detail.paid_amount),
                refunded=self.money(detail.refunded),
                left=self.money(detail.refundable),
                currency=detail.currency,
            )
        )
        self.form.addRow(paid)
        self.form.addRow(self.tr("Amount"), self.amount_edit)
        self.form.addRow(self.tr("Method"), self.method)
        self.form.addRow(self.tr("Reason"), self.reason)

    def act(self) -> None:
        self._shop.aftersales.refund(
            self.detail.number,
            self.amount(self.amount_edit.text()),
            self.method.currentText(),
            reason=self.reason.text(),
        )


class EscalateDialog(CaseDialog):
    """Raise the priority (a new due time from now) and/or hand the case to someone else."""

    def __init__(self, shop: Shop, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(shop, detail, self.tr("Escalate"), parent)
        self.priority = QComboBox()
        for text, value in choices(PRIORITY):
            self.priority.addItem(text, value)
        self.priority.setCurrentIndex(max(self.priority.findData(detail.priority), 0))
        self.owner = QLineEdit(detail.owner)
        self.reason = QLineEdit()
        self.form.addRow(self.tr("Priority"), self.priority)
        self.form.addRow(self.tr("Owner"), self.owner)
        self.form.addRow(self.tr("Reason"), self.reason)

    def act(self) -> None:
        priority = self.priority.currentData()
        owner = self.owner.text().strip()
        self._shop.aftersales.escalate(
            self.detail.number,
            priority=None if priority == self.detail.priority else priority,
            owner=None if owner == self.detail.owner else owner,
            reason=self.reason.text(),
        )


class CloseDialog(CaseDialog):
    """结案: the result told to the customer, and the follow-up (回访) score or why there is none."""

    def __init__(self, shop: Shop, detail: CaseDetail, parent: QWidget | None = None):
        super().__init__(shop, detail, self.tr("Close the case"), parent)
        self.told = QPlainTextEdit()
        self.told.setPlaceholderText(self.tr("what the customer was told"))
        self.told.setFixedHeight(70)
        self.followed_up = QRadioButton(self.tr("Follow-up done (回访), satisfaction:"))
        self.score = QComboBox()
        self.score.addItem(self.tr("the score the customer gave…"), None)  # never a 5 nobody asked for
        for n in range(5, 0, -1):
            self.score.addItem("★" * n, n)
        self.no_followup = QRadioButton(self.tr("No follow-up possible, because:"))
        self.reason = QLineEdit()
        group = QButtonGroup(self)
        group.addButton(self.followed_up)
        group.addButton(self.no_followup)
        self.form.addRow(self.tr("Result told"), self.told)
        self.form.addRow(self.followed_up, self.score)
        self.form.addRow(self.no_followup, self.reason)
        self.score.currentIndexChanged.connect(
            lambda _i: self.followed_up.setChecked(True) if self.score.currentData() is not None else None
        )
        self.reason.textEdited.connect(lambda _t: self.no_followup.setChecked(True))

    def act(self) -> None:
        if self.followed_up.isChecked() and self.score.currentData() is None:
            raise ShopDeskError(self.tr("Choose the satisfaction score the customer gave in the follow-up (回访)."))
        told = self.told.toPlainText().strip()
        closing = Closing(
            result_told=bool(told),
            satisfaction=self.score.currentData() if self.followed_up.isChecked() else None,
            no_followup_reason=self.reason.text() if self.no_followup.isChecked() else "",
        )
        self._shop.aftersales.close(self.detail.number, closing, told)


class NoteDialog(CaseDialog):
    """One text: a comment on the timeline, or why the case is reopened."""

    def __init__(self, shop: Shop, detail: CaseDetail, title: str, reopen: bool, parent: QWidget | None = None):
        super().__init__(shop, detail, title, parent)
        self._reopen = reopen
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(90)
        self.form.addRow(self.tr("Why") if reopen else self.tr("Comment"), self.text)

    def act(self) -> None:
        if self._reopen:
            self._shop.aftersales.reopen(self.detail.number, self.text.toPlainText())
        else:
            self._shop.aftersales.comment(self.detail.number, self.text.toPlainText())
