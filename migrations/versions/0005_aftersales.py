"""aftersales cases, evidence, return receipts; refunds link to cases

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "aftersales_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("case_class", sa.String(length=16), nullable=False),
        sa.Column("sub_reason", sa.String(length=100), nullable=False),
        sa.Column("demand", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("solution_type", sa.String(length=16), nullable=False),
        sa.Column("solution_amount", sa.Integer(), nullable=False),
        sa.Column("solution_note", sa.Text(), nullable=False),
        sa.Column("solution_owner", sa.String(length=64), nullable=False),
        sa.Column("solution_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_override", sa.Text(), nullable=False),
        sa.Column("result_told_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("followup_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("no_followup_reason", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("replacement_order_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "satisfaction IS NULL OR (satisfaction BETWEEN 1 AND 5)",
            name=op.f("ck_aftersales_case_satisfaction_1_to_5"),
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_aftersales_case_customer_id_customer")),
        sa.ForeignKeyConstraint(["order_id"], ["sales_order.id"], name=op.f("fk_aftersales_case_order_id_sales_order")),
        sa.ForeignKeyConstraint(
            ["replacement_order_id"],
            ["sales_order.id"],
            name=op.f("fk_aftersales_case_replacement_order_id_sales_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_case")),
        sa.UniqueConstraint("number", name=op.f("uq_aftersales_case_number")),
    )
    with op.batch_alter_table("aftersales_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aftersales_case_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_aftersales_case_order_id"), ["order_id"], unique=False)
        batch_op.create_index("ix_aftersales_case_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "aftersales_case_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_aftersales_case_line_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["aftersales_case.id"],
            name=op.f("fk_aftersales_case_line_case_id_aftersales_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["sales_order_line.id"],
            name=op.f("fk_aftersales_case_line_order_line_id_sales_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_case_line")),
    )
    with op.batch_alter_table("aftersales_case_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aftersales_case_line_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_aftersales_case_line_order_line_id"), ["order_line_id"], unique=False)

    op.create_table(
        "aftersales_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["aftersales_case.id"],
            name=op.f("fk_aftersales_evidence_case_id_aftersales_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_evidence")),
        sa.UniqueConstraint("case_id", "sha256", name=op.f("uq_aftersales_evidence_case_id_sha256")),
    )
    with op.batch_alter_table("aftersales_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aftersales_evidence_case_id"), ["case_id"], unique=False)

    op.create_table(
        "return_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("disposition", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_return_receipt_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["aftersales_case.id"], name=op.f("fk_return_receipt_case_id_aftersales_case")
        ),
        sa.ForeignKeyConstraint(["move_id"], ["stock_move.id"], name=op.f("fk_return_receipt_move_id_stock_move")),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["sales_order_line.id"], name=op.f("fk_return_receipt_order_line_id_sales_order_line")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_return_receipt_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_receipt")),
    )
    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_receipt_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_receipt_order_line_id"), ["order_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_receipt_product_id"), ["product_id"], unique=False)

    with op.batch_alter_table("order_refund", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_order_refund_case_id"), ["case_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_order_refund_case_id_aftersales_case"), "aftersales_case", ["case_id"], ["id"]
        )


def downgrade() -> None:

    with op.batch_alter_table("order_refund", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_order_refund_case_id_aftersales_case"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_order_refund_case_id"))
        batch_op.drop_column("case_id")

    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_receipt_product_id"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_case_id"))

    op.drop_table("return_receipt")
    with op.batch_alter_table("aftersales_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aftersales_evidence_case_id"))

    op.drop_table("aftersales_evidence")
    with op.batch_alter_table("aftersales_case_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aftersales_case_line_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_aftersales_case_line_case_id"))

    op.drop_table("aftersales_case_line")
    with op.batch_alter_table("aftersales_case", schema=None) as batch_op:
        batch_op.drop_index("ix_aftersales_case_status_due")
        batch_op.drop_index(batch_op.f("ix_aftersales_case_order_id"))
        batch_op.drop_index(batch_op.f("ix_aftersales_case_customer_id"))

    op.drop_table("aftersales_case")
