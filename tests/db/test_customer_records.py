"""A customer's record edited by the clerk: name, phones, addresses, channel, notes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from shopdesk.db.models import Customer
from shopdesk.domain.errors import Conflict, ValidationFailed
from shopdesk.domain.permissions import Permission, PermissionDenied, Role
from shopdesk.services.audit import AuditFilter, events
from shopdesk.services.customers import CustomerFilter, Customers
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.parties import Address, CustomerDraft
from shopdesk.services.privacy import Privacy
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules, stocked_shop

HOME = Address("王五", "13700001234", "CN", "广东省", "深圳市", "南山区", "科技园路1号", "518000")
OFFICE = Address("王五", "", "CN", "广东省", "深圳市", "福田区", "深南大道2000号", "518040")


def a_customer(shop: Shop) -> int:
    return shop.parties.create_customer(CustomerDraft("王五", ["13700001234"], [HOME], "wechat", notes="老客户"))


def test_the_clerk_changes_name_phones_addresses_channel_and_notes(shop: Shop) -> None:
    cid = a_customer(shop)
    record = shop.parties.get_customer(cid)
    edited = replace(
        record.draft,
        name="王小五",
        phones=["13700001234", "13911112222"],
        addresses=[replace(HOME, street="科技园路9号"), OFFICE],
        default_address=1,
        channel="taobao",
        notes="只收顺丰",
    )

    version = shop.parties.update_customer(cid, edited, record.version)

    again = shop.parties.get_customer(cid)
    assert version == again.version > record.version
    assert again.draft.name == "王小五" and again.draft.channel == "taobao" and again.draft.notes == "只收顺丰"
    assert again.draft.phones == ["13700001234", "13911112222"]
    assert [a.street for a in again.draft.addresses] == ["科技园路9号", "深南大道2000号"]
    assert again.draft.default_address == 1


def test_an_address_is_removed_and_the_default_follows(shop: Shop) -> None:
    cid = shop.parties.create_customer(CustomerDraft("王五", ["13700001234"], [HOME, OFFICE], default_address=1))
    record = shop.parties.get_customer(cid)
    assert record.draft.default_address == 1

    shop.parties.update_customer(cid, replace(record.draft, addresses=[OFFICE], default_address=0), record.version)

    again = shop.parties.get_customer(cid).draft
    assert [a.street for a in again.addresses] == ["深南大道2000号"] and again.default_address == 0


def test_a_change_of_phones_alone_is_a_new_version(shop: Shop) -> None:
    cid = a_customer(shop)
    record = shop.parties.get_customer(cid)
    version = shop.parties.update_customer(cid, replace(record.draft, phones=["13911112222"]), record.version)
    assert version > record.version
    with pytest.raises(Conflict):  # a form opened before that save is stale now
        shop.parties.update_customer(cid, replace(record.draft, notes="x"), record.version)


def test_every_problem_is_reported_at_once_and_nothing_changes(shop: Shop) -> None:
    cid = a_customer(shop)
    record = shop.parties.get_customer(cid)
    bad = replace(
        record.draft,
        name="  ",
        phones=["n/a"],
        addresses=[replace(HOME, city="", street="")],
        channel="",
    )
    with pytest.raises(ValidationFailed) as failed:
        shop.parties.update_customer(cid, bad, record.version)
    wheres = {(p.where, p.message) for p in failed.value.problems}
    assert {"name", "phone 1", "address 1", "channel"} <= {w for w, _ in wheres}
    assert ("address 1", "an address needs a city") in wheres and ("address 1", "an address needs a street") in wheres
    assert shop.parties.get_customer(cid) == record


def test_adding_a_customer_checks_the_same_things(shop: Shop) -> None:
    with pytest.raises(ValidationFailed) as failed:
        shop.parties.create_customer(CustomerDraft("", ["---"], [replace(HOME, street="")]))
    assert {p.where for p in failed.value.problems} == {"name", "phone 1", "address 1"}


def test_the_accountant_is_refused_and_nothing_changes(shop: Shop) -> None:
    cid = a_customer(shop)
    record = shop.parties.get_customer(cid)
    accountant = Shop(shop.db, user="会计", role=Role.ACCOUNTANT)
    with pytest.raises(PermissionDenied):
        accountant.parties.update_customer(cid, replace(record.draft, name="改名"), record.version)
    with pytest.raises(PermissionDenied):
        accountant.parties.create_customer(CustomerDraft("新客户"))
    assert shop.parties.get_customer(cid) == record


def test_an_erased_customer_cannot_be_edited(shop: Shop) -> None:
    cid = a_customer(shop)
    Privacy(shop).erase_customer(cid, "request by e-mail")
    record = shop.parties.get_customer(cid)
    with pytest.raises(Conflict, match="erased"):
        shop.parties.update_customer(cid, replace(record.draft, name="王五"), record.version)
    with shop.db.uow() as uow:
        assert uow.session.scalar(select(Customer.name).where(Customer.id == cid)).startswith("[erased]")


def test_the_edit_is_audited_and_masked_for_the_accountant(shop: Shop) -> None:
    cid = a_customer(shop)
    record = shop.parties.get_customer(cid)
    shop.parties.update_customer(
        cid, replace(record.draft, phones=["13911112222"], addresses=[OFFICE], notes="新备注"), record.version
    )
    flt = AuditFilter(entity="customer", entity_id=cid, action="edited")
    [full] = events(shop.db, flt, personal=True)
    assert set(full.changes) == {"phones", "addresses", "notes"}
    assert "13911112222" in json.dumps(full.changes, ensure_ascii=False)
    accountant = Shop(shop.db, user="会计", role=Role.ACCOUNTANT)
    [seen] = events(accountant.db, flt, personal=accountant.can(Permission.VIEW_PERSONAL_DATA))
    shown = json.dumps(seen.changes, ensure_ascii=False)
    assert "13911112222" not in shown and "深南大道2000号" not in shown and "新备注" not in shown


def test_the_order_list_finds_the_orders_by_the_new_name_and_the_customer_list_by_the_new_phone(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 5})
    lenient_rules(shop)
    cid = a_customer(shop)
    number = shop.orders.create_order(draft(("MUG", 1), customer_id=cid))
    record = shop.parties.get_customer(cid)

    shop.parties.update_customer(cid, replace(record.draft, name="赵六", phones=["13566667777"]), record.version)

    assert [o.number for o in shop.orders.list_orders(OrderFilter(text="赵六"))] == [number]
    assert [r.id for r in Customers(shop).page(CustomerFilter(text="13566667777"))] == [cid]
    assert [r.id for r in Customers(shop).page(CustomerFilter(text="13700001234"))] == []


def test_the_order_list_finds_a_customers_orders_by_the_number_they_call_from(shop: Shop) -> None:
    stocked_shop(shop, {"MUG": 5})
    lenient_rules(shop)
    cid = a_customer(shop)
    number = shop.orders.create_order(draft(("MUG", 1), customer_id=cid))  # shipped to another phone
    record = shop.parties.get_customer(cid)
    shop.parties.update_customer(cid, replace(record.draft, phones=["135 6666 7777"]), record.version)
    assert [o.number for o in shop.orders.list_orders(OrderFilter(text="13566667777"))] == [number]
    assert [o.number for o in shop.orders.list_orders(OrderFilter(text="6666777"))] == [number]
