from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base

# Physical locations form a tree warehouse -> zone -> bin; the virtual ones are
# where stock comes from and goes to (Tryton-style): supplier, customer,
# adjustment (stocktake gains and losses), scrap, quarantine, transit.
PHYSICAL_KINDS = ("warehouse", "zone", "bin")
VIRTUAL_KINDS = ("supplier", "customer", "adjustment", "scrap", "quarantine", "transit")


class Location(Base):
    __tablename__ = "location"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(String(200), unique=True)  # "WH1/A/A-01-02"
    name: Mapped[str] = mapped_column(String(200), default="")
    pick_order: Mapped[int] = mapped_column(Integer, default=0)  # walking sequence of bins
    active: Mapped[bool] = mapped_column(Boolean, default=True)
