"""purchasing and stocktake: purchase orders with lines and receipts, stocktakes with count lines

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purchase_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["supplier.id"], name=op.f("fk_purchase_order_supplier_id_supplier")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["location.id"], name=op.f("fk_purchase_order_warehouse_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order")),
        sa.UniqueConstraint("number", name=op.f("uq_purchase_order_number")),
    )
    op.create_index("ix_purchase_order_status_supplier", "purchase_order", ["status", "supplier_id"])
    op.create_index(op.f("ix_purchase_order_supplier_id"), "purchase_order", ["supplier_id"])
    op.create_table(
        "purchase_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("supplier_sku", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_cost", sa.Integer(), nullable=False),
        sa.Column("received_qty", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_purchase_order_line_quantity_positive")),
        sa.CheckConstraint("received_qty >= 0", name=op.f("ck_purchase_order_line_received_not_negative")),
        sa.CheckConstraint("unit_cost >= 0", name=op.f("ck_purchase_order_line_unit_cost_not_negative")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["purchase_order.id"],
            name=op.f("fk_purchase_order_line_order_id_purchase_order"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_purchase_order_line_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_line")),
        sa.UniqueConstraint("order_id", "line_no", name=op.f("uq_purchase_order_line_order_id_line_no")),
    )
    op.create_index(op.f("ix_purchase_order_line_order_id"), "purchase_order_line", ["order_id"])
    op.create_index(op.f("ix_purchase_order_line_product_id"), "purchase_order_line", ["product_id"])
    op.create_table(
        "purchase_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["purchase_order.id"], name=op.f("fk_purchase_receipt_order_id_purchase_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_receipt")),
    )
    op.create_index(op.f("ix_purchase_receipt_order_id"), "purchase_receipt", ["order_id"])
    op.create_table(
        "purchase_receipt_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_cost", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_purchase_receipt_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_purchase_receipt_line_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["move_id"], ["stock_move.id"], name=op.f("fk_purchase_receipt_line_move_id_stock_move")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["purchase_order_line.id"],
            name=op.f("fk_purchase_receipt_line_order_line_id_purchase_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["purchase_receipt.id"],
            name=op.f("fk_purchase_receipt_line_receipt_id_purchase_receipt"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_receipt_line")),
    )
    op.create_index(op.f("ix_purchase_receipt_line_order_line_id"), "purchase_receipt_line", ["order_line_id"])
    op.create_index(op.f("ix_purchase_receipt_line_receipt_id"), "purchase_receipt_line", ["receipt_id"])
    op.create_table(
        "stocktake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("zone_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sa.String(length=64), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("posted_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_stocktake_category_id_category")),
        sa.ForeignKeyConstraint(["warehouse_id"], ["location.id"], name=op.f("fk_stocktake_warehouse_id_location")),
        sa.ForeignKeyConstraint(["zone_id"], ["location.id"], name=op.f("fk_stocktake_zone_id_location")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake")),
        sa.UniqueConstraint("number", name=op.f("uq_stocktake_number")),
    )
    op.create_table(
        "stocktake_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stocktake_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("expected_qty", sa.Integer(), nullable=False),
        sa.Column("counted_qty", sa.Integer(), nullable=True),
        sa.Column("book_at_count", sa.Integer(), nullable=True),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counted_by", sa.String(length=64), nullable=False),
        sa.Column("posted_qty", sa.Integer(), nullable=True),
        sa.Column("posted_value", sa.Integer(), nullable=True),
        sa.Column("move_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("counted_qty >= 0", name=op.f("ck_stocktake_line_counted_not_negative")),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], name=op.f("fk_stocktake_line_location_id_location")),
        sa.ForeignKeyConstraint(["move_id"], ["stock_move.id"], name=op.f("fk_stocktake_line_move_id_stock_move")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stocktake_line_product_id_product")),
        sa.ForeignKeyConstraint(
            ["stocktake_id"],
            ["stocktake.id"],
            name=op.f("fk_stocktake_line_stocktake_id_stocktake"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake_line")),
        sa.UniqueConstraint(
            "stocktake_id",
            "product_id",
            "location_id",
            name=op.f("uq_stocktake_line_stocktake_id_product_id_location_id"),
        ),
    )
    op.create_index(op.f("ix_stocktake_line_product_id"), "stocktake_line", ["product_id"])
    op.create_index(op.f("ix_stocktake_line_stocktake_id"), "stocktake_line", ["stocktake_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_stocktake_line_stocktake_id"), table_name="stocktake_line")
    op.drop_index(op.f("ix_stocktake_line_product_id"), table_name="stocktake_line")
    op.drop_table("stocktake_line")
    op.drop_table("stocktake")
    op.drop_index(op.f("ix_purchase_receipt_line_receipt_id"), table_name="purchase_receipt_line")
    op.drop_index(op.f("ix_purchase_receipt_line_order_line_id"), table_name="purchase_receipt_line")
    op.drop_table("purchase_receipt_line")
    op.drop_index(op.f("ix_purchase_receipt_order_id"), table_name="purchase_receipt")
    op.drop_table("purchase_receipt")
    op.drop_index(op.f("ix_purchase_order_line_product_id"), table_name="purchase_order_line")
    op.drop_index(op.f("ix_purchase_order_line_order_id"), table_name="purchase_order_line")
    op.drop_table("purchase_order_line")
    op.drop_index(op.f("ix_purchase_order_supplier_id"), table_name="purchase_order")
    op.drop_index("ix_purchase_order_status_supplier", table_name="purchase_order")
    op.drop_table("purchase_order")
