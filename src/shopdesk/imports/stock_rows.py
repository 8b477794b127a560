"""Stock files: count sheets (盘点表) and opening balances, one product and location per row.

Columns (English or Chinese headings, found under title rows): the product by
SKU or barcode, the location (optional: the product's default bin or its only
place on the count), the quantity, and for opening balances the unit cost.
Cells come back as text; the service checks them against the products (a
count of pieces is a whole number) and reports each problem by row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain.errors import ShopDeskError
from shopdesk.imports.products import column_where, normalize_heading
from shopdesk.imports.tables import Table, find_header_row, read_table

HEADINGS: dict[str, tuple[str, ...]] = {
    "code": (
        "sku",
        "barcode",
        "code",
        "ean",
        "product code",
        "商品编码",
        "商家编码",
        "货号",
        "条码",
        "编码",
        "sku编码",
    ),
    "location": ("location", "bin", "库位", "货位", "仓位", "储位"),
    "quantity": (
        "quantity",
        "qty",
        "counted",
        "count",
        "on hand",
        "数量",
        "盘点数量",
        "实盘数量",
        "实盘数",
        "库存",
        "库存数量",
        "期初数量",
    ),
    "cost": ("unit cost", "cost", "成本", "单价", "成本价", "进价", "单位成本"),
}
_FIELD_OF = {normalize_heading(alias): name for name, aliases in HEADINGS.items() for alias in aliases}
LABELS = {"code": "SKU", "location": "Location", "quantity": "Quantity", "cost": "Unit cost"}


@dataclass(frozen=True)
class StockRow:
    """One data row as written: spreadsheet row number and the cells' text."""

    row: int
    code: str
    location: str
    quantity: str
    cost: str
    where: dict[str, str]  # field -> "row 7, column C (数量)", for problems

    def at(self, field: str) -> str:
        return self.where.get(field, f"row {self.row}")


@dataclass(frozen=True)
class StockFile:
    table: Table
    header_row: int
    rows: list[StockRow]


def read_stock_file(
    path: Path,
    *,
    need_cost: bool = False,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> StockFile:
    """Read a count sheet (need_cost=False) or an opening balance file (need_cost=True); empty rows are skipped."""
    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    header = find_header_row(table.rows, lambda cell: normalize_heading(cell) in _FIELD_OF)
    required = ["code", "quantity", *(["cost"] if need_cost else [])]
    wanted = ", ".join(LABELS[f] for f in required)
    if header is None:
        raise ShopDeskError(
            f"{Path(path).name}: no heading row found. The file needs the columns {wanted} "
            "(Location is optional), e.g. SKU, 库位, 数量."
        )
    headings = table.rows[header - 1]
    columns: dict[str, int] = {}
    for position, heading in enumerate(headings):
        field = _FIELD_OF.get(normalize_heading(heading))
        if field is not None and field not in columns:
            columns[field] = position
    missing = [LABELS[f] for f in required if f not in columns]
    if missing:
        raise ShopDeskError(
            f"{Path(path).name}: the heading row (row {header}) has no column for {', '.join(missing)}; "
            f"the file needs {wanted}."
        )
    rows = []
    for number, cells in enumerate(table.rows[header:], start=header + 1):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(field: str, cells: list[str] = cells) -> str:
            position = columns.get(field)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        rows.append(
            StockRow(
                number,
                cell("code"),
                cell("location"),
                cell("quantity"),
                cell("cost"),
                {f: column_where(number, columns, headings, f) for f in HEADINGS},
            )
        )
    return StockFile(table, header, rows)
