"""`shopdesk supplier …`: a newcomer's shop gets its suppliers from the command line, then orders from them."""

from __future__ import annotations

import json

from shopdesk.cli import main


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_newcomer_adds_suppliers_links_products_and_orders_from_them(db_url, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    products = tmp_path / "products.csv"
    products.write_text(
        "SKU,Name,Price,Cost\nMUG-1,马克杯,25.00,3.00\nPLATE-1,盘子,30.00,4.50\nBOWL-1,碗,20.00,2.00\n",
        encoding="utf-8",
    )
    assert run(db_url, capsys, "import", "products", str(products))[0] == 0
    code, out, err = run(db_url, capsys, "supplier", "list")
    assert code == 0 and "No suppliers yet" in out

    code, out, err = run(
        db_url, capsys, "supplier", "add", "ACME", "景德镇陶瓷厂", "--lead-time", "10", "--contact", "王经理"
    )
    assert (code, out) == (0, "Added supplier ACME 景德镇陶瓷厂\n"), err
    assert run(db_url, capsys, "supplier", "add", "TEA", "Tea House", "--lead-time", "3")[0] == 0
    code, out, err = run(
        db_url, capsys, "supplier", "link", "ACME", "MUG-1", "--supplier-sku", "AC-M1", "--cost", "3.20"
    )
    assert code == 0, err
    assert out == "ACME now supplies MUG-1: supplier SKU AC-M1, cost 3.20, lead time 10 day(s)\n"
    assert run(db_url, capsys, "supplier", "link", "acme", "PLATE-1", "--cost", "4.40", "--lead-time", "14")[0] == 0
    assert run(db_url, capsys, "supplier", "link", "TEA", "BOWL-1", "--cost", "1.90", "--preferred")[0] == 0
    # Linking again changes only what is given: the supplier SKU stays.
    code, out, _ = run(db_url, capsys, "supplier", "link", "ACME", "MUG-1", "--cost", "3.30", "--preferred")
    assert out == "ACME supplies MUG-1: supplier SKU AC-M1, cost 3.30, lead time 10 day(s), preferred\n"

    code, out, _ = run(db_url, capsys, "supplier", "list", "--json")
    assert [(s["code"], s["lead_time_days"], s["products"]) for s in json.loads(out)] == [
        ("ACME", 10, 2),
        ("TEA", 3, 1),
    ]
    code, out, _ = run(db_url, capsys, "supplier", "show", "ACME", "--json")
    shown = json.loads(out)
    assert (shown["name"], shown["contact"], shown["archived"]) == ("景德镇陶瓷厂", "王经理", False)
    assert [
        (p["sku"], p["supplier_sku"], p["cost"], p["lead_time_days"], p["preferred"]) for p in shown["products"]
    ] == [
        ("MUG-1", "AC-M1", "3.30", 10, True),
        ("PLATE-1", "", "4.40", 14, False),
    ]

    # Reorder suggestions know each product's supplier and lead time, and one action writes a PO per supplier.
    for sku in ("MUG-1", "PLATE-1", "BOWL-1"):
        assert run(db_url, capsys, "stock", "levels", sku, "--safety", "5", "--warning", "8")[0] == 0
    code, out, err = run(db_url, capsys, "stock", "reorder", "--create-pos", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert sorted((s["sku"], s["supplier"], s["lead_time_days"]) for s in data["suggestions"]) == [
        ("BOWL-1", "TEA", 3),
        ("MUG-1", "ACME", 10),
        ("PLATE-1", "ACME", 14),
    ]
    assert (len(data["created"]), data["without_supplier"]) == (2, [])
    orders = {}
    for number in data["created"]:
        po = json.loads(run(db_url, capsys, "po", "show", number, "--json")[1])
        orders[po["supplier"]] = [(ln["sku"], ln["unit_cost"]) for ln in po["lines"]]
    assert orders == {"ACME": [("MUG-1", "3.30"), ("PLATE-1", "4.40")], "TEA": [("BOWL-1", "1.90")]}

    # A purchase order by hand takes the supplier's cost for the product.
    code, out, err = run(db_url, capsys, "po", "new", "ACME", "MUG-1:60", "--json")
    assert code == 0, err
    assert [(ln["sku"], ln["unit_cost"]) for ln in json.loads(out)["lines"]] == [("MUG-1", "3.30")]


def test_bad_supplier_commands_say_what_is_wrong_and_change_nothing(db_url, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    products = tmp_path / "products.csv"
    products.write_text("SKU,Name,Price\nMUG-1,马克杯,25.00\n", encoding="utf-8")
    assert run(db_url, capsys, "import", "products", str(products))[0] == 0
    assert run(db_url, capsys, "supplier", "add", "ACME", "Acme")[0] == 0
    assert run(db_url, capsys, "supplier", "link", "ACME", "MUG-1", "--cost", "3.20")[0] == 0
    before = run(db_url, capsys, "supplier", "show", "ACME", "--json")[1]

    code, out, err = run(db_url, capsys, "supplier", "add", "acme", " ", "--lead-time", "-3")
    assert (code, out) == (1, "")
    assert "code: another supplier has this code (found: 'acme')" in err
    assert "name: Name is required" in err
    assert "lead_time_days: the lead time cannot be negative (found: '-3')" in err
    code, _, err = run(db_url, capsys, "supplier", "link", "ACME", "MUG-1", "--cost", "3.205", "--lead-time", "x")
    assert code == 1
    assert "--cost: the cost has more than 2 decimal places" in err
    assert "--lead-time: the lead time is a whole number of days (found: 'x')" in err
    code, _, err = run(db_url, capsys, "supplier", "link", "ACME", "MUG-1", "--cost", "-1")
    assert code == 1 and "Cost cannot be negative" in err
    code, _, err = run(db_url, capsys, "supplier", "edit", "ACME", "--name", "")
    assert code == 1 and "name: Name is required" in err
    code, _, err = run(db_url, capsys, "supplier", "show", "NOPE")
    assert code == 1 and "error: No supplier 'NOPE'" in err
    assert run(db_url, capsys, "supplier", "show", "ACME", "--json")[1] == before

    code, out, _ = run(db_url, capsys, "supplier", "archive", "ACME")
    assert (code, out) == (0, "ACME is archived\n")
    assert json.loads(run(db_url, capsys, "supplier", "list", "--json")[1]) == []
    code, _, err = run(db_url, capsys, "po", "new", "ACME", "MUG-1:5")
    assert code == 1 and "this supplier is archived" in err
    assert run(db_url, capsys, "supplier", "unarchive", "ACME")[1] == "ACME is active\n"
    code, out, _ = run(db_url, capsys, "supplier", "unlink", "ACME", "MUG-1")
    assert (code, out) == (0, "ACME no longer supplies MUG-1\n")
    code, _, err = run(db_url, capsys, "supplier", "unlink", "ACME", "MUG-1")
    assert code == 1 and "ACME does not supply MUG-1" in err
