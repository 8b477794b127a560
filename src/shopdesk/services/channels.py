"""A channel's SKUs linked to our products, and the orders that wait for such a link.

A marketplace names items by its own codes. When an imported order has a line
whose code matches no product (and no link), the order is not refused and not
half-written: it waits in channel_order_waiting with the codes it lacks. The
shop links each unknown code to a product once (`link_channel_sku`); the link
is kept per channel, the waiting orders whose codes are now all known become
real orders, and every later import of that channel translates the code
before checking it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopdesk.db.models import ChannelSkuMap, Product, WaitingOrder
from shopdesk.domain.catalogue import sku_key
from shopdesk.domain.errors import NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import OrderDraft, OrderLineDraft, ShipTo, normalize_channel
from shopdesk.domain.permissions import Permission

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

UNKNOWN_PRODUCT = "no product has this SKU or barcode"  # the order check's words (services/orders.py)


@dataclass(frozen=True)
class UnmatchedSku:
    """One channel code no product answers to, and the waiting orders that name it."""

    channel: str
    channel_sku: str
    name: str  # as the buyer saw it
    orders: list[str]  # the channel's order numbers
    quantity: int


@dataclass
class LinkResult:
    channel: str
    channel_sku: str
    product_sku: str
    created: list[str] = field(default_factory=list)  # our numbers of the orders that stopped waiting
    still_waiting: list[str] = field(default_factory=list)  # their numbers, still lacking a link


def linked_skus(session: Session, channel: str, codes: list[str]) -> dict[str, str]:
    """Channel code -> our product's SKU, for the codes this channel has linked."""
    if not codes:
        return {}
    rows = session.execute(
        select(ChannelSkuMap.channel_sku, Product.sku)
        .join(Product, Product.id == ChannelSkuMap.product_id)
        .where(ChannelSkuMap.channel == channel, ChannelSkuMap.channel_sku.in_(set(codes)))
    )
    return {code: sku for code, sku in rows}


def apply_links(session: Session, draft: OrderDraft) -> None:
    """Put our SKU on every line whose channel code was linked (the code stays when it is not)."""
    links = linked_skus(session, normalize_channel(draft.channel), [ln.code.strip() for ln in draft.lines])
    for line in draft.lines:
        line.code = links.get(line.code.strip(), line.code)


def unknown_codes(problems: list[Problem], draft: OrderDraft) -> tuple[list[str], list[Problem]]:
    """The line codes no product answers to, and the order's other problems."""
    codes: list[str] = []
    rest: list[Problem] = []
    for problem in problems:
        if problem.where.endswith(": product") and problem.message == UNKNOWN_PRODUCT and problem.found:
            codes.append(problem.found)
        else:
            rest.append(problem)
    return sorted(set(codes)), rest


def is_waiting(session: Session, channel: str, channel_order_no: str) -> bool:
    return (
        session.scalar(
            select(WaitingOrder.id).where(
                WaitingOrder.channel == channel, WaitingOrder.channel_order_no == channel_order_no
            )
        )
        is not None
    )


def put_on_wait(shop: Shop, waiting: list[tuple[OrderDraft, list[str]]], source: str) -> None:
    """Keep orders whose lines name unknown codes until those codes are linked (one transaction)."""
    if not waiting:
        return
    with shop.db.uow() as uow:
        for draft, codes in waiting:
            channel = normalize_channel(draft.channel)
            if is_waiting(uow.session, channel, draft.channel_order_no.strip()):
                continue
            uow.session.add(
                WaitingOrder(
                    channel=channel,
                    channel_order_no=draft.channel_order_no.strip(),
                    draft=draft_to_json(draft),
                    unmatched=codes,
                    source=source[:200],
                )
            )
        uow.commit()


def unmatched_skus(shop: Shop) -> list[UnmatchedSku]:
    """The unmatched queue: every channel code that keeps an order waiting, with those orders."""
    with shop.db.read() as conn:
        rows = conn.execute(
            select(
                WaitingOrder.channel, WaitingOrder.channel_order_no, WaitingOrder.draft, WaitingOrder.unmatched
            ).order_by(WaitingOrder.received_at, WaitingOrder.id)
        ).all()
    found: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"name": "", "orders": [], "quantity": 0})
    for channel, their_no, draft, codes in rows:
        for code in codes:
            entry = found[(channel, code)]
            entry["orders"].append(their_no)
            for line in draft.get("lines", []):
                if line.get("code", "").strip() == code:
                    entry["name"] = entry["name"] or line.get("name", "")
                    entry["quantity"] += int(str(line.get("quantity", 0)).strip() or 0)
    return [UnmatchedSku(channel, code, e["name"], e["orders"], e["quantity"]) for (channel, code), e in found.items()]


