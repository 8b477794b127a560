"""`shopdesk stock pick-order` and `add-location --pick-order`: the walking route from the command line."""

from __future__ import annotations

import json

from shopdesk.cli import main
from shopdesk.services import audit
from tests.stock_helpers import build_layout


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def walk(shop) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(b.path, b.pick_order) for b in shop.locations.bins("WH1")]


def test_a_bin_is_moved_on_the_walk_and_a_new_bin_placed_on_it(shop, db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    build_layout(shop)
    code, out, err = run(db_url, capsys, "stock", "pick-order", "WH1/A/A-02", "0")
    assert (code, err) == (0, "")
    assert out == "WH1/A/A-02 now has pick order 0 (stop 1 of 2 on the walk through its warehouse)\n"
    code, out, err = run(db_url, capsys, "stock", "add-location", "WH1/C/C-01", "--pick-order", "1", "--json")
    assert code == 0, err
    assert json.loads(out) == {"created": ["WH1/C", "WH1/C/C-01"]}
    code, out, _ = run(db_url, capsys, "stock", "locations", "--warehouse", "WH1", "--json")
    bins = [(d["path"], d["pick_order"]) for d in json.loads(out) if d["kind"] == "bin"]
    assert bins == [("WH1/A/A-02", 0), ("WH1/A/A-01", 1), ("WH1/C/C-01", 1)]
    code, out, _ = run(db_url, capsys, "stock", "pick-order", "a-01", "5", "--json")
    assert json.loads(out) == {
        "path": "WH1/A/A-01",
        "pick_order": 5,
        "walk": ["WH1/A/A-02", "WH1/C/C-01", "WH1/A/A-01"],
    }
    assert [e.changes for e in audit.events(shop.db, audit.AuditFilter(entity="location"))] == [
        {"pick_order": [1, 5]},
        {"pick_order": [2, 0]},
    ]


def test_bad_input_says_what_is_wrong_exits_1_and_changes_nothing(shop, db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    build_layout(shop)
    before = walk(shop)
    for args, message in (
        (("pick-order", "WH1/A/A-01", "-1"), "N must be a whole number of zero or more (found: '-1')"),
        (("pick-order", "WH1/A/A-01", "two"), "N must be a whole number of zero or more (found: 'two')"),
        (("pick-order", "WH1/A", "3"), "location: only a bin has a pick order, and this is a zone (found: 'WH1/A')"),
        (("pick-order", "WH1/A/A-09", "3"), "No location 'WH1/A/A-09'"),
        (("add-location", "WH1/D", "--pick-order", "3"), "--pick-order is for a bin: give WH/ZONE/BIN"),
        (("add-location", "WH3/D/D-01", "--pick-order", "x"), "--pick-order must be a whole number"),
        (("add-location", "WH3/D/D-01", "--pick-order", "10000000"), "--pick-order must be at most 999999"),
        (
            ("add-location", "WH1/A/A-01", "--pick-order", "4"),
            "WH1/A/A-01 already exists: change its place on the walk with `shopdesk stock pick-order WH1/A/A-01 4`",
        ),
    ):
        code, out, err = run(db_url, capsys, "stock", *args)
        assert (code, out) == (1, ""), args
        assert message in err, (args, err)
    assert walk(shop) == before
    assert [w.path for w in shop.locations.warehouses()] == ["WH1", "WH2"]  # no WH3 half-made
    assert audit.events(shop.db, audit.AuditFilter(entity="location")) == []
