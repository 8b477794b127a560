"""Product rows: headings in the shop's words, cells into a draft, and every problem placed in its cell."""

from __future__ import annotations

import pytest

from shopdesk.domain.catalogue import ListingStatus
from shopdesk.imports.product_rows import RowReader, detect_decimal_comma, mark_duplicates, merged
from shopdesk.imports.products import guess_mapping, layout_key, resolve_columns
from tests.factories import ean13
from tests.factories import product as product_draft

HEADINGS = [
    "商家编码",
    "商品名称",
    "零售价",
    "进价",
    "条形码",
    "类目",
    "计量单位",
    "重量（g）",
    "上架状态",
    "标签",
    "款号",
    "规格",
]


def reader_for(headings: list[str], *, decimal_comma: bool = False) -> RowReader:
    columns, problems = resolve_columns(headings, guess_mapping(headings), header_row=1)
    assert problems == []
    return RowReader(headings, columns, decimal_comma=decimal_comma)


def test_headings_from_a_chinese_shop_export_map_themselves() -> None:
    assert guess_mapping(HEADINGS) == {
        "sku": "商家编码",
        "name": "商品名称",
        "price": "零售价",
        "cost": "进价",
        "barcodes": "条形码",
        "category": "类目",
        "unit": "计量单位",
        "weight_g": "重量（g）",
        "status": "上架状态",
        "tags": "标签",
        "parent_sku": "款号",
        "variant_label": "规格",
    }


def test_english_headings_and_the_first_of_two_same_columns_wins() -> None:
    mapping = guess_mapping(["SKU", "Product name", "Retail price", "Barcode", "EAN", "Weight (g)", "English name"])
    assert mapping == {
        "sku": "SKU",
        "name": "Product name",
        "price": "Retail price",
        "barcodes": "Barcode",
        "weight_g": "Weight (g)",
        "alt_name": "English name",
    }


def test_same_layout_whatever_the_case_spacing_or_full_width_brackets() -> None:
    assert layout_key(["SKU", "重量（g）", "Name"]) == layout_key([" sku", "重量(g)", "NAME ", ""])
    assert layout_key(["SKU", "Name"]) != layout_key(["Name", "SKU"])


def test_a_file_without_a_sku_column_names_the_columns_it_does_have() -> None:
    headings = ["名称", "售价"]
    _, problems = resolve_columns(headings, guess_mapping(headings), header_row=3)
    assert [str(p) for p in problems] == [
        "row 3: missing required column SKU (货号): head a column SKU or 货号, or choose it in the column mapping "
        "(found: '名称, 售价')"
    ]


def test_a_chinese_row_becomes_a_product_draft() -> None:
    reader = reader_for(HEADINGS)
    code = ean13()
    row = reader.read(
        2,
        [
            "TS-001-R-M",
            "纯棉短袖T恤 红色",
            "¥1,234.50",
            "21",
            code,
            "服装 > 上衣 ＞ T恤",
            "件",
            "0.25kg",
            "下架",
            "夏季，新品",
            "TS-001",
            "红色 / M",
        ],
    )
    assert row.problems == []
    draft = row.draft
    assert (draft.sku, draft.name, draft.price, draft.cost) == ("TS-001-R-M", "纯棉短袖T恤 红色", 123450, 2100)
    assert draft.barcodes == [code]
    assert draft.category_path == "服装/上衣/T恤"
    assert (draft.unit, draft.weight_g, draft.status) == ("piece", 250, ListingStatus.DELISTED)
    assert (draft.tags, draft.parent_sku, draft.variant_label) == (["夏季", "新品"], "TS-001", "红色 / M")


def test_decimal_comma_prices_from_a_european_spreadsheet() -> None:
    reader = reader_for(["SKU", "Name", "Price", "Cost"], decimal_comma=True)
    row = reader.read(5, ["A1", "Mug", "1.234,50", "3,2"])
    assert (row.draft.price, row.draft.cost) == (123450, 320)


def test_a_price_whose_comma_cannot_be_a_thousands_separator_is_refused_not_multiplied_by_100() -> None:
    reader = reader_for(["SKU", "Name", "Price"])
    assert reader.read(2, ["A1", "Mug", "1,234.50"]).draft.price == 123450
    row = reader.read(3, ["A1", "Mug", "12,5"])
    assert row.draft.price == 0
    assert row.problems[0].where == "row 3, column C (Price)"
    assert row.problems[0].message.startswith("Price is ambiguous")
    comma_reader = reader_for(["SKU", "Name", "Price"], decimal_comma=True)
    assert comma_reader.read(2, ["A1", "Mug", "1.234,50"]).draft.price == 123450
    assert comma_reader.read(3, ["A1", "Mug", "12.50"]).problems[0].message.startswith("Price is ambiguous")


