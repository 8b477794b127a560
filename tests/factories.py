"""Small builders for test data, so tests read like the shop."""

from __future__ import annotations

import itertools

from shopdesk.domain.barcodes import with_check_digit
from shopdesk.domain.catalogue import ListingStatus, ProductDraft

_counter = itertools.count(1)


def ean13(n: int | None = None) -> str:
    n = next(_counter) if n is None else n
    return with_check_digit(f"690{n:09d}")


def product(sku: str | None = None, **overrides: object) -> ProductDraft:
    n = next(_counter)
    fields: dict[str, object] = {
        "sku": f"SKU-{n:05d}" if sku is None else sku,
        "name": f"Test product {n}",
        "price": 1990,
        "cost": 800,
        "status": ListingStatus.LISTED,
    }
    fields.update(overrides)
    return ProductDraft(**fields)  # type: ignore[arg-type]
