"""QR codes (model 2, byte mode, UTF-8) as rows of modules, fast enough for a thousand labels.

reportlab's own QR widget takes about 10 ms to encode one short text, most of it
choosing the mask; a thousand labels would spend ten seconds on that alone. This
encoder keeps everything that depends only on the version (function patterns,
the zig-zag order of data modules, the eight mask patterns) cached as rows of
Python integers, so choosing the mask is a few integer and string operations
per row. The error-correction block table and the alignment pattern positions
are reportlab's (reportlab.graphics.barcode.qrencoder), so no table is typed in
twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from reportlab.graphics.barcode.qrencoder import QRRSBlock, QRUtil

from shopdesk.domain.errors import ShopDeskError

# Error correction levels: the row in reportlab's table and the two format bits.
_LEVELS = {"L": (0, 1), "M": (1, 0), "Q": (2, 3), "H": (3, 2)}

_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]

_RUNS = re.compile(r"0{5,}|1{5,}")


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol: size modules square; rows[y] is a string of '1' (dark) and '0', left to right."""

    size: int
    rows: tuple[str, ...]
    version: int
    mask: int


def _blocks(version: int, level: str) -> list[tuple[int, int]]:
    """(total codewords, data codewords) of each error-correction block."""
    table = QRRSBlock.RS_BLOCK_TABLE[(version - 1) * 4 + _LEVELS[level][0]]
    out = []
    for i in range(0, len(table), 3):
        out += [(table[i + 1], table[i + 2])] * table[i]
    return out


@cache
def _data_capacity(version: int, level: str) -> int:
    return sum(data for _total, data in _blocks(version, level))


@cache
def _generator_logs(degree: int) -> tuple[int, ...]:
    """Logs of the Reed-Solomon generator polynomial's coefficients (leading 1 left out)."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, coef in enumerate(poly):
            nxt[j] ^= coef
            if coef:
                nxt[j + 1] ^= _EXP[_LOG[coef] + i]
        poly = nxt
    return tuple(_LOG[c] for c in poly[1:])


def _ec_codewords(data: list[int], degree: int) -> list[int]:
    gen = _generator_logs(degree)
    rem = [0] * degree
    for byte in data:
        factor = byte ^ rem[0]
        del rem[0]
        rem.append(0)
        if factor:
            lf = _LOG[factor]
            for i, g in enumerate(gen):
                rem[i] ^= _EXP[lf + g]
    return rem


def _codewords(payload: bytes, version: int, level: str) -> list[int]:
    capacity = _data_capacity(version, level)
    count_bits = 8 if version < 10 else 16
    bits = "0100" + format(len(payload), f"0{count_bits}b") + "".join(format(b, "08b") for b in payload)
    bits += "0" * min(4, capacity * 8 - len(bits))
    bits += "0" * (-len(bits) % 8)
    data = [int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)]
    data += [0xEC, 0x11] * ((capacity - len(data)) // 2 + 1)
    data = data[:capacity]
    data_blocks, ec_blocks = [], []
    at = 0
    for total, count in _blocks(version, level):
        block = data[at : at + count]
        at += count
        data_blocks.append(block)
        ec_blocks.append(_ec_codewords(block, total - count))
    out = []
    for i in range(max(len(b) for b in data_blocks)):
        out += [b[i] for b in data_blocks if i < len(b)]
    for i in range(len(ec_blocks[0])):
        out += [b[i] for b in ec_blocks]
    return out


@dataclass(frozen=True)
class _Template:
    size: int
    base: tuple[int, ...]  # dark function modules (finders, timing, alignment, version info, dark module)
    positions: tuple[tuple[int, int], ...]  # data modules (row, 1 << bit) in placement order
    masks: tuple[tuple[int, ...], ...]  # for each mask pattern: rows of data modules it inverts


@cache
def _template(version: int) -> _Template:
    size = 17 + 4 * version
    dark = [[False] * size for _ in range(size)]
    func = [[False] * size for _ in range(size)]

    def put(x: int, y: int, on: bool) -> None:
        dark[y][x] = on
        func[y][x] = True

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                x, y = cx + dx, cy + dy
                if 0 <= x < size and 0 <= y < size:
                    put(x, y, max(abs(dx), abs(dy)) not in (2, 4))
    centres = QRUtil.getPatternPosition(version)
    last = len(centres) - 1
    for i, cx in enumerate(centres):
        for j, cy in enumerate(centres):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
    for x, y in _format_cells(size):
        put(x, y, False)
    put(8, size - 8, True)
    if version >= 7:
        rem = version
        for _ in range(12):
            rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
        bits = version << 12 | rem
        for i in range(18):
            on = (bits >> i) & 1 == 1
            a, b = size - 11 + i % 3, i // 3
            put(a, b, on)
            put(b, a, on)

    positions = []
    upward = True
    col = size - 1
    while col > 0:
        if col == 6:
            col -= 1
        for y in range(size - 1, -1, -1) if upward else range(size):
            for x in (col, col - 1):
                if not func[y][x]:
                    positions.append((y, 1 << (size - 1 - x)))
        upward = not upward
        col -= 2

    conditions = (
        lambda x, y: (x + y) % 2 == 0,
        lambda x, y: y % 2 == 0,
        lambda x, y: x % 3 == 0,
        lambda x, y: (x + y) % 3 == 0,
        lambda x, y: (x // 3 + y // 2) % 2 == 0,
        lambda x, y: x * y % 2 + x * y % 3 == 0,
        lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
        lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
    )
    masks = tuple(
        tuple(sum(1 << (size - 1 - x) for x in range(size) if not func[y][x] and cond(x, y)) for y in range(size))
        for cond in conditions
    )
    base = tuple(sum(1 << (size - 1 - x) for x in range(size) if dark[y][x]) for y in range(size))
    return _Template(size, base, tuple(positions), masks)


def _format_cells(size: int) -> list[tuple[int, int]]:
    """(x, y) of the 15 format bits' first copy, then their second copy, bit 0 first."""
    first = [(8, i) for i in range(6)] + [(8, 7), (8, 8), (7, 8)] + [(14 - i, 8) for i in range(9, 15)]
    second = [(size - 1 - i, 8) for i in range(8)] + [(8, size - 15 + i) for i in range(8, 15)]
    return first + second


