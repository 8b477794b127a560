"""The services' refusals, in the language of the UI.

Services write their messages in English (they also reach the command line
and the logs). The ones staff meet most (stock moves, receiving, stocktake,
scanning, orders, packing, refunds, someone else's change, a role's refusal)
are recognised here by their shape and said again from a translatable
template. Each template's English source is the message's own wording, so in
English the result is the message unchanged. A message may join several
problems (one per line, or with "; "): each part is translated on its own,
and a part not known here stays as the service wrote it. Numbers, SKUs,
codes, locations and names are carried over as they were.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shopdesk.domain.errors import ShopDeskError, ValidationFailed

CONTEXT = "ServiceMessages"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Field names a Problem gives as `where` (services write them as identifiers).
_FIELDS = {
    "to": QT_TRANSLATE_NOOP("ServiceMessages", "to"),
    "from": QT_TRANSLATE_NOOP("ServiceMessages", "from"),
    "location": QT_TRANSLATE_NOOP("ServiceMessages", "location"),
    "quantity": QT_TRANSLATE_NOOP("ServiceMessages", "quantity"),
    "reason": QT_TRANSLATE_NOOP("ServiceMessages", "reason"),
    "barcode": QT_TRANSLATE_NOOP("ServiceMessages", "barcode"),
    "amount": QT_TRANSLATE_NOOP("ServiceMessages", "amount"),
    "carrier": QT_TRANSLATE_NOOP("ServiceMessages", "carrier"),
    "tracking_no": QT_TRANSLATE_NOOP("ServiceMessages", "tracking_no"),
}

# Role labels as domain/permissions.py writes them inside a refusal.
_ROLES = {
    "owner": QT_TRANSLATE_NOOP("ServiceMessages", "owner"),
    "warehouse staff": QT_TRANSLATE_NOOP("ServiceMessages", "warehouse staff"),
    "accountant": QT_TRANSLATE_NOOP("ServiceMessages", "accountant"),
    "customer service": QT_TRANSLATE_NOOP("ServiceMessages", "customer service"),
}

# What a role may not do, as the services name it in a refusal (`@guarded`/`require` action texts).
ACTIONS = {
    "add a sales channel": QT_TRANSLATE_NOOP("ServiceMessages", "add a sales channel"),
    "add bins": QT_TRANSLATE_NOOP("ServiceMessages", "add bins"),
    "add categories": QT_TRANSLATE_NOOP("ServiceMessages", "add categories"),
    "add customers": QT_TRANSLATE_NOOP("ServiceMessages", "add customers"),
    "add evidence": QT_TRANSLATE_NOOP("ServiceMessages", "add evidence"),
    "add products": QT_TRANSLATE_NOOP("ServiceMessages", "add products"),
    "add suppliers": QT_TRANSLATE_NOOP("ServiceMessages", "add suppliers"),
    "add warehouses": QT_TRANSLATE_NOOP("ServiceMessages", "add warehouses"),
    "add zones": QT_TRANSLATE_NOOP("ServiceMessages", "add zones"),
    "adjust stock": QT_TRANSLATE_NOOP("ServiceMessages", "adjust stock"),
    "agree solutions": QT_TRANSLATE_NOOP("ServiceMessages", "agree solutions"),
    "allocate orders": QT_TRANSLATE_NOOP("ServiceMessages", "allocate orders"),
    "approve orders": QT_TRANSLATE_NOOP("ServiceMessages", "approve orders"),
    "archive products": QT_TRANSLATE_NOOP("ServiceMessages", "archive products"),
    "archive suppliers": QT_TRANSLATE_NOOP("ServiceMessages", "archive suppliers"),
    "book customer returns": QT_TRANSLATE_NOOP("ServiceMessages", "book customer returns"),
    "cancel orders": QT_TRANSLATE_NOOP("ServiceMessages", "cancel orders"),
    "cancel purchase orders": QT_TRANSLATE_NOOP("ServiceMessages", "cancel purchase orders"),
    "cancel stocktakes": QT_TRANSLATE_NOOP("ServiceMessages", "cancel stocktakes"),
    "carry out solutions": QT_TRANSLATE_NOOP("ServiceMessages", "carry out solutions"),
    "change a sales channel": QT_TRANSLATE_NOOP("ServiceMessages", "change a sales channel"),
    "change case deadlines": QT_TRANSLATE_NOOP("ServiceMessages", "change case deadlines"),
    "change cases": QT_TRANSLATE_NOOP("ServiceMessages", "change cases"),
    "change customers": QT_TRANSLATE_NOOP("ServiceMessages", "change customers"),
    "change default bins": QT_TRANSLATE_NOOP("ServiceMessages", "change default bins"),
    "change orders": QT_TRANSLATE_NOOP("ServiceMessages", "change orders"),
    "change pick orders": QT_TRANSLATE_NOOP("ServiceMessages", "change pick orders"),
    "change product suppliers": QT_TRANSLATE_NOOP("ServiceMessages", "change product suppliers"),
    "change products": QT_TRANSLATE_NOOP("ServiceMessages", "change products"),
    "change purchase orders": QT_TRANSLATE_NOOP("ServiceMessages", "change purchase orders"),
    "change return windows": QT_TRANSLATE_NOOP("ServiceMessages", "change return windows"),
    "change safety stock and warning lines": QT_TRANSLATE_NOOP(
        "ServiceMessages", "change safety stock and warning lines"
    ),
    "change shop settings": QT_TRANSLATE_NOOP("ServiceMessages", "change shop settings"),
    "change suppliers": QT_TRANSLATE_NOOP("ServiceMessages", "change suppliers"),
    "change the after-sales settings": QT_TRANSLATE_NOOP("ServiceMessages", "change the after-sales settings"),
    "change the backorder policy": QT_TRANSLATE_NOOP("ServiceMessages", "change the backorder policy"),
    "change the order settings": QT_TRANSLATE_NOOP("ServiceMessages", "change the order settings"),
    "change the review rules": QT_TRANSLATE_NOOP("ServiceMessages", "change the review rules"),
    "change the sub-reasons": QT_TRANSLATE_NOOP("ServiceMessages", "change the sub-reasons"),
    "change the valuation method": QT_TRANSLATE_NOOP("ServiceMessages", "change the valuation method"),
    "close cases": QT_TRANSLATE_NOOP("ServiceMessages", "close cases"),
    "close purchase orders": QT_TRANSLATE_NOOP("ServiceMessages", "close purchase orders"),
    "close returns as lost": QT_TRANSLATE_NOOP("ServiceMessages", "close returns as lost"),
    "comment on cases": QT_TRANSLATE_NOOP("ServiceMessages", "comment on cases"),
    "complete orders": QT_TRANSLATE_NOOP("ServiceMessages", "complete orders"),
    "confirm orders": QT_TRANSLATE_NOOP("ServiceMessages", "confirm orders"),
    "count stocktakes": QT_TRANSLATE_NOOP("ServiceMessages", "count stocktakes"),
    "create purchase orders": QT_TRANSLATE_NOOP("ServiceMessages", "create purchase orders"),
    "deallocate orders": QT_TRANSLATE_NOOP("ServiceMessages", "deallocate orders"),
    "edit customers": QT_TRANSLATE_NOOP("ServiceMessages", "edit customers"),
    "enter orders": QT_TRANSLATE_NOOP("ServiceMessages", "enter orders"),
    "erase a customer's personal data": QT_TRANSLATE_NOOP("ServiceMessages", "erase a customer's personal data"),
    "escalate cases": QT_TRANSLATE_NOOP("ServiceMessages", "escalate cases"),
    "export a customer's personal data": QT_TRANSLATE_NOOP("ServiceMessages", "export a customer's personal data"),
    "export the audit log": QT_TRANSLATE_NOOP("ServiceMessages", "export the audit log"),
    "export the complaints analysis": QT_TRANSLATE_NOOP("ServiceMessages", "export the complaints analysis"),
    "hold orders": QT_TRANSLATE_NOOP("ServiceMessages", "hold orders"),
    "import opening stock": QT_TRANSLATE_NOOP("ServiceMessages", "import opening stock"),
    "import products": QT_TRANSLATE_NOOP("ServiceMessages", "import products"),
    "link channel SKUs to products": QT_TRANSLATE_NOOP("ServiceMessages", "link channel SKUs to products"),
    "manage users": QT_TRANSLATE_NOOP("ServiceMessages", "manage users"),
    "mark orders delivered": QT_TRANSLATE_NOOP("ServiceMessages", "mark orders delivered"),
    "mark orders picked": QT_TRANSLATE_NOOP("ServiceMessages", "mark orders picked"),
    "merge customers": QT_TRANSLATE_NOOP("ServiceMessages", "merge customers"),
    "merge orders": QT_TRANSLATE_NOOP("ServiceMessages", "merge orders"),
    "move stock": QT_TRANSLATE_NOOP("ServiceMessages", "move stock"),
    "order from suppliers": QT_TRANSLATE_NOOP("ServiceMessages", "order from suppliers"),
    "pack orders": QT_TRANSLATE_NOOP("ServiceMessages", "pack orders"),
    "post stocktakes": QT_TRANSLATE_NOOP("ServiceMessages", "post stocktakes"),
    "print purchase orders (they show purchase costs)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "print purchase orders (they show purchase costs)"
    ),
    "quarantine stock": QT_TRANSLATE_NOOP("ServiceMessages", "quarantine stock"),
    "receive goods": QT_TRANSLATE_NOOP("ServiceMessages", "receive goods"),
    "receive returns": QT_TRANSLATE_NOOP("ServiceMessages", "receive returns"),
    "receive stock": QT_TRANSLATE_NOOP("ServiceMessages", "receive stock"),
    "receive transfers": QT_TRANSLATE_NOOP("ServiceMessages", "receive transfers"),
    "record cases": QT_TRANSLATE_NOOP("ServiceMessages", "record cases"),
    "record waybills": QT_TRANSLATE_NOOP("ServiceMessages", "record waybills"),
    "refund orders": QT_TRANSLATE_NOOP("ServiceMessages", "refund orders"),
    "reject orders": QT_TRANSLATE_NOOP("ServiceMessages", "reject orders"),
    "release quarantined stock": QT_TRANSLATE_NOOP("ServiceMessages", "release quarantined stock"),
    "release reserved stock": QT_TRANSLATE_NOOP("ServiceMessages", "release reserved stock"),
    "remove a sales channel": QT_TRANSLATE_NOOP("ServiceMessages", "remove a sales channel"),
    "remove products": QT_TRANSLATE_NOOP("ServiceMessages", "remove products"),
    "reopen cases": QT_TRANSLATE_NOOP("ServiceMessages", "reopen cases"),
    "reserve stock": QT_TRANSLATE_NOOP("ServiceMessages", "reserve stock"),
    "restore a backup over the shop": QT_TRANSLATE_NOOP("ServiceMessages", "restore a backup over the shop"),
    "restore the shop from a backup": QT_TRANSLATE_NOOP("ServiceMessages", "restore the shop from a backup"),
    "scrap stock": QT_TRANSLATE_NOOP("ServiceMessages", "scrap stock"),
    "see the ABC analysis (it shows margins)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "see the ABC analysis (it shows margins)"
    ),
    "see the month-end figures (cost of goods, margins, stock value)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "see the month-end figures (cost of goods, margins, stock value)"
    ),
    "see the sales report (it shows cost of goods and margins)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "see the sales report (it shows cost of goods and margins)"
    ),
    "see the slow movers report (it shows stock value)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "see the slow movers report (it shows stock value)"
    ),
    "see the stock value": QT_TRANSLATE_NOOP("ServiceMessages", "see the stock value"),
    "see the stock value report": QT_TRANSLATE_NOOP("ServiceMessages", "see the stock value report"),
    "see the turnover report (it is built on cost of goods)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "see the turnover report (it is built on cost of goods)"
    ),
    "ship orders": QT_TRANSLATE_NOOP("ServiceMessages", "ship orders"),
    "ship stock": QT_TRANSLATE_NOOP("ServiceMessages", "ship stock"),
    "split orders": QT_TRANSLATE_NOOP("ServiceMessages", "split orders"),
    "start stocktakes": QT_TRANSLATE_NOOP("ServiceMessages", "start stocktakes"),
    "work after-sales cases": QT_TRANSLATE_NOOP("ServiceMessages", "work after-sales cases"),
    "write the month-end workbook (cost of goods, margins, stock value)": QT_TRANSLATE_NOOP(
        "ServiceMessages", "write the month-end workbook (cost of goods, margins, stock value)"
    ),
}

# Groups whose text is itself a message part: translated in turn (left as it is when unknown).
_INNER = {"what", "reason", "message"}

_N = r"(?P<{}>-?\d+)"

# Order matters: the first shape that matches the whole part wins.
# Field names as the domain writes them at the start of a problem ("SKU is required"), for {field}.
_NAMED_FIELDS = {
    "SKU": QT_TRANSLATE_NOOP("ServiceMessages", "SKU"),
    "Name": QT_TRANSLATE_NOOP("ServiceMessages", "Name"),
    "Second name": QT_TRANSLATE_NOOP("ServiceMessages", "Second name"),
    "Description": QT_TRANSLATE_NOOP("ServiceMessages", "Description"),
    "Category": QT_TRANSLATE_NOOP("ServiceMessages", "Category"),
    "Price": QT_TRANSLATE_NOOP("ServiceMessages", "Price"),
    "Cost": QT_TRANSLATE_NOOP("ServiceMessages", "Cost"),
}
_FIELD = "(?P<field>" + "|".join(_NAMED_FIELDS) + ")"

_SHAPES: list[tuple[re.Pattern[str], str]] = [
    # headlines
    (re.compile(r"Nothing was moved"), QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was moved")),
    (re.compile(r"Nothing was received"), QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was received")),
    (
        re.compile(r"Nothing was received on (?P<po>\S+)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was received on {po}"),
    ),
    (re.compile(r"Stock not adjusted"), QT_TRANSLATE_NOOP("ServiceMessages", "Stock not adjusted")),
    (re.compile(r"Not counted"), QT_TRANSLATE_NOOP("ServiceMessages", "Not counted")),
    (re.compile(r"(?P<sku>\S+) not counted"), QT_TRANSLATE_NOOP("ServiceMessages", "{sku} not counted")),
    (re.compile(r"Refund not recorded"), QT_TRANSLATE_NOOP("ServiceMessages", "Refund not recorded")),
    (re.compile(r"Return not recorded"), QT_TRANSLATE_NOOP("ServiceMessages", "Return not recorded")),
    (re.compile(r"Barcode not assigned"), QT_TRANSLATE_NOOP("ServiceMessages", "Barcode not assigned")),
    (re.compile(r"Nothing was merged"), QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was merged")),
    (re.compile(r"(?P<n>\d+) problem\(s\) found"), QT_TRANSLATE_NOOP("ServiceMessages", "{n} problem(s) found")),
    (re.compile(r"Nothing was scanned"), QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was scanned")),
    (re.compile(r"Nothing was scanned\."), QT_TRANSLATE_NOOP("ServiceMessages", "Nothing was scanned.")),
    # stock moves
    (
        re.compile(
            r"Not enough stock of (?P<sku>.+?) at (?P<location>.+?): (?P<quantity>\d+) asked for, (?P<what>.+) "
            r"\(on hand (?P<on_hand>-?\d+), reserved (?P<reserved>-?\d+), available (?P<available>-?\d+)\)"
        ),
        QT_TRANSLATE_NOOP(
            "ServiceMessages",
            "Not enough stock of {sku} at {location}: {quantity} asked for, {what} "
            "(on hand {on_hand}, reserved {reserved}, available {available})",
        ),
    ),
    (re.compile(r"not enough there"), QT_TRANSLATE_NOOP("ServiceMessages", "not enough there")),
    (
        re.compile(r"not that many reserved for (?P<order>.+)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "not that many reserved for {order}"),
    ),
    (
        re.compile(r"cannot reserve it for (?P<order>.+)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "cannot reserve it for {order}"),
    ),
    (
        re.compile(r"is the same location as from: nothing would move"),
        QT_TRANSLATE_NOOP("ServiceMessages", "is the same location as from: nothing would move"),
    ),
    (re.compile(r"is already there"), QT_TRANSLATE_NOOP("ServiceMessages", "is already there")),
    (
        re.compile(r"must be a whole number above zero"),
        QT_TRANSLATE_NOOP("ServiceMessages", "must be a whole number above zero"),
    ),
    (re.compile(r"is empty"), QT_TRANSLATE_NOOP("ServiceMessages", "is empty")),
    (re.compile(r"is not a number"), QT_TRANSLATE_NOOP("ServiceMessages", "is not a number")),
    (
        re.compile(r"say why the stock is adjusted \(e\.g\. 'stocktake', 'found damaged'\)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "say why the stock is adjusted (e.g. 'stocktake', 'found damaged')"),
    ),
    # receiving
    (
        re.compile(r"the quantity received is a whole number above zero"),
        QT_TRANSLATE_NOOP("ServiceMessages", "the quantity received is a whole number above zero"),
    ),
    (
        re.compile(r"(?P<number>\S+) was received by someone else meanwhile; reload it"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{number} was received by someone else meanwhile; reload it"),
    ),
    # stocktake
    (
        re.compile(r"(?P<sku>\S+) is in (?P<n>\d+) places on this count \((?P<paths>.*)\): say which"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{sku} is in {n} places on this count ({paths}): say which"),
    ),
    (
        re.compile(r"(?P<sku>\S+) is not on this count's list: say where it was found"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{sku} is not on this count's list: say where it was found"),
    ),
    # scanning and barcodes
    (
        re.compile(r"Unknown code (?P<code>.+?): (?P<reason>.+)\. Scan it again\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "Unknown code {code}: {reason}. Scan it again."),
    ),
    (
        re.compile(
            r"Unknown code (?P<code>.+?): no product has this SKU or barcode\. "
            r"Assign it to a product as a new barcode\?"
        ),
        QT_TRANSLATE_NOOP(
            "ServiceMessages",
            "Unknown code {code}: no product has this SKU or barcode. Assign it to a product as a new barcode?",
        ),
    ),
    (
        re.compile(
            r"(?P<kind>EAN-13|EAN-8|UPC-A) check digit is wrong: last digit is (?P<last>\d), should be (?P<expected>\d)"
        ),
        QT_TRANSLATE_NOOP("ServiceMessages", "{kind} check digit is wrong: last digit is {last}, should be {expected}"),
    ),
    (
        re.compile(r"barcode is longer than (?P<limit>\d+) characters"),
        QT_TRANSLATE_NOOP("ServiceMessages", "barcode is longer than {limit} characters"),
    ),
    (
        re.compile(r"barcode may only contain printable ASCII characters without spaces"),
        QT_TRANSLATE_NOOP("ServiceMessages", "barcode may only contain printable ASCII characters without spaces"),
    ),
    (
        re.compile(r"no product has this SKU or barcode"),
        QT_TRANSLATE_NOOP("ServiceMessages", "no product has this SKU or barcode"),
    ),
    (
        re.compile(r"(?P<code>\S+) already names (?P<sku>\S+) \((?P<name>.*)\); it cannot name two products"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{code} already names {sku} ({name}); it cannot name two products"),
    ),
    # someone else's change (optimistic versions)
    (
        re.compile(
            r"Order (?P<number>\S+) was changed by someone else \((?P<who>.*)\); reopen it to see the changes\."
        ),
        QT_TRANSLATE_NOOP(
            "ServiceMessages", "Order {number} was changed by someone else ({who}); reopen it to see the changes."
        ),
    ),
    (
        re.compile(r"Product (?P<sku>\S+) was changed by someone else \((?P<who>.*)\); reopen it to see the changes\."),
        QT_TRANSLATE_NOOP(
            "ServiceMessages", "Product {sku} was changed by someone else ({who}); reopen it to see the changes."
        ),
    ),
    (
        re.compile(r"Product (?P<sku>\S+) was changed by someone else; reopen it\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "Product {sku} was changed by someone else; reopen it."),
    ),
    (
        re.compile(
            r"Customer (?P<name>.+) was changed by someone else \((?P<who>.*)\); reopen it to see the changes\."
        ),
        QT_TRANSLATE_NOOP(
            "ServiceMessages", "Customer {name} was changed by someone else ({who}); reopen it to see the changes."
        ),
    ),
    (
        re.compile(r"Stock for order (?P<number>\S+) changed while it was being allocated; try again\."),
        QT_TRANSLATE_NOOP(
            "ServiceMessages", "Stock for order {number} changed while it was being allocated; try again."
        ),
    ),
    # orders, packing, shipping
    (
        re.compile(r"Order (?P<number>\S+) is on hold for review: approve it to allocate it\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "Order {number} is on hold for review: approve it to allocate it."),
    ),
    (
        re.compile(r"Order (?P<number>\S+) is already packed: nothing more goes in the parcel\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "Order {number} is already packed: nothing more goes in the parcel."),
    ),
    (
        re.compile(r"WRONG ITEM: (?P<sku>\S+) is not in order (?P<number>\S+)\. Take it out\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "WRONG ITEM: {sku} is not in order {number}. Take it out."),
    ),
    (
        re.compile(r"a tracking number is required to ship"),
        QT_TRANSLATE_NOOP("ServiceMessages", "a tracking number is required to ship"),
    ),
    (
        re.compile(r"name the carrier of the tracking number"),
        QT_TRANSLATE_NOOP("ServiceMessages", "name the carrier of the tracking number"),
    ),
    # refunds and returns
    (
        re.compile(r"a refund is an amount above zero"),
        QT_TRANSLATE_NOOP("ServiceMessages", "a refund is an amount above zero"),
    ),
    (
        re.compile(r"only (?P<left>\d+) of the (?P<shipped>\d+) shipped can still come back"),
        QT_TRANSLATE_NOOP("ServiceMessages", "only {left} of the {shipped} shipped can still come back"),
    ),
    # a role's refusal (domain/permissions.py)
    (
        re.compile(r"(?P<user>.+?) \((?P<role>[a-z ]+)\) may not (?P<action>.+): that needs the role (?P<roles>.+)\."),
        QT_TRANSLATE_NOOP("ServiceMessages", "{user} ({role}) may not {action}: that needs the role {roles}."),
    ),
    # a product being edited or imported (domain/catalogue checks)    (re.compile(rf"{_FIELD} is required"), QT_TRANSLATE_NOOP("ServiceMessages", "{field} is required")),
    (
        re.compile(rf"{_FIELD} is longer than (?P<limit>\d+) characters \((?P<found>\d+)\)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{field} is longer than {limit} characters ({found})"),
    ),
    (re.compile(rf"{_FIELD} cannot be negative"), QT_TRANSLATE_NOOP("ServiceMessages", "{field} cannot be negative")),
    (
        re.compile(rf"{_FIELD} is unrealistically large"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{field} is unrealistically large"),
    ),
    (
        re.compile(rf"{_FIELD} contains invisible text-direction control characters"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{field} contains invisible text-direction control characters"),
    ),
    (
        re.compile(rf"{_FIELD} contains control characters"),
        QT_TRANSLATE_NOOP("ServiceMessages", "{field} contains control characters"),
    ),
    (
        re.compile(r"SKU may only contain .*"),
        QT_TRANSLATE_NOOP(
            "ServiceMessages",
            "SKU may only contain letters A-Z, digits and . _ / - + #, and must start with a letter or digit",
        ),
    ),
    (
        re.compile(r"another product already has this SKU"),
        QT_TRANSLATE_NOOP("ServiceMessages", "another product already has this SKU"),
    ),
    (
        re.compile(r"barcode is longer than (?P<limit>\d+) characters"),
        QT_TRANSLATE_NOOP("ServiceMessages", "barcode is longer than {limit} characters"),
    ),
    (
        re.compile(r"barcode may only contain printable ASCII characters without spaces"),
        QT_TRANSLATE_NOOP("ServiceMessages", "barcode may only contain printable ASCII characters without spaces"),
    ),
    (re.compile(r"barcode listed twice"), QT_TRANSLATE_NOOP("ServiceMessages", "barcode listed twice")),
    (
        re.compile(r"barcode already belongs to (?P<sku>.+)"),
        QT_TRANSLATE_NOOP("ServiceMessages", "barcode already belongs to {sku}"),
    ),
    (
        re.compile(r"no product has this parent SKU"),
        QT_TRANSLATE_NOOP("ServiceMessages", "no product has this parent SKU"),
    ),
    (
        re.compile(r"a product cannot be its own parent"),
        QT_TRANSLATE_NOOP("ServiceMessages", "a product cannot be its own parent"),
    ),
    (re.compile(r"weight cannot be negative"), QT_TRANSLATE_NOOP("ServiceMessages", "weight cannot be negative")),
]

# A problem as domain/errors.py Problem.__str__ writes it: "where: message", maybe " (found: 'x')".
_PROBLEM = re.compile(r"(?P<where>[^:;\n]+?): (?P<message>.+?)(?: \(found: (?P<found>'.*'|\".*\"|empty)\))?")


def _roles(text: str) -> str:
    parts = text.split(" or ")
    if not all(p in _ROLES for p in parts):
        return text
    return _tr(" or ").join(_tr(_ROLES[p]) for p in parts)


def _known(part: str, problem: bool = True) -> str | None:
    """The part from its template when its shape is known, else None; `problem`: may be "where: message"."""
    for shape, template in _SHAPES:
        match = shape.fullmatch(part)
        if match:
            values = match.groupdict()
            for key in _INNER & values.keys():
                values[key] = _known(values[key], problem=False) or values[key]
            if "role" in values:
                values["role"] = _roles(values["role"])
                values["roles"] = _roles(values["roles"])
            if "field" in values:
                values["field"] = _tr(_NAMED_FIELDS[values["field"]])
            if "action" in values and values["action"] in ACTIONS:
                values["action"] = _tr(ACTIONS[values["action"]])
            return _tr(template).format(**values)
    match = _PROBLEM.fullmatch(part) if problem else None
    if match:
        message = _known(match["message"], problem=False)
        if message is None:
            return None
        where = match["where"]
        text = _tr("{where}: {message}").format(
            where=_tr(_FIELDS[where]) if where in _FIELDS else where, message=message
        )
        found = match["found"]
        if found == "empty":
            text += _tr(" (found: empty)")
        elif found is not None:
            text += _tr(" (found: {found})").format(found=found)
        return text
    return None


def translated(message: str) -> str:
    """The message in the UI's language: each known line or "; "-joined part translated, the rest as it was."""
    lines = []
    for line in message.split("\n"):
        whole = _known(line)
        if whole is not None:
            lines.append(whole)
            continue
        parts = line.split("; ")
        known = [_known(p) for p in parts]
        if len(parts) > 1 and any(k is not None for k in known):
            lines.append(_tr("; ").join(k if k is not None else p for p, k in zip(parts, known, strict=True)))
        else:
            lines.append(line)
    return "\n".join(lines)


def problem_text(message: str) -> str:
    """One problem's message on a line of its own: translated as above, and capitalised as a sentence."""
    text = translated(message)
    return text[:1].upper() + text[1:]


def error_text(exc: BaseException) -> str:
    """What a service refused, for a label: a ValidationFailed's headline and every problem on its own line."""
    if isinstance(exc, ValidationFailed):
        return "\n".join([translated(exc.headline), *(translated(str(p)) for p in exc.problems)])
    if isinstance(exc, ShopDeskError):
        return translated(str(exc))
    return str(exc)


# Separators and pieces of a problem, for the translator (used through _tr above).
QT_TRANSLATE_NOOP("ServiceMessages", "{where}: {message}")
QT_TRANSLATE_NOOP("ServiceMessages", " (found: empty)")
QT_TRANSLATE_NOOP("ServiceMessages", " (found: {found})")
QT_TRANSLATE_NOOP("ServiceMessages", "; ")
QT_TRANSLATE_NOOP("ServiceMessages", " or ")