def link_channel_sku(shop: Shop, channel: str, channel_sku: str, product_sku: str) -> LinkResult:
    """Link a channel's code to our product for good, then turn the orders that waited for it into orders.

    Linking a code again moves the link to the new product. A waiting order that
    still names another unknown code keeps waiting; one the order check refuses
    for another reason (the product archived since...) keeps waiting too, with
    the reason left to the next attempt.
    """
    shop.require(Permission.EDIT_CATALOGUE, "link channel SKUs to products")
    channel = normalize_channel(channel)
    channel_sku = channel_sku.strip()
    if not channel or not channel_sku:
        raise ShopDeskError("Give the channel and the channel's SKU to link.")
    with shop.db.uow() as uow:
        product = uow.session.execute(
            select(Product.id, Product.sku, Product.is_parent).where(Product.sku_key == sku_key(product_sku))
        ).first()
        if product is None:
            raise NotFound(f"No product has SKU {product_sku.strip()!r}.")
        if product.is_parent:
            raise ValidationFailed(
                [Problem("product", "this is a style with variants: link the channel SKU to one variant", product.sku)],
                f"{channel_sku} from {channel} cannot be linked",
            )
        link = uow.session.scalar(
            select(ChannelSkuMap).where(ChannelSkuMap.channel == channel, ChannelSkuMap.channel_sku == channel_sku)
        )
        if link is None:
            uow.session.add(
                ChannelSkuMap(channel=channel, channel_sku=channel_sku, product_id=product.id, linked_by=shop.user)
            )
        else:
            link.product_id = product.id
        uow.commit()
    result = LinkResult(channel, channel_sku, product.sku)
    release_waiting(shop, channel, result)
    return result


def release_waiting(shop: Shop, channel: str, result: LinkResult) -> None:
    """Create the waiting orders of a channel whose codes are all linked now; each on its own, so one bad order
    does not keep the others waiting. A crash between creating and forgetting is safe: the order's channel
    number is imported once, so the next release only forgets it."""
    with shop.db.read() as conn:
        waiting = conn.execute(
            select(WaitingOrder.id, WaitingOrder.channel_order_no, WaitingOrder.draft, WaitingOrder.source)
            .where(WaitingOrder.channel == channel)
            .order_by(WaitingOrder.received_at, WaitingOrder.id)
        ).all()
    for row in waiting:
        draft = draft_from_json(row.draft)
        with shop.db.uow() as uow:
            apply_links(uow.session, draft)
        try:
            created = shop.orders.create_orders(
                [draft], confirm=True, skip_imported=True, reason=f"{row.source}; its SKUs are linked now"
            )
        except ValidationFailed as exc:
            codes, _ = unknown_codes(exc.problems, draft)
            with shop.db.uow() as uow:
                if codes:
                    waiting_row = uow.session.get(WaitingOrder, row.id)
                    if waiting_row is not None:
                        waiting_row.unmatched = codes
                uow.commit()
            result.still_waiting.append(row.channel_order_no)
            continue
        with shop.db.uow() as uow:
            uow.session.execute(delete(WaitingOrder).where(WaitingOrder.id == row.id))
            uow.commit()
        if created[0].created:
            result.created.append(created[0].number)


def draft_to_json(draft: OrderDraft) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    data = asdict(draft)
    data["lines"] = [{k: plain(v) for k, v in line.items()} for line in data["lines"]]
    return {k: plain(v) for k, v in data.items()}


def draft_from_json(data: dict[str, Any]) -> OrderDraft:
    values = dict(data)
    values["lines"] = [OrderLineDraft(**line) for line in values.get("lines", [])]
    values["ship_to"] = ShipTo(**values.get("ship_to", {}))
    if values.get("placed_at"):
        values["placed_at"] = datetime.fromisoformat(values["placed_at"])
    return OrderDraft(**values)
