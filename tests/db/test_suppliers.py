"""Suppliers (供应商) as a shop keeps them: added, edited, archived, and linked to the products they supply."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopdesk.db.database import Database
from shopdesk.domain.errors import NotFound, ValidationFailed
from shopdesk.domain.permissions import PermissionDenied, Role
from shopdesk.services.audit import AuditFilter, events
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.shop import Shop
from tests.stock_helpers import build_layout, new_product


def acme(**overrides: object) -> SupplierDraft:
    values: dict[str, object] = {
        "code": "ACME",
        "name": "Acme Ceramics 景德镇陶瓷厂",
        "contact": "王经理",
        "phone": "0798-555 0101",
        "email": "sales@acme.example",
        "address": "江西省景德镇市珠山区陶瓷路 8 号",
        "lead_time_days": 10,
        "notes": "月结 30 天",
    }
    return SupplierDraft(**{**values, **overrides})  # type: ignore[arg-type]


def everything(shop: Shop) -> tuple[object, ...]:
    """Every supplier with its fields and every product link: what 'nothing changed' compares."""
    suppliers = [(r, shop.parties.get_supplier(r.id).draft) for r in shop.parties.list_suppliers(include_archived=True)]
    links = [link for r, _ in suppliers for link in shop.catalogue.supplier_products(r.id)]
    return suppliers, links


def test_a_supplier_is_added_found_and_edited_and_the_edit_is_in_the_audit_trail(shop: Shop) -> None:
    supplier_id = shop.parties.create_supplier(acme())
    shop.parties.create_supplier(SupplierDraft("TEA", "Tea House 茶具", lead_time_days=3))
    assert [(r.code, r.lead_time_days, r.products) for r in shop.parties.list_suppliers()] == [
        ("ACME", 10, 0),
        ("TEA", 3, 0),
    ]
    assert [r.code for r in shop.parties.list_suppliers("景德镇")] == ["ACME"]
    assert [r.code for r in shop.parties.list_suppliers("tea")] == ["TEA"]

    shop.parties.update_supplier("acme", acme(phone="0798-555 0202", lead_time_days=14, notes=""))
    detail = shop.parties.get_supplier(supplier_id)
    assert (detail.draft.code, detail.draft.phone, detail.draft.lead_time_days, detail.draft.notes) == (
        "ACME",
        "0798-555 0202",
        14,
        "",
    )
    assert shop.parties.get_supplier("Acme").id == supplier_id
    [edit] = events(shop.db, AuditFilter(entity="supplier", action="edited"))
    assert (edit.user, edit.entity_label) == ("tester", "ACME")
    assert edit.changes == {
        "phone": ["0798-555 0101", "0798-555 0202"],
        "lead_time_days": [10, 14],
        "notes": ["月结 30 天", ""],
    }


def test_bad_supplier_input_is_reported_all_at_once_and_nothing_changes(shop: Shop) -> None:
    shop.parties.create_supplier(acme())
    shop.parties.create_supplier(SupplierDraft("TEA", "Tea House"))
    before = everything(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.parties.create_supplier(SupplierDraft(" acme ", "  ", lead_time_days=-1, email="no-at-sign"))
    assert {(p.where, p.message) for p in refused.value.problems} == {
        ("code", "another supplier has this code"),
        ("name", "Name is required"),
        ("lead_time_days", "the lead time cannot be negative"),
        ("email", "an email address has an @"),
    }
    with pytest.raises(ValidationFailed) as refused:
        shop.parties.update_supplier("TEA", SupplierDraft("ACME", "", lead_time_days=400))
    assert {p.where for p in refused.value.problems} == {"code", "name", "lead_time_days"}
    with pytest.raises(ValidationFailed, match="supplier code is required"):
        shop.parties.create_supplier(SupplierDraft("", "Nameless Code"))
    with pytest.raises(NotFound, match="No supplier 'NOPE'"):
        shop.parties.update_supplier("NOPE", acme(code="NOPE"))
    assert everything(shop) == before


def test_products_are_linked_and_relinked_with_supplier_sku_cost_and_lead_time(shop: Shop) -> None:
    mug = new_product(shop, "MUG", cost=300)
    new_product(shop, "PLATE", cost=450)
    shop.parties.create_supplier(acme())
    shop.catalogue.link_supplier("mug", "ACME", supplier_sku="AC-MUG-1", cost=Decimal("3.20"), lead_time_days=7)
    shop.catalogue.link_supplier("PLATE", "acme", cost=480)
    [mug_link, plate_link] = shop.catalogue.supplier_products("ACME")
    assert (mug_link.sku, mug_link.supplier_sku, mug_link.cost, mug_link.effective_lead_time_days) == (
        "MUG",
        "AC-MUG-1",
        320,
        7,
    )
    # Without a lead time of its own, a link takes the supplier's.
    assert (plate_link.sku, plate_link.lead_time_days, plate_link.effective_lead_time_days) == ("PLATE", None, 10)
    assert shop.parties.list_suppliers()[0].products == 2

    shop.catalogue.link_supplier(mug, "ACME", supplier_sku="AC-MUG-2", cost=330)  # the supplier's new terms
    [relinked] = shop.catalogue.product_suppliers("MUG")
    assert (relinked.supplier_sku, relinked.cost, relinked.lead_time_days) == ("AC-MUG-2", 330, None)
    changed = events(shop.db, AuditFilter(entity="product", action="supplier terms changed"))
    assert [(e.entity_label, e.reason, e.changes["cost"]) for e in changed] == [("MUG", "ACME", [320, 330])]

    shop.catalogue.unlink_supplier("PLATE", "ACME")
    assert [link.sku for link in shop.catalogue.supplier_products("ACME")] == ["MUG"]
    with pytest.raises(NotFound, match="ACME does not supply PLATE"):
        shop.catalogue.unlink_supplier("PLATE", "ACME")


def test_bad_link_input_is_reported_all_at_once_and_nothing_changes(shop: Shop) -> None:
    new_product(shop, "MUG")
    shop.parties.create_supplier(acme())
    shop.catalogue.link_supplier("MUG", "ACME", cost=300)
    before = everything(shop)
    with pytest.raises(ValidationFailed) as refused:
        shop.catalogue.link_supplier("MUG", "ACME", cost=Decimal("3.205"), lead_time_days=-2, supplier_sku="X" * 65)
    assert {(p.where, p.message) for p in refused.value.problems} == {
        ("cost", "the cost has more than 2 decimal places"),
        ("lead_time_days", "the lead time cannot be negative"),
        ("supplier_sku", "Supplier SKU is longer than 64 characters (65)"),
    }
    with pytest.raises(ValidationFailed, match="Cost cannot be negative"):
        shop.catalogue.link_supplier("MUG", "ACME", cost=-1)
    with pytest.raises(ValidationFailed) as refused:
        shop.catalogue.link_supplier("NOSUCH", "NOPE")
    assert {p.where for p in refused.value.problems} == {"product", "supplier"}
    shop.parties.archive_supplier("ACME")
    with pytest.raises(ValidationFailed, match="this supplier is archived"):
        shop.catalogue.link_supplier("MUG", "ACME", cost=310)
    shop.parties.archive_supplier("ACME", archived=False)
    assert everything(shop) == before


def test_one_preferred_supplier_per_product_and_reordering_orders_from_it(shop: Shop) -> None:
    build_layout(shop)
    new_product(shop, "MUG", cost=300)
    shop.parties.create_supplier(acme())
    shop.parties.create_supplier(SupplierDraft("TEA", "Tea House", lead_time_days=3))
    shop.catalogue.link_supplier("MUG", "ACME", cost=300, preferred=True)
    shop.catalogue.link_supplier("MUG", "TEA", cost=320)
    assert [(s.supplier_code, s.preferred) for s in shop.catalogue.product_suppliers("MUG")] == [
        ("ACME", True),
        ("TEA", False),
    ]
    shop.catalogue.set_preferred_supplier("MUG", "tea")
    assert [(s.supplier_code, s.preferred) for s in shop.catalogue.product_suppliers("MUG")] == [
        ("TEA", True),
        ("ACME", False),
    ]
    shop.catalogue.link_supplier("MUG", "ACME", cost=300, preferred=True)  # relinked as preferred: TEA is not
    assert [s.supplier_code for s in shop.catalogue.product_suppliers("MUG") if s.preferred] == ["ACME"]

    shop.reordering.set_levels("MUG", safety_stock=5, warning_line=8)
    [line] = shop.reordering.suggestions()
    assert (line.supplier, line.lead_time_days) == ("ACME", 10)
    # An archived supplier gets no suggestions and no new purchase orders; its links stay for when it returns.
    shop.parties.archive_supplier("ACME")
    assert [r.code for r in shop.parties.list_suppliers()] == ["TEA"]
    assert [(r.code, r.archived) for r in shop.parties.list_suppliers(include_archived=True)] == [
        ("ACME", True),
        ("TEA", False),
    ]
    assert shop.reordering.suggestions()[0].supplier == "TEA"
    with pytest.raises(ValidationFailed, match="this supplier is archived"):
        shop.purchasing.create("ACME", [PoLineDraft("MUG", 10)])
    shop.parties.archive_supplier("ACME", archived=False)
    assert shop.reordering.suggestions()[0].supplier == "ACME"
    assert [e.action for e in events(shop.db, AuditFilter(entity="supplier"))] == ["restored", "archived"] + [
        "created"
    ] * 2


def test_the_accountant_reads_suppliers_but_changes_nothing(shop: Shop, db_url: str) -> None:
    new_product(shop, "MUG")
    shop.parties.create_supplier(acme())
    shop.catalogue.link_supplier("MUG", "ACME", cost=300, preferred=True)
    before = everything(shop)
    accountant = Shop(Database(db_url), user="会计", role=Role.ACCOUNTANT)
    try:
        for attempt, action in (
            (lambda: accountant.parties.create_supplier(SupplierDraft("NEW", "New")), "add suppliers"),
            (lambda: accountant.parties.update_supplier("ACME", acme(name="Renamed")), "change suppliers"),
            (lambda: accountant.parties.archive_supplier("ACME"), "archive suppliers"),
            (lambda: accountant.catalogue.link_supplier("MUG", "ACME", cost=1), "change product suppliers"),
            (lambda: accountant.catalogue.unlink_supplier("MUG", "ACME"), "change product suppliers"),
            (lambda: accountant.catalogue.set_preferred_supplier("MUG", "ACME"), "change product suppliers"),
        ):
            with pytest.raises(PermissionDenied, match=rf"会计 \(accountant\) may not {action}: .*role owner\."):
                attempt()
        assert [r.code for r in accountant.parties.list_suppliers()] == ["ACME"]  # reading is fine
        assert accountant.catalogue.product_suppliers("MUG")[0].cost == 300  # the accountant sees costs
    finally:
        accountant.close()
    assert everything(shop) == before


def test_warehouse_staff_are_not_shown_what_a_supplier_charges(shop: Shop, db_url: str) -> None:
    new_product(shop, "MUG")
    shop.parties.create_supplier(acme())
    shop.catalogue.link_supplier("MUG", "ACME", supplier_sku="AC-1", cost=300)
    warehouse = Shop(Database(db_url), user="小李", role=Role.WAREHOUSE)
    try:
        [link] = warehouse.catalogue.product_suppliers("MUG")
        assert (link.supplier_sku, link.cost) == ("AC-1", None)
    finally:
        warehouse.close()
