"""What the checker knows about a cited provision: absolute or qualified, prejudice-based, NCND.

Each cited provision is looked up in the clause library where it has the provision, else in
the citation rule's table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.check.kinds.citations import CitationTable
from drafter.check.mentions import under
from drafter.law.citations import normalise

__all__ = ["Facts", "LibraryEntry", "Provisions", "entries_from_library", "library_entries"]

@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """What the checker takes from one clause-library provision."""

    via: str | None
    absolute: bool
    test: str
    kind: str
    defence: bool = False
    title: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known about one cited provision."""

    absolute: bool | None
    prejudice: bool
    ncnd: bool
    procedural: bool
    defence: bool


def library_entries(folders: Sequence[Path] = ()) -> dict[str, list[LibraryEntry]]:
    """Provision facts from the clause library (built-in, then ``folders``), by citation.

    The library's YAML is read with the fast C loader and only the keys the checker needs
    are taken; validation is ``drafter clauses lint``'s job. An unreadable library gives an
    empty mapping, so the checker falls back on its own table.
    """
    return _library_entries(tuple(folders))


@cache
def _library_entries(folders: tuple[Path, ...]) -> dict[str, list[LibraryEntry]]:
    from drafter.infra import cache as user_cache
    from drafter.infra.resources import clauses_dir

    try:
        roots = [clauses_dir(), *folders]
    except FileNotFoundError:
        roots = list(folders)
    files: list[tuple[Path, bytes | None]] = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.y*ml")):
            try:
                files.append((path, path.read_bytes()))
            except OSError:
                files.append((path, None))
    # Kept in the user's cache under the content of every file read (drafter.infra.cache).
    stem = f"provisions-{user_cache.digest(chr(0).join(map(str, roots)))[:16]}"
    key = "\n".join([f"provisions 1 {user_cache.source_stamp()}",
                     user_cache.module_stamp("yaml"),
                     *(f"{p}\t{user_cache.digest(d) if d is not None else '-'}"
                       for p, d in files)])
    found = user_cache.load(stem, key)
    if isinstance(found, dict):
        return found
    out = _entries_from(files)
    user_cache.store(stem, key, out)
    return out


def _entries_from(files: list[tuple[Path, bytes | None]]) -> dict[str, list[LibraryEntry]]:
    import yaml

    try:
        loader: Any = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML without libyaml
        loader = yaml.SafeLoader
    by_id: dict[str, tuple[str, LibraryEntry]] = {}
    for _path, raw in files:
        if raw is None:
            continue
        try:
            # As Path.read_text: UTF-8, universal newlines.
            text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            data = yaml.load(text, Loader=loader)
        except (UnicodeDecodeError, yaml.YAMLError):
            continue
        provisions = data.get("provisions") if isinstance(data, dict) else None
        for item in provisions if isinstance(provisions, list) else ():
            found = _entry(item)
            if found is not None:
                by_id[str(item["id"])] = found
    out: dict[str, list[LibraryEntry]] = {}
    for cite, entry in by_id.values():
        out.setdefault(cite, []).append(entry)
    return out


def _entry(item: Any) -> tuple[str, LibraryEntry] | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    if item.get("regime", "foia") != "foia":  # EIR/FOISA entries: the checker's own tables
        return None
    cite = normalise(str(item.get("cite", "")))
    absolute = item.get("absolute")
    if cite is None or not isinstance(absolute, bool):
        return None
    via = item.get("via")
    return cite, LibraryEntry(via=normalise(via) if isinstance(via, str) else None,
                              absolute=absolute, test=str(item.get("test", "")),
                              kind=str(item.get("kind", "exemption")),
                              defence=bool(item.get("public_interest_defence", False)),
                              title=str(item.get("title", "")))


def entries_from_library(lib: Any) -> dict[str, list[LibraryEntry]]:
    """Provision facts from a loaded :class:`drafter.library.load.Library`."""
    out: dict[str, list[LibraryEntry]] = {}
    for p in lib.of_regime("foia"):
        out.setdefault(p.cite, []).append(LibraryEntry(
            via=normalise(p.via) if p.via else None, absolute=p.absolute, test=p.test,
            kind=p.kind, defence=p.public_interest_defence, title=p.title))
    return out


_PREJUDICE_TESTS = frozenset({"prejudice", "endanger", "qualified_person"})


class Provisions:
    """Looks up cited provisions: the clause library first, then the citation table."""

    def __init__(self, table: CitationTable, library: Mapping[str, list[LibraryEntry]],
                 *, use_library: bool = True) -> None:
        self.table = table
        self.library = library if use_library else {}
        self._cache: dict[tuple[str, tuple[str, ...]], Facts] = {}

    def facts(self, cite: str, via: Sequence[str] = ()) -> Facts:
        """What is known about ``cite`` (qualified by ``via``)."""
        key = (cite, tuple(via))
        found = self._cache.get(key)
        if found is None:
            found = self._facts(cite, tuple(via))
            self._cache[key] = found
        return found

    def _facts(self, cite: str, via: tuple[str, ...]) -> Facts:
        t = self.table
        # No public interest test: s12 (and s12(2)), s14; and EIR reg 12(4)(a), information
        # not held, where the ICO expects none because there is nothing to weigh.
        procedural = cite.startswith(("s12", "s14")) or cite == "reg12(4)(a)"
        absolute = self._absolute_from_table(cite, via)
        prejudice = any(under(cite, p) for p in t.prejudice)
        ncnd = any(under(cite, p) for p in t.ncnd)
        defence = False
        entries = self.library.get(cite, [])
        if via and entries:
            matching = [e for e in entries if e.via and any(under(v, e.via) or
                                                            under(e.via, v) for v in via)]
            entries = matching or entries
        if entries and not procedural:
            values = {e.absolute for e in entries}
            absolute = values.pop() if len(values) == 1 else absolute
            prejudice = any(e.test in _PREJUDICE_TESTS for e in entries)
            ncnd = any(e.kind == "ncnd" for e in entries)
            defence = any(e.defence for e in entries)
        if procedural:
            absolute = None
        return Facts(absolute, prejudice, ncnd, procedural, defence)

    def _absolute_from_table(self, cite: str, via: tuple[str, ...]) -> bool | None:
        t = self.table
        best: tuple[int, str] | None = None
        for entry in (*t.absolute, *t.depends):
            if under(cite, entry) and (best is None or len(entry) > best[0]):
                best = (len(entry), entry)
        if best is not None:
            if best[1] in t.absolute:
                return True
            if any(under(v, q) for v in via for q in t.via_absolute):
                return True
            if any(under(v, q) for v in via for q in t.via_qualified):
                return False
            return None
        if any(under(entry, cite) for entry in (*t.absolute, *t.depends)):
            return None  # a bare section with absolute limbs: which one is unknown
        return False if t.all_qualified else None
