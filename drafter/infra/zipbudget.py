"""Read the parts of a zip package (a .docx) within budgets, so a zip bomb costs nothing.

One budget per package: each part is checked before it is decompressed (encrypted, declared
size, compression ratio) and read to at most its limit plus one byte whatever it declares;
the bytes read from all parts together are capped too, so a package of a thousand parts
that are each just under the per-part limit is refused as surely as one huge part. Used by
the DOCX reader (``drafter check``) and for letterheads.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence

__all__ = ["MAX_MEMBERS", "MAX_PART_BYTES", "MAX_RATIO", "MAX_TOTAL_BYTES", "RATIO_FROM",
           "ZipBudget"]

MAX_PART_BYTES = 50 * 1024 * 1024
"""Largest uncompressed part read (a 500-page letter's document.xml is a few MB)."""
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""Most uncompressed bytes read from all the parts of one package together."""
MAX_RATIO = 200
"""Largest uncompressed/compressed ratio accepted for a part over :data:`RATIO_FROM`; Word's
own XML compresses about 10 to 1."""
RATIO_FROM = 64 * 1024
"""Below this size a high ratio means nothing (the part cannot cost anything)."""
MAX_MEMBERS = 5000


class ZipBudget:
    """The limits for one package; ``fail(message, fix)`` makes the caller's error."""

    def __init__(self, fail: Callable[[str, str], Exception], *, max_part: int | None = None,
                 max_total: int | None = None) -> None:
        self.fail = fail
        self.max_part = MAX_PART_BYTES if max_part is None else max_part
        self.max_total = MAX_TOTAL_BYTES if max_total is None else max_total
        self.used = 0

    def check_members(self, infos: Sequence[zipfile.ZipInfo]) -> None:
        """Refuse a package with more members than any letter has."""
        if len(infos) > MAX_MEMBERS:
            raise self.fail(f"the package holds {len(infos):,} parts, far more than any "
                            "letter (a zip bomb?)", "check where the file came from")

    def check(self, info: zipfile.ZipInfo) -> None:
        """Refuse a part before decompressing it, from what the zip declares about it."""
        name = info.filename
        if info.flag_bits & 0x1:
            raise self.fail(f"part {name} is encrypted",
                            "remove the password in Word and save the file again")
        if info.file_size > self.max_part:
            raise self.fail(f"part {name} would expand to {info.file_size:,} bytes (the limit "
                            f"is {self.max_part:,}): a zip bomb or not a letter",
                            "check where the file came from")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size,
                                                                           1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise self.fail(f"part {name} is compressed {ratio:,} to 1, which only a zip bomb "
                            "does", "check where the file came from")
        if self.used + info.file_size > self.max_total:
            raise self._over_total()

    def _over_total(self) -> Exception:
        return self.fail(f"its parts expand to more than {self.max_total:,} bytes in all (the "
                         "limit): a zip bomb or not a letter", "check where the file came from")

    def read(self, zf: zipfile.ZipFile, name: str, *, shared: bool = False) -> bytes:
        """The bytes of part ``name``, within the per-part and the package budget.

        ``shared`` is for a part that is often the same in many packages (the styles of the
        letters made from one template): its bytes are remembered by its compressed bytes,
        size and CRC-32 (never by its name), so the same part is inflated once a process.
        The bytes, the budget and every refusal are the same either way.
        """
        info = zf.getinfo(name)
        self.check(info)
        limit = min(self.max_part, self.max_total - self.used)
        data = _plain_part(zf, info, _SHARED if shared else None)
        if data is None:
            try:
                with zf.open(info) as fh:
                    data = fh.read(limit + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                    NotImplementedError, RuntimeError) as exc:
                raise self.fail(f"part {name} is damaged ({exc})",
                                "open the file in Word and save it again") from None
        if len(data) > limit:
            if limit < self.max_part:
                raise self._over_total()
            raise self.fail(f"part {name} expands beyond {self.max_part:,} bytes",
                            "check where the file came from")
        self.used += len(data)
        return data


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
_LOCAL_MAGIC = b"PK\x03\x04"
_UTF8_NAME = 0x800
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, patched, strongly encrypted

_Key = tuple[int, int, int, bytes]
_SHARED: dict[_Key, bytes] = {}
"""Shared parts already inflated: (compression, size, CRC-32, compressed bytes) -> bytes."""
_SHARED_KEPT = 8
_SHARED_MAX_BYTES = 2 * 1024 * 1024
"""Largest part remembered (its compressed and inflated bytes together): at most 16 MB in all."""


def _plain_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo,
                memo: dict[_Key, bytes] | None = None) -> bytes | None:
    """The part's bytes read straight from the package (a third of ``zf.open``'s cost).

    Only for a stored or deflated part whose local header names it as the directory does and
    which inflates to exactly its declared size and CRC-32, which is when ``zf.open(info)``
    would give these very bytes. Anything else gives None, and ``zf.open`` reads the part (and
    says in its own words what is wrong with it).
    """
    fp = zf.fp
    if fp is None or info.flag_bits & _UNUSUAL_FLAGS or info.compress_type not in (
            zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        return None
    try:
        fp.seek(info.header_offset)
        head = fp.read(_LOCAL_HEADER.size)
        if len(head) != _LOCAL_HEADER.size:
            return None
        fields = _LOCAL_HEADER.unpack(head)
        name_size, extra_size = fields[10], fields[11]
        if fields[0] != _LOCAL_MAGIC:
            return None
        name = fp.read(name_size)
        name_str = (name.decode("utf-8") if fields[3] & _UTF8_NAME
                    else name.decode(getattr(zf, "metadata_encoding", None) or "cp437"))
        if name_str != info.orig_filename:
            return None
        fp.seek(extra_size, 1)
        raw = fp.read(info.compress_size)
        if len(raw) != info.compress_size:
            return None
        key = (info.compress_type, info.file_size, info.CRC, raw)
        if memo is not None and (known := memo.get(key)) is not None:
            return known  # these very compressed bytes inflated and checked before
        data = (raw if info.compress_type == zipfile.ZIP_STORED
                else zlib.decompressobj(-15).decompress(raw, info.file_size))
    except (OSError, ValueError, zlib.error):  # UnicodeDecodeError is a ValueError
        return None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    if memo is not None and len(raw) + len(data) <= _SHARED_MAX_BYTES:
        if len(memo) >= _SHARED_KEPT:
            memo.clear()  # all at once: safe if threads read packages too
        memo[key] = data
    return data
