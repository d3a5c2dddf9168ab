"""Asset sniffing: a pack's images and sounds are checked by their headers, never decoded here.

The game decodes assets with pygame later; this refuses, cheaply and before that, files that
are not what their extension says, images whose header declares a huge size, and audio whose
header is broken — the inputs that make decoders allocate wildly or crash.
"""

from __future__ import annotations

import struct

MAX_ASSET_BYTES = 8_000_000
MAX_IMAGE_SIDE = 4096  # px
ASSET_EXTENSIONS = {".png": "image", ".ogg": "audio", ".wav": "audio"}


def asset_problem(name: str, data: bytes) -> tuple[str, str] | None:
    """Why the bytes of asset ``name`` are unacceptable, as ``(code, message)``; None if fine."""
    ext = name[name.rfind("."):].lower() if "." in name else ""
    if ext not in ASSET_EXTENSIONS:
        return "asset-type", f"{name}: assets must be {', '.join(sorted(ASSET_EXTENSIONS))}"
    if ext == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "asset-mismatch", f"{name} is named .png but is not a PNG image"
        if len(data) < 33 or data[12:16] != b"IHDR":
            return "asset-corrupt", f"{name}: the PNG header is cut short or damaged"
        width, height = struct.unpack(">II", data[16:24])
        if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
            return "asset-too-large", f"{name} declares {width}x{height} px; images must be 1..{MAX_IMAGE_SIDE} px a side"
        return None
    if ext == ".ogg":
        if not data.startswith(b"OggS"):
            return "asset-mismatch", f"{name} is named .ogg but is not an Ogg file"
        if len(data) < 58:
            return "asset-corrupt", f"{name}: the Ogg stream is cut short"
        return None
    if not (data.startswith(b"RIFF") and data[8:12] == b"WAVE"):
        return "asset-mismatch", f"{name} is named .wav but is not a WAVE file"
    return _wav_problem(name, data)


def _wav_problem(name: str, data: bytes) -> tuple[str, str] | None:
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if chunk == b"fmt ":
            if size < 16 or pos + 24 > len(data):
                break
            fmt, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
            if fmt not in (1, 3, 0xFFFE) or not 1 <= channels <= 8 or not 8_000 <= rate <= 192_000 \
                    or bits not in (8, 16, 24, 32):
                return "asset-corrupt", f"{name}: unsupported or damaged WAVE format " \
                                        f"(format {fmt}, {channels} channels, {rate} Hz, {bits} bits)"
            return None
        pos += 8 + size + (size & 1)
    return "asset-corrupt", f"{name}: the WAVE file has no readable 'fmt ' chunk"
