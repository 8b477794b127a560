"""channel SKU links and orders waiting for them

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_sku_map",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("channel_sku", sa.String(64), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(64), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name="fk_channel_sku_map_product_id_product"),
        sa.PrimaryKeyConstraint("id", name="pk_channel_sku_map"),
        sa.UniqueConstraint("channel", "channel_sku", name="uq_channel_sku_map_channel_channel_sku"),
    )
    op.create_index("ix_channel_sku_map_product_id", "channel_sku_map", ["product_id"])
    op.create_table(
        "channel_order_waiting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("channel_order_no", sa.String(64), nullable=False),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("unmatched", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channel_order_waiting"),
        sa.UniqueConstraint("channel", "channel_order_no", name="uq_channel_order_waiting_channel_channel_order_no"),
    )


def downgrade() -> None:
    op.drop_table("channel_order_waiting")
    op.drop_index("ix_channel_sku_map_product_id", table_name="channel_sku_map")
    op.drop_table("channel_sku_map")
