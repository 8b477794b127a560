"""search index: trigram indexes so the as-you-type search reads an index, not every row

SQLite: an FTS5 table with the trigram tokenizer over each search_text (external
content: the text stays in product / sales_order; triggers keep the index in step).
PostgreSQL: pg_trgm GIN indexes on the same columns, which serve the list's own
`search_text LIKE '%...%'`. Either index is built here for the rows already there.
Without FTS5 trigram (SQLite older than 3.34) or pg_trgm the search keeps scanning:
slower, same results, and the upgrade says so in the log.

The index names are repeated in shopdesk.db.search_index (revisions import no app code).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

log = logging.getLogger("shopdesk.migrations")

# table -> its search index (an FTS5 table on SQLite, a GIN index on PostgreSQL)
INDEXED = {"product": "product_search", "sales_order": "sales_order_search"}


def _sqlite_upgrade(bind: sa.Connection) -> None:
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.shopdesk_trigram_probe USING fts5(x, tokenize='trigram')")
            bind.exec_driver_sql("DROP TABLE temp.shopdesk_trigram_probe")
    except sa.exc.OperationalError as exc:
        log.warning("SQLite has no FTS5 trigram tokenizer (%s): the search field keeps scanning every row", exc)
        return
    for table, fts in INDEXED.items():
        # case_sensitive 1: search_text and the typed text are both casefolded in Python already,
        # so the index compares them as they are, exactly like the LIKE it replaces.
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5("
            f"search_text, content='{table}', content_rowid='id', tokenize='trigram case_sensitive 1')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END"
        )
        # Only a change of the text touches the index: stock, price and status updates stay cheap.
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, search_text ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # the rows already in the shop


def _postgresql_upgrade(bind: sa.Connection) -> None:
    try:
        with bind.begin_nested():  # a refused CREATE EXTENSION must not abort the whole upgrade
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as exc:
        log.warning("PostgreSQL extension pg_trgm is not available (%s): the search field keeps scanning", exc)
        return
    for table, index in INDEXED.items():
        op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_text gin_trgm_ops)")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_upgrade(bind)
    elif bind.dialect.name == "postgresql":
        _postgresql_upgrade(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for index in INDEXED.values():
        if bind.dialect.name == "sqlite":
            for trigger in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {index}_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {index}")
        elif bind.dialect.name == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS {index}")
