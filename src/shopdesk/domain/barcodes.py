"""Barcode kinds and check digits (EAN-13, UPC-A, EAN-8 validated; free Code128)."""

from __future__ import annotations

from stdnum import ean

EAN13 = "ean13"
UPCA = "upca"
EAN8 = "ean8"
CODE128 = "code128"

_GTIN_KINDS = {13: EAN13, 12: UPCA, 8: EAN8}
MAX_CODE128_LENGTH = 48


def classify(code: str) -> str:
    """Return the kind of a barcode, or raise ValueError saying what is wrong.

    All-digit codes of 8, 12 or 13 digits are GTINs and must have a correct
    check digit; anything else printable is a free Code128 code.
    """
    code = code.strip()
    if not code:
        raise ValueError("barcode is empty")
    if code.isdigit() and len(code) in _GTIN_KINDS:
        kind = _GTIN_KINDS[len(code)]
        expected = ean.calc_check_digit(code[:-1])
        if code[-1] != expected:
            raise ValueError(
                f"{kind.upper().replace('UPCA', 'UPC-A').replace('EAN', 'EAN-')} check digit is wrong: "
                f"last digit is {code[-1]}, should be {expected}"
            )
        return kind
    if len(code) > MAX_CODE128_LENGTH:
        raise ValueError(f"barcode is longer than {MAX_CODE128_LENGTH} characters")
    if not all(32 < ord(ch) < 127 for ch in code):
        raise ValueError("barcode may only contain printable ASCII characters without spaces")
    return CODE128


def with_check_digit(digits: str) -> str:
    """Complete 7, 11 or 12 digits into a valid EAN-8, UPC-A or EAN-13."""
    return digits + ean.calc_check_digit(digits)
