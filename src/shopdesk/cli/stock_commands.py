"""shopdesk stock show | receive | move | adjust | arrive | history | locations | add-location | pick-order | set-bin.

SKU may be a barcode. Quantities are whole base units; money is typed as
people write it ("3.20") in the shop's currency. Without --location, the
product's default bin in the first warehouse is used.
"""

from __future__ import annotations

import argparse
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.locations import MAX_PICK_ORDER
from shopdesk.services.shop import Shop
from shopdesk.services.stock_ledger import SourceDoc
from shopdesk.services.stock_queries import LocationStock


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    stock = sub.add_parser("stock", parents=[common], help="stock levels, receipts, transfers and adjustments")
    actions = stock.add_subparsers(dest="stock_command", metavar="ACTION", required=True)

    show = actions.add_parser("show", parents=[common], help="on hand, reserved, available and value of a product")
    show.add_argument("sku", metavar="SKU", help="SKU or barcode")
    show.set_defaults(handler=show_stock)

    receive = actions.add_parser("receive", parents=[common], help="goods in from a supplier at a unit cost")
    receive.add_argument("sku", metavar="SKU")
    receive.add_argument("quantity", metavar="QTY")
    receive.add_argument("--cost", required=True, metavar="AMOUNT", help="unit cost, e.g. 3.20")
    receive.add_argument("--location", metavar="WH/BIN", help="where it goes (default: the product's default bin)")
    receive.add_argument("--ref", default="", metavar="TEXT", help="delivery note or purchase order number")
    receive.set_defaults(handler=receive_stock)

    move = actions.add_parser("move", parents=[common], help="move stock between bins or warehouses")
    move.add_argument("sku", metavar="SKU")
    move.add_argument("quantity", metavar="QTY")
    move.add_argument("--from", dest="from_location", required=True, metavar="LOCATION")
    move.add_argument("--to", dest="to_location", required=True, metavar="LOCATION")
    move.add_argument("--reason", default="", metavar="TEXT")
    move.set_defaults(handler=move_stock)

    adjust = actions.add_parser("adjust", parents=[common], help="correct stock to a counted quantity")
    adjust.add_argument("sku", metavar="SKU")
    how = adjust.add_mutually_exclusive_group(required=True)
    how.add_argument("--set", dest="set_to", metavar="QTY", help="the counted quantity")
    how.add_argument("--by", dest="delta", metavar="DIFF", help="a difference, e.g. -2 or +5")
    adjust.add_argument("--reason", required=True, metavar="TEXT", help="why (stocktake, damaged, found...)")
    adjust.add_argument("--location", metavar="LOCATION")
    adjust.set_defaults(handler=adjust_stock)

    arrive = actions.add_parser("arrive", parents=[common], help="goods in transit arrive at the other warehouse")
    arrive.add_argument("transfer", metavar="TRANSFER", help="the transfer number printed by `stock move`")
    arrive.add_argument("--location", metavar="LOCATION", help="another bin than the one named when sent")
    arrive.set_defaults(handler=arrive_transfer)

    history = actions.add_parser("history", parents=[common], help="the moves of a product, newest first")
    history.add_argument("sku", metavar="SKU")
    history.add_argument("--limit", type=int, default=50, metavar="N")
    history.set_defaults(handler=show_history)

    locations = actions.add_parser("locations", parents=[common], help="warehouses, zones and bins")
    locations.add_argument("--warehouse", metavar="CODE")
    locations.set_defaults(handler=list_locations)

    add = actions.add_parser("add-location", parents=[common], help="create WH, WH/ZONE or WH/ZONE/BIN")
    add.add_argument("path", metavar="PATH")
    add.add_argument("--bin", action="store_true", help="PATH is WH/BIN: a bin directly in the warehouse")
    add.add_argument(
        "--pick-order", metavar="N", help="the new bin's place on the walking route (default: after the last bin)"
    )
    add.set_defaults(handler=add_location)

    pick = actions.add_parser(
        "pick-order", parents=[common], help="a bin's place on the walking route: pick lists visit bins by it"
    )
    pick.add_argument("bin", metavar="WH/ZONE/BIN")
    pick.add_argument("pick_order", metavar="N", help="0 or more; lower is walked first")
    pick.set_defaults(handler=set_pick_order)

    set_bin = actions.add_parser("set-bin", parents=[common], help="the product's default bin in a warehouse")
    set_bin.add_argument("sku", metavar="SKU")
    set_bin.add_argument("bin", metavar="BIN")
    set_bin.set_defaults(handler=set_default_bin)


