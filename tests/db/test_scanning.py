"""Scanning (扫码): a code is a product by barcode or SKU, or a clear "unknown code" that can be given to a product."""

from __future__ import annotations

import pytest

from shopdesk.domain.barcodes import with_check_digit
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.services.shop import Shop
from tests.stock_helpers import new_product

MUG_EAN = with_check_digit("690123456789")  # 6901234567892
UPC = with_check_digit("03600029145")  # a 12-digit UPC-A: 036000291452


def test_a_scan_finds_the_product_by_barcode_or_sku(shop: Shop) -> None:
    new_product(shop, "MUG-01", name="陶瓷杯", barcodes=[MUG_EAN])
    by_barcode = shop.scanning.resolve_scan(MUG_EAN + "\r\n")  # scanners end with Enter
    assert (by_barcode.found, by_barcode.sku, by_barcode.name, by_barcode.matched_by) == (
        True,
        "MUG-01",
        "陶瓷杯",
        "ean13",
    )
    by_sku = shop.scanning.resolve_scan("mug-01")
    assert (by_sku.found, by_sku.sku, by_sku.matched_by) == (True, "MUG-01", "sku")


def test_upc_a_and_its_ean_13_form_are_the_same_product(sqlite_shop: Shop) -> None:
    new_product(sqlite_shop, "SODA", barcodes=["0" + UPC])  # stored as EAN-13 with the leading zero
    assert sqlite_shop.scanning.resolve_scan(UPC).sku == "SODA"
    new_product(sqlite_shop, "JUICE", barcodes=[with_check_digit("04210000526")])  # stored as UPC-A
    assert sqlite_shop.scanning.resolve_scan("0" + with_check_digit("04210000526")).sku == "JUICE"


def test_an_unknown_code_says_so_and_offers_to_assign_it(sqlite_shop: Shop) -> None:
    unknown = sqlite_shop.scanning.resolve_scan("6909876543210")
    valid = with_check_digit("690987654321")
    assert not unknown.found  # the check digit is wrong: a misread, not a new product
    assert not unknown.can_assign
    assert (
        unknown.message
        == "Unknown code 6909876543210: EAN-13 check digit is wrong: last digit is 0, should be 2. Scan it again."
    )
    fresh = sqlite_shop.scanning.resolve_scan(valid)
    assert (fresh.found, fresh.can_assign, fresh.matched_by) == (False, True, "ean13")
    assert fresh.message == (
        f"Unknown code {valid}: no product has this SKU or barcode. Assign it to a product as a new barcode?"
    )
    assert sqlite_shop.scanning.resolve_scan("   ").message == "Nothing was scanned"


def test_an_unknown_barcode_is_assigned_to_a_product(shop: Shop) -> None:
    mug = new_product(shop, "MUG-01", barcodes=[MUG_EAN])
    code = with_check_digit("690555000111")
    assigned = shop.scanning.assign_barcode(mug, code)
    assert (assigned.found, assigned.sku) == (True, "MUG-01")
    assert shop.scanning.resolve_scan(code).sku == "MUG-01"
    assert shop.catalogue.get_product(mug).draft.barcodes == [MUG_EAN, code]


def test_assigning_a_misread_or_taken_code_is_refused(shop: Shop) -> None:
    mug = new_product(shop, "MUG-01", barcodes=[MUG_EAN])
    new_product(shop, "TEA-01", barcodes=[with_check_digit("690777000111")])
    with pytest.raises(ValidationFailed, match="check digit is wrong"):
        shop.scanning.assign_barcode(mug, "6905550001110")
    with pytest.raises(Conflict, match="already names TEA-01"):
        shop.scanning.assign_barcode(mug, with_check_digit("690777000111"))
    assert shop.catalogue.get_product(mug).draft.barcodes == [MUG_EAN]
