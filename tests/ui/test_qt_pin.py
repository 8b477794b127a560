"""PySide6 is pinned below 6.12: 6.12.0 on Python 3.11 aborts in QStandardItemModel.appendRow.

These tests do what crashed, at the scale of a real catalogue, so an upgrade
is proven safe here before it lands (the crash takes the whole test run down).
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

ROWS = 100_000


def test_appending_100000_rows_to_a_standard_item_model() -> None:
    model = QStandardItemModel(0, 2)
    for n in range(ROWS):
        model.appendRow([QStandardItem(f"SKU-{n:06d}"), QStandardItem(None)])
    assert model.rowCount() == ROWS
    assert model.item(ROWS - 1, 0).text() == f"SKU-{ROWS - 1:06d}"
    assert model.item(ROWS - 1, 1).text() == ""


def test_setting_100000_items_of_a_standard_item_model() -> None:
    model = QStandardItemModel(ROWS, 2)
    for n in range(ROWS):
        model.setItem(n, 0, QStandardItem(f"纯棉短袖T恤 {n}"))
        model.setItem(n, 1, QStandardItem())
    assert model.item(ROWS // 2, 0).text() == f"纯棉短袖T恤 {ROWS // 2}"
    assert model.rowCount() == ROWS
