"""Suppliers (供应商), opened from the purchase orders page: the list, a supplier's form, the products it supplies.

Whoever buys (Permission.PURCHASE) adds, edits, archives and links; everyone else
reads. What is wrong with a form is said right below the field, as in the product dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.domain.permissions import Permission
from shopdesk.services.catalogue_suppliers import SupplierLink
from shopdesk.services.parties import SupplierDraft, SupplierRow
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.stock.list_model import ListTableModel, list_table_view
from shopdesk.ui.widgets.form import Field, FieldMessage
from shopdesk.ui.widgets.money import MoneyFormat

translate = QCoreApplication.translate

# The services' messages a person meets in these forms, in the language of the UI.
_MESSAGES = {
    "supplier code is required": QT_TRANSLATE_NOOP("SupplierProblems", "Enter a supplier code"),
    "another supplier has this code": QT_TRANSLATE_NOOP("SupplierProblems", "Another supplier has this code"),
    "a supplier code is up to 32 characters, without spaces": QT_TRANSLATE_NOOP(
        "SupplierProblems", "A supplier code is up to 32 characters, without spaces"
    ),
    "an email address has an @": QT_TRANSLATE_NOOP("SupplierProblems", "An email address has an @"),
    "a currency is a three-letter code like CNY": QT_TRANSLATE_NOOP(
        "SupplierProblems", "A currency is a three-letter code like CNY"
    ),
    "the lead time cannot be negative": QT_TRANSLATE_NOOP("SupplierProblems", "The lead time cannot be negative"),
    "the lead time is at most 365 days": QT_TRANSLATE_NOOP("SupplierProblems", "The lead time is at most 365 days"),
    "the lead time is a whole number of days": QT_TRANSLATE_NOOP(
        "SupplierProblems", "Enter the lead time in whole days"
    ),
    "no product has this SKU or barcode": QT_TRANSLATE_NOOP("SupplierProblems", "No product has this SKU or barcode"),
    "this supplier is archived": QT_TRANSLATE_NOOP("SupplierProblems", "This supplier is archived"),
}


def _message(problem: Problem) -> str:
    known = _MESSAGES.get(problem.message)
    return translate("SupplierProblems", known) if known else problem_text(problem.message)


def supplier_columns() -> list[Column[SupplierRow]]:
    return [
        Column(translate("SupplierColumns", "Supplier code"), lambda r: r.code),
        Column(translate("SupplierColumns", "Name"), lambda r: r.name),
        Column(translate("SupplierColumns", "Contact"), lambda r: r.contact),
        Column(translate("SupplierColumns", "Phone"), lambda r: r.phone),
        Column(translate("SupplierColumns", "Lead time (days)"), lambda r: str(r.lead_time_days), numeric=True),
        Column(translate("SupplierColumns", "Products"), lambda r: str(r.products), numeric=True),
        Column(
            translate("SupplierColumns", "Archived"),
            lambda r: translate("SupplierColumns", "archived") if r.archived else "",
        ),
    ]


def link_columns(money: MoneyFormat, *, costs: bool) -> list[Column[SupplierLink]]:
    cost = [
        Column(translate("SupplierColumns", "Cost"), lambda r: "" if r.cost is None else money(r.cost), numeric=True)
    ]
    return [
        Column(translate("SupplierColumns", "SKU"), lambda r: r.sku),
        Column(translate("SupplierColumns", "Product name"), lambda r: r.product_name),
        Column(translate("SupplierColumns", "Supplier SKU"), lambda r: r.supplier_sku),
        *(cost if costs else []),
        Column(
            translate("SupplierColumns", "Lead time (days)"), lambda r: str(r.effective_lead_time_days), numeric=True
        ),
        Column(translate("SupplierColumns", "Preferred supplier"), lambda r: "✓" if r.preferred else ""),
    ]


class _Form(QDialog):
    """A dialog of Fields whose problems are shown under them; the rest above the form."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.fields: dict[str, Field] = {}
        self.general = FieldMessage()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(12)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setShortcut(QKeySequence.StandardKey.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def add_row(self, key: str, label: str, editor: QWidget) -> None:
        self.fields[key] = Field(editor)
        self.form.addRow(label, self.fields[key])

    def save(self) -> None:  # pragma: no cover - each form saves its own way
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.where, []).append(_message(problem))
        for key, field in self.fields.items():
            field.show_messages(by_field.get(key, []))
        self.general.show_messages([m for key, ms in by_field.items() if key not in self.fields for m in ms])
        first = next((self.fields[k] for k in self.fields if k in by_field), None)
        if first is not None:
            first.setFocus()

    def _whole_days(self, key: str, editor: QLineEdit, problems: list[Problem]) -> int | None:
        text = editor.text().strip()
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            problems.append(Problem(key, "the lead time is a whole number of days", text))
            return None
        return int(text)