# Helpers ---------------------------------------------------------------------------
def _product(shop: Shop, code: str) -> tuple[int, str]:
    detail = shop.catalogue.find_by_code(code)
    if detail is None:
        raise NotFound(f"No product with SKU or barcode {code!r}")
    return detail.id, detail.draft.sku


def _whole(text: str, label: str, *, signed: bool = False, zero: bool = False) -> int:
    cleaned = text.strip()
    body = cleaned[1:] if signed and cleaned[:1] in "+-" else cleaned
    if not body.isdigit():
        above = "" if signed else " of zero or more" if zero else " above zero"
        raise ShopDeskError(f"{label} must be a whole number{above} (found: {text!r})")
    value = int(cleaned)
    if not signed and not zero and value <= 0:
        raise ShopDeskError(f"{label} must be above zero (found: {text!r})")
    return value


def _location(shop: Shop, product_id: int, sku: str, given: str | None) -> str | int:
    if given:
        return given
    warehouses = shop.locations.warehouses()
    if not warehouses:
        raise ShopDeskError(
            "This shop has no warehouse yet: create one and a bin with `shopdesk stock add-location WH1/A/A-01-01`"
        )
    default = shop.locations.default_bin(product_id)
    if default is None:
        raise ShopDeskError(
            f"{sku} has no default bin in {warehouses[0].path}: give --location WH/ZONE/BIN, "
            f"or set one with `shopdesk stock set-bin {sku} BIN` (`shopdesk stock locations` lists the bins)"
        )
    return default.id


def _money(shop: Shop, minor: int) -> str:
    return format_plain(minor, shop.money.exponent)


def _stock_json(shop: Shop, product: int) -> dict[str, Any]:
    stock = shop.inventory.product_stock(product)
    unit = None if stock.unit_cost is None else f"{stock.unit_cost.scaleb(-shop.money.exponent):.4f}"
    return {
        "sku": stock.sku,
        "product_id": stock.product_id,
        "on_hand": stock.on_hand,
        "reserved": stock.reserved,
        "available": stock.available,
        "quarantine": stock.quarantine,
        "in_transit": stock.in_transit,
        "value": _money(shop, stock.value),
        "unit_cost": unit,
        "currency": shop.money.currency,
        "locations": [_location_json(shop, loc) for loc in stock.locations],
        "held": [_location_json(shop, loc) for loc in stock.held],
    }


def _location_json(shop: Shop, loc: LocationStock) -> dict[str, Any]:
    return {
        "location": loc.path,
        "kind": loc.kind,
        "on_hand": loc.on_hand,
        "reserved": loc.reserved,
        "available": loc.available,
        "value": _money(shop, loc.value),
    }


def _stock_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['sku']}: on hand {data['on_hand']}, reserved {data['reserved']}, available {data['available']}, "
        f"value {data['value']} {data['currency']}" + (f" (unit cost {data['unit_cost']})" if data["unit_cost"] else "")
    ]
    if data["quarantine"] or data["in_transit"]:
        lines.append(f"  also owned: {data['quarantine']} in quarantine, {data['in_transit']} in transit")
    every = data["locations"] + data["held"]
    width = max((len(loc["location"]) for loc in every), default=0)
    lines += [
        f"  {loc['location']:<{width}}  on hand {loc['on_hand']:>6}  reserved {loc['reserved']:>6}  "
        f"available {loc['available']:>6}  value {loc['value']:>10}"
        for loc in every
    ]
    return "\n".join(lines)


