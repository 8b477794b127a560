"""The case analysis as an Excel workbook: one sheet per view, numbers as numbers, text that stays text.

openpyxl in write-only mode (DESIGN.md: big sheets never in the normal mode).
Counts and hours are numbers, money is a number of the shop's currency with its
decimals, rates are fractions shown as percentages. Text a spreadsheet would run
as a formula (= + - @ at the start: a sub-reason or a product name typed that
way) is written as a text cell with Excel's quote prefix, as the product export
does; the only formulas are the totals we write. The file appears complete or
not at all: it is written next to the target and renamed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.money import minor_to_decimal
from shopdesk.imports.tables import FORMULA_STARTS
from shopdesk.services.aftersales_analysis import CaseAnalysis

_PERCENT = "0.0%"
_HOURS = "0.0"
_WHEN = "yyyy-mm-dd hh:mm"


def _fraction(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate / 100


class _Sheet:
    """A write-only sheet that turns values into safe cells."""

    def __init__(self, workbook: Any, title: str, headings: Sequence[str], money_format: str):
        from openpyxl.cell import WriteOnlyCell

        self._cell = WriteOnlyCell
        self.sheet = workbook.create_sheet(title)
        self.sheet.freeze_panes = "A2"
        self.money_format = money_format
        self.rows = 1
        self.sheet.append([self._text(h) for h in headings])

    def _text(self, value: str) -> Any:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value.startswith(FORMULA_STARTS):
            return value
        cell = self._cell(self.sheet, value=value)
        cell.data_type = "s"  # text, shown as typed; never run
        cell.quotePrefix = True
        return cell

    def _formatted(self, value: Any, number_format: str) -> Any:
        cell = self._cell(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def row(
        self, *values: Any, money: Iterable[int] = (), percent: Iterable[int] = (), hours: Iterable[int] = ()
    ) -> None:
        money, percent, hours = set(money), set(percent), set(hours)
        cells = []
        for i, value in enumerate(values):
            if isinstance(value, str):
                cells.append(self._text(value))
            elif value is None:
                cells.append(None)
            elif isinstance(value, datetime):  # Excel keeps no time zone: the shop's local time
                cells.append(self._formatted(value.astimezone().replace(tzinfo=None), _WHEN))
            elif i in money:
                cells.append(self._formatted(value, self.money_format))
            elif i in percent:
                cells.append(self._formatted(value, _PERCENT))
            elif i in hours:
                cells.append(self._formatted(value, _HOURS))
            else:
                cells.append(value)
        self.sheet.append(cells)
        self.rows += 1

    def total(self, label: str, columns: Sequence[str]) -> None:
        """A total row of SUM formulas over the rows above (the only formulas in the workbook)."""
        if self.rows < 2:
            return
        self.sheet.append([label, *(f"=SUM({c}2:{c}{self.rows})" for c in columns)])


def write_analysis(analysis: CaseAnalysis, target: Path, exponent: int, currency: str) -> Path:
    """Write the workbook to `target` (.xlsx); refused with a clear message if the folder is not writable."""
    from openpyxl import Workbook

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ShopDeskError(f"The analysis is an Excel workbook: name the file .xlsx (found {target.name})")
    if not target.parent.is_dir():
        raise ShopDeskError(f"The folder {target.parent} does not exist")
    money_format = "0." + "0" * exponent if exponent else "0"
    a = analysis
    workbook = Workbook(write_only=True)

    summary = _Sheet(workbook, "Summary", ["Figure 指标", "Value 数值"], money_format)
    for label, value, kind in (
        ("Period from", a.start, ""),
        ("Period until (not included)", a.end, ""),
        ("Cases opened 工单", a.cases, ""),
        ("Open now", a.sla.open, ""),
        ("Overdue now 超时", a.sla.overdue, ""),
        ("Due within a day", a.sla.due_within_day, ""),
        ("Resolved", a.sla.resolved, ""),
        ("Average hours to resolve 平均处理时长", a.sla.average_hours_to_resolve, "hours"),
        ("Reopened", a.sla.reopened, ""),
        ("Reopen rate", _fraction(a.sla.reopen_rate), "percent"),
        ("Satisfaction average (1-5) 满意度", a.satisfaction.average, ""),
        ("Follow-ups with a score 回访", a.satisfaction.scored, ""),
        ("Closed without follow-up", a.satisfaction.without_followup, ""),
        (f"Refunded on cases ({currency})", minor_to_decimal(a.refunded, exponent), "money"),
        ("High-return threshold 高频退货预警线", _fraction(a.high_return_percent), "percent"),
        ("High-return minimum units sold", a.high_return_min_sold, ""),
        ("High-return SKUs", len(a.high_return), ""),
    ):
        summary.row(
            label,
            value,
            money=[1] if kind == "money" else [],
            percent=[1] if kind == "percent" else [],
            hours=[1] if kind == "hours" else [],
        )

    sheet = _Sheet(workbook, "By class", ["Class 分类", "Cases 工单"], money_format)
    for t in a.by_class:
        sheet.row(t.key, t.cases)
    sheet.total("Total", ["B"])

    sheet = _Sheet(workbook, "By sub-reason", ["Class 分类", "Sub-reason 原因", "Cases 工单"], money_format)
    for s in a.by_sub_reason:
        sheet.row(s.case_class, s.sub_reason, s.cases)

    sheet = _Sheet(workbook, "By product", ["SKU", "Name 商品", "Cases 工单", "Units 件数"], money_format)
    for p in a.by_product:
        sheet.row(p.sku, p.name, p.cases, p.units)

    sheet = _Sheet(workbook, "By channel", ["Channel 渠道", "Cases 工单"], money_format)
    for t in a.by_channel:
        sheet.row(t.key, t.cases)
    sheet.total("Total", ["B"])

    sheet = _Sheet(workbook, "By month", ["Month 月份", "Cases 工单"], money_format)
    for t in a.by_month:
        sheet.row(t.key, t.cases)

    sheet = _Sheet(
        workbook,
        "Returns per SKU",
        [
            "SKU",
            "Name 商品",
            "Sold 销量",
            "Returned 退货",
            "Units with a quality complaint 质量投诉件数",
            "Return rate 退货率",
            "Quality complaint rate 质量投诉率",
            "High-return 高频退货预警",
        ],
        money_format,
    )
    for r in a.returns:
        sheet.row(
            r.sku,
            r.name,
            r.sold,
            r.returned,
            r.defective,
            _fraction(r.return_rate),
            _fraction(r.defect_rate),
            "YES" if r.high_return else "",
            percent=[5, 6],
        )

    sheet = _Sheet(
        workbook, "Overdue", ["Case 工单", "Priority", "Owner 负责人", "Status", "Due", "Hours overdue"], money_format
    )
    for o in a.sla.overdue_cases:
        sheet.row(o.number, o.priority, o.owner, o.status, o.due_at, o.hours_overdue, hours=[5])

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".analysis-", suffix=".xlsx")
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
