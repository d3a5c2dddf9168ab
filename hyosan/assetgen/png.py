"""Minimal, deterministic PNG encoder and decoder (RGBA8, no pygame).

Encoding uses colour type 6, filter 0 on every row and zlib level 9, so the
same pixels always give the same bytes (for a given zlib build).
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(rgba: np.ndarray) -> bytes:
    """Encode an (h, w, 4) uint8 array as PNG bytes."""
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError("expected an (h, w, 4) uint8 array")
    h, w, _ = rgba.shape
    raw = np.zeros((h, w * 4 + 1), dtype=np.uint8)  # filter byte 0 per row
    raw[:, 1:] = rgba.reshape(h, w * 4)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    idat = zlib.compress(raw.tobytes(), 9)
    return PNG_SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def decode_png_raw(data: bytes) -> tuple[bytes, bytes]:
    """Return (IHDR payload, decompressed IDAT stream) of a PNG; for content comparison."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    pos = len(PNG_SIGNATURE)
    ihdr = b""
    idat = []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        payload = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = payload
        elif kind == b"IDAT":
            idat.append(payload)
    return ihdr, zlib.decompress(b"".join(idat))


def decode_png(data: bytes) -> np.ndarray:
    """Decode a PNG written by :func:`encode_png` (RGBA8, filter 0) to an array."""
    ihdr, raw = decode_png_raw(data)
    w, h, depth, ctype = struct.unpack(">IIBB", ihdr[:10])
    if depth != 8 or ctype != 6:
        raise ValueError("only RGBA8 supported")
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(h, w * 4 + 1)
    if np.any(rows[:, 0]):
        raise ValueError("only filter 0 supported")
    return rows[:, 1:].reshape(h, w, 4).copy()
