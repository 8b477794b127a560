"""Words of the sync pages in the UI's language: outbox states and kinds, sync log actions and outcomes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

STATES = {
    "pending": QT_TRANSLATE_NOOP("SyncChannels", "Waiting"),
    "dead": QT_TRANSLATE_NOOP("SyncChannels", "Not sent"),
}
KINDS = {
    "stock": QT_TRANSLATE_NOOP("SyncChannels", "Stock levels"),
    "shipment": QT_TRANSLATE_NOOP("SyncChannels", "Shipment"),
}


def local_time(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when is not None else ""


def label(labels: dict[str, str], key: str) -> str:
    return QCoreApplication.translate("SyncChannels", labels[key]) if key in labels else key


# The sync log is written by the services in English words (the CLI shows them as they are).
LOG_ACTIONS = {
    "pull orders": QT_TRANSLATE_NOOP("SyncChannels", "Pull orders"),
    "test connection": QT_TRANSLATE_NOOP("SyncChannels", "Test connection"),
    "channel": QT_TRANSLATE_NOOP("SyncChannels", "Channel"),
    "sync": QT_TRANSLATE_NOOP("SyncChannels", "Sync"),
    "stock": QT_TRANSLATE_NOOP("SyncChannels", "Stock levels"),
    "shipment": QT_TRANSLATE_NOOP("SyncChannels", "Shipment"),
}
LOG_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("SyncChannels", "OK"),
    "failed": QT_TRANSLATE_NOOP("SyncChannels", "Failed"),
    "retry": QT_TRANSLATE_NOOP("SyncChannels", "Will retry"),
    "dead": QT_TRANSLATE_NOOP("SyncChannels", "Not sent"),
    "dropped": QT_TRANSLATE_NOOP("SyncChannels", "Dropped"),
    "refused": QT_TRANSLATE_NOOP("SyncChannels", "Refused"),
}
