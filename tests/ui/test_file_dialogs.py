"""A file dialog showing the shop's folder must leave SQLite's locks on the open shop file alone.

On Linux closing any descriptor of a file drops all of this process's fcntl locks on it, so a
dialog that opened shop.sqlite-shm to guess its type let another program delete the WAL the
app was still writing into. /proc/locks shows the locks this process holds (Linux only).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit
from sqlalchemy import text

from shopdesk.ui.widgets import file_dialogs

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads this process's locks in /proc/locks")

TYPE_COLUMN = 2  # QFileSystemModel: name, size, type, date modified


def shop_files(shop_file: Path) -> list[Path]:
    return [shop_file, shop_file.with_name(shop_file.name + "-wal"), shop_file.with_name(shop_file.name + "-shm")]


def locks_held_on(shop_file: Path) -> list[tuple[str, str, str, str]]:
    """This process's locks on the shop file and its -wal and -shm: (file, kind, start, end) each."""
    inodes = {str(p.stat().st_ino): p.name for p in shop_files(shop_file) if p.exists()}
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a lock someone waits for, not one held
            continue
        _number, _posix, _advisory, kind, pid, device_inode, start, end = fields[:8]
        inode = device_inode.rsplit(":", 1)[1]
        if pid == str(os.getpid()) and inode in inodes:
            held.append((inodes[inode], kind, start, end))
    return sorted(held)


@pytest.fixture
def reading_shop(sqlite_shop):
    """The shop in the middle of a read, as when a list is loading: SQLite holds its locks on the file."""
    with sqlite_shop.db.read() as conn:
        conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        assert all(p.exists() for p in shop_files(sqlite_shop.db.file)), "the shop is in WAL mode"
        assert locks_held_on(sqlite_shop.db.file), "SQLite holds locks while reading"
        yield sqlite_shop


def listed_types(dialog: QFileDialog, folder: Path) -> dict[str, str]:
    """The name and Type column of every entry the dialog lists in the folder."""
    model = dialog.findChild(QFileSystemModel)
    root = model.index(str(folder))
    return {
        model.index(row, 0, root).data(): model.index(row, TYPE_COLUMN, root).data() or ""
        for row in range(model.rowCount(root))
    }


# The name box's completer pops up a list, which the headless test platform cannot raise or give the keyboard.
@pytest.mark.qt_log_ignore("^This plugin does not support (raise|grabbing the keyboard)")
def test_saving_a_pick_list_from_a_dialog_showing_the_shops_folder_keeps_the_shops_locks(qtbot, reading_shop) -> None:
    shop_file = reading_shop.db.file
    before = locks_held_on(shop_file)
    dialog = file_dialogs.make_dialog(
        None, "Save pick list", str(shop_file.parent / "pick list.pdf"), "", QFileDialog.Option(0)
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    names = {p.name for p in shop_files(shop_file)}
    # Wait until the dialog has worked out the type of every shop file: that is when it used to open them.
    qtbot.waitUntil(lambda: names <= {n for n, t in listed_types(dialog, shop_file.parent).items() if t})
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.clear()
    qtbot.keyClicks(name_box, str(shop_file.parent) + os.sep + shop_file.stem)  # the completer lists the shop files
    completer = name_box.completer()
    qtbot.waitUntil(lambda: completer.completionCount() == len(names))
    assert locks_held_on(shop_file) == before


def test_the_icon_provider_tells_type_and_icon_without_opening_a_file(qtbot, reading_shop) -> None:
    shop_file = reading_shop.db.file
    before = locks_held_on(shop_file)
    provider = file_dialogs.icon_provider()
    for path in shop_files(shop_file):
        info = QFileInfo(str(path))
        provider.type(info)
        assert not provider.icon(info).isNull()
    assert locks_held_on(shop_file) == before
    assert provider.type(QFileInfo(str(shop_file.parent))) == "Folder"


def answer_the_dialog(with_name: str | None) -> list[QFileDialog]:
    """Type a name and press Save in the dialog about to open (or cancel it, given None)."""
    seen: list[QFileDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog)
        if with_name is None:
            dialog.reject()
        else:
            dialog.findChild(QLineEdit, "fileNameEdit").setText(with_name)
            dialog.accept()

    QTimer.singleShot(0, answer)
    return seen


def test_the_save_dialog_answers_like_qts_own_with_the_path_and_the_chosen_filter(qtbot, tmp_path) -> None:
    seen = answer_the_dialog("stock count.csv")
    path, chosen = file_dialogs.getSaveFileName(
        None, "Export", str(tmp_path / "export.pdf"), "PDF (*.pdf);;CSV (*.csv)", "CSV (*.csv)"
    )
    assert (path, chosen) == (str(tmp_path / "stock count.csv"), "CSV (*.csv)")
    assert seen[0].testOption(QFileDialog.Option.DontUseNativeDialog) == file_dialogs.uses_qt_dialog()
    assert seen[0].iconProvider() is file_dialogs.icon_provider()


def test_a_cancelled_dialog_answers_nothing(qtbot, tmp_path) -> None:
    answer_the_dialog(None)
    assert file_dialogs.getOpenFileName(None, "Restore", str(tmp_path)) == ("", "")
    answer_the_dialog(None)
    assert file_dialogs.getOpenFileNames(None, "Evidence files", str(tmp_path)) == ([], "")
    answer_the_dialog(None)
    assert file_dialogs.getExistingDirectory(None, "Backups folder", str(tmp_path)) == ""


def test_opening_an_existing_file_answers_its_path(qtbot, tmp_path) -> None:
    (tmp_path / "orders.csv").write_text("order\n")
    answer_the_dialog("orders.csv")
    assert file_dialogs.getOpenFileName(None, "Import orders", str(tmp_path), "CSV (*.csv)") == (
        str(tmp_path / "orders.csv"),
        "CSV (*.csv)",
    )


def test_a_dialog_opens_where_the_last_file_was_chosen_unless_the_caller_names_a_folder(qapp, tmp_path) -> None:
    from pathlib import Path

    from shopdesk.ui.widgets.file_dialogs import remember, start_in

    first = Path(start_in(str(Path.home() / "pick-list.pdf")))  # nothing chosen yet: Documents (or home)
    assert first.name == "pick-list.pdf"
    remember([str(tmp_path / "labels.pdf")])  # the person saved labels into their own folder
    assert start_in(str(Path.home() / "pick-list.pdf")) == str(tmp_path / "pick-list.pdf")
    assert start_in("") == str(tmp_path)
    elsewhere = tmp_path / "backups"
    elsewhere.mkdir()
    assert start_in(str(elsewhere)) == str(elsewhere)  # a folder the caller chose on purpose is kept
