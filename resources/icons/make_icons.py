"""Render ShopDesk's icon from shopdesk.svg: PNGs for Qt and Linux, .ico for Windows, .icns for macOS.

    python resources/icons/make_icons.py

Run it after changing the SVG and commit what it writes: the PNGs through Qt's
QSvgRenderer (the same renderer the app has), the .ico and .icns with Pillow
from the largest PNG, so the set is reproducible on any machine with the test extras.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "shopdesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = HERE / f"shopdesk-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    return written


def platform_icons() -> list[Path]:
    from PIL import Image

    largest = Image.open(HERE / f"shopdesk-{SIZES[-1]}.png")
    ico, icns = HERE / "shopdesk.ico", HERE / "shopdesk.icns"
    largest.save(ico, sizes=[(s, s) for s in SIZES if s <= 256])
    largest.save(icns)
    return [ico, icns]


if __name__ == "__main__":
    for path in [*render_pngs(), *platform_icons()]:
        print(path.relative_to(HERE.parent.parent))
