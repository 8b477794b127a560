"""Deciding, row by row, what a product file will do to the shop: no database here, only what it said.

The service looks up what the shop has (products under the file's SKUs, owners
of the file's barcodes, parents named by the file) and hands it in; this
module merges each row over its product, checks it, and decides which rows
can be written, which are bad, and which change nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from shopdesk.domain.catalogue import ProductDraft, sku_key
from shopdesk.domain.errors import Problem
from shopdesk.imports.product_rows import FileRow, RowReader, merged


@dataclass
class Plan:
    rows: list[FileRow]  # the good rows, in file order
    drafts: dict[int, ProductDraft]  # row number -> what the product will be
    unchanged: set[int]  # rows of existing products that the file leaves as they are
    bad_rows: list[int]
    problems: list[Problem]  # every problem, row by row, left to right

    @property
    def changed_rows(self) -> list[FileRow]:
        return [r for r in self.rows if r.row not in self.unchanged]


def plan_rows(
    rows: Sequence[FileRow],
    reader: RowReader,
    existing: Mapping[str, ProductDraft],
    barcode_owners: Mapping[str, tuple[str, str]],
    parents_in_shop: Collection[str],
    tick: Callable[[int], None] | None = None,
) -> Plan:
    """Check every row as the product it will become.

    existing: sku_key -> the product there now; barcode_owners: code -> (sku_key, SKU)
    of the product that has it now; parents_in_shop: sku_keys of the parents the
    file names that the shop already has. tick(done) is called every 500 rows.
    """
    in_file = {r.key: r for r in rows if r.key}
    drafts: dict[int, ProductDraft] = {}
    for done, row in enumerate(rows):
        if tick is not None and done % 500 == 0:
            tick(done)
        draft = merged(row, existing.get(row.key))
        drafts[row.row] = draft
        row.problems += reader.check(row, draft)
        for code in row.draft.barcodes:
            owner = barcode_owners.get(code)
            if owner is None or owner[0] == row.key:
                continue
            other = in_file.get(owner[0])
            # A product in this file that gets new barcodes gives its old ones up.
            if other is None or "barcodes" not in other.given:
                row.problems.append(
                    Problem(reader.where(row.row, "barcodes"), f"barcode already belongs to {owner[1]}", code)
                )
    bad = {r.row for r in rows if r.problems}
    _mark_orphans(rows, reader, drafts, in_file, parents_in_shop, bad)
    for row in rows:
        if len(row.problems) > 1:
            reader.sort_problems(row)
    good = [r for r in rows if r.row not in bad]
    # Re-importing last week's file rewrites (and re-keys for search) only what changed.
    unchanged = {r.row for r in good if r.key in existing and drafts[r.row] == existing[r.key]}
    return Plan(good, drafts, unchanged, sorted(bad), [p for r in rows for p in r.problems])


def _mark_orphans(
    rows: Sequence[FileRow],
    reader: RowReader,
    drafts: Mapping[int, ProductDraft],
    in_file: Mapping[str, FileRow],
    parents_in_shop: Collection[str],
    bad: set[int],
) -> None:
    """A variant needs its parent in the shop or on a good row; leaving a bad row out can orphan
    the variants that name it, and their variants in turn: repeat until nothing changes."""
    naming = [r for r in rows if "parent_sku" in r.given]
    while True:
        good_keys = {r.key for r in rows if r.row not in bad}
        orphans = [
            r
            for r in naming
            if r.row not in bad
            and (parent := sku_key(drafts[r.row].parent_sku)) not in good_keys
            and parent not in parents_in_shop
        ]
        if not orphans:
            return
        for row in orphans:
            parent_sku = drafts[row.row].parent_sku
            owner = in_file.get(sku_key(parent_sku))
            message = (
                f"parent SKU is on row {owner.row}, which has problems"
                if owner is not None
                else "no product has this parent SKU; add a row for it or leave the cell empty"
            )
            row.problems.append(Problem(reader.where(row.row, "parent_sku"), message, parent_sku))
            bad.add(row.row)
