"""Who may call a use case: the permission each guarded service method needs.

A shop without users runs as its owner, so nothing is refused there. With users
switched on, the logged-in person's role decides (domain/permissions.py), and a
refusal says which role the action needs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from shopdesk.domain.permissions import Permission

F = TypeVar("F", bound=Callable[..., Any])


class _HasShop(Protocol):
    shop: Any


def guarded(permission: Permission, action: str) -> Callable[[F], F]:
    """Decorate a service method: refuse it, before any work, unless the shop's role has the permission."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def inner(self: _HasShop, *args: Any, **kwargs: Any) -> Any:
            self.shop.require(permission, action)
            return method(self, *args, **kwargs)

        inner.__permission__ = permission  # type: ignore[attr-defined]
        return inner  # type: ignore[return-value]

    return wrap
