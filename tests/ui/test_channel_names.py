"""The app and the workbooks call a sales channel the same: the Orders tab's 淘宝 is the workbook's 淘宝."""

from __future__ import annotations

import pytest

from shopdesk.reports import terms
from shopdesk.ui.i18n import CHINESE, ENGLISH, install_translations, remove_translations
from shopdesk.ui.orders.labels import CHANNEL, label


@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_every_channel_the_app_names_has_the_same_name_in_the_workbooks(qapp, language: str) -> None:
    translators = install_translations(qapp, language)
    try:
        app = {code: label(CHANNEL, code) for code in CHANNEL}
    finally:
        remove_translations(qapp, translators)
    workbook = {code: terms.channel(code, language) for code in terms.CHANNELS}
    assert app == workbook
    assert (app["taobao"], app["manual"]) == (("淘宝", "手工单") if language == CHINESE else ("Taobao", "Manual"))
