"""shopdesk import products FILE | export products FILE.

`import` and `export` are commands with sub-actions. Other command modules add
theirs (import stock, import orders, ...) through import_actions() and
export_actions(), which create the command the first time and return its
sub-actions after that, whatever order the modules register in:

    def register(sub, common):
        stock = io_commands.import_actions(sub, common).add_parser("stock", parents=[common], help=...)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from shopdesk.cli.common import Context
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.imports.products import FIELDS
from shopdesk.imports.tables import DELIMITER_NAMES, encoding_label
from shopdesk.services.product_export import ProductExport
from shopdesk.services.product_import import ImportOptions, ImportResult, ProductImport

DELIMITERS = {",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
_ACTIONS = "_shopdesk_actions"


def import_actions(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The sub-actions of `shopdesk import` (products, stock, stocktake, orders...)."""
    return _actions(sub, common, "import", "import products, stock or orders from a CSV or Excel file")


def export_actions(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The sub-actions of `shopdesk export`."""
    return _actions(sub, common, "export", "export products and other lists to a CSV or Excel file")


def _actions(
    sub: argparse._SubParsersAction, common: argparse.ArgumentParser, name: str, help_text: str
) -> argparse._SubParsersAction:
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, parents=[common], help=help_text)
        setattr(parser, _ACTIONS, parser.add_subparsers(dest=f"{name}_kind", metavar="WHAT", required=True))
    return getattr(parser, _ACTIONS)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    field_names = ", ".join(f.name for f in FIELDS)
    imp = import_actions(sub, common).add_parser(
        "products",
        parents=[common],
        help="add or update products from a CSV or XLSX file (all rows or none)",
        description=(
            "Reads CSV (, ; or tab; UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX. Every row is checked first; "
            "nothing is written unless all rows are good, or --good-rows-only is given. Existing SKUs are updated; "
            "empty cells leave an existing product's value as it is."
        ),
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx file")
    imp.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
    imp.add_argument("--good-rows-only", action="store_true", help="import the good rows and skip the bad ones")
    imp.add_argument("--encoding", metavar="E", help="text encoding of a CSV, e.g. utf-8, gb18030 (default: detect)")
    imp.add_argument("--delimiter", metavar="D", help="CSV delimiter: comma, semicolon or tab (default: detect)")
    imp.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    imp.add_argument("--header-row", type=int, metavar="N", help="row number of the headings (default: detect)")
    numbers = imp.add_mutually_exclusive_group()
    numbers.add_argument(
        "--decimal-comma", dest="decimal_comma", action="store_const", const=True, help="prices are written 12,50"
    )
    numbers.add_argument(
        "--decimal-point", dest="decimal_comma", action="store_const", const=False, help="prices are written 12.50"
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help=f"read FIELD from the column HEADING (repeatable). Fields: {field_names}",
    )
    imp.set_defaults(handler=import_products)

    exp = export_actions(sub, common).add_parser(
        "products", parents=[common], help="write products to a CSV or XLSX file the importer reads back"
    )
    exp.add_argument("file", type=Path, metavar="FILE", help="target file; .csv or .xlsx")
    exp.add_argument("--include-archived", action="store_true", help="also export archived products")
    exp.add_argument("--headings", choices=("en", "zh"), default="en", help="heading language (default en)")
    exp.set_defaults(handler=export_products)


def _options(args: argparse.Namespace) -> ImportOptions:
    delimiter = None
    if args.delimiter is not None:
        delimiter = DELIMITERS.get(args.delimiter.lower())
        if delimiter is None:
            raise ShopDeskError(f"Unknown delimiter {args.delimiter!r}; use comma, semicolon or tab.")
    if args.header_row is not None and args.header_row < 1:
        raise ShopDeskError("--header-row counts from 1.")
    extra: dict[str, str] = {}
    known = {f.name for f in FIELDS}
    for item in args.map:
        field, sep, heading = item.partition("=")
        if not sep or field.strip() not in known:
            raise ShopDeskError(f"--map {item!r}: write FIELD=HEADING with FIELD one of {', '.join(sorted(known))}.")
        extra[field.strip()] = heading.strip()
    return ImportOptions(
        encoding=args.encoding,
        delimiter=delimiter,
        sheet=args.sheet,
        header_row=args.header_row,
        decimal_comma=args.decimal_comma,
        good_rows_only=args.good_rows_only,
        extra_mapping=extra,
    )


def import_products(ctx: Context) -> int:
    args = ctx.args
    options = _options(args)
    importer = ProductImport(ctx.shop())
    try:
        result = importer.run(args.file, options, dry_run=args.dry_run)
    except ValidationFailed as exc:
        if ctx.json:
            ctx.out({"ok": False, "file": str(args.file), "problems": [str(p) for p in exc.problems]})
        print(f"error: {exc.headline}", file=ctx.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=ctx.stderr)
        if any(p.where.startswith("row ") and ", column " in p.where for p in exc.problems):
            ctx.info("Fix these rows and import again, or use --good-rows-only to import only the other rows.")
        return 1
    name = args.file.name
    ctx.info(f"Read {name}: {_how_read(result)}.")
    if result.skipped_rows:
        ctx.info(f"Skipped {len(result.skipped_rows)} row(s) with problems:")
        for problem in result.problems:
            ctx.info(f"  {problem}")
    if result.dry_run:
        text = (
            f"Checked {name}: would add {result.created} new product(s), update {result.updated}, "
            f"leave {result.unchanged} unchanged. Nothing was written (dry run)."
        )
    else:
        text = (
            f"Imported {name}: {result.created} new product(s), {result.updated} updated, {result.unchanged} unchanged."
        )
    ctx.out(
        {
            "ok": True,
            "file": str(args.file),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped_rows": result.skipped_rows,
            "problems": [str(p) for p in result.problems],
            "dry_run": result.dry_run,
        },
        text,
    )
    return 0


def _how_read(result: ImportResult) -> str:
    parts = []
    if result.encoding:
        parts.append(f"encoding {encoding_label(result.encoding)}")
    if result.delimiter:
        parts.append(f"{DELIMITER_NAMES.get(result.delimiter, repr(result.delimiter))}-separated")
    if result.sheet:
        parts.append(f"sheet {result.sheet!r}")
    parts.append(f"headings on row {result.header_row}")
    return ", ".join(parts)


def export_products(ctx: Context) -> int:
    args = ctx.args
    result = ProductExport(ctx.shop()).run(args.file, include_archived=args.include_archived, language=args.headings)
    ctx.out(
        {"file": str(result.path), "format": result.format, "count": result.count},
        f"Exported {result.count} product(s) to {result.path}",
    )
    return 0