@cache
def _format_rows(version: int, level: str, mask: int) -> tuple[int, ...]:
    size = 17 + 4 * version
    data = _LEVELS[level][1] << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    bits = (data << 10 | rem) ^ 0x5412
    rows = [0] * size
    cells = _format_cells(size)
    for i, (x, y) in enumerate(cells):
        if (bits >> (i % 15)) & 1:
            rows[y] |= 1 << (size - 1 - x)
    return tuple(rows)


def _penalty(rows: list[int], size: int) -> int:
    """ISO 18004 mask penalty; the regular expressions run once over all lines joined, in C."""
    strings = [format(r, f"0{size}b") for r in rows]
    lines = strings + ["".join(col) for col in zip(*strings, strict=True)]
    runs = _RUNS.findall("2".join(lines))
    score = sum(map(len, runs)) - 2 * len(runs)
    # Neither finder-like pattern overlaps itself, so str.count finds every occurrence.
    padded = "2".join(f"0000{line}0000" for line in lines)
    score += 40 * (padded.count("10111010000") + padded.count("00001011101"))
    pair_mask = (1 << (size - 1)) - 1
    for top, bottom in itertools.pairwise(rows):
        same = ~(top ^ (top >> 1)) & ~(bottom ^ (bottom >> 1)) & ~(top ^ bottom) & pair_mask
        score += 3 * same.bit_count()
    dark = sum(r.bit_count() for r in rows)
    total = size * size
    score += 10 * ((abs(dark * 20 - total * 10) + total - 1) // total - 1)
    return score


def encode_qr(text: str, level: str = "M", *, field: str = "QR code") -> QrMatrix:
    """Encode text (UTF-8, byte mode) in the smallest version that holds it; the best of the eight masks."""
    payload = text.encode("utf-8")
    for version in range(1, 41):
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * len(payload) <= _data_capacity(version, level) * 8:
            break
    else:
        raise ShopDeskError(f"{field}: {len(payload)} bytes is too long for a QR code")
    tpl = _template(version)
    size = tpl.size
    bits = "".join(format(cw, "08b") for cw in _codewords(payload, version, level))
    placed = [0] * size
    for (y, bit), on in zip(tpl.positions, bits, strict=False):
        if on == "1":
            placed[y] |= bit
    best: tuple[int, int, list[int]] | None = None
    for mask in range(8):
        fmt = _format_rows(version, level, mask)
        rows = [tpl.base[y] | fmt[y] | (placed[y] ^ tpl.masks[mask][y]) for y in range(size)]
        score = _penalty(rows, size)
        if best is None or score < best[0]:
            best = (score, mask, rows)
    assert best is not None
    _score, mask, rows = best
    return QrMatrix(size, tuple(format(r, f"0{size}b") for r in rows), version, mask)
