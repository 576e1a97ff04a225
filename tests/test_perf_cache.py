"""The user cache (drafter.infra.cache) and what is kept in it: never stale, never in the way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter.check.ruleset import _load, required_literals
from drafter.errors import Problem
from drafter.infra import cache
from drafter.library.load import load_library
from drafter.library.templating import (
    CompiledTemplates,
    Slots,
    compile_clause,
    make_environment,
    render_clause,
    render_template,
)

CLAUSE = """\
harms:
  - id: perf-test-harm
    title: A harm for the cache tests
    tags: [s43]
    text: Disclosure would harm the WIDGET market.
"""

RULE = """\
rules:
  - id: perf-test-rule
    extends: forbids
    level: warning
    message: Do not write the word WIDGET.
    patterns: ['\\bwidget\\b']
"""


@pytest.fixture
def user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private cache folder for the test (and the cache switched on)."""
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "drafter"


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Change a file's text without changing its size or its dates."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "entries").iterdir())


def test_cache_folder_follows_xdg_home_and_the_switch(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "drafter"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "drafter"
    monkeypatch.setenv(cache.ENV_OFF, "0")
    assert cache.cache_dir() is not None
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert cache.cache_dir() is None
    cache.store("thing-0123456789abcdef", "key", {"a": 1})
    assert cache.load("thing-0123456789abcdef", "key") is None
    assert not (tmp_path / "home" / ".cache").exists()


def test_entries_round_trip_only_under_their_own_key(user_cache: Path) -> None:
    cache.store("thing-0123456789abcdef", "key one", {"a": [1, 2]})
    assert cache.load("thing-0123456789abcdef", "key one") == {"a": [1, 2]}
    assert cache.load("thing-0123456789abcdef", "key two") is None
    assert cache.load("other-0123456789abcdef", "key one") is None
    assert [p.name for p in (user_cache / "entries").iterdir()] == [
        "thing-0123456789abcdef.pickle"]  # written atomically: no temporary file left
    assert stat.S_IMODE((user_cache / "entries").stat().st_mode) == 0o700


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_entry_is_a_miss(user_cache: Path, damage: str) -> None:
    cache.store("thing-0123456789abcdef", "key", list(range(1000)))
    path = user_cache / "entries" / "thing-0123456789abcdef.pickle"
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-10] ^= 0xFF
    elif damage == "truncate":
        del data[-100:]
    else:
        data.clear()
    path.write_bytes(bytes(data))
    assert cache.load("thing-0123456789abcdef", "key") is None


