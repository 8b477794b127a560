"""Case workflow, deadlines and return windows, with worked examples."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shopdesk.domain.aftersales import (
    CaseStatus,
    Closing,
    IllegalCaseChange,
    Priority,
    check_case_transition,
    check_closing,
    due_at,
    return_window,
)
from shopdesk.domain.errors import ShopDeskError

DELIVERED = datetime(2026, 11, 1, 15, 30, tzinfo=UTC)


def test_a_7_day_window_on_the_6th_day_is_within_and_on_the_8th_is_not() -> None:
    assert return_window(DELIVERED, datetime(2026, 11, 7, 9, 0, tzinfo=UTC), 7).within
    late = return_window(DELIVERED, datetime(2026, 11, 9, 9, 0, tzinfo=UTC), 7)
    assert not late.within and late.days_since_delivery == 8
    assert "outside the 7-day return window" in late.message


def test_a_48_hour_case_is_due_two_days_after_it_opened() -> None:
    opened = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert due_at(opened, Priority.NORMAL) == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    assert due_at(opened, Priority.URGENT, {"urgent": 2, "high": 8, "normal": 24, "low": 48}).hour == 12


def test_a_closed_case_reopens_to_investigating_only() -> None:
    check_case_transition("CS-1", CaseStatus.CLOSED, CaseStatus.INVESTIGATING)
    with pytest.raises(IllegalCaseChange, match="Case CS-1 is closed; it cannot become in_progress"):
        check_case_transition("CS-1", CaseStatus.CLOSED, CaseStatus.IN_PROGRESS)


@pytest.mark.parametrize(
    ("closing", "message"),
    [
        (Closing(result_told=False, satisfaction=5), "tell the customer"),
        (Closing(result_told=True), "follow-up"),
        (Closing(result_told=True, satisfaction=6), "1 to 5"),
    ],
)
def test_closing_needs_the_result_told_and_a_follow_up(closing: Closing, message: str) -> None:
    with pytest.raises(ShopDeskError, match=message):
        check_closing("CS-2", closing)


def test_closing_without_follow_up_is_fine_with_a_reason() -> None:
    check_closing("CS-3", Closing(result_told=True, no_followup_reason="customer unreachable after 3 calls"))
    check_closing("CS-3", Closing(result_told=True, satisfaction=4))
