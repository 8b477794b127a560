"""No sequence of order actions reaches an illegal state or loses a reservation.

Hypothesis plays a shop for a while: orders come in, clerks confirm, approve,
reject, hold, allocate, deallocate, cancel, split, merge, pick, pack by scanning and ship them,
goods arrive and waiting orders are allocated, the backorder policy changes.
After every step:
- the stock reserved in stock_balance equals, product by product, the units of
  the allocated, picked and packed orders, and each order holds exactly its
  own units (tests/order_helpers.reservation_problems); nothing is below zero;
- every state change in any order's timeline is one domain.orders allows;
- a step the domain forbids was refused, and a refused step changed nothing:
  not the ledger, not the orders, not their timelines.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from shopdesk.db.database import Database
from shopdesk.db.models import AuditEvent
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.domain.orders import ALLOWED, OrderStatus
from shopdesk.services.shop import Shop
from tests.order_helpers import NANJING, SHANGHAI, draft, reservation_problems
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

S = OrderStatus
SKUS = ("MUG", "TEE", "CAP")
BINS = ("WH1/A/A-01", "WH1/A/A-02", "WH2/B/B-01")
lines = st.lists(st.tuples(st.sampled_from(SKUS), st.integers(1, 4)), min_size=1, max_size=3)


class OrderShop(RuleBasedStateMachine):
    orders = Bundle("orders")

    def __init__(self, template: Path) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None)
        target = Path(self._tmp.name) / "shop.sqlite"
        shutil.copyfile(template, target)
        self.shop = Shop(Database(str(target)), user="hypothesis")
        self.tracking = itertools.count(1)
        self.last_event = 0

    @initialize()
    def open_the_shop(self) -> None:
        build_layout(self.shop)
        for sku in SKUS:
            new_product(self.shop, sku, price=1000, cost=400)
        self.shop.inventory.receive("MUG", 4, "WH1/A/A-01", unit_cost=400)
        self.shop.inventory.receive("TEE", 3, "WH2/B/B-01", unit_cost=400)

    def teardown(self) -> None:
        self.shop.close()
        self._tmp.cleanup()

    # What "nothing changed" compares -------------------------------------------------
    def snapshot(self) -> tuple[object, ...]:
        with self.shop.db.read() as conn:
            orders = conn.execute(
                select(SalesOrder.number, SalesOrder.status, SalesOrder.total, SalesOrder.version).order_by(
                    SalesOrder.id
                )
            ).all()
            line_rows = conn.execute(
                select(
                    SalesOrderLine.order_id, SalesOrderLine.sku, SalesOrderLine.quantity, SalesOrderLine.qty_packed
                ).order_by(SalesOrderLine.id)
            ).all()
            events = conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        return ledger_snapshot(self.shop), [tuple(o) for o in orders], [tuple(r) for r in line_rows], events

    def status(self, number: str) -> S:
        with self.shop.db.read() as conn:
            return S(conn.execute(select(SalesOrder.status).where(SalesOrder.number == number)).scalar_one())

    def attempt(self, number: str | None, action, *args, target: S | None = None, **kwargs):  # type: ignore[no-untyped-def]
        """Run a step; a refusal must leave everything as it was, and a forbidden change must be refused."""
        before = self.snapshot()
        status = self.status(number) if number else None
        try:
            result = action(*args, **kwargs)
        except ShopDeskError as exc:
            assert self.snapshot() == before, f"{action.__name__} was refused ({exc}) but changed something"
            return None
        if target is not None and status is not None:
            assert target in ALLOWED[status] or status is target, f"{status} -> {target} went through"
        return result

    # Orders come in --------------------------------------------------------------------
    @rule(target=orders, wanted=lines, remark=st.booleans(), nanjing=st.booleans())
    def an_order_comes_in(self, wanted: list[tuple[str, int]], remark: bool, nanjing: bool) -> str:
        return self.shop.orders.create_order(
            draft(
                *(OrderLineDraft(sku, qty) for sku, qty in wanted),
                ship_to=NANJING if nanjing else SHANGHAI,
                buyer_remark="please call first" if remark else "",
            )
        )

    @rule(number=orders)
    def confirm(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.confirm, number, target=S.CONFIRMED)
        assert (result is not None) == (was is S.DRAFT)
        if result is not None:
            assert result.status in (S.ON_HOLD, S.ALLOCATED, S.CONFIRMED)

    @rule(number=orders)
    def approve(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.approve, number)
        assert (result is not None) == (was is S.ON_HOLD)

    @rule(number=orders)
    def reject(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.reject, number, "suspicious", target=S.CANCELLED)
        assert (result is not None) == (was is S.ON_HOLD)

    @rule(number=orders)
    def hold_by_hand(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.hold, number, "buyer called", target=S.ON_HOLD)
        assert (result is not None) == (S.ON_HOLD in ALLOWED[was])

    @rule(number=orders)
    def allocate(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.allocate, number, target=S.ALLOCATED)
        assert (result is not None) == (was is S.CONFIRMED)

    @rule(number=orders)
    def deallocate(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.deallocate, number, target=S.CONFIRMED)
        assert (result is not None) == (was is S.ALLOCATED)

    @rule(number=orders)
    def cancel(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.cancel, number, "buyer cancelled", target=S.CANCELLED)
        assert (result is not None) == (S.CANCELLED in ALLOWED[was])

    @rule(target=orders, number=orders, units=st.integers(1, 3))
    def split(self, number: str, units: int) -> str:
        detail = self.shop.orders.get_order(number)
        first = detail.lines[0]
        result = self.attempt(number, self.shop.order_flow.split, number, {first.line_no: min(units, first.quantity)})
        return result.new_orders[0] if result is not None else number

    @rule(a=orders, b=orders)
    def merge(self, a: str, b: str) -> None:
        self.attempt(None, self.shop.order_flow.merge, [a, b])

    # Fulfilment ------------------------------------------------------------------------
    @rule(number=orders)
    def pick(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(number, self.shop.order_flow.mark_picked, number, target=S.PICKED)
        assert (result is not None) == (S.PICKED in ALLOWED[was])

    @rule(number=orders, wrong_first=st.booleans())
    def pack_by_scanning(self, number: str, wrong_first: bool) -> None:
        was = self.status(number)
        detail = self.shop.orders.get_order(number)
        skus = [ln.sku for ln in detail.lines for _ in range(ln.quantity - ln.qty_packed)]
        if wrong_first:
            stranger = next((s for s in SKUS if s not in {ln.sku for ln in detail.lines}), None)
            if stranger:
                self.attempt(number, self.shop.order_flow.pack_scan, number, stranger)
        for sku in skus:
            if self.attempt(number, self.shop.order_flow.pack_scan, number, sku, target=S.PACKED) is None:
                break
        if was in (S.ALLOCATED, S.PICKED):
            assert self.status(number) is S.PACKED

    @rule(number=orders)
    def ship(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(
            number, self.shop.order_flow.ship, number, f"T{next(self.tracking)}", "SF", target=S.SHIPPED
        )
        assert (result is not None) == (was is S.PACKED)
        if result is not None:
            assert all(ln.qty_shipped == ln.quantity for ln in self.shop.orders.get_order(number).lines)

    @rule(number=orders)
    def deliver_and_complete(self, number: str) -> None:
        self.attempt(number, self.shop.order_flow.mark_delivered, number, target=S.DELIVERED)
        self.attempt(number, self.shop.order_flow.complete, number, target=S.COMPLETED)

    # Stock and settings ----------------------------------------------------------------
    @rule(sku=st.sampled_from(SKUS), qty=st.integers(1, 5), where=st.sampled_from(BINS))
    def goods_arrive(self, sku: str, qty: int, where: str) -> None:
        self.shop.inventory.receive(sku, qty, where, unit_cost=400)
        for result in self.shop.order_flow.allocate_waiting():
            assert result.status == S.ALLOCATED

    @rule(policy=st.sampled_from(["wait", "ship_available"]))
    def change_the_backorder_policy(self, policy: str) -> None:
        self.shop.order_flow.set_backorder_policy(policy)

    # After every step ------------------------------------------------------------------
    @invariant()
    def no_reservation_is_lost(self) -> None:
        assert reservation_problems(self.shop) == []

    @invariant()
    def every_state_change_was_allowed(self) -> None:
        with self.shop.db.read() as conn:
            events = conn.execute(
                select(AuditEvent.id, AuditEvent.entity_label, AuditEvent.changes)
                .where(AuditEvent.entity == "order", AuditEvent.action == "status", AuditEvent.id > self.last_event)
                .order_by(AuditEvent.id)
            ).all()
        for event_id, number, changes in events:
            old, new = (S(v) for v in changes["status"])
            assert new in ALLOWED[old], f"{number}: {old} -> {new}"
            self.last_event = event_id


def test_no_sequence_of_order_actions_reaches_an_illegal_state_or_loses_a_reservation(sqlite_template: Path) -> None:
    run_state_machine_as_test(
        lambda: OrderShop(sqlite_template),
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
