"""order list indexes: the search field scans a narrow index, not the orders themselves

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Everything the order list filters and sorts on, with the search text last, so a
    # search reads these (about a sixth of the table) in list order and stops at a page.
    op.create_index("ix_sales_order_list", "sales_order", ["placed_at", "id", "status", "channel", "search_text"])
    op.create_index(
        "ix_sales_order_status_list", "sales_order", ["status", "placed_at", "id", "channel", "search_text"]
    )


def downgrade() -> None:
    op.drop_index("ix_sales_order_status_list", table_name="sales_order")
    op.drop_index("ix_sales_order_list", table_name="sales_order")
