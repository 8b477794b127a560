"""WooCommerce REST API v3: orders modified since a time, as OrderDrafts.

Paging is by time, not by page number: each request asks for orders modified
after the last one seen (orderby=modified, order=asc, per_page=100), so an
order someone edits while we page moves to the end and is read again, and no
order slides between two pages. The previous second is asked again and orders
already seen are skipped; X-WP-TotalPages of 1 says the last page came.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo
from shopdesk.sync.credentials import Credentials
from shopdesk.sync.http import SendFailed, StoreClient
from shopdesk.sync.store import COMPLETED, FULFILLED, NOT_FULFILLED, StoreOrder, StoreRefund, register

PER_PAGE = 100
# Orders in these states are nothing to ship; a draft checkout is not an order yet.
SKIPPED_STATUSES = frozenset({"cancelled", "failed", "trash", "refunded", "checkout-draft"})
PAYMENT = {"pending": "unpaid", "on-hold": "unpaid", "processing": "paid", "completed": "paid"}
# Orders the store has sent out already: completed (WooCommerce's own word for it), or "shipped",
# the status the common shipment-tracking plugins add. WooCommerce has no partly shipped status.
SENT_STATUSES = {"completed": COMPLETED, "shipped": FULFILLED}
OPEN_STATUSES = frozenset({"processing", "on-hold"})  # paid orders still to ship, in whole or in part


def gmt(text: str) -> datetime:
    """WooCommerce's *_gmt fields ('2026-11-20T08:15:00', no zone) as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def orders_modified_since(client: StoreClient, since: datetime, exponent: int) -> Iterator[StoreOrder]:
    """Every order modified after `since`, oldest change first, each (id, modification) once.

    The list is asked for by time, not by page number: after each page the
    next one starts one second before its last order (the API's dates are to the
    second), so an order edited while we page moves to the end and is read
    there, not skipped. When a whole page shares one second, that second cannot
    be passed that way: it is paged through on its own (`_one_second`).
    """
    seen: set[tuple[str, datetime]] = set()
    after = since
    while True:
        answer, headers = _order_page(client, after, None, 1)
        yield from _unseen(answer, seen, exponent)
        if len(answer) < PER_PAGE or _page_count(headers) <= 1:
            return
        first, last = _modified(answer[0]), _modified(answer[-1])
        if first == last:
            yield from _one_second(client, last, seen, exponent)
            after = last  # that second is read whole
        else:
            after = last - timedelta(seconds=1)  # > after: the first order of this page was after it


def _one_second(
    client: StoreClient, second: datetime, seen: set[tuple[str, datetime]], exponent: int
) -> Iterator[StoreOrder]:
    """Page (by id) through the orders modified in one second. An order edited meanwhile leaves that second,
    which shifts the later pages: the total then changes, and the second is read again from its first page
    (the orders read already are skipped). The edited order itself comes later, at its new time."""
    for _ in range(20):
        page, total = 1, None
        while True:
            answer, headers = _order_page(
                client, second - timedelta(seconds=1), second + timedelta(seconds=1), page, orderby="id"
            )
            now_total = headers.get("X-WP-Total")
            if total is not None and now_total != total:
                break  # the second changed under us: read it again
            total = now_total
            yield from _unseen(answer, seen, exponent)
            if page >= _page_count(headers):
                return
            page += 1
    raise SendFailed(f"the store's orders of {second:%Y-%m-%d %H:%M:%S} keep changing; try again later")


def _order_page(
    client: StoreClient, after: datetime, before: datetime | None, page: int, *, orderby: str = "modified"
) -> tuple[list[dict[str, Any]], Any]:
    params: dict[str, Any] = {
        "modified_after": after.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "dates_are_gmt": "true",
        "orderby": orderby,
        "order": "asc",
        "per_page": PER_PAGE,
        "page": page,
    }
    if before is not None:
        params["modified_before"] = before.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    answer, headers = client.request_with_headers("GET", "/wp-json/wc/v3/orders", params=params)
    if not isinstance(answer, list):
        raise SendFailed("the store's order list is not a list")
    return answer, headers


