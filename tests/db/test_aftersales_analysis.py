"""The case analysis: complaint counts, returns per SKU with the high-return warning, SLA, satisfaction, Excel."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shopdesk.domain.aftersales import Closing
from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.aftersales import Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import (
    MONDAY,
    agreed_return,
    complaint,
    days,
    delivered_order,
    hours,
    satisfied,
    shop_with_mugs,
)


def period() -> tuple[datetime, datetime]:
    """From a month before the worked examples to tomorrow (orders are shipped at the real time of the test)."""
    return MONDAY - days(30), datetime.now(UTC) + days(1)


def test_a_sku_crossing_the_high_return_threshold_raises_the_warning(shop: Shop) -> None:
    shop_with_mugs(shop, mugs=20, tees=20)
    shop.set_setting("high_return_rate_percent", 20)
    shop.set_setting("high_return_min_units_sold", 5)
    orders = [delivered_order(shop, ("MUG", 2), ("TEE", 2)) for _ in range(5)]  # 10 mugs and 10 tees sold
    cases = shop.aftersales
    first = cases.create_case(complaint(orders[0], lines=((1, 1), (2, 1))), at=MONDAY).number
    agreed_return(shop, first, 5000)
    cases.receive_return(first, [ReturnLine("MUG", 1, "restock"), ReturnLine("TEE", 1, "restock")], at=MONDAY)
    [mug, tee] = sorted(cases.analyse(*period()).returns, key=lambda r: r.sku)
    assert (mug.sku, mug.sold, mug.returned, mug.return_rate, mug.high_return) == ("MUG", 10, 1, Decimal("10.0"), False)
    assert (tee.sold, tee.returned, tee.return_rate, tee.high_return) == (10, 1, Decimal("10.0"), False)

    second = cases.create_case(complaint(orders[1], lines=((1, 1),)), at=MONDAY + hours(2)).number
    agreed_return(shop, second, 2500, at=MONDAY + hours(2))
    cases.receive_return(second, [ReturnLine("MUG", 1, "scrap")], at=MONDAY + hours(3))
    analysis = cases.analyse(*period())
    assert [(r.sku, r.returned, r.return_rate) for r in analysis.high_return] == [("MUG", 2, Decimal("20.0"))]
    # Both MUG cases are quality complaints about one unit each: 2 defective of 10 sold.
    assert analysis.high_return[0].defect_rate == Decimal("20.0")


def test_complaints_are_counted_by_class_sub_reason_product_channel_and_month(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop, ("MUG", 2), ("TEE", 1))
    cases = shop.aftersales
    cases.create_case(complaint(order, lines=((1, 2),)), at=MONDAY)
    cases.create_case(complaint(order, lines=((1, 1), (2, 1)), channel="chat"), at=MONDAY)
    cases.create_case(
        complaint(order, case_class="logistics", sub_reason="延迟 late", channel="platform", lines=()),
        at=MONDAY - days(10),
    )
    cases.create_case(
        complaint(order, case_class="service", sub_reason="回复慢 slow reply", channel="chat", lines=((2, 1),)),
        at=MONDAY,
    )
    a = cases.analyse(*period())
    assert a.cases == 4
    assert [(t.key, t.cases) for t in a.by_class] == [("quality", 2), ("service", 1), ("logistics", 1), ("other", 0)]
    assert [(s.case_class, s.sub_reason, s.cases) for s in a.by_sub_reason] == [
        ("quality", "破损 damaged", 2),
        ("logistics", "延迟 late", 1),
        ("service", "回复慢 slow reply", 1),
    ]
    assert [(p.sku, p.cases, p.units) for p in a.by_product] == [("MUG", 2, 3), ("TEE", 2, 2)]
    assert [(t.key, t.cases) for t in a.by_channel] == [("chat", 2), ("phone", 1), ("platform", 1)]
    assert [(t.key, t.cases) for t in a.by_month] == [("2026-10", 1), ("2026-11", 3)]


def test_sla_and_satisfaction_of_the_period(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    cases = shop.aftersales
    quick = cases.create_case(complaint(order, priority="high"), at=MONDAY).number  # due in 24 h
    slow = cases.create_case(complaint(order), at=MONDAY).number  # due in 48 h
    late = cases.create_case(complaint(order, priority="urgent"), at=MONDAY).number  # due in 4 h
    reopened = cases.create_case(complaint(order, priority="low"), at=MONDAY).number  # due in 72 h
    cases.close(quick, satisfied(5), "refund promised", at=MONDAY + hours(6))
    cases.close(slow, satisfied(2), "explained the delay", at=MONDAY + hours(30))
    cases.close(reopened, Closing(result_told=True, no_followup_reason="no answer"), at=MONDAY + hours(10))
    cases.reopen(reopened, "customer wrote again", at=MONDAY + hours(20))  # due again 72 h from the reopening
    a = cases.analyse(*period(), now=MONDAY + hours(40))
    assert (a.sla.open, a.sla.overdue, a.sla.due_within_day) == (2, 1, 0)
    assert [(o.number, o.hours_overdue) for o in a.sla.overdue_cases] == [(late, Decimal("36.0"))]
    assert (a.sla.resolved, a.sla.average_hours_to_resolve) == (2, Decimal("18.0"))  # (6 + 30) / 2
    assert (a.sla.reopened, a.sla.reopen_rate) == (1, Decimal("25.0"))
    assert (a.satisfaction.average, a.satisfaction.scored, a.satisfaction.scores[5]) == (Decimal("3.50"), 2, 1)
    assert cases.analyse(*period(), now=MONDAY + hours(71)).sla.due_within_day == 1  # the reopened one


def test_the_analysis_exports_to_excel_with_numbers_as_numbers_and_no_formula_from_our_data(
    sqlite_shop: Shop, tmp_path: Path
) -> None:
    shop = shop_with_mugs(sqlite_shop)
    order = delivered_order(shop, ("MUG", 4))
    cases = shop.aftersales
    number = cases.create_case(
        complaint(order, sub_reason='=HYPERLINK("http://evil","click")', lines=((1, 4),)), at=MONDAY
    ).number
    cases.create_case(complaint(order, case_class="other", sub_reason="-5 stars", channel="email"), at=MONDAY)
    agreed_return(shop, number, 10000)
    cases.receive_return(number, [ReturnLine(1, 4, "restock")], at=MONDAY + days(1))
    cases.refund(number, 10000, "alipay", at=MONDAY + days(1))
    target = cases.export_analysis(tmp_path / "售后分析.xlsx", *period(), now=MONDAY + days(5))
    book = load_workbook(target)
    assert book.sheetnames == [
        "Summary",
        "By class",
        "By sub-reason",
        "By product",
        "By channel",
        "By month",
        "Returns per SKU",
        "Overdue",
    ]
    summary = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert summary["Cases opened 工单"].value == 2
    assert (
        summary["Refunded on cases (CNY)"].value == 100 and summary["Refunded on cases (CNY)"].number_format == "0.00"
    )
    returns = [[c.value for c in row] for row in book["Returns per SKU"].iter_rows(min_row=2)]
    # 4 sold, 4 back, 4 with a quality complaint: 100 % each, below the 10 units that make a warning.
    assert [(r[0], *r[2:]) for r in returns] == [("MUG", 4, 4, 4, 1, 1, None)]
    formulas = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(cell.value)
                elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
    assert formulas == ["=SUM(B2:B5)", "=SUM(B2:B3)"]  # the totals we wrote, nothing else
    subs = [row[1].value for row in book["By sub-reason"].iter_rows(min_row=2)]
    assert '=HYPERLINK("http://evil","click")' in subs and "-5 stars" in subs
    with pytest.raises(ShopDeskError, match=r"name the file \.xlsx"):
        cases.export_analysis(tmp_path / "analysis.csv", *period())


def test_a_refund_only_case_counts_its_refund_in_the_period(shop: Shop) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    number = shop.aftersales.create_case(complaint(order, demand="refund_only"), at=MONDAY).number
    shop.aftersales.confirm(number, at=MONDAY)
    shop.aftersales.agree_solution(number, Solution("refund_only", 1200, note="partial refund, keep it"), at=MONDAY)
    shop.aftersales.refund(number, 1200, at=MONDAY + hours(1))
    assert shop.aftersales.analyse(*period()).refunded == 1200
    assert shop.aftersales.analyse(MONDAY + days(1), MONDAY + days(2)).refunded == 0
