"""A report as plain tables: what the Reports tab shows, and what becomes one sheet each in the workbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopdesk.reports.workbook import Col, Kind, ReportBook, discard, save_atomically


@dataclass(frozen=True)
class TypedValue:
    """A cell that carries its own kind (a Summary figure on screen: money, a rate, a count...)."""

    value: Any
    kind: Kind


@dataclass(frozen=True)
class Table:
    """One table of a report: a title (the sheet name), typed columns, rows of values in column order."""

    title: str
    columns: Sequence[Col]
    rows: Sequence[Sequence[Any]]
    totals: bool = False  # a totals row of the columns marked total
    notes: Sequence[str] = field(default_factory=tuple)  # shown above the table in the tab, not in the sheet


@dataclass(frozen=True)
class Report:
    """What a report use case returns: its title and its tables, in the report's language."""

    title: str
    tables: Sequence[Table]

    def table(self, title: str) -> Table:
        return next(t for t in self.tables if t.title == title)


def currency_symbol(currency: str, language: str) -> str:
    """¥ for yuan in Chinese, CN¥ in English (Babel's symbol for the language)."""
    from babel.numbers import get_currency_symbol

    try:
        return str(get_currency_symbol(currency, locale="zh_CN" if language.startswith("zh") else "en_US"))
    except Exception:
        return currency


def write_report(
    report: Report,
    target: Path,
    *,
    currency: str,
    exponent: int,
    language: str,
    total_label: str,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """One sheet per table, saved atomically."""
    book = ReportBook(money_symbol=currency_symbol(currency, language), exponent=exponent)
    try:
        for table in report.tables:
            sheet = book.sheet(table.title, table.columns)
            sheet.rows(table.rows)
            if table.totals:
                sheet.totals(total_label)
            else:
                sheet.close()
        return save_atomically(book, target, cancelled)
    except BaseException:
        discard(book)
        raise
