"""zipwriter: the only writer of a letter's zip bytes gives exactly what zipfile gives."""

from __future__ import annotations

import io
import random
import zipfile
from typing import Any

import pytest

from drafter.render.docx import zipwriter


def zipfile_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """What ``zipfile`` writes for ``members``, dated and permissioned as the writer does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, zipwriter.ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
    return out.getvalue()


def random_members(rng: random.Random) -> list[tuple[str, bytes]]:
    members = []
    for i in range(rng.randint(0, 6)):
        name = rng.choice(["word/document.xml", "a/b.rels", "ünïcode/naïve.xml", "x"])
        data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 3000)))
        if rng.random() < 0.5:
            data = data[:20] * 50  # compressible
        members.append((f"{i}-{name}", data))
    return members


def test_write_is_what_zipfile_writes() -> None:
    rng = random.Random(7)
    for _ in range(20):
        members = random_members(rng)
        got = zipwriter.write([zipwriter.deflate(name, data) for name, data in members])
        assert got == zipfile_bytes(members)


def test_a_remembered_member_gives_the_same_bytes() -> None:
    members = [*random_members(random.Random(3)), ("same.xml", b"<a/>" * 100)]
    memo: dict[Any, Any] = {}
    first = zipwriter.write([zipwriter.deflate(n, d, memo) for n, d in members])
    assert len(memo) == len({(n, d) for n, d in members})
    packed = {key: entry[2] for key, entry in memo.items()}
    again = zipwriter.write([zipwriter.deflate(n, d, memo) for n, d in members])
    assert again == first == zipfile_bytes(members)
    # The second round reused the compressed bytes instead of deflating again.
    assert all(memo[key][2] is packed[key] for key in memo)


def test_the_zip_reads_back_with_names_dates_and_modes() -> None:
    members = [("[Content_Types].xml", b"<Types/>"), ("word/naïve.xml", b"x" * 5000)]
    data = zipwriter.write([zipwriter.deflate(n, d) for n, d in members])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert [(i.filename, i.date_time, i.external_attr >> 16, z.read(i)) for i in z.infolist()
                ] == [(n, zipwriter.ZIP_TIME, 0o600, d) for n, d in members]
        assert z.infolist()[1].flag_bits & 0x800  # the UTF-8 name flag


def test_an_empty_zip_is_valid() -> None:
    assert zipwriter.write([]) == zipfile_bytes([])


def test_a_member_too_large_for_a_letter_is_refused() -> None:
    member = zipwriter.Member("huge.bin", 0, 1 << 31, b"")
    with pytest.raises(ValueError, match=r"huge\.bin is too large"):
        zipwriter.write([member])
