"""Which language the app speaks, and loading its translations (.qm files).

English is the source language; Simplified Chinese comes from
resources/translations/shopdesk_zh_CN.qm. "system" follows the system
locale: any Chinese locale gets Chinese (it is the only Chinese we have),
everything else English. Qt's own strings (OK, Cancel, file dialogs) come
from Qt's qtbase translations.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ENGLISH = "en"
CHINESE = "zh_CN"

log = logging.getLogger(__name__)


def resources_dir() -> Path:
    """Inside the installed package (wheel), or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # src/shopdesk or site-packages/shopdesk
    for candidate in (here / "resources", here.parent.parent / "resources"):
        if (candidate / "translations").is_dir():
            return candidate
    raise RuntimeError("ShopDesk's resources folder is missing from this installation")


def ui_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a settings value: "en" or "zh_CN"."""
    if setting in (ENGLISH, CHINESE):
        return setting
    system = system or QLocale.system()
    return CHINESE if system.language() == QLocale.Language.Chinese else ENGLISH


def money_locale(language: str) -> str:
    """The Babel locale money is formatted in for a UI language."""
    return "zh_CN" if language == CHINESE else "en_US"


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load ShopDesk's and Qt's translations for a UI language; returns them for remove_translations."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == CHINESE else QLocale.c())
    installed: list[QTranslator] = []
    folder = resources_dir() / "translations"
    # English needs its file too: it holds the plural forms ("1 product", "2 products").
    candidates = [(f"shopdesk_{language}", str(folder))]
    if language == CHINESE:
        candidates.append(("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("translation loaded: %s", translator.filePath())
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())
