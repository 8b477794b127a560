"""A WooCommerce store in a test: GET /wp-json/wc/v3/orders as the REST API v3 documents it.

Orders are filtered by modified_after (GMT), sorted by date_modified, paged by
per_page/page with the X-WP-Total and X-WP-TotalPages headers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from werkzeug import Request, Response

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


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


class FakeWooStore:
    def __init__(self, orders: list[dict[str, Any]]):
        self.orders = orders
        self.requests: list[dict[str, str]] = []
        self.after_request: Callable[[FakeWooStore], None] | None = None

    def __call__(self, request: Request) -> Response:
        args = request.args
        self.requests.append(dict(args))
        after = datetime.fromisoformat(args["modified_after"]).replace(tzinfo=UTC)
        assert (args["orderby"], args["order"], args["dates_are_gmt"]) == ("modified", "asc", "true")
        per_page, page = int(args["per_page"]), int(args["page"])
        found = sorted(
            (o for o in self.orders if datetime.fromisoformat(o["date_modified_gmt"]).replace(tzinfo=UTC) > after),
            key=lambda o: (o["date_modified_gmt"], o["id"]),
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

    def edit(self, order_id: int, minutes: int) -> None:
        """Someone changes an order on the store: its modification time moves on."""
        for order in self.orders:
            if order["id"] == order_id:
                order["date_modified_gmt"] = (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S")
