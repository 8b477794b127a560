"""The stock dialogs: receive (入库), transfer (调拨), adjust to a count, scrap (报废), quarantine (隔离) and release.

One dialog, six kinds: each shows the fields its move needs. Scrap takes from a
bin or from quarantine (goods an inspection set aside); release puts quarantined
goods back on a shelf. The product is
typed or scanned (SKU or barcode, Enter looks it up; the scanner's Enter never
presses OK). A refused move (not enough stock, a wrong quantity) is shown as
the service words it, and the dialog stays open with what was typed.

Adjusting to a count starts the counted quantity at what the books say is on
hand at the location, shown beside it: the person changes it only where the
shelf differs, and an OK pressed without counting moves nothing (starting at 0
once set a product's stock to 0 on a stray Enter).

Receiving has a scan field too (扫描入库): the first scan fills the product,
each further scan of the same product adds one. A scan of another product
while one is being counted is refused (red, a beep): the count is booked with
OK or dropped with Clear, never replaced unseen. An unknown code is shown in
red, and a role that may edit the catalogue can assign it to a product there
and then; the next scan of it counts.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.domain.permissions import Permission
from shopdesk.services.scanning import ScanResult
from shopdesk.services.shop import Shop
from shopdesk.ui import errors
from shopdesk.ui.stock.assign_code_dialog import AssignCodeDialog
from shopdesk.ui.stock.scan_field import ScanField, ScanLineEdit

MAX_QUANTITY = 1_000_000_000


class MoveKind(enum.Enum):
    RECEIVE = "receive"
    TRANSFER = "transfer"
    ADJUST = "adjust"
    SCRAP = "scrap"
    QUARANTINE = "quarantine"
    RELEASE = "release"


class MoveDialog(QDialog):
    def __init__(self, shop: Shop, kind: MoveKind, product: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.kind = kind
        self.product_id: int | None = None
        self.done_message = ""
        self.unknown_code = ""  # the last scan nobody knew, for "Assign to a product…"
        self._scanned_id: int | None = None  # the product the scans so far are counting
        self._count_start: int | None = None  # adjust: the on-hand figure the count was started at
        titles = {
            MoveKind.RECEIVE: self.tr("Receive goods"),
            MoveKind.TRANSFER: self.tr("Transfer stock"),
            MoveKind.ADJUST: self.tr("Adjust to a count"),
            MoveKind.SCRAP: self.tr("Scrap goods"),
            MoveKind.QUARANTINE: self.tr("Put goods in quarantine"),
            MoveKind.RELEASE: self.tr("Release goods from quarantine"),
        }
        self.setWindowTitle(titles[kind])
        self.product = ScanLineEdit(product)
        self.product.setPlaceholderText(self.tr("SKU or barcode (scan it), then Enter"))
        self.product_name = QLabel()
        self.quantity = QSpinBox()
        self.quantity.setRange(0 if kind is MoveKind.ADJUST else 1, MAX_QUANTITY)
        self.unit_cost = QLineEdit()
        self.unit_cost.setPlaceholderText(self.tr("e.g. 3.20"))
        self._prefilled_cost = ""  # the cost put in for the product found, replaced when another is found
        self.source = QComboBox()
        self.target = QComboBox()
        self.reason = QLineEdit()
        self.in_quarantine = QLabel()  # release: how much of the product is there
        self.on_hand_here = QLabel()  # adjust: what the books say is at the location
        bins = shop.locations.bins()
        for combo in (self.source, self.target):
            for ref in bins:
                combo.addItem(ref.path, ref.id)
        self.quarantine_id = shop.locations.resolve("quarantine").id
        if kind is MoveKind.SCRAP:  # goods an inspection set aside are scrapped from quarantine
            self.source.addItem(self.tr("Quarantine (待检)"), self.quarantine_id)
        self.scan = ScanField(self)  # receiving only: hidden for the other kinds
        self.scan.setVisible(kind is MoveKind.RECEIVE)
        self.scan.edit.setPlaceholderText(self.tr("Scan to receive: each scan of the same product adds 1"))
        self.assign_button = QPushButton(self.tr("Assign to a product…"), self)
        self.assign_button.setAutoDefault(False)
        self.assign_button.hide()
        self.clear_button = QPushButton(self.tr("Clear"), self)  # receiving: drop the count to start again
        self.clear_button.setAutoDefault(False)
        form = QFormLayout()
        if kind is MoveKind.RECEIVE:
            form.addRow(self.tr("Scan"), self.scan)
            scan_buttons = QHBoxLayout()
            scan_buttons.addWidget(self.assign_button)
            scan_buttons.addWidget(self.clear_button)
            scan_buttons.addStretch(1)
            form.addRow("", scan_buttons)
        else:
            self.clear_button.hide()
        form.addRow(self.tr("Product"), self.product)
        form.addRow("", self.product_name)
        form.addRow(self.tr("Counted quantity") if kind is MoveKind.ADJUST else self.tr("Quantity"), self.quantity)
        if kind is MoveKind.RECEIVE:
            form.addRow(self.tr("Unit cost"), self.unit_cost)
        if kind in (MoveKind.TRANSFER, MoveKind.ADJUST, MoveKind.SCRAP, MoveKind.QUARANTINE):
            form.addRow(self.tr("From") if kind is MoveKind.TRANSFER else self.tr("Location"), self.source)
        if kind is MoveKind.ADJUST:
            form.addRow(self.tr("On hand here"), self.on_hand_here)
        if kind is MoveKind.RELEASE:
            form.addRow(self.tr("In quarantine"), self.in_quarantine)
        if kind in (MoveKind.RECEIVE, MoveKind.TRANSFER, MoveKind.RELEASE):
            form.addRow(self.tr("Back to") if kind is MoveKind.RELEASE else self.tr("To"), self.target)
        form.addRow(self.tr("Reason") if kind is not MoveKind.RECEIVE else self.tr("Delivery note"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in self.buttons.buttons():
            # A scanner ends with Enter: in the product field it looks the product up, it must not press OK.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.product.returnPressed.connect(self.look_up)
        self.product.editingFinished.connect(self.look_up)
        self.scan.scanned.connect(self.receive_scan)
        self.assign_button.clicked.connect(self.assign_unknown)
        self.clear_button.clicked.connect(self.clear_count)
        if kind is MoveKind.ADJUST:
            self.source.currentIndexChanged.connect(lambda _index: self._start_count())
        if kind is MoveKind.RECEIVE:
            self.setMinimumWidth(620)  # room for the scan's message (what to do next) on one or two lines
        if product:
            self.look_up()
        elif kind is MoveKind.RECEIVE:
            self.scan.setFocus()

    def receive_scan(self, code: str) -> bool:
        """A scan while receiving: the first fills the product, each further one of the same product adds 1."""
        scan = self._shop.scanning.resolve_scan(code)
        self.unknown_code = ""
        self.assign_button.hide()
        if not scan.found or scan.product_id is None:
            if scan.can_assign:
                self.unknown_code = scan.code
                self.scan.show_failure(self.tr("Unknown code {code}").format(code=scan.code))
                self.assign_button.setVisible(self._shop.can(Permission.EDIT_CATALOGUE))
            else:
                self.scan.show_failure(scan.message)
            return False
        self._count_scan(scan)
        return True

    def _count_scan(self, scan: ScanResult) -> None:
        if self.product_id is not None and scan.product_id != self.product_id:
            # Another product while one is being received: starting on it would drop the count unseen.
            sku = self.product_name.text().split(" ", 1)[0]
            self.scan.show_failure(
                self.tr("You are receiving {qty} × {sku}: press OK to book them, or Clear to start again").format(
                    qty=self.quantity.value(), sku=sku
                )
            )
            return
        if scan.product_id == self._scanned_id == self.product_id:
            self.quantity.setValue(self.quantity.value() + 1)
        else:  # the first scan: start counting it
            self.product.setText(scan.sku)
            self.look_up()
            self._scanned_id = scan.product_id
            self.quantity.setValue(1)
        self.scan.show_success(f"{scan.sku} {scan.name} × {self.quantity.value()}")

    def clear_count(self) -> None:
        """Drop the product and its count (nothing is booked), ready for the first scan of another."""
        self._scanned_id = None
        self.product_id = None
        self.product.clear()
        self.product_name.clear()
        self.quantity.setValue(1)
        self.unknown_code = ""
        self.assign_button.hide()
        self.scan.feedback.clear()
        self.scan.edit.setStyleSheet("")
        self.scan.setFocus()

    def assign_unknown(self) -> None:
        """Let the person pick the product the unknown code belongs to; once given to it, the scan counts."""
        dialog = AssignCodeDialog(self._shop, self.unknown_code, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_scan is None:
            return
        self.unknown_code = ""
        self.assign_button.hide()
        self._count_scan(dialog.result_scan)
        self.scan.setFocus()

    def look_up(self) -> bool:
        """Find the product typed or scanned; put its default bin in the location fields."""
        scan = self._shop.scanning.resolve_scan(self.product.text())
        if scan.product_id != self.product_id:
            self._count_start = None  # a count of another product starts afresh
        if not scan.found or scan.product_id is None:
            self.product_id = None
            self.product_name.setText(scan.message if self.product.text().strip() else "")
            self._start_count()
            return False
        self.product_id = scan.product_id
        self.product_name.setText(f"{scan.sku} {scan.name}")
        if self.kind is MoveKind.RELEASE:
            held = self._shop.inventory.product_stock(scan.product_id).quarantine
            self.in_quarantine.setText(str(held))
            self.quantity.setValue(max(1, held))
        if self.kind is MoveKind.RECEIVE:
            self._prefill_unit_cost(scan.product_id)
        home = self._shop.locations.default_bin(scan.product_id)
        if home is not None:
            for combo in (self.source, self.target):
                index = combo.findData(home.id)
                if index >= 0:
                    combo.setCurrentIndex(index)
        self._start_count()
        return True

    def _prefill_unit_cost(self, product_id: int) -> None:
        """Receive: the product's last known unit cost in the field, unless the person typed one."""
        if self.unit_cost.text().strip() not in ("", self._prefilled_cost):
            return
        cost = self._known_unit_cost(product_id)
        self._prefilled_cost = "" if cost is None else format_plain(cost, self._shop.money.exponent)
        self.unit_cost.setText(self._prefilled_cost)

    def _known_unit_cost(self, product_id: int) -> int | None:
        """What one unit last cost, in minor units: the moving average of the stock, else the preferred
        supplier's cost, else the product's cost; None when nothing is known (or the role sees no costs)."""
        average = self._shop.inventory.product_stock(product_id).unit_cost
        if average is not None:
            return int(average.to_integral_value(rounding=ROUND_HALF_UP))
        links = self._shop.catalogue.product_suppliers(product_id)
        for link in sorted(links, key=lambda link: not link.preferred):
            if link.cost:
                return link.cost
        detail = self._shop.catalogue.get_product(product_id)
        return detail.draft.cost if detail.cost_shown and detail.draft.cost else None

    def _start_count(self) -> None:
        """Adjust: show what is on hand at the location and start the count there, unless one was typed in."""
        if self.kind is not MoveKind.ADJUST:
            return
        if self.product_id is None:
            self.on_hand_here.clear()
            return
        stock = self._shop.inventory.product_stock(self.product_id)
        here = sum(loc.on_hand for loc in stock.locations if loc.path == self.source.currentText())
        self.on_hand_here.setText(str(here))
        if self._count_start is None or self.quantity.value() == self._count_start:
            self.quantity.setValue(here)
        self._count_start = here

    def save(self) -> None:
        try:
            self.done_message = self._post()
        except ShopDeskError as exc:
            errors.show_error(self, exc)
            return
        self.accept()

    def _post(self) -> str:
        if self.product_id is None and not self.look_up():
            raise ValidationFailed(
                [Problem(self.tr("Product"), self.tr("no product has this SKU or barcode"), self.product.text())]
            )
        assert self.product_id is not None
        inventory = self._shop.inventory
        qty = self.quantity.value()
        source, target = self.source.currentData(), self.target.currentData()
        reason = self.reason.text().strip()
        sku = self.product_name.text().split(" ", 1)[0]
        if self.kind is MoveKind.RECEIVE:
            text = self.unit_cost.text().strip()
            if not text:  # nothing known about this product's cost: the person at the dock says it
                problem = Problem(self.tr("Unit cost"), self.tr("enter what one unit cost, e.g. 3.20"))
                raise ValidationFailed([problem], self.tr("Nothing was received"))
            try:
                cost = parse_amount(text, self._shop.money.exponent)
            except ValueError as exc:
                raise ValidationFailed(
                    [Problem(self.tr("Unit cost"), str(exc), text)], self.tr("Nothing was received")
                ) from None
            inventory.receive(self.product_id, qty, target, unit_cost=cost, reason=reason)
            return self.tr("Received {qty} × {sku}").format(qty=qty, sku=sku)
        if self.kind is MoveKind.TRANSFER:
            result = inventory.transfer(self.product_id, qty, source, target, reason=reason)
            if result.in_transit:
                return self.tr("{qty} × {sku} sent: in transit to the other warehouse").format(qty=qty, sku=sku)
            return self.tr("Moved {qty} × {sku}").format(qty=qty, sku=sku)
        if self.kind is MoveKind.ADJUST:
            posted = inventory.adjust(self.product_id, source, set_to=qty, reason=reason)
            if posted is None:
                return self.tr("{sku}: the count matches, nothing changed").format(sku=sku)
            return self.tr("{sku} adjusted to {qty}").format(sku=sku, qty=qty)
        if self.kind is MoveKind.QUARANTINE:
            inventory.quarantine(self.product_id, qty, source, reason=reason)
            return self.tr("{qty} × {sku} put in quarantine").format(qty=qty, sku=sku)
        if self.kind is MoveKind.RELEASE:
            inventory.release_quarantine(self.product_id, qty, target, reason=reason)
            return self.tr("{qty} × {sku} released from quarantine").format(qty=qty, sku=sku)
        inventory.scrap(self.product_id, qty, source, reason=reason)
        if source == self.quarantine_id:
            return self.tr("Scrapped {qty} × {sku} from quarantine").format(qty=qty, sku=sku)
        return self.tr("Scrapped {qty} × {sku}").format(qty=qty, sku=sku)
