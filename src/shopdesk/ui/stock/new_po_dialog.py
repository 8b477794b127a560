"""A new draft purchase order (新建采购单) typed in by hand, and one more line on a draft.

A line is a product code (SKU or barcode), a quantity and an optional unit cost;
without a cost the service uses the supplier's cost for the product. Refusals are
shown in the dialog, which stays open so the line can be corrected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import parse_amount
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.shop import Shop
from shopdesk.ui.service_messages import error_text

MAX_QUANTITY = 1_000_000


def _feedback_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #b02a37;")
    return label


def _quantity_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_QUANTITY)  # 0 is let through so the service says what is wrong with it
    spin.setValue(value)
    return spin


def _problems_text(exc: ShopDeskError) -> str:
    return error_text(exc)


def line_draft(
    shop: Shop, where: str, code: str, quantity: int, cost_text: str, problems: list[Problem]
) -> PoLineDraft | None:
    """The line as the service takes it, or None with the problems found (unknown code, no quantity, a bad cost)."""
    product = shop.catalogue.find_by_code(code)
    if product is None:
        problems.append(Problem(where, "no product has this SKU or barcode", code))
    if quantity < 1:
        problems.append(Problem(where, "the quantity is a whole number above zero", str(quantity)))
    unit_cost = None
    if cost_text.strip():
        try:
            unit_cost = parse_amount(cost_text, shop.money.exponent)
        except ValueError as exc:
            problems.append(Problem(where, f"the unit cost {exc} (write it like 3.50)", cost_text))
    if product is None or quantity < 1 or (cost_text.strip() and unit_cost is None):
        return None
    return PoLineDraft(product.id, quantity, unit_cost)


class NewPoDialog(QDialog):
    """Supplier and lines; Save makes the draft and keeps its number in `number`."""

    CODE, QUANTITY, COST = range(3)

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.number = ""
        self.setWindowTitle(self.tr("New purchase order"))
        self.supplier = QComboBox()
        for supplier_id, code, name, _lead_time in shop.parties.suppliers():
            self.supplier.addItem(f"{code}  {name}", supplier_id)
        self.lines = QTableWidget(0, 3)
        self.lines.setHorizontalHeaderLabels([self.tr("Product code"), self.tr("Quantity"), self.tr("Unit cost")])
        self.lines.horizontalHeader().setSectionResizeMode(self.CODE, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.add_row_button = QPushButton(self.tr("Add product"))
        self.feedback = _feedback_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("Supplier"), self.supplier)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Leave the unit cost empty for the supplier's cost")))
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.add_row_button)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.add_row()
        self.resize(560, 380)

    def add_row(self, code: str = "", quantity: int = 1, cost: str = "") -> int:
        """One more line to fill in; returns its row."""
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        code_edit = QLineEdit(code)
        code_edit.setPlaceholderText(self.tr("SKU or barcode"))
        cost_edit = QLineEdit(cost)
        cost_edit.setPlaceholderText(self.tr("supplier's cost"))
        self.lines.setCellWidget(row, self.CODE, code_edit)
        self.lines.setCellWidget(row, self.QUANTITY, _quantity_spin(quantity))
        self.lines.setCellWidget(row, self.COST, cost_edit)
        return row

    def _row(self, row: int) -> tuple[str, int, str]:
        code = self.lines.cellWidget(row, self.CODE)
        quantity = self.lines.cellWidget(row, self.QUANTITY)
        cost = self.lines.cellWidget(row, self.COST)
        assert isinstance(code, QLineEdit) and isinstance(quantity, QSpinBox) and isinstance(cost, QLineEdit)
        return code.text().strip(), quantity.value(), cost.text()

    def save(self) -> None:
        """Create the draft; every problem is shown and the dialog stays open."""
        problems: list[Problem] = []
        drafts: list[PoLineDraft] = []
        for row in range(self.lines.rowCount()):
            code, quantity, cost = self._row(row)
            if not code:
                continue  # an empty row left over
            draft = line_draft(self._shop, f"line {row + 1}", code, quantity, cost, problems)
            if draft is not None:
                drafts.append(draft)
        if self.supplier.currentData() is None:
            problems.append(Problem("supplier", "add a supplier first (Suppliers…)"))
        try:
            if problems:
                raise ValidationFailed(problems, "Purchase order not created")
            self.number = self._shop.purchasing.create(self.supplier.currentData(), drafts)
        except ShopDeskError as exc:
            self.feedback.setText(_problems_text(exc))
            return
        self.accept()


class AddPoLineDialog(QDialog):
    """One more product on a draft purchase order."""

    def __init__(self, shop: Shop, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.number = number
        self.line_no = 0
        self.setWindowTitle(self.tr("Add a product to {number}").format(number=number))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("SKU or barcode"))
        self.quantity = _quantity_spin(1)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(self.tr("supplier's cost"))
        self.feedback = _feedback_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(self.tr("Product code"), self.code)
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Unit cost"), self.cost)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def save(self) -> None:
        """Add the line; a refusal is shown and the dialog stays open."""
        problems: list[Problem] = []
        draft = line_draft(
            self._shop, "line", self.code.text().strip(), self.quantity.value(), self.cost.text(), problems
        )
        try:
            if draft is None:
                raise ValidationFailed(problems, f"Line not added to {self.number}")
            self.line_no = self._shop.purchasing.add_line(self.number, draft)
        except ShopDeskError as exc:
            self.feedback.setText(_problems_text(exc))
            return
        self.accept()
