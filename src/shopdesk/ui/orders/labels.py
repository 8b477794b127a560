"""The order words as the UI shows them (待审核, 待发货, 已发货, 面单 ...), translated by context "Orders".

The services speak in stored values ("on_hold", "to_ship", "taobao"); these are
what a person reads. An unknown value is shown as it is.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

STATUS = {
    "draft": QT_TRANSLATE_NOOP("Orders", "Draft"),
    "confirmed": QT_TRANSLATE_NOOP("Orders", "Confirmed"),
    "on_hold": QT_TRANSLATE_NOOP("Orders", "On hold"),
    "allocated": QT_TRANSLATE_NOOP("Orders", "Allocated"),
    "picked": QT_TRANSLATE_NOOP("Orders", "Picked"),
    "packed": QT_TRANSLATE_NOOP("Orders", "Packed"),
    "shipped": QT_TRANSLATE_NOOP("Orders", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Orders", "Delivered"),
    "completed": QT_TRANSLATE_NOOP("Orders", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Orders", "Cancelled"),
}
# The list's buckets (services.order_queries.BUCKETS), in the order the tab shows them; None is every order.
BUCKETS = {
    None: QT_TRANSLATE_NOOP("Orders", "All"),
    "on_hold": QT_TRANSLATE_NOOP("Orders", "On hold"),
    "waiting": QT_TRANSLATE_NOOP("Orders", "Waiting for stock"),
    "to_ship": QT_TRANSLATE_NOOP("Orders", "To ship"),
    "shipped": QT_TRANSLATE_NOOP("Orders", "Shipped"),
    "completed": QT_TRANSLATE_NOOP("Orders", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Orders", "Cancelled"),
    "draft": QT_TRANSLATE_NOOP("Orders", "Drafts"),
}
CHANNEL = {
    "manual": QT_TRANSLATE_NOOP("Orders", "Manual"),
    "phone": QT_TRANSLATE_NOOP("Orders", "Phone"),
    "counter": QT_TRANSLATE_NOOP("Orders", "Counter"),
    "pickup": QT_TRANSLATE_NOOP("Orders", "Pick-up"),
    "taobao": QT_TRANSLATE_NOOP("Orders", "Taobao"),
    "pinduoduo": QT_TRANSLATE_NOOP("Orders", "Pinduoduo"),
    "jd": QT_TRANSLATE_NOOP("Orders", "JD"),
    "douyin": QT_TRANSLATE_NOOP("Orders", "Douyin"),
    "wechat": QT_TRANSLATE_NOOP("Orders", "WeChat"),
    "website": QT_TRANSLATE_NOOP("Orders", "Own website"),
    "woocommerce": QT_TRANSLATE_NOOP("Orders", "WooCommerce"),
    "shopify": QT_TRANSLATE_NOOP("Orders", "Shopify"),
    "aftersales": QT_TRANSLATE_NOOP("Orders", "After-sales"),
}
PAYMENT = {
    "unpaid": QT_TRANSLATE_NOOP("Orders", "Unpaid"),
    "paid": QT_TRANSLATE_NOOP("Orders", "Paid"),
    "partially_paid": QT_TRANSLATE_NOOP("Orders", "Partly paid"),
    "cod": QT_TRANSLATE_NOOP("Orders", "Cash on delivery"),
    "partially_refunded": QT_TRANSLATE_NOOP("Orders", "Partly refunded"),
    "refunded": QT_TRANSLATE_NOOP("Orders", "Refunded"),
}
# Timeline entries that are not state changes.
ACTION = {
    "created": QT_TRANSLATE_NOOP("Orders", "Order entered"),
    "edited": QT_TRANSLATE_NOOP("Orders", "Order changed"),
    "waiting": QT_TRANSLATE_NOOP("Orders", "Waiting for stock"),
    "split": QT_TRANSLATE_NOOP("Orders", "Split"),
    "merged": QT_TRANSLATE_NOOP("Orders", "Merged"),
    "waybill": QT_TRANSLATE_NOOP("Orders", "Waybill recorded"),
}
# Review reasons whose stored message says nothing more than its code (domain/review.py); the others (several
# addresses, an incomplete or odd address) carry details and are shown with them.
HOLD = {
    "high_value": QT_TRANSLATE_NOOP("Orders", "order total is above the review threshold"),
    "blocked_phone": QT_TRANSLATE_NOOP("Orders", "the phone number is on the blocked list"),
    "blocked_buyer": QT_TRANSLATE_NOOP("Orders", "the buyer is on the blocked list"),
    "remark": QT_TRANSLATE_NOOP("Orders", "the buyer left a remark to read"),
    "short_of_stock": QT_TRANSLATE_NOOP("Orders", "not enough stock to ship the whole order"),
}
# Channels an order can be entered for by hand, in the entry dialog's order.
ENTRY_CHANNELS = ("manual", "phone", "counter", "taobao", "pinduoduo", "woocommerce", "shopify")
CARRIERS = ("顺丰速运", "中通快递", "圆通速递", "韵达快递", "申通快递", "京东物流", "EMS", "DHL Express")


def label(table: dict, value: str | None) -> str:  # type: ignore[type-arg]
    text = table.get(value)
    return QCoreApplication.translate("Orders", text) if text else (value or "")


def hold_reason(reason: dict) -> str:  # type: ignore[type-arg]
    """One review reason as the reviewer reads it: translated where its code says all, else its own message."""
    text = HOLD.get(reason.get("code", ""))
    return QCoreApplication.translate("Orders", text) if text else str(reason.get("message", ""))


def when(at: datetime | None) -> str:
    """A moment in the shop's local time, as lists and the detail show it."""
    return "" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M}"
