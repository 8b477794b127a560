"""Files for people are written whole or not at all."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.domain.errors import ShopDeskError
from shopdesk.files import atomic_output, clean_staging, staging_dir, write_bytes_atomically


def test_a_finished_file_lands_and_nothing_is_left_in_staging(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_bytes_atomically(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert list(staging_dir().iterdir()) == []


def test_a_failure_halfway_leaves_the_old_file_untouched_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"last month")
    with pytest.raises(RuntimeError), atomic_output(target) as staged:
        staged.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"last month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    assert list(staging_dir().iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder/x.xlsx", "a-file/x.xlsx", ""])
def test_an_unwritable_target_is_refused_before_any_work(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("x")
    target = tmp_path / where if where else tmp_path
    with pytest.raises(ShopDeskError), atomic_output(target):
        pytest.fail("the block must not run")


def test_what_a_killed_writer_left_behind_is_cleaned_up(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from shopdesk.files import atomic_output\n"
        "with atomic_output(__import__('pathlib').Path(sys.argv[1])) as staged:\n"
        "    staged.write_bytes(b'x' * 1000)\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    target = tmp_path / "big.xlsx"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True, env={**os.environ}
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert not target.exists()
    assert len(list(staging_dir().iterdir())) == 1
    assert clean_staging() == 1
    assert list(staging_dir().iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_saved_file_gets_the_rights_of_any_file_saved_there(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = write_bytes_atomically(tmp_path / "month.xlsx", b"PK")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not the staging file's private 0600
        shared = tmp_path / "shared.xlsx"
        shared.write_bytes(b"old")
        shared.chmod(0o664)
        assert stat.S_IMODE(write_bytes_atomically(shared, b"PK").stat().st_mode) == 0o664
    finally:
        os.umask(old)
