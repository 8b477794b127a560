from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.models.base import Base, Timestamps


class Category(Base):
    """A node of the category tree (一级/二级/三级分类)."""

    __tablename__ = "category"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    path: Mapped[str] = mapped_column(String(400), unique=True)  # "服装/上衣/T恤"
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Product(Timestamps, Base):
    """A stock-keeping unit, or the parent (style) that groups variant SKUs."""

    __tablename__ = "product"
    __table_args__ = (
        Index("ix_product_name", "name"),
        Index("ix_product_status_archived", "status", "archived"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    sku_key: Mapped[str] = mapped_column(String(64), unique=True)  # upper-cased: SKUs ignore case
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    is_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    variant_label: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(200))
    alt_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    unit: Mapped[str] = mapped_column(String(16), default="piece")
    price: Mapped[int] = mapped_column(Integer, default=0)  # minor units of the shop currency
    cost: Mapped[int] = mapped_column(Integer, default=0)  # standard/last purchase cost, minor units
    weight_g: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    barcodes: Mapped[list[Barcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Barcode.id"
    )
    category: Mapped[Category | None] = relationship()
    parent: Mapped[Product | None] = relationship(remote_side=[id])
    suppliers: Mapped[list[ProductSupplier]] = relationship(back_populates="product", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class Barcode(Base):
    __tablename__ = "barcode"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    product: Mapped[Product] = relationship(back_populates="barcodes")


class ProductSupplier(Base):
    """Who supplies a product, under which supplier SKU, at what cost and lead time."""

    __tablename__ = "product_supplier"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    supplier_sku: Mapped[str] = mapped_column(String(64), default="")
    cost: Mapped[int | None] = mapped_column(Integer)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)
    product: Mapped[Product] = relationship(back_populates="suppliers")

    __table_args__ = (Index("uq_product_supplier_pair", "product_id", "supplier_id", unique=True),)
