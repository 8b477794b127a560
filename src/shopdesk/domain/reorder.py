"""Reordering rules (补货 / 预警线) in whole units, computed exactly (no floats).

- average daily sales = units shipped to customers in the window ÷ window days
- reorder point = ⌈average daily sales × lead time⌉ + safety stock
  (the demand expected while the goods are on their way, rounded up to a whole
  unit, plus the cushion)
- a product needs ordering when available + on order ≤ reorder point
- suggested quantity = reorder point + one window's demand − available − on order,
  so an order brings the stock back up to cover the lead time and the next window
- a low-stock alert (低于预警线) is raised when a warning line is set (> 0) and
  available ≤ warning line
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class ReorderFigures:
    sold_in_window: int
    window_days: int
    lead_time_days: int
    safety_stock: int
    available: int
    on_order: int

    @property
    def daily_sales(self) -> Decimal:
        return Decimal(self.sold_in_window) / self.window_days

    @property
    def reorder_point(self) -> int:
        return ceil_div(self.sold_in_window * self.lead_time_days, self.window_days) + self.safety_stock

    @property
    def needs_order(self) -> bool:
        return self.available + self.on_order <= self.reorder_point and self.suggested_quantity > 0

    @property
    def suggested_quantity(self) -> int:
        target = self.reorder_point + self.sold_in_window
        return max(0, target - self.available - self.on_order)


def is_low(available: int, warning_line: int | None) -> bool:
    """Below (or on) the warning line; a line of 0 or none means no alert is wanted."""
    return warning_line is not None and warning_line > 0 and available <= warning_line