def test_an_unusable_cache_folder_is_skipped_silently(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.subfolder("entries") is None
    cache.store("thing-0123456789abcdef", "key", 1)
    assert cache.load("thing-0123456789abcdef", "key") is None
    library = load_library()
    assert library.provisions
    assert make_environment().bytecode_cache is None


def test_a_folder_others_can_write_to_is_not_used(user_cache: Path) -> None:
    shared = user_cache / "shared"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    assert cache.subfolder("shared") is None
    assert cache.subfolder("own") == user_cache / "own"


def test_prune_keeps_the_newest(user_cache: Path) -> None:
    tmp_path = cache.subfolder("prune-test")
    assert tmp_path is not None
    for i in range(12):
        path = tmp_path / f"kind-{i:016d}.pickle"
        path.write_bytes(b"x")
        os.utime(path, ns=(i * 10**9, i * 10**9))
    (tmp_path / "other-0000000000000000.pickle").write_bytes(b"x")
    cache.prune(tmp_path, "kind-????????????????.pickle", 8)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [*(f"kind-{i:016d}.pickle" for i in range(4, 12)),
                    "other-0000000000000000.pickle"]


def test_pruning_keeps_the_entries_in_use(user_cache: Path) -> None:
    stems = [f"kind-{i:016d}" for i in range(cache.KEEP + 1)]
    for i, stem in enumerate(stems[:-1]):
        cache.store(stem, "key", i)
        path = user_cache / "entries" / f"{stem}.pickle"
        os.utime(path, ns=(i * 10**9, i * 10**9))
    assert cache.load(stems[0], "key") == 0  # used: now the most recent
    cache.store(stems[-1], "key", -1)
    left = entries(user_cache)
    assert f"{stems[0]}.pickle" in left and f"{stems[1]}.pickle" not in left
    assert len(left) == cache.KEEP


def test_the_library_comes_from_the_cache_and_equals_a_fresh_load(
        user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_library()
    assert [n for n in entries(user_cache) if n.startswith("library-")]
    second = load_library()
    monkeypatch.setenv(cache.ENV_OFF, "1")
    fresh = load_library()
    assert first == second == fresh
    for kind in ("provisions", "harms", "factors", "conclusions"):
        assert [e.model_dump() for e in second.entries_for(kind).values()] == \
            [e.model_dump() for e in fresh.entries_for(kind).values()]
    assert second.origins == fresh.origins and second.overridden == fresh.overridden


def test_the_checkers_provision_facts_come_from_the_cache_and_equal_the_library(
        user_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from drafter.errors import LibraryError
    from drafter.law.provisions import records_by_regime
    from drafter.library.facts import provision_records

    first = provision_records()
    assert [n for n in entries(user_cache) if n.startswith("provision-facts-")]
    second = provision_records()
    assert first == second == records_by_regime(load_library().provisions.values())
    assert first["foia"]["s43(2)"][0].prejudice_based and not first["foia"]["s43(2)"][0].absolute
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert provision_records() == first
    monkeypatch.delenv(cache.ENV_OFF)
    # An override folder: read, cached under its content, and a broken edit is never served
    # from the cache (the same folder loaded well a moment before).
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "extra.yaml").write_text(CLAUSE, encoding="utf-8")
    assert provision_records([folder]) == first
    same_size_edit(folder / "extra.yaml", "harms:", "harms[")
    with pytest.raises(LibraryError):
        provision_records([folder])


def test_an_edited_clause_is_never_served_stale(user_cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "extra.yaml").write_text(CLAUSE, encoding="utf-8")
    assert "WIDGET" in load_library([folder]).harms["perf-test-harm"].text
    assert "WIDGET" in load_library([folder]).harms["perf-test-harm"].text
    same_size_edit(folder / "extra.yaml", "WIDGET", "GADGET")
    assert "GADGET" in load_library([folder]).harms["perf-test-harm"].text


def test_a_library_with_problems_is_not_cached(user_cache: Path, tmp_path: Path) -> None:
    from drafter.errors import LibraryError

    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "bad.yaml").write_text(CLAUSE.replace("tags: [s43]", "tags: [nowhere]"),
                                     encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LibraryError, match="unknown tag 'nowhere'"):
            load_library([folder])


def test_rules_come_from_the_cache_with_their_literals(user_cache: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "house.yaml").write_text(RULE, encoding="utf-8")
    load = _load.__wrapped__
    first = load((folder,))
    cached = load((folder,))
    monkeypatch.setenv(cache.ENV_OFF, "1")
    fresh = load((folder,))
    assert first == cached == fresh
    assert cached.origins == fresh.origins
    assert cached.literals[r"\bwidget\b"] == frozenset({"widget"})
    assert all(required_literals(p) == lit for p, lit in cached.literals.items())
    monkeypatch.delenv(cache.ENV_OFF)
    same_size_edit(folder / "house.yaml", "WIDGET", "GADGET")
    edited = next(r for r in load((folder,)).rules if r.id == "perf-test-rule")
    assert "GADGET" in getattr(edited, "message", "")


def test_templates_are_compiled_again_when_they_change(user_cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "x.j2").write_text("one {{ a }}", encoding="utf-8")

    def render() -> str:
        env = make_environment([folder])
        assert isinstance(env.bytecode_cache, CompiledTemplates)
        slots = Slots()
        return slots.expand(render_template(env, "x.j2", {"a": "A"}, slots))

    assert render() == render() == "one A"
    cached = list(env_folder(user_cache).glob("*.jinja"))
    assert cached
    same_size_edit(folder / "x.j2", "one", "two")
    assert render() == "two A"


def env_folder(user_cache: Path) -> Path:
    (folder,) = [p for p in user_cache.iterdir() if p.name.startswith("templates-")]
    return folder


def test_clause_texts_render_the_same_from_the_cache(user_cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = "{% if flag %}Yes {{ name }}{% else %}No{% endif %} and {{ name | upper }}"
    where = Problem("clause", file="x.yaml")

    def render(flag: bool) -> str:
        env = make_environment()
        return str(render_clause(env, source, {"flag": flag, "name": "Ann"}, Slots(),
                                 where=where))

    monkeypatch.setenv(cache.ENV_OFF, "1")
    expected = [render(True), render(False)]
    monkeypatch.delenv(cache.ENV_OFF)
    assert [render(True), render(False)] == expected  # compiled and stored
    assert [render(True), render(False)] == expected  # loaded
    assert compile_clause(make_environment(), source, where=where) is not None
