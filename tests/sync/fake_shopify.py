"""A Shopify store in a test: POST /admin/api/2025-07/graphql.json answered as the Admin GraphQL API documents it.

The handler tells the operations apart by their text and answers from a small
store kept in memory: orders (cursor pages sorted by updated_at, as
`orders(first, after, sortKey: UPDATED_AT, query: "updated_at:>'…'")`),
variants with an inventory item and its `available` at one location
(`inventorySetQuantities` compares compareQuantity with what is kept),
fulfillment orders at a location, whose lines' remainingQuantity each
`fulfillmentCreate` takes down, line by line, as Shopify checks it: the
fulfillment orders of one order at one location, open or in progress, their own
line items and no more units than remain, or a userError and nothing changes
(`refusals` answers the next ones with given userErrors). Every answer carries
extensions.cost with the bucket's throttleStatus; a query the bucket cannot pay
for is answered THROTTLED, and the bucket fills only when the adapter's
injected `sleep` is called (the fake's clock). Faults queued in `faults` are
answered first, one per request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from werkzeug import Request, Response

GRAPHQL_PATH = "/admin/api/2025-07/graphql.json"
TOKEN = "shpat_test_token"
LOCATION = "gid://shopify/Location/61"
WAREHOUSE = "gid://shopify/Location/62"  # a second location, for orders sent from two places
START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def money(amount: str) -> dict[str, Any]:
    return {"shopMoney": {"amount": amount, "currencyCode": "CNY"}}


def when(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def line(n: int, sku: str | None, quantity: int, price: str, discount: str = "", variant: int | None = None) -> dict:
    """A line item as Shopify sends it; `discount` is the amount allocated to this line (all units)."""
    return {
        "id": f"gid://shopify/LineItem/{n}",
        "sku": sku,
        "name": f"item {sku or n}",
        "quantity": quantity,
        "variant": {"legacyResourceId": str(variant or 4000 + n)},
        "originalUnitPriceSet": money(price),
        "discountAllocations": [{"allocatedAmountSet": money(discount)}] if discount else [],
    }


def shopify_order(number: int, minutes: int, *lines: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Order #<number> (legacy id 5<number>), created and updated `minutes` after START, paid, to Suzhou."""
    order: dict[str, Any] = {
        "id": f"gid://shopify/Order/5{number}",
        "legacyResourceId": f"5{number}",
        "name": f"#{number}",
        "createdAt": when(minutes),
        "updatedAt": when(minutes),
        "cancelledAt": None,
        "currencyCode": "CNY",
        "displayFinancialStatus": "PAID",
        "displayFulfillmentStatus": "UNFULFILLED",
        "note": None,
        "customer": {"displayName": "Anna Li"},
        "shippingAddress": {
            "name": "Anna Li",
            "phone": "13812345678",
            "countryCodeV2": "CN",
            "province": "江苏省",
            "city": "苏州市",
            "address1": "人民路2号",
            "address2": "3楼",
            "zip": "215000",
        },
        "totalReceivedSet": money("25.00"),
        "shippingLines": {"nodes": []},
        "refunds": [],
        "lineItems": {"nodes": list(lines) or [line(number * 10, "MUG", 1, "25.00")]},
    }
    order.update(fields)
    return order


@dataclass
class Bucket:
    """Shopify's cost bucket: what a query may spend, refilled at restore_rate points per second of the clock."""

    maximum: float = 1000.0
    available: float = 1000.0
    restore_rate: float = 50.0

    def status(self) -> dict[str, float]:
        return {
            "maximumAvailable": self.maximum,
            "currentlyAvailable": self.available,
            "restoreRate": self.restore_rate,
        }


