"""The shop: one database and the services over it (the CLI and the UI both start here)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import select

from shopdesk.db import migrate
from shopdesk.db.database import Database
from shopdesk.db.models import ShopSetting
from shopdesk.db.models.settings import write_settings
from shopdesk.domain.errors import NewerDatabase, ShopDeskError
from shopdesk.domain.money import currency_exponent
from shopdesk.domain.permissions import Permission, Role, allowed, require
from shopdesk.services.aftersales import Aftersales
from shopdesk.services.aftersales_records import AFTERSALES_DEFAULTS
from shopdesk.services.catalogue import Catalogue
from shopdesk.services.inventory import Inventory, check_valuation_change
from shopdesk.services.locations import Locations
from shopdesk.services.order_flow import OrderFlow
from shopdesk.services.orders import Orders
from shopdesk.services.parties import Parties
from shopdesk.services.purchasing import Purchasing
from shopdesk.services.reorder import Reordering
from shopdesk.services.scanning import Scanning
from shopdesk.services.stocktake import Stocktakes

SHOP_DEFAULTS: dict[str, Any] = {
    "name": "My Shop",
    "currency": "CNY",
    "valuation": "average",  # or "fifo"; chosen before the first stock move
    "allow_negative_stock": False,
    "sender_address": "",
    "sender_phone": "",  # printed with the sender on shipping labels and packing slips
    "default_carrier": "",  # on labels of orders that have no carrier yet (services/fulfilment_documents.py)
    "label_mask_phones": False,  # print the recipient's phone as 138****5678 on labels (隐私面单)
    "review_rules": {},  # order review thresholds over domain.review.ReviewRules' defaults (services/order_review.py)
    "backorder_policy": "wait",  # or "ship_available": split off what is there and ship it
    "reorder_window_days": 30,  # average daily sales for reorder points are taken over this many days
    "customer_segments": {},  # RFM segment rules over reports.analytics.SegmentRules' defaults (services/reports.py)
    "report_mask_customers": False,  # month-end workbooks show buyers masked (张**)
    "sync_interval_minutes": 10,  # scheduled store sync while the app is open; 0 = off (services/sync_runs.py)
    **AFTERSALES_DEFAULTS,  # return windows, case deadlines, sub-reasons, evidence size, high-return alert
}


@dataclass(frozen=True)
class Money:
    """How money is shown and parsed in this shop: its currency and decimals."""

    currency: str
    exponent: int


class Shop:
    def __init__(self, db: Database, user: str | None = None, role: Role = Role.OWNER):
        self.db = db
        self.user = user or _login_name()
        # A shop without users runs as its owner; a logged-in person acts in their role.
        self.role = role

    def require(self, permission: Permission, action: str) -> None:
        """Refuse an action the current role may not do, saying which role it needs."""
        require(self.user, self.role, permission, action)

    def can(self, permission: Permission) -> bool:
        return allowed(self.role, permission)

    def log_in(self, user: str, role: Role) -> None:
        self.user = user
        self.role = role

    @classmethod
    def open(
        cls, target: str, *, upgrade: bool = True, user: str | None = None
    ) -> tuple[Shop, migrate.UpgradeResult | None]:
        """Open (and create or migrate) the database at a path or URL."""
        db = Database(target)
        result = migrate.upgrade(db) if upgrade else None
        return cls(db, user), result

    def close(self) -> None:
        self.db.dispose()

    # Shop-wide settings ------------------------------------------------------------
    def setting(self, key: str) -> Any:
        with self.db.read() as conn:
            value = conn.execute(select(ShopSetting.value).where(ShopSetting.key == key)).scalar()
        return SHOP_DEFAULTS.get(key) if value is None else value

    def set_setting(self, key: str, value: Any) -> None:
        self.require(Permission.MANAGE_SHOP, "change shop settings")
        if key not in SHOP_DEFAULTS:
            raise ShopDeskError(f"Unknown shop setting {key!r}")
        with self.db.uow() as uow:
            if key == "valuation":
                check_valuation_change(uow.session.connection(), value)
            write_settings(uow.session, {key: value}, user=self.user, defaults=SHOP_DEFAULTS)
            uow.commit()
        self.__dict__.pop("money", None)

    @cached_property
    def money(self) -> Money:
        currency = str(self.setting("currency"))
        return Money(currency, currency_exponent(currency))

    # Services ----------------------------------------------------------------------
    @cached_property
    def catalogue(self) -> Catalogue:
        return Catalogue(self)

    @cached_property
    def parties(self) -> Parties:
        return Parties(self)

    @cached_property
    def inventory(self) -> Inventory:
        return Inventory(self)

    @cached_property
    def locations(self) -> Locations:
        return Locations(self)

    @cached_property
    def orders(self) -> Orders:
        return Orders(self)

    @cached_property
    def order_flow(self) -> OrderFlow:
        return OrderFlow(self)

    @cached_property
    def purchasing(self) -> Purchasing:
        return Purchasing(self)

    @cached_property
    def stocktakes(self) -> Stocktakes:
        return Stocktakes(self)

    @cached_property
    def reordering(self) -> Reordering:
        return Reordering(self)

    @cached_property
    def scanning(self) -> Scanning:
        return Scanning(self)

    @cached_property
    def aftersales(self) -> Aftersales:
        return Aftersales(self)


def probe(target: str) -> str | None:
    """Connect to a database and change nothing: its schema revision, None when it holds no shop yet.

    Raises ShopDeskError naming the server when it cannot be reached, NewerDatabase
    when a newer ShopDesk wrote it (the welcome dialog's "Test connection").
    """
    db = Database(target)
    try:
        current = migrate.current_revision(db)
        if current is not None and current not in migrate.known_revisions():
            raise NewerDatabase(
                f"{db.describe()} was written by a newer version of ShopDesk (schema {current}). "
                "Install the newer ShopDesk to open it; nothing was changed."
            )
        return current
    finally:
        db.dispose()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "user"