def _unseen(answer: list[dict[str, Any]], seen: set[tuple[str, datetime]], exponent: int) -> Iterator[StoreOrder]:
    for raw in answer:
        order = to_store_order(raw, exponent)
        if (order.id, order.modified) not in seen:
            seen.add((order.id, order.modified))
            yield order


def _modified(raw: dict[str, Any]) -> datetime:
    try:
        return gmt(raw.get("date_modified_gmt") or raw["date_created_gmt"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SendFailed(f"the store sent an order without its dates ({exc})") from exc


def _page_count(headers: Any) -> int:
    try:
        return int(headers.get("X-WP-TotalPages", "1") or 1)
    except ValueError as exc:
        raise SendFailed("the store's X-WP-TotalPages is not a number") from exc


def to_store_order(raw: dict[str, Any], exponent: int) -> StoreOrder:
    """Map one order of the API: lines by SKU (variations carry their own), coupons, shipping, fees, refunds."""
    try:
        order_id = str(raw["id"])
        modified = gmt(raw.get("date_modified_gmt") or raw["date_created_gmt"])
        status = str(raw.get("status", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise SendFailed(f"the store sent an order without its id or dates ({exc})") from exc
    refunds = tuple(
        StoreRefund(str(r.get("id", "")), -minor(r.get("total"), exponent), str(r.get("reason") or "")[:200])
        for r in raw.get("refunds") or []
        if isinstance(r, dict) and minor(r.get("total"), exponent) < 0  # the API writes refunds as negatives
    )
    if status in SKIPPED_STATUSES:
        return StoreOrder(order_id, modified, status, None, refunds)
    shipping = raw.get("shipping") or {}
    billing = raw.get("billing") or {}
    name = " ".join(p for p in (shipping.get("first_name", ""), shipping.get("last_name", "")) if p).strip()
    street = ", ".join(p for p in (shipping.get("address_1", ""), shipping.get("address_2", "")) if p)
    notes: list[str] = []
    lines = []
    for item in raw.get("line_items") or []:
        quantity = int(item.get("quantity") or 0)
        subtotal, total = minor(item.get("subtotal"), exponent), minor(item.get("total"), exponent)
        unit = -(-subtotal // quantity) if quantity > 0 else 0
        # A product without a SKU on the store gets a code of its ids, so the shop can link it once.
        code = (item.get("sku") or "").strip() or f"woo-{item.get('product_id', 0)}-{item.get('variation_id', 0)}"
        lines.append(
            OrderLineDraft(
                code, quantity, unit, max(unit * quantity - total, 0), str(item.get("name", ""))[:200], str(item["id"])
            )
        )
    fees = 0
    for fee in raw.get("fee_lines") or []:
        amount = minor(fee.get("total"), exponent)
        fees += amount
        notes.append(f"fee {fee.get('name', '')}: {fee.get('total')}")
    coupons = [str(c.get("code", "")) for c in raw.get("coupon_lines") or []]
    if coupons:
        notes.append("coupons: " + ", ".join(coupons))
    refunded = -sum(minor(r.get("total"), exponent) for r in raw.get("refunds") or [])
    if refunded:
        notes.append(f"refunded on the store: {Decimal(refunded).scaleb(-exponent)}")
    shipping_fee = sum(minor(s.get("total"), exponent) for s in raw.get("shipping_lines") or [])
    draft = OrderDraft(
        lines=lines,
        channel="woocommerce",
        channel_order_no=order_id,
        customer_name=" ".join(p for p in (billing.get("first_name", ""), billing.get("last_name", "")) if p),
        ship_to=ShipTo(
            name,
            str(shipping.get("phone") or billing.get("phone") or ""),
            str(shipping.get("country") or ""),
            str(shipping.get("state") or ""),
            str(shipping.get("city") or ""),
            "",
            street,
            str(shipping.get("postcode") or ""),
        ),
        placed_at=gmt(raw["date_created_gmt"]) if raw.get("date_created_gmt") else modified,
        currency=str(raw.get("currency", "")),
        shipping_fee=shipping_fee + max(fees, 0),
        payment_status=PAYMENT.get(status, "unpaid"),
        paid_amount=minor(raw.get("total"), exponent) if PAYMENT.get(status) == "paid" else None,
        payment_method=str(raw.get("payment_method_title", ""))[:32],
        buyer_remark=str(raw.get("customer_note", "")),
        internal_note="; ".join(notes),
    )
    fulfilled = SENT_STATUSES.get(status, NOT_FULFILLED)
    fulfilled_at = None
    if fulfilled:
        fulfilled_at = gmt(raw["date_completed_gmt"]) if raw.get("date_completed_gmt") else modified
    return StoreOrder(order_id, modified, status, draft, refunds, fulfilled, fulfilled_at)


def minor(text: Any, exponent: int) -> int:
    """'12.50' -> 1250 (the API writes amounts as decimal strings)."""
    try:
        return int((Decimal(str(text or "0")) * 10**exponent).to_integral_value())
    except InvalidOperation as exc:
        raise SendFailed(f"the store sent an amount that is not a number: {text!r}") from exc


def woocommerce_client(store_url: str, key: str, secret: str, **options: Any) -> StoreClient:
    """A client sending the consumer key and secret as HTTP Basic auth (the store URL is https, or local)."""
    import base64

    token = base64.b64encode(f"{key}:{secret}".encode()).decode("ascii")
    return StoreClient(store_url, {"Authorization": f"Basic {token}", "Accept": "application/json"}, **options)


def push_stock(client: StoreClient, levels: dict[str, int]) -> list[str]:
    """Set the store's stock of each SKU (products and variations) with the batch endpoints.

    Returns the SKUs the store does not sell (nothing to set). A per-item error
    in a batch answer raises SendFailed naming every refused SKU; a retry cannot
    fix it, so it is given status 422 (the outbox makes the item dead for the shop to see).
    """
    wanted = dict(levels)
    simple: dict[str, int] = {}
    variations: dict[int, dict[str, int]] = {}
    skus = sorted(wanted)
    for start in range(0, len(skus), PER_PAGE):
        chunk = skus[start : start + PER_PAGE]
        for product in _pages(client, "/wp-json/wc/v3/products", {"sku": ",".join(chunk)}):
            if product.get("sku") in wanted and product.get("type") != "variable":
                simple[product["sku"]] = int(product["id"])
    missing = set(wanted) - set(simple)
    if missing:
        # The products endpoint does not search variations: read those of the variable products.
        for parent in _pages(client, "/wp-json/wc/v3/products", {"type": "variable"}):
            for variation in _pages(client, f"/wp-json/wc/v3/products/{parent['id']}/variations", {}):
                if variation.get("sku") in missing:
                    variations.setdefault(int(parent["id"]), {})[variation["sku"]] = int(variation["id"])
    refused: list[str] = []
    refused += _batch(client, "/wp-json/wc/v3/products/batch", simple, wanted)
    for parent_id, found in variations.items():
        refused += _batch(client, f"/wp-json/wc/v3/products/{parent_id}/variations/batch", found, wanted)
    if refused:
        raise SendFailed("the store refused the stock of " + "; ".join(refused), 422)
    placed = set(simple) | {sku for found in variations.values() for sku in found}
    return sorted(set(wanted) - placed)


def _pages(client: StoreClient, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    page = 1
    while True:
        answer, headers = client.request_with_headers(
            "GET", path, params={**params, "per_page": PER_PAGE, "page": page}
        )
        if not isinstance(answer, list):
            raise SendFailed(f"the store's answer to {path} is not a list")
        yield from answer
        if page >= int(headers.get("X-WP-TotalPages", "1") or 1):
            return
        page += 1


def _batch(client: StoreClient, path: str, ids: dict[str, int], levels: dict[str, int]) -> list[str]:
    """Send one batch update (at most 100 items each) and return the refused SKUs with the store's reason."""
    refused = []
    by_id = {product_id: sku for sku, product_id in ids.items()}
    items = [{"id": pid, "manage_stock": True, "stock_quantity": levels[sku]} for sku, pid in sorted(ids.items())]
    for start in range(0, len(items), PER_PAGE):
        answer = client.request("POST", path, json_body={"update": items[start : start + PER_PAGE]})
        for result in (answer or {}).get("update", []) if isinstance(answer, dict) else []:
            error = result.get("error") if isinstance(result, dict) else None
            if error:
                sku = by_id.get(int(result.get("id") or 0), f"id {result.get('id')}")
                refused.append(f"{sku}: {error.get('message') or error.get('code')}")
    return refused


def ship_order(client: StoreClient, shipment: dict[str, Any]) -> None:
    """Add the tracking number as a note the buyer sees and, for the last parcel, mark the order completed.

    A shipment with "complete": false is one parcel of an order split here while
    another is still to ship: only its note is added (WooCommerce has no partly
    shipped status, and a completed order would say the rest left too). Without
    the key (a whole order, the last parcel, or a shipment queued before parcels
    were told apart) the order is completed.

    A shipment with "rest_cancelled" (our order's number) has no parcel of its own:
    the parcels that left before said "complete": false, and the last one still to
    ship was cancelled here, so it completes the order, without a note. It completes
    only an order still open (processing or on hold): one the store cancelled,
    refunded or failed meanwhile keeps its status.

    Safe to send twice (the outbox may, after a crash): a completed order is not
    updated again, and a note already naming the tracking number is not added
    again. An order deleted on the store fails with status 404, which the outbox
    does not retry.
    """
    order_id = str(shipment.get("order", "")).strip()
    tracking = str(shipment.get("tracking", "")).strip()
    carrier = str(shipment.get("carrier", "")).strip()
    if not order_id.isdigit():
        raise SendFailed(f"the shipment names no WooCommerce order ({order_id!r})", 422)
    path = f"/wp-json/wc/v3/orders/{order_id}"
    try:
        if shipment.get("complete", True):
            order = client.request("GET", path)
            status = order.get("status") if isinstance(order, dict) else None
            still_open = status in OPEN_STATUSES if shipment.get("rest_cancelled") else status != "completed"
            if still_open:
                client.request("PUT", path, json_body={"status": "completed"})
        if not tracking:
            return
        notes = client.request("GET", f"{path}/notes")
        if any(tracking in str(n.get("note", "")) for n in notes or [] if isinstance(n, dict)):
            return
        note = f"Shipped with {carrier}, tracking {tracking}" if carrier else f"Shipped, tracking {tracking}"
        client.request("POST", f"{path}/notes", json_body={"note": note, "customer_note": True})
    except SendFailed as failure:
        if failure.status == 404:
            raise SendFailed(
                f"order {order_id} is no longer on the store (deleted there?): its shipment cannot be sent", 404
            ) from failure
        raise


class WooCommerceStore:
    """The `Store` of a WooCommerce shop (REST API v3), over one StoreClient."""

    def __init__(self, client: StoreClient):
        self.client = client

    @classmethod
    def open(cls, store_url: str, credentials: Credentials, **options: Any) -> WooCommerceStore:
        return cls(woocommerce_client(store_url, credentials.key, credentials.secret, **options))

    def check(self) -> str:
        answer = self.client.request("GET", "/wp-json/wc/v3/system_status")
        environment = (answer or {}).get("environment", {}) if isinstance(answer, dict) else {}
        version = environment.get("version") or "?"
        site = environment.get("site_url") or self.client.client.base_url
        return f"WooCommerce {version} at {site}"

    def orders_changed_since(self, since: datetime, exponent: int) -> Iterator[StoreOrder]:
        return orders_modified_since(self.client, since, exponent)

    def set_stock(self, levels: dict[str, int]) -> list[str]:
        return push_stock(self.client, levels)

    def ship(self, shipment: dict[str, Any]) -> None:
        ship_order(self.client, shipment)

    def close(self) -> None:
        self.client.close()


register("woocommerce", WooCommerceStore.open)
