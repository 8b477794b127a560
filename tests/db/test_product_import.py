"""Importing and exporting products through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from shopdesk.db.models import Barcode
from shopdesk.domain.catalogue import ListingStatus
from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.services.catalogue import ProductFilter
from shopdesk.services.product_export import ProductExport
from shopdesk.services.product_import import ImportCancelled, ImportOptions, ProductImport
from tests.factories import ean13, product
from tests.imports.files import chinese_rows, write_csv, write_xlsx


def skus(shop) -> list[str]:
    return [r.sku for r in shop.catalogue.list_products(ProductFilter(include_archived=True))]


def test_a_chinese_excel_csv_becomes_products_with_categories_barcodes_and_pinyin_search(shop, tmp_path) -> None:
    rows = chinese_rows(3)
    path = write_csv(tmp_path / "商品.csv", rows, encoding="gbk")
    result = ProductImport(shop).run(path, ImportOptions())
    assert (result.created, result.updated, result.skipped_rows) == (3, 0, [])
    assert result.encoding == "gb18030"
    detail = shop.catalogue.find_by_code(rows[2][4])
    assert detail is not None
    assert detail.draft.sku == "TS-002"
    assert (detail.draft.price, detail.draft.cost, detail.draft.weight_g) == (5900, 2150, 180)
    assert detail.draft.category_path == "服装/上衣/T恤"
    assert detail.draft.status == ListingStatus.LISTED
    assert shop.catalogue.count_products(ProductFilter(text="cmdx")) == 3  # 纯棉短袖T恤 by pinyin initials


def test_one_bad_row_means_nothing_is_imported_and_every_problem_is_listed(shop, tmp_path) -> None:
    rows = chinese_rows(4)
    rows[2][2] = "-5"  # row 3: negative price
    rows[4][4] = "6901234567890"  # row 5: wrong check digit
    rows[4][1] = "名" * 300  # row 5: name far too long
    path = write_csv(tmp_path / "p.csv", rows)
    with pytest.raises(ValidationFailed) as err:
        ProductImport(shop).run(path, ImportOptions())
    assert [p.where for p in err.value.problems] == [
        "row 3, column C (售价)",
        "row 5, column B (名称)",
        "row 5, column E (条码)",
    ]
    assert "3 problem(s) in 2 row(s); nothing was imported" in err.value.headline
    assert skus(shop) == []


def test_importing_only_the_good_rows_skips_the_bad_ones(shop, tmp_path) -> None:
    rows = chinese_rows(3)
    rows[2][2] = "abc"
    result = ProductImport(shop).run(write_csv(tmp_path / "p.csv", rows), ImportOptions(good_rows_only=True))
    assert (result.created, result.skipped_rows) == (2, [3])
    assert [str(p) for p in result.problems] == ["row 3, column C (售价): Price is not a number (found: 'abc')"]
    assert skus(shop) == ["TS-001", "TS-003"]


def test_duplicate_skus_in_one_file_change_nothing(shop, tmp_path) -> None:
    rows = chinese_rows(2)
    rows[2][0] = "ts-001"
    with pytest.raises(ValidationFailed, match="SKU appears more than once in this file"):
        ProductImport(shop).run(write_csv(tmp_path / "p.csv", rows), ImportOptions())
    assert skus(shop) == []


def test_reimporting_updates_existing_skus_whatever_their_case_instead_of_duplicating(shop, tmp_path) -> None:
    old_code = ean13()
    pid = shop.catalogue.create_product(
        product("TS-001", name="旧名称", price=100, barcodes=[old_code], tags=["keep"], description="说明")
    )
    new_code = ean13()
    path = write_csv(tmp_path / "p.csv", [["SKU", "Name", "Price", "Barcode"], ["ts-001", "新名称", "79.90", new_code]])
    result = ProductImport(shop).run(path, ImportOptions())
    assert (result.created, result.updated) == (0, 1)
    detail = shop.catalogue.get_product(pid)
    assert (detail.draft.sku, detail.draft.name, detail.draft.price) == ("TS-001", "新名称", 7990)
    assert detail.draft.barcodes == [new_code]
    assert (detail.draft.tags, detail.draft.description) == (["keep"], "说明")  # not in the file: kept
    assert detail.version == 2
    assert shop.catalogue.find_by_code(old_code) is None
    assert skus(shop) == ["TS-001"]


def test_reimporting_the_same_file_leaves_every_product_untouched_and_says_so(shop, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(3))
    ProductImport(shop).run(path, ImportOptions())
    again = ProductImport(shop).run(path, ImportOptions())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert {shop.catalogue.find_by_code(sku).version for sku in ("TS-001", "TS-002", "TS-003")} == {1}  # type: ignore[union-attr]


def test_search_finds_products_by_their_new_name_after_a_reimport_and_still_after_a_price_list(shop, tmp_path) -> None:
    headings = ["SKU", "Name", "Price"]
    importer = ProductImport(shop)
    importer.run(write_csv(tmp_path / "a.csv", [headings, ["M1", "陶瓷马克杯", "25"]]), ImportOptions())
    importer.run(write_csv(tmp_path / "b.csv", [headings, ["M1", "陶瓷马克杯", "29"]]), ImportOptions())
    assert shop.catalogue.count_products(ProductFilter(text="tcmkb")) == 1
    importer.run(write_csv(tmp_path / "c.csv", [headings, ["M1", "不锈钢保温杯", "29"]]), ImportOptions())
    assert shop.catalogue.count_products(ProductFilter(text="tcmkb")) == 0
    assert shop.catalogue.count_products(ProductFilter(text="baowenbei")) == 1


def test_barcodes_are_stored_with_their_kind(shop, tmp_path) -> None:
    codes = [ean13(), "012345678905", "96385074", "INT-0042"]
    path = write_csv(tmp_path / "p.csv", [["SKU", "Name", "Barcodes"], ["A1", "Mug", ", ".join(codes)]])
    ProductImport(shop).run(path, ImportOptions())
    with shop.db.read() as conn:
        kinds = dict(conn.execute(select(Barcode.code, Barcode.kind)).all())
    assert kinds == {codes[0]: "ean13", "012345678905": "upca", "96385074": "ean8", "INT-0042": "code128"}


def test_a_barcode_of_another_product_is_refused_but_may_move_between_products_in_the_file(shop, tmp_path) -> None:
    code = ean13()
    shop.catalogue.create_product(product("OWNER", barcodes=[code]))
    taken = write_csv(tmp_path / "taken.csv", [["SKU", "Name", "Barcode"], ["NEW-1", "Mug", code]])
    with pytest.raises(ValidationFailed) as err:
        ProductImport(shop).run(taken, ImportOptions())
    assert [str(p) for p in err.value.problems] == [
        f"row 2, column C (Barcode): barcode already belongs to OWNER (found: '{code}')"
    ]
    other = ean13()
    moved = write_csv(
        tmp_path / "moved.csv", [["SKU", "Name", "Barcode"], ["OWNER", "Mug", other], ["NEW-1", "Mug 2", code]]
    )
    ProductImport(shop).run(moved, ImportOptions())
    found = shop.catalogue.find_by_code(code)
    assert found is not None and found.draft.sku == "NEW-1"


def test_variants_name_their_parent_on_any_row_of_the_file(shop, tmp_path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [
            ["货号", "名称", "款号", "规格"],
            ["TS-001-R-M", "T恤 红 M", "TS-001", "红色 / M"],
            ["TS-001", "T恤", "", ""],
            ["TS-009-B-L", "T恤 蓝 L", "TS-404", "蓝色 / L"],
        ],
    )
    with pytest.raises(ValidationFailed) as err:
        ProductImport(shop).run(path, ImportOptions())
    assert [p.where for p in err.value.problems] == ["row 4, column C (款号)"]
    ProductImport(shop).run(path, ImportOptions(good_rows_only=True))
    parent = shop.catalogue.find_by_code("TS-001")
    assert parent is not None and parent.is_parent and parent.variant_skus == ["TS-001-R-M"]


def test_a_price_list_for_variants_leaves_their_parents_alone(shop, tmp_path) -> None:
    shop.catalogue.create_product(product("TS-001", name="T恤"))
    shop.catalogue.create_product(product("TS-001-R-M", name="T恤 红 M", parent_sku="TS-001", price=5900))
    path = write_csv(tmp_path / "prices.csv", [["SKU", "Name", "Price"], ["TS-001-R-M", "T恤 红 M", "49.00"]])
    ProductImport(shop).run(path, ImportOptions())
    variant = shop.catalogue.find_by_code("TS-001-R-M")
    assert variant is not None
    assert (variant.draft.price, variant.draft.parent_sku) == (4900, "TS-001")


def test_a_variant_keeps_its_parent_from_the_shop_when_the_parents_row_is_skipped(shop, tmp_path) -> None:
    shop.catalogue.create_product(product("TS-001", name="T恤"))
    rows = [
        ["SKU", "Name", "Price", "Parent SKU"],
        ["TS-001", "T恤", "oops", ""],
        ["TS-001-B-L", "T恤 蓝 L", "59", "TS-001"],
    ]
    result = ProductImport(shop).run(write_csv(tmp_path / "p.csv", rows), ImportOptions(good_rows_only=True))
    assert (result.created, result.skipped_rows) == (1, [2])
    assert shop.catalogue.find_by_code("TS-001").variant_skus == ["TS-001-B-L"]  # type: ignore[union-attr]


def test_xlsx_with_title_rows_leading_zero_skus_and_barcodes_typed_as_numbers(shop, tmp_path) -> None:
    code = ean13()
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [["春季商品清单"], ["仓库：上海"], ["货号", "名称", "售价", "条码"], ["00123", "保温杯", 39.9, int(code)]],
    )
    preview = ProductImport(shop).preview(path, ImportOptions())
    assert (preview.header_row, preview.new_count, preview.problems) == (3, 1, [])
    ProductImport(shop).run(path, ImportOptions())
    detail = shop.catalogue.find_by_code(code)
    assert detail is not None
    assert (detail.draft.sku, detail.draft.price) == ("00123", 3990)


def test_a_file_without_the_sku_column_writes_nothing(shop, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", [["名称", "售价"], ["保温杯", "39"]])
    with pytest.raises(ValidationFailed, match="missing required column SKU"):
        ProductImport(shop).run(path, ImportOptions(good_rows_only=True))
    assert skus(shop) == []


def test_the_column_mapping_chosen_once_is_remembered_for_the_same_layout(shop, tmp_path) -> None:
    headings = ["Artikel", "Bezeichnung", "VK"]
    first = write_csv(tmp_path / "jan.csv", [headings, ["A1", "Becher", "3,20"]], delimiter=";")
    importer = ProductImport(shop)
    assert importer.preview(first, ImportOptions()).mapping_source == "guessed"
    chosen = {"sku": "Artikel", "name": "Bezeichnung", "price": "VK"}
    importer.run(first, ImportOptions(mapping=chosen))
    second = write_csv(
        tmp_path / "feb.csv", [["artikel", "BEZEICHNUNG", "VK"], ["A2", "Teller", "12,50"]], delimiter=";"
    )
    preview = importer.preview(second, ImportOptions())
    assert preview.mapping_source == "remembered"
    assert preview.mapping == {"sku": "artikel", "name": "BEZEICHNUNG", "price": "VK"}
    assert preview.decimal_comma is True
    importer.run(second, ImportOptions())
    detail = shop.catalogue.find_by_code("A2")
    assert detail is not None and detail.draft.price == 1250


def test_dry_run_and_preview_write_nothing(shop, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(2))
    importer = ProductImport(shop)
    result = importer.run(path, ImportOptions(), dry_run=True)
    assert (result.created, result.dry_run) == (2, True)
    preview = importer.preview(path, ImportOptions())
    assert (preview.total_rows, preview.new_count, preview.update_count) == (2, 2, 0)
    assert preview.sample[0][:2] == ["TS-001", "纯棉短袖T恤 1号"]
    assert skus(shop) == []
    assert importer.preview(path, ImportOptions()).mapping_source == "guessed"  # nothing remembered either


def test_cancelling_half_way_writes_nothing(shop, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", chinese_rows(1200))
    seen: list[tuple[int, int]] = []

    def stop_when_writing() -> bool:
        return bool(seen) and seen[-1][0] > seen[-1][1] // 2

    with pytest.raises(ImportCancelled, match="nothing was imported"):
        ProductImport(shop).run(
            path, ImportOptions(), progress=lambda d, t: seen.append((d, t)), cancelled=stop_when_writing
        )
    assert skus(shop) == []
    assert seen == sorted(seen)


def test_export_then_import_round_trips_tricky_products(shop, tmp_path) -> None:
    code = ean13()
    shop.catalogue.create_product(product("TS-001", name="T恤", category_path="服装/上衣"))
    shop.catalogue.create_product(
        product(
            "00123",
            name='=HYPERLINK("http://evil")',
            alt_name="-20% sale",
            barcodes=[code, "INT-7"],
            tags=["夏季", "新品"],
            parent_sku="TS-001",
            variant_label="红色 / M",
            description="line one\nline two",
            weight_g=250,
            price=123456,
        )
    )
    before = {sku: shop.catalogue.find_by_code(sku).draft for sku in ("TS-001", "00123")}  # type: ignore[union-attr]
    for name in ("p.csv", "p.xlsx"):
        result = ProductExport(shop).run(tmp_path / name, language="zh" if name.endswith("xlsx") else "en")
        assert result.count == 2
        again = ProductImport(shop).run(tmp_path / name, ImportOptions())
        assert (again.created, again.updated, again.unchanged, again.problems) == (0, 0, 2, [])
        after = {sku: shop.catalogue.find_by_code(sku).draft for sku in ("TS-001", "00123")}  # type: ignore[union-attr]
        assert after == before
    raw = (tmp_path / "p.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")
    cell = load_workbook(tmp_path / "p.xlsx")["Products"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://evil")', "s", True)


def test_export_skips_archived_products_unless_asked(shop, tmp_path) -> None:
    shop.catalogue.create_product(product("KEEP"))
    shop.catalogue.set_archived(shop.catalogue.create_product(product("OLD")), True)
    assert ProductExport(shop).run(tmp_path / "a.csv").count == 1
    assert ProductExport(shop).run(tmp_path / "b.csv", include_archived=True).count == 2


def test_an_export_over_a_file_open_in_excel_leaves_it_as_it_was_and_no_partial_file(
    shop, tmp_path, monkeypatch
) -> None:
    shop.catalogue.create_product(product("A1"))
    target = tmp_path / "products.xlsx"
    target.write_bytes(b"last month's export")

    def locked_by_excel(src, dst) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("shopdesk.services.product_export.os.replace", locked_by_excel)
    with pytest.raises(ShopDeskError, match="If the file is open in Excel, close it"):
        ProductExport(shop).run(target)
    assert target.read_bytes() == b"last month's export"
    assert [p.name for p in tmp_path.iterdir() if "products" in p.name] == ["products.xlsx"]


def test_export_needs_a_csv_or_xlsx_name_in_an_existing_folder(shop, tmp_path) -> None:
    with pytest.raises(ShopDeskError, match=r"must end in \.csv or \.xlsx"):
        ProductExport(shop).run(tmp_path / "p.pdf")
    with pytest.raises(ShopDeskError, match="does not exist"):
        ProductExport(shop).run(tmp_path / "missing" / "p.csv")


def test_an_imported_price_list_leaves_each_change_in_the_audit_trail(shop, tmp_path) -> None:
    from shopdesk.services.audit import AuditFilter, events

    importer, headings = ProductImport(shop), ["SKU", "Name", "Price", "Cost"]
    importer.run(
        write_csv(tmp_path / "first.csv", [headings, ["M1", "陶瓷马克杯", "25", "10"], ["P1", "笔", "3", "1"]]),
        ImportOptions(),
    )
    importer.run(
        write_csv(tmp_path / "prices.csv", [headings, ["M1", "陶瓷马克杯", "29", "11.50"], ["P1", "笔", "3", "1"]]),
        ImportOptions(),
    )

    edited = events(shop.db, AuditFilter(entity="product", action="edited"))
    assert [(e.entity_label, e.changes, e.reason, e.user) for e in edited] == [
        ("M1", {"price": [2500, 2900], "cost": [1000, 1150]}, "import prices.csv", shop.user)
    ]  # the pen did not change: no event
    created = events(shop.db, AuditFilter(entity="product", action="created"))
    assert sorted(e.entity_label for e in created) == ["M1", "P1"]
    assert {e.reason for e in created} == {"import first.csv"}
