"""A WooCommerce store in a test: the parts of the REST API v3 the sync uses, as documented.

GET /orders is filtered by modified_after / modified_before (GMT, both strict),
sorted by date_modified or id, paged by per_page/page with the X-WP-Total and
X-WP-TotalPages headers. One order can be read and updated (GET/PUT
/orders/{id}; an update moves its modification time on), its notes listed and
added (/orders/{id}/notes); a deleted order answers 404 like the real store.
/system_status answers who the store is, to the right key only.
`serve(httpserver)` routes all of it.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
# The stores of these tests had their orders before the test adds the channel, which by itself pulls only
# orders changed after it was added: channels that are to see them start here (add_channel(since=HISTORY)).
HISTORY = datetime(2026, 11, 1, tzinfo=UTC)


def woo_order(order_id: int, minutes: int, *lines: dict[str, Any], **fields: Any) -> dict[str, Any]:
    when = (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S")
    order = {
        "id": order_id,
        "status": "processing",
        "currency": "CNY",
        "date_created_gmt": when,
        "date_modified_gmt": when,
        "total": "0.00",
        "customer_note": "",
        "payment_method_title": "Alipay",
        "billing": {"first_name": "Anna", "last_name": "Li", "phone": "13812345678"},
        "shipping": {
            "first_name": "Anna",
            "last_name": "Li",
            "address_1": "人民路2号",
            "address_2": "",
            "city": "苏州市",
            "state": "江苏省",
            "postcode": "215000",
            "country": "CN",
        },
        "line_items": list(lines) or [item(1, "MUG", 1, "25.00")],
        "shipping_lines": [],
        "fee_lines": [],
        "coupon_lines": [],
        "refunds": [],
    }
    order.update(fields)
    return order


def item(item_id: int, sku: str, quantity: int, subtotal: str, total: str | None = None, **fields: Any) -> dict:
    return {
        "id": item_id,
        "name": f"item {sku}",
        "product_id": 90 + item_id,
        "variation_id": 0,
        "quantity": quantity,
        "subtotal": subtotal,
        "total": total or subtotal,
        "sku": sku,
        **fields,
    }


def answer(body: Any, status: int = 200, **headers: str) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json", headers=headers)


def gmt(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class FakeWooStore:
    def __init__(self, orders: list[dict[str, Any]], *, key: str = "ck_test", secret: str = "cs_test"):
        self.orders = orders
        self.requests: list[dict[str, str]] = []
        self.after_request: Callable[[FakeWooStore], None] | None = None
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.products: list[dict[str, Any]] = []  # simple products: {"id", "sku", "type", "stock_quantity"}
        self.changes: list[tuple[str, str, Any]] = []  # (method, path, body) of every write
        self.token = base64.b64encode(f"{key}:{secret}".encode()).decode("ascii")

    def serve(self, httpserver: HTTPServer) -> FakeWooStore:
        httpserver.expect_request("/wp-json/wc/v3/orders").respond_with_handler(self)
        httpserver.expect_request(re.compile(r"^/wp-json/wc/v3/orders/\d+(/notes)?$")).respond_with_handler(
            self.one_order
        )
        httpserver.expect_request("/wp-json/wc/v3/system_status").respond_with_handler(self.system_status)
        httpserver.expect_request("/wp-json/wc/v3/products").respond_with_handler(self.list_products)
        httpserver.expect_request("/wp-json/wc/v3/products/batch", method="POST").respond_with_handler(self.batch)
        return self

    def __call__(self, request: Request) -> Response:
        args = request.args
        self.requests.append(dict(args))
        after = gmt(args["modified_after"])
        before = gmt(args["modified_before"]) if "modified_before" in args else None
        assert args["dates_are_gmt"] == "true" and args["order"] == "asc"
        assert args["orderby"] in ("modified", "id")
        per_page, page = int(args["per_page"]), int(args["page"])
        found = sorted(
            (
                o
                for o in self.orders
                if gmt(o["date_modified_gmt"]) > after and (before is None or gmt(o["date_modified_gmt"]) < before)
            ),
            key=(lambda o: (o["date_modified_gmt"], o["id"])) if args["orderby"] == "modified" else lambda o: o["id"],
        )
        chunk = found[(page - 1) * per_page : page * per_page]
        pages = max((len(found) + per_page - 1) // per_page, 1)
        body = json.dumps(chunk)
        if self.after_request is not None:
            self.after_request(self)
        return Response(
            body,
            content_type="application/json",
            headers={"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)},
        )

    def order(self, order_id: int) -> dict[str, Any] | None:
        return next((o for o in self.orders if o["id"] == order_id), None)

    def one_order(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")
        order = self.order(int(parts[4]))
        if order is None:
            return answer({"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID."}, 404)
        body = request.get_json(silent=True)
        if request.method != "GET":
            self.changes.append((request.method, request.path, body))
        if parts[-1] == "notes":
            notes = self.notes.setdefault(order["id"], [])
            if request.method == "POST":
                notes.append({"id": 900 + len(notes), **body})
                return answer(notes[-1], 201)
            return answer(notes)
        if request.method == "PUT":
            order.update(body)
            self._modified_now(order)
        return answer(order)

    def list_products(self, request: Request) -> Response:
        skus = set(filter(None, request.args.get("sku", "").split(",")))
        kind = request.args.get("type")
        found = [p for p in self.products if (not skus or p["sku"] in skus) and (not kind or p["type"] == kind)]
        return answer(found, **{"X-WP-Total": str(len(found)), "X-WP-TotalPages": "1"})

    def batch(self, request: Request) -> Response:
        body = request.get_json()
        self.changes.append((request.method, request.path, body))
        by_id = {p["id"]: p for p in self.products}
        for update in body.get("update", []):
            by_id[update["id"]]["stock_quantity"] = update["stock_quantity"]
        return answer({"update": [by_id[u["id"]] for u in body.get("update", [])]})

    def system_status(self, request: Request) -> Response:
        if request.headers.get("Authorization") != f"Basic {self.token}":
            return answer({"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list resources."}, 401)
        return answer({"environment": {"version": "9.4.2", "site_url": "https://shop.example.com"}})

    def edit(self, order_id: int, minutes: int, **fields: Any) -> None:
        """Someone changes an order on the store: its modification time moves on (and the given fields change)."""
        order = self.order(order_id)
        assert order is not None
        order["date_modified_gmt"] = (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S")
        order.update(fields)

    def _modified_now(self, order: dict[str, Any]) -> None:
        """An update moves the order's date_modified_gmt past every other change, as the store's clock would:
        the next pull reads it again. (Adding a note does not: WooCommerce keeps notes as comments.)"""
        latest = max(gmt(o["date_modified_gmt"]) for o in self.orders)
        order["date_modified_gmt"] = (latest + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
        if order.get("status") == "completed":
            order["date_completed_gmt"] = order["date_modified_gmt"]

    def delete(self, order_id: int) -> None:
        self.orders = [o for o in self.orders if o["id"] != order_id]
