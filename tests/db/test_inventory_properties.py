"""Any sequence of stock operations keeps the books straight.

Hypothesis draws receipts, transfers (also to the other warehouse, through
transit), reservations, shipments with and without an order, returns,
quarantine, scrap and counts. After every step:
- each balance equals what a plain Python model of the shop expects, and the
  sum of its moves (db check's reconciliation), and is never negative;
- a refused step raised a ShopDeskError and changed nothing;
- the valuation equals the sum of the moves' values, and under FIFO the sum of
  the cost layers; under average, each cost of goods leaving is within half a
  minor unit of average × quantity.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from shopdesk.db.database import Database
from shopdesk.db.models import StockValuation
from shopdesk.db.stock_check import reconcile_stock
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.shop import Shop
from shopdesk.services.stock_ledger import SourceDoc
from tests.stock_helpers import build_layout, ledger_snapshot, new_product

BINS = ["WH1/A/A-01", "WH1/A/A-02", "WH2/B/B-01"]
WAREHOUSE = {"WH1/A/A-01": 1, "WH1/A/A-02": 1, "WH2/B/B-01": 2}
QUARANTINE = "@quarantine"
SKUS = ["P-1", "P-2"]

qty = st.integers(1, 12)
sku = st.sampled_from(SKUS)
bin_ = st.sampled_from(BINS)
order = st.integers(1, 3)
step = st.one_of(
    st.tuples(st.just("receive"), sku, bin_, st.integers(1, 20), st.integers(0, 999)),
    st.tuples(st.just("transfer"), sku, bin_, bin_, qty),
    st.tuples(st.just("arrive")),
    st.tuples(st.just("reserve"), sku, bin_, qty, order),
    st.tuples(st.just("ship_order"), sku, bin_, qty, order),
    st.tuples(st.just("ship"), sku, bin_, qty),
    st.tuples(st.just("release"), order),
    st.tuples(st.just("return"), sku, st.integers(1, 5), st.sampled_from([*BINS, QUARANTINE])),
    st.tuples(st.just("count"), sku, bin_, st.integers(0, 25)),
    st.tuples(st.just("scrap"), sku, st.sampled_from([*BINS, QUARANTINE]), qty),
    st.tuples(st.just("quarantine"), sku, bin_, qty),
    st.tuples(st.just("unquarantine"), sku, bin_, qty),
)


class Model:
    """What the shop should hold, kept the simplest way."""

    def __init__(self) -> None:
        self.on_hand: dict[tuple[str, str], int] = defaultdict(int)
        self.reserved: dict[tuple[str, str, int], int] = defaultdict(int)
        self.transfers: list[tuple[int, str, int, str]] = []  # (id, sku, qty, to)
        self.shipments: dict[str, list[list[int]]] = defaultdict(list)  # sku -> [[move_id, left to return]]

    def available(self, s: str, loc: str) -> int:
        return self.on_hand[(s, loc)] - sum(q for (s2, l2, _), q in self.reserved.items() if (s2, l2) == (s, loc))

    def balances(self) -> dict[tuple[str, str], tuple[int, int]]:
        result: dict[tuple[str, str], tuple[int, int]] = {}
        for (s, loc), q in self.on_hand.items():
            result[(s, loc)] = (q, 0)
        for (s, loc, _), q in self.reserved.items():
            oh, rs = result.get((s, loc), (0, 0))
            result[(s, loc)] = (oh, rs + q)
        in_transit: dict[str, int] = defaultdict(int)
        for _, s, q, _ in self.transfers:
            in_transit[s] += q
        for s in SKUS:
            result[(s, "@transit")] = (in_transit[s], 0)
        return {k: v for k, v in result.items() if v != (0, 0)}


def db_balances(shop: Shop, ids: dict[int, str], paths: dict[int, str]) -> dict[tuple[str, str], tuple[int, int]]:
    _, rows = ledger_snapshot(shop)
    return {(ids[p], paths[loc]): (oh, rs) for p, loc, oh, rs in rows if (oh, rs) != (0, 0)}


def valuation(shop: Shop, product_id: int) -> tuple[int, int]:
    with shop.db.read() as conn:
        row = conn.execute(
            select(StockValuation.quantity, StockValuation.value).where(StockValuation.product_id == product_id)
        ).first()
    return (row.quantity, row.value) if row else (0, 0)


def apply(shop: Shop, model: Model, ids: dict[str, int], s: tuple) -> None:  # type: ignore[type-arg]
    """Run one step on the shop; update the model only when the model says it must succeed."""
    inv, kind = shop.inventory, s[0]
    if kind == "receive":
        _, p, loc, q, cost = s
        inv.receive(p, q, loc, unit_cost=cost)
        model.on_hand[(p, loc)] += q
    elif kind == "transfer":
        _, p, src, dst, q = s
        ok = src != dst and model.available(p, src) >= q
        result = _expect(shop, ok, lambda: inv.transfer(p, q, src, dst))
        if ok:
            model.on_hand[(p, src)] -= q
            if result.in_transit:
                model.transfers.append((result.transfer_id, p, q, dst))
            else:
                model.on_hand[(p, dst)] += q
    elif kind == "arrive":
        if model.transfers:
            transfer_id, p, q, dst = model.transfers.pop(0)
            inv.receive_transfer(transfer_id)
            model.on_hand[(p, dst)] += q
    elif kind == "reserve":
        _, p, loc, q, o = s
        ok = model.available(p, loc) >= q
        _expect(shop, ok, lambda: inv.reserve(p, q, loc, SourceDoc("sales_order", o)))
        if ok:
            model.reserved[(p, loc, o)] += q
    elif kind == "ship_order":
        _, p, loc, q, o = s
        ok = model.reserved[(p, loc, o)] >= q and model.on_hand[(p, loc)] >= q
        _ship(shop, model, ids, p, q, loc, ok, SourceDoc("sales_order", o))
        if ok:
            model.reserved[(p, loc, o)] -= q
    elif kind == "ship":
        _, p, loc, q = s
        _ship(shop, model, ids, p, q, loc, model.available(p, loc) >= q, None)
    elif kind == "release":
        released = inv.release_order(SourceDoc("sales_order", s[1]))
        held = [k for k in model.reserved if k[2] == s[1]]
        assert released == sum(model.reserved.pop(k) for k in held)
    elif kind == "return":
        _, p, q, loc = s
        open_shipments = [sh for sh in model.shipments[p] if sh[1] > 0]
        if open_shipments:
            shipment = open_shipments[-1]
            ok = q <= shipment[1]
            _expect(shop, ok, lambda: inv.customer_return(p, q, loc, shipment_move_id=shipment[0]))
            if ok:
                shipment[1] -= q
                model.on_hand[(p, loc)] += q
    elif kind == "count":
        _, p, loc, counted = s
        inv.adjust(p, loc, set_to=counted, reason="stocktake")
        model.on_hand[(p, loc)] = counted
    elif kind in ("scrap", "quarantine"):
        _, p, loc, q = s
        ok = loc != QUARANTINE or kind == "scrap"
        ok = ok and model.available(p, loc) >= q
        action = inv.scrap if kind == "scrap" else inv.quarantine
        _expect(shop, ok, lambda: action(p, q, loc))
        if ok:
            model.on_hand[(p, loc)] -= q
            if kind == "quarantine":
                model.on_hand[(p, QUARANTINE)] += q
    elif kind == "unquarantine":
        _, p, loc, q = s
        ok = model.on_hand[(p, QUARANTINE)] >= q
        _expect(shop, ok, lambda: inv.release_quarantine(p, q, loc))
        if ok:
            model.on_hand[(p, QUARANTINE)] -= q
            model.on_hand[(p, loc)] += q


def _ship(shop, model, ids, p, q, loc, ok, order) -> None:  # type: ignore[no-untyped-def]
    owned_qty, owned_value = valuation(shop, ids[p])
    posted = _expect(shop, ok, lambda: shop.inventory.ship(p, q, loc, order=order))
    if not ok:
        return
    model.on_hand[(p, loc)] -= q
    model.shipments[p].append([posted.id, q])
    if shop.setting("valuation") == "average":
        # Within half a minor unit of average × quantity (never negative stock here, so q ≤ owned).
        assert abs(Decimal(posted.value) * owned_qty - Decimal(owned_value) * q) * 2 <= owned_qty


def _expect(shop: Shop, ok: bool, action):  # type: ignore[no-untyped-def]
    """Run the step; when the model says it must be refused, it raises and leaves the ledger as it was."""
    if ok:
        return action()
    before = ledger_snapshot(shop)
    with pytest.raises(ShopDeskError):
        action()
    assert ledger_snapshot(shop) == before
    return None


@pytest.mark.parametrize("method", ["average", "fifo"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_any_sequence_of_stock_operations_keeps_the_books_straight(sqlite_template: Path, method, steps) -> None:
    # A file in memory-backed /dev/shm when there is one: the same SQLite code, without waiting for the disk.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        target = Path(tmp) / "shop.sqlite"
        shutil.copyfile(sqlite_template, target)
        shop = Shop(Database(str(target)), user="hypothesis")
        try:
            build_layout(shop)
            ids = {s: new_product(shop, s) for s in SKUS}
            shop.inventory.set_valuation_method(method)
            with shop.db.read() as conn:
                paths = dict(conn.exec_driver_sql("SELECT id, path FROM location").all())
            names = {v: k for k, v in ids.items()}
            model = Model()
            for s in steps:
                apply(shop, model, ids, s)
                after_balances = db_balances(shop, names, paths)
                assert after_balances == model.balances(), s
                assert all(oh >= 0 for oh, _ in after_balances.values())
                with shop.db.read() as conn:
                    assert reconcile_stock(conn) == [], s
        finally:
            shop.close()
