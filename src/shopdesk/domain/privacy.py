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
