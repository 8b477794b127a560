"""Evidence files: copied into the data folder by content hash, opened from the case, refused when missing or too big."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from shopdesk.config import data_dir
from shopdesk.domain.errors import ValidationFailed
from shopdesk.services.shop import Shop
from tests.aftersales_helpers import MONDAY, aftersales_snapshot, complaint, delivered_order, hours, shop_with_mugs


def photo(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def stored_files() -> list[Path]:
    store = data_dir() / "evidence"
    return sorted(p for p in store.rglob("*") if p.is_file()) if store.exists() else []


def test_evidence_is_kept_by_content_hash_and_opened_as_a_copy_with_its_name(sqlite_shop: Shop, tmp_path: Path) -> None:
    shop = shop_with_mugs(sqlite_shop)
    order = delivered_order(shop)
    crack = photo(tmp_path, "裂纹.jpg", b"\xff\xd8 a cracked mug \xff\xd9")
    chat = photo(tmp_path, "chat.png", b"\x89PNG customer chat")
    first = shop.aftersales.create_case(complaint(order, evidence=[crack, chat]), at=MONDAY).number
    sha = hashlib.sha256(crack.read_bytes()).hexdigest()
    assert data_dir() / "evidence" / sha[:2] / sha in stored_files()

    crack.unlink()  # the clerk tidies the desktop: the case keeps its copy
    detail = shop.aftersales.get_case(first)
    assert [(e.filename, e.size, e.user) for e in detail.evidence] == [
        ("裂纹.jpg", 19, "tester"),
        ("chat.png", 18, "tester"),
    ]
    opened = shop.aftersales.evidence_for_viewing(first, detail.evidence[0].id)
    assert opened.name == "裂纹.jpg" and opened.read_bytes() == b"\xff\xd8 a cracked mug \xff\xd9"
    assert [e.changes["file"] for e in detail.timeline if e.action == "evidence"] == [
        [None, "裂纹.jpg"],
        [None, "chat.png"],
    ]

    # The same screenshot on a second case, and attached twice later: stored once, listed once per case.
    second = shop.aftersales.create_case(complaint(order, evidence=[chat]), at=MONDAY).number
    again = photo(tmp_path, "chat (1).png", b"\x89PNG customer chat")
    assert shop.aftersales.add_evidence(second, [again], at=MONDAY + hours(1)) == 0
    assert len(stored_files()) == 2
    video = photo(tmp_path, "unboxing.mp4", b"\x00\x00\x00 ftyp video")
    assert shop.aftersales.add_evidence(second, [video], at=MONDAY + hours(1)) == 1
    assert [e.filename for e in shop.aftersales.get_case(second).evidence] == ["chat.png", "unboxing.mp4"]


def test_a_missing_or_too_large_evidence_file_is_refused_and_nothing_is_kept(shop: Shop, tmp_path: Path) -> None:
    shop_with_mugs(shop)
    order = delivered_order(shop)
    shop.set_setting("evidence_max_bytes", 1024)
    big = photo(tmp_path, "video.mov", b"x" * 1025)
    small = photo(tmp_path, "ok.jpg", b"fine")
    before = aftersales_snapshot(shop)
    with pytest.raises(ValidationFailed) as given:
        shop.aftersales.create_case(complaint(order, evidence=[small, tmp_path / "gone.jpg", big, tmp_path]), at=MONDAY)
    text = str(given.value)
    assert "evidence 2: the file does not exist" in text
    assert (
        "evidence 3: the file is 1,025 bytes, larger than the 1,024 bytes allowed (shop setting evidence_max_bytes)"
        in text
    )
    assert "evidence 4: is a folder, not a file" in text
    assert "evidence 1" not in text
    assert aftersales_snapshot(shop) == before
    assert stored_files() == []  # not even the good file was kept

    number = shop.aftersales.create_case(complaint(order), at=MONDAY).number
    with pytest.raises(ValidationFailed, match="larger than"):
        shop.aftersales.add_evidence(number, [small, big])
    assert shop.aftersales.get_case(number).evidence == []
    assert stored_files() == []
