"""The analyses of the hand-computed October (tests/reports/shop_month.py): ABC, turnover, RFM, repurchase, movers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine

from shopdesk.domain.errors import ValidationFailed
from shopdesk.reports.analytics import AbcThresholds, Period, SegmentRules, abc_classes, month_period
from shopdesk.services.reports import ReportParams, Reports
from tests.reports.reading import open_book, rows, total_of
from tests.reports.shop_month import build_october

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def october(shop):
    build_october(shop)
    with time_machine.travel(DECEMBER, tick=True):
        yield Reports(shop)


def octobers_period():
    return month_period("2026-10", DECEMBER)


def test_abc_classes_by_revenue_and_by_margin(october) -> None:
    period = octobers_period()
    # Goods sales: MUG 45.00 + 100.00 = 145.00, TEE 60.00, PEN 50.00 (255.00). Before TEE: 56.9 % → A;
    # before PEN: 205 / 255 = 80.4 % → past A's 80 %, under A + B's 95 % → B.
    by_revenue = october.abc_items(period, "revenue", AbcThresholds())
    assert [(i.key.key, i.value, i.abc_class) for i in by_revenue] == [
        ("MUG", 14500, "A"),
        ("TEE", 6000, "A"),
        ("PEN", 5000, "B"),
    ]
    assert by_revenue[0].share == Decimal("0.5686") and by_revenue[-1].cumulative == Decimal("1")
    # With 50/30/20: TEE starts at 56.9 % → B; PEN at 80.4 % → C.
    assert [i.abc_class for i in october.abc_items(period, "revenue", AbcThresholds.parse("50/30/20"))] == [
        "A",
        "B",
        "C",
    ]
    # Margins: MUG 145.00 − 69.00 = 76.00, TEE 60.00 − 20.00 = 40.00, PEN 50.00 − 20.00 = 30.00 (146.00);
    # PEN starts at 116 / 146 = 79.5 %, still under 80 %: every product is A.
    by_margin = october.abc_items(period, "margin", AbcThresholds())
    assert [(i.key.key, i.value, i.abc_class) for i in by_margin] == [
        ("MUG", 7600, "A"),
        ("TEE", 4000, "A"),
        ("PEN", 3000, "A"),
    ]


def test_abc_rules_on_their_own() -> None:
    # One dominant item is A (the next starts at 90 %: B); nothing sold is C; four equal items start under 80 %.
    assert [i.abc_class for i in abc_classes([("big", 900), ("small", 100), ("none", 0)])] == ["A", "B", "C"]
    assert [i.abc_class for i in abc_classes([("a", 10), ("b", 10), ("c", 10), ("d", 10)])] == ["A", "A", "A", "A"]
    for bad in ("90/20/5", "80", "eighty/15/5", "0/50/50"):
        with pytest.raises(ValidationFailed):
            AbcThresholds.parse(bad)


def test_turnover_per_sku_and_category(october) -> None:
    report = october.run("turnover", ReportParams(start=octobers_period().start, end=octobers_period().end))
    sku = {r[0]: r[3:] for r in report.table("Turnover by SKU").rows}
    # MUG: cost of goods 69.00; stock 100.00 → 161.00, average 130.50: 69 / 130.5 = 0.53; 130.5 × 31 / 69 = 58.6 days.
    assert sku["MUG"] == (6900, 10000, 16100, Decimal("0.53"), Decimal("58.6"))
    # TEE: shipped 20.00, came back 20.00: nothing sold on balance, no turnover.
    assert sku["TEE"] == (0, 20000, 20000, Decimal("0.00"), None)
    # PEN: 20.00 over an average of (0 + 76.00) / 2 = 38.00: 0.53; 38 × 31 / 20 = 58.9 days.
    assert sku["PEN"] == (2000, 0, 7600, Decimal("0.53"), Decimal("58.9"))
    category = {r[0]: r[1:] for r in report.table("Turnover by category").rows}
    assert category["文具"] == sku["PEN"]


def test_customer_segments_and_scores_by_hand(october) -> None:
    # At 15 January 2027 (end of the day): 张三 last bought 20 Oct (88 days: active, R 3), twice (F 2),
    # spent 105.00 + 100.00 − 60.00 refunded = 145.00 (M 1). 李四: 12 Oct, 96 days: sleeping (R 2).
    # 王五 (order D, allocated) 28 Oct: 80 days, active. 赵六 3 Nov: 74 days, active.
    at = dt.datetime(2027, 1, 16, tzinfo=dt.UTC)
    rows_ = {r.name: r for r in october.rfm(at, SegmentRules(), mask=False)}
    zhang = rows_["张三"]
    assert (zhang.orders, zhang.spent, zhang.recency_days) == (2, 14500, 88)
    assert (zhang.r, zhang.f, zhang.m, zhang.segment, zhang.high_value) == (3, 2, 1, "active", False)
    assert (rows_["李四"].recency_days, rows_["李四"].r, rows_["李四"].segment) == (96, 2, "sleeping")
    assert rows_["王五"].segment == rows_["赵六"].segment == "active"
    assert zhang.phone == "138****5678" and zhang.region == "上海市"
    # In November everyone is new; by May 2027 张三 (193 days) is lost.
    assert {r.segment for r in october.rfm(dt.datetime(2026, 11, 4, tzinfo=dt.UTC))} == {"new"}
    may = {r.name: r.segment for r in october.rfm(dt.datetime(2027, 5, 1, tzinfo=dt.UTC), mask=False)}
    assert may["张三"] == "lost"
    # Rules are the shop's to change: a high-value line at 100 yuan marks 张三.
    rules = SegmentRules(high_value_spent=100, monetary_amounts=(50, 100, 500, 1000))
    october.set_segment_rules(rules)
    assert october.segment_rules() == rules
    zhang = next(r for r in october.rfm(at, mask=False) if r.name == "张三")
    assert zhang.high_value and zhang.m == 3
    with pytest.raises(ValidationFailed):
        october.set_segment_rules(SegmentRules(new_days=100, active_days=90))


def test_the_segment_report_lists_every_customer_with_their_segment(october) -> None:
    report = october.run("segments", ReportParams(at=dt.datetime(2027, 1, 16, tzinfo=dt.UTC)))
    summary = {r[0]: r[1:] for r in report.table("Customer segments").rows}
    assert summary["active"][0] == 3 and summary["sleeping"][0] == 1 and summary["new"][0] == 0
    customers = report.table("Customers").rows
    assert sorted(r[1] for r in customers) == ["张*", "李*", "王*", "赵*"]  # masked in lists


def test_repurchase_rate_per_month_matches_the_month_end(october) -> None:
    period = month_period("2026-10", DECEMBER)
    autumn = october.repurchase_rows(Period(period.start, month_period("2026-11", DECEMBER).end, "Oct–Nov"))
    by_period = {r.period: r for r in autumn}
    assert (by_period["2026-10"].buyers, by_period["2026-10"].repeat_buyers) == (2, 1)
    assert by_period["2026-10"].repurchase_rate == october.month_end_data("2026-10").sales.repurchase_rate
    assert (by_period["2026-11"].buyers, by_period["2026-11"].returning_buyers) == (1, 0)  # 赵六 is new
    assert by_period["Oct–Nov"].buyers == 3


def test_sales_by_channel_category_and_week(october) -> None:
    params = ReportParams(start=octobers_period().start, end=octobers_period().end)
    by_channel = {g.key: g for g in october.sales_groups(octobers_period(), "channel")}
    assert (by_channel["manual"].goods_sales, by_channel["taobao"].goods_sales) == (20500, 5000)
    by_category = {g.key: g.goods_sales for g in october.sales_groups(octobers_period(), "category")}
    assert by_category == {"家居/杯子": 14500, "服装/上衣": 6000, "文具": 5000}
    weeks = october.sales_groups(octobers_period(), "week")
    assert [(g.key, g.orders) for g in weeks] == [("2026-W41", 1), ("2026-W42", 1), ("2026-W43", 1)]
    assert sum(g.goods_sales for g in weeks) == 25500
    report = october.run("sales", ReportParams(**{**params.__dict__, "by": "product"}))
    assert [r[0] for r in report.tables[0].rows] == ["MUG", "TEE", "PEN"]


def test_stock_on_hand_as_of_a_past_day_and_slow_movers(october) -> None:
    # End of 4 October: MUG 20 (230.00), TEE 10 (200.00), PEN 50 (100.00).
    report = october.run("stock", ReportParams(at=dt.datetime(2026, 10, 5, tzinfo=dt.UTC)))
    products = {r[0]: (r[3], r[4]) for r in report.table("Stock on hand").rows}
    assert products == {"MUG": (20, 23000), "TEE": (10, 20000), "PEN": (50, 10000)}
    local_midnight = dt.datetime(2026, 10, 5).astimezone()
    at_midnight = october.run("stock", ReportParams(at=local_midnight)).table("Stock on hand")
    assert at_midnight.notes == ("As of the end of 2026-10-04",)
    places = report.table("Stock by location").rows
    assert sum(r[4] for r in places) == 53000 and ("MUG", "陶瓷马克杯", "WH1/A/A-02", 10, 11500) in places
    # On 2 December, 30 days looked at: one MUG shipped on 3 November (13 left: 390 days of cover, slow);
    # no TEE or PEN shipped, and both were in stock long before: dead.
    movers = october.run("movers", ReportParams(window_days=30, slow_cover_days=180)).tables[0].rows
    assert {r[1]: r[0] for r in movers} == {"MUG": "slow mover", "TEE": "dead stock", "PEN": "dead stock"}
    # Over 60 days the MUG sold 7 units (13 left: 111 days of cover), the PEN 10 (38 left: 228 days → slow).
    movers = october.run("movers", ReportParams(window_days=60, slow_cover_days=180)).tables[0].rows
    status = {r[1]: (r[0], r[8], r[9]) for r in movers}
    assert status["PEN"] == ("slow mover", 10, Decimal("228.0"))
    assert status["MUG"] == ("moving", 7, Decimal("111.4"))


def test_every_report_writes_a_workbook_that_adds_up(october, tmp_path: Path) -> None:
    period = octobers_period()
    params = ReportParams(start=period.start, end=period.end, at=DECEMBER, language="zh_CN")
    for kind in ("stock", "low-stock", "abc", "turnover", "movers", "segments", "repurchase", "complaints", "sales"):
        saved = october.save(kind, params, tmp_path / f"{kind}.xlsx")
        book = open_book(saved.path)
        assert book.sheetnames, kind
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2" and rows(sheet), f"{kind}: {sheet.title}"
    turnover = open_book(tmp_path / "turnover.xlsx")["库存周转率-SKU"]
    assert total_of(turnover, "销售成本") == Decimal("89")
