"""
A picture's size, read from its header and never decoded: a PNG's IHDR, a JPEG's frame header (SOF, or DHP for a
hierarchical one) found by stepping over the segments before it, a GIF's logical screen. A picture too big to
show (a 40,000 x 40,000 PNG packs to 200 KB and unpacks to gigabytes in a reader's viewer) is refused, as an
upload and inside an Office file. Why these limits: docs/decisions/0002-uploads.md.
"""

import struct

from submissions.office.refusals import Refused

MAX_PIXELS = 120_000_000  # a 108-megapixel phone photograph (12,000 x 9,000) is the largest anyone takes
MAX_SIDE = 30_000  # a phone's panorama is about 16,000 wide; Chrome will not draw a side over 32,767
HEADER_WITHIN = 1024 * 1024  # a JPEG's metadata before its frame header: 64 KB of Exif, an ICC profile, XMP
PNG, JPEG, GIFS = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", (b"GIF87a", b"GIF89a")
SIGNATURES = (PNG, JPEG, *GIFS)
FRAMES = (set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}) | {0xDE}  # SOF0-SOF15 but DHT, JPG and DAC; DHP
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and the restart markers: no length follows them
SCAN, END = 0xDA, 0xD9  # after the first scan's marker come the picture's coded bytes: its frame is declared


def refusal(data):
    """Why a picture is refused ("picture_too_large", or "picture_unreadable" when its size cannot be read from
    its first megabyte), or None: for any bytes that are no PNG, JPEG or GIF, or a picture of a size we show."""
    if not data.startswith(SIGNATURES):
        return None
    size = _size(data[:HEADER_WITHIN])
    if size is None or 0 in size:  # no decoder can show it: nothing says how big it is
        return "picture_unreadable"
    width, height = size
    return "picture_too_large" if width * height > MAX_PIXELS or max(size) > MAX_SIDE else None


def check_picture(data):
    """Refused if the picture is too big to show, or its size cannot be read."""
    code = refusal(data)
    if code:
        raise Refused(code)


def _size(data):
    if data.startswith(PNG):
        return struct.unpack(">II", data[16:24]) if data[12:16] == b"IHDR" and len(data) >= 24 else None
    if data.startswith(GIFS):
        return struct.unpack("<HH", data[6:10]) if len(data) >= 10 else None
    return _jpeg_size(data)


def _jpeg_size(data):
    """The largest frame a JPEG declares before its first scan (width, height), or None if it declares none."""
    at, largest = 2, None
    while at < len(data) and data[at] == 0xFF:
        while at < len(data) and data[at] == 0xFF:  # a marker may have any number of 0xFF before it
            at += 1
        if at >= len(data):
            break
        marker = data[at]
        at += 1
        if marker in STANDALONE:
            continue
        if marker in (SCAN, END) or at + 2 > len(data):
            break
        (length,) = struct.unpack_from(">H", data, at)
        if marker in FRAMES and at + 7 <= len(data):
            height, width = struct.unpack_from(">HH", data, at + 3)
            if largest is None or width * height > largest[0] * largest[1]:
                largest = (width, height)
        if length < 2:
            break
        at += length
    return largest
