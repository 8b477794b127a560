"""Marketplace order exports (Taobao/Tmall, Pinduoduo) and the shop's own saved order layouts.

`shopdesk import orders FILE --profile taobao|pinduoduo` reads the platform's
own export: its Chinese headings, GBK text, order numbers protected as
`="2901..."`, the address in one cell (Taobao) or in parts (Pinduoduo), times
in China Standard Time, amounts in yuan. A file in any other layout is read
with a layout the shop saved once (`save_order_layout`, kept per set of headings
in import_profile with kind "orders"), so the generic import picks it up by its
headings.

The rows become OrderDrafts exactly like the generic file (services/order_file.py
groups several rows of an order into its lines), and the import is all or
nothing like the generic one: every problem is reported as
`row N, column C (heading)` and nothing is written unless the file is good.
Only a line code no product answers to is not a problem of the file: codes the
channel linked before are translated, and an order naming a code still unknown
waits for its link (services/channels.py) instead of refusing the file.
Orders the platform closed (交易关闭, 已取消) are left out and listed; an order
in a currency the shop does not sell in is refused, never converted. Buyers'
phones stay as the platform masked them (138****5678).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, insert, select, update

from shopdesk.db.models import ImportProfile
from shopdesk.domain.errors import NotFound, Problem, ValidationFailed
from shopdesk.domain.money import currency_exponent, parse_amount
from shopdesk.imports.products import layout_key, normalize_heading
from shopdesk.imports.tables import Table, encoding_label, find_header_row, read_table
from shopdesk.services import channels
from shopdesk.services.order_file import BY_NAME, FileOrder, OrderRows
from shopdesk.services.order_import import OrderImportOptions, OrderImportResult
from shopdesk.services.orders import OrderWriter

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

PROFILE_KIND = "orders"
REQUIRED = ("order_no", "sku", "quantity")
# Fields a layout may map besides the generic file's columns (services/order_file.COLUMNS).
STATUS = "status"  # the platform's order status: closed orders are left out, paid or not is read from it
LINE_TOTAL = "line_total"  # what the line cost in all (Pinduoduo 商品总价): the unit price is derived from it
EXTRA_FIELDS = (STATUS, LINE_TOTAL)
CLOSED_STATUSES = frozenset(
    {"交易关闭", "已关闭", "已取消", "订单已取消", "未发货，退款成功", "已发货，退款成功", "退款成功", "cancelled"}
)
UNPAID_STATUSES = frozenset({"等待买家付款", "待付款", "待支付", "未付款"})
_PROTECTED = re.compile(r'^="(.*)"$')  # how platforms keep long numbers text in a CSV
_POSTCODE = re.compile(r"[(（](\d{6})[)）]\s*$")
_PROVINCE = re.compile(r"^((?:北京|上海|天津|重庆)市?|.+?(?:省|自治区|特别行政区))(.*)$")
_CITY = re.compile(r"^(.+?(?:市|自治州|地区|盟))(.*)$")
_DISTRICT = re.compile(r"^(.+?(?:区|县|旗|市))(.*)$")


@dataclass(frozen=True)
class OrderLayout:
    """Where our order fields are in one kind of export file, and how its cells are to be read."""

    name: str
    label: str
    channel: str  # orders are imported from this channel (unless the import names another)
    headings: Mapping[str, tuple[str, ...]]  # our field -> the file's headings for it, first found wins
    currency: str = ""  # the platform sells in this currency; "" takes the file's column or the shop's
    time_zone: str = ""  # times without a zone are in this one; "" the computer's
    split_address: bool = False  # the whole address is one cell: 浙江省 杭州市 西湖区 文三路100号(310000)
    layout_id: int | None = None  # the saved layout's id

    def required(self) -> tuple[str, ...]:
        return REQUIRED + ((LINE_TOTAL,) if LINE_TOTAL in self.headings and "unit_price" not in self.headings else ())


TAOBAO = OrderLayout(
    "taobao",
    "Taobao/Tmall order export",
    "taobao",
    {
        "order_no": ("订单编号", "主订单编号"),
        "buyer": ("买家会员名", "买家昵称"),
        "recipient": ("收货人姓名",),
        "phone": ("联系手机", "联系电话"),
        "street": ("收货地址",),
        "sku": ("商家编码", "SKU商家编码", "商品商家编码", "商家外部编码"),
        "item_name": ("宝贝标题", "标题"),
        "quantity": ("购买数量", "宝贝数量"),
        "unit_price": ("价格", "宝贝单价"),
        "paid_amount": ("实付款", "买家实际支付金额"),
        "shipping_fee": ("买家应付邮费", "运费"),
        "placed_at": ("订单创建时间", "订单付款时间"),
        "buyer_remark": ("买家留言",),
        "internal_note": ("订单备注", "卖家备注"),
        STATUS: ("订单状态",),
    },
    currency="CNY",
    time_zone="Asia/Shanghai",
    split_address=True,
)
PINDUODUO = OrderLayout(
    "pinduoduo",
    "Pinduoduo order export",
    "pinduoduo",
    {
        "order_no": ("订单号",),
        "recipient": ("收货人",),
        "phone": ("手机", "收货人电话", "联系电话"),
        "province": ("省",),
        "city": ("市",),
        "district": ("区",),
        "street": ("街道", "详细地址"),
        "sku": ("商家编码-SKU维度", "商品规格编码", "SKU编码", "商家编码"),
        "item_name": ("商品", "商品名称"),
        "quantity": ("商品数量", "商品数量(件)"),
        LINE_TOTAL: ("商品总价", "商品总价(元)"),
        "shipping_fee": ("邮费", "邮费(元)"),
        "paid_amount": ("用户实付金额", "用户实付金额(元)", "实付金额"),
        "placed_at": ("订单成交时间", "支付时间", "拼单成功时间"),
        "buyer_remark": ("买家留言",),
        "internal_note": ("商家备注",),
        STATUS: ("订单状态",),
    },
    currency="CNY",
    time_zone="Asia/Shanghai",
)
MARKETPLACES = {layout.name: layout for layout in (TAOBAO, PINDUODUO)}


@dataclass
class MarketplaceImportResult(OrderImportResult):
    profile: str = "generic"
    closed: list[str] = field(default_factory=list)  # their order numbers, closed or cancelled on the platform
    waiting: list[str] = field(default_factory=list)  # their order numbers, waiting for SKU links (services/channels)


@dataclass(frozen=True)
class SavedLayout:
    id: int
    name: str
    channel: str
    columns: dict[str, str]  # our field -> the file's heading
    currency: str
    time_zone: str


def layout_for(shop: Shop, table: Table, options: OrderImportOptions) -> OrderLayout | None:
    """The layout to read this table with: the marketplace profile asked for, a saved layout, or None (generic)."""
    if options.profile in MARKETPLACES:
        return MARKETPLACES[options.profile]
    with shop.db.read() as conn:
        stored = {
            row.layout_key: row.id
            for row in conn.execute(
                select(ImportProfile.id, ImportProfile.layout_key).where(ImportProfile.kind == PROFILE_KIND)
            )
        }
    if not stored:
        return None
    rows = table.rows[:30] if options.header_row is None else table.rows[options.header_row - 1 : options.header_row]
    for row in rows:
        found = stored.get(layout_key(row))
        if found is not None:
            return _from_saved(next(s for s in list_order_layouts(shop) if s.id == found))
    return None


def _from_saved(saved: SavedLayout) -> OrderLayout:
    return OrderLayout(
        saved.name,
        f"saved layout {saved.name!r}",
        saved.channel,
        {name: (heading,) for name, heading in saved.columns.items()},
        currency=saved.currency,
        time_zone=saved.time_zone,
        layout_id=saved.id,
    )


class MarketplaceImport:
    """Reads one export file with a layout and imports its orders, all or nothing."""

    def __init__(self, shop: Shop):
        self.shop = shop

    def run_table(
        self, table: Table, layout: OrderLayout, options: OrderImportOptions, *, dry_run: bool = False
    ) -> MarketplaceImportResult:
        """Check every order of the table, then write all the new ones in one transaction (or nothing)."""
        name = table.path.name
        header_row = options.header_row or self._header_row(table, layout)
        headings = table.rows[header_row - 1]
        positions, problems = self._positions(headings, header_row, layout)
        if problems:
            raise ValidationFailed(problems, f"{name} is not a {layout.label}: nothing was imported")
        channel = options.channel if options.channel != "file" else layout.channel
        reader = OrderRows(headings, header_row, channel=channel, decimal_comma=options.decimal_comma)
        # The layout, not the generic heading guesses, says which column is which.
        reader.columns = {f: p for f, p in positions.items() if f in BY_NAME}
        if LINE_TOTAL in positions and "unit_price" not in positions:
            reader.columns["unit_price"] = positions[LINE_TOTAL]
        cells_of = {n: [_clean(c) for c in cells] for n, cells in enumerate(table.rows, start=1) if n > header_row}
        file_orders, problems = reader.read(list(cells_of.items()))
        result = MarketplaceImportResult(
            str(table.path),
            0,
            dry_run=dry_run,
            encoding=table.encoding,
            delimiter=table.delimiter,
            sheet=table.sheet,
            header_row=header_row,
            profile=layout.name,
        )
        zone = _zone(layout.time_zone)
        wanted: list[FileOrder] = []
        for order in file_orders:
            status = _cell(cells_of[order.rows[0]], positions.get(STATUS))
            if status in CLOSED_STATUSES:
                result.closed.append(order.key[1])
                continue
            problems += self._finish(order, layout, reader, status, zone)
            wanted.append(order)
        result.orders_in_file = len(wanted)
        new: list[FileOrder] = []
        waiting: list[tuple[FileOrder, list[str]]] = []
        with self.shop.db.uow() as uow:
            writer = OrderWriter(uow.session, self.shop)
            for order in wanted:
                channel, their_no = order.key
                ours = writer.existing_number(channel, their_no)
                if ours is None and channels.is_waiting(uow.session, channel, their_no):
                    ours = "an order waiting for SKU links"
                if ours is not None:
                    result.already_imported.append((channel, their_no, ours))
                    continue
                channels.apply_links(uow.session, order.draft)
                _, found = writer.check(order.draft)
                unknown, found = channels.unknown_codes(found, order.draft)
                problems += [reader.locate(order, p) for p in found]
                if unknown:
                    waiting.append((order, unknown))
                else:
                    new.append(order)
        if problems:
            problems.sort(key=_row_of)
            raise ValidationFailed(problems, f"{name}: nothing was imported")
        result.waiting = [o.key[1] for o, _ in waiting]
        if dry_run:
            return result
        if new:
            created = self.shop.orders.create_orders(
                [o.draft for o in new], confirm=options.confirm, skip_imported=False, reason=f"imported from {name}"
            )
            result.created = [c.number for c in created]
            if options.confirm:
                result.on_hold = _on_hold(self.shop, result.created)
        channels.put_on_wait(self.shop, [(o.draft, codes) for o, codes in waiting], f"imported from {name}")
        return result

    def _header_row(self, table: Table, layout: OrderLayout) -> int:
        known = {normalize_heading(h) for names in layout.headings.values() for h in names}
        found = find_header_row(table.rows, lambda cell: normalize_heading(cell) in known)
        if found is None:
            wanted = ", ".join(layout.headings[f][0] for f in layout.required())
            how = f" (read as {encoding_label(table.encoding)})" if table.encoding else ""
            raise ValidationFailed(
                [
                    Problem(
                        "file",
                        f"no row has the headings of a {layout.label} ({wanted}){how}; is it that export, "
                        "and in that encoding? Choose the encoding with --encoding if the headings look garbled",
                        " | ".join(c for c in (table.rows[0] if table.rows else []) if c.strip())[:60],
                    )
                ],
                f"{table.path.name} cannot be imported",
            )
        return found

    def _positions(
        self, headings: Sequence[str], header_row: int, layout: OrderLayout
    ) -> tuple[dict[str, int], list[Problem]]:
        by_form: dict[str, int] = {}
        for position, heading in enumerate(headings):
            by_form.setdefault(normalize_heading(heading), position)
        positions: dict[str, int] = {}
        for name, names in layout.headings.items():
            for heading in names:
                if normalize_heading(heading) in by_form:
                    positions[name] = by_form[normalize_heading(heading)]
                    break
        found = ", ".join(h for h in headings if h.strip())
        problems = [
            Problem(f"row {header_row}", f"missing column {' / '.join(layout.headings[f])} ({_label(f)})", found)
            for f in layout.required()
            if f not in positions
        ]
        return positions, problems

    def _finish(
        self, order: FileOrder, layout: OrderLayout, reader: OrderRows, status: str, zone: ZoneInfo | None
    ) -> list[Problem]:
        """What the layout says beyond the generic columns: currency, zone, status, address, line totals."""
        draft = order.draft
        problems: list[Problem] = []
        if layout.currency and not draft.currency:
            draft.currency = layout.currency
        if zone is not None and draft.placed_at is not None and draft.placed_at.tzinfo is None:
            draft.placed_at = draft.placed_at.replace(tzinfo=zone)
        if status in UNPAID_STATUSES:
            draft.payment_status, draft.paid_amount = "unpaid", None
        if layout.split_address and not (draft.ship_to.province or draft.ship_to.city):
            ship_to = draft.ship_to
            ship_to.province, ship_to.city, ship_to.district, ship_to.street, postcode = split_address(ship_to.street)
            ship_to.postcode = ship_to.postcode or postcode
        if "unit_price" not in layout.headings and LINE_TOTAL in layout.headings:
            exponent = currency_exponent((draft.currency or str(self.shop.setting("currency"))).upper())
            for line, row in zip(draft.lines, order.rows, strict=True):
                problem = _price_from_total(line, exponent, reader.where(row, "unit_price"))
                if problem is not None:
                    problems.append(problem)
        return problems


def _price_from_total(line: Any, exponent: int, where: str) -> Problem | None:
    """A line total of 79.80 for 2 is 2 × 39.90; 10.00 for 3 is 3 × 3.34 less 0.02, so the total stays exact."""
    text = line.unit_price
    if text is None or not str(line.quantity).strip().isdigit() or int(str(line.quantity).strip()) == 0:
        return None  # the order check reports a missing price or a bad quantity
    try:
        total = parse_amount(str(text), exponent)
    except ValueError as exc:
        return Problem(where, f"line total {exc}", str(text))
    quantity = int(str(line.quantity).strip())
    unit = -(-total // quantity)
    line.unit_price, line.discount = unit, unit * quantity - total
    return None


def split_address(text: str) -> tuple[str, str, str, str, str]:
    """(province, city, district, street, postcode) of a one-cell Chinese address; street is the rest."""
    text = text.strip()
    postcode = ""
    found = _POSTCODE.search(text)
    if found:
        postcode, text = found.group(1), text[: found.start()].strip()
    parts = text.split()
    if len(parts) >= 4:
        return parts[0], parts[1], parts[2], " ".join(parts[3:]), postcode
    compact = "".join(parts)
    province = city = district = ""
    match = _PROVINCE.match(compact)
    if match:
        province, compact = match.groups()
        if province.rstrip("市") in ("北京", "上海", "天津", "重庆"):
            city = province if province.endswith("市") else province + "市"
            compact = compact.removeprefix(city).removeprefix(province)
    if not city and (match := _CITY.match(compact)):
        city, compact = match.groups()
    if city and (match := _DISTRICT.match(compact)):
        district, compact = match.groups()
    if not city:
        return "", "", "", text, postcode
    return province, city, district, compact.strip() or text, postcode


def _clean(cell: str) -> str:
    """A platform's cell as a person reads it: ="2901..." and '2901... become 2901...; tabs go."""
    text = cell.strip().strip("\t")
    found = _PROTECTED.match(text)
    if found:
        text = found.group(1)
    return text[1:] if text.startswith("'") and text[1:2].isdigit() else text


def _cell(cells: Sequence[str], position: int | None) -> str:
    return cells[position].strip() if position is not None and position < len(cells) else ""


def _zone(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return None


def _label(name: str) -> str:
    if name in BY_NAME:
        return BY_NAME[name].label.lower()
    return {STATUS: "order status", LINE_TOTAL: "line total"}[name]


def _row_of(problem: Problem) -> int:
    head = problem.where.split(",")[0]
    return int(head.removeprefix("row ")) if head.startswith("row ") and head[4:].isdigit() else 0


def _on_hold(shop: Shop, numbers: list[str]) -> list[str]:
    from shopdesk.db.models.orders import SalesOrder

    with shop.db.read() as conn:
        return list(
            conn.execute(
                select(SalesOrder.number)
                .where(SalesOrder.number.in_(numbers), SalesOrder.status == "on_hold")
                .order_by(SalesOrder.number)
            ).scalars()
        )


# Saved layouts ----------------------------------------------------------------------


def save_order_layout(
    shop: Shop,
    path: Path,
    columns: Mapping[str, str],
    *,
    name: str = "",
    channel: str = "file",
    currency: str = "",
    time_zone: str = "",
    encoding: str | None = None,
    sheet: str | None = None,
) -> SavedLayout:
    """Remember which of this file's columns hold which order field, for every file with the same headings.

    `columns` maps our field (order_no, sku, quantity, recipient, ...; status,
    line_total) to the file's heading. The heading row is the first row that
    has all of them. Saving the same headings again replaces the mapping.
    """
    known = set(BY_NAME) | set(EXTRA_FIELDS)
    problems = [
        Problem(f"field {f}", f"unknown order field; known: {', '.join(sorted(known))}", f)
        for f in columns
        if f not in known
    ]
    problems += [
        Problem(f"field {f}", "required: map it to one of the file's headings") for f in REQUIRED if not columns.get(f)
    ]
    if currency and not re.match(r"^[A-Za-z]{3}$", currency):
        problems.append(Problem("currency", "a currency is a three-letter code like CNY, EUR or USD", currency))
    if time_zone and _zone(time_zone) is None:
        problems.append(Problem("time zone", "unknown time zone; write it like Asia/Shanghai", time_zone))
    if problems:
        raise ValidationFailed(problems, "The order layout cannot be saved")
    table = read_table(Path(path), encoding=encoding, sheet=sheet)
    wanted = {normalize_heading(h) for h in columns.values()}
    row = next((r for r in table.rows[:30] if wanted <= {normalize_heading(c) for c in r if c.strip()}), None)
    if row is None:
        missing = sorted(columns.values())
        raise ValidationFailed(
            [Problem("file", "no row of the file has all these headings", ", ".join(missing)[:60])],
            "The order layout cannot be saved",
        )
    channel_key = channel.strip().casefold() or "file"
    currency_code = currency.upper()
    mapping = {"columns": dict(columns), "channel": channel_key, "currency": currency_code, "time_zone": time_zone}
    key = layout_key(row)
    label = (name or Path(path).stem)[:100]
    with shop.db.uow() as uow:
        conn = uow.session.connection()
        found = conn.execute(
            select(ImportProfile.id).where(ImportProfile.kind == PROFILE_KIND, ImportProfile.layout_key == key)
        ).scalar()
        if found is None:
            found = conn.execute(
                insert(ImportProfile)
                .values(kind=PROFILE_KIND, layout_key=key, name=label, mapping=mapping)
                .returning(ImportProfile.id)
            ).scalar_one()
        else:
            conn.execute(update(ImportProfile).where(ImportProfile.id == found).values(name=label, mapping=mapping))
        uow.commit()
    return SavedLayout(found, label, channel_key, dict(columns), currency_code, time_zone)


def list_order_layouts(shop: Shop) -> list[SavedLayout]:
    """The order layouts the shop saved, by name."""
    with shop.db.read() as conn:
        rows = conn.execute(
            select(ImportProfile.id, ImportProfile.name, ImportProfile.mapping)
            .where(ImportProfile.kind == PROFILE_KIND)
            .order_by(ImportProfile.name, ImportProfile.id)
        ).all()
    return [
        SavedLayout(
            r.id,
            r.name,
            r.mapping.get("channel", "file"),
            dict(r.mapping.get("columns", {})),
            r.mapping.get("currency", ""),
            r.mapping.get("time_zone", ""),
        )
        for r in rows
    ]


def delete_order_layout(shop: Shop, layout_id: int) -> None:
    """Forget a saved order layout; files with its headings are read as generic files again."""
    with shop.db.uow() as uow:
        gone = (
            uow.session.connection()
            .execute(delete(ImportProfile).where(ImportProfile.id == layout_id, ImportProfile.kind == PROFILE_KIND))
            .rowcount
        )
        if not gone:
            raise NotFound(f"No saved order layout has id {layout_id}.")
        uow.commit()
