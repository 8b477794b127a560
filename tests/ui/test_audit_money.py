"""The audit log window shows amounts as money, whatever kind of document they belong to."""

from __future__ import annotations

from datetime import UTC, datetime

from shopdesk.services.audit import Event
from shopdesk.ui.admin.audit_log import readable_changes
from shopdesk.ui.widgets.money import MoneyFormat


def test_refunds_agreed_amounts_and_values_read_as_money_not_cents(qapp) -> None:
    money = MoneyFormat("CNY", 2, "en_US")
    refund = Event(datetime.now(UTC), "amy", "case", 1, "CS-000001", "refund", {"refund": [None, 5000]}, "")
    agreed = Event(datetime.now(UTC), "amy", "case", 1, "CS-000001", "edited", {"solution_amount": [0, 23900]}, "")
    posted = Event(datetime.now(UTC), "bo", "stocktake", 2, "ST-000002", "status", {"value": [None, 159610]}, "")
    assert readable_changes(refund, money) == "refund: — → CN¥50.00"
    assert readable_changes(agreed, money) == "solution_amount: CN¥0.00 → CN¥239.00"
    assert readable_changes(posted, money) == "value: — → CN¥1,596.10"
