"""Phone numbers as the review rules compare them: one key however the number was written.

A clerk types 170-0739-0164, a shop exports +86 17007390164, a form sends
170 0739 0164: the same phone. `phone_key` keeps the digits and drops the
Chinese country prefix (+86, 0086, 86 before an 11-digit mobile), so all three
become 17007390164. A Chinese landline written internationally gets back its
trunk 0 (+86 10 1234 5678 and 010-12345678 are both 01012345678). Other
countries keep their country code as digits (+49 30 1234567 -> 49301234567);
the same foreign number written without it is not recognised as the same.

Masked phones from marketplaces (138****5678) hide the digits that would tell
two people apart: they cannot be matched to a real number, so a blocked
13812345678 does not catch them. Their key is the masked text without spaces or
separators, so the same masked phone still matches itself (as it always did).
"""

from __future__ import annotations

import re

_MASK = "*"
_KEEP_MASKED = re.compile(r"[^0-9*]")
_NOT_DIGIT = re.compile(r"[^0-9]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＊＋", "0123456789*+")
_CN_MOBILE = re.compile(r"1\d{10}")


def is_masked(phone: str) -> bool:
    """A marketplace's masked phone (138****5678): some digits are hidden."""
    return _MASK in phone


def phone_key(phone: str) -> str:
    """The phone as digits only, without the Chinese country prefix; "" when there are no digits."""
    text = phone.strip().translate(_FULL_WIDTH)
    if is_masked(text):
        return _KEEP_MASKED.sub("", text)
    digits = _NOT_DIGIT.sub("", text)
    international = text.startswith("+")
    if digits.startswith("00"):  # 00 is the international prefix, like +
        digits, international = digits[2:], True
    if international and digits.startswith("86"):
        national = digits[2:]
        if not national or national.startswith("0") or _CN_MOBILE.fullmatch(national):  # +86 (0)10…
            return national
        return "0" + national
    if not international and len(digits) == 13 and digits.startswith("86") and _CN_MOBILE.fullmatch(digits[2:]):
        return digits[2:]  # 8617007390164: a mobile with the country code but no plus
    return digits
