"""shopdesk supplier list|show|add|edit|archive|unarchive|link|unlink: the shop's suppliers (供应商).

Costs are written as people write them ("3.20"); a lead time is whole days.
Purchase orders to a supplier are in cli/purchase_commands.py (`shopdesk po new CODE ...`).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.money import format_plain, parse_amount
from shopdesk.services.catalogue_suppliers import SupplierLink
from shopdesk.services.parties import SupplierDetail, SupplierDraft
from shopdesk.services.shop import Shop

# The supplier's fields an option sets, as (option, field, what it is).
_FIELDS = (
    ("--contact", "contact", "the person to talk to"),
    ("--phone", "phone", "phone number"),
    ("--email", "email", "email address"),
    ("--address", "address", "postal address"),
    ("--currency", "currency", "the currency it invoices in, e.g. CNY (default: the shop's)"),
    ("--notes", "notes", "payment terms, minimum order..."),
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    supplier = sub.add_parser("supplier", parents=[common], help="suppliers (供应商) and the products they supply")
    actions = supplier.add_subparsers(dest="supplier_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="suppliers, with how many products each supplies")
    listing.add_argument("--search", default="", metavar="TEXT", help="in the code, name, contact or phone")
    listing.add_argument("--all", action="store_true", help="archived suppliers too")
    listing.set_defaults(handler=list_suppliers)

    show = actions.add_parser("show", parents=[common], help="a supplier and the products it supplies")
    show.add_argument("code", metavar="CODE")
    show.set_defaults(handler=show_supplier)

    add = actions.add_parser("add", parents=[common], help="a new supplier")
    add.add_argument("code", metavar="CODE", help="a short code, used in `po new CODE`")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--lead-time", default="7", metavar="DAYS", help="days from order to delivery (default 7)")
    for option, name, text in _FIELDS:
        add.add_argument(option, dest=name, default="", metavar="TEXT", help=text)
    add.set_defaults(handler=add_supplier)

    edit = actions.add_parser("edit", parents=[common], help="change a supplier: only the options given change")
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--code", dest="new_code", metavar="NEW", help="a new code")
    edit.add_argument("--name", metavar="NAME")
    edit.add_argument("--lead-time", metavar="DAYS")
    for option, name, text in _FIELDS:
        edit.add_argument(option, dest=name, metavar="TEXT", help=text)
    edit.set_defaults(handler=edit_supplier)

    for name, text in (
        ("archive", "archive a supplier: no new purchase orders or reorder suggestions go to it"),
        ("unarchive", "bring an archived supplier back"),
    ):
        parser = actions.add_parser(name, parents=[common], help=text)
        parser.add_argument("code", metavar="CODE")
        parser.set_defaults(handler=archive_supplier, archived=name == "archive")

    link = actions.add_parser(
        "link", parents=[common], help="the supplier supplies a product (again: change its terms; others are kept)"
    )
    link.add_argument("code", metavar="CODE")
    link.add_argument("sku", metavar="SKU", help="the product's SKU or barcode")
    link.add_argument("--supplier-sku", metavar="X", help="the supplier's own code for it (供应商货号)")
    link.add_argument("--cost", metavar="AMOUNT", help="what the supplier charges per unit, e.g. 3.20")
    link.add_argument("--lead-time", metavar="DAYS", help="days to deliver this product (default: the supplier's)")
    link.add_argument("--preferred", action="store_true", help="order it from this supplier first (首选供应商)")
    link.set_defaults(handler=link_product)

    unlink = actions.add_parser("unlink", parents=[common], help="the supplier no longer supplies a product")
    unlink.add_argument("code", metavar="CODE")
    unlink.add_argument("sku", metavar="SKU")
    unlink.set_defaults(handler=unlink_product)


# Helpers ---------------------------------------------------------------------------
def _lead_time(text: str, problems: list[Problem]) -> int | None:
    if not text.strip().lstrip("-").isdigit():
        problems.append(Problem("--lead-time", "the lead time is a whole number of days", text))
        return None
    return int(text)


def _cost(shop: Shop, text: str, problems: list[Problem]) -> int | None:
    try:
        return parse_amount(text, shop.money.exponent)
    except ValueError as exc:
        problems.append(Problem("--cost", f"the cost {exc} (write it like 3.20)", text))
        return None


def _money(shop: Shop, minor: int | None) -> str | None:
    return None if minor is None else format_plain(minor, shop.money.exponent)


def _detail_json(detail: SupplierDetail) -> dict[str, Any]:
    return {**vars(detail.draft), "id": detail.id, "archived": detail.archived, "products": detail.products}


def _link_json(shop: Shop, link: SupplierLink) -> dict[str, Any]:
    return {
        "sku": link.sku,
        "name": link.product_name,
        "supplier_sku": link.supplier_sku,
        "cost": _money(shop, link.cost),
        "lead_time_days": link.effective_lead_time_days,
        "own_lead_time": link.lead_time_days is not None,
        "preferred": link.preferred,
    }


# Commands --------------------------------------------------------------------------
def list_suppliers(ctx: Context) -> int:
    rows = ctx.shop().parties.list_suppliers(ctx.args.search, include_archived=ctx.args.all)
    data = [
        {
            "code": r.code,
            "name": r.name,
            "contact": r.contact,
            "phone": r.phone,
            "lead_time_days": r.lead_time_days,
            "products": r.products,
            "archived": r.archived,
        }
        for r in rows
    ]
    text = "\n".join(
        f"{d['code']:<12} {d['name']:<30} lead {d['lead_time_days']:>3}d  {d['products']:>5} product(s)"
        + ("  (archived)" if d["archived"] else "")
        for d in data
    )
    ctx.out(data, text or "No suppliers yet: add one with `shopdesk supplier add CODE NAME`")
    return 0


def show_supplier(ctx: Context) -> int:
    shop = ctx.shop()
    detail = shop.parties.get_supplier(ctx.args.code)
    data = _detail_json(detail)
    data["products"] = [_link_json(shop, link) for link in shop.catalogue.supplier_products(detail.id)]
    draft = detail.draft
    lines = [
        f"{draft.code}  {draft.name}" + ("  (archived)" if detail.archived else ""),
        *(
            f"  {label:<10} {value}"
            for label, value in (
                ("contact", draft.contact),
                ("phone", draft.phone),
                ("email", draft.email),
                ("address", draft.address),
                ("lead time", f"{draft.lead_time_days} day(s)"),
                ("currency", draft.currency),
                ("notes", draft.notes),
            )
            if value
        ),
        f"  supplies {len(data['products'])} product(s)",
        *(
            f"    {p['sku']:<16} {p['supplier_sku'] or '-':<14} cost {p['cost'] or '-':>10}  "
            f"lead {p['lead_time_days']:>3}d" + ("  preferred" if p["preferred"] else "")
            for p in data["products"]
        ),
    ]
    ctx.out(data, "\n".join(lines))
    return 0


def add_supplier(ctx: Context) -> int:
    args = ctx.args
    problems: list[Problem] = []
    lead = _lead_time(args.lead_time, problems)
    if problems:
        raise ValidationFailed(problems, "Supplier cannot be saved")
    draft = SupplierDraft(
        args.code, args.name, lead_time_days=lead or 0, **{n: getattr(args, n) for _, n, _ in _FIELDS}
    )
    shop = ctx.shop()
    shop.parties.create_supplier(draft)
    detail = shop.parties.get_supplier(draft.code.strip())
    ctx.out(_detail_json(detail), f"Added supplier {detail.draft.code} {detail.draft.name}")
    return 0


def edit_supplier(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    detail = shop.parties.get_supplier(args.code)
    changes: dict[str, Any] = {n: getattr(args, n) for _, n, _ in _FIELDS if getattr(args, n) is not None}
    problems: list[Problem] = []
    if args.lead_time is not None:
        changes["lead_time_days"] = _lead_time(args.lead_time, problems)
    if problems:
        raise ValidationFailed(problems, f"Supplier {detail.draft.code} cannot be saved")
    if args.new_code is not None:
        changes["code"] = args.new_code
    if args.name is not None:
        changes["name"] = args.name
    shop.parties.update_supplier(detail.id, replace(detail.draft, **changes))
    after = shop.parties.get_supplier(detail.id)
    ctx.out(_detail_json(after), f"Saved supplier {after.draft.code} {after.draft.name}")
    return 0


def archive_supplier(ctx: Context) -> int:
    shop = ctx.shop()
    shop.parties.archive_supplier(ctx.args.code, archived=ctx.args.archived)
    detail = shop.parties.get_supplier(ctx.args.code)
    state = "archived" if detail.archived else "active"
    ctx.out({"code": detail.draft.code, "archived": detail.archived}, f"{detail.draft.code} is {state}")
    return 0


def link_product(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    problems: list[Problem] = []
    cost = None if args.cost is None else _cost(shop, args.cost, problems)
    lead = None if args.lead_time is None else _lead_time(args.lead_time, problems)
    if problems:
        raise ValidationFailed(problems, f"{args.sku} was not linked to {args.code}")
    supplier = shop.parties.get_supplier(args.code)
    # Linking again changes only the terms given: the others stay as they were.
    was = next((x for x in shop.catalogue.product_suppliers(args.sku) if x.supplier_id == supplier.id), None)
    shop.catalogue.link_supplier(
        args.sku,
        supplier.id,
        supplier_sku=args.supplier_sku if args.supplier_sku is not None else (was.supplier_sku if was else ""),
        cost=cost if args.cost is not None else (was.cost if was else None),
        lead_time_days=lead if args.lead_time is not None else (was.lead_time_days if was else None),
        preferred=args.preferred or bool(was and was.preferred),
    )
    link = next(x for x in shop.catalogue.product_suppliers(args.sku) if x.supplier_id == supplier.id)
    verb = "now supplies" if was is None else "supplies"
    text = (
        f"{supplier.draft.code} {verb} {link.sku}: supplier SKU {link.supplier_sku or '-'}, "
        f"cost {_money(shop, link.cost) or '-'}, lead time {link.effective_lead_time_days} day(s)"
        + (", preferred" if link.preferred else "")
    )
    ctx.out({"supplier": supplier.draft.code, **_link_json(shop, link)}, text)
    return 0


def unlink_product(ctx: Context) -> int:
    shop = ctx.shop()
    supplier = shop.parties.get_supplier(ctx.args.code)
    shop.catalogue.unlink_supplier(ctx.args.sku, supplier.id)
    code = supplier.draft.code
    ctx.out({"supplier": code, "sku": ctx.args.sku, "linked": False}, f"{code} no longer supplies {ctx.args.sku}")
    return 0
