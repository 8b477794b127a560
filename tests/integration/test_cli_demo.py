"""`shopdesk demo` as a new shop owner (or CI) runs it, on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from shopdesk.cli import main
from shopdesk.services.shop import Shop


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def count_products(path: Path) -> int:
    shop, _ = Shop.open(str(path))
    try:
        return shop.catalogue.count_products()
    finally:
        shop.close()


def test_demo_fills_a_new_shop_and_says_what_it_made(tmp_path: Path, capsys) -> None:
    db = tmp_path / "new.sqlite"
    code, out, err = run(capsys, "--db", str(db), "demo", "--orders", "0", "--products", "200", "--customers", "30")
    assert code == 0, err
    assert "200 products" in out and "30 customers" in out and "2 warehouses" in out
    assert "products: 200/200" in err  # progress goes to stderr, the summary to stdout
    assert count_products(db) == 200


def test_a_second_demo_is_refused_without_force_and_nothing_changes(tmp_path: Path, capsys) -> None:
    db = tmp_path / "shop.sqlite"
    assert run(capsys, "--db", str(db), "demo", "--orders", "0", "--products", "120")[0] == 0
    code, out, err = run(capsys, "--db", str(db), "demo", "--orders", "0", "--products", "120")
    assert code == 1 and out == ""
    assert "already has 120 product(s)" in err and "--force" in err
    assert count_products(db) == 120

    code, out, err = run(
        capsys, "--db", str(db), "demo", "--orders", "0", "--products", "80", "--seed", "3", "--force", "--json"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["products"], summary["seed"], summary["database"]) == (80, 3, str(db))
    assert count_products(db) == 200


def test_the_same_seed_makes_the_same_summary(tmp_path: Path, capsys) -> None:
    first = run(
        capsys,
        "--db",
        str(tmp_path / "a.sqlite"),
        "demo",
        "--orders",
        "0",
        "--products",
        "150",
        "--seed",
        "11",
        "--json",
    )
    second = run(
        capsys,
        "--db",
        str(tmp_path / "b.sqlite"),
        "demo",
        "--orders",
        "0",
        "--products",
        "150",
        "--seed",
        "11",
        "--json",
    )
    without_place_and_time = [
        {k: v for k, v in json.loads(out).items() if k not in ("database", "seconds")} for _, out, _ in (first, second)
    ]
    assert without_place_and_time[0] == without_place_and_time[1]
    assert without_place_and_time[0]["styles"] > 0


def test_ctrl_c_in_the_middle_of_the_demo_keeps_nothing_and_says_so(tmp_path: Path, capsys, monkeypatch) -> None:
    from shopdesk.services import demo_stock

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # the person presses Ctrl-C while the opening stock is written

    monkeypatch.setattr(demo_stock, "opening_stock", interrupted)
    db = tmp_path / "shop.sqlite"
    code, _, err = run(capsys, "--db", str(db), "demo", "--orders", "0", "--products", "120")
    assert code == 130 and "Stopped: what was in progress was not saved." in err and "Traceback" not in err
    assert count_products(db) == 0


def test_the_summary_names_every_order_the_shop_has_replacements_included(tmp_path: Path, capsys) -> None:
    import re

    from sqlalchemy import func, select

    from shopdesk.db.models import Customer
    from shopdesk.db.models.orders import SalesOrder

    db = tmp_path / "shop.sqlite"
    code, out, err = run(capsys, "--db", str(db), "demo", "--products", "150", "--orders", "150", "--seed", "42")
    assert code == 0, err
    orders = re.search(r"([\d,]+) orders over the last 90 days: (.*)", out)
    replacements = re.search(r"plus (\d+) replacement orders? \(补发/换货\) sent by after-sales cases: (.*)", out)
    assert orders and replacements, out
    shop, _ = Shop.open(str(db))
    try:
        with shop.db.read() as conn:
            in_shop = conn.execute(select(func.count()).select_from(SalesOrder)).scalar_one()
            customers = conn.execute(select(func.count()).select_from(Customer)).scalar_one()
    finally:
        shop.close()
    said = int(orders.group(1).replace(",", "")) + int(replacements.group(1))
    assert said == in_shop
    # The customers too: the demo's own, and the first-time buyer an order brought (the order service added them).
    demo_customers = re.search(r"([\d,]+) customers with", out)
    more = re.search(r"(\d+) more customers?: a first-time buyer the order service added", out)
    assert demo_customers and more, out
    assert int(demo_customers.group(1).replace(",", "")) + int(more.group(1)) == customers
    # Each line's states add up to its own count.
    for found in (orders, replacements):
        states = sum(int(n) for n in re.findall(r"(\d+) [a-z_]+", found.group(2)))
        assert states == int(found.group(1).replace(",", ""))
