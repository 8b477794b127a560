"""The demo shop's customers (no database here: services/demo.py writes them).

Most live in China and have a mobile number; a few live in Germany, the US
and Japan; some have a second address. Every name, number and address is
drawn at random from the lists in demo_data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from shopdesk.domain.search import pinyin_forms
from shopdesk.services import demo_data as data


@dataclass
class Person:
    """A customer row, their phones and their addresses (the default first), ready to insert."""

    row: dict[str, Any]
    phones: list[str]
    addresses: list[dict[str, Any]]


def person(rng: random.Random, now: datetime) -> Person:
    """One customer who joined at some time in the two years before now."""
    since = now - timedelta(days=rng.randint(1, 730), seconds=rng.randint(0, 86_399))
    country = rng.choices(("CN", "DE", "US", "JP"), weights=(88, 4, 5, 3))[0]
    if country == "CN":
        name, phone, address = _in_china(rng)
        channel = rng.choices(*zip(*data.CUSTOMER_CHANNELS, strict=True))[0]
        # Platform buyers rarely leave an e-mail address; people who order on the website or by WeChat do.
        email = f"{_pinyin(name)}{rng.randint(1, 99)}@example.cn" if rng.random() < 0.2 else ""
    else:
        name, phone, address, email = _abroad(rng, country)
        channel = "website"
    phones = [phone]
    if country == "CN" and rng.random() < 0.08:
        phones.append(_mobile(rng))
    addresses = [address]
    if rng.random() < 0.12:
        addresses.append(_second_address(rng, address))
    for i, a in enumerate(addresses):
        a["is_default"] = i == 0
    row = {
        "name": name,
        "channel": channel,
        "email": email,
        "notes": rng.choice(data.CUSTOMER_NOTES) if rng.random() < 0.06 else "",
        "tags": ["VIP"] if rng.random() < 0.05 else [],
        "erased_at": None,
        "version": 1,
        "created_at": since,
        "updated_at": since,
    }
    return Person(row, phones, addresses)


def _second_address(rng: random.Random, home: dict[str, Any]) -> dict[str, Any]:
    """An office in the same city, or (in China) a relative's home elsewhere who receives the parcel."""
    if home["country"] != "CN":
        return {**_abroad(rng, home["country"])[2], "recipient": home["recipient"], "phone": home["phone"]}
    if rng.random() < 0.5:
        return _in_china(rng)[2]
    districts = next(p[2] for p in data.CN_PLACES if p[:2] == (home["province"], home["city"]))
    return {**home, "district": rng.choice(districts), "street": _office(rng)}


def _mobile(rng: random.Random) -> str:
    return rng.choice(data.MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


@lru_cache(maxsize=4096)
def _pinyin(name: str) -> str:
    return pinyin_forms(name)[0]


def _office(rng: random.Random) -> str:
    road = f"{rng.choice(data.CN_ROADS)}{rng.randint(1, 999)}号"
    return f"{road}{rng.choice(data.CN_OFFICES)}{rng.choice('ABC')}座{rng.randint(2, 40)}{rng.randint(1, 20):02d}"


def _in_china(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    name = rng.choice(data.SURNAMES) + rng.choice(data.GIVEN_NAMES)
    phone = _mobile(rng)
    province, city, districts, postcode = rng.choice(data.CN_PLACES)
    if rng.random() < 0.8:
        street = (
            f"{rng.choice(data.CN_ROADS)}{rng.randint(1, 999)}号{rng.choice(data.CN_COMPOUNDS)}"
            f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室"
        )
    else:
        street = _office(rng)
    address = {
        "recipient": name,
        "phone": phone,
        "country": "CN",
        "province": province,
        "city": city,
        "district": rng.choice(districts),
        "street": street,
        "postcode": f"{postcode}{rng.randint(0, 99):02d}0",
    }
    return name, phone, address


def _abroad(rng: random.Random, country: str) -> tuple[str, str, dict[str, Any], str]:
    """Name, phone, address and e-mail of a customer in Germany, the US or Japan."""
    if country == "JP":
        (family_name, family_latin), (given, given_latin) = (
            rng.choice(data.JP_FAMILY_NAMES),
            rng.choice(data.JP_GIVEN_NAMES),
        )
        name, latin = f"{family_name}{given}", f"{given_latin}.{family_latin}"
        province, city, district, postcode = rng.choice(data.JP_PLACES)
        street = f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        if rng.random() < 0.5:
            street += f" {rng.choice(data.JP_BUILDINGS)}{rng.randint(1, 9)}0{rng.randint(1, 9)}"
        phone = f"+81 {rng.choice(('80', '90'))}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    elif country == "DE":
        first, last = rng.choice(data.DE_NAMES[0]), rng.choice(data.DE_NAMES[1])
        name, latin = f"{first} {last}", first.lower()
        province, city, postcode = rng.choice(data.DE_PLACES)
        district, street = "", f"{rng.choice(data.DE_STREETS)} {rng.randint(1, 120)}"
        phone = f"+49 1{rng.choice(('51', '60', '70', '76'))} {rng.randint(1000000, 9999999)}"
    else:
        first, last = rng.choice(data.US_NAMES[0]), rng.choice(data.US_NAMES[1])
        name, latin = f"{first} {last}", first.lower()
        province, city, postcode, area = rng.choice(data.US_PLACES)
        district, street = "", f"{rng.randint(10, 9999)} {rng.choice(data.US_STREETS)}"
        if rng.random() < 0.4:
            street += f", Apt {rng.randint(1, 30)}{rng.choice('ABCD')}"
        phone = f"+1 {area}-555-01{rng.randint(0, 99):02d}"  # 555-0100..0199: never a real number
    address = {
        "recipient": name,
        "phone": phone,
        "country": country,
        "province": province,
        "city": city,
        "district": district,
        "street": street,
        "postcode": postcode,
    }
    return name, phone, address, f"{latin}{rng.randint(10, 99)}@example.com"
