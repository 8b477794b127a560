"""File dialogs that never open the files they list: use these instead of QFileDialog's static functions.

Why: on Linux and macOS, closing ANY file descriptor of a file drops every fcntl lock this
process holds on that file. SQLite keeps its locks on the open shop file (and on its -shm
file in WAL mode) that way. Qt's own file dialog asks its icon provider for each listed
file's type and icon, and the default provider asks QMimeDatabase, which opens and reads
the file to sniff its content and closes it again. A dialog showing the shop's folder
(Save pick list..., Export, Back up...) therefore silently dropped SQLite's locks; another
program (the CLI, a second ShopDesk) then believed the shop closed, deleted the WAL the
app was still writing into, and work was lost and the file came out corrupt.

So these dialogs use NameOnlyIconProvider, which decides a file's type and icon from its
name alone. The rest of what the dialog does (QFileSystemModel listing the folder, the
name completer, watching the folder for changes) only stats files and watches folders,
which takes no file descriptor on a listed file.

On Linux (and any system other than Windows and macOS) the dialog is always Qt's own:
a "native" dialog there is GTK's, run inside this process, and it too reads unknown files
to guess their type. On Windows the native dialog is kept: Windows locks belong to a file
handle, so another handle opened and closed by Explorer's code cannot drop SQLite's. On
macOS the native panel is kept as well, as Qt would choose it anyway.

Every helper returns what the QFileDialog static function of the same name returns.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QFileInfo, QMimeDatabase, QSettings
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

Option = QFileDialog.Option
NO_OPTIONS = Option(0)


class NameOnlyIconProvider(QFileIconProvider):
    """Gives a file's type and icon from its name, never by opening it (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        self._mime = QMimeDatabase()

    def icon(self, which: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:  # type: ignore[override]
        if not isinstance(which, QFileInfo):
            return super().icon(which)
        if which.isRoot():
            return super().icon(QAbstractFileIconProvider.IconType.Drive)
        if which.isDir():
            return super().icon(QAbstractFileIconProvider.IconType.Folder)
        return super().icon(QAbstractFileIconProvider.IconType.File)

    def type(self, info: QFileInfo) -> str:
        if info.isFile():  # the base class would sniff the content here; the name is enough to choose a file
            mime = self._mime.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)
            return mime.comment() or mime.name()
        return super().type(info)  # a folder, a drive or a broken link: decided without opening anything


_provider: NameOnlyIconProvider | None = None


def icon_provider() -> NameOnlyIconProvider:
    """The one provider all dialogs share (QFileDialog does not own the provider it is given)."""
    global _provider
    if _provider is None:
        _provider = NameOnlyIconProvider()
    return _provider


def uses_qt_dialog() -> bool:
    """True where the dialog must be Qt's own, so the provider above is the one asked (see the module docstring)."""
    return sys.platform not in ("win32", "darwin")


LAST_FOLDER_KEY = "file_dialogs/last_folder"


def _store() -> QSettings:
    from shopdesk.config import config_dir

    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def start_in(directory: str) -> str:
    """Where a dialog opens. A caller with no real opinion (nothing, a bare file name, or the home folder) gets the
    folder chosen last time, else the Documents folder; a file name is kept, so Save offers it there."""
    given = Path(directory) if directory else Path()
    folder, name = (given, "") if not directory or given.is_dir() else (given.parent, given.name)
    if directory and folder not in (Path(), Path.home()):
        return directory
    last = str(_store().value(LAST_FOLDER_KEY, "") or "")
    documents = Path(platformdirs.user_documents_dir())
    start = Path(last) if last and Path(last).is_dir() else documents if documents.is_dir() else Path.home()
    return str(start / name) if name else str(start)


def remember(paths: list[str]) -> None:
    """The folder of what was chosen, for the next dialog."""
    if paths:
        chosen = Path(paths[0])
        _store().setValue(LAST_FOLDER_KEY, str(chosen if chosen.is_dir() else chosen.parent))


def make_dialog(
    parent: QWidget | None, caption: str, directory: str, filter: str, options: QFileDialog.Option
) -> QFileDialog:
    """A file dialog set up like the static functions' one, with the name-only icon provider."""
    dialog = QFileDialog(parent, caption, start_in(directory), filter)
    options |= Option.DontUseCustomDirectoryIcons
    if uses_qt_dialog():
        options |= Option.DontUseNativeDialog
    dialog.setOptions(options)
    dialog.setIconProvider(icon_provider())
    return dialog


def _ask(
    parent: QWidget | None,
    caption: str,
    directory: str,
    filter: str,
    selected_filter: str,
    options: QFileDialog.Option,
    mode: QFileDialog.FileMode,
    save: bool = False,
) -> tuple[list[str], str]:
    """Run one dialog: (chosen paths, chosen filter), or ([], "") when cancelled; the folder is remembered."""
    dialog = make_dialog(parent, caption, directory, filter, options)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if selected_filter:
        dialog.selectNameFilter(selected_filter)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return [], ""
        files = dialog.selectedFiles()
        remember(files)
        return files, dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def getSaveFileName(
    parent: QWidget | None = None,
    caption: str = "",
    dir: str = "",
    filter: str = "",
    selectedFilter: str = "",
    options: QFileDialog.Option = NO_OPTIONS,
) -> tuple[str, str]:
    """Ask for a file to save to: (path, chosen filter), or ("", "") when cancelled."""
    files, chosen = _ask(parent, caption, dir, filter, selectedFilter, options, QFileDialog.FileMode.AnyFile, True)
    return (files[0], chosen) if files else ("", "")


def getOpenFileName(
    parent: QWidget | None = None,
    caption: str = "",
    dir: str = "",
    filter: str = "",
    selectedFilter: str = "",
    options: QFileDialog.Option = NO_OPTIONS,
) -> tuple[str, str]:
    """Ask for one existing file: (path, chosen filter), or ("", "") when cancelled."""
    files, chosen = _ask(parent, caption, dir, filter, selectedFilter, options, QFileDialog.FileMode.ExistingFile)
    return (files[0], chosen) if files else ("", "")


def getOpenFileNames(
    parent: QWidget | None = None,
    caption: str = "",
    dir: str = "",
    filter: str = "",
    selectedFilter: str = "",
    options: QFileDialog.Option = NO_OPTIONS,
) -> tuple[list[str], str]:
    """Ask for existing files: (paths, chosen filter), or ([], "") when cancelled."""
    return _ask(parent, caption, dir, filter, selectedFilter, options, QFileDialog.FileMode.ExistingFiles)


def getExistingDirectory(
    parent: QWidget | None = None,
    caption: str = "",
    dir: str = "",
    options: QFileDialog.Option = Option.ShowDirsOnly,
) -> str:
    """Ask for a folder: its path, or "" when cancelled."""
    files, _chosen = _ask(parent, caption, dir, "", "", options, QFileDialog.FileMode.Directory)
    return files[0] if files else ""
