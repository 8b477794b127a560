"""Users, roles and logging in (optional: a shop without users runs as its owner).

Users are switched on by adding the first owner, and off by removing every user.
PINs and passwords are kept as salted scrypt hashes. Wrong PINs slow the next try
down (1 s, 2 s, 4 s ... up to 30 s) but never lock the owner out.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.models.users import AppUser
from shopdesk.domain.errors import NotFound, ShopDeskError
from shopdesk.domain.permissions import ROLE_LABELS, Permission, Role, require
from shopdesk.services import audit

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

MIN_SECRET = 4
FREE_TRIES = 3
MAX_DELAY_S = 30
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 64}


def hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)


def retry_delay(failures: int) -> timedelta:
    """How long after the last wrong try the next one is accepted."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return timedelta(seconds=min(2 ** (failures - FREE_TRIES), MAX_DELAY_S))


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: Role
    active: bool


class Users:
    def __init__(self, shop: Shop, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.shop = shop
        self.db = shop.db
        self.clock = clock

    def enabled(self) -> bool:
        """Whether people must log in: true once the shop has an active user."""
        with self.db.read() as conn:
            return bool(conn.execute(select(func.count()).select_from(AppUser).where(AppUser.active)).scalar())

    def list(self) -> list[UserInfo]:
        with self.db.read() as conn:
            rows = conn.execute(select(AppUser.id, AppUser.name, AppUser.role, AppUser.active).order_by(AppUser.name))
            return [UserInfo(r.id, r.name, Role(r.role), r.active) for r in rows]

    def _require(self, acting_role: Role | None, action: str) -> None:
        # Without an explicit role, the person logged in to the shop (the owner in single-user mode).
        require(self.shop.user, acting_role or self.shop.role, Permission.MANAGE_SHOP, action)

    def add(self, name: str, role: Role, secret: str, *, acting_role: Role | None = None) -> int:
        """Add a person. The first one must be an owner (that switches users on)."""
        self._require(acting_role, "add users")
        name = name.strip()
        if not name:
            raise ShopDeskError("A user needs a name.")
        _check_secret(name, secret)
        with self.db.uow() as uow:
            if not self.enabled() and role is not Role.OWNER:
                raise ShopDeskError("The first user must be an owner, so the shop can never lock itself out.")
            if uow.session.scalar(select(AppUser.id).where(AppUser.name == name)):
                raise ShopDeskError(f"There is already a user called {name}.")
            salt = os.urandom(16)
            user = AppUser(name=name, role=role.value, secret_hash=hash_secret(secret, salt), salt=salt)
            uow.session.add(user)
            uow.flush()
            audit.record(
                uow.session,
                self.shop.user,
                "user",
                user.id,
                "created",
                label=name,
                changes={"role": (None, role.value)},
            )
            uow.commit()
            return user.id

    def deactivate(self, name: str, *, acting_role: Role | None = None) -> None:
        """Stop a person from logging in (their name stays in the audit trail).

        The last active owner can go only once nobody else is left: that switches users off.
        """
        self._require(acting_role, "remove users")
        with self.db.uow() as uow:
            user = _user(uow.session, name)
            others_left = uow.session.scalar(
                select(func.count()).select_from(AppUser).where(AppUser.active, AppUser.id != user.id)
            )
            if _last_owner(uow.session, user) and others_left:
                raise ShopDeskError(f"{name} is the last owner: remove the other users first, or add another owner.")
            user.active = False
            audit.record(uow.session, self.shop.user, "user", user.id, "deactivated", label=name)
            uow.commit()

    def reactivate(self, name: str, *, acting_role: Role | None = None) -> None:
        """Let a deactivated person log in again, with their old PIN and role."""
        self._require(acting_role, "reactivate users")
        with self.db.uow() as uow:
            user = _user(uow.session, name)
            if not user.active and not self.enabled() and user.role != Role.OWNER.value:
                raise ShopDeskError("The first user must be an owner, so the shop can never lock itself out.")
            user.active = True
            audit.record(uow.session, self.shop.user, "user", user.id, "reactivated", label=name)
            uow.commit()

    def change_role(self, name: str, role: Role, *, acting_role: Role | None = None) -> None:
        """Give a person another role; the last active owner stays an owner."""
        self._require(acting_role, "change roles")
        with self.db.uow() as uow:
            user = _user(uow.session, name)
            if role is not Role.OWNER and _last_owner(uow.session, user):
                raise ShopDeskError(f"{name} is the last owner: make someone else an owner first.")
            if user.role != role.value:
                audit.record(
                    uow.session,
                    self.shop.user,
                    "user",
                    user.id,
                    "role",
                    label=name,
                    changes={"role": (user.role, role.value)},
                )
                user.role = role.value
            uow.commit()

    def change_secret(self, name: str, secret: str, *, acting_role: Role | None = None) -> None:
        """A new PIN or password for a person (wrong tries so far are forgotten)."""
        self._require(acting_role, "change PINs")
        _check_secret(name, secret)
        with self.db.uow() as uow:
            user = _user(uow.session, name)
            user.salt = os.urandom(16)
            user.secret_hash = hash_secret(secret, user.salt)
            user.failed_logins = 0
            user.last_failed_at = None
            audit.record(uow.session, self.shop.user, "user", user.id, "pin changed", label=name)
            uow.commit()

    def login(self, name: str, secret: str) -> UserInfo:
        """Check a PIN or password. Refuses with a clear message; never says which part was wrong."""
        now = self.clock()
        with self.db.uow() as uow:
            user = uow.session.scalar(select(AppUser).where(AppUser.name == name.strip(), AppUser.active))
            if user is None:
                raise ShopDeskError("Unknown user or wrong PIN.")
            if user.last_failed_at is not None:
                wait = user.last_failed_at + retry_delay(user.failed_logins) - now
                if wait > timedelta(0):
                    seconds = max(1, round(wait.total_seconds()))
                    raise ShopDeskError(f"Too many wrong PINs for {user.name}: try again in {seconds} s.")
            if not hmac.compare_digest(hash_secret(secret, user.salt), user.secret_hash):
                user.failed_logins += 1
                user.last_failed_at = now
                uow.commit()
                raise ShopDeskError("Unknown user or wrong PIN.")
            user.failed_logins = 0
            user.last_failed_at = None
            uow.commit()
            return UserInfo(user.id, user.name, Role(user.role), user.active)


def _check_secret(name: str, secret: str) -> None:
    if len(secret) < MIN_SECRET:
        raise ShopDeskError(f"The PIN or password of {name} must have at least {MIN_SECRET} characters.")


def _user(session: Session, name: str) -> AppUser:
    user = session.scalar(select(AppUser).where(AppUser.name == name))
    if user is None:
        raise NotFound(f"No user called {name}.")
    return user


def _last_owner(session: Session, user: AppUser) -> bool:
    """Whether user is the only active owner left."""
    if not user.active or user.role != Role.OWNER.value:
        return False
    others = session.scalar(
        select(func.count())
        .select_from(AppUser)
        .where(AppUser.active, AppUser.role == Role.OWNER.value, AppUser.id != user.id)
    )
    return not others


def role_label(role: Role) -> str:
    return ROLE_LABELS[role]
