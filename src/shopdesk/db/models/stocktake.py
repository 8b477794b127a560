"""Stocktakes (库存盘点) and their count lines, kept after posting for later review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base


class Stocktake(Base):
    """One count of the shop or part of it: a warehouse, a zone, a category (or a mix)."""

    __tablename__ = "stocktake"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # ST-000001
    status: Mapped[str] = mapped_column(String(16), default="counting")  # domain.stocktake.StocktakeStatus
    # The scope; all None: every physical location of the shop.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    blind: Mapped[bool] = mapped_column(Boolean, default=False)  # counters do not see the expected quantity
    note: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column()
    started_by: Mapped[str] = mapped_column(String(64), default="")
    posted_at: Mapped[datetime | None] = mapped_column()
    posted_by: Mapped[str] = mapped_column(String(64), default="")


class StocktakeLine(Base):
    """One product at one location: frozen expected, the count, and what was posted."""

    __tablename__ = "stocktake_line"
    __table_args__ = (
        UniqueConstraint("stocktake_id", "product_id", "location_id"),
        CheckConstraint("counted_qty >= 0", name="counted_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktake.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    expected_qty: Mapped[int] = mapped_column(Integer)  # book on hand when the stocktake started (frozen)
    counted_qty: Mapped[int | None] = mapped_column(Integer)
    # Book on hand when the count was last entered: expected + the moves there since the freeze.
    book_at_count: Mapped[int | None] = mapped_column(Integer)
    counted_at: Mapped[datetime | None] = mapped_column()
    counted_by: Mapped[str] = mapped_column(String(64), default="")
    # After posting: the difference written, its value (minor units) and the adjustment move.
    posted_qty: Mapped[int | None] = mapped_column(Integer)
    posted_value: Mapped[int | None] = mapped_column(Integer)
    move_id: Mapped[int | None] = mapped_column(ForeignKey("stock_move.id"))
