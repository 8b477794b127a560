"""Roles and what each may do.

Single-user mode (the default) acts as the owner. When a shop switches users on,
each person logs in with a PIN or password and acts in one role.
"""

from __future__ import annotations

import enum

from shopdesk.domain.errors import ShopDeskError


class Role(enum.StrEnum):
    OWNER = "owner"
    WAREHOUSE = "warehouse"
    ACCOUNTANT = "accountant"
    CUSTOMER_SERVICE = "customer_service"


class Permission(enum.StrEnum):
    VIEW_COSTS = "view_costs"  # purchase costs, cost of goods, margins, stock value
    VIEW_PERSONAL_DATA = "view_personal_data"  # unmasked phones and addresses
    EDIT_CATALOGUE = "edit_catalogue"  # products, prices, costs, imports
    MOVE_STOCK = "move_stock"  # receive, transfer, adjust, scrap, stocktakes
    PURCHASE = "purchase"  # purchase orders
    WORK_ORDERS = "work_orders"  # enter, review, allocate, cancel orders
    FULFIL = "fulfil"  # pick, pack, ship, print labels
    WORK_CASES = "work_cases"  # after-sales cases, refunds
    EXPORT = "export"  # reports and exports
    MANAGE_SHOP = "manage_shop"  # users, settings, channels, restore, erase customer data


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.WAREHOUSE: frozenset({P.MOVE_STOCK, P.FULFIL, P.VIEW_PERSONAL_DATA}),
    # The accountant reads everything and exports, but changes nothing.
    Role.ACCOUNTANT: frozenset({P.VIEW_COSTS, P.EXPORT}),
    Role.CUSTOMER_SERVICE: frozenset({P.WORK_ORDERS, P.WORK_CASES, P.VIEW_PERSONAL_DATA}),
}

ROLE_LABELS = {
    Role.OWNER: "owner",
    Role.WAREHOUSE: "warehouse staff",
    Role.ACCOUNTANT: "accountant",
    Role.CUSTOMER_SERVICE: "customer service",
}


class PermissionDenied(ShopDeskError):
    pass


def allowed(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def require(user: str, role: Role, permission: Permission, action: str) -> None:
    """Refuse an action with a message that says which roles may do it."""
    if allowed(role, permission):
        return
    roles = [ROLE_LABELS[r] for r in Role if allowed(r, permission)]
    raise PermissionDenied(f"{user} ({ROLE_LABELS[role]}) may not {action}: that needs the role {' or '.join(roles)}.")