# Commands --------------------------------------------------------------------------
def show_stock(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, _ = _product(shop, ctx.args.sku)
    data = _stock_json(shop, product_id)
    ctx.out(data, _stock_text(data))
    return 0


def receive_stock(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, sku = _product(shop, ctx.args.sku)
    quantity = _whole(ctx.args.quantity, "QTY")
    try:
        unit_cost = parse_amount(ctx.args.cost, shop.money.exponent)
    except ValueError as exc:
        raise ShopDeskError(f"--cost {ctx.args.cost!r} {exc} (write it like 3.20)") from None
    if unit_cost < 0:
        raise ShopDeskError(f"--cost must be zero or more (found: {ctx.args.cost!r}); nothing was received")
    location = _location(shop, product_id, sku, ctx.args.location)
    source = SourceDoc("delivery", None, ctx.args.ref) if ctx.args.ref else SourceDoc()
    posted = shop.inventory.receive(product_id, quantity, location, unit_cost=unit_cost, source=source)
    data = _stock_json(shop, product_id)
    ctx.out(
        {"move_id": posted.id, "received": quantity, "move_value": _money(shop, posted.value), "stock": data},
        f"Received {quantity} × {sku} for {_money(shop, posted.value)} {shop.money.currency}\n{_stock_text(data)}",
    )
    return 0


def move_stock(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, sku = _product(shop, ctx.args.sku)
    quantity = _whole(ctx.args.quantity, "QTY")
    result = shop.inventory.transfer(
        product_id, quantity, ctx.args.from_location, ctx.args.to_location, reason=ctx.args.reason
    )
    text = f"Moved {quantity} × {sku} from {ctx.args.from_location} to {ctx.args.to_location}"
    if result.in_transit:
        text = (
            f"Sent {quantity} × {sku} from {ctx.args.from_location}: in transit as transfer {result.transfer_id}. "
            f"When it arrives: shopdesk stock arrive {result.transfer_id}"
        )
    ctx.out({"move_ids": [m.id for m in result.moves], "transfer": result.transfer_id}, text)
    return 0


def adjust_stock(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, sku = _product(shop, ctx.args.sku)
    location = _location(shop, product_id, sku, ctx.args.location)
    if ctx.args.set_to is not None:
        posted = shop.inventory.adjust(
            product_id, location, set_to=_whole(ctx.args.set_to, "--set", zero=True), reason=ctx.args.reason
        )
    else:
        posted = shop.inventory.adjust(
            product_id, location, delta=_whole(ctx.args.delta, "--by", signed=True), reason=ctx.args.reason
        )
    data = _stock_json(shop, product_id)
    headline = (
        f"{sku}: the count matches, nothing changed"
        if posted is None
        else f"Adjusted {sku} by {posted.quantity} unit(s) worth {_money(shop, posted.value)} {shop.money.currency}"
    )
    released = list(posted.released_orders) if posted else []
    if released:
        headline += f"\nNot there for {', '.join(released)}: their reservation was released; they wait for stock again"
    ctx.out(
        {"move_id": posted.id if posted else None, "released_orders": released, "stock": data},
        f"{headline}\n{_stock_text(data)}",
    )
    return 0


def arrive_transfer(ctx: Context) -> int:
    shop = ctx.shop()
    number = ctx.args.transfer.strip().upper().removeprefix("TR-")
    posted = shop.inventory.receive_transfer(_whole(number, "TRANSFER"), ctx.args.location)
    ctx.out({"move_id": posted.id}, f"Transfer {number} arrived: {posted.quantity} unit(s)")
    return 0


def show_history(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, sku = _product(shop, ctx.args.sku)
    rows = shop.inventory.history(product_id, limit=ctx.args.limit)
    data: list[dict[str, Any]] = [
        {
            "id": r.id,
            "at": r.moved_at.isoformat(),
            "kind": r.kind,
            "from": r.from_path,
            "to": r.to_path,
            "quantity": r.quantity,
            "value": _money(shop, r.value),
            "reason": r.reason,
            "source": r.source,
            "user": r.user,
        }
        for r in rows
    ]
    text = "\n".join(
        f"{d['at'][:19]}  {d['kind']:<11} {d['quantity']:>6}  {d['from']} → {d['to']}  {d['value']:>10}  "
        f"{d['user']}  {d['reason']}"
        for d in data
    )
    ctx.out(data, text or f"{sku} has no stock moves yet")
    return 0


def list_locations(ctx: Context) -> int:
    shop = ctx.shop()
    refs = shop.locations.physical_locations(ctx.args.warehouse)
    data = [{"path": r.path, "kind": r.kind, "pick_order": r.pick_order, "name": r.name} for r in refs]
    text = "\n".join(
        f"{d['kind']:<9} {d['path']}" + (f"  (pick {d['pick_order']})" if d["kind"] == "bin" else "") for d in data
    )
    ctx.out(data, text or "No warehouses yet: shopdesk stock add-location WH1/A/A-01-01")
    return 0


def add_location(ctx: Context) -> int:
    """Create the missing levels of WH, WH/ZONE, WH/ZONE/BIN (or WH/BIN with --bin)."""
    shop = ctx.shop()
    parts = [p.strip() for p in ctx.args.path.split("/") if p.strip()]
    if not 1 <= len(parts) <= 3 or (ctx.args.bin and len(parts) != 2):
        raise ShopDeskError("Give WH, WH/ZONE or WH/ZONE/BIN (or WH/BIN with --bin)")
    kinds = ["warehouse", "bin"] if ctx.args.bin else ["warehouse", "zone", "bin"][: len(parts)]
    pick_order = None
    if ctx.args.pick_order is not None:
        if kinds[-1] != "bin":
            raise ShopDeskError(
                f"--pick-order is for a bin: give WH/ZONE/BIN (or WH/BIN with --bin), not {ctx.args.path}"
            )
        pick_order = _whole(ctx.args.pick_order, "--pick-order", zero=True)
        if pick_order > MAX_PICK_ORDER:  # refused before the warehouse or zone above it is created
            raise ShopDeskError(f"--pick-order must be at most {MAX_PICK_ORDER} (found: {ctx.args.pick_order!r})")
        try:
            existing = shop.locations.resolve("/".join(parts))
        except NotFound:
            pass
        else:
            raise ShopDeskError(
                f"{existing.path} already exists: change its place on the walk with "
                f"`shopdesk stock pick-order {existing.path} {pick_order}`"
            )
    created = []
    for depth, kind in enumerate(kinds):
        path = "/".join(parts[: depth + 1])
        try:
            shop.locations.resolve(path)
            continue
        except NotFound:
            pass
        parent = "/".join(parts[:depth]) or None
        if kind == "warehouse":
            shop.locations.create_warehouse(parts[0])
        elif kind == "zone":
            shop.locations.create_zone(str(parent), parts[depth])
        else:
            shop.locations.create_bin(str(parent), parts[depth], pick_order=pick_order)
        created.append(path)
    ctx.out({"created": created}, "Created " + ", ".join(created) if created else f"{ctx.args.path} already exists")
    return 0


def set_default_bin(ctx: Context) -> int:
    shop = ctx.shop()
    product_id, sku = _product(shop, ctx.args.sku)
    ref = shop.locations.set_default_bin(product_id, ctx.args.bin)
    ctx.out({"sku": sku, "default_bin": ref.path}, f"{sku} is kept in {ref.path} by default")
    return 0


def set_pick_order(ctx: Context) -> int:
    shop = ctx.shop()
    pick_order = _whole(ctx.args.pick_order, "N", zero=True)
    ref = shop.locations.set_pick_order(ctx.args.bin, pick_order)
    walk = [b.path for b in shop.locations.bins(ref.warehouse_id)]
    ctx.out(
        {"path": ref.path, "pick_order": ref.pick_order, "walk": walk},
        f"{ref.path} now has pick order {ref.pick_order} (stop {walk.index(ref.path) + 1} of {len(walk)} "
        f"on the walk through its warehouse)",
    )
    return 0
