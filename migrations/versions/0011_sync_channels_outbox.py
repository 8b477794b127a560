"""sales channels, the sync outbox and the sync log

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sales_channel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("store_url", sa.String(300), nullable=False),
        sa.Column("cursor", sa.String(100), nullable=False),
        sa.Column("buffer", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sales_channel"),
        sa.UniqueConstraint("name", name="uq_sales_channel_name"),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["channel_id"], ["sales_channel.id"], name="fk_sync_outbox_channel_id_sales_channel"),
        sa.PrimaryKeyConstraint("id", name="pk_sync_outbox"),
    )
    op.create_index("ix_sync_outbox_channel_id", "sync_outbox", ["channel_id"])
    op.create_index("ix_sync_outbox_due", "sync_outbox", ["state", "next_attempt_at"])
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["sales_channel.id"], name="fk_sync_log_channel_id_sales_channel"),
        sa.PrimaryKeyConstraint("id", name="pk_sync_log"),
    )
    op.create_index("ix_sync_log_channel_id", "sync_log", ["channel_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_log_channel_id", table_name="sync_log")
    op.drop_table("sync_log")
    op.drop_index("ix_sync_outbox_due", table_name="sync_outbox")
    op.drop_index("ix_sync_outbox_channel_id", table_name="sync_outbox")
    op.drop_table("sync_outbox")
    op.drop_table("sales_channel")
