"""Duplicate customers (the same phone typed twice, or one buyer on two channels), merged into one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.customers import Customers, DuplicateGroup
from shopdesk.ui import errors


class DuplicatesDialog(QDialog):
    """Groups of customers sharing a phone; "Merge" keeps the customer chosen in the group (the first: most orders)."""

    def __init__(self, customers: Customers, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Duplicate customers"))
        self.resize(560, 420)
        self._customers = customers
        self.merged = 0
        self.groups: list[DuplicateGroup] = []
        self.explain = QLabel(
            self.tr(
                "Customers with the same phone number. Choose the one to keep in a group and press Merge: "
                "the others' orders, cases, phones, addresses and tags move to it."
            )
        )
        self.explain.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Phone / customer"), self.tr("Orders")])
        self.tree.setColumnWidth(0, 380)
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.clicked.connect(self.merge_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.load()

    def load(self) -> None:
        self.groups = self._customers.duplicates()
        self.tree.clear()
        for n, group in enumerate(self.groups):
            top = QTreeWidgetItem([group.phone, ""])
            top.setData(0, Qt.ItemDataRole.UserRole, (n, None))
            for cid, name, orders in group.customers:
                child = QTreeWidgetItem([name, str(orders)])
                child.setData(0, Qt.ItemDataRole.UserRole, (n, cid))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not self.groups:
            self.explain.setText(self.tr("No two customers share a phone number."))
        self._selection_changed()

    def _chosen(self) -> tuple[DuplicateGroup, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        n, cid = item.data(0, Qt.ItemDataRole.UserRole)
        group = self.groups[n]
        return group, cid if cid is not None else group.customers[0][0]

    def _selection_changed(self) -> None:
        self.merge_button.setEnabled(self._chosen() is not None)

    def merge_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        group, keep = chosen
        others = [cid for cid, _, _ in group.customers if cid != keep]
        name = next(n for cid, n, _ in group.customers if cid == keep)
        answer = QMessageBox.question(
            self,
            self.tr("Merge customers"),
            self.tr(
                "Keep {name} and merge %n other customer(s) into it? This cannot be undone.", "", len(others)
            ).format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._customers.merge(keep, others, reason=f"same phone {group.phone}")
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.merged += len(others)
        self.load()
