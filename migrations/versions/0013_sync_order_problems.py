"""store orders the sync could not import, waiting for the shop to accept or skip them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_order_problem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("channel_order_no", sa.String(64), nullable=False),
        sa.Column("problem", sa.String(500), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["sales_channel.id"], name="fk_sync_order_problem_channel_id_sales_channel"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sync_order_problem"),
        sa.UniqueConstraint("channel_id", "channel_order_no", name="uq_sync_order_problem_channel_id_channel_order_no"),
    )
    op.create_index("ix_sync_order_problem_channel_id", "sync_order_problem", ["channel_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_order_problem_channel_id", table_name="sync_order_problem")
    op.drop_table("sync_order_problem")
