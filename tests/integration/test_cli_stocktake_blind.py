"""`shopdesk stocktake show ST --blind`: what a counter sees of a blind count, and nothing of the book."""

from __future__ import annotations

import json

from shopdesk.cli import main
from tests.stock_helpers import build_layout, new_product


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_blind_prints_no_differences_gains_or_losses(shop, db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    build_layout(shop)
    new_product(shop, "MUG")
    shop.inventory.receive("MUG", 20, "WH1/A/A-01", unit_cost=300)
    number = shop.stocktakes.start(warehouse="WH1", blind=True).number
    shop.stocktakes.set_count(number, "MUG", 18)
    url = db_url

    code, out, err = run(url, capsys, "stocktake", "show", number, "--blind")
    assert code == 0, err
    assert out.splitlines()[0] == (
        f"{number}  counting  WH1  (blind): 1/1 line(s) counted, differences hidden until it is posted"
    )
    assert out.splitlines()[1].split() == (
        ["WH1/A/A-01", "MUG", "expected", "-", "moved", "-", "counted", "18", "difference", "-", "value", "-"]
    )
    code, out, _ = run(url, capsys, "stocktake", "show", number, "--blind", "--json")
    data = json.loads(out)
    assert (data["differences"], data["gain_value"], data["loss_value"]) == (None, None, None)
    assert [(ln["expected"], ln["counted"], ln["difference"]) for ln in data["count_lines"]] == [(None, 18, None)]
    code, _, err = run(url, capsys, "stocktake", "show", number, "--blind", "--differences")
    assert code != 0 and "blind count still being counted" in err
    code, out, _ = run(url, capsys, "stocktake", "show", number)  # the owner, reviewing
    assert "1 difference(s), gains 0.00, losses 6.00" in out
