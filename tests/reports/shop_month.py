"""October 2026 at a small shop, built through the services with the clock moved to each moment.

Before the month (28 September): MUG 10 at 10.00 (100.00) and TEE 10 at 20.00 (200.00) in stock.
In October:
- 2nd: purchase order PO from ACME, received: PEN 50 at 2.00 (100.00), MUG 10 at 13.00 (130.00);
  the MUG's average cost becomes (100.00 + 130.00) / 20 = 11.50;
- 5th: order A, 张三 (manual): MUG 2 × 25.00 less 5.00, TEE 1 × 60.00, shipping 10.00; shipped:
  cost MUG 2 × 11.50 = 23.00, TEE 20.00;
- 12th: order B, 李四 (taobao): PEN 10 × 5.00, platform fee 2.50; shipped: cost 20.00;
- 20th: order C, 张三 again: MUG 4 × 25.00; shipped: cost 46.00;
- 22nd: 张三 complains about the TEE of order A: returned to stock (at its cost, 20.00), 60.00 refunded;
- 25th: stocktake of the stationery: 38 PEN counted where the book says 40: 2 × 2.00 = 4.00 lost;
- 28th: order D, 王五: MUG 1 × 25.00, allocated but not shipped (not a sale yet).
In November: 3rd, order E, 赵六: MUG 1 × 25.00, shipped (cost 11.50).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

import time_machine

from shopdesk.domain.order_draft import OrderLineDraft, ShipTo
from shopdesk.services.aftersales import CaseDraft, CaseLineDraft, Solution
from shopdesk.services.aftersales_returns import ReturnLine
from shopdesk.services.parties import SupplierDraft
from shopdesk.services.purchasing import PoLineDraft
from shopdesk.services.shop import Shop
from tests.order_helpers import draft, lenient_rules
from tests.stock_helpers import build_layout, new_product

ZHANG = ShipTo("张三", "13812345678", "CN", "上海市", "上海市", "浦东新区", "世纪大道100号", "200120")
LI = ShipTo("李四", "13900001111", "CN", "江苏省", "南京市", "鼓楼区", "中山路1号", "210000")
WANG = ShipTo("王五", "13700002222", "CN", "浙江省", "杭州市", "西湖区", "文三路2号", "310000")
ZHAO = ShipTo("赵六", "13600003333", "CN", "广东省", "广州市", "天河区", "体育西路3号", "510000")
_tracking = itertools.count(1)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass(frozen=True)
class Month:
    orders: dict[str, str]  # A, B, C, D, E -> order number
    case: str


def _ship(shop: Shop, number: str) -> None:
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, f"SF{next(_tracking):010d}", "SF Express")


def _order(shop: Shop, ship_to: ShipTo, *lines: OrderLineDraft, ship: bool = True, **fields: object) -> str:
    number = shop.orders.create_order(draft(*lines, ship_to=ship_to, payment_status="paid", **fields), confirm=True)
    if ship:
        _ship(shop, number)
    return number


def build_october(shop: Shop) -> Month:
    orders: dict[str, str] = {}
    with time_machine.travel(at(9, 28), tick=True):
        build_layout(shop)
        new_product(shop, "MUG", name="陶瓷马克杯", price=2500, cost=1000, category_path="家居/杯子")
        new_product(shop, "TEE", name="纯棉T恤", price=6000, cost=2000, category_path="服装/上衣")
        new_product(shop, "PEN", name="中性笔", price=500, cost=200, category_path="文具")
        shop.inventory.receive("MUG", 10, "WH1/A/A-01", unit_cost=1000)
        shop.inventory.receive("TEE", 10, "WH1/A/A-01", unit_cost=2000)
        shop.parties.create_supplier(SupplierDraft("ACME", "ACME 文具"))
        lenient_rules(shop)
    with time_machine.travel(at(10, 2), tick=True):
        po = shop.purchasing.create(
            "ACME", [PoLineDraft("PEN", 50, 200), PoLineDraft("MUG", 10, 1300)], warehouse="WH1"
        )
        shop.purchasing.order(po)
        shop.purchasing.receive_all(po, location="WH1/A/A-02")
    with time_machine.travel(at(10, 5), tick=True):
        orders["A"] = _order(
            shop, ZHANG, OrderLineDraft("MUG", 2, discount=500), OrderLineDraft("TEE", 1), shipping_fee=1000
        )
    with time_machine.travel(at(10, 12), tick=True):
        orders["B"] = _order(
            shop, LI, OrderLineDraft("PEN", 10), channel="taobao", channel_order_no="TB-1001", platform_fee=250
        )
    with time_machine.travel(at(10, 20), tick=True):
        orders["C"] = _order(shop, ZHANG, OrderLineDraft("MUG", 4))
    with time_machine.travel(at(10, 22), tick=True):
        cases = shop.aftersales
        case = cases.create_case(
            CaseDraft(
                channel="phone",
                case_class="quality",
                sub_reason="破损 damaged",
                demand="return_refund",
                order=orders["A"],
                lines=[CaseLineDraft("TEE", 1)],
                owner="amy",
            )
        ).number
        cases.confirm(case)
        cases.investigate(case)
        cases.agree_solution(case, Solution("return_refund", 6000, owner="bo"))
        cases.receive_return(case, [ReturnLine("TEE", 1, location="WH1/A/A-01")])
        cases.refund(case, 6000)
    with time_machine.travel(at(10, 25), tick=True):
        count = shop.stocktakes.start(category="文具")
        shop.stocktakes.set_count(count.number, "PEN", 38)
        shop.stocktakes.post(count.number)
    with time_machine.travel(at(10, 28), tick=True):
        orders["D"] = _order(shop, WANG, OrderLineDraft("MUG", 1), ship=False)
    with time_machine.travel(at(11, 3), tick=True):
        orders["E"] = _order(shop, ZHAO, OrderLineDraft("MUG", 1))
    return Month(orders, case)
