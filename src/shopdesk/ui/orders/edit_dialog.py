"""Editing a draft, confirmed or on-hold order (编辑订单) in the order entry dialog.

The dialog starts from the order as a draft (Orders.draft_of) and saves it back
with the version it was opened at (Orders.update_order): if someone else changed
the order meanwhile, the save is refused with who changed what. What the dialog
does not show (placed at, currency, platform fee, amount paid, a line's name as
the buyer saw it and its channel line id) is kept as it was.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from shopdesk.domain.money import format_plain
from shopdesk.domain.order_draft import Amount, OrderDraft, OrderLineDraft
from shopdesk.services.shop import Shop
from shopdesk.ui.orders.entry_dialog import COL_DISCOUNT, COL_NAME, COL_PRICE, COL_QTY, COL_SKU, OrderEntryDialog
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.widgets.money import MoneyFormat


class OrderEditDialog(OrderEntryDialog):
    """`saved_number` is the order's number once the edit was saved."""

    def __init__(self, shop: Shop, money: MoneyFormat, number: str, parent: QWidget | None = None):
        super().__init__(shop, money, parent)
        self.setWindowTitle(self.tr("Edit order {number}").format(number=number))
        self.number = number
        self.original, self.version = shop.orders.draft_of(number)
        self.confirm.setChecked(False)
        self.confirm.hide()  # the order keeps its state; confirming is the list's Approve / Allocate
        self._fill(self.original)

    def _fill(self, draft: OrderDraft) -> None:
        if self.channel.findData(draft.channel) < 0:  # an imported order's platform
            self.channel.addItem(label(CHANNEL, draft.channel), draft.channel)
        self.channel.setCurrentIndex(self.channel.findData(draft.channel))
        self.channel_no.setText(draft.channel_order_no)
        if draft.customer_id is not None:
            self.customer_id = draft.customer_id
            self.customer_label.setText(self.tr("Customer: {who}").format(who=draft.ship_to.name or draft.customer_id))
        for key in self.ship:
            self.ship[key].setText(getattr(draft.ship_to, key))
        self.country.setText(draft.ship_to.country)
        for line in draft.lines:
            self._add_existing_line(line)
        self.shipping_fee.setText(self._amount(draft.shipping_fee))
        self.payment_status.setCurrentIndex(max(self.payment_status.findData(draft.payment_status), 0))
        self.payment_method.setText(draft.payment_method)
        self.buyer_remark.setText(draft.buyer_remark)
        self.internal_note.setText(draft.internal_note)

    def _amount(self, value: Amount | None) -> str:
        return format_plain(value, self._exponent) if isinstance(value, int) else str(value or "0")

    def _add_existing_line(self, line: OrderLineDraft) -> None:
        # Lines go in as they are: the same SKU twice (two prices) stays two lines.
        r = self.lines.rowCount()
        self.lines.insertRow(r)
        for column, text, editable in (
            (COL_SKU, line.code, False),
            (COL_NAME, line.name, False),
            (COL_QTY, str(line.quantity), True),
            (COL_PRICE, "" if line.unit_price is None else self._amount(line.unit_price), True),
            (COL_DISCOUNT, self._amount(line.discount), True),
        ):
            item = QTableWidgetItem(text)
            if not editable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column >= COL_QTY:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(r, column, item)

    def draft(self) -> OrderDraft:
        edited = super().draft()
        # A line keeps its buyer-facing name and channel line id while its SKU is on the order.
        kept = {line.code: line for line in self.original.lines}
        lines = [
            dataclasses.replace(line, name=kept[line.code].name, channel_line_id=kept[line.code].channel_line_id)
            if line.code in kept
            else line
            for line in edited.lines
        ]
        return dataclasses.replace(
            self.original,
            lines=lines,
            channel=edited.channel,
            channel_order_no=edited.channel_order_no,
            customer_id=edited.customer_id,
            ship_to=edited.ship_to,
            shipping_fee=edited.shipping_fee,
            payment_status=edited.payment_status,
            payment_method=edited.payment_method,
            buyer_remark=edited.buyer_remark,
            internal_note=edited.internal_note,
        )

    def submit(self) -> str:
        self.version = self._shop.orders.update_order(self.number, self.draft(), self.version)
        return self.number
