"""Files the app writes for people (reports, exports, labels): all of it, or nothing.

The file is written in the app's own staging folder and moved into place only when
it is complete, so a crash, a cancel or a full disk never leaves half a workbook in
the user's folder. What a killed process left in the staging folder is removed the
next time anything is written (or at start-up).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from shopdesk.config import data_dir
from shopdesk.domain.errors import ShopDeskError

STALE_AFTER_S = 24 * 3600


def staging_dir() -> Path:
    path = data_dir() / "staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_writable(target: Path) -> Path:
    """Refuse, before any work is done, a target that cannot be written, saying why."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise ShopDeskError(f"{target} is a folder; name a file inside it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ShopDeskError(f"The folder {folder} does not exist; choose another place")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ShopDeskError(f"Cannot write in the folder {folder} (permission denied); choose another place")
    if target.exists() and not os.access(target, os.W_OK):
        raise ShopDeskError(f"{target} exists and cannot be replaced (read-only, or open in another program)")
    return target


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no cheap check: rely on age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_staging() -> int:
    """Remove what writers that are gone left behind; returns how many files."""
    removed = 0
    now = time.time()
    for leftover in staging_dir().iterdir():
        pid_text = leftover.name.split("-", 1)[0]
        dead = pid_text.isdigit() and not _alive(int(pid_text))
        if dead or now - leftover.stat().st_mtime > STALE_AFTER_S:
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a staging path to write; when the block ends without error it becomes `target`.

    Any exception (a cancel included) discards the staging file and re-raises; an
    OSError while moving into place becomes a ShopDeskError naming the target.
    """
    target = check_writable(Path(target))
    clean_staging()
    fd, name = tempfile.mkstemp(dir=staging_dir(), prefix=f"{os.getpid()}-", suffix=target.suffix)
    os.close(fd)
    staged = Path(name)
    # mkstemp makes a private file (0600); the workbook is for people, so it gets the rights
    # any file saved there would have (or those of the file it replaces).
    with contextlib.suppress(OSError):
        os.chmod(staged, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
    try:
        yield staged
        _move_into_place(staged, target)
    except OSError as exc:
        raise ShopDeskError(f"Cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _move_into_place(staged: Path, target: Path) -> None:
    try:
        os.replace(staged, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    # Another disk (a USB stick): copy next to the target under a hidden name, then rename.
    hidden = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(staged, hidden)
        os.replace(hidden, target)
    finally:
        with contextlib.suppress(OSError):
            hidden.unlink(missing_ok=True)


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    with atomic_output(target) as staged:
        staged.write_bytes(data)
    return Path(target)
