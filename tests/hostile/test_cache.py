"""The user cache cannot be turned against its user (probe D9, M15, M4 for cache entries)."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.infra import cache

STEM = "thing-0123456789abcdef"


@pytest.fixture
def user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.forget_folders()
    yield tmp_path / "xdg" / "drafter"
    cache.forget_folders()


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "code ran"))


def test_m15_an_entry_forged_without_the_key_is_ignored(user_cache: Path, tmp_path: Path) -> None:
    cache.store(STEM, "key", {"library": 1})
    path = user_cache / "entries" / f"{STEM}.pickle"
    data = path.read_bytes()
    header = data[:data.index(b"\n", len(b"drafter-cache 1\n")) + 1]
    marker = tmp_path / "marker"
    payload = pickle.dumps(_Evil(marker))
    path.write_bytes(header + cache.digest(payload).encode() + payload)  # the old checksum
    assert cache.load(STEM, "key") is None
    assert not marker.exists()
    # and the genuine entry still loads
    cache.store(STEM, "key", {"library": 1})
    assert cache.load(STEM, "key") == {"library": 1}


def test_d9_swapping_a_checked_folder_for_a_link_changes_nothing(user_cache: Path,
                                                                 tmp_path: Path) -> None:
    cache.store(STEM, "key", "mine")
    entries = user_cache / "entries"
    attacker = tmp_path / "attacker"
    shutil.copytree(entries, attacker)
    marker = tmp_path / "marker"
    (attacker / f"{STEM}.pickle").write_bytes(pickle.dumps(_Evil(marker)))
    entries.rename(user_cache / "moved")
    entries.symlink_to(attacker)
    assert cache.load(STEM, "key") == "mine"  # read through the folder checked before
    assert not marker.exists()
    cache.forget_folders()  # a new process: the link is refused (O_NOFOLLOW)
    assert cache.load(STEM, "key") is None
    assert not marker.exists()


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_d9_a_cache_under_a_folder_others_can_write_is_not_used(
        mode: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "home" / "cache"))
    cache.forget_folders()
    try:
        assert cache.subfolder("entries") is None
        cache.store(STEM, "key", 1)
        assert cache.load(STEM, "key") is None
    finally:
        cache.forget_folders()


def test_d9_a_sticky_shared_folder_is_fine_above_a_private_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp is
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "mine"))
    cache.forget_folders()
    try:
        cache.store(STEM, "key", 42)
        assert cache.load(STEM, "key") == 42
    finally:
        cache.forget_folders()


def test_d9_a_key_others_can_read_makes_the_cache_unusable(user_cache: Path) -> None:
    cache.store(STEM, "key", 1)
    (user_cache / "key").chmod(0o644)
    cache.forget_folders()
    assert cache.load(STEM, "key") is None


def test_m4_a_fifo_in_the_cache_is_skipped_at_once(user_cache: Path) -> None:
    cache.store(STEM, "key", 1)
    path = user_cache / "entries" / f"{STEM}.pickle"
    path.unlink()
    os.mkfifo(path)
    start = time.monotonic()
    assert cache.load(STEM, "key") is None
    assert time.monotonic() - start < 2
