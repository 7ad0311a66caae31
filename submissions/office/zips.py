"""
A zip read whole and within bounds. Its member count is read from its end record before its directory is parsed;
its declared sizes are added up (and held against a total and a ratio to the file's size) before any member is
unpacked; each member is then unpacked in chunks and refused as soon as it gives more than its directory declared,
so a directory that lies about sizes unpacks no more than an honest one.
"""

import io
import struct
import zipfile
import zlib

from submissions.office.refusals import Refused

MAX_MEMBERS = 2_000  # a 400-slide deck with notes and a picture on each is about this many
MAX_DIRECTORY_BYTES = MAX_MEMBERS * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100  # unpacked to packed, the file as a whole: Office documents are under 20
RATIO_FROM = 1024 * 1024  # a file that unpacks to less than this harms nobody, whatever its ratio
CHUNK = 1024 * 1024  # unpacked bytes handed on at a time
PIECE = 256 * 1024  # packed bytes fed to the inflater at a time
END, END64, LOCATOR64, LOCAL = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07", b"PK\x03\x04"
# What zipfile and struct raise for a damaged archive: bad structure, bad compressed data, an unsupported version.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, struct.error)


class Budget:
    """What a file and the files inside it may unpack to, all told."""

    def __init__(self, limit):
        self.left = limit

    def spend(self, size):
        self.left -= size
        if self.left < 0:
            raise Refused("expands")


def part_key(name):
    """A member's name as Office compares part names: forward slashes, no leading slash, any case."""
    return name.replace("\\", "/").lstrip("/").lower()


def declared_members(data):
    """How many members, and how many bytes of directory, the zip's end record declares (Zip64's if it has one)."""
    at = data.rfind(END, max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or len(data) < at + 22:
        raise Refused("damaged")
    count, size = struct.unpack_from("<HI", data, at + 10)
    if count == 0xFFFF or size == 0xFFFFFFFF:
        locator = at - 20
        if locator < 0 or data[locator : locator + 4] != LOCATOR64:
            raise Refused("damaged")
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if data[offset : offset + 4] != END64 or len(data) < offset + 56:
            raise Refused("damaged")
        count, size = struct.unpack_from("<QQ", data, offset + 32)
    return count, size


def members(data, budget):
    """The zip's members, each with where its packed bytes lie, once their count, sizes and layout are checked."""
    count, directory = declared_members(data)
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise Refused("parts")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except ZIP_ERRORS as error:
        raise Refused("damaged") from error
    if len(infos) > MAX_MEMBERS:
        raise Refused("parts")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > budget.left or (unpacked > RATIO_FROM and unpacked > MAX_RATIO * len(data)):
        raise Refused("expands")
    keys = {part_key(info.filename) for info in infos}
    encrypted = any(info.flag_bits & 0x1 for info in infos)
    methods = {info.compress_type for info in infos} - {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
    if len(keys) < len(infos) or encrypted or methods:  # two parts by one name: readers would differ on which
        raise Refused("damaged")
    spans = [_span(data, info) for info in infos]
    ordered = sorted(zip(spans, infos, strict=True), key=lambda pair: pair[1].header_offset)
    for (span, _), (_, following) in zip(ordered, ordered[1:], strict=False):
        if span[1] > following.header_offset:  # overlapping members: one packed kernel unpacked many times
            raise Refused("damaged")
    return list(zip(infos, spans, strict=True))


def _span(data, info):
    """Where the member's packed bytes lie, from its local header, which must name it as the directory does."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != LOCAL:
        raise Refused("damaged")
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    name = data[offset + 30 : offset + 30 + name_length]
    try:
        local_name = name.decode("utf-8" if info.flag_bits & 0x800 else "cp437")
    except UnicodeDecodeError as error:
        raise Refused("damaged") from error
    start = offset + 30 + name_length + extra_length
    end = start + info.compress_size
    if local_name != info.orig_filename or end > len(data):
        raise Refused("damaged")
    return start, end


def contents(data, info, span, budget):
    """The member's bytes in chunks, never more than its directory declared, checked against its size and CRC."""
    packed = memoryview(data)[span[0] : span[1]]
    chunks = _stored(packed) if info.compress_type == zipfile.ZIP_STORED else _inflated(packed)
    size = crc = 0
    for chunk in chunks:
        size += len(chunk)
        if size > info.file_size:
            raise Refused("expands")
        budget.spend(len(chunk))
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if size != info.file_size or crc != info.CRC:
        raise Refused("damaged")


def _stored(packed):
    for at in range(0, len(packed), CHUNK):
        yield bytes(packed[at : at + CHUNK])


def _inflated(packed):
    inflater = zlib.decompressobj(-15)
    try:
        for at in [*range(0, len(packed), PIECE), len(packed)]:  # the last, empty, piece drains what is held back
            piece = packed[at : at + PIECE]
            while not inflater.eof:
                chunk = inflater.decompress(piece, CHUNK)
                piece = inflater.unconsumed_tail
                if not chunk:
                    break  # this piece is used up: the next one
                yield chunk
    except zlib.error as error:
        raise Refused("damaged") from error
    if not inflater.eof:
        raise Refused("damaged")
