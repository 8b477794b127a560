"""Reading the spreadsheets shops actually have: Chinese Excel CSVs, title rows, numbers as text."""

from __future__ import annotations

import codecs

import pytest

from shopdesk.imports.products import is_known_heading
from shopdesk.imports.tables import UnreadableFile, find_header_row, number_text, read_table
from tests.imports.files import chinese_rows, write_csv, write_xlsx


def test_a_short_gbk_file_from_chinese_excel_is_read_as_gb18030(tmp_path) -> None:
    # Two lines of GBK are the classic trap: generic detectors call them Korean (cp949).
    path = write_csv(
        tmp_path / "商品.csv", [["货号", "名称", "售价"], ["A001", "纯棉短袖T恤", "59.00"]], encoding="gbk"
    )
    table = read_table(path)
    assert table.encoding == "gb18030"
    assert table.rows == [["货号", "名称", "售价"], ["A001", "纯棉短袖T恤", "59.00"]]


def test_utf8_with_bom_leaves_no_stray_character_in_the_first_heading(tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(1), encoding="utf-8-sig")
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert table.rows[0][0] == "货号"


def test_plain_utf8_is_read_as_utf8(tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", [["SKU", "Name"], ["A1", "Café ☕ مرحبا"]])
    assert read_table(path).encoding == "utf-8"
    assert read_table(path).rows[1][1] == "Café ☕ مرحبا"


def test_semicolon_file_with_decimal_commas_is_split_on_semicolons(tmp_path) -> None:
    rows = [["SKU", "Name", "Price"], ["A1", "Mug", "3,20"], ["A2", "Plate", "12,50"]]
    table = read_table(write_csv(tmp_path / "p.csv", rows, delimiter=";"))
    assert table.delimiter == ";"
    assert table.rows == rows


def test_tab_separated_file_and_an_explicit_delimiter(tmp_path) -> None:
    rows = [["SKU", "Name", "Price"], ["A1", "Mug, blue", "3.20"]]
    assert read_table(write_csv(tmp_path / "p.tsv", rows, delimiter="\t")).rows == rows
    semicolons = write_csv(tmp_path / "p.csv", rows, delimiter=";")
    assert read_table(semicolons, delimiter=",").rows[1] == ["A1;Mug", " blue;3.20"]


def test_excel_sep_hint_line_names_the_delimiter_and_is_not_a_row(tmp_path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("sep=;\r\nSKU;Name\r\nA1;Mug\r\n", encoding="utf-8")
    table = read_table(path)
    assert (table.delimiter, table.rows) == (";", [["SKU", "Name"], ["A1", "Mug"]])


def test_row_numbers_are_spreadsheet_rows_even_with_a_two_line_description(tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", [["SKU", "Description"], ["A1", "line one\nline two"], ["A2", "x"]])
    assert read_table(path).rows[2] == ["A2", "x"]


def test_gbk_file_read_as_utf8_says_where_and_suggests_gb18030(tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(2), encoding="gbk")
    with pytest.raises(UnreadableFile) as err:
        read_table(path, encoding="utf-8")
    message = str(err.value)
    assert "is not UTF-8 text" in message
    assert "line 1" in message
    assert "GB18030" in message


def test_an_unknown_encoding_name_is_refused(tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(1))
    with pytest.raises(UnreadableFile, match="Unknown encoding 'klingon'"):
        read_table(path, encoding="klingon")


def test_binary_garbage_is_not_taken_for_a_csv(tmp_path) -> None:
    path = tmp_path / "products.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UnreadableFile, match="not a CSV or Excel file"):
        read_table(path)


def test_a_damaged_xlsx_is_reported_as_such(tmp_path) -> None:
    path = tmp_path / "products.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    with pytest.raises(UnreadableFile, match="not a readable Excel"):
        read_table(path)


def test_old_xls_workbooks_get_advice_to_save_as_xlsx(tmp_path) -> None:
    path = tmp_path / "products.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(UnreadableFile, match=r"save it as \.xlsx or CSV"):
        read_table(path)


def test_a_missing_file_and_a_folder_are_named(tmp_path) -> None:
    with pytest.raises(UnreadableFile, match="does not exist"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_table(tmp_path)


def test_excel_unicode_text_export_utf16_tabs(tmp_path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "货号\t名称\r\nA1\t杯子\r\n".encode("utf-16-le"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows == [["货号", "名称"], ["A1", "杯子"]]


def test_xlsx_keeps_leading_zeros_and_long_barcodes_typed_as_numbers(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [
            ["2024年春季商品清单"],
            ["导出时间：2024-03-01"],
            ["货号", "名称", "售价", "条码", "编号"],
            ["00123", "保温杯", 39.9, 6901234567892, 42],
            ["00124", "马克杯", 25, 6901234567892.0, 7],
        ],
        number_formats={5: "00000"},
    )
    table = read_table(path)
    assert table.sheet == "商品"
    assert table.rows[3] == ["00123", "保温杯", "39.9", "6901234567892", "00042"]
    assert table.rows[4] == ["00124", "马克杯", "25", "6901234567892", "00007"]
    assert find_header_row(table.rows, is_known_heading) == 3


def test_xlsx_sheet_by_name_and_a_missing_sheet(tmp_path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["SKU", "Name"]], sheet="Products")
    assert read_table(path, sheet="Products").sheet_names == ["Products"]
    with pytest.raises(UnreadableFile, match="has no sheet 'Stock'; its sheets are: Products"):
        read_table(path, sheet="Stock")


def test_the_quote_that_kept_a_formula_from_running_is_taken_off_again(tmp_path) -> None:
    rows = [["SKU", "Name"], ["A1", '\'=HYPERLINK("http://x")'], ["A2", "'-20% sale"], ["A3", "'s-Hertogenbosch mug"]]
    table = read_table(write_csv(tmp_path / "p.csv", rows))
    assert [r[1] for r in table.rows[1:]] == ['=HYPERLINK("http://x")', "-20% sale", "'s-Hertogenbosch mug"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (6901234567892.0, "6901234567892"),
        (19.9, "19.9"),
        (0.1 + 0.2, "0.30000000000000004"),
        (12, "12"),
        (1e-7, "0.0000001"),
    ],
)
def test_numbers_are_written_as_a_person_would_type_them(value, text) -> None:
    assert number_text(value) == text
