"""Settings file and paths (platformdirs), and where the database is.

Precedence for the database: --db on the command line, then SHOPDESK_DB, then
the settings file, then shopdesk.sqlite in the user's data folder.
SHOPDESK_HOME puts settings and data in one folder (portable installs, tests).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "ShopDesk"
LANGUAGES = ("system", "en", "zh_CN")


def data_dir() -> Path:
    home = os.environ.get("SHOPDESK_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = os.environ.get("SHOPDESK_HOME")
    path = Path(home) if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    """The app's rotating log (app.setup_logging writes it; the crash dialog opens it)."""
    return log_dir() / "shopdesk.log"


def default_database() -> Path:
    return data_dir() / "shopdesk.sqlite"


MAX_BACKUPS_KEPT = 365


@dataclass
class Settings:
    """What the user chose on this computer. Shop-wide settings live in the database."""

    database: str = ""  # empty: the default file in the data folder
    language: str = "system"
    label_size: str = "100x150"  # the label printer's stock: 4x6, 100x150, 76x130, a6-on-a4 (ui/settings/printing.py)
    label_format: str = "pdf"  # or "zpl" for thermal printers that take it
    printer: str = ""  # empty: no printer chosen, labels are saved as PDF
    backups_kept: int = 14  # daily backups of the shop file kept in the data folder (services/maintenance.py)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = "system"
        if isinstance(settings.backups_kept, bool) or not isinstance(settings.backups_kept, int):
            settings.backups_kept = cls.backups_kept
        settings.backups_kept = min(max(settings.backups_kept, 1), MAX_BACKUPS_KEPT)
        return settings

    def save(self) -> None:
        target = self.path()
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)


def resolve_database(cli_value: str | None = None, settings: Settings | None = None) -> str:
    if cli_value:
        return cli_value
    if os.environ.get("SHOPDESK_DB"):
        return os.environ["SHOPDESK_DB"]
    settings = settings or Settings.load()
    return settings.database or str(default_database())


def first_run(cli_value: str | None = None, settings: Settings | None = None) -> bool:
    """No shop yet: nothing named on the command line, in SHOPDESK_DB or the settings, and no default file."""
    if cli_value or os.environ.get("SHOPDESK_DB"):
        return False
    settings = settings or Settings.load()
    return not settings.database and not default_database().exists()
