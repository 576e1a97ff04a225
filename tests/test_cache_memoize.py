"""cache.memoize: the one cache API the rest of drafter uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.infra import cache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    cache.forget_folders()
    return tmp_path


class Thing:
    def __init__(self, value: str) -> None:
        self.value = value


def _memo(inputs: list[tuple[str, bytes]], calls: list[str], value: str = "built",
          versions: tuple[str, ...] = ("lib 1",)) -> Thing:
    def build() -> Thing:
        calls.append(value)
        return Thing(value)
    return cache.memoize("thing", name="one", inputs=inputs, versions=versions, build=build,
                         expect=Thing)


def test_second_call_with_the_same_inputs_is_read_from_the_cache(cache_home: Path) -> None:
    calls: list[str] = []
    assert _memo([("a.yaml", b"x: 1")], calls).value == "built"
    assert _memo([("a.yaml", b"x: 1")], calls, value="again").value == "built"
    assert calls == ["built"]
    assert list((cache_home / "drafter" / "entries").glob("thing-*.pickle"))


@pytest.mark.parametrize("change", ["content", "label", "version"])
def test_any_change_to_an_input_or_a_version_rebuilds(cache_home: Path, change: str) -> None:
    calls: list[str] = []
    _memo([("a.yaml", b"x: 1")], calls)
    inputs = [("a.yaml", b"x: 2" if change == "content" else b"x: 1")]
    if change == "label":
        inputs = [("b.yaml", b"x: 1")]
    versions = ("lib 2",) if change == "version" else ("lib 1",)
    assert _memo(inputs, calls, value="fresh", versions=versions).value == "fresh"
    assert calls == ["built", "fresh"]


def test_a_failure_is_never_remembered(cache_home: Path) -> None:
    def fail() -> Thing:
        raise ValueError("broken input")
    with pytest.raises(ValueError, match="broken input"):
        cache.memoize("thing", name="one", inputs=[("a", b"1")], versions=(), build=fail,
                      expect=Thing)
    calls: list[str] = []
    assert _memo([("a", b"1")], calls, versions=()).value == "built"
    assert calls == ["built"]


def test_an_entry_of_the_wrong_type_is_ignored(cache_home: Path) -> None:
    calls: list[str] = []
    cache.memoize("thing", name="one", inputs=[("a", b"1")], versions=("v",),
                  build=lambda: "a string", expect=str)
    assert _memo([("a", b"1")], calls, versions=("v",)).value == "built"


def test_off_means_built_every_time(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")
    calls: list[str] = []
    _memo([("a", b"1")], calls)
    _memo([("a", b"1")], calls, value="second")
    assert calls == ["built", "second"]
    assert not (cache_home / "drafter").exists()
