"""`shopdesk report …` as the accountant runs it: the month-end workbook headless, the analyses as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import time_machine

from shopdesk.cli import main
from tests.reports.reading import figures, open_book
from tests.reports.shop_month import build_october

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    with time_machine.travel(DECEMBER, tick=True):
        code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_accountant_writes_octobers_workbook_from_the_command_line(sqlite_shop, capsys, tmp_path: Path) -> None:
    build_october(sqlite_shop)
    url, target = str(sqlite_shop.db.describe()), tmp_path / "out" / "2026-10.xlsx"
    target.parent.mkdir()
    code, out, err = run(url, capsys, "report", "month-end", "--month", "2026-10", "-o", str(target), "--lang", "zh_CN")
    assert code == 0, err
    assert "Net sales: 195.00" in out and "Stock value at closing: 437.00" in out
    assert figures(open_book(target)["汇总"])["净销售额"] == 195

    code, out, err = run(url, capsys, "--json", "report", "month-end", "--month", "2026-10", "-o", str(target))
    assert code == 0 and json.loads(out)["figures"]["Average order value"] == "85.00"

    code, out, err = run(
        url, capsys, "report", "month-end", "--month", "2027-01", "-o", str(tmp_path / "out" / "j.xlsx")
    )
    assert code == 1 and "has not started yet" in err
    code, out, err = run(
        url, capsys, "report", "month-end", "--month", "2026-10", "-o", str(tmp_path / "no" / "m.xlsx")
    )
    assert code == 1 and "does not exist" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2026-10.xlsx"]


def test_the_analyses_print_tables_or_json(sqlite_shop, capsys) -> None:
    build_october(sqlite_shop)
    url = str(sqlite_shop.db.describe())
    code, out, err = run(url, capsys, "report", "abc", "--month", "2026-10", "--thresholds", "50/30/20")
    assert code == 0, err
    assert [line.split()[:2] for line in out.splitlines() if line[:2] in ("A ", "B ", "C ")] == [
        ["A", "MUG"],
        ["B", "TEE"],
        ["C", "PEN"],
    ]
    code, out, err = run(url, capsys, "--json", "report", "sales", "--by", "channel", "--month", "2026-10")
    table = json.loads(out)["tables"][0]
    assert code == 0 and [row[0] for row in table["rows"]] == ["Manual", "Taobao"]  # as the app names them
    code, out, err = run(url, capsys, "report", "abc", "--month", "2026-10", "--thresholds", "90/20/5")
    assert code == 1 and "thresholds" in err
