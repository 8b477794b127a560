"""Money in table cells: integer minor units shown with the shop currency, fast enough for every cell.

domain.money.format_money (Babel) takes about 0.2 ms a call; a page of the
product list has 400 amounts. So Babel formats one sample amount per
currency and locale, and every other amount is laid out the same way.
"""

from __future__ import annotations

import re

from shopdesk.domain.money import format_money

_SAMPLE_UNITS = 1234567  # seven digits: shows the grouping separator and where the symbol goes


class MoneyFormat:
    """Formats minor units exactly as format_money(minor, currency, locale) does, at a fraction of the cost."""

    def __init__(self, currency: str, exponent: int, locale: str):
        self.exponent = exponent
        sample = _SAMPLE_UNITS * 10**exponent + int("8" * exponent or "0")
        self._group, self._decimal, self._positive = self._layout(format_money(sample, currency, locale))
        *_, self._negative = self._layout(format_money(-sample, currency, locale))

    def _layout(self, text: str) -> tuple[str, str, tuple[str, str]]:
        digits = re.search(r"\d.*\d", text)
        assert digits is not None, text
        number = digits.group()
        group = number[1] if not number[1].isdigit() else ""
        decimal = number[-self.exponent - 1] if self.exponent else ""
        return group, decimal, (text[: digits.start()], text[digits.end() :])

    def __call__(self, minor: int) -> str:
        units, fraction = divmod(abs(minor), 10**self.exponent)
        text = f"{units:,}".replace(",", self._group)
        if self.exponent:
            text += f"{self._decimal}{fraction:0{self.exponent}d}"
        prefix, suffix = self._negative if minor < 0 else self._positive
        return f"{prefix}{text}{suffix}"
