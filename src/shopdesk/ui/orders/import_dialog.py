"""Import orders… (导入订单): a marketplace export or another system's order file, checked first, then imported.

The same import as `shopdesk import orders FILE --profile taobao|pinduoduo|generic`:
a dry run reads the whole file in the background and the preview says how many
orders would be added, how many were imported before (skipped), how many wait
for an unmatched SKU, and every problem by row and column. Nothing is written
until Import is pressed, and then all the file's new orders or none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.services.marketplace_import import delete_order_layout
from shopdesk.services.order_import import OrderImport, OrderImportOptions, OrderImportResult
from shopdesk.services.order_import_views import ImportProfileChoice, import_profiles
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.orders.labels import CHANNEL, label
from shopdesk.ui.products.import_wizard import ENCODINGS
from shopdesk.ui.service_messages import problem_text
from shopdesk.ui.tasks import Progress, TaskRunner
from shopdesk.ui.widgets import file_dialogs


@dataclass
class Outcome:
    """What a run of the import gave: its result, or why the file cannot be imported."""

    result: OrderImportResult | None = None
    problems: list[Problem] | None = None
    headline: str = ""


def problem_line(problem: Problem) -> str:
    """row 4, column H (购买数量): what is wrong, found: two"""
    text = f"{problem.where}: {problem_text(problem.message)}" if problem.where else problem_text(problem.message)
    if problem.found is not None:
        found = problem.found or QCoreApplication.translate("ImportOrdersDialog", "empty")
        text += QCoreApplication.translate("ImportOrdersDialog", ", found: {found}").format(found=found)
    return text


def _run(shop: Shop, path: Path, options: OrderImportOptions, *, dry_run: bool) -> Outcome:
    try:
        return Outcome(OrderImport(shop).run(path, options, dry_run=dry_run))
    except ValidationFailed as exc:
        return Outcome(problems=exc.problems, headline=exc.headline)
    except ShopDeskError as exc:  # unreadable file, unknown profile...: said as it is
        return Outcome(problems=[Problem("", str(exc))], headline=str(exc).splitlines()[0])


class ImportOrdersDialog(QDialog):
    """`imported` holds the result once the import has run; the dialog stays open to show it."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import orders"))
        self._shop = shop
        self.runner = TaskRunner(self)
        self.preview: Outcome | None = None
        self.imported: OrderImportResult | None = None
        self._wanted = 0  # the latest preview asked for; older answers are dropped
        self._checked: tuple[Path, OrderImportOptions, object] | None = None  # what the preview was worked out for

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("The order export: CSV or Excel (.xlsx)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.profile = QComboBox()
        self.new_layout = QPushButton(self.tr("New layout…"))
        self.new_layout.setAutoDefault(False)
        self.new_layout.setToolTip(self.tr("Map the columns of another system's order export once (导入模板)"))
        self.new_layout.clicked.connect(self.edit_layout)
        self.forget_layout = QPushButton(self.tr("Forget layout…"))
        self.forget_layout.setAutoDefault(False)
        self.forget_layout.clicked.connect(self.delete_layout)
        self.encoding = QComboBox()
        for text, value in ENCODINGS:
            self.encoding.addItem(QCoreApplication.translate("ImportWizard", text), value)
        # Rows without a channel column: the layout's channel (taobao...) or "file", unless one is chosen here.
        self.channel = QComboBox()
        self.channel.addItem(self.tr("As the file or its layout says"), "file")
        for key in CHANNEL:
            if key != "aftersales":
                self.channel.addItem(label(CHANNEL, key), key)
        self.drafts = QCheckBox(self.tr("Leave the new orders as drafts (no review, no stock reserved)"))
        self.summary = QLabel(self.tr("Choose a file: it is checked first, nothing is imported yet."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QListWidget()
        self.check_button = QPushButton(self.tr("Preview"))
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.refresh_preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile, 1)
        profile_row.addWidget(self.new_layout)
        profile_row.addWidget(self.forget_layout)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Layout"), profile_row)
        form.addRow(self.tr("Text encoding"), self.encoding)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.drafts)
        checked = QHBoxLayout()
        checked.addWidget(self.summary, 1)
        checked.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(checked)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

        self.load_profiles()
        self.path_edit.editingFinished.connect(self.refresh_preview)
        self.profile.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.profile.currentIndexChanged.connect(lambda _i: self._enable_forget())
        self.encoding.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.channel.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.drafts.toggled.connect(lambda _on: self._show_ready())

    # Choices ---------------------------------------------------------------------------
    def load_profiles(self, select_layout: int | None = None) -> None:
        """Taobao/Tmall, Pinduoduo, our own file, and the shop's saved layouts; keeps the choice if it is there."""
        current = self.profile.currentData()
        self.profile.blockSignals(True)
        try:
            self.profile.clear()
            for choice in import_profiles(self._shop):
                self.profile.addItem(self._profile_label(choice), choice)
            wanted = next(
                (
                    i
                    for i in range(self.profile.count())
                    if (select_layout is not None and self.profile.itemData(i).layout_id == select_layout)
                    or (select_layout is None and self.profile.itemData(i) == current)
                ),
                0,
            )
            self.profile.setCurrentIndex(wanted)
        finally:
            self.profile.blockSignals(False)
        self._enable_forget()

    def _enable_forget(self) -> None:
        choice = self.profile.currentData()
        self.forget_layout.setEnabled(choice is not None and choice.layout_id is not None)

    def _profile_label(self, choice: ImportProfileChoice) -> str:
        if choice.layout_id is not None:
            return self.tr("Saved layout: {name}").format(name=choice.label)
        return {
            "taobao": self.tr("Taobao/Tmall order export (淘宝/天猫)"),
            "pinduoduo": self.tr("Pinduoduo order export (拼多多)"),
            "generic": self.tr("ShopDesk order file (generic: 订单号, 商家编码, 数量 …)"),
        }.get(choice.profile, choice.label)

    def choose_profile(self, profile: str, layout_id: int | None = None) -> None:
        for i in range(self.profile.count()):
            choice = self.profile.itemData(i)
            if choice.profile == profile and choice.layout_id == layout_id:
                self.profile.setCurrentIndex(i)
                return
        raise ValueError(profile)

    def profile_choice(self) -> ImportProfileChoice:
        return self.profile.currentData()

    def _choice_key(self) -> object:
        return (
            self.path_edit.text().strip(),
            self.profile.currentIndex(),
            self.encoding.currentData(),
            self.channel.currentData(),
        )

    def options(self) -> OrderImportOptions:
        return OrderImportOptions(
            profile=self.profile_choice().profile,
            channel=str(self.channel.currentData()),
            encoding=self.encoding.currentData(),
            confirm=not self.drafts.isChecked(),
        )

    def set_file(self, path: Path) -> None:
        """A file chosen: it is checked at once (in the background)."""
        self.path_edit.setText(str(path))
        self.refresh_preview()

    def _browse(self) -> None:
        path, _chosen = file_dialogs.getOpenFileName(
            self, self.tr("Import orders"), self.path_edit.text(), self.tr("Order exports (*.csv *.xlsx *.txt)")
        )
        if path:
            self.set_file(Path(path))

    def edit_layout(self) -> None:
        """Map another system's export once; the new layout is then chosen here."""
        from shopdesk.ui.orders.layout_editor import OrderLayoutDialog

        text = self.path_edit.text().strip()
        dialog = OrderLayoutDialog(self._shop, Path(text) if text else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.load_profiles(select_layout=dialog.saved.id)
            self.refresh_preview()
        dialog.deleteLater()

    def delete_layout(self) -> None:
        """Forget the chosen saved layout (`shopdesk order-layout delete ID`); files with its headings are then
        read as generic files again."""
        choice = self.profile_choice()
        if choice.layout_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Forget layout"),
            self.tr(
                "Forget the order layout {name!r}? Files with its headings are then read as ShopDesk order files."
            ).format(name=choice.label),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_order_layout(self._shop, choice.layout_id)
        except ShopDeskError as exc:
            errors.show_error(self, exc)
        self.load_profiles()
        self.refresh_preview()

    # The dry run ---------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Check the whole file as it would be imported, writing nothing (a dry run, in the background)."""
        text = self.path_edit.text().strip()
        if not text or self.imported is not None:
            return
        self._wanted += 1
        wanted, path, options, key = self._wanted, Path(text), self.options(), self._choice_key()
        self.preview = None
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking {name}…").format(name=path.name))
        self.problems.clear()

        def work(_progress: Progress) -> Outcome:
            return _run(self._shop, path, options, dry_run=True)

        def done(outcome: Outcome) -> None:
            if wanted != self._wanted:
                return
            self.preview = outcome
            self._checked = (path, replace(options), key)
            self._show(outcome, path)

        self.runner.run(self.tr("Checking {name}").format(name=path.name), work, on_done=done)

    def _show(self, outcome: Outcome, path: Path) -> None:
        self.problems.clear()
        if outcome.problems is not None:
            self.summary.setText(
                self.tr("{name} cannot be imported; nothing was written:").format(name=path.name)
                + "\n"
                + self.tr("%n problem(s) to fix in the file.", "", len(outcome.problems))
            )
            self.problems.addItems([problem_line(p) for p in outcome.problems])
            self._show_ready()
            return
        result = outcome.result
        assert result is not None
        counts = preview_counts(result)
        lines = [
            self.tr("%n order(s) in the file:", "", result.orders_in_file),
            self.tr("  {n} to add").format(n=counts.new),
            self.tr("  {n} imported before, skipped").format(n=counts.skipped),
            self.tr("  {n} waiting for an unmatched SKU").format(n=counts.waiting),
        ]
        if counts.closed:
            lines.append(self.tr("  {n} closed or cancelled on the platform, left out").format(n=counts.closed))
        read_as = self._read_as(result)
        if read_as:
            lines.append(read_as)
        lines.append(self.tr("No problems found. Nothing is written until you press Import."))
        self.summary.setText("\n".join(lines))
        for channel, theirs, ours in result.already_imported:
            self.problems.addItem(
                self.tr("Order {theirs} from {channel}: imported before as {ours}, skipped").format(
                    theirs=theirs, channel=label(CHANNEL, channel), ours=ours
                )
            )
        for theirs in getattr(result, "waiting", []):
            self.problems.addItem(
                self.tr("Order {theirs}: names a SKU no product has; it will wait").format(theirs=theirs)
            )
        self._show_ready()

    def _read_as(self, result: OrderImportResult) -> str:
        """Which layout read the file, when it is a saved one or not the one chosen."""
        chosen = self.profile_choice()
        used = getattr(result, "profile", "generic")
        if chosen.layout_id is not None and used != chosen.label:
            return self.tr("Warning: the file's headings are not those of the layout {name!r}.").format(
                name=chosen.label
            )
        if chosen.layout_id is None and chosen.profile == "generic" and used != "generic":
            return self.tr("Read with the saved layout {name!r} (its headings match).").format(name=used)
        return ""

    def _show_ready(self) -> None:
        outcome = self.preview
        fresh = self._checked is not None and self._checked[2] == self._choice_key()
        self.import_button.setEnabled(
            self.imported is None
            and fresh
            and outcome is not None
            and outcome.result is not None
            and preview_counts(outcome.result).new + preview_counts(outcome.result).waiting > 0
        )

    # Importing ------------------------------------------------------------------------------
    def run_import(self) -> None:
        """Import pressed: the file is read and checked again and written in one go, or not at all."""
        if self._checked is None or self.imported is not None:
            return
        path = self._checked[0]
        options = replace(self._checked[1], confirm=not self.drafts.isChecked())
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.summary.setText(self.tr("Importing {name}…").format(name=path.name))

        def work(_progress: Progress) -> Outcome:
            return _run(self._shop, path, options, dry_run=False)

        def done(outcome: Outcome) -> None:
            self.check_button.setEnabled(True)
            if outcome.result is None:
                self._show(outcome, path)
                return
            self.imported = outcome.result
            self._announce(outcome.result, path)

        self.runner.run(self.tr("Importing {name}").format(name=path.name), work, on_done=done, cancellable=False)

    def _announce(self, result: OrderImportResult, path: Path) -> None:
        lines = [self.tr("Imported %n order(s) from {name}.", "", len(result.created)).format(name=path.name)]
        if result.created:
            lines.append(", ".join(result.created))
        if result.on_hold:
            lines.append(self.tr("On hold for review: {numbers}").format(numbers=", ".join(result.on_hold)))
        waiting = getattr(result, "waiting", [])
        if waiting:
            lines.append(
                self.tr("%n order(s) wait for an unmatched SKU: link it under Unmatched SKUs.", "", len(waiting))
            )
        if result.already_imported:
            lines.append(self.tr("%n order(s) imported before, skipped.", "", len(result.already_imported)))
        self.summary.setText("\n".join(lines))
        self.problems.clear()
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)

    def reject(self) -> None:
        self.runner.shutdown()
        super().reject()


@dataclass(frozen=True)
class PreviewCounts:
    new: int
    skipped: int
    waiting: int
    closed: int


def preview_counts(result: OrderImportResult) -> PreviewCounts:
    waiting = len(getattr(result, "waiting", []))
    skipped = len(result.already_imported)
    return PreviewCounts(
        max(result.orders_in_file - skipped - waiting, 0), skipped, waiting, len(getattr(result, "closed", []))
    )
