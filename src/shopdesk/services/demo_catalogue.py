"""The demo shop's products, made up style by style (no database here: services/demo.py writes them).

A style is a parent with its variant SKUs (TS-1001 with TS-1001-BLK-M...), or
a single item. Rows come out as dicts ready for a bulk insert into `product`,
with the same search key the catalogue service would compute.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from shopdesk.domain import barcodes as bc
from shopdesk.domain.catalogue import ListingStatus, sku_key
from shopdesk.domain.search import SEPARATOR, search_key
from shopdesk.services import demo_data as data

# One chosen option of a variant axis: (index into axis.options, steps above the smallest one picked, axis).
Choice = tuple[int, int, data.Axis]


@dataclass
class Style:
    """A parent with its variants, or a single item, as rows to insert."""

    parent: dict[str, Any] | None  # None for a single item
    items: list[dict[str, Any]]  # the sellable rows: variants, or the single item
    barcodes: list[str]  # one EAN-13 per item
    links: list[list[dict[str, Any]]]  # product_supplier rows per item, still without product_id
    category: str
    supplier_code: str  # the preferred supplier

    @property
    def rows(self) -> int:
        return len(self.items) + (1 if self.parent else 0)


@lru_cache(maxsize=50_000)
def _text_key(text: str) -> tuple[str, ...]:
    # pinyin takes ~0.3 ms a text and variants share their names: each text is converted once.
    return tuple(search_key([text]).split(SEPARATOR)) if text else ()


def search_text(name: str, alt_name: str, label: str, codes: Iterable[str]) -> str:
    """The key catalogue_editing.product_search_key gives the same product saved by hand."""
    parts = [*_text_key(name), *_text_key(alt_name), *_text_key(label), *(c.casefold() for c in codes if c)]
    return SEPARATOR.join(dict.fromkeys(parts))


def share(amount: int, percent: int) -> int:
    """`percent` of an amount in fen, to the nearest 10 fen (suppliers quote 23.50, not 23.47)."""
    return (amount * percent + 500) // 1000 * 10


class Barcodes:
    """EAN-13 codes the way suppliers print them: their GS1 company prefix and an item number."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.prefixes = {s.code: s.barcode_prefix for s in data.SUPPLIERS}
        self.used_prefixes = set(self.prefixes.values())
        self.next_item: dict[str, int] = {}

    def next(self, supplier_code: str) -> str:
        while True:
            prefix = self.prefixes[supplier_code]
            item = self.next_item.get(prefix, 1)
            if item > 99_999:  # a 7-digit company prefix numbers 100,000 items: the supplier got another
                new = int(prefix) + 1
                while str(new) in self.used_prefixes:
                    new += 1
                self.prefixes[supplier_code] = str(new)
                self.used_prefixes.add(str(new))
                continue
            self.next_item[prefix] = item + 1
            code = bc.with_check_digit(f"{prefix}{item:05d}")
            if code not in self.taken:
                self.taken.add(code)
                return code


