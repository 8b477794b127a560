"""Refresh the translations from the code, then compile them.

    python resources/translations/update.py

Run it after adding or changing text shown in the UI. New messages arrive in
shopdesk_zh_CN.ts marked unfinished: translate them (pyside6-linguist, or by
hand in the XML), using the terms of SEEDS-DIGEST.md (商品管理, 上架, 下架,
库存, 规格, 分类 ...), and run it again. shopdesk_en.ts holds only the English
plural forms ("1 product", "2 products"). tests/ui/test_translations.py fails
while a message is unfinished or a .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = HERE.parent.parent
TRANSLATIONS = {"zh_CN": [], "en": ["-pluralonly"]}


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def sources() -> list[str]:
    ui = sorted((TOP / "src" / "shopdesk" / "ui").rglob("*.py"))
    return [str(p.relative_to(TOP)) for p in ui]


def lupdate(ts: Path, language: str, extra: list[str]) -> None:
    # No source locations: line numbers would change the .ts with every edit of the code.
    command = [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none"]
    subprocess.run([*command, "-target-language", language, *extra, "-ts", str(ts)], cwd=TOP, check=True)


def lrelease(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def unfinished(ts: Path) -> list[str]:
    """Source texts of messages still to translate."""
    root = ET.parse(ts).getroot()
    return [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in root.iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]


def main() -> int:
    todo = []
    for language, extra in TRANSLATIONS.items():
        ts = HERE / f"shopdesk_{language}.ts"
        lupdate(ts, language, extra)
        lrelease(ts)
        todo += [f"{ts.name}: {text}" for text in unfinished(ts)]
    for line in todo:
        print("to translate:", line)
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main())
