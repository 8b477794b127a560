"""Review and allocation (审单 / 配货): confirm, hold, approve, reject, allocate, split, merge, cancel.

confirm → the review rules (domain/review.py, thresholds in the shop setting
"review_rules") put the order on hold with its reasons (待审核), else it is
allocated. Allocation reserves the whole order in the first warehouse that has
all of it, bins in walking order; otherwise the shop setting "backorder_policy"
decides: "wait" keeps the order confirmed until stock arrives (goods coming onto
a shelf allocate the orders waiting for them once committed, oldest first:
`allocate_on_arrival`, services/stock_arrivals.py), "ship_available" splits off what one
warehouse has and leaves the rest waiting as a backorder. Cancelling releases
the reservation. Every state change is in the order's timeline.

Picking, packing and shipping are in services/order_fulfilment.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from shopdesk.db.database import UnitOfWork
from shopdesk.db.models.orders import SalesOrder, SalesOrderLine
from shopdesk.domain.errors import Conflict, NotFound, Problem, ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import NO_SHIPPING_CHANNELS
from shopdesk.domain.orders import IllegalTransition, OrderStatus, check_transition
from shopdesk.domain.permissions import Permission
from shopdesk.domain.review import ReviewRules
from shopdesk.services import order_records as rec
from shopdesk.services import order_review, order_split, order_stock, sync_outbox
from shopdesk.services.access import guarded
from shopdesk.services.order_fulfilment import FlowResult, OrderFulfilment
from shopdesk.services.stock_arrivals import when_stock_arrives
from shopdesk.services.stock_ledger import SourceDoc

S = OrderStatus
# A split or merge moves lines; after picking they are in a tote, so the lines stay as they are.
REARRANGEABLE = frozenset({S.CONFIRMED, S.ON_HOLD, S.ALLOCATED})


def _result(order: SalesOrder, message: str, new_orders: Sequence[str] = ()) -> FlowResult:
    reasons = tuple(r.get("message", "") for r in order.hold_reasons or [])
    return FlowResult(order.number, order.status, message, hold_reasons=reasons, new_orders=tuple(new_orders))


def _skus(order: SalesOrder) -> dict[int, str]:
    return {line.product_id: line.sku for line in order.lines if line.product_id is not None}


def confirm_in_session(session: Session, shop, order: SalesOrder, reason: str = "") -> FlowResult:  # type: ignore[no-untyped-def]
    """draft → confirmed, then reviewed: held with its reasons, or allocated (used by create_orders too)."""
    if order.status != S.DRAFT:  # allocated/on hold -> confirmed is deallocating or waiting, not confirming
        raise IllegalTransition(f"Order {order.number} is {order.status}; only a draft can be confirmed.")
    rec.change_status(session, shop.user, order, S.CONFIRMED, reason or "confirmed")
    return _review_then_allocate(session, shop.user, order)


def _review_then_allocate(session: Session, user: str, order: SalesOrder) -> FlowResult:
    conn = session.connection()
    rules = order_review.load_rules(conn)
    if order.channel in NO_SHIPPING_CHANNELS:  # nothing is posted, so the address is not reviewed
        rules = dataclasses.replace(rules, check_address=False)
    short = order_stock.whole_plan(conn, order_stock.needs_of(order)) is None
    flags = order_review.flags_for(session, order, rules, short_of_stock=short)
    if flags:
        order.hold_reasons = [{"code": f.code, "message": f.message} for f in flags]
        rec.change_status(session, user, order, S.ON_HOLD, "held for review: " + "; ".join(f.message for f in flags))
        return _result(order, "on hold for review")
    return _allocate(session, user, order, "allocated on confirmation")


def _allocate(session: Session, user: str, order: SalesOrder, reason: str, *, may_split: bool = True) -> FlowResult:
    """Reserve the whole order, or follow the backorder policy; the order ends allocated or confirmed (waiting)."""
    conn = session.connection()
    needs = order_stock.needs_of(order)
    plan = order_stock.reserve(session, user, order, needs, whole=True)
    if plan is not None:
        order.warehouse_id = plan.warehouse_id
        rec.change_status(session, user, order, S.ALLOCATED, f"{reason}, from {plan.warehouse_path}")
        return _result(order, f"allocated from {plan.warehouse_path}")
    shortage = order_stock.shortage_text(conn, needs, _skus(order)) or "no warehouse has the stock"
    if may_split and order_review.load_policy(conn) == "ship_available":
        partial = order_stock.best_partial_plan(conn, needs)
        if partial is not None:
            backorder = _split_backorder(session, user, order, partial.covered, shortage)
            plan = order_stock.reserve(session, user, order, order_stock.needs_of(order), whole=True)
            if plan is None:  # someone took the stock between the look and the reservation
                raise Conflict(f"Stock for order {order.number} changed while it was being allocated; try again.")
            order.warehouse_id = plan.warehouse_id
            rec.change_status(
                session,
                user,
                order,
                S.ALLOCATED,
                f"{reason}, what is there from {plan.warehouse_path}; the rest waits as {backorder.number}",
            )
            return _result(order, f"allocated what is there; backorder {backorder.number} waits", [backorder.number])
    if order.status == S.ON_HOLD:
        rec.change_status(session, user, order, S.CONFIRMED, f"{reason}; waiting for stock: {shortage}")
    else:
        rec.note(session, user, order, "waiting", f"waiting for stock: {shortage}")
    return _result(order, f"waiting for stock: {shortage}")


def _split_backorder(
    session: Session, user: str, order: SalesOrder, covered: Mapping[int, int], shortage: str
) -> SalesOrder:
    """Move what the warehouse cannot ship now into a backorder (confirmed, waiting for stock)."""
    left = dict(covered)
    moving: dict[int, int] = {}
    for line in order.lines:
        if line.product_id is None:
            continue
        keep = min(line.quantity, left.get(line.product_id, 0))
        left[line.product_id] = left.get(line.product_id, 0) - keep
        if line.quantity - keep:
            moving[line.line_no] = line.quantity - keep
    return order_split.split_off(session, user, order, moving, S.CONFIRMED, f"backorder: {shortage}")


class OrderFlow(OrderFulfilment):
    """Every state change of an order (the fulfilment steps come from OrderFulfilment)."""

    # Settings ----------------------------------------------------------------------
    def review_rules(self) -> ReviewRules:
        """The shop's review thresholds (defaults where none were saved)."""
        with self.db.read() as conn:
            return order_review.load_rules(conn)

    @guarded(Permission.MANAGE_SHOP, "change the review rules")
    def set_review_rules(self, rules: ReviewRules) -> None:
        """Save the review thresholds; they apply to orders confirmed from now on."""
        order_review.check_rules(rules)
        self.shop.set_setting(order_review.SETTING, order_review.rules_to_setting(rules))

    def backorder_policy(self) -> str:
        """'wait' (keep the order until all of it is there) or 'ship_available' (split off what is there)."""
        with self.db.read() as conn:
            return order_review.load_policy(conn)

    @guarded(Permission.MANAGE_SHOP, "change the backorder policy")
    def set_backorder_policy(self, policy: str) -> None:
        if policy not in order_review.POLICIES:
            raise ValidationFailed(
                [Problem("backorder_policy", f"must be one of {', '.join(order_review.POLICIES)}", policy)],
                "Setting not saved",
            )
        self.shop.set_setting(order_review.POLICY_SETTING, policy)

    # Review ------------------------------------------------------------------------
    @guarded(Permission.WORK_ORDERS, "confirm orders")
    def confirm(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """Confirm a draft: the review rules hold it (待审核) with their reasons, or it is allocated at once."""
        return self._change(ref, lambda session, order: confirm_in_session(session, self.shop, order, reason))

    @guarded(Permission.WORK_ORDERS, "approve orders")
    def approve(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """A reviewer lets a held order go on: it is allocated (or waits for stock)."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if order.status != S.ON_HOLD:
                raise ShopDeskError(
                    f"Order {order.number} is {order.status}, not on hold for review: nothing to approve."
                )
            return _allocate(session, self.user, order, "approved" + (f": {reason}" if reason else ""))

        return self._change(ref, step)

    @guarded(Permission.WORK_ORDERS, "reject orders")
    def reject(self, ref: rec.OrderRef, reason: str) -> FlowResult:
        """A reviewer refuses a held order: it is cancelled, with the reason in its timeline."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if order.status != S.ON_HOLD:
                raise ShopDeskError(
                    f"Order {order.number} is {order.status}, not on hold for review: nothing to reject."
                )
            return self._cancel(session, order, f"rejected in review: {reason.strip()}")

        _require_reason(reason, "reject an order")
        return self._change(ref, step)

    @guarded(Permission.WORK_ORDERS, "hold orders")
    def hold(self, ref: rec.OrderRef, reason: str) -> FlowResult:
        """Put an order on hold by hand (a phone call, a doubt); an allocation is released."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            check_transition(order.number, S(order.status), S.ON_HOLD)
            order_stock.release_all(session, self.user, order)
            order.warehouse_id = None
            order.hold_reasons = [{"code": "manual", "message": reason.strip()}]
            rec.change_status(session, self.user, order, S.ON_HOLD, reason.strip())
            return _result(order, "on hold")

        _require_reason(reason, "hold an order")
        return self._change(ref, step)

    # Allocation --------------------------------------------------------------------
    @guarded(Permission.WORK_ORDERS, "allocate orders")
    def allocate(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """Reserve stock for a confirmed order (see the module notes for what happens when it is short)."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if order.status == S.ON_HOLD:
                raise ShopDeskError(f"Order {order.number} is on hold for review: approve it to allocate it.")
            if order.status != S.CONFIRMED:  # picked -> allocated is putting goods back, not a new reservation
                raise IllegalTransition(
                    f"Order {order.number} is {order.status}; only a confirmed order can be allocated."
                )
            return _allocate(session, self.user, order, reason or "allocated")

        return self._change(ref, step)

    @guarded(Permission.WORK_ORDERS, "allocate orders")
    def allocate_waiting(self, limit: int | None = None) -> list[FlowResult]:
        """Allocate the confirmed orders waiting for stock, oldest first; returns the ones now allocated.

        Stock arriving on a shelf does this by itself for the orders waiting for it
        (`allocate_on_arrival`); this is for everything at once, or from a timer. Only
        whole orders are allocated here: a backorder waits until all of it is there.
        """
        return allocate_waiting_orders(self.db.engine, self.user, limit=limit)

    @guarded(Permission.WORK_ORDERS, "deallocate orders")
    def deallocate(self, ref: rec.OrderRef, reason: str = "") -> FlowResult:
        """Give an allocated order's stock back; it waits, confirmed (to edit it, or to let another order go first)."""

        def step(session: Session, order: SalesOrder) -> FlowResult:
            if order.status != S.ALLOCATED:  # draft -> confirmed is confirming, not deallocating
                raise IllegalTransition(
                    f"Order {order.number} is {order.status}; only an allocated order can be deallocated."
                )
            released = order_stock.release_all(session, self.user, order)
            order.warehouse_id = None
            rec.change_status(session, self.user, order, S.CONFIRMED, reason or f"deallocated ({released} unit(s))")
            return _result(order, f"released {released} unit(s)")

        return self._change(ref, step)

    @guarded(Permission.WORK_ORDERS, "cancel orders")
    def cancel(self, ref: rec.OrderRef, reason: str) -> FlowResult:
        """Cancel an order before it ships; its reservation is released. The reason goes in the timeline."""
        _require_reason(reason, "cancel an order")
        return self._change(ref, lambda session, order: self._cancel(session, order, reason.strip()))

    def _cancel(self, session: Session, order: SalesOrder, reason: str) -> FlowResult:
        check_transition(order.number, S(order.status), S.CANCELLED)
        released = order_stock.release_all(session, self.user, order)
        order.warehouse_id = None
        rec.change_status(session, self.user, order, S.CANCELLED, reason)
        sync_outbox.queue_rest_cancelled(session, order)  # its parcels that left may now complete the store order
        return _result(order, f"cancelled; released {released} unit(s)" if released else "cancelled")

    # Split and merge ---------------------------------------------------------------
    @guarded(Permission.WORK_ORDERS, "split orders")
    def split(self, ref: rec.OrderRef, quantities: Mapping[int, int], reason: str = "") -> FlowResult:
        """Move quantities (line no -> units) into a new order, e.g. to ship part now.

        Allowed before picking. The new order takes the state of the original: a
        held order's part stays held; an allocated order's part is allocated too if
        the stock is there, else it waits.
        """

        def step(session: Session, order: SalesOrder) -> FlowResult:
            status = S(order.status)
            if status not in REARRANGEABLE:
                raise ShopDeskError(
                    f"Order {order.number} is {status.value}; only confirmed, on-hold and allocated orders can be split."
                )
            allocated = status is S.ALLOCATED
            if allocated:
                order_stock.release_all(session, self.user, order)
            new = order_split.split_off(
                session, self.user, order, quantities, S.ON_HOLD if status is S.ON_HOLD else S.CONFIRMED, reason
            )
            if allocated:
                plan = order_stock.reserve(session, self.user, order, order_stock.needs_of(order), whole=True)
                if plan is None:
                    raise Conflict(f"Stock for order {order.number} changed during the split; try again.")
                order.warehouse_id = plan.warehouse_id
                _allocate(session, self.user, new, f"split from {order.number}", may_split=False)
            return _result(order, f"split: {new.number} is {new.status}", [new.number])

        return self._change(ref, step)

    @guarded(Permission.WORK_ORDERS, "merge orders")
    def merge(self, refs: Sequence[rec.OrderRef], reason: str = "") -> FlowResult:
        """Merge orders to the same buyer and address into the oldest one; the others are cancelled, pointing at it.

        Only confirmed or allocated orders merge (held ones are reviewed first). If any
        was allocated, the merged order must be allocatable from one warehouse, or
        nothing changes.
        """
        if len(refs) < 2:
            raise ValidationFailed([Problem("orders", "choose two or more orders to merge")], "Nothing was merged")
        with self.db.uow() as uow:
            session = uow.session
            ids = sorted({rec.find_order_id(session, r) for r in refs})
            orders = [rec.load_order(session, i) for i in ids]  # locked in id order: two merges never deadlock
            problems = []
            for order in orders:
                if order.status not in (S.CONFIRMED, S.ALLOCATED):
                    problems.append(
                        Problem(order.number, f"is {order.status}; only confirmed or allocated orders can be merged")
                    )
            keys = {order_split.same_parcel_key(o) for o in orders}
            if len(keys) > 1:
                problems.append(Problem("orders", "the orders go to different buyers, addresses or currencies"))
            if problems:
                raise ValidationFailed(problems, "Nothing was merged")
            orders.sort(key=lambda o: (o.placed_at, o.id))
            target, others = orders[0], orders[1:]
            any_allocated = any(o.status == S.ALLOCATED for o in orders)
            for order in orders:
                order_stock.release_all(session, self.user, order)
                order.warehouse_id = None
            order_split.merge_into(session, self.user, target, others, reason)
            if any_allocated:
                plan = order_stock.reserve(session, self.user, target, order_stock.needs_of(target), whole=True)
                if plan is None:
                    raise Conflict(
                        "The merged order could not be shipped from one warehouse; nothing was merged. "
                        + order_stock.shortage_text(session.connection(), order_stock.needs_of(target), _skus(target))
                    )
                target.warehouse_id = plan.warehouse_id
                if target.status == S.CONFIRMED:
                    rec.change_status(session, self.user, target, S.ALLOCATED, f"merged, from {plan.warehouse_path}")
            result = _result(
                target, f"merged {', '.join(o.number for o in others)} into {target.number}", [o.number for o in others]
            )
            uow.commit()
            return result

    # Reading for the invariant checks and the UI -----------------------------------
    def reserved_units(self, ref: rec.OrderRef) -> int:
        """Units held in stock for the order right now."""
        with self.db.read() as conn:
            column = SalesOrder.id if isinstance(ref, int) else SalesOrder.number
            order_id = conn.execute(select(SalesOrder.id).where(column == rec.normalize_ref(ref))).scalar()
            if order_id is None:
                raise NotFound(f"No order {ref}")
            doc = SourceDoc(rec.SOURCE_TYPE, order_id)
            return sum(q for _, _, q in order_stock.reservations(conn, doc))


def allocate_waiting_orders(
    engine: Engine, user: str, *, products: Collection[int] | None = None, limit: int | None = None
) -> list[FlowResult]:
    """Allocate confirmed orders waiting for stock, oldest first, each in its own transaction.

    With `products`, only the orders with a line of one of them are tried. Returns the
    orders now allocated; the others keep waiting.
    """
    query = select(SalesOrder.id).where(SalesOrder.status == S.CONFIRMED.value)
    if products is not None:
        wanted = select(SalesOrderLine.order_id).where(SalesOrderLine.product_id.in_(sorted(products)))
        query = query.where(SalesOrder.id.in_(wanted))
    query = query.order_by(SalesOrder.placed_at, SalesOrder.id)
    with engine.execution_options(shopdesk_readonly=True).connect() as conn, conn.begin():
        waiting = list(conn.execute(query if limit is None else query.limit(limit)).scalars())
    done = []
    for order_id in waiting:
        with UnitOfWork(engine) as uow:
            order = rec.load_order(uow.session, order_id)
            if order.status != S.CONFIRMED:
                continue
            plan = order_stock.reserve(uow.session, user, order, order_stock.needs_of(order), whole=True)
            if plan is None:
                continue
            order.warehouse_id = plan.warehouse_id
            rec.change_status(
                uow.session, user, order, S.ALLOCATED, f"stock arrived; allocated from {plan.warehouse_path}"
            )
            uow.commit()
            done.append(_result(order, f"allocated from {plan.warehouse_path}"))
    return done


@when_stock_arrives
def allocate_on_arrival(engine: Engine, user: str, products: frozenset[int]) -> None:
    """Goods came onto a shelf (committed): the orders waiting for those products get them, oldest first.

    It is the shop's rule, like the review on confirming, so it runs whoever received the goods.
    """
    allocate_waiting_orders(engine, user, products=products)


def _require_reason(reason: str, what: str) -> None:
    if not reason or not reason.strip():
        raise ValidationFailed(
            [Problem("reason", f"say why, to {what} (it goes in the order's timeline)")], "Nothing changed"
        )
