"""Every guarded use case × every role: refused before any work unless the role may do it."""

from __future__ import annotations

import inspect

import pytest

from shopdesk.domain.permissions import Permission, PermissionDenied, Role, allowed
from shopdesk.services import (
    aftersales,
    aftersales_entry,
    aftersales_refunds,
    aftersales_returns,
    catalogue,
    inventory,
    order_flow,
    order_fulfilment,
    orders,
    privacy,
)
from shopdesk.services.shop import Shop

SERVICE_CLASSES = [
    catalogue.Catalogue,
    inventory.Inventory,
    orders.Orders,
    order_flow.OrderFlow,
    order_fulfilment.OrderFulfilment,
    aftersales.Aftersales,
    aftersales_entry.CaseEntry,
    aftersales_returns.CaseReturns,
    aftersales_refunds.CaseRefunds,
    privacy.Privacy,
]


def guarded_methods() -> list[tuple[str, str, Permission]]:
    found = {}
    for cls in SERVICE_CLASSES:
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            permission = getattr(member, "__permission__", None)
            if permission is not None:
                found[(cls.__name__, name)] = permission
    return sorted((c, m, p) for (c, m), p in found.items())


GUARDED = guarded_methods()


def test_every_changing_use_case_is_guarded() -> None:
    names = {m for _, m, _ in GUARDED}
    for expected in (
        "create_product",
        "receive",
        "adjust",
        "create_order",
        "approve",
        "ship",
        "create_case",
        "refund",
        "erase_customer",
    ):
        assert expected in names


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("cls_name", "method", "permission"), GUARDED)
def test_permission_matrix_of_the_services(
    sqlite_shop: Shop, role: Role, cls_name: str, method: str, permission: Permission
) -> None:
    cls = next(c for c in SERVICE_CLASSES if c.__name__ == cls_name)
    service = cls(sqlite_shop)
    sqlite_shop.log_in("someone", role)
    call = getattr(service, method)
    if allowed(role, permission):
        try:
            call()
        except Exception as exc:  # without arguments the body fails, but only after the check let it in
            assert not isinstance(exc, PermissionDenied), f"{role} was refused {cls_name}.{method}"
    else:
        with pytest.raises(PermissionDenied, match="that needs the role"):
            call()


def test_a_refusal_says_what_role_is_needed_and_changes_nothing(sqlite_shop: Shop) -> None:
    from tests.factories import product

    sqlite_shop.log_in("小李", Role.WAREHOUSE)
    with pytest.raises(
        PermissionDenied, match=r"小李 \(warehouse staff\) may not add products: that needs the role owner"
    ):
        sqlite_shop.catalogue.create_product(product("NOPE"))
    with pytest.raises(PermissionDenied, match="change shop settings"):
        sqlite_shop.set_setting("currency", "EUR")
    sqlite_shop.log_in("王", Role.OWNER)
    assert sqlite_shop.catalogue.count_products() == 0
    assert sqlite_shop.setting("currency") == "CNY"
