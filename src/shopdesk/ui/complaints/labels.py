"""The after-sales words as the UI shows them (工单, 产品质量, 退货退款, 回访 ...), translated by context "Cases".

The services speak in stored values ("quality", "return_refund"); these labels
are what a person reads. An unknown value is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

STATUS = {
    "new": QT_TRANSLATE_NOOP("Cases", "New"),
    "confirmed": QT_TRANSLATE_NOOP("Cases", "Confirmed"),
    "investigating": QT_TRANSLATE_NOOP("Cases", "Investigating"),
    "solution_agreed": QT_TRANSLATE_NOOP("Cases", "Solution agreed"),
    "in_progress": QT_TRANSLATE_NOOP("Cases", "In progress"),
    "awaiting_customer": QT_TRANSLATE_NOOP("Cases", "Awaiting customer"),
    "closed": QT_TRANSLATE_NOOP("Cases", "Closed"),
}
CLASS = {
    "quality": QT_TRANSLATE_NOOP("Cases", "Product quality"),
    "service": QT_TRANSLATE_NOOP("Cases", "Service attitude"),
    "logistics": QT_TRANSLATE_NOOP("Cases", "Logistics"),
    "other": QT_TRANSLATE_NOOP("Cases", "Other"),
}
CHANNEL = {
    "chat": QT_TRANSLATE_NOOP("Cases", "Online chat"),
    "phone": QT_TRANSLATE_NOOP("Cases", "Phone"),
    "email": QT_TRANSLATE_NOOP("Cases", "Email"),
    "social": QT_TRANSLATE_NOOP("Cases", "Social media"),
    "platform": QT_TRANSLATE_NOOP("Cases", "Platform"),
}
PRIORITY = {
    "urgent": QT_TRANSLATE_NOOP("Cases", "Urgent"),
    "high": QT_TRANSLATE_NOOP("Cases", "High"),
    "normal": QT_TRANSLATE_NOOP("Cases", "Normal"),
    "low": QT_TRANSLATE_NOOP("Cases", "Low"),
}
SOLUTION = {
    "refund_only": QT_TRANSLATE_NOOP("Cases", "Refund only"),
    "return_refund": QT_TRANSLATE_NOOP("Cases", "Return and refund"),
    "exchange": QT_TRANSLATE_NOOP("Cases", "Exchange"),
    "repair": QT_TRANSLATE_NOOP("Cases", "Repair"),
    "compensation": QT_TRANSLATE_NOOP("Cases", "Compensation"),
    "resend": QT_TRANSLATE_NOOP("Cases", "Resend"),
}
DISPOSITION = {
    "restock": QT_TRANSLATE_NOOP("Cases", "Back to stock"),
    "quarantine": QT_TRANSLATE_NOOP("Cases", "Quarantine"),
    "scrap": QT_TRANSLATE_NOOP("Cases", "Scrap"),
    "supplier": QT_TRANSLATE_NOOP("Cases", "Back to the supplier"),
    "lost": QT_TRANSLATE_NOOP("Cases", "Lost on the way"),
}
# Timeline entries that are not steps.
ACTION = {
    "created": QT_TRANSLATE_NOOP("Cases", "Case recorded"),
    "comment": QT_TRANSLATE_NOOP("Cases", "Comment"),
    "edited": QT_TRANSLATE_NOOP("Cases", "Details changed"),
    "escalated": QT_TRANSLATE_NOOP("Cases", "Escalated"),
    "evidence": QT_TRANSLATE_NOOP("Cases", "Evidence added"),
    "return": QT_TRANSLATE_NOOP("Cases", "Returned goods received"),
    "return_lost": QT_TRANSLATE_NOOP("Cases", "Return lost"),
    "refund": QT_TRANSLATE_NOOP("Cases", "Refund"),
    "replacement": QT_TRANSLATE_NOOP("Cases", "Replacement order"),
}
# The notes the service writes when a person gives none (services/aftersales.py): stored in English, shown in
# the app's language. A note a person typed is shown as typed.
STEP_NOTES = {
    "complaint and demand confirmed": QT_TRANSLATE_NOOP("Cases", "complaint and demand confirmed"),
    "investigating": QT_TRANSLATE_NOOP("Cases", "investigating"),
    "in progress": QT_TRANSLATE_NOOP("Cases", "in progress"),
    "awaiting customer": QT_TRANSLATE_NOOP("Cases", "awaiting customer"),
    "customer answered": QT_TRANSLATE_NOOP("Cases", "customer answered"),
}
AGREED = "agreed: "


def step_note(note: str) -> str:
    """A timeline note as the person reads it: the service's own words translated, 'agreed: refund_only' named."""
    if note.startswith(AGREED) and note[len(AGREED) :] in SOLUTION:
        return QCoreApplication.translate("Cases", "agreed: {solution}").format(
            solution=label(SOLUTION, note[len(AGREED) :])
        )
    return label(STEP_NOTES, note)


def label(table: Mapping[str, object], value: str) -> str:
    """The translated label of a stored value, or the value itself."""
    text = table.get(value)
    return QCoreApplication.translate("Cases", str(text)) if text else value


def choices(table: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, value) pairs in the table's order, for a combo box."""
    return [(QCoreApplication.translate("Cases", str(text)), value) for value, text in table.items()]
