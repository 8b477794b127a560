"""Kill the app (SIGKILL) in the middle of its work: after a restart the database passes
`db check` and holds all or none of the interrupted work, and no half-written report is left.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.demo import build_demo
from shopdesk.services.shop import Shop

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def run_until_ready_then_kill(scenario: str, db: Path, arg: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_child", scenario, str(db), arg],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != "READY":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"the child did not reach the kill point: {line!r}\n{err[-3000:]}")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def db_check_passes(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "db", "check"]) == 0, capsys.readouterr()


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "shop.sqlite"
    shop, _ = Shop.open(str(db))
    build_demo(shop, products=60, customers=20, seed=7)
    shop.close()
    return db


def test_a_product_import_killed_before_it_commits_leaves_none_of_it(demo_db, tmp_path, capsys) -> None:
    before = count(demo_db, "SELECT count(*) FROM product")
    csv_path = tmp_path / "new.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["SKU", "名称", "售价", "成本"])
        writer.writerows([f"CRASH-{i:05d}", f"导入商品 {i}", "19.90", "8.00"] for i in range(3000))
    run_until_ready_then_kill("import", demo_db, str(csv_path))
    db_check_passes(demo_db, capsys)
    assert count(demo_db, "SELECT count(*) FROM product") == before
    assert count(demo_db, "SELECT count(*) FROM product WHERE sku LIKE 'CRASH-%'") == 0


def test_a_stocktake_killed_while_posting_posts_nothing_and_can_be_posted_after(demo_db, capsys) -> None:
    shop, _ = Shop.open(str(demo_db))
    take = shop.stocktakes.start(warehouse="WH1")
    lines = shop.stocktakes.count_lines(take.id)
    assert lines
    for line in lines:
        shop.stocktakes.set_count(take.id, line.product_id, max(0, (line.expected or 0) - 1), location=line.location)
    moves_before = count(demo_db, "SELECT count(*) FROM stock_move")
    shop.close()

    run_until_ready_then_kill("stocktake", demo_db, take.number)

    db_check_passes(demo_db, capsys)
    assert count(demo_db, "SELECT count(*) FROM stock_move") == moves_before
    shop, _ = Shop.open(str(demo_db))
    result = shop.stocktakes.post(take.id)  # restarted, the count is still there to post
    shop.close()
    assert result is not None
    assert count(demo_db, "SELECT count(*) FROM stock_move") > moves_before
    db_check_passes(demo_db, capsys)


def test_a_month_end_report_killed_halfway_leaves_no_file(demo_db, tmp_path, capsys) -> None:
    target = tmp_path / "reports" / "month-end.xlsx"
    target.parent.mkdir()
    run_until_ready_then_kill("month-end", demo_db, str(target))
    assert list(target.parent.iterdir()) == []
    db_check_passes(demo_db, capsys)
