"""Load the clause library: built-in YAML plus any override folders, validated as one.

Every problem in every file is collected before one :class:`LibraryError` is raised. An
override folder is searched first: an entry whose id is also built in replaces it, and the
replacement is recorded so that ``drafter clauses list`` can report it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import LibraryError, Problem
from drafter.infra import cache
from drafter.infra.modelio import problems_from
from drafter.infra.resources import clauses_dir
from drafter.infra.yamlio import Positions, decode_text, load_yaml
from drafter.law.citations import normalise
from drafter.library.model import Conclusion, Factor, Harm, LibraryFile, Provision, Reference
from drafter.library.sources import BUILT_IN as BUILT_IN  # where it was before sources.py
from drafter.library.sources import Read, cache_inputs, read_library, versions

KINDS = ("provisions", "harms", "factors", "conclusions")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an entry was read from."""

    source: str
    file: str
    line: int | None


@dataclass
class Library:
    """The merged clause library."""

    provisions: dict[str, Provision] = field(default_factory=dict)
    harms: dict[str, Harm] = field(default_factory=dict)
    factors: dict[str, Factor] = field(default_factory=dict)
    conclusions: dict[str, Conclusion] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    reference: Reference | None = None
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    overridden: set[tuple[str, str]] = field(default_factory=set)

    def section_key(self, provision: Provision) -> str:
        """``s31`` for any FOIA s31 provision: the tag that factors and harms use.

        Other regimes get their own keys, because the numbers mean different law:
        ``eir-reg12`` for an EIR regulation 12 exception, ``foisa-s33`` for FOISA s33.
        """
        if provision.regime == "eir":
            return "eir-reg" + provision.section.lower()
        if provision.regime == "foisa":
            return "foisa-s" + provision.section.lower()
        return "s" + provision.section.lower()

    def known_tags(self) -> set[str]:
        """Every tag an entry may carry."""
        tags = set(self.tags) | set(self.provisions) | {"any", "ncnd"}
        tags.update(self.section_key(p) for p in self.provisions.values())
        return tags

    def by_cite(self, cite: str, regime: str = "foia") -> list[Provision]:
        """Every provision of ``regime`` whose canonical citation is ``cite`` (any spelling)."""
        canon = normalise(cite) or cite
        return list(self._cite_index().get((canon, regime), ()))

    def _cite_index(self) -> dict[tuple[str, str], list[Provision]]:
        """The provisions by (citation, regime), in library order.

        Made again whenever the provisions are not the very ones it was made from (a
        provision is frozen, so the same objects have the same citations).
        """
        entries = tuple(self.provisions.values())
        index = self.__dict__.get("_by_cite")
        if index is None or index[0] != entries:
            table: dict[tuple[str, str], list[Provision]] = {}
            for p in entries:
                table.setdefault((p.cite, p.regime), []).append(p)
            index = self.__dict__["_by_cite"] = (entries, table)
        return index[1]

    def of_regime(self, regime: str) -> list[Provision]:
        """The provisions of one regime, in library order."""
        return [p for p in self.provisions.values() if p.regime == regime]

    def origin(self, kind: str, entry_id: str) -> Origin:
        """Where entry ``entry_id`` of ``kind`` came from."""
        return self.origins[(kind, entry_id)]

    def entries_for(self, kind: str) -> dict[str, Any]:
        """The mapping for ``kind`` (``provisions``, ``harms``, ``factors``, ``conclusions``)."""
        table: dict[str, Any] = getattr(self, kind)
        return table

    def tags_of(self, provision: Provision) -> set[str]:
        """The tags under which entries apply to ``provision``."""
        tags = {provision.id, self.section_key(provision), "any"}
        if provision.kind == "ncnd":
            tags.add("ncnd")
            for ex in provision.exempts:
                tags.add(ex)
        return tags


def load_library(overrides: Sequence[Path] = ()) -> Library:
    """Load the built-in library, then each override folder over it.

    A library that loads without a problem is kept in the user's cache (:mod:`drafter.infra.cache`)
    under a key made from the content of every file read, so the next process that reads the
    same files skips parsing and validation; any change to any file gives a new key.

    Raises:
        LibraryError: listing every problem found, with file and line.
    """
    read = read_library(overrides)
    inputs = cache_inputs(read)
    if inputs is None:
        return build_library(read)  # a file that could not be read: report it, never cache
    return cache.memoize("library", name="\0".join(source for source, _ in read), inputs=inputs,
                         versions=versions(), build=lambda: build_library(read), expect=Library)


