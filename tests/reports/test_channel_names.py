"""The workbooks name sales channels as the app does: 淘宝 and 手工单 in Chinese, Taobao and Manual in English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine

from shopdesk.reports import terms
from shopdesk.services.report_common import ReportParams
from shopdesk.services.reports import Reports
from tests.reports.reading import column, open_book
from tests.reports.shop_month import build_october

DECEMBER = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def october(sqlite_shop):
    build_october(sqlite_shop)
    with time_machine.travel(DECEMBER, tick=True):
        yield Reports(sqlite_shop)


@pytest.mark.parametrize(
    ("language", "sales", "channels", "names"),
    [
        ("zh_CN", "销售明细", "渠道贡献", {"手工单", "淘宝"}),
        ("en", "Sales", "Channels", {"Manual", "Taobao"}),
    ],
)
def test_the_month_end_workbook_names_channels_in_its_language(
    october, tmp_path: Path, language: str, sales: str, channels: str, names: set[str]
) -> None:
    path, _ = october.month_end("2026-10", tmp_path / "month.xlsx", language)
    book = open_book(path)
    channel = "渠道" if language == "zh_CN" else "Channel"
    assert set(column(book[sales], channel)) == names
    assert set(column(book[channels], channel)) == names


def test_sales_by_channel_names_channels_in_the_reports_language(october) -> None:
    october_1, november_1 = dt.datetime(2026, 10, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    params = ReportParams(start=october_1, end=november_1, by="channel", language="zh_CN")
    table = october.sales_by(params).tables[0]
    assert {row[0] for row in table.rows} == {"手工单", "淘宝"}


def test_a_channel_the_app_does_not_know_is_shown_as_stored() -> None:
    assert terms.channel("kuaishou", "zh_CN") == "kuaishou"
    assert terms.channel("pinduoduo", "zh_CN") == "拼多多" and terms.channel("pinduoduo", "en") == "Pinduoduo"
