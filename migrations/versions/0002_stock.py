"""stock ledger: moves, balances, reservations, valuation, virtual locations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Also: the fixed virtual locations (supplier, customer, adjustment, scrap,
quarantine, transit), and triggers that make stock_move rows immutable on
SQLite and PostgreSQL (a wrong move is corrected by another move).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_warehouse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("default_bin_id", sa.Integer(), nullable=True),
        sa.Column("safety_stock", sa.Integer(), nullable=True),
        sa.Column("warning_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["default_bin_id"], ["location.id"], name=op.f("fk_product_warehouse_default_bin_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_warehouse_product_id_product"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["location.id"], name=op.f("fk_product_warehouse_warehouse_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_warehouse")),
        sa.UniqueConstraint("product_id", "warehouse_id", name=op.f("uq_product_warehouse_product_id_warehouse_id")),
    )
    with op.batch_alter_table("product_warehouse", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_warehouse_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "stock_balance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.CheckConstraint("reserved >= 0", name=op.f("ck_stock_balance_reserved_not_negative")),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], name=op.f("fk_stock_balance_location_id_location")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_balance_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_balance")),
        sa.UniqueConstraint("product_id", "location_id", name=op.f("uq_stock_balance_product_id_location_id")),
    )
    with op.batch_alter_table("stock_balance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_balance_location_id"), ["location_id"], unique=False)

    op.create_table(
        "stock_level",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("safety_stock", sa.Integer(), nullable=False),
        sa.Column("warning_line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_stock_level_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_stock_level")),
    )
    op.create_table(
        "stock_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("from_location_id", sa.Integer(), nullable=False),
        sa.Column("to_location_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("source_type", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("source_number", sa.String(length=64), nullable=False),
        sa.Column("origin_move_id", sa.Integer(), nullable=True),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("from_location_id <> to_location_id", name=op.f("ck_stock_move_locations_differ")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_stock_move_quantity_positive")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_stock_move_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["from_location_id"], ["location.id"], name=op.f("fk_stock_move_from_location_id_location")
        ),
        sa.ForeignKeyConstraint(
            ["origin_move_id"], ["stock_move.id"], name=op.f("fk_stock_move_origin_move_id_stock_move")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_move_product_id_product")),
        sa.ForeignKeyConstraint(
            ["to_location_id"], ["location.id"], name=op.f("fk_stock_move_to_location_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_move")),
    )
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_move_from_location_id"), ["from_location_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_move_origin_move_id"), ["origin_move_id"], unique=False)
        batch_op.create_index("ix_stock_move_product_moved_at", ["product_id", "moved_at"], unique=False)
        batch_op.create_index("ix_stock_move_source", ["source_type", "source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_move_to_location_id"), ["to_location_id"], unique=False)

    op.create_table(
        "stock_reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("source_type", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("source_number", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_stock_reservation_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_stock_reservation_location_id_location")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_reservation_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_reservation")),
        sa.UniqueConstraint(
            "product_id",
            "location_id",
            "source_type",
            "source_id",
            name=op.f("uq_stock_reservation_product_id_location_id_source_type_source_id"),
        ),
    )
    with op.batch_alter_table("stock_reservation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_reservation_location_id"), ["location_id"], unique=False)
        batch_op.create_index("ix_stock_reservation_source", ["source_type", "source_id"], unique=False)

    op.create_table(
        "stock_valuation",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("last_in_qty", sa.Integer(), nullable=False),
        sa.Column("last_in_value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_valuation_product_id_product")),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_stock_valuation")),
    )
    op.create_table(
        "stock_cost_layer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("remaining_qty", sa.Integer(), nullable=False),
        sa.Column("remaining_value", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_stock_cost_layer_quantity_positive")),
        sa.CheckConstraint("remaining_qty >= 0", name=op.f("ck_stock_cost_layer_remaining_qty_not_negative")),
        sa.CheckConstraint("remaining_value >= 0", name=op.f("ck_stock_cost_layer_remaining_value_not_negative")),
        sa.ForeignKeyConstraint(["move_id"], ["stock_move.id"], name=op.f("fk_stock_cost_layer_move_id_stock_move")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_cost_layer_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_cost_layer")),
    )
    with op.batch_alter_table("stock_cost_layer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_cost_layer_move_id"), ["move_id"], unique=False)
        batch_op.create_index("ix_stock_cost_layer_open", ["product_id", "remaining_qty"], unique=False)

    op.create_table(
        "stock_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("from_location_id", sa.Integer(), nullable=False),
        sa.Column("to_location_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("send_move_id", sa.Integer(), nullable=False),
        sa.Column("receive_move_id", sa.Integer(), nullable=True),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_location_id"], ["location.id"], name=op.f("fk_stock_transfer_from_location_id_location")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_stock_transfer_product_id_product")),
        sa.ForeignKeyConstraint(
            ["receive_move_id"], ["stock_move.id"], name=op.f("fk_stock_transfer_receive_move_id_stock_move")
        ),
        sa.ForeignKeyConstraint(
            ["send_move_id"], ["stock_move.id"], name=op.f("fk_stock_transfer_send_move_id_stock_move")
        ),
        sa.ForeignKeyConstraint(
            ["to_location_id"], ["location.id"], name=op.f("fk_stock_transfer_to_location_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_transfer")),
    )
    with op.batch_alter_table("stock_transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stock_transfer_product_id"), ["product_id"], unique=False)

    _add_virtual_locations()
    _make_moves_immutable()


# Virtual locations are where stock comes from and goes to. Their paths start with "@"
# so no warehouse code (letters, digits, . _ -) can ever clash with them.
VIRTUAL_LOCATIONS = [
    ("supplier", "Suppliers"),
    ("customer", "Customers"),
    ("adjustment", "Stocktake gains and losses"),
    ("scrap", "Scrap"),
    ("quarantine", "Quarantine"),
    ("transit", "In transit between warehouses"),
]

IMMUTABLE_MESSAGE = "stock moves are never changed or deleted: post a correcting move instead"


def _add_virtual_locations() -> None:
    location = sa.table(
        "location",
        sa.column("kind", sa.String),
        sa.column("code", sa.String),
        sa.column("path", sa.String),
        sa.column("name", sa.String),
        sa.column("pick_order", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        location,
        [
            {"kind": kind, "code": kind, "path": f"@{kind}", "name": name, "pick_order": 0, "active": True}
            for kind, name in VIRTUAL_LOCATIONS
        ],
    )


def _make_moves_immutable() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER stock_move_no_{event.lower()} BEFORE {event} ON stock_move "
                f"BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION stock_move_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{IMMUTABLE_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER stock_move_immutable BEFORE UPDATE OR DELETE ON stock_move "
            "FOR EACH ROW EXECUTE FUNCTION stock_move_immutable()"
        )


def _drop_immutability() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS stock_move_no_update")
        op.execute("DROP TRIGGER IF EXISTS stock_move_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_move_immutable ON stock_move")
        op.execute("DROP FUNCTION IF EXISTS stock_move_immutable()")


def downgrade() -> None:
    _drop_immutability()
    op.execute("DELETE FROM location WHERE path LIKE '@%'")
    with op.batch_alter_table("stock_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_transfer_product_id"))

    op.drop_table("stock_transfer")
    with op.batch_alter_table("stock_cost_layer", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_cost_layer_open")
        batch_op.drop_index(batch_op.f("ix_stock_cost_layer_move_id"))

    op.drop_table("stock_cost_layer")
    op.drop_table("stock_valuation")
    with op.batch_alter_table("stock_reservation", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_reservation_source")
        batch_op.drop_index(batch_op.f("ix_stock_reservation_location_id"))

    op.drop_table("stock_reservation")
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_move_to_location_id"))
        batch_op.drop_index("ix_stock_move_source")
        batch_op.drop_index("ix_stock_move_product_moved_at")
        batch_op.drop_index(batch_op.f("ix_stock_move_origin_move_id"))
        batch_op.drop_index(batch_op.f("ix_stock_move_from_location_id"))

    op.drop_table("stock_move")
    op.drop_table("stock_level")
    with op.batch_alter_table("stock_balance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_balance_location_id"))

    op.drop_table("stock_balance")
    with op.batch_alter_table("product_warehouse", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_warehouse_warehouse_id"))

    op.drop_table("product_warehouse")
