"""Choosing one of our products the way the order entry dialog finds them: scan a barcode, or type a SKU, a name
or its pinyin; matches drop down as you type, Enter takes the one the code names or the only match."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from shopdesk.services.catalogue import ProductFilter, ProductRow
from shopdesk.services.shop import Shop
from shopdesk.ui.widgets.search_field import SearchField

SUGGESTIONS = 12


def product_text(row: ProductRow) -> str:
    name = f"{row.name} · {row.variant_label}" if row.variant_label else row.name
    return f"{row.sku}  {name}"


class ProductPicker(QWidget):
    """`chosen` carries the ProductRow picked (a sellable product: no style with variants, nothing archived)."""

    chosen = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self.product: ProductRow | None = None
        self.search = SearchField()
        self.search.setPlaceholderText(self.tr("Scan a barcode, or type SKU, name or pinyin, then Enter"))
        self.matches = QListWidget()
        self.matches.setMaximumHeight(160)
        self.choice = QLabel(self.tr("No product chosen"))
        self.choice.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.choice)
        self.search.search_changed.connect(self._suggest)
        self.search.entered.connect(self.enter)
        self.search.down_pressed.connect(self._into_matches)
        self.matches.itemActivated.connect(lambda item: self.choose(item.data(Qt.ItemDataRole.UserRole)))
        self.matches.currentItemChanged.connect(
            lambda item, _previous: self.choose(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        )

    def _find(self, text: str) -> list[ProductRow]:
        rows = self._shop.catalogue.list_products(ProductFilter(text=text), 0, SUGGESTIONS * 2)
        return [r for r in rows if not r.is_parent and not r.archived][:SUGGESTIONS]

    def _suggest(self, text: str) -> None:
        self.matches.clear()
        if not text.strip():
            return
        for row in self._find(text):
            item = QListWidgetItem(product_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.matches.addItem(item)

    def _into_matches(self) -> None:
        if self.matches.count():
            self.matches.setFocus()
            self.matches.setCurrentRow(0)

    def enter(self, text: str) -> bool:
        """Enter: the product a barcode or SKU names, or the only match; several matches are listed to choose."""
        text = text.strip()
        if not text:
            return False
        found = self._shop.catalogue.find_by_code(text)
        if found is not None and not found.is_parent and not found.archived:
            rows = self._shop.catalogue.products_by_id([found.id])
            if rows:
                self.choose(rows[0])
                return True
        matches = self._find(text)
        if len(matches) == 1:
            self.choose(matches[0])
            return True
        self._suggest(text)
        if not matches:
            self.choice.setText(self.tr("No product matches {text!r}").format(text=text))
        self._into_matches()
        return False

    def choose(self, row: ProductRow | None) -> None:
        self.product = row
        self.choice.setText(
            self.tr("Product: {product}").format(product=product_text(row)) if row else self.tr("No product chosen")
        )
        self.chosen.emit(row)

    def clear(self) -> None:
        self.search.clear()
        self.matches.clear()
        self.choose(None)
