"""Labels, pick lists and packing slips made from real orders, read back as a scanner and a courier would."""

from __future__ import annotations

import pytest

from shopdesk.domain.errors import ShopDeskError, ValidationFailed
from shopdesk.domain.order_draft import ShipTo
from shopdesk.services.fulfilment_documents import FulfilmentDocuments, write_atomically
from shopdesk.services.shop import Shop
from tests.documents.reading import read_pdf, squeeze
from tests.order_helpers import SHANGHAI, draft, lenient_rules, stocked_shop
from tests.stock_helpers import new_product

BERLIN = ShipTo(
    "Jürgen Müller", "+49 30 1234567", "DE", "", "Berlin", "", "Lindenstraße 12\nHinterhaus, 3. OG", "10969"
)


def ready_shop(shop: Shop) -> Shop:
    stocked_shop(shop, {"MUG": 10, "TEE": 10})
    lenient_rules(shop)
    shop.set_setting("name", "小象杂货")
    shop.set_setting("sender_address", "广东省深圳市南山区\n科技园南区深南大道10000号")
    shop.set_setting("sender_phone", "0755-86013388")
    shop.set_setting("default_carrier", "顺丰速运")
    return shop


def allocated(shop: Shop, *lines, **overrides) -> str:  # type: ignore[no-untyped-def]
    number = shop.orders.create_order(draft(*lines, **overrides), confirm=True)
    assert shop.orders.get_order(number).status == "allocated"
    return number


def test_a_label_carries_the_order_the_sender_the_whole_address_and_its_barcodes(shop: Shop) -> None:
    ready_shop(shop)
    new_product(shop, "BOWL", weight_g=350)
    shop.inventory.receive("BOWL", 5, "WH1/A/A-02", unit_cost=500)
    first = allocated(shop, ("BOWL", 2), ("MUG", 1))
    second = allocated(shop, ("TEE", 1), ship_to=BERLIN)
    shop.order_flow.mark_packed(second)
    shop.order_flow.ship(second, "DHL00012345", "DHL Paket")  # shipped: its label was printed before

    docs = FulfilmentDocuments(shop)
    label = docs.labels([first])[0]
    assert (label.carrier, label.item_count, label.weight_g, label.barcode_value) == ("顺丰速运", 3, 700, first)
    assert label.sender.phone == "0755-86013388"

    page = read_pdf(docs.labels_pdf([first], "100x150"))[0]
    text = squeeze(page.text)
    for part in (
        "张三",
        "13812345678",
        "上海市",
        "浦东新区世纪大道100号",
        "小象杂货",
        "科技园南区深南大道10000号",
        first,
    ):
        assert part in text
    assert ("Code 128", first) in page.symbols
    assert ("QR Code", first) in page.symbols


def test_a_waybill_recorded_at_the_bench_is_on_the_label_and_a_shipped_order_can_have_it_reprinted(shop: Shop) -> None:
    ready_shop(shop)
    number = allocated(shop, ("MUG", 1))
    shop.order_flow.mark_packed(number)
    shop.order_flow.record_waybill(number, " sf1234567890 ", "顺丰速运", service="标快")
    docs = FulfilmentDocuments(shop)
    before = read_pdf(docs.labels_pdf([number], "4x6"))[0]
    assert ("Code 128", "SF1234567890") in before.symbols
    assert "顺丰速运" in squeeze(before.text) and "标快" in squeeze(before.text)

    shipped = shop.order_flow.ship(number)  # the waybill's number, carrier and service
    assert (shipped.tracking_no, shipped.carrier) == ("SF1234567890", "顺丰速运")
    for size in ("4x6", "100x150", "76x130", "a6-on-a4"):
        reprint = read_pdf(docs.labels_pdf([number], size))[0]
        assert ("Code 128", "SF1234567890") in reprint.symbols, size
        assert "标快" in squeeze(reprint.text), size
    assert "SF1234567890" in docs.labels_zpl([number])


def test_a_parcel_shipped_without_a_waybill_gets_its_number_on_a_reprint_but_a_delivered_one_no_label(
    shop: Shop,
) -> None:
    ready_shop(shop)
    number = allocated(shop, ("TEE", 1), ship_to=BERLIN)
    shop.order_flow.mark_packed(number)
    shop.order_flow.ship(number, "DHL00012345", "DHL Paket", service="Paket International")
    page = read_pdf(FulfilmentDocuments(shop).labels_pdf([number], "100x150"))[0]
    assert ("Code 128", "DHL00012345") in page.symbols
    assert "DHLPaket" in squeeze(page.text) and "PaketInternational" in squeeze(page.text)
    shop.order_flow.mark_delivered(number)
    with pytest.raises(ValidationFailed) as refused:
        FulfilmentDocuments(shop).labels_pdf([number])
    assert "is delivered: a label is printed for allocated, picked, packed or shipped orders only" in str(
        refused.value.problems[0]
    )


