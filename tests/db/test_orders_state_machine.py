"""No sequence of order actions reaches an illegal state or loses a reservation.

Hypothesis plays a shop for a while: orders come in, clerks confirm, approve,
reject, hold, allocate, deallocate, cancel, split, merge, pick, pack by scanning,
ship, deliver and complete them, goods arrive and waiting orders are allocated,
the backorder policy changes. Most steps act on an order in the state the step
is for (a packed order is shipped, an allocated one picked), so orders really go
all the way to shipped, delivered and completed; the rest try any action on any
order, which the domain must refuse unless it allows it. The review rules hold
nothing by themselves (a clerk still holds orders by hand) and the shelves are
stocked, so most orders can be allocated.
After every step:
- the stock reserved in stock_balance equals, product by product, the units of
  the allocated, picked and packed orders, and each order holds exactly its
  own units (tests/order_helpers.reservation_problems);
- balances are the sum of the stock moves (db.stock_check.reconcile_stock);
  nothing on hand or reserved is below zero, and nothing more is reserved than is on hand;
- every order is in a known state, with nothing shipped before it shipped and
  everything shipped after; every state change in any order's timeline is one
  domain.orders allows;
- a step the domain forbids was refused, and a refused step changed nothing:
  not the ledger, not the orders, not their timelines.
Each step is counted (hypothesis.event, and REACHED for the run); the test then
checks that the run really shipped, delivered and completed orders.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, or_, select

from shopdesk.db.database import Database
from shopdesk.db.models import AuditEvent, StockBalance
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.db.stock_check import reconcile_stock
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.order_draft import OrderLineDraft
from shopdesk.domain.orders import ALLOWED, OrderStatus
from shopdesk.services.shop import Shop
from tests.order_helpers import NANJING, SHANGHAI, draft, lenient_rules, reservation_problems
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

S = OrderStatus
SKUS = ("MUG", "TEE", "CAP")
BINS = ("WH1/A/A-01", "WH1/A/A-02", "WH2/B/B-01")
# Enough on the shelves of both warehouses for a good while; CAP runs short, so some orders wait for goods.
OPENING = (("MUG", 30, "WH1/A/A-01"), ("MUG", 10, "WH2/B/B-01"), ("TEE", 30, "WH2/B/B-01"), ("TEE", 10, "WH1/A/A-02"))
OPENING += (("CAP", 6, "WH1/A/A-02"),)
SHIPPED_OR_LATER = frozenset({S.SHIPPED, S.DELIVERED, S.COMPLETED})
OPEN = frozenset(ALLOWED) - SHIPPED_OR_LATER - {S.CANCELLED}
lines = st.lists(st.tuples(st.sampled_from(SKUS), st.integers(1, 4)), min_size=1, max_size=3)
# What a clerk may try on any order (each a method of OrderShop taking the order's number).
ACTIONS = (
    "confirm",
    "approve",
    "reject",
    "hold_by_hand",
    "allocate",
    "deallocate",
    "cancel",
    "pick",
    "pack_by_scanning",
    "ship",
    "deliver",
    "complete",
)
REACHED: Counter[str] = Counter()  # steps that went through, over the whole run (the test checks them)


def in_state(*states: S):  # type: ignore[no-untyped-def]
    """A precondition: some order is in one of `states`."""
    return precondition(lambda machine: bool(machine.numbers(*states)))


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

    @initialize(target=orders, waiting=st.lists(lines, min_size=1, max_size=3))
    def open_the_shop(self, waiting: list[list[tuple[str, int]]]) -> MultipleResults[str]:
        """The shelves are stocked, and the night's orders are in (confirmed: most are allocated at once)."""
        build_layout(self.shop)
        for sku in SKUS:
            new_product(self.shop, sku, price=1000, cost=400)
        for sku, units, where in OPENING:
            self.shop.inventory.receive(sku, units, where, unit_cost=400)
        lenient_rules(self.shop)
        return multiple(*(self.an_order_comes_in(wanted, False, False, True) for wanted in waiting))

    def teardown(self) -> None:
        self.shop.close()
        self._tmp.cleanup()

    # Reading the shop ------------------------------------------------------------------
    def snapshot(self) -> tuple[object, ...]:
        """What "nothing changed" compares."""
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

    def numbers(self, *states: S) -> list[str]:
        """The orders in one of `states`, oldest first."""
        with self.shop.db.read() as conn:
            return list(
                conn.execute(
                    select(SalesOrder.number)
                    .where(SalesOrder.status.in_([s.value for s in states]))
                    .order_by(SalesOrder.id)
                ).scalars()
            )

    def one_in(self, data: st.DataObject, *states: S) -> str:
        return data.draw(st.sampled_from(self.numbers(*states)), label=f"a {'/'.join(s.value for s in states)} order")

    def attempt(self, step: str, number: str | None, action, *args, target: S | None = None, **kwargs):  # type: ignore[no-untyped-def]
        """Run a step; a refusal must leave everything as it was, and a forbidden change must be refused."""
        before = self.snapshot()
        status = self.status(number) if number else None
        try:
            result = action(*args, **kwargs)
        except ShopDeskError as exc:
            assert self.snapshot() == before, f"{action.__name__} was refused ({exc}) but changed something"
            event(f"{step}: refused")
            return None
        if target is not None and status is not None:
            assert target in ALLOWED[status] or status is target, f"{status} -> {target} went through"
        event(f"{step}: done")
        REACHED[step] += 1
        return result

    # What a clerk does to an order -------------------------------------------------------
    def confirm(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("confirm", number, self.shop.order_flow.confirm, number, target=S.CONFIRMED)
        assert (result is not None) == (was is S.DRAFT)
        if result is not None:
            assert result.status in (S.ON_HOLD, S.ALLOCATED, S.CONFIRMED)

    def approve(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("approve", number, self.shop.order_flow.approve, number)
        assert (result is not None) == (was is S.ON_HOLD)

    def reject(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("reject", number, self.shop.order_flow.reject, number, "suspicious", target=S.CANCELLED)
        assert (result is not None) == (was is S.ON_HOLD)

    def hold_by_hand(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("hold", number, self.shop.order_flow.hold, number, "buyer called", target=S.ON_HOLD)
        assert (result is not None) == (S.ON_HOLD in ALLOWED[was])

    def allocate(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("allocate", number, self.shop.order_flow.allocate, number, target=S.ALLOCATED)
        assert (result is not None) == (was is S.CONFIRMED)

    def deallocate(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("deallocate", number, self.shop.order_flow.deallocate, number, target=S.CONFIRMED)
        assert (result is not None) == (was is S.ALLOCATED)
        if result is not None:
            assert self.status(number) is S.CONFIRMED

    def cancel(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(
            "cancel", number, self.shop.order_flow.cancel, number, "buyer cancelled", target=S.CANCELLED
        )
        assert (result is not None) == (S.CANCELLED in ALLOWED[was])

    def pick(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("pick", number, self.shop.order_flow.mark_picked, number, target=S.PICKED)
        assert (result is not None) == (S.PICKED in ALLOWED[was])

    def pack_by_scanning(self, number: str, wrong_first: bool = False) -> None:
        was = self.status(number)
        detail = self.shop.orders.get_order(number)
        skus = [ln.sku for ln in detail.lines for _ in range(ln.quantity - ln.qty_packed)]
        if wrong_first:
            stranger = next((s for s in SKUS if s not in {ln.sku for ln in detail.lines}), None)
            if stranger:
                assert self.attempt("wrong item", number, self.shop.order_flow.pack_scan, number, stranger) is None
        for sku in skus:
            if self.attempt("scan", number, self.shop.order_flow.pack_scan, number, sku, target=S.PACKED) is None:
                break
        if was in (S.ALLOCATED, S.PICKED):
            assert self.status(number) is S.PACKED
            REACHED["pack"] += 1
            event("pack: done")

    def ship(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt(
            "ship", number, self.shop.order_flow.ship, number, f"T{next(self.tracking)}", "SF", target=S.SHIPPED
        )
        assert (result is not None) == (was is S.PACKED)
        if result is not None:
            assert all(ln.qty_shipped == ln.quantity for ln in self.shop.orders.get_order(number).lines)

    def deliver(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("deliver", number, self.shop.order_flow.mark_delivered, number, target=S.DELIVERED)
        assert (result is not None) == (was is S.SHIPPED)

    def complete(self, number: str) -> None:
        was = self.status(number)
        result = self.attempt("complete", number, self.shop.order_flow.complete, number, target=S.COMPLETED)
        assert (result is not None) == (S.COMPLETED in ALLOWED[was])

    # Orders come in --------------------------------------------------------------------
    @rule(target=orders, wanted=lines, remark=st.booleans(), nanjing=st.booleans(), confirm=st.booleans())
    def an_order_comes_in(self, wanted: list[tuple[str, int]], remark: bool, nanjing: bool, confirm: bool) -> str:
        number = self.shop.orders.create_order(
            draft(
                *(OrderLineDraft(sku, qty) for sku, qty in wanted),
                ship_to=NANJING if nanjing else SHANGHAI,
                buyer_remark="please call first" if remark else "",
            )
        )
        if confirm:  # entered and confirmed at once, as most orders are
            self.confirm(number)
        return number

    # The day's work: orders moved on in the state they are in ------------------------------
    @in_state(S.DRAFT, S.ON_HOLD, S.CONFIRMED)
    @rule(data=st.data())
    def the_office_works_through_its_queue(self, data: st.DataObject) -> None:
        """Drafts are confirmed, held orders reviewed, waiting orders allocated (each, or left for later)."""
        for number in self.numbers(S.DRAFT, S.ON_HOLD, S.CONFIRMED):
            if not data.draw(st.booleans(), label=f"{number} worked"):
                continue
            status = self.status(number)
            if status is S.DRAFT:
                self.confirm(number)
            elif status is S.ON_HOLD:
                (self.approve if data.draw(st.integers(0, 3), label="approve") else self.reject)(number)
            elif status is S.CONFIRMED:
                self.allocate(number)

    @in_state(S.ALLOCATED, S.PICKED, S.PACKED, S.SHIPPED, S.DELIVERED)
    @rule(data=st.data())
    def the_warehouse_works_a_wave(self, data: st.DataObject) -> None:
        """Each order in fulfilment goes a few steps on (or waits): picked, packed by scanning, shipped, delivered.

        An allocated order may also be given back (deallocated: it waits, confirmed, for the office).
        """
        for number in self.numbers(S.ALLOCATED, S.PICKED, S.PACKED, S.SHIPPED, S.DELIVERED):
            for _ in range(data.draw(st.integers(0, 4), label=f"steps for {number}")):
                status = self.status(number)
                if status is S.ALLOCATED:  # picked from a pick list, packed straight away, or given back
                    getattr(self, data.draw(st.sampled_from(["pick", "pack_by_scanning", "deallocate"])))(number)
                elif status is S.PICKED:
                    self.pack_by_scanning(number, wrong_first=data.draw(st.booleans(), label="wrong item first"))
                elif status is S.PACKED:
                    self.ship(number)
                elif status is S.SHIPPED and data.draw(st.integers(0, 3), label="delivery confirmed"):
                    self.deliver(number)
                elif status in (S.SHIPPED, S.DELIVERED):
                    self.complete(number)

    @in_state(S.ALLOCATED)
    @rule(data=st.data(), action=st.sampled_from(["deallocate", "hold_by_hand", "cancel"]))
    def an_allocated_order_gives_its_stock_back(self, data: st.DataObject, action: str) -> None:
        """Deallocated (it waits, confirmed), held by hand or cancelled: its reservation is released."""
        getattr(self, action)(self.one_in(data, S.ALLOCATED))

    @in_state(*OPEN)
    @rule(data=st.data(), action=st.sampled_from(["hold_by_hand", "cancel", "pick"]))
    def an_open_order_goes_back(self, data: st.DataObject, action: str) -> None:
        """Held by hand, cancelled or unpacked: whatever its state allows."""
        getattr(self, action)(self.one_in(data, *OPEN))

    # Anything on any order, split and merge --------------------------------------------------
    @rule(number=orders, action=st.sampled_from(ACTIONS))
    def a_clerk_tries(self, number: str, action: str) -> None:
        getattr(self, action)(number)

    @rule(target=orders, number=orders, units=st.integers(1, 3))
    def split(self, number: str, units: int) -> str:
        detail = self.shop.orders.get_order(number)
        first = detail.lines[0]
        result = self.attempt(
            "split", number, self.shop.order_flow.split, number, {first.line_no: min(units, first.quantity)}
        )
        return result.new_orders[0] if result is not None else number

    @rule(a=orders, b=orders)
    def merge(self, a: str, b: str) -> None:
        self.attempt("merge", None, self.shop.order_flow.merge, [a, b])

    # Stock and settings ----------------------------------------------------------------
    @rule(sku=st.sampled_from(SKUS), qty=st.integers(1, 5), where=st.sampled_from(BINS))
    def goods_arrive(self, sku: str, qty: int, where: str) -> None:
        self.shop.inventory.receive(sku, qty, where, unit_cost=400)
        for result in self.shop.order_flow.allocate_waiting():
            assert result.status == S.ALLOCATED
            REACHED["allocate waiting"] += 1

    @rule(policy=st.sampled_from(["wait", "ship_available"]))
    def change_the_backorder_policy(self, policy: str) -> None:
        self.shop.order_flow.set_backorder_policy(policy)

    # After every step ------------------------------------------------------------------
    @invariant()
    def no_reservation_is_lost(self) -> None:
        assert reservation_problems(self.shop) == []

    @invariant()
    def balances_are_the_sum_of_the_moves_and_nothing_is_below_zero(self) -> None:
        with self.shop.db.read() as conn:
            assert reconcile_stock(conn) == []
            wrong = conn.execute(
                select(StockBalance.product_id, StockBalance.location_id, StockBalance.on_hand, StockBalance.reserved)
                .where(or_(StockBalance.on_hand < 0, StockBalance.reserved < 0,
                           StockBalance.reserved > StockBalance.on_hand))
            ).all()  # fmt: skip
        assert wrong == []

    @invariant()
    def every_order_is_in_a_legal_state(self) -> None:
        with self.shop.db.read() as conn:
            rows = conn.execute(
                select(
                    SalesOrder.number,
                    SalesOrder.status,
                    func.sum(SalesOrderLine.quantity),
                    func.sum(SalesOrderLine.qty_shipped),
                    func.sum(SalesOrderLine.qty_packed),
                )
                .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
                .group_by(SalesOrder.id, SalesOrder.number, SalesOrder.status)
            ).all()
        for number, status, quantity, shipped, packed in rows:
            state = S(status)  # a state the domain knows
            assert shipped == (quantity if state in SHIPPED_OR_LATER else 0), f"{number} ({state}): {shipped} shipped"
            if state is S.PACKED:
                assert packed == quantity, f"{number} is packed with {packed} of {quantity} items in the parcel"

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
    REACHED.clear()
    run_state_machine_as_test(
        lambda: OrderShop(sqlite_template),
        settings=settings(
            max_examples=40,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # The run went all the way: orders were picked, packed, shipped, delivered and completed, and taken back.
    went = {step for step, times in REACHED.items() if times}
    assert {"pick", "pack", "ship", "deliver", "complete", "deallocate", "cancel"} <= went, REACHED
