"""The settings dialog: database location and language, saved for the next start."""

from __future__ import annotations

from shopdesk.config import Settings, resolve_database
from shopdesk.ui.settings.dialog import SettingsDialog


def test_choose_another_shop_file_and_chinese(qtbot, tmp_path) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    assert dialog.use_default.isChecked()
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(tmp_path / "branch.sqlite"))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = Settings.load()
    assert (saved.database, saved.language) == (str(tmp_path / "branch.sqlite"), "zh_CN")
    assert resolve_database(None) == str(tmp_path / "branch.sqlite")


def test_a_server_address_that_is_not_postgresql_is_refused_next_to_the_field(qtbot) -> None:
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_server.setChecked(True)
    dialog.url.setText("mysql://shop@server/shop")
    dialog.save()
    assert dialog.url_field.message.isVisible()
    assert dialog.url_field.message.text() == "Enter a URL starting with postgresql+psycopg://"
    assert not Settings.path().exists()


def test_the_dialog_shows_what_was_saved_and_back_to_the_default_file(qtbot) -> None:
    Settings(database="postgresql+psycopg://shop@server/shop", language="en").save()
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    assert dialog.use_server.isChecked() and dialog.url.text() == "postgresql+psycopg://shop@server/shop"
    assert dialog.language.currentData() == "en"
    dialog.use_default.setChecked(True)
    dialog.save()
    assert Settings.load().database == ""


def test_how_many_daily_backups_are_kept_is_chosen_and_used(qtbot, tmp_path) -> None:
    from datetime import date, timedelta

    from shopdesk.db.backup import daily_backup

    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    assert dialog.backups_kept.value() == 14
    dialog.backups_kept.setValue(3)
    dialog.save()
    kept = Settings.load().backups_kept
    assert kept == 3
    shop_file = tmp_path / "shop.sqlite"
    import sqlite3

    with sqlite3.connect(shop_file) as conn:
        conn.execute("CREATE TABLE t (x)")
    folder = tmp_path / "backups"
    for day in range(5):  # five days of use: only the newest three stay
        daily_backup(shop_file, folder, kept, today=date(2026, 12, 1) + timedelta(days=day))
    assert sorted(p.name for p in folder.iterdir()) == [
        "daily-2026-12-03.sqlite",
        "daily-2026-12-04.sqlite",
        "daily-2026-12-05.sqlite",
    ]


def test_a_shop_opened_with_db_is_named_so_the_setting_is_not_mistaken_for_it(qtbot, tmp_path) -> None:
    from shopdesk.config import default_database

    opened = tmp_path / "branch.sqlite"  # `shopdesk --db branch.sqlite`, while the setting says the default file
    dialog = SettingsDialog(Settings.load(), open_file=opened)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.use_default.isChecked()
    assert dialog.open_elsewhere.isVisible() and str(opened) in dialog.open_elsewhere.text()
    assert "started without them" in dialog.open_elsewhere.text()

    usual = SettingsDialog(Settings.load(), open_file=default_database())  # the usual start: nothing to say
    qtbot.addWidget(usual)
    usual.show()
    assert not usual.open_elsewhere.isVisible()
