"""The shop's after-sales settings (售后设置): deadlines, return windows, sub-reasons, evidence size, high returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from shopdesk.db.models import Category
from shopdesk.db.models.settings import write_settings
from shopdesk.domain.aftersales import CaseChannel, CaseClass, Priority, SolutionType
from shopdesk.domain.catalogue import check_text
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.permissions import Permission
from shopdesk.services import aftersales_records as rec
from shopdesk.services.access import guarded
from shopdesk.services.aftersales_refunds import CaseRefunds

# What a case's channel, class, priority and demand may be; the settings are kept per priority and class.
VALUES = {
    "channel": {c.value for c in CaseChannel},
    "case_class": {c.value for c in CaseClass},
    "priority": {p.value for p in Priority},
    "demand": {s.value for s in SolutionType},
}


class CaseSettings(CaseRefunds):
    """The shop's after-sales settings, read and changed; CaseEntry adds recording cases."""

    def settings(self) -> AftersalesSettings:
        """The shop's after-sales settings as they apply now: its own, else the defaults."""
        with self.db.read() as conn:
            by_category = rec.setting(conn, "return_window_days_by_category") or {}
            return AftersalesSettings(
                deadline_hours=rec.deadline_hours(conn),
                return_window_days=int(rec.setting(conn, "return_window_days")),
                return_window_days_by_category={str(k).strip("/"): int(v) for k, v in by_category.items()},
                sub_reasons=rec.sub_reasons(conn),
                evidence_max_bytes=rec.evidence_limit(conn),
                high_return_rate_percent=int(rec.setting(conn, "high_return_rate_percent")),
                high_return_min_units_sold=int(rec.setting(conn, "high_return_min_units_sold")),
            )

    @guarded(Permission.MANAGE_SHOP, "change the after-sales settings")
    def save_settings(self, new: AftersalesSettings) -> list[str]:
        """Check every setting, then save those that changed, for every computer; returns the keys saved.

        Refused with every problem listed, and nothing saved, when any value is wrong
        (the settings page and `shopdesk case settings` save through here).
        """
        reasons = {k: _clean_reasons(v) for k, v in new.sub_reasons.items()}
        by_category = _clean_categories(new.return_window_days_by_category)
        problems = _deadline_problems(new.deadline_hours)
        problems += [p for k, v in reasons.items() for p in _sub_reason_problems(k, v)]
        problems += self._window_problems(new.return_window_days, new.return_window_days_by_category)
        for key, where, low, high, rule in _LIMITS:
            value = getattr(new, key)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(Problem(where, rule, str(value)))
        if problems:
            raise ValidationFailed(problems, "After-sales settings not saved")
        current = self.settings()
        wanted = {
            "case_deadline_hours": {**current.deadline_hours, **new.deadline_hours},
            "return_window_days": new.return_window_days,
            "return_window_days_by_category": by_category,
            "case_sub_reasons": {**current.sub_reasons, **reasons},
            **{key: getattr(new, key) for key, *_ in _LIMITS},
        }
        before = {
            "case_deadline_hours": current.deadline_hours,
            "return_window_days": current.return_window_days,
            "return_window_days_by_category": current.return_window_days_by_category,
            "case_sub_reasons": current.sub_reasons,
            **{key: getattr(current, key) for key, *_ in _LIMITS},
        }
        changed = {k: v for k, v in wanted.items() if v != before[k]}
        with self.db.uow() as uow:  # one transaction: another computer sees all of them or none
            write_settings(uow.session, changed, user=self.user, defaults=before)
            uow.commit()
        return list(changed)

    @guarded(Permission.MANAGE_SHOP, "change the sub-reasons")
    def set_sub_reasons(self, case_class: str, reasons: Sequence[str]) -> None:
        """The sub-reasons the shop offers for a class (the clerk may still type another)."""
        cleaned = _clean_reasons(reasons)
        problems = _sub_reason_problems(case_class, cleaned)
        if problems:
            raise ValidationFailed(problems, "Sub-reasons not saved")
        current = self.sub_reasons()
        current[case_class] = cleaned
        self.shop.set_setting("case_sub_reasons", current)

    @guarded(Permission.MANAGE_SHOP, "change case deadlines")
    def set_deadline_hours(self, hours: Mapping[str, int]) -> None:
        """Hours to resolve a case per priority (处理时限); new cases are due that long after they arrive."""
        problems = _deadline_problems(hours)
        if problems:
            raise ValidationFailed(problems, "Deadlines not saved")
        self.shop.set_setting("case_deadline_hours", {**self.deadline_hours(), **hours})

    @guarded(Permission.MANAGE_SHOP, "change return windows")
    def set_return_window(self, days: int, by_category: Mapping[str, int] | None = None) -> None:
        """The shop's return window in days from delivery, and other windows for categories (by path)."""
        problems = self._window_problems(days, by_category or {})
        if problems:
            raise ValidationFailed(problems, "Return window not saved")
        self.shop.set_setting("return_window_days", days)
        if by_category is not None:
            self.shop.set_setting("return_window_days_by_category", _clean_categories(by_category))

    def _window_problems(self, days: object, by_category: Mapping[str, object]) -> list[Problem]:
        with self.db.read() as conn:
            paths = set(conn.execute(select(Category.path)).scalars()) if by_category else set()
        problems, seen = [], set()
        for where, value in [("return window", days), *((f"return window of {k}", v) for k, v in by_category.items())]:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
                problems.append(Problem(where, "a return window is 0 to 365 days", str(value)))
        for name in by_category:
            path = name.strip().strip("/").strip()
            if path not in paths:
                problems.append(Problem("return window category", "no such category in the catalogue", name))
            elif path in seen:
                problems.append(Problem("return window category", "this category is listed twice", name))
            seen.add(path)
        return problems


