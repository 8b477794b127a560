"""Evidence files of a case (photos, chat screenshots, videos), kept in the data folder by content hash.

A file is copied to data_dir()/evidence/<sha256[:2]>/<sha256>: the same photo
attached to two cases is stored once, and a file that is renamed or deleted
where it came from stays with the case. The database row keeps the name the
file had, its size and who added it.

The files are checked before anything is written, and copied before the case
is saved; if saving fails, the copies this attempt made are removed again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shopdesk.config import data_dir
from shopdesk.domain.errors import NotFound, Problem

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    filename: str  # the name it had, for people and for opening it with the right program
    size: int
    new: bool  # this attempt put it in the store (so a failed save takes it out again)


def evidence_store() -> Path:
    path = data_dir() / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stored_path(sha256: str) -> Path:
    return evidence_store() / sha256[:2] / sha256


def _megabytes(size: int) -> str:
    """A size as people read it: bytes below a megabyte, else megabytes."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def check_files(paths: list[str | Path], limit: int, where: str = "evidence") -> list[Problem]:
    """Every evidence file that cannot be attached, and why: missing, not a file, unreadable, too large."""
    problems = []
    for n, raw in enumerate(paths, start=1):
        label = f"{where} {n}" if len(paths) > 1 else where
        path = Path(raw).expanduser()
        if not path.exists():
            problems.append(Problem(label, "the file does not exist", str(raw)))
        elif not path.is_file():
            problems.append(Problem(label, "is a folder, not a file", str(raw)))
        elif not os.access(path, os.R_OK):
            problems.append(Problem(label, "the file cannot be read (no permission)", str(raw)))
        else:
            size = path.stat().st_size
            if size > limit:
                problems.append(
                    Problem(
                        label,
                        f"the file is {_megabytes(size)}, larger than the {_megabytes(limit)} allowed "
                        "(shop setting evidence_max_bytes)",
                        str(raw),
                    )
                )
            elif size == 0:
                problems.append(Problem(label, "the file is empty", str(raw)))
    return problems


def store_file(path: str | Path, limit: int) -> StoredFile:
    """Copy a file into the evidence store under its SHA-256; a file already there is not copied again."""
    source = Path(path).expanduser()
    store = evidence_store()
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=store, prefix=".incoming-", delete=False) as tmp, source.open("rb") as fh:
        try:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > limit:  # it grew since it was checked
                    raise OSError(f"{source.name} is larger than the {_megabytes(limit)} allowed")
                digest.update(chunk)
                tmp.write(chunk)
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    sha = digest.hexdigest()
    target = stored_path(sha)
    if target.exists():
        os.unlink(tmp.name)
        return StoredFile(sha, source.name, size, new=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp.name, target)
    return StoredFile(sha, source.name, size, new=True)


def forget_new(files: list[StoredFile]) -> None:
    """Take out again what a failed attempt put in the store (files other cases use stay)."""
    for stored in files:
        if stored.new:
            stored_path(stored.sha256).unlink(missing_ok=True)


def copy_for_viewing(sha256: str, filename: str) -> Path:
    """A copy of a stored file under its original name, so the system opens it with the right program.

    The store's own copy is never handed out: a viewer that saves over the file
    would change the evidence.
    """
    source = stored_path(sha256)
    if not source.exists():
        raise NotFound(
            f"The evidence file {filename} is not in the data folder any more ({source}); "
            "it may have been moved with an old copy of the data folder."
        )
    folder = Path(tempfile.mkdtemp(prefix="shopdesk-evidence-"))
    target = folder / (Path(filename).name or sha256)
    shutil.copyfile(source, target)
    return target
