"""Reading a written workbook back as the accountant's spreadsheet would show it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

_SUM = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def open_book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    """Every row that has a value, header first."""
    return [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]


def column(sheet: Any, title: str) -> list[Any]:
    """The data cells of a column (header and totals row left out)."""
    header = rows(sheet)[0]
    index = header.index(title)
    return [r[index] for r in rows(sheet)[1:] if not _is_total(r)]


def _is_total(row: tuple[Any, ...]) -> bool:
    return any(isinstance(v, str) and v.startswith("=SUM(") for v in row)


def total_of(sheet: Any, title: str) -> Decimal:
    """What the totals row's SUM formula adds up, checked to cover exactly the data rows."""
    header = rows(sheet)[0]
    index = header.index(title)
    last = rows(sheet)[-1]
    found = _SUM.match(str(last[index]))
    assert found, f"{sheet.title}: no SUM under {title!r} (found {last[index]!r})"
    data = [r for r in rows(sheet)[1:] if not _is_total(r)]
    assert (int(found.group(2)), int(found.group(4))) == (2, 1 + len(data)), f"{sheet.title}: SUM covers the wrong rows"
    return sum((Decimal(str(v)) for v in column(sheet, title) if v is not None), Decimal(0))


def figures(summary: Any) -> dict[str, Any]:
    """The Summary's figures: label -> value (column A -> column B)."""
    return {r[0]: r[1] for r in summary.iter_rows(min_row=2, values_only=True) if r[0]}


def yuan(minor: int) -> Decimal:
    return Decimal(minor) / 100
