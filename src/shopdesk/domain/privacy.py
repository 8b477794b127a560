"""Personal data as lists show it: masked (138****5678)."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """Keep the first 3 and last 4 digits of a phone number, mask the rest."""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(digits) < 7:
        return "*" * len(phone)
    hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


def mask_name(name: str) -> str:
    """张三丰 -> 张**, Anna Schmidt -> A*** S******."""
    if not name:
        return ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name[0] + "*" * (len(name) - 1)
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())


def mask_street(street: str) -> str:
    """世纪大道100号 -> 世纪******: the region stays readable elsewhere, the door does not."""
    return street[:2] + "*" * max(len(street) - 2, 0)


# Fields of a change (in the audit trail) that hold personal data, by a word in their name.
PERSONAL_FIELD_WORDS = ("name", "phone", "email", "street", "address", "recipient", "remark", "note", "buyer", "ship")


def is_personal_field(field: str) -> bool:
    return any(word in field for word in PERSONAL_FIELD_WORDS)


def mask_value(value: object) -> object:
    """A changed value of a personal field, masked whatever its shape (text, a ship-to record, a list)."""
    if isinstance(value, str):
        if sum(ch.isdigit() for ch in value) >= 7:
            return mask_phone(value)
        return value[:1] + "*" * max(len(value) - 1, 0)
    if isinstance(value, dict):
        return {key: mask_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(item) for item in value]
    return value
