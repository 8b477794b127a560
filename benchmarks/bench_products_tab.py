"""Benchmark 2: the Products tab over 100,000 products.

Figures, each the median over several tries (max and p90 printed too):
- time from creating the tab to its table's first paint with rows (goal < 200 ms);
- per-keystroke filter latency: the filter query and the repaint of the table, for
  each prefix of searches a person types (pinyin initials, full pinyin, a SKU, a
  barcode, a word with no match), debounce excluded (goal < 50 ms). In the same run,
  "before" is the same tab with the trigram index left unused (the LIKE scan every
  keystroke did before migration 0012), and the baseline is the naive alternative of
  re-querying every matching id sorted in SQL with a bare LIKE. Texts under three
  characters are not indexed (a trigram needs three): their keystrokes are also
  reported apart.
- for scale, once: a QSortFilterProxyModel over an in-memory model of every row.

The shop is `shopdesk demo --products 100000` on a SQLite file (made once and kept
in the temp folder, or given with --db).

usage: python benchmarks/bench_products_tab.py [--db FILE] [--products N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from shopdesk.db import migrate, search_index
from shopdesk.db.models import Product
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.shop import Shop
from shopdesk.ui.products.tab import ProductsTab
from shopdesk.ui.tasks import TaskRunner

FIRST_ROWS_GOAL_MS = 200
KEYSTROKE_GOAL_MS = 50
SEARCHES = ["cmdx", "chunmian", "lianmao", "hd-1057", "6901832023981", "xyzq"]


class PaintWatch(QObject):
    def __init__(self, widget):  # type: ignore[no-untyped-def]
        super().__init__()
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def wait(self, app: QApplication) -> None:
        self.painted = False
        while not self.painted:
            app.processEvents()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


class Clock:
    """Wall time, and CPU time (steadier when other programs share the machine; the work is all on this thread)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Clock:
        self._started = (time.perf_counter(), time.thread_time())
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall.append(time.perf_counter() - self._started[0])
        self.cpu.append(time.thread_time() - self._started[1])


def first_rows(app: QApplication, shop: Shop, runner: TaskRunner, tries: int) -> Clock:
    clock = Clock()
    for _ in range(tries):
        with clock:
            tab = ProductsTab(shop, runner, "en")
            watch = PaintWatch(tab.table.viewport())
            tab.resize(1200, 700)
            tab.show()
            watch.wait(app)
        assert tab.model.rowCount() > 0
        tab.close()
        tab.deleteLater()
        app.processEvents()
    return clock


def without_index() -> mock._patch:  # type: ignore[type-arg]
    """The search as it was before the trigram index: every keystroke a LIKE over every row."""
    return mock.patch.object(search_index, "_has_fts", return_value=False)


def keystrokes(
    app: QApplication, shop: Shop, runner: TaskRunner, per_search: dict[str, list[float]]
) -> dict[str, Clock]:
    """Type each search letter by letter: "all" keystrokes, the "short" ones apart, and the naive query.

    per_search gets each search's keystrokes in CPU milliseconds.
    """
    tab = ProductsTab(shop, runner, "en")
    watch = PaintWatch(tab.table.viewport())
    tab.resize(1200, 700)
    tab.show()
    watch.wait(app)
    clocks = {name: Clock() for name in ("all", "short", "long", "naive")}
    for search in SEARCHES:
        for end in range(1, len(search) + 1):
            tab.search.blockSignals(True)  # the debounce timer is not what is measured
            tab.search.setText(search[:end])
            tab.search.blockSignals(False)
            with clocks["all"]:
                tab.apply_filters()
                watch.wait(app)
            # the index cannot serve texts under three characters: those are shown apart as well
            apart = clocks["short" if end < search_index.SHORTEST_INDEXED else "long"]
            apart.wall.append(clocks["all"].wall[-1])
            apart.cpu.append(clocks["all"].cpu[-1])
            per_search.setdefault(search, []).append(ms(clocks["all"].cpu[-1]))
            with clocks["naive"]:
                all_ids_sorted(shop, tab.model.filter)
        tab.search.blockSignals(True)
        tab.search.clear()
        tab.search.blockSignals(False)
        tab.apply_filters()
        watch.wait(app)
    tab.close()
    return clocks