class StyleMaker:
    """Draws styles from the families in demo_data with one seeded generator."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        categories: dict[str, int],
        supplier_ids: dict[str, tuple[int, int]],  # code -> (id, lead time in days)
        taken_skus: set[str],
        taken_barcodes: set[str],
    ):
        self.rng = rng
        self.now = now
        self.categories = categories
        self.supplier_ids = supplier_ids
        self.taken_skus = taken_skus  # upper-cased; only a shop filled with --force has any
        self.barcodes = Barcodes(taken_barcodes)
        self.shares = [f.share for f in data.FAMILIES]
        self.simple_families = [f for f in data.FAMILIES if not f.axes or f.variant_share < 1]
        self.suppliers = {s.code: s for s in data.SUPPLIERS}
        self.numbers: dict[str, int] = {}
        self.names: dict[str, list[tuple[int, int]]] = {}  # per family: the (style, base) pairs not used yet

    def style(self, room: int) -> Style:
        """One style with its variants, or a single item; never more than `room` rows."""
        rng = self.rng
        family = rng.choices(data.FAMILIES, weights=self.shares)[0]
        if room < 3 and family not in self.simple_families:
            family = rng.choice(self.simple_families)  # no room left for a parent with variants
        with_variants = bool(family.axes) and rng.random() < family.variant_share and room >= 3
        name, alt = self._name(family)
        combos: list[tuple[Choice, ...]] = [()]
        if with_variants:
            picked = [
                [(i, i - chosen[0], axis) for i in chosen] for axis in family.axes for chosen in [self._pick(axis)]
            ]
            combos = list(itertools.product(*picked))[: room - 1]
            if len(combos) < 2:  # one colour only: a single item, not a parent with one variant
                with_variants, combos = False, [()]
        number, skus = self._number(family.prefix, combos)
        price = self._price(*family.price_yuan)
        cost_pct = rng.randint(36, 59)
        weight = rng.randint(*family.weight_g) // 5 * 5
        status = rng.choices(list(ListingStatus), weights=(8, 85, 7))[0]
        tags = sorted(rng.sample(data.TAGS, rng.randint(1, 2))) if rng.random() < 0.3 else []
        # Listed before the opening stocktake that starts the demo's 90 days of history.
        created = self.now - timedelta(days=rng.randint(92, 720), seconds=rng.randint(0, 86_399))
        supplier = self.suppliers[family.supplier]
        fallback = self.suppliers[data.FALLBACK_SUPPLIER]
        second = fallback if supplier is not fallback and rng.random() < 0.12 else None
        article = rng.randint(1000, 9999)
        row: dict[str, Any] = {
            "sku": "", "sku_key": "", "parent_id": None, "is_parent": False, "variant_label": "",
            "name": name, "alt_name": alt, "description": family.description,
            "category_id": self.categories[family.category], "unit": family.unit,
            "price": price, "cost": share(price, cost_pct), "weight_g": weight, "status": str(status),
            "tags": tags, "archived": False, "search_text": "", "version": 1,
            "created_at": created, "updated_at": created,
        }  # fmt: skip
        items: list[dict[str, Any]] = []
        codes: list[str] = []
        links: list[list[dict[str, Any]]] = []
        for combo, sku in zip(combos, skus, strict=True):
            label = " / ".join(axis.options[i][1] for i, _, axis in combo)
            english = ", ".join(axis.english[i] for i, _, axis in combo)
            item_price = price + 100 * sum(step * axis.price_step_yuan for _, step, axis in combo)
            item_status = status
            if combo and status == ListingStatus.LISTED and rng.random() < 0.04:
                item_status = ListingStatus.DELISTED  # sold out in this colour or size (售罄下架)
            code = self.barcodes.next(supplier.code)
            item: dict[str, Any] = {
                **row,
                "sku": sku,
                "sku_key": sku_key(sku),
                "variant_label": label,
                "alt_name": f"{alt} ({english})" if english else alt,
                "price": item_price,
                "cost": share(item_price, cost_pct),
                "weight_g": weight + sum(step * axis.weight_step_g for _, step, axis in combo),
                "status": str(item_status),
            }
            item["search_text"] = search_text(name, item["alt_name"], label, [sku, code])
            suffix = "".join(f"-{axis.options[i][0]}" for i, _, axis in combo)
            item_links = [self._link(supplier, f"{supplier.article_prefix}{article}{suffix}", item["cost"], True)]
            if second:
                cost = share(item["cost"], rng.randint(108, 118))
                item_links.append(self._link(second, f"{second.article_prefix}-{article}{suffix}", cost, False))
            items.append(item)
            codes.append(code)
            links.append(item_links)
        parent = None
        if with_variants:
            parent_sku = f"{family.prefix}-{number}"
            parent = {**row, "sku": parent_sku, "sku_key": sku_key(parent_sku), "is_parent": True}
            parent["search_text"] = search_text(name, alt, "", [parent_sku])
        return Style(parent, items, codes, links, family.category, supplier.code)

    def _name(self, family: data.Family) -> tuple[str, str]:
        """A name not used yet in the family, until all are used and the round starts again.

        Names repeat only in catalogues of thousands of styles (the SKU tells them
        apart); keeping the set of names small also keeps the pinyin work small.
        """
        deck = self.names.get(family.prefix)
        if not deck:
            deck = [(s, b) for s in range(len(family.styles)) for b in range(len(family.bases))]
            self.rng.shuffle(deck)
            self.names[family.prefix] = deck
        s, b = deck.pop()
        (zh_style, en_style), (zh_base, en_base) = family.styles[s], family.bases[b]
        # Chinese runs words together, but "60W" before "USB-C" needs a space, as in English.
        gap = " " if zh_style[-1:].isascii() and zh_base[:1].isascii() and zh_style else ""
        alt = " ".join(w for w in (en_style, en_base) if w)
        return f"{zh_style}{gap}{zh_base}", alt[0].upper() + alt[1:]

    def _pick(self, axis: data.Axis) -> list[int]:
        k = min(self.rng.randint(*axis.pick), len(axis.options))
        if axis.consecutive:
            start = self.rng.randint(0, len(axis.options) - k)
            return list(range(start, start + k))
        return sorted(self.rng.sample(range(len(axis.options)), k))

    def _number(self, prefix: str, combos: list[tuple[Choice, ...]]) -> tuple[int, list[str]]:
        """The next free style number of the prefix and the SKUs of its items (TS-1001-BLK-M)."""
        while True:
            number = self.numbers.get(prefix, 1000) + 1
            self.numbers[prefix] = number
            base = f"{prefix}-{number}"
            skus = [base + "".join(f"-{axis.options[i][0]}" for i, _, axis in combo) for combo in combos]
            wanted = {sku_key(s) for s in [base, *skus]}
            if not wanted & self.taken_skus:
                self.taken_skus |= wanted
                return number, skus

    def _price(self, low: int, high: int) -> int:
        """A shop price in fen the way shops set them: 69.00, 69.90, 70.00; 12.50 for small things."""
        yuan = self.rng.randint(low, high)
        if yuan < 30:
            return yuan * 100 + self.rng.choice((0, 0, 50, 90))
        yuan = yuan - yuan % 10 + 9
        return self.rng.choices((yuan * 100, yuan * 100 + 90, (yuan + 1) * 100), weights=(6, 3, 1))[0]

    def _link(self, supplier: data.SupplierData, supplier_sku: str, cost: int, preferred: bool) -> dict[str, Any]:
        supplier_id, lead = self.supplier_ids[supplier.code]
        return {
            "supplier_id": supplier_id,
            "supplier_sku": supplier_sku,
            "cost": cost,
            "lead_time_days": max(3, min(30, lead + self.rng.randint(-2, 2))),
            "preferred": preferred,
        }
