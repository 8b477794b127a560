"""Shopify Admin GraphQL API (2025-07): orders changed since a time, stock by compare-and-set, fulfilments.

Every call is one POST to /admin/api/2025-07/graphql.json with the shop's
access token in X-Shopify-Access-Token. Shopify limits by query cost: each
answer carries extensions.cost (the cost asked, and the bucket's
throttleStatus: maximumAvailable, currentlyAvailable, restoreRate per
second). Before a query whose cost we have seen, we wait until the bucket
holds it; a THROTTLED answer is waited out and asked again; an HTTP 429 waits
its Retry-After. The wait is a constructor argument so tests do not sleep.

Orders are paged by cursor (pageInfo) sorted by updated_at, so an order edited
while we page moves behind the cursor and is read again, never skipped; each
(id, updatedAt) is yielded once. A page is kept small because Shopify refuses
a query whose requested cost is over 1,000: ten orders of ten lines each, and
the further lines of a longer order are read on their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.http import SendFailed, StoreClient
from shopdesk.sync.store import (
    FULFILLED,
    NOT_FULFILLED,
    PARTLY_FULFILLED,
    StoreOrder,
    StoreRefund,
    register,
)

API_VERSION = "2025-07"
GRAPHQL_PATH = f"/admin/api/{API_VERSION}/graphql.json"
ORDERS_PER_PAGE = 10
LINES_PER_PAGE = 10
SKUS_PER_QUERY = 50
MAX_TRIES = 4  # for one query answered 429 or THROTTLED
SKIPPED_FINANCIAL = frozenset({"REFUNDED", "VOIDED"})
PAYMENT = {"PAID": "paid", "PARTIALLY_REFUNDED": "paid", "PARTIALLY_PAID": "partially_paid"}
OPEN_FULFILMENT = frozenset({"OPEN", "IN_PROGRESS"})
HELD_FULFILMENT = frozenset({"ON_HOLD", "SCHEDULED"})
# displayFulfillmentStatus of an order the store has sent out, all of it or some of it.
SENT_FULFILMENT = {"FULFILLED": FULFILLED, "PARTIALLY_FULFILLED": PARTLY_FULFILLED}

MONEY = "shopMoney { amount }"
LINE_FIELDS = f"""id sku name quantity unfulfilledQuantity variant {{ legacyResourceId }}
    originalUnitPriceSet {{ {MONEY} }} discountAllocations {{ allocatedAmountSet {{ {MONEY} }} }}"""
ORDERS_QUERY = f"""query Orders($first: Int!, $after: String, $query: String, $lines: Int!) {{
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{
      id legacyResourceId name createdAt updatedAt cancelledAt currencyCode
      displayFinancialStatus displayFulfillmentStatus note
      customer {{ displayName }}
      shippingAddress {{ name phone countryCodeV2 province city address1 address2 zip }}
      totalReceivedSet {{ {MONEY} }}
      fulfillments(first: 5) {{ createdAt }}
      shippingLines(first: 5) {{ nodes {{ title discountedPriceSet {{ {MONEY} }} }} }}
      refunds(first: 20) {{ id note totalRefundedSet {{ {MONEY} }} }}
      lineItems(first: $lines) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE_FIELDS} }} }}
    }}
  }}
}}"""
MORE_LINES_QUERY = f"""query OrderLines($id: ID!, $after: String) {{
  order(id: $id) {{
    lineItems(first: 50, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {LINE_FIELDS} }} }}
  }}
}}"""
SHOP_QUERY = "query Shop { shop { name myshopifyDomain currencyCode } }"
# Active locations only (inactive and legacy ones are left out unless asked for).
LOCATION_QUERY = "query Location { locations(first: 1) { nodes { id name } } }"
VARIANTS_QUERY = """query StockOf($first: Int!, $after: String, $query: String!, $location: ID!) {
  productVariants(first: $first, after: $after, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { sku inventoryItem { id inventoryLevel(locationId: $location) { quantities(names: ["available"]) {
      name quantity } } } }
  }
}"""
SET_QUANTITIES = """mutation SetStock($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) {
    inventoryAdjustmentGroup { reason }
    userErrors { code field message }
  }
}"""
# The order's fulfillment orders that are not closed (Shopify leaves closed ones out unless asked), each at its
# location with what remains to send of each line, and the fulfilments made so far with the fulfillment
# orders each took from: a shipment sent again after a crash finds its tracking number there. Kept under
# Shopify's 1,000-point limit on one query's cost: 5 × 50 fulfillment order lines, 20 × 5 fulfilments.
FULFILMENT_ORDERS_QUERY = """query FulfilmentOrders($id: ID!) {
  order(id: $id) {
    name
    fulfillments(first: 20) { trackingInfo { number } fulfillmentOrders(first: 5) { nodes { id } } }
    fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } }
      lineItems(first: 50) { nodes { id remainingQuantity lineItem { id sku } } } } }
  }
}"""
FULFILMENT_CREATE = """mutation Ship($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}"""

Sleep = Callable[[float], None]


class ShopifyStore:
    """The `Store` of a Shopify shop, over one StoreClient; `sleep` waits out the throttle."""

    def __init__(self, client: StoreClient, *, sleep: Sleep = time.sleep, location_id: str = ""):
        self.client = client
        self.sleep = sleep
        self.location_id = location_id
        self.available: float | None = None  # the cost bucket after the last answer
        self.restore_rate = 50.0
        self.costs: dict[str, float] = {}  # requestedQueryCost of each query, as Shopify last counted it

    @classmethod
    def open(cls, store_url: str, credentials: Credentials, **options: Any) -> ShopifyStore:
        sleep = options.pop("sleep", time.sleep)
        location_id = options.pop("location_id", "")
        headers = {"X-Shopify-Access-Token": credentials.key, "Accept": "application/json"}
        return cls(StoreClient(store_url, headers, **options), sleep=sleep, location_id=location_id)

    # The API --------------------------------------------------------------------------
    def query(self, text: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of one GraphQL request, after waiting for the cost bucket; errors become SendFailed."""
        for attempt in range(1, MAX_TRIES + 1):
            self._wait_for(self.costs.get(text))
            try:
                answer = self.client.request("POST", GRAPHQL_PATH, json_body={"query": text, "variables": variables})
            except SendFailed as failure:
                if failure.status != 429 or attempt == MAX_TRIES:
                    raise
                self.sleep(failure.retry_after if failure.retry_after is not None else 1.0)
                continue
            if not isinstance(answer, dict):
                raise SendFailed("Shopify's answer is not a GraphQL answer")
            requested = self._note_cost(text, answer)
            errors = answer.get("errors")
            if not errors:
                data = answer.get("data")
                if not isinstance(data, dict):
                    raise SendFailed("Shopify's answer has no data")
                return data
            if _throttled(errors) and attempt < MAX_TRIES:
                self._wait_for(requested, otherwise=1.0)
                continue
            if _throttled(errors):  # still, after waiting: the outbox tries again when the bucket is full
                full = (self.costs.get(text) or 1000.0) / self.restore_rate
                raise SendFailed(f"Shopify keeps saying: {_messages(errors)}", 429, full)
            raise SendFailed(f"Shopify refused the query: {_messages(errors)}", 422)
        raise AssertionError("unreachable: the last try returns or raises")

    def _note_cost(self, text: str, answer: dict[str, Any]) -> float | None:
        cost = (answer.get("extensions") or {}).get("cost") or {}
        status = cost.get("throttleStatus") or {}
        if "currentlyAvailable" in status:
            self.available = float(status["currentlyAvailable"])
            self.restore_rate = float(status.get("restoreRate") or self.restore_rate)
        requested = cost.get("requestedQueryCost")
        if requested is not None:
            self.costs[text] = float(requested)
            return float(requested)
        return None

    def _wait_for(self, cost: float | None, *, otherwise: float = 0.0) -> None:
        """Wait until the bucket holds `cost`: (cost - available) / restoreRate seconds.

        `otherwise`: the wait when the bucket seems to hold it already (Shopify said THROTTLED all the same).
        """
        missing = cost - self.available if cost is not None and self.available is not None else 0.0
        seconds = missing / self.restore_rate if missing > 0 else otherwise
        if seconds <= 0:
            return
        self.sleep(seconds)
        if cost is not None and self.available is not None:
            self.available = max(self.available, cost)  # restored meanwhile, at Shopify's own rate

    # Store ----------------------------------------------------------------------------
    def check(self) -> str:
        shop = self.query(SHOP_QUERY).get("shop") or {}
        return f"Shopify {shop.get('name', '?')} ({shop.get('myshopifyDomain', '?')})"

    def orders_changed_since(self, since: datetime, exponent: int) -> Iterator[StoreOrder]:
        since_text = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        variables: dict[str, Any] = {
            "first": ORDERS_PER_PAGE,
            "after": None,
            "query": f"updated_at:>'{since_text}'",
            "lines": LINES_PER_PAGE,
        }
        seen: set[tuple[str, str]] = set()
        while True:
            orders = self.query(ORDERS_QUERY, variables).get("orders") or {}
            for raw in orders.get("nodes") or []:
                key = (str(raw.get("id")), str(raw.get("updatedAt")))
                if key in seen:
                    continue
                seen.add(key)
                raw["lineItems"] = {"nodes": self._all_lines(raw)}
                yield to_store_order(raw, exponent)
            page = orders.get("pageInfo") or {}
            if not page.get("hasNextPage"):
                return
            variables["after"] = page.get("endCursor")

    def _all_lines(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        lines = raw.get("lineItems") or {}
        found = list(lines.get("nodes") or [])
        page = lines.get("pageInfo") or {}
        while page.get("hasNextPage"):
            order = self.query(MORE_LINES_QUERY, {"id": raw["id"], "after": page.get("endCursor")}).get("order")
            more = (order or {}).get("lineItems") or {}
            found += more.get("nodes") or []
            page = more.get("pageInfo") or {}
        return found

    def set_stock(self, levels: dict[str, int]) -> list[str]:
        """Set `available` at the shop's location with compareQuantity = what was just read.

        A unit sold on the store between our read and our write makes Shopify
        refuse (COMPARE_QUANTITY_STALE): we read again and keep that change on
        top of our level, so a sale we have not pulled yet is not overwritten.
        Refused twice, the push is left to the outbox to try later. A SKU the
        store sells but does not stock at the location is named once the others are set.
        """
        location = self._location()
        found = self._read_stock(sorted(levels), location)
        unstocked = sorted(sku for sku, (_, quantity) in found.items() if quantity is None)
        wanted = {sku: max(int(level), 0) for sku, level in levels.items() if sku in found and sku not in unstocked}
        for attempt in (1, 2):
            changes = {sku: q for sku, q in wanted.items() if found[sku][1] != q}
            if not changes:
                break
            stale = self._set_quantities(changes, found, location)
            if not stale:
                break
            if attempt == 2:
                raise SendFailed(
                    "the stock of " + ", ".join(stale) + " changed on Shopify while we set it twice; "
                    "it is sent again later"
                )
            before = {sku: found[sku][1] or 0 for sku in changes}
            found.update(self._read_stock(sorted(changes), location))
            for sku, then in before.items():
                # What the store changed meanwhile (a sale there) stays counted.
                wanted[sku] = max(wanted[sku] + (found[sku][1] or 0) - then, 0)
        if unstocked:
            raise SendFailed(
                f"Shopify does not stock {', '.join(unstocked)} at the location {location}; "
                "stock it there on the store (the other SKUs were set)",
                422,
            )
        return sorted(set(levels) - set(found))

    def _location(self) -> str:
        if not self.location_id:
            nodes = (self.query(LOCATION_QUERY).get("locations") or {}).get("nodes") or []
            if not nodes:
                raise SendFailed("the Shopify store has no active location to keep stock at", 422)
            self.location_id = str(nodes[0]["id"])
        return self.location_id

    def _read_stock(self, skus: list[str], location: str) -> dict[str, tuple[str, int | None]]:
        """SKU -> (inventory item id, available now at the location, None: not stocked there), for SKUs sold."""
        found: dict[str, tuple[str, int | None]] = {}
        for start in range(0, len(skus), SKUS_PER_QUERY):
            chunk = skus[start : start + SKUS_PER_QUERY]
            search = " OR ".join(f'sku:"{_quoted(sku)}"' for sku in chunk)
            variables: dict[str, Any] = {"first": 100, "after": None, "query": search, "location": location}
            while True:
                variants = self.query(VARIANTS_QUERY, variables).get("productVariants") or {}
                for variant in variants.get("nodes") or []:
                    sku, item = variant.get("sku"), variant.get("inventoryItem") or {}
                    # The search matches words; only the exact SKU is ours.
                    if sku not in chunk or sku in found:
                        continue
                    level = item.get("inventoryLevel")
                    quantities = {q["name"]: int(q["quantity"]) for q in (level or {}).get("quantities") or []}
                    found[sku] = (str(item["id"]), quantities.get("available", 0) if level is not None else None)
                page = variants.get("pageInfo") or {}
                if not page.get("hasNextPage"):
                    break
                variables["after"] = page.get("endCursor")
        return found

    def _set_quantities(
        self, changes: dict[str, int], found: dict[str, tuple[str, int | None]], location: str
    ) -> list[str]:
        """Send one compare-and-set; returns the SKUs Shopify found changed (nothing set), [] when all were set."""
        skus = sorted(changes)
        quantities = [
            {
                "inventoryItemId": found[s][0],
                "locationId": location,
                "quantity": changes[s],
                "compareQuantity": found[s][1],
            }
            for s in skus
        ]
        answer = self.query(
            SET_QUANTITIES,
            {"input": {"name": "available", "reason": "correction", "quantities": quantities}},
        )
        errors = (answer.get("inventorySetQuantities") or {}).get("userErrors") or []
        stale = [e for e in errors if e.get("code") == "COMPARE_QUANTITY_STALE"]
        if errors and len(stale) == len(errors):
            return [_sku_of(e, skus) for e in stale]
        if errors:
            raise SendFailed("Shopify refused the stock: " + _user_errors(errors, skus), 422)
        return []

    def ship(self, shipment: dict[str, Any]) -> None:
        """Fulfil what left in this parcel, with its tracking number; a shipment told before changes nothing.

        With "lines" ([{"line": the store's line id, "sku": ..., "quantity": n}]) only those
        units are fulfilled, from the open or in-progress fulfillment orders that still
        have them to send (a line without a store line id is found by its SKU): each
        parcel of an order split here is its own fulfilment with its own tracking
        number. Without "lines", everything still to send is. Fulfillment orders at
        different locations are fulfilled one location at a time (one fulfilment covers
        one location's fulfillment orders). Units already sent are not sent again, and a
        fulfillment order that has a fulfilment with this tracking number is left out,
        so a shipment sent again after a crash, whole or half done, changes nothing
        more (without a tracking number, only units no longer to send are told apart).
        """
        order_id = str(shipment.get("order") or "").strip()
        tracking = str(shipment.get("tracking") or "").strip()
        if not order_id:
            raise SendFailed("a shipment to tell Shopify names no order", 422)
        order = self.query(FULFILMENT_ORDERS_QUERY, {"id": _gid("Order", order_id)}).get("order")
        if order is None:
            raise SendFailed(f"Shopify has no order {order_id} (deleted on the store?)", 404)
        name = order.get("name", order_id)
        told = _told(order, tracking) if tracking else set()
        if told is None:
            return  # sent before (a crash before we recorded it): nothing changes
        fulfilment_orders = (order.get("fulfillmentOrders") or {}).get("nodes") or []
        pending = [f for f in fulfilment_orders if f.get("status") in OPEN_FULFILMENT and f.get("id") not in told]
        held = [f for f in fulfilment_orders if f.get("status") in HELD_FULFILMENT]
        lines = shipment.get("lines")
        if lines is None:
            if not pending and held:
                raise SendFailed(f"order {name} is on hold on Shopify; release it there", 409)
            by_order = [{"fulfillmentOrderId": f["id"]} for f in pending if _remaining(f)]
        else:
            by_order, missing = _lines_to_fulfil(pending, _wanted(lines, order_id))
            if missing and _lines_to_fulfil(held, missing)[0]:
                raise SendFailed(f"order {name} is on hold on Shopify; release it there", 409)
        if not by_order:
            return  # those units left already (fulfilled on the store, or told before)
        location_of = {f["id"]: _location_of(f) for f in fulfilment_orders}
        for location in dict.fromkeys(location_of[pair["fulfillmentOrderId"]] for pair in by_order):
            here = [pair for pair in by_order if location_of[pair["fulfillmentOrderId"]] == location]
            self._fulfil(order_id, here, tracking, str(shipment.get("carrier") or ""))

    def _fulfil(self, order_id: str, by_order: list[dict[str, Any]], tracking: str, carrier: str) -> None:
        fulfilment: dict[str, Any] = {"lineItemsByFulfillmentOrder": by_order, "notifyCustomer": True}
        if tracking:
            fulfilment["trackingInfo"] = {"company": carrier, "number": tracking}
        answer = self.query(FULFILMENT_CREATE, {"fulfillment": fulfilment}).get("fulfillmentCreate") or {}
        errors = answer.get("userErrors") or []
        if errors:
            raise SendFailed(f"Shopify refused the fulfilment of order {order_id}: " + _user_errors(errors, []), 422)

    def close(self) -> None:
        self.client.close()


Wanted = dict[tuple[str, str], int]  # ("line", store line id) or ("sku", SKU folded) -> units still to fulfil


def _wanted(lines: Any, order_id: str) -> Wanted:
    """The shipment's lines as units to fulfil, by store line id, or by SKU for a line the store did not number."""
    wanted: Wanted = {}
    for n, line in enumerate(lines if isinstance(lines, list) else [None], start=1):
        try:
            quantity = int(line["quantity"])
            line_id, sku = _tail(str(line.get("line") or "").strip()), str(line.get("sku") or "").strip()
        except (KeyError, TypeError, ValueError, AttributeError):
            raise SendFailed(f"the shipment of order {order_id}: line {n} is not a line and a quantity", 422) from None
        if quantity <= 0 or not (line_id or sku):
            raise SendFailed(f"the shipment of order {order_id}: line {n} has no store line, SKU or units", 422)
        key = ("line", line_id) if line_id else ("sku", sku.casefold())
        wanted[key] = wanted.get(key, 0) + quantity
    return wanted


def _lines_to_fulfil(fulfilment_orders: list[dict[str, Any]], wanted: Wanted) -> tuple[list[dict[str, Any]], Wanted]:
    """The wanted units, taken from what remains to send of the fulfillment orders' lines, in their order.

    Returns the lineItemsByFulfillmentOrder pairs, and the units none of them has left to send.
    """
    left = dict(wanted)
    result = []
    for fulfilment_order in fulfilment_orders:
        items = []
        for item in (fulfilment_order.get("lineItems") or {}).get("nodes") or []:
            line = item.get("lineItem") or {}
            remaining = int(item.get("remainingQuantity") or 0)
            for key in (("line", _tail(str(line.get("id") or ""))), ("sku", str(line.get("sku") or "").casefold())):
                quantity = min(left.get(key, 0), remaining)
                if quantity > 0 and key[1]:
                    items.append({"id": item["id"], "quantity": quantity})
                    left[key] -= quantity
                    break
        if items:
            result.append({"fulfillmentOrderId": fulfilment_order["id"], "fulfillmentOrderLineItems": items})
    return result, {key: units for key, units in left.items() if units > 0}


def _remaining(fulfilment_order: dict[str, Any]) -> int:
    return sum(
        int(i.get("remainingQuantity") or 0) for i in (fulfilment_order.get("lineItems") or {}).get("nodes") or []
    )


def _told(order: dict[str, Any], tracking: str) -> set[str] | None:
    """The fulfillment orders that have a fulfilment with this tracking number already.

    None: such a fulfilment names no fulfillment order (made before they existed), so the whole order counts as told.
    """
    told: set[str] = set()
    for fulfilment in order.get("fulfillments") or []:
        if tracking not in {str((t or {}).get("number") or "") for t in fulfilment.get("trackingInfo") or []}:
            continue
        ids = {str(fo.get("id")) for fo in (fulfilment.get("fulfillmentOrders") or {}).get("nodes") or []}
        if not ids:
            return None
        told |= ids
    return told


def _location_of(fulfilment_order: dict[str, Any]) -> str:
    return str(((fulfilment_order.get("assignedLocation") or {}).get("location") or {}).get("id") or "")


def to_store_order(raw: dict[str, Any], exponent: int) -> StoreOrder:
    """Map one order: lines by SKU with their discounts, shipping, refunds, payment and fulfilment status."""
    try:
        order_id = str(raw.get("legacyResourceId") or _tail(str(raw["id"])))
        modified = _when(raw["updatedAt"])
        financial = str(raw.get("displayFinancialStatus") or "")
        fulfilment = str(raw.get("displayFulfillmentStatus") or "")
    except (KeyError, TypeError, ValueError) as exc:
        raise SendFailed(f"Shopify sent an order without its id or dates ({exc})") from exc
    # In words, as the order's timeline shows it: "cancelled", "refunded", "paid, unfulfilled".
    status = ", ".join(p.lower().replace("_", " ") for p in (financial, fulfilment) if p)
    refunds = tuple(
        StoreRefund(_tail(str(r.get("id", ""))), amount, str(r.get("note") or "")[:200])
        for r in raw.get("refunds") or []
        if (amount := _minor(_money(r.get("totalRefundedSet")), exponent)) > 0
    )
    if raw.get("cancelledAt"):
        return StoreOrder(order_id, modified, "cancelled", None, refunds)
    if financial in SKIPPED_FINANCIAL:
        return StoreOrder(order_id, modified, financial.lower(), None, refunds)
    lines = []
    for item in (raw.get("lineItems") or {}).get("nodes") or []:
        quantity = int(item.get("quantity") or 0)
        unit = _minor(_money(item.get("originalUnitPriceSet")), exponent)
        discount = sum(
            _minor(_money(d.get("allocatedAmountSet")), exponent) for d in item.get("discountAllocations") or []
        )
        variant = item.get("variant") or {}
        # A product without a SKU on the store gets a code of its variant, so the shop can link it once.
        code = (item.get("sku") or "").strip() or (
            f"shopify-{variant['legacyResourceId']}"
            if variant.get("legacyResourceId")
            else f"shopify-line-{_tail(item['id'])}"
        )
        lines.append(
            OrderLineDraft(
                code, quantity, unit, min(discount, unit * quantity), str(item.get("name", ""))[:200], _tail(item["id"])
            )
        )
    notes = [f"Shopify order {raw.get('name', order_id)}"]
    refunded = sum(r.amount for r in refunds)
    if refunded:
        notes.append(f"refunded on the store: {Decimal(refunded).scaleb(-exponent)}")
    shipping = sum(
        _minor(_money(s.get("discountedPriceSet")), exponent)
        for s in (raw.get("shippingLines") or {}).get("nodes") or []
    )
    address = raw.get("shippingAddress") or {}
    payment = PAYMENT.get(financial, "unpaid")
    draft = OrderDraft(
        lines=lines,
        channel="shopify",
        channel_order_no=order_id,
        customer_name=str((raw.get("customer") or {}).get("displayName") or ""),
        ship_to=ShipTo(
            str(address.get("name") or ""),
            str(address.get("phone") or ""),
            str(address.get("countryCodeV2") or ""),
            str(address.get("province") or ""),
            str(address.get("city") or ""),
            "",
            ", ".join(p for p in (address.get("address1"), address.get("address2")) if p),
            str(address.get("zip") or ""),
        ),
        placed_at=_when(raw["createdAt"]) if raw.get("createdAt") else modified,
        currency=str(raw.get("currencyCode") or ""),
        shipping_fee=shipping,
        payment_status=payment,
        paid_amount=_minor(_money(raw.get("totalReceivedSet")), exponent) if payment != "unpaid" else None,
        buyer_remark=str(raw.get("note") or ""),
        internal_note="; ".join(notes),
    )
    fulfilled = SENT_FULFILMENT.get(fulfilment, NOT_FULFILLED)
    sent = sorted(_when(f["createdAt"]) for f in raw.get("fulfillments") or [] if (f or {}).get("createdAt"))
    fulfilled_at = (sent[-1] if sent else modified) if fulfilled else None
    return StoreOrder(
        order_id,
        modified,
        status,
        draft,
        refunds,
        fulfilled,
        fulfilled_at,
        _still_to_send(raw, lines, fulfilled),
        _units_to_send(raw, fulfilled),
    )


def _still_to_send(raw: dict[str, Any], lines: list[OrderLineDraft], fulfilled: str) -> str:
    """A partly fulfilled order's lines in words: 'MUG: 1 of 2 still to send' (the store's unfulfilledQuantity)."""
    if fulfilled != PARTLY_FULFILLED:
        return ""
    parts = []
    for item, line in zip((raw.get("lineItems") or {}).get("nodes") or [], lines, strict=False):
        left = item.get("unfulfilledQuantity")
        if isinstance(left, int):
            parts.append(f"{line.code}: {left} of {line.quantity} still to send")
    return "; ".join(parts)


def _units_to_send(raw: dict[str, Any], fulfilled: str) -> tuple[tuple[str, int], ...]:
    """A partly fulfilled order's unfulfilledQuantity by line id: (("42", 1), ...)."""
    if fulfilled != PARTLY_FULFILLED:
        return ()
    return tuple(
        (_tail(str(item["id"])), item["unfulfilledQuantity"])
        for item in (raw.get("lineItems") or {}).get("nodes") or []
        if item.get("id") and isinstance(item.get("unfulfilledQuantity"), int)
    )


def _money(bag: Any) -> Any:
    """The shop-currency amount of a MoneyBag ({"shopMoney": {"amount": "12.50"}})."""
    return ((bag or {}).get("shopMoney") or {}).get("amount")


def _minor(text: Any, exponent: int) -> int:
    """'12.50' -> 1250; Shopify writes amounts as decimal strings. Half up, should one carry more decimals."""
    try:
        return int((Decimal(str(text or "0")) * 10**exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation as exc:
        raise SendFailed(f"Shopify sent an amount that is not a number: {text!r}") from exc


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _tail(gid: str) -> str:
    """'gid://shopify/LineItem/42' -> '42'."""
    return gid.rsplit("/", 1)[-1]


def _gid(kind: str, their_id: str) -> str:
    return their_id if their_id.startswith("gid://") else f"gid://shopify/{kind}/{their_id}"


def _quoted(sku: str) -> str:
    return sku.replace("\\", "\\\\").replace('"', '\\"')


def _throttled(errors: Any) -> bool:
    return isinstance(errors, list) and any(
        ((e or {}).get("extensions") or {}).get("code") == "THROTTLED" for e in errors if isinstance(e, dict)
    )


def _messages(errors: Any) -> str:
    if not isinstance(errors, list):
        return str(errors)[:300]
    return "; ".join(str((e or {}).get("message", e)) for e in errors)[:300]


def _sku_of(error: dict[str, Any], skus: list[str]) -> str:
    """The SKU an error's field path (["input", "quantities", "1", "compareQuantity"]) points at."""
    field = error.get("field") or []
    if len(field) >= 3 and field[1] == "quantities" and str(field[2]).isdigit() and int(field[2]) < len(skus):
        return skus[int(field[2])]
    return "?"


def _user_errors(errors: list[dict[str, Any]], skus: list[str]) -> str:
    parts = []
    for error in errors:
        where = _sku_of(error, skus) if skus else ".".join(str(f) for f in error.get("field") or [])
        parts.append(
            f"{where}: {error.get('message', '')}" if where and where != "?" else str(error.get("message", ""))
        )
    return "; ".join(parts)[:400]


register("shopify", ShopifyStore.open)
