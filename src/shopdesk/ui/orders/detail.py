"""One order in full: its lines, where it goes, what was paid and refunded, and its timeline (who, when, why).

The detail shows the buyer's name and phone in full (the list masks them): it
is what the person handling this one order needs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.fulfilment_documents import ship_to_address
from shopdesk.services.order_details import OrderDetail
from shopdesk.ui.orders.labels import ACTION, CHANNEL, PAYMENT, STATUS, hold_reason, label, when
from shopdesk.ui.orders.lines_model import OrderLinesModel
from shopdesk.ui.widgets.money import MoneyFormat

HOLD_STYLE = "background-color: #fff4d6; border: 1px solid #e0b84d; padding: 6px;"


def _plain(text: str = "") -> QLabel:
    shown = QLabel(text)
    shown.setTextFormat(Qt.TextFormat.PlainText)  # buyers write anything: never read it as HTML
    shown.setWordWrap(True)
    shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    shown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return shown


def _fit_columns(header: QHeaderView, *, stretch: int) -> None:
    """Every column as wide as its title and cells, but `stretch`, which takes the width left."""
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)


class OrderDetailView(QWidget):
    def __init__(self, money: MoneyFormat, parent: QWidget | None = None):
        super().__init__(parent)
        self._money = money
        self.order: OrderDetail | None = None
        self.title = _plain()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.hold = _plain()
        self.hold.setStyleSheet(HOLD_STYLE)
        self.ship_to = _plain()
        self.payment = _plain()
        self.fulfilment = _plain()
        for fact in (self.ship_to, self.payment, self.fulfilment):
            # Lines are broken where they belong; word wrap inside a grid of boxes would hide all but the first.
            fact.setWordWrap(False)
        self.remarks = _plain()
        self.lines = OrderLinesModel(money, parent=self)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.verticalHeader().hide()
        # Codes, quantities and amounts as wide as they need (never cut, never behind a scroll bar);
        # the product name takes the rest.
        _fit_columns(self.lines_view.horizontalHeader(), stretch=1)
        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Why")])
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().hide()
        # Why takes the rest and wraps a long reason onto more lines rather than cutting it.
        _fit_columns(self.timeline.horizontalHeader(), stretch=3)
        self.timeline.setWordWrap(True)
        self.timeline.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        facts = QGridLayout()
        for column, (title, body) in enumerate(
            (
                (self.tr("Ship to"), self.ship_to),
                (self.tr("Payment"), self.payment),
                (self.tr("Fulfilment"), self.fulfilment),
            )
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(body)
            facts.addWidget(box, 0, column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hold)
        layout.addLayout(facts)
        layout.addWidget(self.remarks)
        layout.addWidget(self.lines_view, 2)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(rule)
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addWidget(self.timeline, 2)
        self.show_order(None)

    def show_order(self, d: OrderDetail | None) -> None:
        self.order = d
        for part in (self.hold, self.remarks):
            part.hide()
        if d is None:
            self.title.setText(self.tr("Choose an order to see it here."))
            for part in (self.ship_to, self.payment, self.fulfilment):
                part.clear()
            self.lines.set_lines([])
            self.timeline.setRowCount(0)
            return
        channel = label(CHANNEL, d.channel) + (f" {d.channel_order_no}" if d.channel_order_no else "")
        self.title.setText(f"{d.number} · {label(STATUS, d.status)} · {channel} · {when(d.placed_at)}")
        if d.hold_reasons:
            self.hold.setText(
                self.tr("On hold for review:") + "\n" + "\n".join(f"• {hold_reason(r)}" for r in d.hold_reasons)
            )
            self.hold.show()
        to = d.ship_to
        address = ship_to_address(
            to.name, to.phone, to.country, to.province, to.city, to.district, to.street, to.postcode
        )
        buyer = [d.customer_name] if d.customer_name and d.customer_name != to.name else []
        self.ship_to.setText("\n".join([" ".join(filter(None, (to.name, to.phone))), *address.printed_lines(), *buyer]))
        m = self._money
        pay = [
            self.tr("Goods {amount}").format(amount=m(d.goods_total)),
            self.tr("Shipping {amount}").format(amount=m(d.shipping_fee)),
            self.tr("Total {amount}").format(amount=m(d.total)),
            self.tr("{status}, {amount} received").format(
                status=label(PAYMENT, d.payment_status), amount=m(d.paid_amount)
            )
            + (f" ({d.payment_method})" if d.payment_method else ""),
        ]
        if d.platform_fee:
            pay.append(self.tr("Platform fee {amount}").format(amount=m(d.platform_fee)))
        pay += [
            self.tr("Refunded {amount} on {day}: {reason}").format(
                amount=m(r.amount), day=when(r.refunded_at), reason=r.reason
            )
            for r in d.refunds
        ]
        if d.cost_of_goods:
            pay.append(self.tr("Cost of goods {amount}").format(amount=m(d.cost_of_goods)))
        self.payment.setText("\n".join(pay))
        ship = []
        if d.warehouse:
            ship.append(self.tr("From {warehouse}").format(warehouse=d.warehouse))
        if d.tracking_no or d.carrier:
            ship.append(" ".join(filter(None, (d.carrier, d.carrier_service, d.tracking_no))))
        if d.weight_g:
            ship.append(self.tr("{grams} g").format(grams=d.weight_g))
        for title, at in (
            (self.tr("Shipped"), d.shipped_at),
            (self.tr("Delivered"), d.delivered_at),
            (self.tr("Completed"), d.completed_at),
            (self.tr("Cancelled"), d.cancelled_at),
        ):
            if at is not None:
                ship.append(f"{title} {when(at)}")
        ship += [
            self.tr("Reserved {qty} × {sku} in {where}").format(qty=r.quantity, sku=r.sku, where=r.location)
            for r in d.reserved
        ]
        for title, numbers in (
            (self.tr("Split from"), [d.split_from] if d.split_from else []),
            (self.tr("Split into"), d.split_into),
            (self.tr("Merged into"), [d.merged_into] if d.merged_into else []),
        ):
            if numbers:
                ship.append(f"{title} {', '.join(numbers)}")
        self.fulfilment.setText("\n".join(ship) or self.tr("Not allocated yet"))
        notes = []
        if d.buyer_remark:
            notes.append(self.tr("Buyer's remark: {text}").format(text=d.buyer_remark))
        if d.internal_note:
            notes.append(self.tr("Internal note: {text}").format(text=d.internal_note))
        if notes:
            self.remarks.setText("\n".join(notes))
            self.remarks.show()
        self.lines.set_lines(d.lines)
        self._fill_timeline(d)

    def _fill_timeline(self, d: OrderDetail) -> None:
        entries = list(reversed(d.timeline))  # newest first: what happened last matters most
        self.timeline.setRowCount(len(entries))
        for row, e in enumerate(entries):
            if e.to_status:
                what = f"{label(STATUS, e.from_status)} → {label(STATUS, e.to_status)}"
            else:
                what = label(ACTION, e.action)
            for column, text in enumerate((when(e.at), e.user, what, e.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.timeline.setItem(row, column, item)
