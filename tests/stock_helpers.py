"""Small builders for stock tests: a shop with two warehouses, bins, and products."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from shopdesk.db.models import StockBalance, StockMove
from shopdesk.services.shop import Shop
from tests.factories import ean13, product


@dataclass(frozen=True)
class Layout:
    bin_a: str = "WH1/A/A-01"
    bin_b: str = "WH1/A/A-02"
    bin_far: str = "WH2/B/B-01"  # in the other warehouse


def build_layout(shop: Shop) -> Layout:
    """WH1 with zone A and bins A-01, A-02; WH2 with zone B and bin B-01."""
    locations = shop.locations
    for warehouse, zone, bins in (("WH1", "A", ("A-01", "A-02")), ("WH2", "B", ("B-01",))):
        locations.create_warehouse(warehouse)
        locations.create_zone(warehouse, zone)
        for code in bins:
            locations.create_bin(f"{warehouse}/{zone}", code)
    return Layout()


def new_product(shop: Shop, sku: str | None = None, **overrides: object) -> int:
    overrides.setdefault("barcodes", [ean13()])
    return shop.catalogue.create_product(product(sku, **overrides))


def ledger_snapshot(shop: Shop) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The number of moves and every balance: what 'the ledger is unchanged' compares."""
    with shop.db.read() as conn:
        moves = conn.execute(select(func.count()).select_from(StockMove)).scalar_one()
        balances = conn.execute(
            select(
                StockBalance.product_id, StockBalance.location_id, StockBalance.on_hand, StockBalance.reserved
            ).order_by(StockBalance.product_id, StockBalance.location_id)
        ).all()
    return moves, [tuple(b) for b in balances]