@dataclass
class AftersalesSettings:
    """The shop's after-sales settings, for every computer (the settings page, `shopdesk case settings`)."""

    deadline_hours: dict[str, int]  # priority -> hours to resolve a case (处理时限)
    return_window_days: int  # days from delivery (七天无理由退货)
    return_window_days_by_category: dict[str, int]  # category path -> days; the deepest match wins
    sub_reasons: dict[str, list[str]]  # class -> the sub-reasons offered (具体原因)
    evidence_max_bytes: int  # largest evidence file accepted
    high_return_rate_percent: int  # 高频退货商品预警: returns ÷ units sold at or above this...
    high_return_min_units_sold: int  # ...once at least this many were sold in the period


MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024
_LIMITS = (  # the whole-number settings: key, where a problem is said, lowest, highest, the rule
    ("evidence_max_bytes", "evidence size", 1024, MAX_EVIDENCE_BYTES, "1 KB up to 1 GB"),
    ("high_return_rate_percent", "high-return percent", 1, 100, "a whole percent from 1 to 100"),
    ("high_return_min_units_sold", "high-return units sold", 1, 1_000_000, "a whole number from 1 to 1,000,000"),
)


def _deadline_problems(hours: Mapping[str, object]) -> list[Problem]:
    problems = []
    for key, value in hours.items():
        if key not in VALUES["priority"]:
            problems.append(Problem("deadline", "not a priority (urgent, high, normal, low)", key))
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 24 * 90:
            problems.append(Problem(f"{key} deadline", "hours are a whole number from 1 to 2160", str(value)))
    return problems


def _clean_reasons(reasons: Sequence[str]) -> list[str]:
    return [r.strip() for r in reasons if r.strip()]


def _sub_reason_problems(case_class: str, cleaned: Sequence[str]) -> list[Problem]:
    problems = []
    if case_class not in VALUES["case_class"]:
        problems.append(Problem("case_class", f"one of {', '.join(sorted(VALUES['case_class']))}", case_class))
    where = f"{case_class} sub-reasons"
    problems += [Problem(where, m) for r in cleaned if (m := check_text("A sub-reason", r, 100))]
    if len({r.casefold() for r in cleaned}) != len(cleaned):
        problems.append(Problem(where, "a sub-reason is listed twice"))
    return problems


def _clean_categories(by_category: Mapping[str, int]) -> dict[str, int]:
    return {k.strip().strip("/").strip(): v for k, v in by_category.items()}