@dataclass
class FakeShopify:
    orders: list[dict[str, Any]] = field(default_factory=list)
    stock: dict[str, int] = field(default_factory=dict)  # SKU -> available at LOCATION
    unstocked: set[str] = field(default_factory=set)  # SKUs sold, but not stocked at LOCATION
    shop_name: str = "Suzhou Mugs"
    token: str = TOKEN
    bucket: Bucket = field(default_factory=Bucket)
    costs: dict[str, float] = field(default_factory=dict)  # operation -> requestedQueryCost (default 10)
    faults: list[Response] = field(default_factory=list)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (operation, variables)
    waits: list[float] = field(default_factory=list)  # every sleep the adapter asked for
    throttled: int = 0  # answers that said THROTTLED
    fulfilment_orders: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # order gid -> its FOs
    fulfilments: list[dict[str, Any]] = field(default_factory=list)
    # The userErrors to answer the next fulfillmentCreates with, in turn (None: that one is checked as usual).
    refusals: list[list[dict[str, Any]] | None] = field(default_factory=list)
    before_set: Callable[[FakeShopify], None] | None = None  # runs as inventorySetQuantities arrives

    # The clock ----------------------------------------------------------------------
    def sleep(self, seconds: float) -> None:
        """The adapter's wait: time passes on the store, the bucket refills."""
        self.waits.append(seconds)
        self.bucket.available = min(self.bucket.maximum, self.bucket.available + seconds * self.bucket.restore_rate)

    # The store ----------------------------------------------------------------------
    def item_id(self, sku: str) -> str:
        return f"gid://shopify/InventoryItem/{sorted(self.stock).index(sku) + 700}"

    def edit(self, number: int, minutes: int, **fields: Any) -> None:
        """Someone changes order #<number> on the store: its updatedAt moves on."""
        order = next(o for o in self.orders if o["name"] == f"#{number}")
        order.update(fields, updatedAt=when(minutes))

    def sell_on_the_store(self, sku: str, units: int = 1) -> None:
        self.stock[sku] -= units

    def all_fulfilment_orders(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        """The order's fulfillment orders, closed ones too; made on first use: one at LOCATION with every line."""
        if order["id"] not in self.fulfilment_orders:
            self.fulfilment_orders[order["id"]] = [
                fulfilment_order(f"9{order['legacyResourceId']}", LOCATION, order["lineItems"]["nodes"])
            ]
        return self.fulfilment_orders[order["id"]]

    def open_fulfilment_orders(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        """What `order.fulfillmentOrders` answers: closed ones are left out (includeClosed is false by default)."""
        return [f for f in self.all_fulfilment_orders(order) if f["status"] != "CLOSED"]

    def from_two_locations(self, number: int, warehouse_lines: set[int]) -> None:
        """Order #<number> is sent from two places: the lines numbered `warehouse_lines` from WAREHOUSE."""
        order = next(o for o in self.orders if o["name"] == f"#{number}")
        lines = order["lineItems"]["nodes"]
        at_warehouse = [li for li in lines if int(li["id"].rsplit("/", 1)[-1]) in warehouse_lines]
        self.fulfilment_orders[order["id"]] = [
            fulfilment_order(f"9{order['legacyResourceId']}", LOCATION, [li for li in lines if li not in at_warehouse]),
            fulfilment_order(f"7{order['legacyResourceId']}", WAREHOUSE, at_warehouse),
        ]

    def sent(self, order_gid: str) -> dict[str, int]:
        """Units fulfilled so far of each line item (by its number) of an order."""
        units: dict[str, int] = {}
        for fo in self.fulfilment_orders.get(order_gid, []):
            for item in fo["lineItems"]["nodes"]:
                number = item["lineItem"]["id"].rsplit("/", 1)[-1]
                units[number] = units.get(number, 0) + item["totalQuantity"] - item["remainingQuantity"]
        return units

    # HTTP ---------------------------------------------------------------------------
    def __call__(self, request: Request) -> Response:
        if request.headers.get("X-Shopify-Access-Token") != self.token:
            return _json(
                {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}, 401
            )
        if self.faults:
            return self.faults.pop(0)
        body = json.loads(request.get_data(as_text=True))
        text, variables = body["query"], body.get("variables") or {}
        operation = _operation(text)
        self.requests.append((operation, variables))
        cost = self.costs.get(operation, 10.0)
        if self.bucket.available < cost:
            self.throttled += 1
            return _json(
                {
                    "errors": [
                        {
                            "message": "Throttled",
                            "extensions": {
                                "code": "THROTTLED",
                                "documentation": "https://shopify.dev/api/usage/rate-limits",
                            },
                        }
                    ],
                    "extensions": self._cost(cost, None),
                }
            )
        self.bucket.available -= cost
        data = getattr(self, f"_{operation}")(variables)
        return _json({"data": data, "extensions": self._cost(cost, cost)})

    def _cost(self, requested: float, actual: float | None) -> dict[str, Any]:
        return {
            "cost": {
                "requestedQueryCost": requested,
                "actualQueryCost": actual,
                "throttleStatus": self.bucket.status(),
            }
        }

    def _shop(self, variables: dict[str, Any]) -> dict[str, Any]:
        return {"shop": {"name": self.shop_name, "myshopifyDomain": "suzhou-mugs.myshopify.com", "currencyCode": "CNY"}}

    def _orders(self, variables: dict[str, Any]) -> dict[str, Any]:
        match = re.fullmatch(r"updated_at:>'([^']+)'", variables["query"])
        assert match, variables["query"]
        since = match.group(1)
        found = sorted((o for o in self.orders if o["updatedAt"] > since), key=lambda o: (o["updatedAt"], o["id"]))
        if variables.get("after"):
            # A cursor holds the sort key of the last order sent: the page goes on after it.
            after = tuple(json.loads(variables["after"]))
            found = [o for o in found if (o["updatedAt"], o["id"]) > after]
        page = found[: variables["first"]]
        nodes = [dict(o, lineItems=_page(o["lineItems"]["nodes"], variables["lines"], None)) for o in page]
        end = json.dumps([page[-1]["updatedAt"], page[-1]["id"]]) if page else None
        return {"orders": {"pageInfo": {"hasNextPage": len(found) > len(page), "endCursor": end}, "nodes": nodes}}

    def _order_lines(self, variables: dict[str, Any]) -> dict[str, Any]:
        order = next(o for o in self.orders if o["id"] == variables["id"])
        return {"order": {"lineItems": _page(order["lineItems"]["nodes"], 50, variables.get("after"))}}

    def _location(self, variables: dict[str, Any]) -> dict[str, Any]:
        return {"locations": {"nodes": [{"id": LOCATION, "name": "Suzhou shop"}]}}

    def _variants(self, variables: dict[str, Any]) -> dict[str, Any]:
        assert variables["location"] == LOCATION
        terms = re.findall(r'sku:"((?:[^"\\]|\\.)*)"', variables["query"])
        # Shopify's search matches by words: "MUG" finds "MUG-XL" too.
        nodes = [
            {
                "sku": sku,
                "inventoryItem": {
                    "id": self.item_id(sku),
                    "inventoryLevel": None
                    if sku in self.unstocked
                    else {"quantities": [{"name": "available", "quantity": self.stock[sku]}]},
                },
            }
            for sku in self.stock  # in the order the products were made
            if any(sku.startswith(term) for term in terms)
        ]
        return {"productVariants": _page(nodes, variables["first"], variables.get("after"))}

    def _set_quantities(self, variables: dict[str, Any]) -> dict[str, Any]:
        if self.before_set is not None:
            self.before_set(self)
        given = variables["input"]
        assert (given["name"], given["reason"]) == ("available", "correction")
        by_item = {self.item_id(sku): sku for sku in self.stock}
        errors = []
        for n, q in enumerate(given["quantities"]):
            where = ["input", "quantities", str(n)]
            sku = by_item.get(q["inventoryItemId"])
            if sku is None or q["locationId"] != LOCATION:
                errors.append({"code": "INVALID_INVENTORY_ITEM", "field": where, "message": "not found"})
            elif "compareQuantity" not in q:
                errors.append(
                    {
                        "code": "COMPARE_QUANTITY_REQUIRED",
                        "field": [*where, "compareQuantity"],
                        "message": "The compareQuantity argument must be given to each quantity.",
                    }
                )
            elif q["compareQuantity"] != self.stock[sku]:
                errors.append(
                    {
                        "code": "COMPARE_QUANTITY_STALE",
                        "field": [*where, "compareQuantity"],
                        "message": "The compareQuantity value does not match persisted value.",
                    }
                )
        if errors:  # all or nothing
            return {"inventorySetQuantities": {"inventoryAdjustmentGroup": None, "userErrors": errors}}
        for q in given["quantities"]:
            self.stock[by_item[q["inventoryItemId"]]] = q["quantity"]
        return {"inventorySetQuantities": {"inventoryAdjustmentGroup": {"reason": "correction"}, "userErrors": []}}

    def _fulfilment_orders(self, variables: dict[str, Any]) -> dict[str, Any]:
        order = next((o for o in self.orders if o["id"] == variables["id"]), None)
        if order is None:
            return {"order": None}
        told = [
            {
                "trackingInfo": [{"number": t["number"]} for t in f["trackingInfo"]],
                "fulfillmentOrders": {"nodes": [{"id": pair["fulfillmentOrderId"]} for pair in f["lines"]]},
            }
            for f in self.fulfilments
            if f["order"] == order["id"]
        ]
        return {
            "order": {
                "name": order["name"],
                "fulfillments": told,
                "fulfillmentOrders": {"nodes": self.open_fulfilment_orders(order)},
            }
        }

    def _fulfil(self, variables: dict[str, Any]) -> dict[str, Any]:
        given = variables["fulfillment"]
        refusal = self.refusals.pop(0) if self.refusals else None
        if refusal is not None:
            return _refused(refusal)
        by_id = {f["id"]: (gid, f) for gid, fos in self.fulfilment_orders.items() for f in fos}
        pairs = given["lineItemsByFulfillmentOrder"]
        taken: list[tuple[dict[str, Any], int]] = []
        places = set()
        for pair in pairs:
            if pair["fulfillmentOrderId"] not in by_id:
                return _refused([{"field": ["fulfillment"], "message": "Fulfillment order does not exist."}])
            order_gid, fo = by_id[pair["fulfillmentOrderId"]]
            places.add((order_gid, fo["assignedLocation"]["location"]["id"]))
            if fo["status"] not in ("OPEN", "IN_PROGRESS"):
                return _refused([{"field": ["fulfillment"], "message": "Fulfillment order is not open."}])
            items = {i["id"]: i for i in fo["lineItems"]["nodes"]}
            chosen = pair.get("fulfillmentOrderLineItems")
            if chosen is None:  # left out: all of the fulfillment order
                taken += [(i, i["remainingQuantity"]) for i in items.values() if i["remainingQuantity"]]
                continue
            ids = [c["id"] for c in chosen]
            for c in chosen:
                item = items.get(c["id"])
                if item is None or ids.count(c["id"]) > 1:
                    return _refused(
                        [{"field": ["fulfillment"], "message": "Fulfillment order line item does not exist."}]
                    )
                if not 0 < c["quantity"] <= item["remainingQuantity"]:
                    return _refused(
                        [
                            {
                                "field": ["fulfillment"],
                                "message": "Invalid fulfillment order line item quantity requested.",
                            }
                        ]
                    )
                taken.append((item, c["quantity"]))
        if len(places) != 1:
            return _refused(
                [
                    {
                        "field": ["fulfillment"],
                        "message": "All fulfillment orders must belong to the same order and the same location.",
                    }
                ]
            )
        for item, quantity in taken:  # all of it, or (above) nothing
            item["remainingQuantity"] -= quantity
        for pair in pairs:
            fo = by_id[pair["fulfillmentOrderId"]][1]
            left = any(i["remainingQuantity"] for i in fo["lineItems"]["nodes"])
            fo["status"] = "IN_PROGRESS" if left else "CLOSED"
        tracking = given.get("trackingInfo") or {}
        [(order_gid, _)] = places
        self.fulfilments.append(
            {
                "order": order_gid,
                "trackingInfo": [{"number": tracking.get("number"), "company": tracking.get("company")}],
                "notifyCustomer": given.get("notifyCustomer", False),
                "lines": pairs,
            }
        )
        self._fulfilled(order_gid)
        created = {"id": f"gid://shopify/Fulfillment/{len(self.fulfilments)}", "status": "SUCCESS"}
        return {"fulfillmentCreate": {"fulfillment": created, "userErrors": []}}

    def _fulfilled(self, order_gid: str) -> None:
        """The order after a fulfilment, as the orders query shows it: its lines' unfulfilledQuantity, its
        displayFulfillmentStatus and fulfilments, and an updatedAt after every other change (the pull sees it)."""
        order = next((o for o in self.orders if o["id"] == order_gid), None)
        if order is None:
            return
        sent = self.sent(order_gid)
        for item in order["lineItems"]["nodes"]:
            item["unfulfilledQuantity"] = item["quantity"] - sent.get(item["id"].rsplit("/", 1)[-1], 0)
        left = any(item["unfulfilledQuantity"] for item in order["lineItems"]["nodes"])
        latest = max(datetime.fromisoformat(o["updatedAt"].replace("Z", "+00:00")) for o in self.orders)
        now = (latest + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        order.update(
            displayFulfillmentStatus="PARTIALLY_FULFILLED" if left else "FULFILLED",
            fulfillments=[*order.get("fulfillments", []), {"createdAt": now}],
            updatedAt=now,
        )


def fulfilment_order(number: str, location: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """An open fulfillment order at `location` of the given line items, all of them still to send."""
    return {
        "id": f"gid://shopify/FulfillmentOrder/{number}",
        "status": "OPEN",
        "assignedLocation": {"location": {"id": location}},
        "lineItems": {
            "nodes": [
                {
                    "id": f"gid://shopify/FulfillmentOrderLineItem/8{li['id'].rsplit('/', 1)[-1]}",
                    "totalQuantity": li["quantity"],
                    "remainingQuantity": li["quantity"],
                    "lineItem": {"id": li["id"], "sku": li["sku"]},
                }
                for li in lines
            ]
        },
    }


def _refused(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"fulfillmentCreate": {"fulfillment": None, "userErrors": errors}}


OPERATIONS = (
    ("inventorySetQuantities(", "set_quantities"),
    ("fulfillmentCreate(", "fulfil"),
    ("fulfillmentOrders(", "fulfilment_orders"),
    ("orders(", "orders"),
    ("order(id", "order_lines"),
    ("productVariants(", "variants"),
    ("locations(", "location"),
    ("shop {", "shop"),
)


def _operation(text: str) -> str:
    for marker, name in OPERATIONS:
        if marker in text:
            return name
    raise AssertionError(f"the fake does not know this query: {text[:80]}")


def _page(nodes: list[dict[str, Any]], first: int, after: str | None) -> dict[str, Any]:
    start = int(after) if after else 0
    chunk = nodes[start : start + first]
    more = start + first < len(nodes)
    return {"pageInfo": {"hasNextPage": more, "endCursor": str(start + len(chunk))}, "nodes": chunk}


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json", headers=headers)


def too_many_requests(retry_after: str = "2") -> Response:
    return Response("", status=429, headers={"Retry-After": retry_after})


def broken(status: int, text: str = "<html>Bad gateway</html>") -> Response:
    return Response(text, status=status, content_type="text/html")


def graphql_error(message: str) -> Response:
    return _json({"errors": [{"message": message, "locations": [{"line": 2, "column": 3}]}]})
