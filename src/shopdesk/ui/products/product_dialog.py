"""Create or edit one product; what is wrong is said right below the field."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QIntValidator, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.catalogue import UNITS, ListingStatus, ProductDraft
from shopdesk.domain.errors import ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.products.source import STATUS_LABELS
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.widgets.form import Field, FieldMessage

UNIT_LABELS = {
    "piece": QT_TRANSLATE_NOOP("Units", "piece"),
    "g": QT_TRANSLATE_NOOP("Units", "g"),
    "kg": QT_TRANSLATE_NOOP("Units", "kg"),
    "ml": QT_TRANSLATE_NOOP("Units", "ml"),
    "l": QT_TRANSLATE_NOOP("Units", "l"),
    "m": QT_TRANSLATE_NOOP("Units", "m"),
    "pair": QT_TRANSLATE_NOOP("Units", "pair"),
    "set": QT_TRANSLATE_NOOP("Units", "set"),
    "box": QT_TRANSLATE_NOOP("Units", "box"),
}
_LIST_SPLIT = re.compile(r"[\s,;，；、]+")


class ProductDialog(QDialog):
    """`saved_id` holds the product's id once Save succeeded."""

    def __init__(self, shop: Shop, product_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._product_id = product_id
        self._version = 0
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New product") if product_id is None else self.tr("Edit product"))

        self.sku = QLineEdit()
        self.name = QLineEdit()
        self.alt_name = QLineEdit()
        self.alt_name.setPlaceholderText(self.tr("e.g. the English name"))
        self.variant_label = QLineEdit()
        self.variant_label.setPlaceholderText(self.tr("e.g. 红色 / M"))
        self.parent_sku = QLineEdit()
        self.parent_sku.setPlaceholderText(self.tr("SKU of the style this variant belongs to"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems([""] + [path for _, path in shop.catalogue.categories()])
        self.category.lineEdit().setPlaceholderText(self.tr("e.g. 服装/上衣/T恤"))
        self.price = QLineEdit()
        self.cost = QLineEdit()
        if not shop.catalogue.costs_shown:  # the catalogue does not give this role the cost, nor takes one from it
            self.cost.setEnabled(False)
            self.cost.setPlaceholderText(self.tr("not shown to your role"))
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(QCoreApplication.translate("Units", UNIT_LABELS.get(unit, unit)), unit)
        self.weight_g = QLineEdit()
        self.weight_g.setValidator(QIntValidator(0, 10**9, self.weight_g))
        self.status = QComboBox()
        for status in ListingStatus:
            self.status.addItem(QCoreApplication.translate("ProductStatus", STATUS_LABELS[status]), str(status))
        self.barcodes = QLineEdit()
        self.barcodes.setPlaceholderText(self.tr("scan or type; several separated by spaces"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("separated by commas"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 5)

        self.fields: dict[str, Field] = {}
        currency = shop.money.currency
        left = self._form(
            [
                ("sku", self.tr("SKU"), self.sku),
                ("name", self.tr("Name"), self.name),
                ("alt_name", self.tr("Second name"), self.alt_name),
                ("variant_label", self.tr("Variant (规格)"), self.variant_label),
                ("parent_sku", self.tr("Parent SKU"), self.parent_sku),
                ("category", self.tr("Category"), self.category),
            ]
        )
        right = self._form(
            [
                ("price", self.tr("Price ({currency})").format(currency=currency), self.price),
                ("cost", self.tr("Cost ({currency})").format(currency=currency), self.cost),
                ("unit", self.tr("Unit"), self.unit),
                ("weight_g", self.tr("Weight (g)"), self.weight_g),
                ("status", self.tr("Status"), self.status),
                ("barcodes", self.tr("Barcodes"), self.barcodes),
                ("tags", self.tr("Tags"), self.tags),
            ]
        )
        self.general = FieldMessage()
        self.archived_note = QLabel(self.tr("This product is archived: the product list hides it."))
        self.archived_note.hide()
        self.fields["description"] = Field(self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setShortcut(QKeySequence.StandardKey.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.archived_note)
        layout.addWidget(self.general)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Description")))
        layout.addWidget(self.fields["description"])
        layout.addWidget(buttons)
        self.resize(820, self.sizeHint().height())
        if product_id is not None:
            self._load(product_id)
        self.sku.setFocus()

    def _form(self, rows: list[tuple[str, str, QWidget]]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)  # the style's default lets "Second name" touch its field
        for key, label, editor in rows:
            self.fields[key] = Field(editor)
            form.addRow(label, self.fields[key])
        return form

    def _load(self, product_id: int) -> None:
        detail = self._shop.catalogue.get_product(product_id)
        draft, exponent = detail.draft, self._shop.money.exponent
        self._version = detail.version
        self.sku.setText(draft.sku)
        self.name.setText(draft.name)
        self.alt_name.setText(draft.alt_name)
        self.variant_label.setText(draft.variant_label)
        self.parent_sku.setText(draft.parent_sku)
        self.category.setCurrentText(draft.category_path)
        self.price.setText(format_plain(draft.price, exponent))
        self.cost.setText(format_plain(draft.cost, exponent) if detail.cost_shown else "")
        self.unit.setCurrentIndex(max(self.unit.findData(draft.unit), 0))
        self.weight_g.setText("" if draft.weight_g is None else str(draft.weight_g))
        self.status.setCurrentIndex(max(self.status.findData(str(draft.status)), 0))
        self.barcodes.setText(" ".join(draft.barcodes))
        self.tags.setText(", ".join(draft.tags))
        self.description.setPlainText(draft.description)
        self.archived_note.setVisible(detail.archived)

    # Saving ------------------------------------------------------------------------
    def draft(self) -> tuple[ProductDraft | None, dict[str, list[str]]]:
        """The product as typed, or the fields that cannot be read (amounts that are not amounts)."""
        problems: dict[str, list[str]] = {}
        amounts = {}
        for key, editor in (("price", self.price), ("cost", self.cost)):
            text = editor.text().strip()
            try:
                amounts[key] = parse_amount(text, self._shop.money.exponent) if text else 0
            except ValueError as exc:
                problems[key] = [self._amount_problem(str(exc))]
        weight = self.weight_g.text().strip()
        if problems:
            return None, problems
        draft = ProductDraft(
            sku=self.sku.text().strip(),
            name=self.name.text().strip(),
            price=amounts["price"],
            cost=amounts["cost"],
            alt_name=self.alt_name.text().strip(),
            description=self.description.toPlainText(),
            category_path=self.category.currentText().strip(),
            unit=self.unit.currentData(),
            weight_g=int(weight) if weight else None,
            status=ListingStatus(self.status.currentData()),
            barcodes=[c for c in _LIST_SPLIT.split(self.barcodes.text()) if c],
            tags=[t.strip() for t in re.split(r"[,，、]", self.tags.text()) if t.strip()],
            parent_sku=self.parent_sku.text().strip(),
            variant_label=self.variant_label.text().strip(),
        )
        return draft, {}

    def _amount_problem(self, message: str) -> str:
        if "decimal" in message:
            return self.tr("Use at most {n} decimal places").format(n=self._shop.money.exponent)
        return self.tr("Enter an amount like 59.90")

    def save(self) -> None:
        draft, problems = self.draft()
        if draft is not None:
            try:
                if self._product_id is None:
                    self.saved_id = self._shop.catalogue.create_product(draft)
                else:
                    self._shop.catalogue.update_product(self._product_id, draft, self._version)
                    self.saved_id = self._product_id
            except ValidationFailed as exc:
                problems = {}
                for problem in exc.problems:
                    text = problem_text(problem.message)
                    if problem.found and problem.where == "barcodes":
                        text = f"{problem.found}: {text}"
                    problems.setdefault(problem.where, []).append(text)
            except Exception as exc:
                errors.show_error(self, exc)  # a clash with someone else's save, or a fault
                return
        self.show_problems(problems)
        if not problems:
            self.accept()

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        for key, field in self.fields.items():
            field.show_messages(problems.get(key, []))
        elsewhere = [m for key, messages in problems.items() if key not in self.fields for m in messages]
        self.general.show_messages(elsewhere)
        first = next((self.fields[k] for k in self.fields if k in problems), None)
        if first is not None:
            first.setFocus()
