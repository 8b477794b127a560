"""Benchmark 1: cold start to the first shown main window, against a bare PySide6 window.

Each start is a fresh Python process, timed by this script from launch until
the child reports the first paint of its main window. The baseline child
builds a bare QMainWindow holding a QTabWidget with the same seven tabs;
the ShopDesk child runs the app's composition root (shopdesk.app.start_gui)
on a demo shop. Both are started the same way (python -c), alternating, and
the median of each counts. Goal: ShopDesk / baseline <= 1.5.

Also printed, for information: the same start through the `shopdesk` command
line entry point, and the time until the Products tab has painted its rows.

usage: python benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

GOAL = 1.5
CHILD_TIMEOUT = 120  # seconds

# The child reports "shown" at the main window's first paint, and "rows" once the
# Products tab has painted rows (ShopDesk only); then it ends at once.
WATCH = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Watch(QObject):
    def __init__(self, window, wait_for_rows):
        super().__init__()
        self.window, self.wait_for_rows = window, wait_for_rows
        window.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if obj is self.window:
                print("shown", flush=True)
                self.window.removeEventFilter(self)
                if not self.wait_for_rows:
                    os._exit(0)
                QTimer.singleShot(0, self.look_for_rows)
            elif obj.parent() is not None and obj.parent().model().rowCount():
                print("rows", flush=True)
                os._exit(0)
        return False

    def look_for_rows(self):
        tab = getattr(self.window, "products", None)
        if tab is None:
            QTimer.singleShot(2, self.look_for_rows)
        else:
            # A new shop opens on the Dashboard: go to Products, as the person timing it would.
            self.window.tabs.setCurrentWidget(tab)
            tab.table.viewport().installEventFilter(self)
"""

BARE = (
    WATCH
    + """
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
for name in ("Dashboard", "Products", "Stock", "Orders", "Complaints", "Customers", "Reports"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs)
window.resize(1200, 720)
window.show()
watch = Watch(window, False)
app.exec()
"""
)

SHOPDESK = (
    WATCH
    + """
from shopdesk.app import start_gui
app, window = start_gui(sys.argv[1])
watch = Watch(window, True)
app.exec()
"""
)

# The real entry point: the window object comes from the running app.
CLI = (
    WATCH
    + """
from PySide6.QtWidgets import QMainWindow
import shopdesk.ui.application as app_module

def watched_start(db, start=app_module.start_gui, **options):
    app, window = start(db, **options)
    app.watch = Watch(window, False)
    return app, window

app_module.start_gui = watched_start
from shopdesk.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""
)


def start_once(code: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert child.stdout is not None
    # A child that never reports (a window that does not paint) is ended, not waited for forever.
    watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)
    watchdog.start()
    seen: dict[str, float] = {}
    try:
        for line in child.stdout:
            seen[line.strip()] = (time.perf_counter() - started) * 1000
        code = child.wait()
    finally:
        watchdog.cancel()
    if code != 0 or "shown" not in seen:
        raise SystemExit(f"a child failed to show its window (exit {code}; seen {sorted(seen)})")
    return seen


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SHOPDESK_HOME": tmp, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env.pop("SHOPDESK_DB", None)
        db = str(Path(tmp) / "demo.sqlite")
        subprocess.run(
            [sys.executable, "-m", "shopdesk", "--db", db, "demo", "--products", "1000"],
            env=env,
            check=True,
            capture_output=True,
        )
        for code in (BARE, SHOPDESK, CLI):  # warm the OS file cache for every child alike
            start_once(code, [db], env)
        bare, app, cli = [], [], []
        for _ in range(runs):
            bare.append(start_once(BARE, [db], env))
            app.append(start_once(SHOPDESK, [db], env))
            cli.append(start_once(CLI, [db], env))
    baseline = statistics.median(r["shown"] for r in bare)
    shown = statistics.median(r["shown"] for r in app)
    figures = [
        {
            "figure": "cold start to the first shown main window",
            "value": round(shown, 1),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(shown / baseline, 2),
            "goal": f"ratio <= {GOAL}",
            "runs": runs,
        },
        {
            "figure": "cold start through the shopdesk command to the first shown main window",
            "value": round(statistics.median(r["shown"] for r in cli), 1),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(statistics.median(r["shown"] for r in cli) / baseline, 2),
            "runs": runs,
        },
        {
            "figure": "cold start to the Products tab's first painted rows (1,000 products)",
            "value": round(statistics.median(r["rows"] for r in app), 1),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(statistics.median(r["rows"] for r in app) / baseline, 2),
            "runs": runs,
        },
    ]
    for figure in figures:
        print(json.dumps(figure, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
