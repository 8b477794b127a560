"""Shop → Audit log answers "who allowed negative stock?": setting changes are listed as Setting, key, old → new."""

from __future__ import annotations

from shopdesk.domain.permissions import Role
from shopdesk.ui.admin.audit_log import AuditLogDialog


def test_the_audit_log_shows_who_allowed_negative_stock(qtbot, sqlite_shop, runner) -> None:
    sqlite_shop.log_in("王店长", Role.OWNER)
    sqlite_shop.set_setting("allow_negative_stock", True)
    sqlite_shop.reordering.set_window_days(45)
    dialog = AuditLogDialog(sqlite_shop, runner, "en")
    qtbot.addWidget(dialog)

    dialog.entity.setCurrentIndex(dialog.entity.findData("setting"))
    dialog.search.setText("negative")
    dialog.refresh()

    assert dialog.entity.currentText() == "Setting"
    assert [row[1:6] for row in dialog.rows()] == [
        ["王店长", "Setting", "allow_negative_stock", "edited", "allow_negative_stock: off → on"]
    ]
