"""A return received at the end of one month and booked in the next counts in one month only, everywhere.

October 2026: 10 MUG at 10.00 in stock; order of 4 MUG shipped on the 20th; a case on the 25th agrees to
take them back. On 2 November the clerk books what arrived late on 31 October (2 to stock, 1 scrapped),
dated when it arrived; on 3 November the last mug arrives and is booked as it comes (no date given).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from sqlalchemy import select

from shopdesk.db.models import StockMove
from shopdesk.db.models.aftersales import ReturnReceipt
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.reports import Reports
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules
from tests.reports.reading import figures, open_book, total_of
from tests.stock_helpers import build_layout, new_product

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


def local(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on the shop computer's clock: months are its calendar months."""
    return dt.datetime(2026, month, day, hour, minute).astimezone()


def october_return_booked_in_november(shop: Shop) -> str:
    with time_machine.travel(local(10, 10, 10), tick=True):
        build_layout(shop)
        new_product(shop, "MUG", price=2500, cost=1000)
        shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=1000)
        lenient_rules(shop)
    with time_machine.travel(local(10, 20, 10), tick=True):
        order = shop.orders.create_order(draft(("MUG", 4), payment_status="paid"), confirm=True)
        shop.order_flow.mark_packed(order)
        shop.order_flow.ship(order, "SF0000000001", "SF Express")
    with time_machine.travel(local(10, 25, 10), tick=True):
        cases = shop.aftersales
        case = cases.create_case(
            CaseDraft(
                channel="phone", case_class="quality", demand="return_refund", order=order,
                lines=[CaseLineDraft(1, 4)], owner="amy",
            )
        ).number  # fmt: skip
        cases.confirm(case)
        cases.investigate(case)
        cases.agree_solution(case, Solution("return_refund", 10000, owner="bo"))
        cases.start(case)
    with time_machine.travel(local(11, 2, 10), tick=True):
        shop.aftersales.receive_return(
            case, [ReturnLine(1, 2, "restock"), ReturnLine(1, 1, "scrap")], at=local(10, 31, 23, 30)
        )
    with time_machine.travel(local(11, 3, 10), tick=True):
        shop.aftersales.receive_return(case, [ReturnLine(1, 1, "restock")])
    return case


def test_a_return_dated_at_the_end_of_october_counts_in_october_only_and_its_moves_say_so(shop: Shop) -> None:
    october_return_booked_in_november(shop)
    with shop.db.read() as conn:
        receipts = conn.execute(
            select(ReturnReceipt.quantity, ReturnReceipt.received_at, StockMove.moved_at)
            .join(StockMove, StockMove.id == ReturnReceipt.move_id)
            .order_by(ReturnReceipt.id)
        ).all()
        onward = conn.execute(select(StockMove.moved_at).where(StockMove.kind == "scrap")).scalars().all()
    assert [r.received_at == r.moved_at for r in receipts] == [True, True, True]  # one return, one date
    assert [r.moved_at.astimezone().date() for r in receipts] == [dt.date(2026, 10, 31)] * 2 + [dt.date(2026, 11, 3)]
    assert [m == receipts[1].moved_at for m in onward] == [True]  # scrapped when it came back, not when booked

    with time_machine.travel(DECEMBER, tick=True):
        reports = Reports(shop)
        october, november = reports.month_end_data("2026-10"), reports.month_end_data("2026-11")
    assert (october.returned_units, november.returned_units) == (3, 1)
    assert (october.sales.total.cost_returned, november.sales.total.cost_returned) == (3000, 1000)
    assert october.flow_totals["customer_returns"] == 3000 and october.flow_totals["scrapped"] == -1000
    assert november.flow_totals["customer_returns"] == 1000 and november.flow_totals["scrapped"] == 0
    assert [r.returned for r in october.complaints.returns] == [3]
    assert [r.returned for r in november.complaints.returns] == [1]
    assert november.stock.opening == october.stock.closing
    # 100.00 − 40.00 shipped + 30.00 back − 10.00 scrapped; then 10.00 more back in November.
    assert (october.stock.closing.value, november.stock.closing.value) == (8000, 9000)


def test_each_months_summary_equals_its_refunds_and_returns_sheet_and_its_valuation(shop: Shop, tmp_path: Path) -> None:
    october_return_booked_in_november(shop)
    with time_machine.travel(DECEMBER, tick=True):
        reports = Reports(shop)
        books = {m: open_book(reports.month_end(m, tmp_path / f"{m}.xlsx")[0]) for m in ("2026-10", "2026-11")}
    expected = {"2026-10": (3, 30, 30, -10), "2026-11": (1, 10, 10, 0)}
    for month, (units, cost_back, into_stock, scrapped) in expected.items():
        book = books[month]
        summary = figures(book["Summary"])
        back, valuation = book["Refunds and returns"], book["Stock valuation"]
        assert total_of(back, "Quantity") == summary["Units returned"] == units, month
        assert total_of(book["Returns per SKU"], "Returned") == units, month
        assert total_of(back, "Back in stock at cost") == summary["Cost of goods returned"] == cost_back, month
        assert total_of(valuation, "Customer returns") == summary["Customer returns back in stock"] == into_stock
        assert total_of(valuation, "Scrapped") == summary["Scrapped"] == scrapped, month
    assert summary["Return rate"] is None  # nothing shipped in November
    assert figures(books["2026-10"]["Summary"])["Return rate"] == 0.75  # 3 of the 4 mugs sold
