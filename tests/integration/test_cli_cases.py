"""`shopdesk case …` as a script or the service desk uses it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import aftersales_snapshot, delivered_order, shop_with_mugs
from tests.stock_helpers import new_product


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, "case", *args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(url: str, capsys, *args: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    code, out, err = run(url, capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def order(shop: Shop) -> str:
    shop_with_mugs(shop)
    # The command line works at the real time: the parcel arrived yesterday.
    return delivered_order(shop, ("MUG", 3), delivered_at=datetime.now(UTC) - timedelta(days=1))


def test_a_return_from_arrival_to_follow_up_on_the_command_line(
    shop: Shop, db_url: str, order: str, capsys, tmp_path: Path
) -> None:
    photo = tmp_path / "crack.jpg"
    photo.write_bytes(b"\xff\xd8 crack \xff\xd9")
    created = ok(
        db_url,
        capsys,
        "new",
        "--order",
        order,
        "--line",
        "1:3",
        "--channel",
        "platform",
        "--class",
        "quality",
        "--sub-reason",
        "破损 damaged",
        "--demand",
        "return_refund",
        "--description",
        "三个杯子都碎了",
        "--priority",
        "high",
        "--owner",
        "amy",
        "--evidence",
        str(photo),
    )
    number = created["number"]
    assert number == "CS-000001" and created["warning"] == ""
    for action in (["confirm", number], ["investigate", number, "--note", "photos checked"]):
        ok(db_url, capsys, *action)
    ok(db_url, capsys, "agree", number, "--type", "return_refund", "--amount", "75.00", "--owner", "bo")
    assert ok(db_url, capsys, "start", number)["status"] == "in_progress"
    ok(db_url, capsys, "await", number, "--note", "waiting for the parcel")
    received = ok(db_url, capsys, "receive-return", number, "1:2:restock", "MUG:1:scrap", "--note", "one cracked")
    assert received["by_disposition"] == {
        "restock": {"units": 2, "value": "20.00"},
        "scrap": {"units": 1, "value": "10.00"},
    }
    refund = ok(db_url, capsys, "refund", number, "75.00", "--method", "alipay")
    assert (refund["refunded"], refund["refundable"], refund["payment_status"]) == (
        "75.00",
        "10.00",
        "partially_refunded",
    )
    ok(db_url, capsys, "comment", number, "客户很满意")
    ok(db_url, capsys, "close", number, "--told", "refund 75.00 sent", "--score", "5")

    shown = ok(db_url, capsys, "show", number)
    assert (shown["status"], shown["satisfaction"], shown["refunded"], shown["refundable"]) == (
        "closed",
        5,
        "75.00",
        "10.00",
    )
    assert [(r["quantity"], r["disposition"], r["value"]) for r in shown["returns"]] == [
        (2, "restock", "20.00"),
        (1, "scrap", "10.00"),
    ]
    assert [e["filename"] for e in shown["evidence"]] == ["crack.jpg"]
    assert [e["to_status"] for e in shown["timeline"] if e["action"] == "status"] == [
        "confirmed",
        "investigating",
        "solution_agreed",
        "in_progress",
        "awaiting_customer",
        "closed",
    ]
    code, text, _ = run(db_url, capsys, "show", number)
    assert code == 0 and "follow-up: satisfaction 5/5" in text and "returned 1 × MUG → scrap (10.00)" in text

    listed = ok(db_url, capsys, "list", "--status", "closed")
    assert listed["total"] == 1 and listed["cases"][0]["number"] == number
    assert ok(db_url, capsys, "list", "--open")["total"] == 0


def test_bad_input_on_the_command_line_says_what_and_changes_nothing(
    shop: Shop, db_url: str, order: str, capsys
) -> None:
    number = ok(db_url, capsys, "new", "--order", order, "--line", "1", "--channel", "phone", "--class", "logistics")[
        "number"
    ]
    ok(db_url, capsys, "confirm", number)
    ok(db_url, capsys, "agree", number, "--type", "refund_only", "--amount", "10")
    before = aftersales_snapshot(shop)
    code, _, err = run(db_url, capsys, "refund", number, "200")
    assert code == 1 and "at most 85.00 can be refunded" in err
    code, _, err = run(db_url, capsys, "close", number, "--told", "sorry")
    assert code == 1 and "record the follow-up (回访) with a satisfaction score 1–5" in err
    code, _, err = run(db_url, capsys, "receive-return", number, "1:9:restock")
    assert code == 1 and "takes no goods back" in err
    code, _, err = run(
        db_url, capsys, "new", "--order", order, "--channel", "phone", "--class", "quality", "--due", "2020-01-01 10:00"
    )
    assert code == 1 and "due_at: the due time is already past" in err
    code, _, err = run(
        db_url,
        capsys,
        "new",
        "--order",
        order,
        "--channel",
        "phone",
        "--class",
        "quality",
        "--evidence",
        "/no/such/photo.jpg",
    )
    assert code == 1 and "evidence: the file does not exist" in err
    code, _, err = run(db_url, capsys, "show", "CS-999999")
    assert code == 1 and "No case CS-999999" in err
    assert aftersales_snapshot(shop) == before


def test_the_analysis_is_written_to_excel(shop: Shop, db_url: str, order: str, capsys, tmp_path: Path) -> None:
    ok(
        db_url,
        capsys,
        "new",
        "--order",
        order,
        "--channel",
        "chat",
        "--class",
        "service",
        "--sub-reason",
        "回复慢 slow reply",
    )
    target = tmp_path / "cases.xlsx"
    assert ok(db_url, capsys, "analysis", "-o", str(target))["file"] == str(target)
    assert target.stat().st_size > 0
    summary = ok(db_url, capsys, "analysis")
    assert summary["cases"] == 1 and summary["by_class"][1] == {"key": "service", "cases": 1}


def test_a_step_noted_later_takes_a_local_time_as_the_error_message_suggests(
    shop: Shop, db_url: str, order: str, capsys
) -> None:
    earlier = (datetime.now() - timedelta(hours=2)).replace(second=0, microsecond=0)
    opened = f"{earlier - timedelta(hours=1):%Y-%m-%d %H:%M}"
    new = ["new", "--order", order, "--line", "1:1", "--channel", "phone", "--class", "quality", "--opened", opened]
    number = ok(db_url, capsys, *new)["number"]
    ok(db_url, capsys, "comment", number, "called the customer back", "--at", f"{earlier:%Y-%m-%d %H:%M}")
    ok(db_url, capsys, "confirm", number, "--at", f"{earlier:%Y-%m-%dT%H:%M}")
    timeline = ok(db_url, capsys, "show", number)["timeline"]
    noted = [e for e in timeline if e["action"] in ("comment", "status")]
    assert [datetime.fromisoformat(e["at"]).astimezone().replace(tzinfo=None) for e in noted] == [earlier, earlier]


def test_the_shops_after_sales_settings_are_shown_and_changed_on_the_command_line(
    shop: Shop, db_url: str, order: str, capsys
) -> None:
    new_product(shop, "DRESS", category_path="服装/裙子")
    shown = ok(db_url, capsys, "settings")
    assert shown["deadline_hours"] == {"urgent": 4, "high": 24, "normal": 48, "low": 72}
    assert (shown["return_window_days"], shown["evidence_max_bytes"], shown["changed"]) == (7, 20 * 1024 * 1024, [])

    code, out, err = run(
        db_url,
        capsys,
        "settings",
        "--deadline",
        "high=12",
        "--deadline",
        "urgent=2",
        "--return-window",
        "10",
        "--return-window-category",
        "服装=15",
        "--sub-reasons",
        "quality=破损 damaged, 褪色 faded",
        "--evidence-max-mb",
        "5",
        "--high-return",
        "20:8",
    )
    assert code == 0, err
    assert "deadlines (处理时限): urgent 2 h, high 12 h, normal 48 h, low 72 h" in out
    assert "  服装: 15 days" in out and "  quality: 破损 damaged, 褪色 faded" in out
    assert "evidence files (证据) up to 5 MB" in out
    assert "20 % of units sold, once 8 were sold" in out
    assert err.startswith("saved: case_deadline_hours, return_window_days, return_window_days_by_category")
    settings = shop.aftersales.settings()
    assert (settings.return_window_days_by_category, settings.high_return_min_units_sold) == ({"服装": 15}, 8)
    # The clerk's next urgent case is due in the new 2 hours.
    created = ok(
        db_url, capsys, "new", "--order", order, "--channel", "chat", "--class", "other", "--priority", "urgent"
    )
    opened = shop.aftersales.get_case(created["number"]).opened_at
    assert datetime.fromisoformat(created["due_at"]) == opened + timedelta(hours=2)

    changed = ok(db_url, capsys, "settings", "--return-window-category", "服装=", "--sub-reasons", "other=")
    assert changed["changed"] == ["return_window_days_by_category", "case_sub_reasons"]
    assert changed["return_window_days_by_category"] == {} and changed["sub_reasons"]["other"] == []

    before = shop.aftersales.settings()
    code, _, err = run(
        db_url,
        capsys,
        "settings",
        "--deadline",
        "high=0",
        "--return-window-category",
        "玩具=3",
        "--high-return",
        "20:8",
    )
    assert code == 1
    assert err.splitlines() == [
        "error: After-sales settings not saved",
        "  high deadline: hours are a whole number from 1 to 2160 (found: '0')",
        "  return window category: no such category in the catalogue (found: '玩具')",
    ]
    code, _, err = run(db_url, capsys, "settings", "--evidence-max-mb", "lots")
    assert code == 1 and "--evidence-max-mb must be a whole number (found: 'lots')" in err
    code, _, err = run(db_url, capsys, "settings", "--high-return", "20")
    assert code == 1 and "write PERCENT:SOLD, e.g. 20:10" in err
    assert shop.aftersales.settings() == before
