"""The rules behind the figures, in plain Python: periods, rates, ABC classes, turnover, RFM scores and segments.

Everything here is hand-computable, so the tests compute the same figures by hand:
- a rate is part ÷ whole as a Decimal fraction rounded half up to 4 places
  (0.2500 is 25.0 %), None when the whole is zero;
- ABC (库存 ABC 分类): items sorted by value, largest first; an item is A while
  the running total *before* it is under the A share of the total (so the item
  that crosses the line is still A, and one dominant item is always A), B while
  it is under A + B, else C. Items worth nothing (or less) are C;
- turnover (库存周转率) = cost of goods sold ÷ average stock value, average =
  (opening + closing) ÷ 2; days of inventory = period days ÷ turnover;
- RFM: recency (days since the last order), frequency (orders), monetary
  (spent). Each scores 1–5 against ascending breakpoints. Segments (新客户 /
  活跃 / 沉睡 / 流失): new while the first order is at most `new_days` old,
  else active while the last is at most `active_days` old, sleeping up to
  `lost_days`, lost after that.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

from shopdesk.domain.errors import Problem, ValidationFailed

K = TypeVar("K")
_FOUR = Decimal("0.0001")
_TWO = Decimal("0.01")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


# Periods ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """[start, end) in the shop computer's local calendar, as aware datetimes."""

    start: datetime
    end: datetime
    label: str  # "2026-10", or "2026-10-01 – 2026-10-15"

    @property
    def days(self) -> int:
        return max(1, round((self.end - self.start).total_seconds() / 86400))

    def is_partial(self, now: datetime) -> bool:
        """The period is not over yet (a month to date)."""
        return self.end > now


def local_midnight(year: int, month: int, day: int = 1) -> datetime:
    """Midnight of a local calendar day, as an aware datetime (the computer's time zone on that day)."""
    return datetime(year, month, day).astimezone()


