"""Return windows (e.g. 七天无理由退货): counted in days from the order's delivery, per shop and per category."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from shopdesk.db.models import Category, Product
from shopdesk.db.models.orders import SalesOrder
from shopdesk.domain.aftersales import WindowCheck, return_window
from shopdesk.services import aftersales_records as rec
from shopdesk.services.aftersales_records import aware


def window_days_for(conn: Connection, product_ids: Iterable[int]) -> int:
    """The return window of these products in days: the strictest of their categories' windows.

    A category's window comes from the shop setting return_window_days_by_category
    (category path -> days, the deepest matching category counts), else the shop's
    return_window_days.
    """
    default = int(rec.setting(conn, "return_window_days"))
    by_category = {
        str(k).strip("/"): int(v) for k, v in (rec.setting(conn, "return_window_days_by_category") or {}).items()
    }
    ids = set(product_ids)
    if not by_category or not ids:
        return default
    paths = conn.execute(
        select(Category.path).join(Product, Product.category_id == Category.id).where(Product.id.in_(ids))
    ).scalars()
    days = []
    for path in paths:
        parts = path.split("/")
        deepest_first = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
        days.append(next((by_category[p] for p in deepest_first if p in by_category), default))
    if len(days) < len(ids):  # a product without a category has the shop's window
        days.append(default)
    return min(days)


def window_check(conn: Connection, case_row: Any, product_ids: Iterable[int]) -> WindowCheck | None:
    """Whether the case's request came inside the return window, counted from the order's delivery."""
    if case_row.order_id is None:
        return None
    delivered = conn.execute(select(SalesOrder.delivered_at).where(SalesOrder.id == case_row.order_id)).scalar()
    if delivered is None:
        return None
    # Days are the shop's calendar days: a parcel delivered at 07:00 in Shanghai is 23:00 the day before in UTC.
    return return_window(
        aware(delivered).astimezone(), aware(case_row.opened_at).astimezone(), window_days_for(conn, product_ids)
    )
