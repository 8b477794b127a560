"""One customer's data: exported on request, erased for good, with the books unchanged."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from shopdesk.cli import main
from shopdesk.db.database import Database
from shopdesk.db.models import Customer, SalesOrder
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.permissions import Permission
from shopdesk.services.demo import build_demo
from shopdesk.services.order_queries import OrderFilter
from shopdesk.services.privacy import ERASED, Privacy
from shopdesk.services.reports import Reports
from shopdesk.services.shop import Shop


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> tuple[Path, list[str]]:
    """One demo shop with orders and cases for the module, and everything logged while building it at DEBUG."""
    path = tmp_path_factory.mktemp("privacy") / "demo.sqlite"
    shop, _ = Shop.open(str(path))
    records = _Records()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    try:
        build_demo(shop, products=60, customers=30, orders=120, seed=11)
    finally:
        root.removeHandler(records)
        root.setLevel(old_level)
        shop.close()
    return path, records.messages


@pytest.fixture
def demo_shop(demo_template, tmp_path):
    copy = tmp_path / "shop.sqlite"
    shutil.copyfile(demo_template[0], copy)
    shop = Shop(Database(str(copy)), user="tester")
    yield shop
    shop.close()


def busiest_customer(shop) -> int:
    with shop.db.read() as conn:
        rows = conn.execute(select(SalesOrder.customer_id).where(SalesOrder.customer_id.is_not(None))).scalars()
        ids = list(rows)
    return max(set(ids), key=ids.count)


def test_export_holds_everything_kept_about_the_customer(demo_shop, tmp_path) -> None:
    customer_id = busiest_customer(demo_shop)
    data = Privacy(demo_shop).export_customer(customer_id)
    assert data["customer"]["id"] == customer_id and data["customer"]["name"]
    assert data["phones"] and data["addresses"] and data["orders"]
    target = tmp_path / "subject-access.json"
    assert main(["--db", str(demo_shop.db.file), "privacy", "export", str(customer_id), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["customer"]["id"] == customer_id


def test_erasure_removes_what_identifies_the_person_and_leaves_the_month_end_figures_unchanged(demo_shop) -> None:
    customer_id = busiest_customer(demo_shop)
    before = Privacy(demo_shop).export_customer(customer_id)
    month = datetime.now(UTC).strftime("%Y-%m")
    figures_before = Reports(demo_shop).month_end_data(month).sales.total

    result = Privacy(demo_shop).erase_customer(customer_id, "asked by e-mail")

    assert result.orders == len(before["orders"])
    assert Reports(demo_shop).month_end_data(month).sales.total == figures_before
    after = Privacy(demo_shop).export_customer(customer_id)
    assert after["customer"]["name"].startswith(ERASED) and after["customer"]["erased_at"]
    assert after["phones"] == [] and after["addresses"] == []
    for order in after["orders"]:
        assert order["ship_name"] == ERASED and order["ship_phone"] == "" and order["ship_street"] == ""
        assert order["total"] in {o["total"] for o in before["orders"]}
    with demo_shop.db.read() as conn:
        names = set(conn.execute(select(Customer.name)).scalars())
        phones = set(conn.execute(select(SalesOrder.ship_phone)).scalars())
    assert before["customer"]["name"] not in names
    assert not set(before["phones"]) & phones
    # ...and neither the old name nor phone finds the orders any more
    for needle in [before["customer"]["name"], *before["phones"]]:
        assert demo_shop.orders.count_orders(OrderFilter(text=needle)) == 0, needle


def test_erasure_needs_a_reason_and_happens_once(demo_shop) -> None:
    customer_id = busiest_customer(demo_shop)
    with pytest.raises(ShopDeskError, match="Say why"):
        Privacy(demo_shop).erase_customer(customer_id, " ")
    Privacy(demo_shop).erase_customer(customer_id, "request")
    with pytest.raises(ShopDeskError, match="already erased"):
        Privacy(demo_shop).erase_customer(customer_id, "again")


def test_the_cli_asks_for_confirmation(demo_shop, capsys) -> None:
    customer_id = busiest_customer(demo_shop)
    db = str(demo_shop.db.file)
    assert main(["--db", db, "privacy", "erase", str(customer_id), "--reason", "asked"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", db, "privacy", "erase", str(customer_id), "--reason", "asked", "--yes"]) == 0


def test_personal_data_never_goes_into_the_logs(demo_template, demo_shop) -> None:
    """A whole demo shop with orders and cases, logged at DEBUG: no phone number or street appears."""
    logged = "\n".join(demo_template[1])
    with demo_shop.db.read() as conn:
        phones = {p for p in conn.execute(select(SalesOrder.ship_phone)).scalars() if p}
        streets = {s for s in conn.execute(select(SalesOrder.ship_street)).scalars() if s}
    assert phones and streets
    assert not [p for p in phones if p in logged]
    assert not [s for s in streets if s in logged]


def test_erasure_leaves_no_name_address_or_phone_in_the_audit_trail(shop) -> None:
    from dataclasses import replace as changed

    from shopdesk.db.models import AuditEvent
    from shopdesk.services.customers import Customers
    from tests.order_helpers import SHANGHAI, draft, lenient_rules, stocked_shop

    stocked_shop(shop, {"MUG": 5})
    lenient_rules(shop)
    number = shop.orders.create_order(draft(("MUG", 1)))
    order_draft, version = shop.orders.draft_of(number)
    moved = changed(SHANGHAI, street="陆家嘴环路1000号", phone="13912345678")
    shop.orders.update_order(number, changed(order_draft, ship_to=moved), version, "moved house")
    customer_id = shop.orders.get_order(number).customer_id
    Customers(shop).set_tags(customer_id, ["VIP"])

    Privacy(shop).erase_customer(customer_id, "asked by phone")

    with shop.db.read() as conn:
        rows = conn.execute(select(AuditEvent.entity_label, AuditEvent.changes)).all()
    trail = [(label or "", json.dumps(changes, ensure_ascii=False)) for label, changes in rows]
    assert trail
    for secret in ("张三", "13812345678", "13912345678", "世纪大道100号", "陆家嘴环路1000号"):
        assert not [event for event in trail if secret in event[0] or secret in event[1]], secret


def test_a_failed_statement_never_shows_the_values_it_carried(shop) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as failure, shop.db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO customer_phone (customer_id, phone) VALUES (:c, :p)"), {"c": -1, "p": "13812345678"}
        )
    assert "13812345678" not in str(failure.value)


def test_the_audit_trail_masks_addresses_and_phones_for_a_role_that_may_not_see_them(shop) -> None:
    from dataclasses import replace as changed

    from shopdesk.domain.permissions import Role
    from shopdesk.services.audit import AuditFilter, events
    from tests.order_helpers import SHANGHAI, draft, lenient_rules, stocked_shop

    stocked_shop(shop, {"MUG": 5})
    lenient_rules(shop)
    number = shop.orders.create_order(draft(("MUG", 1)))
    order_draft, version = shop.orders.draft_of(number)
    moved = changed(SHANGHAI, street="陆家嘴环路1000号", phone="13912345678")
    shop.orders.update_order(number, changed(order_draft, ship_to=moved), version, "moved house")
    accountant = Shop(shop.db, user="会计", role=Role.ACCOUNTANT)
    flt = AuditFilter(entity="order", action="edited")

    [seen] = events(accountant.db, flt, personal=accountant.can(Permission.VIEW_PERSONAL_DATA))
    shown = json.dumps(seen.changes, ensure_ascii=False)
    assert "13912345678" not in shown and "陆家嘴环路1000号" not in shown and "张三" not in shown and "***" in shown
    [full] = events(shop.db, flt, personal=shop.can(Permission.VIEW_PERSONAL_DATA))
    assert "陆家嘴环路1000号" in json.dumps(full.changes, ensure_ascii=False)