def build_library(read: Read) -> Library:
    """Validate and merge the files of :func:`drafter.library.sources.read_library`.

    Raises:
        LibraryError: listing every problem found, with file and line.
    """
    lib = Library()
    problems: list[Problem] = []
    for source, files in read:
        _load_folder(lib, source, files, problems)
    problems.extend(check_references(lib))
    if problems:
        raise LibraryError(problems)
    return lib


def _load_folder(lib: Library, source: str, files: list[tuple[Path, bytes | LibraryError]],
                 problems: list[Problem]) -> None:
    seen_here: dict[tuple[str, str], Origin] = {}
    for path, raw in files:
        name = str(path)
        try:
            if isinstance(raw, LibraryError):
                raise raw
            data, positions = load_yaml(decode_text(raw, name, LibraryError, what="clause file"),
                                        name, LibraryError)
        except LibraryError as exc:
            problems.extend(exc.problems)
            continue
        if data is None:
            continue
        try:
            parsed = LibraryFile.model_validate(data)
        except Exception as exc:
            from pydantic import ValidationError

            if isinstance(exc, ValidationError):
                problems.extend(problems_from(exc, LibraryFile, positions))
                continue
            raise
        _merge(lib, parsed, source, positions, seen_here, problems)


def _merge(lib: Library, parsed: LibraryFile, source: str, positions: Positions,
           seen_here: dict[tuple[str, str], Origin], problems: list[Problem]) -> None:
    for kind in KINDS:
        target = lib.entries_for(kind)
        entries: Iterable[Provision | Harm | Factor | Conclusion] = getattr(parsed, kind)
        for i, entry in enumerate(entries):
            key = (kind, entry.id)
            origin = Origin(source, positions.file, positions.line_of((kind, i)))
            if key in seen_here:
                first = seen_here[key]
                problems.append(Problem(
                    f"duplicate {kind[:-1]} id '{entry.id}' (also at {first.file}:{first.line})",
                    file=origin.file, line=origin.line, key=f"{kind}[{i}].id",
                    fix="give each entry its own id; ids are never reused"))
                continue
            seen_here[key] = origin
            if key in lib.origins:
                lib.overridden.add(key)
            lib.origins[key] = origin
            target[entry.id] = entry
    lib.tags.update(parsed.tags)
    if parsed.reference is not None:
        lib.reference = parsed.reference


def check_references(lib: Library) -> list[Problem]:
    """Cross-entry checks: NCND counterparts, exempted ids, tags, the reference block."""
    problems: list[Problem] = []
    cites = {(p.regime, p.cite) for p in lib.provisions.values()}
    exemptions = {(p.regime, p.cite) for p in lib.provisions.values() if p.kind == "exemption"}

    def at(kind: str, entry_id: str, key: str, message: str, fix: str) -> None:
        o = lib.origins[(kind, entry_id)]
        problems.append(Problem(message, file=o.file, line=o.line, key=f"{entry_id}.{key}",
                                fix=fix))

    for p in lib.provisions.values():
        if normalise(p.cite) != p.cite:
            at("provisions", p.id, "cite", f"citation '{p.cite}' is not in canonical form",
               f"write it as '{normalise(p.cite) or 's31(1)(a)'}'")
        if p.ncnd and (p.regime, p.ncnd) not in cites:
            at("provisions", p.id, "ncnd", f"NCND provision '{p.ncnd}' is not in the library "
               f"for {p.regime.upper()}", "add an entry for it, or correct the citation")
        elif p.ncnd and (p.regime, p.ncnd) in exemptions:
            # the checker reads a provision named here as NCND (drafter.law.provisions)
            at("provisions", p.id, "ncnd", f"'{p.ncnd}' is an exemption, not a provision "
               "that removes the duty to confirm or deny", "name its NCND subsection")
        for ex in p.exempts:
            if ex not in lib.provisions:
                at("provisions", p.id, "exempts", f"unknown provision id '{ex}'",
                   "use the id of an exemption entry")
            elif lib.provisions[ex].regime != p.regime:
                at("provisions", p.id, "exempts", f"'{ex}' is a "
                   f"{lib.provisions[ex].regime.upper()} provision, not {p.regime.upper()}",
                   "an NCND provision covers only exemptions of its own regime")
    known = lib.known_tags()
    for kind in ("harms", "factors", "conclusions"):
        for entry in lib.entries_for(kind).values():
            for tag in entry.tags:
                if tag not in known:
                    at(kind, entry.id, "tags", f"unknown tag '{tag}'",
                       "use a section such as 's31', a provision id, or a tag declared "
                       "under 'tags:'")
    if lib.reference is None:
        problems.append(Problem("the library has no 'reference:' block (ICO contact details)",
                                file=str(clauses_dir())))
    return problems