def test_labels_in_every_size_and_for_a_german_address_keep_every_line(shop: Shop) -> None:
    ready_shop(shop)
    number = allocated(shop, ("TEE", 2), ship_to=BERLIN)
    docs = FulfilmentDocuments(shop)
    for size in ("4x6", "100x150", "76x130", "a6-on-a4"):
        text = squeeze(read_pdf(docs.labels_pdf([number], size), dpi=150)[0].text)
        for part in ("JürgenMüller", "Lindenstraße12", "Hinterhaus,3.OG", "10969Berlin", "GERMANY"):
            assert part in text, (size, part)


def test_the_shop_can_print_phones_masked(shop: Shop) -> None:
    ready_shop(shop)
    number = allocated(shop, ("MUG", 1))
    shop.set_setting("label_mask_phones", True)
    text = squeeze(read_pdf(FulfilmentDocuments(shop).labels_pdf([number]))[0].text)
    assert "138****5678" in text and "13812345678" not in text
    assert "^FD138****5678" in FulfilmentDocuments(shop).labels_zpl([number]).replace("^FH", "")


def test_no_label_for_an_order_that_is_not_ready_and_the_message_says_its_state(shop: Shop) -> None:
    ready_shop(shop)
    ready = allocated(shop, ("MUG", 1))
    held = shop.orders.create_order(draft(("MUG", 1), buyer_remark="请发顺丰"))
    shop.order_flow.set_review_rules(shop.order_flow.review_rules().__class__(hold_on_remark=True, burst_orders=0))
    shop.order_flow.confirm(held)
    assert shop.orders.get_order(held).status == "on_hold"
    with pytest.raises(ValidationFailed) as refused:
        FulfilmentDocuments(shop).labels_pdf([ready, held])
    assert [p.where for p in refused.value.problems] == [held]
    assert "is on_hold" in refused.value.problems[0].message
    assert "approve and allocate it first" in refused.value.problems[0].message
    with pytest.raises(ShopDeskError, match="No order SO-999999"):
        FulfilmentDocuments(shop).labels(["SO-999999"])


def test_a_consolidated_pick_list_walks_the_bins_and_splits_onto_the_put_wall(shop: Shop) -> None:
    ready_shop(shop)
    shop.inventory.receive("MUG", 5, "WH1/A/A-02", unit_cost=1000)
    a = allocated(shop, ("MUG", 12), ("TEE", 1))  # 10 from A-01, 2 from A-02
    b = allocated(shop, ("TEE", 2), ship_to=SHANGHAI)
    docs = FulfilmentDocuments(shop)
    request = docs.pick_list([b, a])
    assert request.orders == (b, a)  # put-wall slots in the order chosen
    stops = sorted((line.order_number, line.sku, line.bin, line.quantity) for line in request.lines)
    assert stops == [(a, "MUG", "A-01", 10), (a, "MUG", "A-02", 2), (a, "TEE", "A-01", 1), (b, "TEE", "A-01", 2)]
    assert {line.warehouse for line in request.lines} == {"WH1"}
    text = squeeze(" ".join(p.text for p in read_pdf(docs.pick_list_pdf([b, a]), dpi=100)))
    assert "A-01" in text and "A-02" in text and a in text and b in text


def test_a_pick_list_is_refused_for_an_order_that_holds_no_stock(shop: Shop) -> None:
    ready_shop(shop)
    waiting = shop.orders.create_order(draft(("MUG", 50)), confirm=True)  # more than there is: it waits
    with pytest.raises(ValidationFailed) as refused:
        FulfilmentDocuments(shop).pick_list([waiting])
    assert refused.value.problems[0].where == waiting


def test_a_packing_slip_lists_the_parcel_and_adds_up_with_prices(shop: Shop) -> None:
    ready_shop(shop)
    number = allocated(shop, ("MUG", 2), ("TEE", 1), shipping_fee="8.00", buyer_remark="请放门口")
    docs = FulfilmentDocuments(shop)
    slip = docs.packing_slip(number, show_prices=True)
    assert [(line.sku, line.quantity) for line in slip.lines] == [("MUG", 2), ("TEE", 1)]
    assert sum(line.line_total for line in slip.lines) + slip.shipping_fee == slip.total
    text = squeeze(read_pdf(docs.packing_slip_pdf(number, show_prices=True), dpi=100)[0].text)
    assert number in text and "请放门口" in text and "浦东新区世纪大道100号" in text


def test_a_file_is_written_whole_or_not_at_all(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "labels.pdf"
    target.write_bytes(b"yesterday's labels")
    write_atomically(target, b"%PDF today")
    assert target.read_bytes() == b"%PDF today"
    with pytest.raises(ShopDeskError, match="Cannot write"):
        write_atomically(tmp_path / "no such folder" / "labels.pdf", b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.pdf"]