class SupplierFormDialog(_Form):
    """A new supplier, or an edit of one; `saved_code` holds its code once saved."""

    def __init__(self, shop: Shop, supplier_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._supplier_id = supplier_id
        self.saved_code = ""
        self.setWindowTitle(self.tr("New supplier") if supplier_id is None else self.tr("Edit supplier"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("short, e.g. ACME; used on purchase orders"))
        self.name = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.lead_time = QLineEdit("7")
        self.currency = QLineEdit()
        self.currency.setPlaceholderText(shop.money.currency)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        for key, label, editor in (
            ("code", self.tr("Supplier code"), self.code),
            ("name", self.tr("Name"), self.name),
            ("contact", self.tr("Contact"), self.contact),
            ("phone", self.tr("Phone"), self.phone),
            ("email", self.tr("Email"), self.email),
            ("address", self.tr("Address"), self.address),
            ("lead_time_days", self.tr("Lead time (days)"), self.lead_time),
            ("currency", self.tr("Currency"), self.currency),
            ("notes", self.tr("Notes"), self.notes),
        ):
            self.add_row(key, label, editor)
        self.resize(520, self.sizeHint().height())
        if supplier_id is not None:
            draft = shop.parties.get_supplier(supplier_id).draft
            for editor, value in (
                (self.code, draft.code),
                (self.name, draft.name),
                (self.contact, draft.contact),
                (self.phone, draft.phone),
                (self.email, draft.email),
                (self.lead_time, str(draft.lead_time_days)),
                (self.currency, draft.currency),
            ):
                editor.setText(value)
            self.address.setPlainText(draft.address)
            self.notes.setPlainText(draft.notes)
        self.code.setFocus()

    def save(self) -> None:
        problems: list[Problem] = []
        lead = self._whole_days("lead_time_days", self.lead_time, problems)
        if not self.lead_time.text().strip():
            problems.append(Problem("lead_time_days", "the lead time is a whole number of days", ""))
        if problems:
            self.show_problems(problems)
            return
        draft = SupplierDraft(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            contact=self.contact.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            address=self.address.toPlainText().strip(),
            lead_time_days=lead or 0,
            currency=self.currency.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )
        try:
            if self._supplier_id is None:
                self._shop.parties.create_supplier(draft)
            else:
                self._shop.parties.update_supplier(self._supplier_id, draft)
        except ValidationFailed as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.saved_code = draft.code
        self.accept()


class LinkProductDialog(_Form):
    """Which product a supplier supplies, under which supplier SKU (供应商货号), at what cost and lead time."""

    def __init__(
        self, shop: Shop, supplier: SupplierRow, link: SupplierLink | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._shop = shop
        self._supplier = supplier
        self.saved_sku = ""
        self.setWindowTitle(self.tr("Link product to {code}").format(code=supplier.code))
        self.product = QLineEdit()
        self.product.setPlaceholderText(self.tr("SKU or barcode: scan or type"))
        self.supplier_sku = QLineEdit()
        self.cost = QLineEdit()
        self.costs_shown = shop.can(Permission.VIEW_COSTS)
        self.lead_time = QLineEdit()
        self.lead_time.setPlaceholderText(self.tr("the supplier's: {days}").format(days=supplier.lead_time_days))
        self.preferred = QCheckBox(self.tr("Order this product from this supplier first"))
        rows: list[tuple[str, str, QWidget]] = [
            ("product", self.tr("Product"), self.product),
            ("supplier_sku", self.tr("Supplier SKU"), self.supplier_sku),
            ("cost", self.tr("Cost ({currency})").format(currency=shop.money.currency), self.cost),
            ("lead_time_days", self.tr("Lead time (days)"), self.lead_time),
            ("preferred", self.tr("Preferred supplier"), self.preferred),
        ]
        for key, label, editor in rows:
            if key != "cost" or self.costs_shown:
                self.add_row(key, label, editor)
        if link is not None:
            self.product.setText(link.sku)
            self.product.setReadOnly(True)
            self.supplier_sku.setText(link.supplier_sku)
            if link.cost is not None:
                self.cost.setText(format_plain(link.cost, shop.money.exponent))
            if link.lead_time_days is not None:
                self.lead_time.setText(str(link.lead_time_days))
            self.preferred.setChecked(link.preferred)
        self.resize(480, self.sizeHint().height())
        (self.supplier_sku if link is not None else self.product).setFocus()

    def save(self) -> None:
        problems: list[Problem] = []
        lead = self._whole_days("lead_time_days", self.lead_time, problems)
        cost = None
        if self.cost.text().strip():
            try:
                cost = parse_amount(self.cost.text().strip(), self._shop.money.exponent)
            except ValueError as exc:
                text = (
                    self.tr("Use at most {n} decimal places").format(n=self._shop.money.exponent)
                    if "decimal" in str(exc)
                    else self.tr("Enter an amount like 3.20")
                )
                problems.append(Problem("cost", text))
        if not self.product.text().strip():
            problems.append(Problem("product", self.tr("Enter the product's SKU or barcode")))
        if problems:
            self.show_problems(problems)
            return
        try:
            self._shop.catalogue.link_supplier(
                self.product.text().strip(),
                self._supplier.id,
                supplier_sku=self.supplier_sku.text().strip(),
                cost=cost,
                lead_time_days=lead,
                preferred=self.preferred.isChecked(),
            )
        except ValidationFailed as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.saved_sku = self.product.text().strip()
        self.accept()


class SuppliersDialog(QDialog):
    """The shop's suppliers with a search; the products the selected one supplies below."""

    def __init__(self, shop: Shop, money: MoneyFormat | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._edits = shop.can(Permission.PURCHASE)
        money = money or MoneyFormat(shop.money.currency, shop.money.exponent, "en_US")
        self.setWindowTitle(self.tr("Suppliers"))
        self.suppliers: ListTableModel[SupplierRow] = ListTableModel(supplier_columns(), parent=self)
        self.links: ListTableModel[SupplierLink] = ListTableModel(
            link_columns(money, costs=shop.can(Permission.VIEW_COSTS)), parent=self
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search code, name, contact or phone"))
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.new_button = QPushButton(self.tr("New…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.archive_button = QPushButton(self.tr("Archive"))
        self.link_button = QPushButton(self.tr("Link product…"))
        self.edit_link_button = QPushButton(self.tr("Change terms…"))
        self.unlink_button = QPushButton(self.tr("Unlink"))
        self.supplier_table = list_table_view(self.suppliers)
        self.link_table = list_table_view(self.links)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        if not self._edits:
            self.new_button.setToolTip(self.tr("Only a role that buys from suppliers may change them"))

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.show_archived)
        for button in (self.new_button, self.edit_button, self.archive_button):
            tools.addWidget(button)
        link_tools = QHBoxLayout()
        link_tools.addWidget(self.detail, 1)
        for button in (self.link_button, self.edit_link_button, self.unlink_button):
            link_tools.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(link_tools)
        lower_layout.addWidget(self.link_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.supplier_table)
        split.addWidget(lower)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(close)
        self.resize(900, 600)

        self.search.textChanged.connect(lambda _t: self.refresh())
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.supplier_table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.link_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.supplier_table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.link_table.doubleClicked.connect(lambda _i: self.edit_link())
        self.new_button.clicked.connect(self.new_supplier)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.archive_selected)
        self.link_button.clicked.connect(self.link_product)
        self.edit_link_button.clicked.connect(self.edit_link)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.refresh()

    # Reading -------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        current = self.selected()
        keep = select or (current.code if current else None)
        rows = self._shop.parties.list_suppliers(self.search.text(), include_archived=self.show_archived.isChecked())
        self.suppliers.set_rows(rows)
        for row, item in enumerate(rows):
            if item.code == keep:
                self.supplier_table.selectRow(row)
                break
        self._show_selected()

    def selected(self) -> SupplierRow | None:
        rows = self.supplier_table.selectionModel().selectedRows()
        return self.suppliers.row_at(rows[0].row()) if rows else None

    def selected_link(self) -> SupplierLink | None:
        rows = self.link_table.selectionModel().selectedRows()
        return self.links.row_at(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        supplier = self.selected()
        self.links.set_rows(self._shop.catalogue.supplier_products(supplier.id) if supplier else [])
        self.detail.setText(
            self.tr("Select a supplier to see the products it supplies")
            if supplier is None
            else self.tr("{code} supplies %n product(s)", "", self.links.rowCount()).format(code=supplier.code)
        )
        self._enable()

    def _enable(self) -> None:
        supplier = self.selected()
        active = supplier is not None and not supplier.archived
        self.new_button.setEnabled(self._edits)
        self.edit_button.setEnabled(self._edits and supplier is not None)
        self.archive_button.setEnabled(self._edits and supplier is not None)
        self.archive_button.setText(self.tr("Restore") if supplier and supplier.archived else self.tr("Archive"))
        self.link_button.setEnabled(self._edits and active)
        has_link = self.selected_link() is not None
        self.edit_link_button.setEnabled(self._edits and active and has_link)
        self.unlink_button.setEnabled(self._edits and has_link)

    # Changing ------------------------------------------------------------------------
    def new_supplier(self) -> None:
        dialog = SupplierFormDialog(self._shop, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.search.clear()
            self.refresh(select=dialog.saved_code)

    def edit_selected(self) -> None:
        supplier = self.selected()
        if supplier is None or not self._edits:
            return
        dialog = SupplierFormDialog(self._shop, supplier.id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=dialog.saved_code)

    def archive_selected(self) -> None:
        supplier = self.selected()
        if supplier is None:
            return
        try:
            self._shop.parties.archive_supplier(supplier.id, archived=not supplier.archived)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.refresh()

    def link_product(self) -> None:
        supplier = self.selected()
        if supplier is not None and LinkProductDialog(self._shop, supplier, parent=self).exec():
            self.refresh()

    def edit_link(self) -> None:
        supplier, link = self.selected(), self.selected_link()
        if supplier is None or link is None or not self.edit_link_button.isEnabled():
            return
        if LinkProductDialog(self._shop, supplier, link, parent=self).exec():
            self.refresh()

    def unlink_selected(self) -> None:
        supplier, link = self.selected(), self.selected_link()
        if supplier is None or link is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Unlink product"),
            self.tr("{code} no longer supplies {sku}?").format(code=supplier.code, sku=link.sku),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._shop.catalogue.unlink_supplier(link.product_id, supplier.id)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.refresh()
