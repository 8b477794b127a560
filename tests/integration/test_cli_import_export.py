"""`shopdesk import products` and `shopdesk export products` as a shop owner runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from shopdesk.cli import build_parser, main
from shopdesk.cli.common import common_options
from shopdesk.cli.io_commands import import_actions
from tests.imports.files import chinese_rows, write_csv, write_xlsx


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_a_gbk_csv_then_export_it_to_excel(tmp_path, capsys) -> None:
    db = tmp_path / "shop.sqlite"
    source = write_csv(tmp_path / "商品.csv", chinese_rows(3), encoding="gbk")
    code, out, err = run(capsys, "--db", db, "import", "products", source)
    assert code == 0, err
    assert out.strip() == "Imported 商品.csv: 3 new product(s), 0 updated, 0 unchanged."
    assert "encoding GB18030 (GBK), comma-separated, headings on row 1" in err
    code, out, _ = run(capsys, "--db", db, "export", "products", tmp_path / "out.xlsx", "--json")
    assert code == 0
    assert json.loads(out) == {"file": str(tmp_path / "out.xlsx"), "format": "xlsx", "count": 3}
    code, out, _ = run(capsys, "--db", db, "import", "products", tmp_path / "out.xlsx")
    assert out.strip() == "Imported out.xlsx: 0 new product(s), 0 updated, 3 unchanged."


def test_a_bad_file_prints_every_problem_on_its_own_line_and_changes_nothing(tmp_path, capsys) -> None:
    db = tmp_path / "shop.sqlite"
    rows = chinese_rows(3)
    rows[1][2] = "-5"
    rows[3][4] = "6901234567890"
    code, out, err = run(capsys, "--db", db, "import", "products", write_csv(tmp_path / "p.csv", rows))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "error: p.csv: 2 problem(s) in 2 row(s); nothing was imported"
    assert lines[1] == "  row 2, column C (售价): Price cannot be negative (found: '-5')"
    assert lines[2].startswith("  row 4, column E (条码): EAN-13 check digit is wrong")
    assert "--good-rows-only" in lines[3]
    code, out, _ = run(capsys, "--db", db, "export", "products", tmp_path / "after.csv")
    assert out.strip() == f"Exported 0 product(s) to {tmp_path / 'after.csv'}"


def test_good_rows_only_imports_the_rest_and_lists_what_was_skipped(tmp_path, capsys) -> None:
    rows = chinese_rows(3)
    rows[2][2] = "abc"
    path = write_csv(tmp_path / "p.csv", rows)
    code, out, err = run(
        capsys, "--db", tmp_path / "s.sqlite", "import", "products", path, "--good-rows-only", "--json"
    )
    assert code == 0
    result = json.loads(out)
    assert (result["created"], result["skipped_rows"]) == (2, [3])
    assert "Skipped 1 row(s) with problems:" in err
    assert "  row 3, column C (售价): Price is not a number (found: 'abc')" in err


def test_dry_run_writes_nothing(tmp_path, capsys) -> None:
    db = tmp_path / "s.sqlite"
    path = write_csv(tmp_path / "p.csv", chinese_rows(2))
    code, out, _ = run(capsys, "--db", db, "import", "products", path, "--dry-run")
    assert code == 0
    assert "would add 2 new product(s)" in out and "Nothing was written" in out
    code, out, _ = run(capsys, "--db", db, "import", "products", path)
    assert "2 new product(s)" in out


def test_options_for_a_semicolon_file_with_a_header_further_down_and_own_headings(tmp_path, capsys) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["Preisliste März"], ["Artikel", "Bezeichnung", "VK"], ["A1", "Becher", "3,20"]],
        delimiter=";",
    )
    code, _, err = run(capsys, "--db", tmp_path / "s.sqlite", "import", "products", path)
    assert code == 1
    assert "missing required column SKU (货号)" in err
    code, out, err = run(
        capsys,
        "--db",
        tmp_path / "s.sqlite",
        "import",
        "products",
        path,
        "--delimiter",
        "semicolon",
        "--header-row",
        "2",
        "--map",
        "sku=Artikel",
        "--map",
        "name=Bezeichnung",
        "--map",
        "price=VK",
        "--decimal-comma",
    )
    assert code == 0, err
    assert "1 new product(s)" in out


def test_unreadable_and_missing_files_get_one_clear_line(tmp_path, capsys) -> None:
    garbage = tmp_path / "products.csv"
    garbage.write_bytes(bytes(range(256)) * 8)
    code, _, err = run(capsys, "--db", tmp_path / "s.sqlite", "import", "products", garbage)
    assert (code, err.strip()) == (1, "error: products.csv is not a CSV or Excel file (it holds binary data).")
    code, _, err = run(capsys, "--db", tmp_path / "s.sqlite", "import", "products", tmp_path / "nope.xlsx")
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "--db", tmp_path / "s.sqlite", "export", "products", tmp_path / "p.pdf")
    assert code == 1 and "must end in .csv or .xlsx" in err


def test_xlsx_with_title_rows_through_a_real_subprocess(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [["商品清单"], [], ["货号", "名称", "售价"], ["00123", "保温杯", 39.9], ["00124", "马克杯", 25]],
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "shopdesk",
            "--db",
            str(tmp_path / "s.sqlite"),
            "import",
            "products",
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] == 2
    assert "sheet '商品', headings on row 3" in done.stderr


def test_other_commands_can_add_their_own_import_kinds() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    common = common_options()
    kinds = import_actions(sub, common)  # type: ignore[arg-type]
    assert import_actions(sub, common) is kinds  # type: ignore[arg-type]
    kinds.add_parser("price-list", parents=[common]).set_defaults(handler=lambda ctx: 0)
    args = parser.parse_args(["import", "price-list"])
    assert args.import_kind == "price-list"
    assert "products" in kinds.choices
