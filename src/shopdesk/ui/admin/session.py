"""Who is working: log out and let someone else log in, or log in again after the shop was reopened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopdesk.services.users import Users
from shopdesk.ui.login import LoginDialog

if TYPE_CHECKING:
    from shopdesk.services.shop import Shop
    from shopdesk.ui.main_window import MainWindow


def log_in_again(window: MainWindow, shop: Shop) -> bool:
    """With users switched on, ask who is working now; cancelling closes the shop and the window.

    A shop without users opens as before: its person acts as the owner.
    """
    users = Users(shop)
    if not users.enabled():
        return True
    dialog = LoginDialog(users, window)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.user is None:
        shop.close()
        window.close()  # as at start-up: nobody logged in, no shop shown
        return False
    shop.log_in(dialog.user.name, dialog.user.role)
    return True


def switch_user(window: MainWindow) -> None:
    """Log out: the tabs go, the login dialog asks who is next, and the tabs come back for them."""
    shop = window.close_shop()
    if shop is not None and log_in_again(window, shop):
        window.set_shop(shop)


def users_are_on(window: MainWindow) -> bool:
    return window.shop is not None and Users(window.shop).enabled()
