"""order flow: packing progress, the order list's search text, document number sequences

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_sequence",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_number_sequence")),
    )
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("qty_packed", sa.Integer(), nullable=False, server_default="0"))
    # The server defaults only fill existing rows; the models give the values from now on.
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.alter_column("search_text", server_default=None)
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.alter_column("qty_packed", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("sales_order_line", schema=None) as batch_op:
        batch_op.drop_column("qty_packed")
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_column("search_text")
    op.drop_table("number_sequence")