@pytest.mark.parametrize(
    ("texts", "comma"),
    [
        (["3,20", "12,50"], True),
        (["3.20", "1,234.50"], False),
        (["1,234"], False),
        (["3,20", "4.10"], False),
        ([], False),
    ],
)
def test_decimal_comma_is_detected_from_the_prices(texts, comma) -> None:
    assert detect_decimal_comma(texts) is comma


def test_every_bad_cell_is_reported_with_its_row_and_column() -> None:
    reader = reader_for(["SKU", "Name", "Price", "Barcode", "Status", "Weight (g)"])
    row = reader.read(7, ["A1", "Mug", "twelve", "6901234567890", "sold", "12.5"])
    problems = row.problems + reader.check(row, row.draft)
    assert [str(p) for p in problems] == [
        "row 7, column C (Price): Price is not a number (found: 'twelve')",
        "row 7, column E (Status): status must be 上架 (listed), 下架 (delisted) or 草稿 (draft) (found: 'sold')",
        "row 7, column F (Weight (g)): weight must be whole grams (found: '12.5')",
        "row 7, column D (Barcode): EAN-13 check digit is wrong: last digit is 0, should be 2 (found: '6901234567890')",
    ]


def test_a_negative_price_shows_what_the_file_said_not_minor_units() -> None:
    reader = reader_for(["SKU", "Name", "Price"])
    row = reader.read(4, ["A1", "Mug", "-5"])
    assert [str(p) for p in reader.check(row, row.draft)] == [
        "row 4, column C (Price): Price cannot be negative (found: '-5')"
    ]


def test_a_300_character_name_is_refused_and_the_found_text_is_shortened() -> None:
    reader = reader_for(["SKU", "Name"])
    row = reader.read(2, ["A1", "长" * 300])
    [problem] = reader.check(row, row.draft)
    assert problem.message == "Name is longer than 200 characters (300)"
    assert problem.where == "row 2, column B (Name)"
    assert len(problem.found or "") <= 60


def test_emoji_and_right_to_left_names_are_fine_but_not_in_skus_or_with_bidi_overrides() -> None:
    reader = reader_for(["SKU", "Name"])
    good = reader.read(2, ["A1", "🎁 هدية gift שלום"])
    assert reader.check(good, good.draft) == []
    emoji_sku = reader.read(3, ["GIFT🎁", "Gift box"])
    assert [p.where for p in reader.check(emoji_sku, emoji_sku.draft)] == ["row 3, column A (SKU)"]
    spoofed = reader.read(4, ["A2", "Invoice \u202egpj.exe"])
    [problem] = reader.check(spoofed, spoofed.draft)
    assert (problem.where, problem.message) == (
        "row 4, column B (Name)",
        "Name contains invisible text-direction control characters",
    )


def test_a_barcode_excel_rounded_to_scientific_notation_gets_advice() -> None:
    reader = reader_for(["SKU", "Name", "Barcode"])
    row = reader.read(9, ["A1", "Mug", "6.90123E+12"])
    assert row.problems[0].where == "row 9, column C (Barcode)"
    assert "format the column as Text" in row.problems[0].message


def test_the_same_sku_in_any_case_or_the_same_barcode_on_two_rows_marks_every_such_row() -> None:
    reader = reader_for(["SKU", "Name", "Barcode"])
    code = ean13()
    rows = [
        reader.read(2, ["ab-1", "Mug", code]),
        reader.read(3, ["AB-1", "Mug 2", ""]),
        reader.read(4, ["C-1", "Plate", code]),
    ]
    mark_duplicates(rows, reader)
    assert [[str(p) for p in r.problems] for r in rows] == [
        [
            "row 2, column A (SKU): SKU appears more than once in this file (rows 2, 3) (found: 'ab-1')",
            f"row 2, column C (Barcode): barcode is on more than one row of this file (rows 2, 4) (found: '{code}')",
        ],
        ["row 3, column A (SKU): SKU appears more than once in this file (rows 2, 3) (found: 'AB-1')"],
        [f"row 4, column C (Barcode): barcode is on more than one row of this file (rows 2, 4) (found: '{code}')"],
    ]


def test_empty_cells_keep_what_an_existing_product_has() -> None:
    reader = reader_for(["SKU", "Name", "Price", "Category", "Barcode"])
    code = ean13()
    existing = product_draft("A1", name="Old mug", price=900, category_path="家居", barcodes=[code], tags=["x"])
    row = reader.read(2, ["a1", "", "12", "", ""])
    after = merged(row, existing)
    assert (after.sku, after.name, after.price, after.category_path, after.barcodes, after.tags) == (
        "A1",
        "Old mug",
        1200,
        "家居",
        [code],
        ["x"],
    )
    assert merged(row, None).name == ""  # a new product with no name: the check says it is required
