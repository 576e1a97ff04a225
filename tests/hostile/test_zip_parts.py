"""ZipBudget reads a part straight from the package: the same bytes, or the same refusal.

:func:`drafter.infra.zipbudget._plain_part` reads a plain part without ``zipfile.ZipFile.open``
and hands anything unusual back to it. Here packages are damaged at random (local headers,
names, compressed data, the directory) and every part is read both ways: the fast read must
give exactly what ``zipfile`` gives, and must never accept a part that ``zipfile`` refuses,
also when the part's compressed bytes were read (and remembered) from another package.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from drafter.infra import zipbudget
from tests.hostile.test_check_inputs import DOC

_FAIL = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
         RuntimeError)


def _package(rng: random.Random) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", DOC, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("word/styles.xml", DOC * 3, compress_type=zipfile.ZIP_STORED)
        z.writestr("word/footer1.xml", bytes(rng.randrange(256) for _ in range(300)),
                   compress_type=rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2]))
        z.writestr("empty.xml", b"", compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _damage(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    heads = [i for i in range(len(out) - 3) if out[i:i + 4] == b"PK\x03\x04"]
    for _ in range(rng.randint(1, 3)):
        base = rng.choice(heads) if rng.random() < 0.7 else rng.randrange(len(out))
        out[min(len(out) - 1, base + rng.randrange(80))] = rng.randrange(256)
    return bytes(out)


def _by_zipfile(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | str:
    try:
        with zf.open(info) as fh:
            return fh.read()
    except _FAIL as exc:
        return type(exc).__name__


def test_the_fast_read_gives_zipfiles_bytes_or_leaves_the_part_to_it() -> None:
    rng = random.Random(7)
    memo: dict[tuple[int, int, int, bytes], bytes] = {}  # shared by all: damage must not hit it
    fast = refused = 0
    for i in range(400):
        data = _package(rng)
        if i % 4:
            data = _damage(data, rng)
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except _FAIL:
            continue
        with zf:
            for info in zf.infolist():
                plain = zipbudget._plain_part(zf, info, memo if i % 2 else None)
                expected = _by_zipfile(zf, info)
                refused += isinstance(expected, str)
                if plain is not None:
                    fast += 1
                    assert plain == expected, (i, info.filename)
    assert fast > 500 and refused > 50  # both ways were exercised
