"""Problem messages from the domain, in the language of the UI.

The domain writes its messages in English (they also reach the command line
and the logs). The ones a person meets while editing a product are
translated here by their shape; a message not listed stays English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_FIELDS = {
    "SKU": QT_TRANSLATE_NOOP("Problems", "SKU"),
    "Name": QT_TRANSLATE_NOOP("Problems", "Name"),
    "Second name": QT_TRANSLATE_NOOP("Problems", "Second name"),
    "Description": QT_TRANSLATE_NOOP("Problems", "Description"),
    "Category": QT_TRANSLATE_NOOP("Problems", "Category"),
    "Price": QT_TRANSLATE_NOOP("Problems", "Price"),
    "Cost": QT_TRANSLATE_NOOP("Problems", "Cost"),
}
_FIELD = "(?P<field>" + "|".join(_FIELDS) + ")"

_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_FIELD} is required$"), QT_TRANSLATE_NOOP("Problems", "{field} is required")),
    (
        re.compile(rf"^{_FIELD} is longer than (?P<limit>\d+) characters \((?P<found>\d+)\)$"),
        QT_TRANSLATE_NOOP("Problems", "{field} is longer than {limit} characters ({found})"),
    ),
    (re.compile(rf"^{_FIELD} cannot be negative$"), QT_TRANSLATE_NOOP("Problems", "{field} cannot be negative")),
    (
        re.compile(rf"^{_FIELD} is unrealistically large$"),
        QT_TRANSLATE_NOOP("Problems", "{field} is unrealistically large"),
    ),
    (
        re.compile(rf"^{_FIELD} contains invisible text-direction control characters$"),
        QT_TRANSLATE_NOOP("Problems", "{field} contains invisible text-direction control characters"),
    ),
    (
        re.compile(rf"^{_FIELD} contains control characters$"),
        QT_TRANSLATE_NOOP("Problems", "{field} contains control characters"),
    ),
    (
        re.compile(r"^SKU may only contain .*$"),
        QT_TRANSLATE_NOOP(
            "Problems",
            "SKU may only contain letters A-Z, digits and . _ / - + #, and must start with a letter or digit",
        ),
    ),
    (
        re.compile(r"^another product already has this SKU$"),
        QT_TRANSLATE_NOOP("Problems", "another product already has this SKU"),
    ),
    (
        re.compile(
            r"^(?P<kind>EAN-13|EAN-8|UPC-A) check digit is wrong: last digit is (?P<last>\d), should be (?P<expected>\d)$"
        ),
        QT_TRANSLATE_NOOP("Problems", "{kind} check digit is wrong: last digit is {last}, should be {expected}"),
    ),
    (
        re.compile(r"^barcode is longer than (?P<limit>\d+) characters$"),
        QT_TRANSLATE_NOOP("Problems", "barcode is longer than {limit} characters"),
    ),
    (
        re.compile(r"^barcode may only contain printable ASCII characters without spaces$"),
        QT_TRANSLATE_NOOP("Problems", "barcode may only contain printable ASCII characters without spaces"),
    ),
    (re.compile(r"^barcode listed twice$"), QT_TRANSLATE_NOOP("Problems", "barcode listed twice")),
    (
        re.compile(r"^barcode already belongs to (?P<sku>.+)$"),
        QT_TRANSLATE_NOOP("Problems", "barcode already belongs to {sku}"),
    ),
    (re.compile(r"^no product has this parent SKU$"), QT_TRANSLATE_NOOP("Problems", "no product has this parent SKU")),
    (
        re.compile(r"^a product cannot be its own parent$"),
        QT_TRANSLATE_NOOP("Problems", "a product cannot be its own parent"),
    ),
    (re.compile(r"^weight cannot be negative$"), QT_TRANSLATE_NOOP("Problems", "weight cannot be negative")),
]


def problem_text(message: str) -> str:
    """The message in the UI's language when its shape is known, else as the domain wrote it; capitalised."""
    for shape, template in _SHAPES:
        match = shape.match(message)
        if match:
            values = match.groupdict()
            if "field" in values:
                values["field"] = QCoreApplication.translate("Problems", _FIELDS[values["field"]])
            message = QCoreApplication.translate("Problems", template).format(**values)
            break
    return message[:1].upper() + message[1:]  # shown on a line of its own, as a sentence
