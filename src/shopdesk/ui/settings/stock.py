"""Settings → Stock (库存设置): the reorder window, negative stock, and the valuation method.

The shop's settings, kept in its database for every computer and saved through
the stock services when the dialog's Save is pressed (Reordering.set_window_days,
Inventory.set_valuation_method, and the shop's own setting for negative stock).
Only a role that may manage the shop changes them; the others see the page
read-only. The valuation method can only be chosen before the first stock move,
so that the whole history is valued one way: once the shop has moves it is shown
locked, with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import Conflict, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services.reorder import MAX_WINDOW_DAYS
from shopdesk.services.shop import Shop
from shopdesk.services.stock_ledger import has_moves
from shopdesk.ui.widgets.form import Field, FieldMessage

MIN_WINDOW_DAYS = 1  # Reordering.set_window_days takes 1 to MAX_WINDOW_DAYS
WINDOW = "reorder_window_days"
NEGATIVE = "allow_negative_stock"
VALUATION = "valuation"


@dataclass(frozen=True)
class StockSettings:
    window_days: int
    allow_negative_stock: bool
    valuation: str  # "average" or "fifo"
    moves: int  # stock moves the shop has: above zero, the valuation method is kept


def load_stock_settings(shop: Shop) -> StockSettings:
    with shop.db.read() as conn:
        moves = has_moves(conn)
    return StockSettings(
        window_days=shop.reordering.window_days(),
        allow_negative_stock=bool(shop.setting(NEGATIVE)),
        valuation=str(shop.setting(VALUATION)),
        moves=moves,
    )


class StockSettingsPage(QWidget):
    """The shop's stock settings; save() hands them to the services and says whether they were taken."""

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.editable = shop.can(Permission.MANAGE_SHOP)
        self.saved: list[str] = []  # the settings the last save changed
        self._loaded = load_stock_settings(shop)

        self.window_days = QSpinBox()
        self.window_days.setRange(MIN_WINDOW_DAYS, MAX_WINDOW_DAYS)
        self.window_days.setSuffix(self.tr(" days"))
        self.window_days.setValue(self._loaded.window_days)
        self.window_field = Field(self.window_days)
        window_hint = _hint(
            self.tr(
                "Average daily sales for reorder suggestions are taken over this many days, "
                "from {low} to {high}. A short window follows a trend quickly; a long one evens out "
                "seasons and one-off big orders."
            ).format(low=MIN_WINDOW_DAYS, high=MAX_WINDOW_DAYS)
        )
        reorder = QGroupBox(self.tr("Reorder suggestions (补货建议)"))
        reorder_form = QFormLayout(reorder)
        reorder_form.addRow(self.tr("Sales looked at"), _stacked(self.window_field, window_hint))

        self.allow_negative = QCheckBox(self.tr("Allow negative stock (允许负库存)"))
        self.allow_negative.setChecked(self._loaded.allow_negative_stock)
        negative_hint = _hint(
            self.tr(
                "When allowed, goods can be shipped or moved out even when the stock on record is short; "
                "the balance goes below zero until the goods are received or counted. When not allowed, "
                "such a shipment or move is refused."
            )
        )

        self.valuation = QComboBox()
        self.valuation.addItem(self.tr("Moving average cost"), "average")
        self.valuation.addItem(self.tr("First in, first out (FIFO)"), "fifo")
        self.valuation.setCurrentIndex(max(self.valuation.findData(self._loaded.valuation), 0))
        self.valuation_field = Field(self.valuation)
        self.locked = self._loaded.moves > 0
        self.valuation_note = _hint(
            self._locked_note()
            if self.locked
            else self.tr(
                "The valuation method can only be chosen before the first stock move; after that it is kept, "
                "so that all of the shop's stock is valued one way."
            )
        )
        stock = QGroupBox(self.tr("Stock on hand"))
        stock_form = QFormLayout(stock)
        stock_form.addRow(self.tr("Negative stock"), _stacked(self.allow_negative, negative_hint))
        stock_form.addRow(self.tr("Stock valuation"), _stacked(self.valuation_field, self.valuation_note))

        note = _hint(
            self.tr("Stock settings belong to the shop: they are saved for every computer and apply at once.")
            if self.editable
            else self.tr("Only the owner can change the stock settings; you see them as they are.")
        )
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(reorder)
        layout.addWidget(stock)
        layout.addStretch(1)
        layout.addWidget(self.message)
        if not self.editable:
            self.window_days.setReadOnly(True)
            self.allow_negative.setEnabled(False)
        self.valuation.setEnabled(self.editable and not self.locked)

    # Saving ---------------------------------------------------------------------------------
    def wanted(self) -> StockSettings:
        """The settings as the page shows them now."""
        return StockSettings(
            window_days=self.window_days.value(),
            allow_negative_stock=self.allow_negative.isChecked(),
            valuation=str(self.valuation.currentData()),
            moves=self._loaded.moves,
        )

    def save(self) -> bool:
        """Hand the changed settings to the services; False, with the problems shown, when they were refused.

        The valuation method goes first: it is the one the services may still refuse (a stock move
        made on another computer since the page opened), and then nothing else is saved either.
        """
        self.window_field.show_messages([])
        self.valuation_field.show_messages([])
        self.message.show_messages([])
        self.saved = []
        if not self.editable:
            return True
        wanted, loaded = self.wanted(), self._loaded
        try:
            if wanted.valuation != loaded.valuation:
                self._shop.inventory.set_valuation_method(wanted.valuation)
                self.saved.append(VALUATION)
            if wanted.window_days != loaded.window_days:
                self._shop.reordering.set_window_days(wanted.window_days)
                self.saved.append(WINDOW)
            if wanted.allow_negative_stock != loaded.allow_negative_stock:
                self._shop.set_setting(NEGATIVE, wanted.allow_negative_stock)
                self.saved.append(NEGATIVE)
        except ValidationFailed as exc:
            rest = [str(p) for p in exc.problems if not self._said_at_field(p)]
            self._refused(rest)
            return False
        except Conflict as exc:  # the first stock move was made meanwhile: the method stays as it is
            self.valuation_field.show_messages([str(exc)])
            self._refused([])
            return False
        except ShopDeskError as exc:
            self._refused([str(exc)])
            return False
        finally:
            self._reload()
        return True

    def _said_at_field(self, problem: Problem) -> bool:
        field = {WINDOW: self.window_field, VALUATION: self.valuation_field}.get(problem.where)
        if field is None:
            return False
        field.show_messages([str(problem).removeprefix(f"{problem.where}: ")])
        return True

    def _refused(self, problems: list[str]) -> None:
        if self.saved:
            first = (
                self.tr("Only part of the stock settings was saved; the rest was refused:")
                if problems
                else self.tr("Only part of the stock settings was saved; the rest was refused: see what is said above.")
            )
        else:
            first = (
                self.tr("The stock settings were not saved:")
                if problems
                else self.tr("The stock settings were not saved: see what is said above.")
            )
        self.message.show_messages([first, *problems])

    def _locked_note(self) -> str:
        return self.tr(
            "Locked: the valuation method can only be chosen before the first stock move, so that all "
            "of the shop's stock is valued one way; this shop already has stock moves."
        )

    def _reload(self) -> None:
        """What the shop has now, so a second Save after a refusal only sends what still differs."""
        self._loaded = load_stock_settings(self._shop)
        self.locked = self._loaded.moves > 0
        if self.locked:
            self.valuation.setCurrentIndex(max(self.valuation.findData(self._loaded.valuation), 0))
            self.valuation.setEnabled(False)
            self.valuation_note.setText(self._locked_note())


def _hint(text: str) -> QLabel:
    """A quiet note, greyed like a hint, wrapped to the page's width."""
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setEnabled(False)
    return hint


def _stacked(editor: QWidget, hint: QLabel) -> QWidget:
    """An editor, kept to its natural width, with its hint underneath: one row of a QFormLayout."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(editor)
    row.addStretch(1)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addLayout(row)
    layout.addWidget(hint)
    return box
