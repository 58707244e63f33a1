"""Just enough of PNG to read back a browser's screenshot: 8-bit RGB or RGBA, not interlaced
(what Chromium writes), as rows of (r, g, b) pixels. No imaging library is needed for tests."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

Pixel = tuple[int, int, int]


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    out, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        out.append((data[at + 4 : at + 8], data[at + 8 : at + 8 + length]))
        at += 12 + length
    return out


def paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def unfilter(raw: bytes, width: int, height: int, step: int) -> list[bytearray]:
    """Undo each scanline's filter (PNG spec, section 9)."""
    stride = width * step
    rows: list[bytearray] = []
    prior = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = prior[i], prior[i - step] if i >= step else 0
            add = (0, left, up, (left + up) // 2, paeth(left, up, corner))[kind]
            line[i] = (line[i] + add) & 0xFF
        rows.append(line)
        prior = line
    return rows


def read_png(path: Path) -> list[list[Pixel]]:
    parts = chunks(path.read_bytes())
    header = next(body for kind, body in parts if kind == b"IHDR")
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or color not in (2, 6) or interlace != 0:
        raise ValueError(f"a PNG this reader does not handle: depth {depth}, colour type {color}")
    step = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
    return [
        [(row[x], row[x + 1], row[x + 2]) for x in range(0, width * step, step)]
        for row in unfilter(raw, width, height, step)
    ]
