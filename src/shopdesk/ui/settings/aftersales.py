"""Settings → After-sales (售后设置): deadlines, return windows, sub-reasons, evidence size, the high-return warning.

These are the shop's settings, kept in its database for every computer (not in
this computer's Settings file), and saved through the after-sales services when
the dialog's Save is pressed: all of them or, when the services refuse one,
none, with each problem said next to its field. Only a role that may manage the
shop changes them; the others see the page read-only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services.aftersales_settings import MAX_EVIDENCE_BYTES, AftersalesSettings
from shopdesk.services.shop import Shop
from shopdesk.ui.complaints.labels import CLASS, PRIORITY, label
from shopdesk.ui.widgets.form import Field, FieldMessage

MB = 1024 * 1024
CATEGORY_FIELD = "return window category"  # where the services say what is wrong with a category's window


class AftersalesPage(QWidget):
    """The shop's after-sales settings; save() hands them to the services and says whether they were taken."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.editable = shop.can(Permission.MANAGE_SHOP)
        self._loaded = shop.aftersales.settings()
        self.saved: list[str] = []  # the settings the last save changed

        self.deadlines: dict[str, QSpinBox] = {}
        deadlines = QGroupBox(self.tr("Time to resolve a case"))
        deadline_form = QFormLayout(deadlines)
        for priority, hours in self._loaded.deadline_hours.items():
            spin = QSpinBox()
            spin.setRange(1, 24 * 90)
            spin.setSuffix(self.tr(" h"))
            spin.setValue(hours)
            self.deadlines[priority] = spin
            deadline_form.addRow(label(PRIORITY, priority), spin)

        self.return_days = QSpinBox()
        self.return_days.setRange(0, 365)
        self.return_days.setSuffix(self.tr(" days"))
        self.return_days.setValue(self._loaded.return_window_days)
        self.categories = QTableWidget(0, 2)
        self.categories.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Days")])
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.categories.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.categories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.categories.verticalHeader().hide()
        self.categories.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.categories.setMaximumHeight(140)
        self.category_field = Field(self.categories)
        for path, days in sorted(self._loaded.return_window_days_by_category.items()):
            self._put_category(path, days)
        self.new_category = QComboBox()
        self.new_category.setEditable(True)
        self.new_category.addItems([path for _id, path in shop.catalogue.categories()])
        self.new_category.setCurrentIndex(-1)
        self.new_category.lineEdit().setPlaceholderText(self.tr("category, e.g. 服装/上衣"))
        self.new_days = QSpinBox()
        self.new_days.setRange(0, 365)
        self.new_days.setSuffix(self.tr(" days"))
        self.new_days.setValue(15)
        self.add_category = QPushButton(self.tr("Add"))
        self.add_category.clicked.connect(self.add_category_window)
        self.remove_category = QPushButton(self.tr("Remove"))
        self.remove_category.clicked.connect(self.remove_category_window)
        adding = QHBoxLayout()
        adding.addWidget(self.new_category, 1)
        adding.addWidget(self.new_days)
        adding.addWidget(self.add_category)
        adding.addWidget(self.remove_category)
        returns = QGroupBox(self.tr("Return window"))
        return_form = QFormLayout(returns)
        return_form.addRow(self.tr("Days from delivery"), self.return_days)
        return_form.addRow(self.tr("Other windows by category"), self.category_field)
        return_form.addRow("", adding)

        self.sub_reasons: dict[str, QPlainTextEdit] = {}
        self.sub_reason_fields: dict[str, Field] = {}
        reasons = QGroupBox(self.tr("Sub-reasons offered for each complaint class, one per line"))
        grid = QGridLayout(reasons)
        for column, (case_class, offered) in enumerate(self._loaded.sub_reasons.items()):
            edit = QPlainTextEdit("\n".join(offered))
            edit.setTabChangesFocus(True)
            self.sub_reasons[case_class] = edit
            self.sub_reason_fields[case_class] = Field(edit)
            grid.addWidget(QLabel(label(CLASS, case_class)), 0, column)
            grid.addWidget(self.sub_reason_fields[case_class], 1, column)

        self.evidence_mb = QSpinBox()
        self.evidence_mb.setRange(1, MAX_EVIDENCE_BYTES // MB)
        self.evidence_mb.setSuffix(self.tr(" MB"))
        self.evidence_mb.setValue(max(1, round(self._loaded.evidence_max_bytes / MB)))
        self.high_percent = QSpinBox()
        self.high_percent.setRange(1, 100)
        self.high_percent.setSuffix(" %")
        self.high_percent.setValue(self._loaded.high_return_rate_percent)
        self.high_min_sold = QSpinBox()
        self.high_min_sold.setRange(1, 1_000_000)
        self.high_min_sold.setValue(self._loaded.high_return_min_units_sold)
        limits = QGroupBox(self.tr("Evidence and returns analysis"))
        limit_form = QFormLayout(limits)
        limit_form.addRow(self.tr("Largest evidence file"), self.evidence_mb)
        limit_form.addRow(self.tr("High-return warning at"), self.high_percent)
        limit_form.addRow(self.tr("of units sold, once at least"), self.high_min_sold)

        note = QLabel(
            self.tr("After-sales settings belong to the shop: they are saved for every computer.")
            if self.editable
            else self.tr("Only the owner can change the after-sales settings; you see them as they are.")
        )
        note.setWordWrap(True)
        note.setEnabled(False)  # a quiet note, greyed like a hint
        self.message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(deadlines)
        top.addWidget(returns, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(limits)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(reasons, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        if not self.editable:
            self._read_only()

    def _read_only(self) -> None:
        for spin in (
            *self.deadlines.values(),
            self.return_days,
            self.evidence_mb,
            self.high_percent,
            self.high_min_sold,
        ):
            spin.setReadOnly(True)
        for edit in self.sub_reasons.values():
            edit.setReadOnly(True)
        for widget in (self.new_category, self.new_days, self.add_category, self.remove_category):
            widget.setEnabled(False)
        for row in range(self.categories.rowCount()):
            self._days_at(row).setReadOnly(True)

    # The category table -----------------------------------------------------------------
    def _put_category(self, path: str, days: int) -> None:
        for row in range(self.categories.rowCount()):
            if self.categories.item(row, 0).text() == path:  # added again: its days change
                self._days_at(row).setValue(days)
                return
        row = self.categories.rowCount()
        self.categories.insertRow(row)
        self.categories.setItem(row, 0, QTableWidgetItem(path))
        spin = QSpinBox()
        spin.setRange(0, 365)
        spin.setSuffix(self.tr(" days"))
        spin.setValue(days)
        self.categories.setCellWidget(row, 1, spin)

    def _days_at(self, row: int) -> QSpinBox:
        spin = self.categories.cellWidget(row, 1)
        assert isinstance(spin, QSpinBox)
        return spin

    def add_category_window(self) -> None:
        path = self.new_category.currentText().strip().strip("/").strip()
        if not path:
            self.category_field.show_messages([self.tr("Choose or type a category first")])
            return
        self.category_field.show_messages([])
        self._put_category(path, self.new_days.value())
        self.new_category.setCurrentIndex(-1)
        self.new_category.clearEditText()

    def remove_category_window(self) -> None:
        rows = self.categories.selectionModel().selectedRows()
        if rows:
            self.categories.removeRow(rows[0].row())

    # Saving ---------------------------------------------------------------------------------
    def wanted(self) -> AftersalesSettings:
        """The settings as the page shows them now."""
        evidence = self._loaded.evidence_max_bytes
        if self.evidence_mb.value() != max(1, round(evidence / MB)):  # only a changed size is rounded to MB
            evidence = self.evidence_mb.value() * MB
        return AftersalesSettings(
            deadline_hours={p: spin.value() for p, spin in self.deadlines.items()},
            return_window_days=self.return_days.value(),
            return_window_days_by_category={
                self.categories.item(row, 0).text(): self._days_at(row).value()
                for row in range(self.categories.rowCount())
            },
            sub_reasons={k: edit.toPlainText().splitlines() for k, edit in self.sub_reasons.items()},
            evidence_max_bytes=evidence,
            high_return_rate_percent=self.high_percent.value(),
            high_return_min_units_sold=self.high_min_sold.value(),
        )

    def save(self) -> bool:
        """Hand the settings to the services; False, with the problems shown, when they were refused."""
        for field in (self.category_field, *self.sub_reason_fields.values()):
            field.show_messages([])
        self.message.show_messages([])
        if not self.editable:
            return True
        try:
            self.saved = self._shop.aftersales.save_settings(self.wanted())
        except ValidationFailed as exc:
            rest = []
            for problem in exc.problems:
                field = self._field_of(problem.where)
                if field is None:
                    rest.append(str(problem))
                else:
                    field.show_messages([*field.message.text().splitlines(), _without_where(problem)])
            self.message.show_messages(
                [self.tr("The after-sales settings were not saved:"), *rest]
                if rest
                else [self.tr("The after-sales settings were not saved: see what is said under the fields above.")]
            )
            return False
        except ShopDeskError as exc:
            self.message.show_messages([str(exc)])
            return False
        self._loaded = self._shop.aftersales.settings()
        return True

    def _field_of(self, where: str) -> Field | None:
        if where == CATEGORY_FIELD:
            return self.category_field
        case_class = where.removesuffix(" sub-reasons")
        return self.sub_reason_fields.get(case_class) if case_class != where else None


def _without_where(problem: Problem) -> str:
    """A problem said next to its field needs no 'where' in front."""
    return str(problem).removeprefix(f"{problem.where}: ")
