"""The deterministic zip writer: the only place that writes a letter's zip bytes.

:func:`write` gives, byte for byte, what :mod:`zipfile` writes for the same members with
``ZipFile.writestr`` on a seekable file, except that every member is dated 1980-01-01 and has
mode 0600: the same letter always gives the same bytes. Members are deflated by
:func:`deflate` first, so that a member seen before (an unchanged part of the reference
document or a letterhead) reuses its compressed bytes instead of deflating them again.
"""

from __future__ import annotations

import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = ["ZIP_TIME", "Member", "deflate", "write"]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The date and time of every member (the earliest a zip can hold)."""

_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | (ZIP_TIME[5] // 2)
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_CREATE_SYSTEM = 0 if sys.platform == "win32" else 3  # as zipfile.ZipInfo
_EXTERNAL_ATTR = 0o600 << 16
_ZIP_VERSION = 20  # zipfile's DEFAULT_VERSION
_MAX_MEMBER = 1 << 30  # zipfile switches to ZIP64 near 2 GiB; no letter comes close


class Member(NamedTuple):
    """One deflated zip member."""

    name: str
    crc: int
    size: int  # of the data before compression
    data: bytes  # deflated


def deflate(name: str, data: bytes, memo: dict[Any, tuple[int, int, bytes]] | None = None
            ) -> Member:
    """The member ``name`` holding ``data``; ``memo`` keeps it for the same data seen again."""
    if memo is not None:
        found = memo.get((name, data))
        if found is not None:
            return Member(name, *found)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    entry = (zlib.crc32(data), len(data), packed)
    if memo is not None:
        memo[(name, data)] = entry
    return Member(name, *entry)


def write(members: Iterable[Member]) -> bytes:
    """A zip of ``members`` in their order, byte for byte what ``zipfile`` writes for them.

    Each member is written as ``ZipFile.writestr`` writes it to a seekable file: dated
    1980-01-01, mode 0600, no data descriptor, no extra field, no comment.

    Raises:
        ValueError: a member is too large for a letter (a gigabyte or more).
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = count = 0
    for name, crc, size, data in members:
        if size > _MAX_MEMBER or len(data) > _MAX_MEMBER:
            raise ValueError(f"{name} is too large for a letter")
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), 0x800
        out.append(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _ZIP_VERSION, 0, flags,
                               zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(data), size,
                               len(filename), 0))
        out.append(filename)
        out.append(data)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _ZIP_VERSION,
                                   _CREATE_SYSTEM, _ZIP_VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                   _DOS_TIME, _DOS_DATE, crc, len(data), size, len(filename), 0,
                                   0, 0, 0, _EXTERNAL_ATTR, offset))
        central.append(filename)
        offset += 30 + len(filename) + len(data)
        count += 1
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(out) + directory + end
