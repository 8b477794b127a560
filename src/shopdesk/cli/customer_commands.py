"""shopdesk customer list|show|add|edit: the shop's customers (客户) as records.

Phones are masked in the list (138****5678); `show` gives them in full to a role that may
see personal data (the owner, customer service, the warehouse) and masked to the others.
An address is written as people write it: "省 市 区 街道 邮编", e.g.
"广东省 深圳市 南山区 科技园路1号 518000" (the postcode may be left out).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from shopdesk.cli.common import Context
from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.domain.money import format_plain
from shopdesk.services.customers import CustomerDetail, CustomerFilter, CustomerListRow, Customers
from shopdesk.services.parties import Address, CustomerDraft


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    customer = sub.add_parser("customer", parents=[common], help="customers (客户): list, show, add, edit")
    actions = customer.add_subparsers(dest="customer_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="customers with what they bought (phones masked)")
    listing.add_argument("--search", default="", metavar="TEXT", help="in the name or phone, or an order number")
    listing.add_argument("--segment", metavar="S", help="new, active, sleeping, lost, or none (never bought)")
    listing.add_argument("--limit", type=int, default=200, metavar="N", help="at most N customers (default 200)")
    listing.set_defaults(handler=list_customers)

    show = actions.add_parser("show", parents=[common], help="one customer: contacts, orders, after-sales cases")
    show.add_argument("id", type=int, metavar="ID")
    show.set_defaults(handler=show_customer)

    add = actions.add_parser("add", parents=[common], help="a new customer")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--phone", action="append", default=[], metavar="PHONE", help="a phone (repeat for more)")
    add.add_argument(
        "--address",
        action="append",
        default=[],
        metavar='"省 市 区 街道 邮编"',
        help="an address; the first is the default",
    )
    add.add_argument("--channel", default="manual", metavar="CHANNEL", help="where they buy: manual, taobao, wechat…")
    add.add_argument("--email", default="", metavar="EMAIL")
    add.add_argument("--note", default="", metavar="TEXT", help="notes (备注)")
    add.set_defaults(handler=add_customer)

    edit = actions.add_parser("edit", parents=[common], help="change a customer: only the options given change")
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--name", metavar="NAME")
    edit.add_argument("--phone", action="append", metavar="PHONE", help="the phones, replacing them (repeat)")
    edit.add_argument("--add-phone", action="append", default=[], metavar="PHONE", help="one more phone")
    edit.add_argument("--remove-phone", action="append", default=[], metavar="PHONE", help="a phone to remove")
    edit.add_argument(
        "--address", action="append", metavar='"省 市 区 街道 邮编"', help="the addresses, replacing them (repeat)"
    )
    edit.add_argument("--add-address", action="append", default=[], metavar='"省 市 区 街道 邮编"')
    edit.add_argument("--remove-address", action="append", type=int, default=[], metavar="N", help="1 is the first")
    edit.add_argument("--default-address", type=int, metavar="N", help="parcels go to address N (1 is the first)")
    edit.add_argument("--channel", metavar="CHANNEL")
    edit.add_argument("--email", metavar="EMAIL")
    edit.add_argument("--note", metavar="TEXT", help="the notes (备注), replacing them")
    edit.set_defaults(handler=edit_customer)


# Helpers ---------------------------------------------------------------------------
def parse_address(text: str, where: str, problems: list[Problem]) -> Address:
    """ "省 市 区 街道 [邮编]" (spaces between the parts) as an address in China."""
    parts = text.split()
    postcode = parts.pop() if len(parts) >= 5 and parts[-1].isdigit() else ""
    if len(parts) < 4:
        problems.append(Problem(where, 'write an address as "省 市 区 街道 邮编", with spaces between', text))
        return Address()
    province, city, district, *street = parts
    return Address("", "", "CN", province, city, district, " ".join(street), postcode)


def _row_json(row: CustomerListRow, exponent: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "phone": row.phone,
        "region": row.region,
        "channel": row.channel,
        "tags": list(row.tags),
        "orders": row.orders,
        "spent": format_plain(row.spent, exponent),
        "last_order": row.last_order,
        "segment": row.segment,
        "high_value": row.high_value,
        "cases": row.cases,
    }


def _detail_json(detail: CustomerDetail, exponent: int) -> dict[str, Any]:
    return {
        **_row_json(detail.row, exponent),
        "phones": detail.phones,
        "addresses": detail.addresses,
        "email": detail.email,
        "notes": detail.notes,
        "first_order": detail.first_order,
        "order_numbers": [o.number for o in detail.orders],
        "case_numbers": [c.number for c in detail.cases],
    }


def _detail_text(ctx: Context, detail: CustomerDetail) -> str:
    row = detail.row
    exponent = ctx.shop().money.exponent
    lines = [
        f"#{row.id}  {row.name}  ({row.channel})" + (f"  [{', '.join(row.tags)}]" if row.tags else ""),
        *(f"  phone      {p}" for p in detail.phones),
        *(f"  address {n}  {a}" for n, a in enumerate(detail.addresses, start=1)),
        *(f"  {label:<10} {value}" for label, value in (("email", detail.email), ("notes", detail.notes)) if value),
        f"  {row.orders} order(s), spent {format_plain(row.spent, exponent)}"
        + (f", {row.segment}" if row.segment else ""),
        *(f"    {o.number}" for o in detail.orders),
        *(f"    case {c.number}" for c in detail.cases),
    ]
    return "\n".join(lines)


# Commands --------------------------------------------------------------------------
def list_customers(ctx: Context) -> int:
    args = ctx.args
    rows = Customers(ctx.shop()).page(CustomerFilter(text=args.search, segment=args.segment), limit=args.limit)
    text = "\n".join(
        f"{r.id:>6}  {r.name:<20} {r.phone:<14} {r.region:<12} {r.channel:<10} {r.orders:>4} order(s)" for r in rows
    )
    ctx.out([_row_json(r, ctx.shop().money.exponent) for r in rows], text or "No customers found")
    return 0


def show_customer(ctx: Context) -> int:
    shop = ctx.shop()
    detail = Customers(shop).detail(ctx.args.id)
    ctx.out(_detail_json(detail, shop.money.exponent), _detail_text(ctx, detail))
    return 0


def add_customer(ctx: Context) -> int:
    args = ctx.args
    problems: list[Problem] = []
    addresses = [parse_address(a, f"--address {n}", problems) for n, a in enumerate(args.address, start=1)]
    if problems:
        raise ValidationFailed(problems, "Customer cannot be saved")
    shop = ctx.shop()
    draft = CustomerDraft(args.name, args.phone, addresses, args.channel, args.email, args.note)
    cid = shop.parties.create_customer(draft)
    detail = Customers(shop).detail(cid)
    ctx.out(_detail_json(detail, shop.money.exponent), f"Added customer #{cid} {detail.row.name}")
    return 0


def edit_customer(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop()
    record = shop.parties.get_customer(args.id)
    draft = record.draft
    problems: list[Problem] = []
    phones = list(draft.phones if args.phone is None else args.phone)
    phones += [p for p in args.add_phone if p not in phones]
    for phone in args.remove_phone:
        if phone not in phones:
            problems.append(Problem("--remove-phone", "the customer has no such phone", phone))
        else:
            phones.remove(phone)
    addresses = list(draft.addresses)
    default = draft.default_address
    if args.address is not None:
        addresses = [parse_address(a, f"--address {n}", problems) for n, a in enumerate(args.address, start=1)]
        default = 0
    for n, text in enumerate(args.add_address, start=1):
        addresses.append(parse_address(text, f"--add-address {n}", problems))
    kept_default = addresses[default] if 0 <= default < len(addresses) else None
    for n in sorted(set(args.remove_address), reverse=True):
        if not 1 <= n <= len(addresses):
            problems.append(Problem("--remove-address", f"the customer has {len(addresses)} address(es)", str(n)))
        else:
            del addresses[n - 1]
    default = next((i for i, a in enumerate(addresses) if a is kept_default), 0)
    if args.default_address is not None:
        if not 1 <= args.default_address <= len(addresses):
            problems.append(
                Problem(
                    "--default-address", f"the customer has {len(addresses)} address(es)", str(args.default_address)
                )
            )
        else:
            default = args.default_address - 1
    if problems:
        raise ValidationFailed(problems, f"Customer #{record.id} cannot be saved")
    changes: dict[str, Any] = {
        name: value
        for name, value in (("name", args.name), ("channel", args.channel), ("email", args.email), ("notes", args.note))
        if value is not None
    }
    edited = replace(draft, phones=phones, addresses=addresses, default_address=default, **changes)
    shop.parties.update_customer(record.id, edited, record.version)
    detail = Customers(shop).detail(record.id)
    ctx.out(_detail_json(detail, shop.money.exponent), f"Saved customer #{record.id} {detail.row.name}")
    return 0
