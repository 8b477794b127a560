"""What the order import screens read before anything is imported: a sample file's headings, the order
fields a layout can map, and the profiles a file can be read with.

Read-only helpers for the app's "Import orders" and order layout dialogs; the
import itself, saving a layout and linking SKUs are services/order_import.py,
services/marketplace_import.py and services/channels.py, as on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shopdesk.domain.errors import Problem, ValidationFailed
from shopdesk.imports.tables import read_table
from shopdesk.services.marketplace_import import EXTRA_FIELDS, LINE_TOTAL, MARKETPLACES, REQUIRED, STATUS
from shopdesk.services.marketplace_import import list_order_layouts as _saved_layouts
from shopdesk.services.order_file import COLUMNS, column_for_heading

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop

SCAN_ROWS = 30  # the heading row is among the first rows, below any title rows
SAMPLE_ROWS = 5


@dataclass(frozen=True)
class OrderField:
    """One of our order fields a layout maps to a column of another system's export."""

    name: str
    label: str
    label_zh: str
    required: bool


@dataclass(frozen=True)
class ImportProfileChoice:
    """A way to read an order file: `profile` for OrderImportOptions, and the saved layout's id if it is one."""

    profile: str
    label: str
    layout_id: int | None = None


@dataclass
class FileHeadings:
    """A sample export as the layout editor shows it: its heading row and the rows below it."""

    file: str
    header_row: int  # 1-based spreadsheet row
    headings: list[str]
    sample: list[list[str]] = field(default_factory=list)
    encoding: str | None = None
    sheet: str | None = None
    guessed: dict[str, str] = field(default_factory=dict)  # our field -> heading, from the generic file's aliases


_EXTRA = {
    STATUS: ("Order status", "订单状态"),
    LINE_TOTAL: ("Line total", "商品总价"),
}


def order_fields() -> list[OrderField]:
    """The fields a saved order layout may map, required ones first (as `shopdesk order-layout save --map`)."""
    fields = [OrderField(c.name, c.label, c.label_zh, c.name in REQUIRED) for c in COLUMNS if c.name != "channel"]
    fields += [OrderField(name, *_EXTRA[name], False) for name in EXTRA_FIELDS]
    return sorted(fields, key=lambda f: not f.required)


def import_profiles(shop: Shop) -> list[ImportProfileChoice]:
    """Taobao/Tmall, Pinduoduo, our generic file, then the layouts the shop saved (read as "generic": the
    import recognises a saved layout by the file's headings)."""
    choices = [ImportProfileChoice(name, layout.label) for name, layout in MARKETPLACES.items()]
    choices.append(ImportProfileChoice("generic", "generic"))
    choices += [ImportProfileChoice("generic", s.name, s.id) for s in _saved_layouts(shop)]
    return choices


def file_headings(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> FileHeadings:
    """The heading row of a sample export: the first of its widest rows near the top (title rows above are
    shorter), with a few rows below it and a guess of which heading is which of our fields."""
    table = read_table(Path(path), encoding=encoding, sheet=sheet)
    top = table.rows[:SCAN_ROWS]
    widths = [sum(1 for c in row if c.strip()) for row in top]
    if not widths or max(widths) < 2:
        raise ValidationFailed(
            [Problem("file", "no row with at least two headings near the top of the file")],
            f"{Path(path).name} cannot be read as an order export",
        )
    header_row = widths.index(max(widths)) + 1
    headings = [c.strip() for c in table.rows[header_row - 1]]
    guessed: dict[str, str] = {}
    for heading in headings:
        name = column_for_heading(heading) if heading else None
        if name is not None and name != "channel":
            guessed.setdefault(name, heading)
    return FileHeadings(
        str(path),
        header_row,
        headings,
        [row for row in table.rows[header_row : header_row + SAMPLE_ROWS]],
        encoding=table.encoding,
        sheet=table.sheet,
        guessed=guessed,
    )
