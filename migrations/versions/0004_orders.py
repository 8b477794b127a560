"""sales orders, lines and refunds

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sales_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("channel_order_no", sa.String(length=64), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("hold_reasons", sa.JSON(), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("goods_total", sa.Integer(), nullable=False),
        sa.Column("discount_total", sa.Integer(), nullable=False),
        sa.Column("tax_total", sa.Integer(), nullable=False),
        sa.Column("shipping_fee", sa.Integer(), nullable=False),
        sa.Column("platform_fee", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("payment_status", sa.String(length=20), nullable=False),
        sa.Column("paid_amount", sa.Integer(), nullable=False),
        sa.Column("payment_method", sa.String(length=32), nullable=False),
        sa.Column("buyer_remark", sa.Text(), nullable=False),
        sa.Column("internal_note", sa.Text(), nullable=False),
        sa.Column("ship_name", sa.String(length=200), nullable=False),
        sa.Column("ship_phone", sa.String(length=40), nullable=False),
        sa.Column("ship_country", sa.String(length=2), nullable=False),
        sa.Column("ship_province", sa.String(length=100), nullable=False),
        sa.Column("ship_city", sa.String(length=100), nullable=False),
        sa.Column("ship_district", sa.String(length=100), nullable=False),
        sa.Column("ship_street", sa.Text(), nullable=False),
        sa.Column("ship_postcode", sa.String(length=20), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("carrier", sa.String(length=64), nullable=False),
        sa.Column("carrier_service", sa.String(length=64), nullable=False),
        sa.Column("tracking_no", sa.String(length=64), nullable=True),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("split_from_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_sales_order_customer_id_customer")),
        sa.ForeignKeyConstraint(["warehouse_id"], ["location.id"], name=op.f("fk_sales_order_warehouse_id_location")),
        sa.ForeignKeyConstraint(
            ["split_from_id"], ["sales_order.id"], name=op.f("fk_sales_order_split_from_id_sales_order")
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["sales_order.id"], name=op.f("fk_sales_order_merged_into_id_sales_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
        sa.UniqueConstraint("number", name=op.f("uq_sales_order_number")),
        sa.UniqueConstraint("tracking_no", name=op.f("uq_sales_order_tracking_no")),
        sa.UniqueConstraint("channel", "channel_order_no", name=op.f("uq_sales_order_channel_channel_order_no")),
    )
    op.create_index("ix_sales_order_customer_id", "sales_order", ["customer_id"])
    op.create_index("ix_sales_order_status_placed", "sales_order", ["status", "placed_at"])
    op.create_index("ix_sales_order_placed_at", "sales_order", ["placed_at"])
    op.create_index("ix_sales_order_phone", "sales_order", ["ship_phone"])

    op.create_table(
        "sales_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("discount", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.Column("net", sa.Integer(), nullable=False),
        sa.Column("cost_of_goods", sa.Integer(), nullable=False),
        sa.Column("qty_shipped", sa.Integer(), nullable=False),
        sa.Column("qty_returned", sa.Integer(), nullable=False),
        sa.Column("channel_line_id", sa.String(length=64), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_sales_order_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_order.id"], name=op.f("fk_sales_order_line_order_id_sales_order"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_sales_order_line_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_line")),
        sa.UniqueConstraint("order_id", "line_no", name=op.f("uq_sales_order_line_order_id_line_no")),
    )
    op.create_index("ix_sales_order_line_product", "sales_order_line", ["product_id"])

    op.create_table(
        "order_refund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("channel_refund_id", sa.String(length=64), nullable=True),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_order_refund_amount_positive")),
        sa.ForeignKeyConstraint(["order_id"], ["sales_order.id"], name=op.f("fk_order_refund_order_id_sales_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_refund")),
    )
    op.create_index("ix_order_refund_order_id", "order_refund", ["order_id"])


def downgrade() -> None:
    op.drop_table("order_refund")
    op.drop_table("sales_order_line")
    op.drop_table("sales_order")
