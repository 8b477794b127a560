"""Locations (库位): the warehouses, their zones and bins as a tree, with each bin's pick order and units on hand.

A warehouse is added by the owner (Locations.create_warehouse needs MANAGE_SHOP);
zones, bins and a bin's pick order (its place on the walking route that pick
lists follow) by whoever moves stock. A new zone goes into the selected
warehouse (or the warehouse of the selected zone or bin), a new bin into the
selected zone or warehouse (or next to the selected bin). A refusal is shown
in the dialog, which stays open so the code or number can be corrected.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.services.locations import MAX_PICK_ORDER, LocationRef
from shopdesk.services.shop import Shop
from shopdesk.ui.service_messages import error_text

REF_ROLE = Qt.ItemDataRole.UserRole
FAILED_STYLE = "color: #b02a37;"


def _parent_path(ref: LocationRef) -> str | None:
    return ref.path.rsplit("/", 1)[0] if "/" in ref.path else None


def _problems_text(exc: ShopDeskError) -> str:
    return error_text(exc)


class LocationsDialog(QDialog):
    """`changed` carries one line of news each time a location is added or a bin moved on the walk."""

    changed = Signal(str)
    NAME, PICK_ORDER, ON_HAND = range(3)

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.setWindowTitle(self.tr("Locations (库位)"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Location"), self.tr("Pick order"), self.tr("On hand")])
        self.tree.header().setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)

        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. WH1, A, A-01-01"))
        self.code.setMaxLength(64)  # longer than the service allows, so it can say what is wrong
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("optional"))
        self.add_warehouse_button = QPushButton(self.tr("Add warehouse"))
        self.add_zone_button = QPushButton(self.tr("Add zone"))
        self.add_bin_button = QPushButton(self.tr("Add bin"))
        self.pick_order = QSpinBox()
        self.pick_order.setRange(0, MAX_PICK_ORDER)
        self.pick_order.setToolTip(self.tr("Pick lists visit a warehouse's bins from the lowest pick order up"))
        self.set_pick_order_button = QPushButton(self.tr("Set pick order"))
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (
            self.add_warehouse_button,
            self.add_zone_button,
            self.add_bin_button,
            self.set_pick_order_button,
            *buttons.buttons(),
        ):
            button.setAutoDefault(False)  # Enter in a field must not press a button nor close the dialog

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        adds = QHBoxLayout()
        for button in (self.add_warehouse_button, self.add_zone_button, self.add_bin_button):
            adds.addWidget(button)
        adds.addStretch(1)
        walk = QHBoxLayout()
        walk.addWidget(QLabel(self.tr("Pick order of the selected bin")))
        walk.addWidget(self.pick_order)
        walk.addWidget(self.set_pick_order_button)
        walk.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addLayout(adds)
        layout.addLayout(walk)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)

        self.add_warehouse_button.clicked.connect(lambda: self.add_warehouse())
        self.add_zone_button.clicked.connect(lambda: self.add_zone())
        self.add_bin_button.clicked.connect(lambda: self.add_bin())
        self.set_pick_order_button.clicked.connect(lambda: self.set_pick_order())
        self.pick_order.installEventFilter(self)  # Enter in the box sets the pick order, as the button does
        self.tree.currentItemChanged.connect(lambda *_: self._follow_selection())
        self.reload()
        self.resize(620, 560)

    # The tree ------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the locations again; keep (or move to) the selection by path."""
        if select is None and (ref := self.selected()) is not None:
            select = ref.path
        refs = self._shop.locations.physical_locations()
        units = self._shop.locations.on_hand_by_location()
        items: dict[str, QTreeWidgetItem] = {}
        self.tree.clear()
        # Parents before children; in a parent, zones by code, then bins in walking order.
        for ref in sorted(refs, key=lambda r: (r.path.count("/"), r.kind != "zone", r.pick_order, r.path)):
            parent = items.get(_parent_path(ref) or "")
            item = QTreeWidgetItem([ref.code if ref.name in ("", ref.code) else f"{ref.code}  {ref.name}"])
            item.setData(self.NAME, REF_ROLE, ref)
            item.setToolTip(self.NAME, ref.path)
            if ref.kind == "bin":
                item.setText(self.PICK_ORDER, str(ref.pick_order))
            for column in (self.PICK_ORDER, self.ON_HAND):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[ref.path] = item
        # A zone's and a warehouse's units are everything in them.
        totals = dict.fromkeys(items, 0)
        for ref in refs:
            path: str | None = ref.path
            while path is not None:
                if path in totals:
                    totals[path] += units.get(ref.id, 0)
                path = path.rsplit("/", 1)[0] if "/" in path else None
        for path, item in items.items():
            item.setText(self.ON_HAND, str(totals[path]))
        self.tree.expandAll()
        for column in (self.PICK_ORDER, self.ON_HAND):
            self.tree.resizeColumnToContents(column)
        chosen = items.get(select or "")
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(chosen)
        self._follow_selection()

    def selected(self) -> LocationRef | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(self.NAME, REF_ROLE)

    def item_for(self, path: str) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(self.NAME, REF_ROLE).path == path:
                return item
        return None

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            found.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def _zone_parent(self) -> LocationRef | None:
        """The warehouse a new zone goes into: the selected one, or the one holding the selection."""
        ref = self.selected()
        if ref is None or ref.kind == "warehouse":
            return ref
        return self._shop.locations.resolve(ref.warehouse_id) if ref.warehouse_id is not None else None

    def _bin_parent(self) -> LocationRef | None:
        """Where a new bin goes: the selected zone or warehouse, or beside the selected bin."""
        ref = self.selected()
        if ref is None or ref.kind != "bin":
            return ref
        parent = _parent_path(ref)
        return None if parent is None else self._shop.locations.resolve(parent)

    def _follow_selection(self) -> None:
        ref = self.selected()
        moves = self._shop.can(Permission.MOVE_STOCK)
        self.add_warehouse_button.setEnabled(self._shop.can(Permission.MANAGE_SHOP))
        self.add_zone_button.setEnabled(moves and ref is not None)
        self.add_bin_button.setEnabled(moves and ref is not None)
        is_bin = ref is not None and ref.kind == "bin"
        self.pick_order.setEnabled(moves and is_bin)
        self.set_pick_order_button.setEnabled(moves and is_bin)
        if ref is not None and is_bin:
            self.pick_order.setValue(ref.pick_order)
        if ref is None:
            self.where.setText(self.tr("No warehouse yet: the owner adds one with Add warehouse."))
            return
        zone_in, bin_in = self._zone_parent(), self._bin_parent()
        self.where.setText(
            self.tr("Selected: {path}. A new zone goes into {zone}, a new bin into {bin}.").format(
                path=ref.path, zone=zone_in.path if zone_in else "—", bin=bin_in.path if bin_in else "—"
            )
        )

    # Changing ------------------------------------------------------------------------------
    def add_warehouse(self) -> LocationRef | None:
        return self._add(lambda code, name: self._shop.locations.create_warehouse(code, name))

    def add_zone(self) -> LocationRef | None:
        parent = self._zone_parent()
        if parent is None:
            return self._refused(self.tr("Select a warehouse for the new zone."))
        return self._add(lambda code, name: self._shop.locations.create_zone(parent.id, code, name))

    def add_bin(self) -> LocationRef | None:
        parent = self._bin_parent()
        if parent is None:
            return self._refused(self.tr("Select a zone or warehouse for the new bin."))
        return self._add(lambda code, name: self._shop.locations.create_bin(parent.id, code, name))

    def _add(self, create) -> LocationRef | None:  # type: ignore[no-untyped-def]
        try:
            ref: LocationRef = create(self.code.text(), self.name.text())
        except ShopDeskError as exc:
            return self._refused(_problems_text(exc))
        self.code.clear()
        self.name.clear()
        self.reload(ref.path)
        self._said(self.tr("Added {path}").format(path=ref.path))
        self.code.setFocus()
        return ref

    def set_pick_order(self) -> LocationRef | None:
        """Give the selected bin the pick order in the spin box; the tree shows the new walk."""
        ref = self.selected()
        if ref is None or ref.kind != "bin":
            return self._refused(self.tr("Select a bin to change its pick order."))
        try:
            changed = self._shop.locations.set_pick_order(ref.id, self.pick_order.value())
        except ShopDeskError as exc:
            return self._refused(_problems_text(exc))
        self.reload(changed.path)
        self._said(self.tr("{path} now has pick order {n}").format(path=changed.path, n=changed.pick_order))
        return changed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.pick_order
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.set_pick_order_button.isEnabled()
        ):
            self.pick_order.interpretText()  # what was typed, not the last committed value
            self.set_pick_order()
            return True
        return super().eventFilter(watched, event)

    def _refused(self, text: str) -> None:
        self.feedback.setStyleSheet(FAILED_STYLE)
        self.feedback.setText(text)
        return None

    def _said(self, text: str) -> None:
        self.feedback.setStyleSheet("")
        self.feedback.setText(text)
        self.changed.emit(text)
