"""The generic order file (profile "generic"): one row per order line, rows grouped by order number.

Headings in English or Chinese (订单号, 商家编码, 数量, 收货人, 手机, 详细地址 ...)
are recognised; title rows above the headings are skipped. Order fields (the
address, the shipping fee ...) may be repeated on every line of the order or
given on its first row only; a line that gives a different value is a problem.
Every problem is located as `row N, column C (heading)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from shopdesk.domain.errors import Problem
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.imports.products import normalize_heading
from shopdesk.imports.tables import column_letter


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    label_zh: str
    aliases: tuple[str, ...] = ()
    per_line: bool = False  # differs from line to line (SKU, quantity...); else one value per order
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "order_no",
        "Order number",
        "订单号",
        ("订单编号", "平台订单号", "外部订单号", "order no", "order id"),
        required=True,
    ),
    Column("channel", "Channel", "渠道", ("平台", "店铺", "来源", "source", "platform")),
    Column(
        "placed_at", "Order time", "下单时间", ("订单时间", "创建时间", "付款时间", "order date", "date", "created")
    ),
    Column("buyer", "Buyer", "买家", ("买家昵称", "买家会员名", "买家账号", "customer", "buyer name")),
    Column("recipient", "Recipient", "收货人", ("收件人", "收货人姓名", "ship to", "name")),
    Column("phone", "Phone", "手机", ("手机号", "电话", "联系电话", "收货人手机", "mobile", "telephone")),
    Column("country", "Country", "国家", ("country code",)),
    Column("province", "Province", "省", ("省份", "state", "region")),
    Column("city", "City", "市", ("城市",)),
    Column("district", "District", "区", ("区县", "县区")),
    Column("street", "Address", "详细地址", ("地址", "收货地址", "street", "address line")),
    Column("postcode", "Postcode", "邮编", ("邮政编码", "zip", "postal code")),
    Column(
        "sku", "SKU", "商家编码", ("货号", "商品编码", "条码", "barcode", "item code"), per_line=True, required=True
    ),
    Column("quantity", "Quantity", "数量", ("购买数量", "qty"), per_line=True, required=True),
    Column("unit_price", "Unit price", "单价", ("价格", "price", "商品单价"), per_line=True),
    Column("discount", "Discount", "优惠", ("折扣", "优惠金额", "line discount"), per_line=True),
    Column("item_name", "Product name", "商品名称", ("宝贝标题", "商品标题", "title", "item"), per_line=True),
    Column("shipping_fee", "Shipping fee", "运费", ("邮费", "shipping")),
    Column("platform_fee", "Platform fee", "平台费", ("佣金", "commission", "fees")),
    Column("payment_status", "Payment status", "付款状态", ("支付状态", "payment")),
    Column("paid_amount", "Paid", "实付金额", ("买家实付", "amount paid", "paid amount")),
    Column("payment_method", "Payment method", "支付方式", ("付款方式",)),
    Column("currency", "Currency", "币种", ("货币",)),
    Column("buyer_remark", "Buyer remark", "买家留言", ("买家备注", "customer note", "note from buyer")),
    Column("internal_note", "Internal note", "卖家备注", ("商家备注", "备注", "note")),
)
BY_NAME = {c.name: c for c in COLUMNS}
_ALIASES: dict[str, str] = {}
for _c in COLUMNS:
    for _alias in (_c.name, _c.label, _c.label_zh, *_c.aliases):
        _ALIASES.setdefault(normalize_heading(_alias), _c.name)

PAYMENT_WORDS = {
    "已付款": "paid",
    "已支付": "paid",
    "买家已付款": "paid",
    "未付款": "unpaid",
    "待付款": "unpaid",
    "等待买家付款": "unpaid",
    "货到付款": "cod",
    "部分付款": "partially_paid",
    "已退款": "refunded",
    "partial": "partially_paid",
}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
# Problems from the order checks name draft fields; these are the file's columns for them.
_DRAFT_FIELD_COLUMN = {
    "product": "sku",
    "quantity": "quantity",
    "unit price": "unit_price",
    "discount": "discount",
    "name": "item_name",
    "ship_to.name": "recipient",
    "ship_to": "street",
    "channel_order_no": "order_no",
    "customer_name": "buyer",
}


def column_for_heading(heading: str) -> str | None:
    return _ALIASES.get(normalize_heading(heading))


def is_known_heading(heading: str) -> bool:
    return normalize_heading(heading) in _ALIASES


@dataclass
class FileOrder:
    """One order of the file: its draft and the spreadsheet rows it came from (line k is rows[k - 1])."""

    key: tuple[str, str]  # (channel, order number)
    draft: OrderDraft
    rows: list[int] = field(default_factory=list)


class OrderRows:
    """Reads data rows into orders, with the columns found under the heading row."""

    def __init__(self, headings: Sequence[str], header_row: int, *, channel: str, decimal_comma: bool = False):
        self.headings = list(headings)
        self.header_row = header_row
        self.default_channel = channel
        self.decimal_comma = decimal_comma
        self.columns: dict[str, int] = {}
        for position, heading in enumerate(headings):
            name = column_for_heading(heading) if heading.strip() else None
            if name and name not in self.columns:
                self.columns[name] = position

    def missing_columns(self) -> list[Problem]:
        found = ", ".join(h for h in self.headings if h.strip())
        return [
            Problem(
                f"row {self.header_row}",
                f"missing required column {c.label} ({c.label_zh})",
                found,
            )
            for c in COLUMNS
            if c.required and c.name not in self.columns
        ]

    def where(self, row: int, name: str) -> str:
        if name not in self.columns:
            return f"row {row}"
        position = self.columns[name]
        heading = self.headings[position] if position < len(self.headings) else ""
        return f"row {row}, column {column_letter(position)}" + (f" ({heading})" if heading else "")

    def read(self, data: Sequence[tuple[int, Sequence[str]]]) -> tuple[list[FileOrder], list[Problem]]:
        """The file's orders in the order they first appear, and the problems of reading the cells."""
        orders: dict[tuple[str, str], FileOrder] = {}
        firsts: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}
        problems: list[Problem] = []
        for row, cells in data:
            values = {name: (cells[pos].strip() if pos < len(cells) else "") for name, pos in self.columns.items()}
            if not any(values.values()):
                continue
            order_no = values.get("order_no", "")
            if not order_no:
                problems.append(Problem(self.where(row, "order_no"), "the order number is empty"))
                continue
            channel = (values.get("channel") or self.default_channel).strip().casefold()
            key = (channel, order_no)
            seen = firsts.setdefault(key, {})
            for name, value in values.items():
                if BY_NAME[name].per_line or not value:
                    continue
                if name not in seen:
                    seen[name] = (row, value)
                elif seen[name][1] != value:
                    problems.append(
                        Problem(
                            self.where(row, name),
                            f"differs from row {seen[name][0]} of the same order ({seen[name][1]!r})",
                            value,
                        )
                    )
            line = OrderLineDraft(
                values.get("sku", ""),
                values.get("quantity", ""),
                self._amount(values.get("unit_price", "")) or None,
                self._amount(values.get("discount", "")) or 0,
                values.get("item_name", "")[:200],
            )
            if key not in orders:
                orders[key] = FileOrder(key, OrderDraft(channel=channel, channel_order_no=order_no))
            orders[key].draft.lines.append(line)
            orders[key].rows.append(row)
        for key, order in orders.items():
            problems += self._order_fields(order, {k: v for k, (_, v) in firsts[key].items()}, firsts[key])
        return list(orders.values()), problems

    def _amount(self, text: str) -> str:
        if self.decimal_comma and "%" not in text:
            return text.replace(".", "").replace(",", ".")
        return text

    def _order_fields(
        self, order: FileOrder, values: dict[str, str], rows: dict[str, tuple[int, str]]
    ) -> list[Problem]:
        draft = order.draft
        problems: list[Problem] = []
        draft.customer_name = values.get("buyer", "")
        draft.ship_to = ShipTo(
            values.get("recipient", ""),
            values.get("phone", ""),
            values.get("country", "") or "CN",
            values.get("province", ""),
            values.get("city", ""),
            values.get("district", ""),
            values.get("street", ""),
            values.get("postcode", ""),
        )
        draft.shipping_fee = self._amount(values.get("shipping_fee", "")) or 0
        draft.platform_fee = self._amount(values.get("platform_fee", "")) or 0
        draft.paid_amount = self._amount(values["paid_amount"]) if values.get("paid_amount") else None
        draft.payment_method = values.get("payment_method", "")
        draft.currency = values.get("currency", "")
        draft.buyer_remark = values.get("buyer_remark", "")
        draft.internal_note = values.get("internal_note", "")
        status = values.get("payment_status", "")
        draft.payment_status = PAYMENT_WORDS.get(status, status.casefold()) if status else "paid"
        if values.get("placed_at"):
            try:
                draft.placed_at = parse_time(values["placed_at"])
            except ValueError:
                problems.append(
                    Problem(
                        self.where(rows["placed_at"][0], "placed_at"),
                        "is not a date and time like 2026-11-20 14:30",
                        values["placed_at"],
                    )
                )
        return problems

    def locate(self, order: FileOrder, problem: Problem) -> Problem:
        """An order check's problem ("line 2: quantity", "ship_to.city") at its row and column in the file."""
        where = problem.where
        found = re.match(r"^line (\d+): (.+)$", where)
        if found:
            line_no, what = int(found.group(1)), found.group(2)
            row = order.rows[line_no - 1] if line_no <= len(order.rows) else order.rows[0]
            return Problem(self.where(row, _DRAFT_FIELD_COLUMN.get(what, "sku")), problem.message, problem.found)
        name = _DRAFT_FIELD_COLUMN.get(where) or where.removeprefix("ship_to.")
        if name == "customer_id" or name not in BY_NAME:
            name = "order_no"
        return Problem(self.where(order.rows[0], name), problem.message, problem.found)


def parse_time(text: str) -> datetime:
    """'2026-11-20 14:30', '2026/11/20 8:05:00', '2026年11月20日', ISO 8601 with a zone."""
    text = text.strip()
    found = _DATE.match(text)
    if found:
        y, m, d, hh, mm, ss = (int(g) if g else 0 for g in found.groups())
        return datetime(y, m, d, hh, mm, ss)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