def month_period(text: str, now: datetime) -> Period:
    """The calendar month "YYYY-MM"; a month that has not started yet is refused."""
    found = _MONTH.match(text or "")
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
        raise ValidationFailed([Problem("month", "write the month as YYYY-MM, e.g. 2026-10", text)], "No report")
    year, month = int(found.group(1)), int(found.group(2))
    start = local_midnight(year, month)
    if start > now:
        raise ValidationFailed(
            [
                Problem(
                    "month", f"{year:04d}-{month:02d} has not started yet; choose this month or an earlier one", text
                )
            ],
            "No report for a month in the future",
        )
    following = local_midnight(year + month // 12, month % 12 + 1)
    return Period(start, following, f"{year:04d}-{month:02d}")


def next_month(period: Period) -> str:
    year, month = period.start.year, period.start.month
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def days_in(period: Period) -> list[datetime]:
    """Each local day of the period, as its midnight."""
    days = []
    day = period.start.replace(tzinfo=None)
    last = period.end.astimezone().replace(tzinfo=None)
    while day < last:
        days.append(day.astimezone())
        day += timedelta(days=1)
    return days


def date_period(start: datetime, end: datetime) -> Period:
    """A period between two moments; refused when it ends before it starts."""
    if end <= start:
        raise ValidationFailed([Problem("to", "the period must end after it starts", end.isoformat())], "No report")
    label = f"{start.astimezone():%Y-%m-%d} – {(end - timedelta(seconds=1)).astimezone():%Y-%m-%d}"
    return Period(start, end, label)


def month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# Rates ------------------------------------------------------------------------------------
def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part ÷ whole as a fraction rounded half up to 4 places; None when the whole is zero or less."""
    if whole <= 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(_FOUR, rounding=ROUND_HALF_UP)


def average(total: int, count: int) -> int | None:
    """An average amount in minor units, rounded half up; None for no items."""
    if count <= 0:
        return None
    return int((Decimal(total) / count).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ABC --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AbcThresholds:
    """The shares of the total that make classes A and B (percent); C is the rest."""

    a: Decimal = Decimal(80)
    b: Decimal = Decimal(15)

    @property
    def c(self) -> Decimal:
        return Decimal(100) - self.a - self.b

    @classmethod
    def parse(cls, text: str) -> AbcThresholds:
        """ "80/15/5" or "80/15": percentages of A, B (and C, which must make 100)."""
        parts = [p.strip() for p in re.split(r"[/,\s]+", text.strip()) if p.strip()]
        try:
            numbers = [Decimal(p.rstrip("%")) for p in parts]
        except ArithmeticError:
            numbers = []
        if len(numbers) not in (2, 3):
            raise ValidationFailed([Problem("thresholds", "write them like 80/15/5", text)], "No ABC analysis")
        thresholds = cls(numbers[0], numbers[1])
        if len(numbers) == 3 and sum(numbers) != 100:
            raise ValidationFailed([Problem("thresholds", "A, B and C must add up to 100", text)], "No ABC analysis")
        thresholds.check()
        return thresholds

    def check(self) -> None:
        if self.a <= 0 or self.b < 0 or self.a + self.b > 100:
            raise ValidationFailed(
                [Problem("thresholds", "A above 0, B 0 or more, A + B at most 100", f"{self.a}/{self.b}")],
                "No ABC analysis",
            )

    def label(self) -> str:
        return f"{self.a.normalize():f}/{self.b.normalize():f}/{self.c.normalize():f}"


@dataclass(frozen=True)
class AbcItem(Generic[K]):
    key: K
    value: int
    share: Decimal | None  # of the total, fraction
    cumulative: Decimal | None  # running share including this item
    abc_class: str


def abc_classes(items: Sequence[tuple[K, int]], thresholds: AbcThresholds = AbcThresholds()) -> list[AbcItem[K]]:
    """Class A, B or C for each (key, value), largest value first (ties by the order given)."""
    thresholds.check()
    ranked = sorted(items, key=lambda kv: -kv[1])
    total = sum(v for _, v in ranked if v > 0)
    a_line = thresholds.a / 100
    b_line = (thresholds.a + thresholds.b) / 100
    result = []
    running = 0
    for key, value in ranked:
        before = Decimal(running) / total if total > 0 else Decimal(1)
        if value <= 0:
            cls = "C"
        elif before < a_line:
            cls = "A"
        elif before < b_line:
            cls = "B"
        else:
            cls = "C"
        running += max(value, 0)
        result.append(AbcItem(key, value, rate(max(value, 0), total), rate(running, total), cls))
    return result


# Turnover ---------------------------------------------------------------------------------
def turnover(cost_of_goods: int, opening_value: int, closing_value: int) -> Decimal | None:
    """Cost of goods sold ÷ average stock value, two decimals; None without stock to average."""
    average_value = Decimal(opening_value + closing_value) / 2
    if average_value <= 0:
        return None
    return (Decimal(cost_of_goods) / average_value).quantize(_TWO, rounding=ROUND_HALF_UP)


def days_of_inventory(days: int, cost_of_goods: int, opening_value: int, closing_value: int) -> Decimal | None:
    """How many days the average stock lasts at the period's rate of sale; None when nothing sold."""
    average_value = Decimal(opening_value + closing_value) / 2
    if cost_of_goods <= 0 or average_value <= 0:
        return None
    return (average_value * days / cost_of_goods).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# RFM --------------------------------------------------------------------------------------
SEGMENTS = ("new", "active", "sleeping", "lost")


@dataclass(frozen=True)
class SegmentRules:
    """How customers are scored and segmented; amounts are in the shop currency's major units (yuan)."""

    new_days: int = 30
    active_days: int = 90
    lost_days: int = 180
    recency_days: tuple[int, int, int, int] = (30, 60, 90, 180)  # at most this many days: 5, 4, 3, 2 (else 1)
    frequency_orders: tuple[int, int, int, int] = (2, 3, 5, 10)  # at least this many orders: 2, 3, 4, 5 (else 1)
    monetary_amounts: tuple[int, int, int, int] = (200, 500, 1000, 3000)  # at least this much spent: 2..5
    high_value_spent: int = 1000  # spent at least this much: a high-value customer (priority service)

    def check(self) -> None:
        problems = []
        if not 0 < self.new_days <= self.active_days < self.lost_days:
            problems.append(
                Problem(
                    "segments",
                    "days must grow: 0 < new ≤ active < lost",
                    f"{self.new_days}/{self.active_days}/{self.lost_days}",
                )
            )
        for name, breaks in (
            ("recency_days", self.recency_days),
            ("frequency_orders", self.frequency_orders),
            ("monetary_amounts", self.monetary_amounts),
        ):
            if len(breaks) != 4 or list(breaks) != sorted(breaks) or len(set(breaks)) != 4 or min(breaks) < 0:
                problems.append(Problem(name, "four different numbers, smallest first", str(breaks)))
        if self.high_value_spent < 0:
            problems.append(Problem("high_value_spent", "zero or more", str(self.high_value_spent)))
        if problems:
            raise ValidationFailed(problems, "The segment rules cannot be used")


def recency_score(days: int, breaks: Sequence[int]) -> int:
    """5 for the most recent buyers: at most breaks[0] days → 5, … more than breaks[3] → 1."""
    for score, limit in zip((5, 4, 3, 2), breaks, strict=True):
        if days <= limit:
            return score
    return 1


def at_least_score(value: int, breaks: Sequence[int]) -> int:
    """1 + how many breakpoints the value reaches (1 to 5)."""
    return 1 + sum(1 for limit in breaks if value >= limit)


def segment_of(first_days_ago: int, last_days_ago: int, rules: SegmentRules) -> str:
    if first_days_ago <= rules.new_days:
        return "new"
    if last_days_ago <= rules.active_days:
        return "active"
    if last_days_ago <= rules.lost_days:
        return "sleeping"
    return "lost"


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole local calendar days from one moment to another (same day: 0)."""
    return (later.astimezone().date() - earlier.astimezone().date()).days
