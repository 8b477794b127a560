"""The search field's "contains" condition, answered by a trigram index where there is one.

Every list's search is a substring match of the typed text (casefolded, spaces
removed) in a row's casefolded search_text. A plain `LIKE '%text%'` reads every
row, about 100 ms a keystroke over 100,000 products. Migration 0012 adds trigram
indexes: on SQLite an FTS5 table per searched table (kept in step by triggers),
on PostgreSQL a pg_trgm GIN index that the LIKE itself uses. A trigram index
needs at least three characters; shorter texts, and databases without the index
(SQLite without FTS5 trigram, PostgreSQL without pg_trgm), keep the LIKE. The
rows found are the same either way (tests/db/test_search_index.py).
"""

from __future__ import annotations

import weakref
from typing import cast

from sqlalchemy import ColumnElement, Engine, Table, bindparam, column, select, table, text
from sqlalchemy.orm import InstrumentedAttribute

# table -> its FTS5 table on SQLite (the same names as migrations/versions/0012_search_index.py)
FTS_TABLES = {"product": "product_search", "sales_order": "sales_order_search"}
# The FTS5 tables and the shadow tables FTS5 keeps beside each: not in the models.
FTS_SCHEMA_TABLES = frozenset(
    f"{fts}{suffix}" for fts in FTS_TABLES.values() for suffix in ("", "_data", "_idx", "_docsize", "_config")
)
# The pg_trgm indexes on PostgreSQL: not in the models either (absent where pg_trgm is).
TRIGRAM_INDEXES = frozenset(FTS_TABLES.values())
SHORTEST_INDEXED = 3  # a trigram index finds texts of three characters or more

# Past this many rows, looking each one up costs more than the list's own scan (measured
# with benchmarks/bench_products_tab.py and bench_orders.py): products are wide rows, so
# their scan is dear; orders are scanned in a narrow index (migration 0009), so it is cheap.
# Which way a text goes changes only the speed, never the rows found: the choice is remembered.
BROADEST = {"product": 25_000, "sales_order": 8_000}

_found: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()
_narrow: weakref.WeakKeyDictionary[Engine, dict[str, bool]] = weakref.WeakKeyDictionary()


def like_pattern(needle: str) -> str:
    """`%needle%` with LIKE's wildcards in the needle escaped by a backslash."""
    return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _has_fts(engine: Engine, fts: str) -> bool:
    known = _found.setdefault(engine, set())
    if fts not in known:  # looked up until it exists: an upgrade may add it while the app runs
        with engine.connect() as conn:
            query = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name")
            if conn.execute(query, {"name": fts}).first() is not None:
                known.add(fts)
    return fts in known


def _is_narrow(engine: Engine, owner: str, fts: str, phrase: str) -> bool:
    """Whether the index finds at most BROADEST rows for the phrase (FTS5 stops reading there)."""
    remembered = _narrow.setdefault(engine, {})
    key = f"{fts}:{phrase}"
    if key not in remembered:
        if len(remembered) > 256:
            remembered.clear()
        # counted in SQL: fetching up to BROADEST ids into Python would cost more than the count
        probe = text(f"SELECT count(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH :phrase LIMIT :n)")
        with engine.connect() as conn:
            found = conn.execute(probe, {"phrase": phrase, "n": BROADEST[owner] + 1}).scalar_one()
        remembered[key] = found <= BROADEST[owner]
    return remembered[key]


def contains(engine: Engine, search_text: InstrumentedAttribute[str], needle: str) -> ColumnElement[bool]:
    """Rows whose search_text contains `needle` (already normalised: casefolded, no spaces).

    On SQLite with the FTS5 table, three or more characters and a text that few rows
    contain, the row ids come from the index as a phrase of trigrams, which matches
    exactly the substrings LIKE matches. Otherwise the LIKE: on PostgreSQL the GIN
    index serves it, and on SQLite a text found in many rows is quicker found by the
    list's own scan, which stops at the first page, than by looking up every row the
    index names.
    """
    owner = cast(Table, search_text.property.parent.local_table)  # a mapped class's own table
    if by_index(engine, search_text, needle):
        fts = FTS_TABLES[owner.name]
        index = table(fts, column("rowid"), column(fts))
        phrase = bindparam("phrase", _phrase(needle), unique=True)
        return owner.c.id.in_(select(index.c.rowid).where(index.c[fts].op("MATCH")(phrase)))
    return search_text.like(like_pattern(needle), escape="\\")


def _phrase(needle: str) -> str:
    return '"' + needle.replace('"', '""') + '"'  # FTS5 query syntax: one quoted phrase


def by_index(engine: Engine, search_text: InstrumentedAttribute[str], needle: str) -> bool:
    """Whether contains() answers `needle` from the trigram index (SQLite): then it finds at most
    BROADEST rows, and a caller may as well read them all in one pass."""
    owner = cast(Table, search_text.property.parent.local_table)  # a mapped class's own table
    fts = FTS_TABLES.get(owner.name)
    return bool(
        engine.dialect.name == "sqlite"
        and fts
        and len(needle) >= SHORTEST_INDEXED
        and _has_fts(engine, fts)
        and _is_narrow(engine, owner.name, fts, _phrase(needle))
    )
