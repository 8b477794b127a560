"""Spreadsheet files as shops send them, written into a test's tmp_path (no binary fixtures in git)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.factories import ean13

HEADINGS_ZH = ["货号", "名称", "售价", "成本", "条码", "分类", "单位", "重量(g)", "状态"]


def chinese_rows(count: int = 3) -> list[list[str]]:
    """A small, valid catalogue in Chinese, as a shop's own spreadsheet would have it."""
    rows = [HEADINGS_ZH]
    for n in range(1, count + 1):
        rows.append(
            [f"TS-{n:03d}", f"纯棉短袖T恤 {n}号", "59.00", "21.50", ean13(), "服装/上衣/T恤", "件", "180", "上架"]
        )
    return rows


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "商品", number_formats: dict[int, str] | None = None
) -> Path:
    """Cells keep their Python type: ints and floats become Excel numbers, as a person typing them makes."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    for column, fmt in (number_formats or {}).items():
        for cells in worksheet.iter_rows(min_col=column, max_col=column):
            for cell in cells:
                if isinstance(cell.value, int | float):
                    cell.number_format = fmt
    workbook.save(path)
    return path
