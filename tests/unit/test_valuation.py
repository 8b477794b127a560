"""Valuation rules in plain Python: half-up shares, no drift, FIFO order, exact allocation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopdesk.domain.stock import AverageState, Layer, NotEnoughStock, allocate, issue_fifo, share


def test_a_share_rounds_half_up() -> None:
    assert share(1001, 1, 2) == 501  # 500.5 → 501
    assert share(1000, 1, 3) == 333  # 333.33 → 333
    assert share(2000, 1, 3) == 667  # 666.67 → 667
    assert share(777, 5, 5) == 777  # all of it: exactly what is there


def test_average_issue_of_the_last_units_takes_exactly_what_is_left() -> None:
    state = AverageState(3, 1000)
    values = []
    for _ in range(3):
        value = state.issue_value(1, Decimal(0))
        values.append(value)
        state = state.issue(1, value)
    assert values == [333, 334, 333]
    assert state == AverageState(0, 0)


def test_with_no_stock_to_average_the_fallback_unit_cost_is_used() -> None:
    assert AverageState(0, 0).issue_value(4, Decimal("320.5")) == 1282


def test_fifo_takes_the_oldest_layers_first() -> None:
    layers = [Layer(1, 100, 32000), Layer(2, 50, 17500)]
    value, takes = issue_fifo(layers, 120)
    assert value == 32000 + 7000
    assert [(t.layer_id, t.quantity, t.value) for t in takes] == [(1, 100, 32000), (2, 20, 7000)]


def test_fifo_refuses_to_value_units_it_never_received() -> None:
    with pytest.raises(NotEnoughStock, match="only 5 unit"):
        issue_fifo([Layer(1, 5, 500)], 6)


@given(
    st.integers(min_value=0, max_value=10**9), st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=40)
)
def test_issuing_a_stock_piece_by_piece_never_drifts(value: int, pieces: list[int]) -> None:
    quantity = sum(pieces)
    state = AverageState(quantity, value)
    issued = 0
    for piece in pieces:
        before = state
        cost = state.issue_value(piece, Decimal(0))
        # Within half a minor unit of average × quantity at that moment.
        assert abs(Decimal(cost) * before.quantity - Decimal(before.value) * piece) * 2 <= before.quantity
        state = state.issue(piece, cost)
        issued += cost
        assert state.value >= 0
    assert issued == value and state == AverageState(0, 0)


@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 10_000)), min_size=1, max_size=10),
    st.data(),
)
def test_fifo_issues_add_up_to_the_layers_they_empty(layer_specs, data) -> None:  # type: ignore[no-untyped-def]
    layers = [Layer(i, q, v) for i, (q, v) in enumerate(layer_specs)]
    total_qty, total_value = sum(q for q, _ in layer_specs), sum(v for _, v in layer_specs)
    issued = 0
    while total_qty:
        take = data.draw(st.integers(1, total_qty))
        value, takes = issue_fifo(layers, take)
        by_id = {t.layer_id: t for t in takes}
        layers = [
            Layer(
                layer.id, layer.remaining_qty - by_id[layer.id].quantity, layer.remaining_value - by_id[layer.id].value
            )
            if layer.id in by_id
            else layer
            for layer in layers
        ]
        assert all(layer.remaining_value >= 0 for layer in layers)
        issued += value
        total_qty -= take
    assert issued == total_value


@given(st.integers(-(10**9), 10**9), st.lists(st.integers(0, 1000), min_size=1, max_size=20))
def test_allocation_adds_up_exactly(total: int, weights: list[int]) -> None:
    parts = allocate(total, weights)
    assert sum(parts) == (total if any(weights) else 0)
    assert all(p == 0 for p, w in zip(parts, weights, strict=True) if w == 0)
