"""What a scanned code is (扫码): a product by EAN-13 / UPC-A / EAN-8 / Code128 barcode or SKU, or a clear "unknown".

A USB scanner types the code and Enter; the scan fields of the app (receiving,
stocktake, packing) hand the text to `resolve_scan`, which only reads. An
unknown code that is a valid barcode can be given to a product as a new barcode
(`assign_barcode`); one with a wrong check digit was probably misread, and is
refused with a request to scan again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import Conflict, NotFound, Problem, ValidationFailed

if TYPE_CHECKING:
    from shopdesk.services.catalogue_editing import ProductDetail
    from shopdesk.services.shop import Shop

# Scanners add control characters (a tab, a stray CR) around what they read.
_STRIP = " \t\r\n\x00"


@dataclass(frozen=True)
class ScanResult:
    """A scan resolved: the product, or why not (and whether the code may be assigned to a product)."""

    code: str
    found: bool
    message: str
    product_id: int | None = None
    sku: str = ""
    name: str = ""
    unit: str = "piece"
    matched_by: str = ""  # "sku", "ean13", "upca", "ean8", "code128"
    can_assign: bool = False  # unknown, but a valid barcode that could be given to a product


class UnknownCode(NotFound):
    """A scan field was given a code no product has; `scan` says whether it may be assigned to a product."""

    def __init__(self, scan: ScanResult):
        self.scan = scan
        super().__init__(scan.message)


def _alternatives(code: str) -> list[str]:
    """The same GTIN written with or without the leading zero (UPC-A 12 digits is EAN-13 with a leading 0)."""
    if code.isdigit() and len(code) == 12:
        return ["0" + code]
    if code.isdigit() and len(code) == 13 and code.startswith("0"):
        return [code[1:]]
    return []


class Scanning:
    def __init__(self, shop: Shop):
        self.shop = shop

    def resolve_scan(self, code: str) -> ScanResult:
        """The product a scanned code names (SKU first, then barcodes), or a clear "unknown code" result."""
        text = code.strip(_STRIP)
        if not text:
            return ScanResult(code, False, "Nothing was scanned")
        for candidate in [text, *_alternatives(text)]:
            detail = self.shop.catalogue.find_by_code(candidate)
            if detail is not None:
                return _found(text, detail)
        try:
            kind = bc.classify(text)
        except ValueError as exc:
            return ScanResult(text, False, f"Unknown code {text}: {exc}. Scan it again.")
        return ScanResult(
            text,
            False,
            f"Unknown code {text}: no product has this SKU or barcode. Assign it to a product as a new barcode?",
            matched_by=kind,
            can_assign=True,
        )

    def assign_barcode(self, product_id: int, code: str) -> ScanResult:
        """Give a product a new barcode (a scanned code nobody knows); the check digit of a GTIN is verified."""
        text = code.strip(_STRIP)
        try:
            bc.classify(text)
        except ValueError as exc:
            raise ValidationFailed([Problem("barcode", str(exc), text)], "Barcode not assigned") from None
        owner = self.shop.catalogue.find_by_code(text)
        if owner is not None and owner.id != product_id:
            raise Conflict(f"{text} already names {owner.draft.sku} ({owner.draft.name}); it cannot name two products")
        detail = self.shop.catalogue.get_product(product_id)
        if owner is None:
            draft = replace(detail.draft, barcodes=[*detail.draft.barcodes, text])
            self.shop.catalogue.update_product(product_id, draft, detail.version)
        return _found(text, self.shop.catalogue.get_product(product_id))


def _found(code: str, detail: ProductDetail) -> ScanResult:
    draft = detail.draft
    if sku_key(draft.sku) == sku_key(code):
        matched = "sku"
    else:
        try:
            matched = bc.classify(code)
        except ValueError:
            matched = "barcode"
    return ScanResult(code, True, f"{draft.sku} {draft.name}", detail.id, draft.sku, draft.name, draft.unit, matched)
