"""Settings → Orders (订单设置): the review rules (审单规则), what to do when stock is short, masked phones on labels.

The shop's settings, kept in its database for every computer and saved through
order_review.save_order_settings when the dialog's Save is pressed: all of them
or, when one is refused, none, with every problem said under the page. Only a
role that may manage the shop changes them; the others see the page read-only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.domain.permissions import Permission
from shopdesk.domain.review import ReviewRules
from shopdesk.services import order_review
from shopdesk.services.shop import Shop
from shopdesk.ui.widgets.form import Field, FieldMessage


class OrderSettingsPage(QWidget):
    """The shop's order settings; save() hands them to the services and says whether they were taken."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._exponent = shop.money.exponent
        self.editable = shop.can(Permission.MANAGE_SHOP)
        self.saved: list[str] = []  # the settings the last save changed
        with shop.db.read() as conn:
            self._loaded = order_review.load_order_settings(conn)
        rules = self._loaded.rules

        self.burst_orders = QSpinBox()
        self.burst_orders.setRange(0, 1000)
        self.burst_orders.setSpecialValueText(self.tr("off"))
        self.burst_orders.setSuffix(self.tr(" orders"))
        self.burst_addresses = QSpinBox()
        self.burst_addresses.setRange(0, 1000)
        self.burst_addresses.setSuffix(self.tr(" addresses"))
        self.burst_hours = QSpinBox()
        self.burst_hours.setRange(0, 24 * 90)
        self.burst_hours.setSuffix(self.tr(" h"))
        self.burst_orders.setValue(rules.burst_orders)
        self.burst_addresses.setValue(rules.burst_addresses)
        self.burst_hours.setValue(rules.burst_hours)
        burst = QHBoxLayout()
        burst.addWidget(self.burst_orders)
        burst.addWidget(QLabel(self.tr("to")))
        burst.addWidget(self.burst_addresses)
        burst.addWidget(QLabel(self.tr("within")))
        burst.addWidget(self.burst_hours)
        burst.addStretch(1)

        self.high_value = QLineEdit("" if rules.max_amount is None else format_plain(rules.max_amount, self._exponent))
        self.high_value.setPlaceholderText(self.tr("no limit"))
        self.high_value_field = Field(self.high_value)
        self.blocked_phones = QPlainTextEdit("\n".join(sorted(rules.blocked_phones)))
        self.blocked_phones.setTabChangesFocus(True)
        self.blocked_phones.setMaximumHeight(90)
        self.blocked_buyers = QPlainTextEdit("\n".join(sorted(rules.blocked_buyers)))
        self.blocked_buyers.setTabChangesFocus(True)
        self.blocked_buyers.setMaximumHeight(90)
        self.hold_on_remark = QCheckBox(self.tr("Buyer remark (买家留言)"))
        self.hold_on_remark.setChecked(rules.hold_on_remark)
        self.check_address = QCheckBox(self.tr("Incomplete or suspicious address (地址不完整)"))
        self.check_address.setChecked(rules.check_address)
        self.hold_on_shortage = QCheckBox(self.tr("Not enough stock (库存不足)"))
        self.hold_on_shortage.setChecked(rules.hold_on_shortage)

        review = QGroupBox(self.tr("Review rules: which orders are held for a person to look at (异常订单)"))
        form = QFormLayout(review)
        form.addRow(self.tr("Many orders from one buyer or phone"), burst)
        form.addRow(self.tr("High-value orders above"), self.high_value_field)
        form.addRow(self.tr("Blocked phones, one per line"), self.blocked_phones)
        form.addRow(self.tr("Blocked buyers, one per line"), self.blocked_buyers)
        form.addRow(self.tr("Also hold"), self.hold_on_remark)
        form.addRow("", self.check_address)
        form.addRow("", self.hold_on_shortage)

        self.backorders = QComboBox()
        self.backorders.addItem(self.tr("Ship what is there, the rest waits"), "ship_available")
        self.backorders.addItem(self.tr("Wait until all of it is there"), "wait")
        self.backorders.setCurrentIndex(max(self.backorders.findData(self._loaded.backorder_policy), 0))
        self.mask_label_phones = QCheckBox(self.tr("Hide the middle of phone numbers on labels (138****5678)"))
        self.mask_label_phones.setChecked(self._loaded.mask_label_phones)
        shipping = QGroupBox(self.tr("Shipping"))
        shipping_form = QFormLayout(shipping)
        shipping_form.addRow(self.tr("When stock is short"), self.backorders)
        shipping_form.addRow(self.tr("Labels"), self.mask_label_phones)

        note = QLabel(
            self.tr(
                "Order settings belong to the shop, for every computer; they apply to orders confirmed from now on."
            )
            if self.editable
            else self.tr("Only the owner can change the order settings; you see them as they are.")
        )
        note.setWordWrap(True)
        note.setEnabled(False)  # a quiet note, greyed like a hint
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(review)
        layout.addWidget(shipping)
        layout.addStretch(1)
        layout.addWidget(self.message)
        if not self.editable:
            self._read_only()

    def _read_only(self) -> None:
        for spin in (self.burst_orders, self.burst_addresses, self.burst_hours):
            spin.setReadOnly(True)
        self.high_value.setReadOnly(True)
        self.blocked_phones.setReadOnly(True)
        self.blocked_buyers.setReadOnly(True)
        for widget in (
            self.hold_on_remark,
            self.check_address,
            self.hold_on_shortage,
            self.backorders,
            self.mask_label_phones,
        ):
            widget.setEnabled(False)

    # Saving ---------------------------------------------------------------------------------
    def _max_amount(self) -> int | None:
        """The high-value threshold in minor units (empty: no limit); ValueError when it is not an amount."""
        text = self.high_value.text().strip()
        return parse_amount(text, self._exponent) if text else None

    def wanted(self) -> order_review.OrderSettings:
        """The settings as the page shows them now; ValueError when the high-value amount is not a number."""
        rules = ReviewRules(
            burst_orders=self.burst_orders.value(),
            burst_addresses=self.burst_addresses.value(),
            burst_hours=self.burst_hours.value(),
            max_amount=self._max_amount(),
            blocked_phones=_lines(self.blocked_phones),
            blocked_buyers=_lines(self.blocked_buyers),
            hold_on_remark=self.hold_on_remark.isChecked(),
            check_address=self.check_address.isChecked(),
            hold_on_shortage=self.hold_on_shortage.isChecked(),
        )
        return order_review.OrderSettings(rules, str(self.backorders.currentData()), self.mask_label_phones.isChecked())

    def save(self) -> bool:
        """Hand the settings to the services; False, with the problems shown, when they were refused."""
        self.high_value_field.show_messages([])
        self.message.show_messages([])
        if not self.editable:
            return True
        try:
            wanted = self.wanted()
        except ValueError as exc:
            self.high_value_field.show_messages(
                [self.tr("{problem}: enter an amount like 3000.00, or leave it empty").format(problem=exc)]
            )
            self.message.show_messages([self.tr("The order settings were not saved.")])
            return False
        try:
            self.saved = order_review.save_order_settings(self._shop, wanted)
        except ValidationFailed as exc:
            self.message.show_messages([self.tr("The order settings were not saved:"), *map(str, exc.problems)])
            return False
        except ShopDeskError as exc:
            self.message.show_messages([str(exc)])
            return False
        with self._shop.db.read() as conn:
            self._loaded = order_review.load_order_settings(conn)
        return True


def _lines(edit: QPlainTextEdit) -> frozenset[str]:
    return frozenset(line.strip() for line in edit.toPlainText().splitlines() if line.strip())
