"""Composition root: settings -> database -> services -> the Qt window.

Its Qt half lives in shopdesk.ui.application, since only the ui package imports PySide6;
this module is what the CLI and the packaging start from.
"""

from shopdesk.ui.application import run_gui, start_gui

__all__ = ["run_gui", "start_gui"]