def all_ids_sorted(shop: Shop, flt: ProductFilter) -> list[int]:
    """The naive way: every matching id, sorted, in one SQL query (what a model holding all ids needs)."""
    query = select(Product.id).order_by(Product.sku_key, Product.id).where(Product.archived.is_(False))
    if flt.text:
        query = query.where(Product.search_text.like(f"%{flt.text.casefold()}%"))
    with shop.db.read() as conn:
        return list(conn.execute(query).scalars())


def proxy_model_keystroke(shop: Shop) -> float:
    """For scale: every row in a QStandardItemModel, filtered by a QSortFilterProxyModel."""
    model = QStandardItemModel(0, 2)
    with shop.db.read() as conn:
        for sku, text in conn.execute(select(Product.sku, Product.search_text)):
            model.appendRow([QStandardItem(sku), QStandardItem(text)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(1)
    times = []
    for end in range(1, 5):
        started = time.perf_counter()
        proxy.setFilterFixedString("cmdx"[:end])
        proxy.rowCount()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def demo_shop(products: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"shopdesk-bench-{products}-{migrate.head_revision()}.sqlite"
    if not path.exists():
        part = path.with_name(path.name + ".part")
        part.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "shopdesk", "--db", str(part), "demo", "--products", str(products)],
            check=True,
            capture_output=True,
        )
        part.rename(path)
    return path


def summary(clock: Clock) -> dict[str, object]:
    values = clock.wall
    return {
        "value": ms(statistics.median(values)),
        "p90": ms(statistics.quantiles(values, n=10, method="inclusive")[-1]) if len(values) > 1 else ms(values[0]),
        "max": ms(max(values)),
        "cpu": ms(statistics.median(clock.cpu)),
        "cpu_max": ms(max(clock.cpu)),
        "samples": len(values),
    }


def figure(name: str, clock: Clock, goal: float, baseline: Clock | None = None) -> dict[str, object]:
    value = statistics.median(clock.wall)
    result: dict[str, object] = {"figure": name, **summary(clock), "unit": "ms", "goal": f"< {goal} ms"}
    if baseline is not None:
        result.update(
            baseline=ms(statistics.median(baseline.wall)),
            ratio=round(value / statistics.median(baseline.wall), 2),
            baseline_cpu=ms(statistics.median(baseline.cpu)),
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a shop to use instead of a 100,000-product demo")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--no-proxy", action="store_true", help="skip the slow QSortFilterProxyModel figure")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHOPDESK_HOME"] = tempfile.mkdtemp()  # no remembered column layout
    target = options.db or str(demo_shop(options.products))
    app = QApplication(sys.argv[:1])
    shop, _ = Shop.open(target, upgrade=False)
    runner = TaskRunner()
    count = shop.catalogue.count_products(ProductFilter(include_archived=True))
    opened = first_rows(app, shop, runner, 7)
    typed_before: dict[str, list[float]] = {}
    typed_after: dict[str, list[float]] = {}
    with without_index():
        before = keystrokes(app, shop, runner, typed_before)
    after = keystrokes(app, shop, runner, typed_after)
    per_search = {search: {"after": typed_after[search], "before": typed_before[search]} for search in SEARCHES}
    print(json.dumps({**figure("products tab: first painted rows", opened, FIRST_ROWS_GOAL_MS), "products": count}))
    print(
        json.dumps(
            {
                **figure("products tab: filter latency per keystroke", after["all"], KEYSTROKE_GOAL_MS, after["naive"]),
                "before": summary(before["all"]),
                "before_what": "the same tab with the trigram index unused (LIKE over every row)",
                "baseline_what": "every matching id sorted, one bare SQL query with LIKE",
                "shorter_than_3": {"after": summary(after["short"]), "before": summary(before["short"])},
                "three_or_more": {"after": summary(after["long"]), "before": summary(before["long"])},
                "products": count,
                "cpu_per_keystroke": per_search,
            },
            ensure_ascii=False,
        )
    )
    if not options.no_proxy:
        proxy = proxy_model_keystroke(shop)
        print(json.dumps({"figure": "for scale: QSortFilterProxyModel keystroke", "value": ms(proxy), "unit": "ms"}))
    shop.close()


if __name__ == "__main__":
    main()
