"""The checker: find every section 17 element (and the common defects) in a draft letter.

:func:`check_notice` takes a :class:`~drafter.document.Notice` (from
:func:`drafter.read.read_document`, or built by ``assemble``) and a
:class:`~drafter.check.ruleset.RuleSet`, and returns a :class:`CheckResult`: the regime, whether the
letter refuses anything, the provisions it cites, the ten elements of
``docs/check.md`` and the findings. It is pure: no files, no clock.

How a letter is read:

1. The text of every block except quotations (the request, quoted in a fenced block, is
   the requester's words, not the authority's) is indexed as *segments*: one per paragraph,
   heading or list item, each with its location.
2. Citations are found in the forms letters use ("section 31(1)(a)", "s.40(2)", "S24(1) –
   National Security", "sections 24 and 31", "regulation 12(5)(e)", "s40(2) by virtue of
   s40(3A)(a)"), citations of other Acts and of procedural sections (s1, s10, s17, s50...)
   are dropped, and each is normalised (``s31(1)(a)``, ``reg12(5)(e)``).
3. Each cited provision is looked up (absolute or qualified, prejudice-based, NCND) in the
   clause library where it has the provision, else in the citation rule's table.
4. Triggers (``qualified``, ``ncnd``, ``pitx``...) are worked out, then every rule whose
   trigger holds is run. Rule kinds are described in :mod:`drafter.check.ruleset`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from drafter.check.ruleset import (
    DATE,
    ELEMENTS,
    CitationsRule,
    CitationTable,
    ConditionalRule,
    DeadlineRule,
    ElementRule,
    ForbidsRule,
    LabellingRule,
    RepetitionRule,
    RequiresRule,
    Rule,
    RuleSet,
    TriggerRule,
    compile_patterns,
    required_literals,
)
from drafter.document import Block, Link, ListBlock, Notice, Quote
from drafter.errors import DocumentReadError
from drafter.law.citations import is_roman, normalise, prose

__all__ = [
    "LEVELS",
    "CheckResult",
    "Checker",
    "ElementResult",
    "Finding",
    "LibraryEntry",
    "Mention",
    "check_notice",
    "find_citations",
    "iter_check",
    "library_entries",
    "parse_date",
]

LEVELS = ("suggestion", "warning", "error")
"""Finding levels, least serious first."""

EVIDENCE_MAX = 300

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker reports.

    Attributes:
        id: The rule's finding id (an element name for a missing element).
        level: ``error``, ``warning`` or ``suggestion``.
        message: What is wrong and how to fix it.
        location: Where, for example ``paragraph 7`` or ``line 12``; None for the letter.
        statute: The provision the rule enforces.
        link: Guidance page.
    """

    id: str
    level: str
    message: str
    location: str | None = None
    statute: str | None = None
    link: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's finding object: id, level, message, location."""
        return {"id": self.id, "level": self.level, "message": self.message,
                "location": self.location}


@dataclass(frozen=True, slots=True)
class ElementResult:
    """One of the ten elements: ``present``, ``missing`` or ``not_applicable``."""

    status: str
    evidence: str | None = None
    location: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """``{"status": ..., "evidence": ..., "location": ...}``."""
        return {"status": self.status, "evidence": self.evidence, "location": self.location}


NOT_APPLICABLE = ElementResult("not_applicable")


@dataclass
class CheckResult:
    """What ``drafter check`` reports for one file (``docs/check.md``)."""

    file: str
    regime: str
    is_refusal: bool
    exemptions: list[str]
    ncnd: bool
    elements: dict[str, ElementResult]
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        """True when no finding is at error level."""
        return not any(f.level == "error" for f in self.findings)

    def shown(self, min_level: str = "suggestion") -> list[Finding]:
        """The findings at or above ``min_level``."""
        floor = LEVELS.index(min_level)
        return [f for f in self.findings if LEVELS.index(f.level) >= floor]

    def as_dict(self, min_level: str = "suggestion") -> dict[str, Any]:
        """The JSON object of ``drafter check --format json``; ``min_level`` filters findings."""
        return {
            "file": self.file,
            "regime": self.regime,
            "is_refusal": self.is_refusal,
            "exemptions": list(self.exemptions),
            "ncnd": self.ncnd,
            "elements": {k: self.elements[k].as_dict() for k in ELEMENTS},
            "findings": [f.as_dict() for f in self.shown(min_level)],
            "ok": self.ok,
        }


# --------------------------------------------------------------------------- the text index

_ABBREVIATIONS = frozenset({"s", "ss", "reg", "regs", "no", "nos", "para", "paras", "art",
                            "sec", "secs", "e.g", "i.e", "eg", "ie", "etc", "st", "mr", "mrs",
                            "ms", "dr", "cf", "sch", "pt", "vol", "p", "pp", "ref", "tel"})
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(•\-–*A-Z0-9])|\n+")
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]$")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
_PARAGRAPH_SOURCE = re.compile(r"^(.*paragraph )(\d+)$")


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph, heading or list item: its text, its location and offset in the index."""

    text: str
    location: str | None
    start: int


class Doc:
    """The searchable text of a letter: every segment joined, with offsets."""

    def __init__(self, notice: Notice) -> None:
        segments: list[Segment] = []
        parts: list[str] = []
        offset = 0
        header = list(_segments(notice.header))
        body = list(_segments(notice.blocks))
        for text, location in (*header, *body, *_segments(notice.footer)):
            segments.append(Segment(text, location, offset))
            parts.append(text)
            offset += len(text) + 2
        self.segments = segments
        self.text = "\n\n".join(parts)
        self.starts = [s.start for s in segments]
        lowered = self.text.lower()
        self.lowered: str | None = lowered if len(lowered) == len(self.text) else None
        self.header_count = len(header)
        self.body_count = len(body)
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    def seg_of(self, offset: int) -> int:
        """Index of the segment holding ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def sentences(self, seg: int) -> list[tuple[int, int]]:
        """Absolute ``(start, end)`` spans of the sentences of segment ``seg``."""
        cached = self._sentences.get(seg)
        if cached is not None:
            return cached
        segment = self.segments[seg]
        spans: list[tuple[int, int]] = []
        begin = 0
        for m in _BOUNDARY.finditer(segment.text):
            if m.group().strip() and _is_abbreviation(segment.text[begin:m.start() + 1]):
                continue
            spans.append((segment.start + begin, segment.start + m.start() + 1))
            begin = m.end()
        spans.append((segment.start + begin, segment.start + len(segment.text)))
        self._sentences[seg] = spans
        return spans

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        for start, end in self.sentences(self.seg_of(offset)):
            if start <= offset <= end:
                return start, end
        seg = self.segments[self.seg_of(offset)]
        return seg.start, seg.start + len(seg.text)

    def evidence(self, start: int, end: int) -> tuple[str, str | None]:
        """The sentence around a match, trimmed to 300 characters, and its location."""
        s_start, s_end = self.sentence_at(start)
        s_end = max(s_end, min(end, s_start + 2000))
        text = _SPACES.sub(" ", self.text[s_start:s_end]).strip()
        if len(text) > EVIDENCE_MAX:
            rel = len(_SPACES.sub(" ", self.text[s_start:start]).lstrip())
            lo = max(0, min(rel - 80, len(text) - EVIDENCE_MAX + 2))
            cut = text[lo:lo + EVIDENCE_MAX - 2].strip()
            text = ("…" if lo else "") + cut + ("…" if lo + EVIDENCE_MAX - 2 < len(text) else "")
            text = text[:EVIDENCE_MAX]
        return text, self.segments[self.seg_of(start)].location

    def location(self, offset: int) -> str | None:
        """Location of the segment holding ``offset``."""
        return self.segments[self.seg_of(offset)].location if self.segments else None


def _is_abbreviation(sentence: str) -> bool:
    m = _LAST_WORD.search(sentence.rstrip())
    return m is not None and m.group(1).lower().rstrip(".") in _ABBREVIATIONS


def _segments(blocks: Iterable[Block]) -> Iterator[tuple[str, str | None]]:
    for block in blocks:
        if isinstance(block, Quote):
            continue
        if isinstance(block, ListBlock):
            m = _PARAGRAPH_SOURCE.match(block.source or "")
            for k, item in enumerate(block.items):
                if m:
                    where: str | None = f"{m.group(1)}{int(m.group(2)) + k}"
                else:
                    where = block.source if k == 0 or not block.source \
                        else f"{block.source}, item {k + 1}"
                text = _inline_text(item)
                if text.strip():
                    yield text, where
            continue
        content = getattr(block, "content", None)
        text = _inline_text(content) if content is not None else block.text
        if text.strip():
            yield text, block.source


def _inline_text(content: Iterable[Any]) -> str:
    out: list[str] = []
    for item in content:
        out.append(item.text)
        if isinstance(item, Link) and item.url and item.url not in item.text:
            out.append(f" <{item.url}>")
    return "".join(out)


# --------------------------------------------------------------------------- citations

_PART = r"(?:\d{1,2}[A-Za-z]?|[A-Za-z]{1,2}|[ivxIVX]{1,4})"
_SUBS = rf"(?:\s?\(\s?{_PART}\s?\)){{0,5}}"
_CITE = re.compile(
    r"(?=[sSrR])(?<![\w'’.])(?P<kw>sections?|secs?\.?|ss?\.|ss?(?=\d)|regulations?|regs?\.?)\s*"
    rf"(?P<num>\d{{1,2}}[A-Z]?)(?!\d)(?P<subs>{_SUBS})", re.IGNORECASE)
_MORE = re.compile(
    r"\s*(?:,|\band\b|&|\bor\b|/)\s*(?:(?:sections?|ss?\.|s\.?|regulations?|regs?\.?)\s*)?"
    rf"(?P<num>\d{{1,2}}[A-Z]?)(?!\d)(?P<subs>{_SUBS})"
    r"(?!\s*(?:working|days?|hours?|minutes?|weeks?|months?|years?|per\s?cent|%|pm|am|"
    r"parts?|pages?|items?|people|staff|officers?|of\s+the\s+request)\b)", re.IGNORECASE)
_MORE_PARTS = re.compile(rf"\s*(?:,|\band\b|&|\bor\b)\s*(?P<subs>(?:\(\s?{_PART}\s?\)){{1,3}})"
                         r"(?!\s*\w)", re.IGNORECASE)
_SUB_PART = re.compile(r"\(\s?([0-9A-Za-z]{1,4})\s?\)")
_FOI_NAME = re.compile(r"Freedom\s+of\s+Information|Environmental\s+Information|\bFOIA?\b|"
                       r"\bEIRs?\b", re.IGNORECASE)


@dataclass
class Mention:
    """One citation of a provision in the letter.

    Attributes:
        cite: Canonical citation as written (``s31``, ``s31(1)(a)``, ``reg12(5)(e)``).
        section: ``s31`` or ``reg12``: the section (or regulation) it belongs to.
        parts: The bracketed parts.
        seg: Index of the segment it is in.
        start: Offset of the citation in the letter's index.
        end: End offset.
        group: Citations written as one list ("sections 24 and 31") share a group.
        via: Qualifying provisions cited with it ("by virtue of s40(3A)(a)").
    """

    cite: str
    section: str
    parts: tuple[str, ...]
    seg: int
    start: int
    end: int
    group: int
    via: list[str] = field(default_factory=list)

    @property
    def regulation(self) -> bool:
        """True for an EIR (or EISR) regulation."""
        return self.section.startswith("reg")


def _under(cite: str, prefix: str) -> bool:
    """True if ``cite`` is ``prefix`` or a limb of it (``s31(1)(a)`` is under ``s31``)."""
    return cite == prefix or cite.startswith(prefix + "(")


def _build(kind: str, num: str, subs: str) -> tuple[str, str, tuple[str, ...]] | None:
    prefix = "reg" if kind.lower().startswith("r") else "s"
    canon = normalise(f"{prefix}{num}{subs.replace(' ', '')}")
    if canon is None:
        return None
    section = prefix + (num[:-1] + num[-1].upper() if num[-1].isalpha() else num)
    parts = tuple(_SUB_PART.findall(canon))
    return canon, section, parts


def find_citations(doc: Doc, rule: CitationsRule, table: CitationTable) -> list[Mention]:
    """Every citation of an exemption, exception, NCND provision, s12 or s14 in the letter.

    Citations of other Acts and of sections that are not in the table (s1, s10, s17, s50...)
    are dropped; qualifiers ("by virtue of s40(3A)(a)") are attached to the citation before
    them instead of being listed.
    """
    after = compile_patterns(tuple(rule.other_act_after))
    before = compile_patterns(tuple(rule.other_act_before))
    reference = compile_patterns(tuple(rule.ignore_before))
    sections = {s.upper() for s in table.sections}
    regulations = {s.upper() for s in table.regulations}
    text = doc.text
    out: list[Mention] = []
    group = 0
    pos = 0
    while True:
        m = _CITE.search(text, pos)
        if m is None:
            break
        kind = m.group("kw")
        items = [(m.group("num"), m.group("subs"), m.start(), m.end())]
        end = m.end()
        while True:
            more = _MORE.match(text, end)
            if more is not None and "\n" not in text[end:more.start("num")]:
                items.append((more.group("num"), more.group("subs"), more.start("num"),
                              more.end()))
                end = more.end()
                continue
            extra = _MORE_PARTS.match(text, end)
            if extra is not None and items[-1][1]:
                prev_subs = _SUB_PART.findall(items[-1][1])
                new_subs = _SUB_PART.findall(extra.group("subs"))
                joined = "".join(f"({p})" for p in _replace_parts(prev_subs, new_subs))
                items.append((items[-1][0], joined, extra.start("subs"), extra.end()))
                end = extra.end()
                continue
            break
        pos = end
        if _other_act(text, m.start(), end, after, before):
            continue
        if reference is not None and reference.search(text[max(0, m.start() - 60):m.start()]):
            continue
        group += 1
        for num, subs, start, stop in items:
            built = _build(kind, num, subs)
            if built is None:
                continue
            canon, section, parts = built
            allowed = regulations if section.startswith("reg") else sections
            if section.removeprefix("reg").removeprefix("s").upper() not in allowed:
                continue
            mention = Mention(canon, section, parts, doc.seg_of(start), start, stop, group)
            if any(_under(canon, q) for q in table.qualifiers):
                _attach(out, mention)
                continue
            out.append(mention)
    return out


def _part_kind(part: str, roman_context: bool) -> str:
    if part[:1].isdigit():
        return "number"
    if roman_context and is_roman(part.lower()):
        return "roman"
    return "letter"


def _replace_parts(prev: list[str], new: list[str]) -> list[str]:
    """``(2)(b)(ii)`` and ``(c)`` give ``(2)(c)``; ``(1)(a)`` and ``(b)`` give ``(1)(b)``."""
    roman = len(prev) > 2 and _part_kind(prev[-1], True) == "roman"
    kind = _part_kind(new[0], roman)
    kinds = [_part_kind(p, i >= 2) for i, p in enumerate(prev)]
    for i in range(len(prev) - 1, -1, -1):
        if kinds[i] == kind:
            return prev[:i] + new
    return prev[: max(len(prev) - len(new), 1)] + new


def _attach(out: list[Mention], qualifier: Mention) -> None:
    for prev in reversed(out):
        if prev.seg != qualifier.seg:
            break
        if prev.section == qualifier.section:
            prev.via.append(qualifier.cite)
            return


def _other_act(text: str, start: int, end: int, after: re.Pattern[str] | None,
               before: re.Pattern[str] | None) -> bool:
    if after is not None and after.match(text[end:end + 160]):
        return True
    if before is None:
        return False
    window = text[max(0, start - 90):start]
    m = before.search(window)
    if m is None:
        return False
    return not _FOI_NAME.search(window[max(0, m.start() - 30):])


# --------------------------------------------------------------------------- provision facts


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """What the checker takes from one clause-library provision."""

    via: str | None
    absolute: bool
    test: str
    kind: str
    defence: bool = False


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
                              defence=bool(item.get("public_interest_defence", False)))


def entries_from_library(lib: Any) -> dict[str, list[LibraryEntry]]:
    """Provision facts from a loaded :class:`drafter.library.load.Library`."""
    out: dict[str, list[LibraryEntry]] = {}
    for p in lib.of_regime("foia"):
        out.setdefault(p.cite, []).append(LibraryEntry(
            via=normalise(p.via) if p.via else None, absolute=p.absolute, test=p.test,
            kind=p.kind, defence=p.public_interest_defence))
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
        procedural = cite.startswith(("s12", "s14"))  # no public interest test, s12(2) too
        absolute = self._absolute_from_table(cite, via)
        prejudice = any(_under(cite, p) for p in t.prejudice)
        ncnd = any(_under(cite, p) for p in t.ncnd)
        defence = False
        entries = self.library.get(cite, [])
        if via and entries:
            matching = [e for e in entries if e.via and any(_under(v, e.via) or
                                                            _under(e.via, v) for v in via)]
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
            if _under(cite, entry) and (best is None or len(entry) > best[0]):
                best = (len(entry), entry)
        if best is not None:
            if best[1] in t.absolute:
                return True
            if any(_under(v, q) for v in via for q in t.via_absolute):
                return True
            if any(_under(v, q) for v in via for q in t.via_qualified):
                return False
            return None
        if any(_under(entry, cite) for entry in (*t.absolute, *t.depends)):
            return None  # a bare section with absolute limbs: which one is unknown
        return False if t.all_qualified else None


# --------------------------------------------------------------------------- dates

_MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
     ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
     ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_DATE = re.compile(DATE, re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})", re.I)
_MDY = re.compile(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """Parse the first written date in ``text`` (UK order); None without a year or a date."""
    m = _DATE.search(text)
    if m is None:
        return None
    found = m.group()
    try:
        if (iso := _ISO.fullmatch(found)) is not None:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if (num := _NUMERIC.fullmatch(found)) is not None:
            year = int(num[3]) + (2000 if len(num[3]) == 2 else 0)
            return dt.date(year, int(num[2]), int(num[1]))
        if (dmy := _DMY.match(found)) is not None and dmy[2].lower() in _MONTHS:
            return dt.date(int(dmy[3]), _MONTHS[dmy[2].lower()], int(dmy[1]))
        if (mdy := _MDY.match(found)) is not None and mdy[1].lower() in _MONTHS:
            return dt.date(int(mdy[3]), _MONTHS[mdy[1].lower()], int(mdy[2]))
    except ValueError:
        return None
    return None


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --------------------------------------------------------------------------- the engine

Span = tuple[int, int]


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(message: str, **values: str) -> str:
    return " ".join(message.format_map(_Safe(values)).split())


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Run:
    """The state of one check: the letter, its citations and its triggers."""

    def __init__(self, notice: Notice, checker: Checker, regime: str | None) -> None:
        self.notice = notice
        self.rules = checker.rules
        self.checker = checker
        self.doc = Doc(notice)
        self._matches: dict[tuple[Any, ...], list[Span]] = {}
        self._candidates: dict[str, list[int] | None] = {}
        self._whole_ranges: dict[str, list[Span]] = {}
        self.triggers = checker.triggers
        self._literals: dict[str, set[int]] = {}
        self._trigger_cache: dict[str, bool] = {}
        self._trigger_spans: dict[str, list[Span]] = {}
        cit = self.rules.citations
        self.regime = regime or self._guess_regime()
        self.table = cit.tables[self.regime]  # type: ignore[index]
        self.provisions = checker.provisions(self.table, self.regime)
        self.mentions = find_citations(self.doc, cit, self.table)
        if regime is None and self.regime == "foia":
            self.regime = self._eir_or_foia()
        vias: dict[str, list[str]] = {}
        for m in self.mentions:  # "s40(2) by virtue of s40(3A)(a)" once covers every s40(2)
            bucket = vias.setdefault(self.cite_of(m), [])
            bucket.extend(v for v in m.via if v not in bucket)
        self.facts = {id(m): self.provisions.facts(self.cite_of(m), vias[self.cite_of(m)])
                      for m in self.mentions}

    # ---------------------------------------------------------------- text search
    def matches(self, patterns: Sequence[str], ignore_when: Sequence[str] = (),
                region: set[int] | None = None) -> list[Span]:
        """Spans of every match of any of ``patterns``, less those excused by ``ignore_when``.

        Only segments that contain one of a pattern's required literals are searched (see
        :func:`drafter.check.ruleset.required_literals`), and only those in ``region`` when given.
        """
        key = (tuple(patterns), tuple(ignore_when), tuple(sorted(region)) if region is not
               None else None)
        found = self._matches.get(key)
        if found is not None:
            return found
        spans: list[Span] = []
        for pattern in patterns:
            spans.extend(self._search(pattern, region))
        if len(patterns) > 1:
            spans = sorted(set(spans))
        excuse = compile_patterns(tuple(ignore_when)) if spans else None
        if excuse is not None:
            kept = []
            for span in spans:
                s_start, s_end = self.doc.sentence_at(span[0])
                if excuse.search(self.doc.text, s_start, s_end) is None:
                    kept.append(span)
            spans = kept
        self._matches[key] = spans
        return spans

    def first(self, patterns: Sequence[str], region: set[int] | None = None) -> Span | None:
        """The earliest match of any of ``patterns`` (in ``region``), or None."""
        best: Span | None = None
        text = self.doc.text
        for pattern in patterns:
            ranges = self._ranges(pattern, region)
            regex = compile_patterns((pattern,)) if ranges else None  # compiled when needed
            for a, b in ranges:
                if best is not None:
                    b = min(b, best[0])
                if a >= b or regex is None:
                    break
                m = regex.search(text, a, b)
                if m is not None and m.end() > m.start():
                    best = (m.start(), m.end())
                    break
        return best

    def _ranges(self, pattern: str, region: set[int] | None) -> list[Span]:
        """Text ranges worth searching for ``pattern``: candidate segments, joined."""
        if region is None:  # asked again and again (by first() and matches()): keep it
            found = self._whole_ranges.get(pattern)
            if found is None:
                found = self._whole_ranges[pattern] = self._join_ranges(pattern, None)
            return found
        return self._join_ranges(pattern, region)

    def _join_ranges(self, pattern: str, region: set[int] | None) -> list[Span]:
        doc = self.doc
        candidates = self._candidate_segments(pattern)
        indices: list[int]
        if candidates is None:
            if region is None:
                return [(0, len(doc.text))]
            indices = sorted(i for i in region if 0 <= i < len(doc.segments))
        else:
            indices = candidates if region is None else [i for i in candidates if i in region]
        segments = doc.segments
        ranges: list[Span] = []
        for seg in indices:
            start = segments[seg].start
            end = start + len(segments[seg].text)
            if ranges and ranges[-1][1] + 2 == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges

    def _search(self, pattern: str, region: set[int] | None) -> list[Span]:
        ranges = self._ranges(pattern, region)
        regex = compile_patterns((pattern,)) if ranges else None  # compiled when needed
        if regex is None:
            return []
        text = self.doc.text
        return [(m.start(), m.end()) for a, b in ranges
                for m in regex.finditer(text, a, b) if m.end() > m.start()]

    def _candidate_segments(self, pattern: str) -> list[int] | None:
        """Segments holding one of the pattern's required literals, in order (None: all)."""
        if pattern in self._candidates:
            return self._candidates[pattern]
        literals = required_literals(pattern)
        lowered = self.doc.lowered
        found: list[int] | None = None
        if literals is not None and lowered is not None:
            segs: set[int] = set()
            for lit in literals:
                segs |= self._literal_segments(lit, lowered)
            found = sorted(segs)
        self._candidates[pattern] = found
        return found

    def _literal_segments(self, lit: str, lowered: str) -> set[int]:
        found = self._literals.get(lit)
        if found is None:
            found = set()
            starts = self.doc.starts
            pos = lowered.find(lit)
            while pos != -1:
                seg = self.doc.seg_of(pos)
                found.add(seg)
                nxt = starts[seg + 1] if seg + 1 < len(starts) else len(lowered)
                pos = lowered.find(lit, nxt)
            self._literals[lit] = found
        return found

    def _count(self, trigger_id: str) -> int:
        rule = self.triggers.get(trigger_id)
        return len(self.matches(rule.patterns, rule.ignore_when)) if rule else 0

    def _guess_regime(self) -> str:
        return "foisa" if self._count("foisa_wording") else "foia"

    def _eir_or_foia(self) -> str:
        regs = sum(1 for m in self.mentions if m.regulation)
        acts = sum(1 for m in self.mentions if not m.regulation)
        eir = self._count("eir_wording") + 3 * regs
        foia = self._count("foia_wording") + 3 * acts
        return "eir" if eir > foia else "foia"

    # ---------------------------------------------------------------- citations
    def cite_of(self, m: Mention) -> str:
        """The citation a mention stands for, a bare section given its usual meaning."""
        return self.table.defaults.get(m.cite, m.cite)

    def cited(self) -> list[Mention]:
        """Mentions, in order."""
        return self.mentions

    def exemptions(self) -> list[str]:
        """Every provision cited, normalised, broader citations dropped."""
        cites = {self.cite_of(m) for m in self.mentions}
        keep = {c for c in cites if not any(o != c and _under(o, c) for o in cites)}
        return sorted(keep, key=_cite_order)

    def select(self, selector: str) -> list[Mention]:
        """Mentions matching a ``for_each`` selector."""
        out = []
        for m in self.mentions:
            facts = self.facts[id(m)]
            if facts.procedural and selector != "any" and not _under(self.cite_of(m),
                                                                     selector):
                continue
            if (selector == "any"
                    or (selector == "absolute" and facts.absolute is True)
                    or (selector == "qualified" and facts.absolute is False)
                    or (selector == "prejudice" and facts.prejudice)
                    or (selector == "ncnd" and facts.ncnd)
                    or (normalise(selector) is not None
                        and _under(self.cite_of(m), normalise(selector) or ""))):
                out.append(m)
        return out

    def window(self, mentions: Iterable[Mention], after: int, before: int) -> set[int]:
        """Segment indices within ``before``/``after`` blocks of any of ``mentions``."""
        segs: set[int] = set()
        for m in mentions:
            segs.update(range(max(0, m.seg - before), m.seg + after + 1))
        return segs

    # ---------------------------------------------------------------- triggers
    def trigger(self, name: str) -> bool:
        """Whether trigger ``name`` holds for this letter."""
        found = self._trigger_cache.get(name)
        if found is None:
            self._trigger_cache[name] = False  # guards against trigger cycles
            found = self._trigger(name)
            self._trigger_cache[name] = found
        return found

    def _trigger(self, name: str) -> bool:
        if name.startswith("cites:"):
            want = normalise(name[6:]) or name[6:]
            return any(_under(self.cite_of(m), want) or _under(m.cite, want)
                       for m in self.mentions)
        if name in self.triggers:
            return bool(self.trigger_spans(name))
        return self._builtin(name)

    def trigger_spans(self, name: str) -> list[Span]:
        """Where a trigger rule's wording was found ([] when it does not hold)."""
        if name in self._trigger_spans:
            return self._trigger_spans[name]
        rule = self.triggers.get(name)
        spans: list[Span] = []
        if rule is not None and self.holds(rule):
            spans = self.matches(rule.patterns, rule.ignore_when)
        self._trigger_spans[name] = spans
        return spans

    def _builtin(self, name: str) -> bool:
        facts = [self.facts[id(m)] for m in self.mentions]
        substantive = [f for f in facts if not f.procedural]
        if name == "always":
            return True
        if name == "cited":
            return bool(facts)
        if name == "refusal":
            return bool(facts) or self.trigger("ncnd") or self.trigger("refusal_wording")
        if name == "exemption":
            return bool(substantive) or self.trigger("ncnd_wording")
        if name == "qualified":
            return any(f.absolute is False for f in substantive)
        if name == "absolute":  # or one the letter itself calls absolute (see _called_absolute)
            return any(f.absolute is True for f in substantive) or any(
                self.facts[id(m)].absolute is None and not self.facts[id(m)].procedural
                and _called_absolute(self, m) for m in self.mentions)
        if name == "uncertain":
            return any(f.absolute is None for f in substantive)
        if name == "prejudice":
            return any(f.prejudice for f in substantive)
        if name == "ncnd_cited":
            return any(f.ncnd for f in facts)
        if name == "ncnd":
            return self.trigger("ncnd_cited") or self.trigger("ncnd_wording")
        if name in ("s12", "s14"):
            return any(_under(self.cite_of(m), name) for m in self.mentions)
        if name == "procedural_only":  # NCND wording too, when a procedural NCND (s12(2)) is cited
            return bool(facts) and not substantive and (
                any(f.ncnd for f in facts) or not self.trigger("ncnd_wording"))
        if name in ("foia", "eir", "foisa"):
            return self.regime == name
        if name == "truncated":
            return "truncated" in self.notice.meta
        return False

    def holds(self, rule: Rule) -> bool:
        """Whether ``rule`` runs on this letter (regime, trigger and unless)."""
        if self.regime not in rule.regimes:
            return False
        return all(self.trigger(t) for t in rule.trigger) and \
            not any(self.trigger(t) for t in rule.unless)


def _cite_order(cite: str) -> tuple[Any, ...]:
    m = re.match(r"(reg|s)(\d+)([A-Z]?)(.*)", cite)
    if m is None:
        return (2, 0, cite)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                  for p in _SUB_PART.findall(m.group(4)))
    return (m.group(1) == "reg", int(m.group(2)), m.group(3), parts)


class Checker:
    """Checks letters against a rule set; build once, use for many letters."""

    def __init__(self, rules: RuleSet, library: Mapping[str, list[LibraryEntry]] | None = None
                 ) -> None:
        """Use ``rules``; ``library`` gives provision facts (None: none, the table only)."""
        self.rules = rules
        self.triggers = rules.triggers  # built once, not per letter
        self.library = library or {}
        self._provisions: dict[str, Provisions] = {}
        self._calendars: dict[str, Any] = {}
        self.due_dates: dict[tuple[dt.date, str, int, int], dt.date] = {}

    def provisions(self, table: CitationTable, regime: str) -> Provisions:
        """The provision lookup for ``regime`` (the library is FOIA's)."""
        found = self._provisions.get(regime)
        if found is None:
            found = Provisions(table, self.library, use_library=regime != "foisa")
            self._provisions[regime] = found
        return found

    def calendar(self, regime: str) -> Any:
        """The statutory working-day calendar for ``regime`` (built once)."""
        if regime not in self._calendars:
            from drafter.law.deadlines import calendar_for

            self._calendars[regime] = calendar_for(regime)
        return self._calendars[regime]

    def check(self, notice: Notice, *, file: str = "", regime: str | None = None
              ) -> CheckResult:
        """Check one letter. ``regime`` forces the regime instead of working it out."""
        run = _Run(notice, self, regime)
        is_refusal = run.trigger("refusal")
        elements: dict[str, ElementResult] = dict.fromkeys(ELEMENTS, NOT_APPLICABLE)
        findings: list[Finding] = []
        element_rules = [r for r in self.rules.of(ElementRule)
                         if isinstance(r, ElementRule)]
        if is_refusal:
            _elements(run, element_rules, elements, findings)
        for rule in self.rules.rules:
            if isinstance(rule, (ElementRule, TriggerRule)) or not run.holds(rule):
                continue
            findings.extend(_RUNNERS[type(rule)](run, rule))
        return CheckResult(file=file, regime=run.regime, is_refusal=is_refusal,
                           exemptions=run.exemptions(), ncnd=run.trigger("ncnd"),
                           elements=elements, findings=findings)


def check_notice(notice: Notice, rules: RuleSet, *, file: str = "",
                 regime: str | None = None,
                 library: Mapping[str, list[LibraryEntry]] | None = None) -> CheckResult:
    """Check one letter (see :class:`Checker` to check many with one set-up)."""
    return Checker(rules, library).check(notice, file=file, regime=regime)


# --------------------------------------------------------------------------- elements


def _elements(run: _Run, rules: list[ElementRule], elements: dict[str, ElementResult],
              findings: list[Finding]) -> None:
    for key in ELEMENTS:
        applicable = [r for r in rules if r.element == key and run.holds(r)]
        if not applicable:
            continue
        found = next((f for f in (_element(run, r) for r in applicable) if f is not None),
                     None)
        if found is not None:
            elements[key] = found
            continue
        elements[key] = ElementResult("missing")
        rule = applicable[0]
        level = rule.level
        message = rule.message
        if rule.s17_4 and level == "error" and run.trigger("s17_4"):
            level = "warning"
            message += " (The letter relies on s17(4), so this is a warning.)"
        findings.append(Finding(key, level, _fmt(message), None, rule.statute, rule.link))


def _element(run: _Run, rule: ElementRule) -> ElementResult | None:
    if rule.source == "citations":
        if not run.mentions:
            return None
        m = run.mentions[0]
        return ElementResult("present", *run.doc.evidence(m.start, m.end))
    if rule.source == "subsections":
        if not run.mentions or _incomplete(run):
            return None
        m = next((m for m in run.mentions if m.parts), run.mentions[0])
        return ElementResult("present", *run.doc.evidence(m.start, m.end))
    region = _region(run, rule)
    groups = list(rule.all_of) or [rule.patterns]
    if rule.all_of and rule.patterns:
        groups.append(rule.patterns)
    span: Span | None = None
    firsts: list[Span] = []
    for group in groups:
        span = run.first(group, region)
        if span is None:
            return None
        firsts.append(span)
    if rule.all_of:  # the evidence is the conclusion: the first one after the other groups
        ends = run.matches(groups[-1], region=region)
        anchor = max(f[0] for f in firsts[:-1]) if len(firsts) > 1 else 0
        span = next((e for e in ends if e[0] >= anchor), ends[-1])
    assert span is not None
    return ElementResult("present", *run.doc.evidence(*span))


def _region(run: _Run, rule: ElementRule) -> set[int] | None:
    if rule.near == "document":
        return None
    if rule.near == "exemption":
        if not run.mentions:
            return None  # a refusal that names no provision: look everywhere
        return run.window(run.mentions, rule.window, rule.before)
    if rule.near.startswith("exemption:"):
        return run.window(run.select(rule.near.removeprefix("exemption:")), rule.window,
                          rule.before)
    segs: set[int] = set()
    for start, _ in run.trigger_spans(rule.near.removeprefix("trigger:")):
        seg = run.doc.seg_of(start)
        segs.update(range(max(0, seg - rule.before), seg + rule.window + 1))
    return segs


def _required_depth(run: _Run, m: Mention) -> int:
    if not m.parts and m.cite in run.table.defaults:
        return 0
    best = (0, 1)
    for key, depth in run.table.deeper.items():
        if _under(m.cite, key) and len(key) > best[0]:
            best = (len(key), depth)
    return best[1]


def _incomplete(run: _Run) -> list[Mention]:
    """Mentions lacking their subsection that no fuller mention of the same provision covers.

    A mention in the same sentence as an NCND provision of its own section describes that
    provision's scope ("s30(3) ... information exempt under section 30(1) or 30(2)") and is
    not itself relied on, so it needs no limb.
    """
    complete = [m for m in run.mentions if len(m.parts) >= _required_depth(run, m)]
    scopes = {(m.section, run.doc.sentence_at(m.start)) for m in run.mentions
              if run.facts[id(m)].ncnd}
    out: list[Mention] = []
    seen: set[str] = set()
    for m in run.mentions:
        if len(m.parts) >= _required_depth(run, m) or m.cite in seen:
            continue
        if (m.section, run.doc.sentence_at(m.start)) in scopes:
            continue
        if any(c.section == m.section and c.parts[: len(m.parts)] == m.parts
               for c in complete):
            continue
        seen.add(m.cite)
        out.append(m)
    return out


# --------------------------------------------------------------------------- other kinds


def _finding(rule: Any, location: str | None, **values: str) -> Finding:
    return Finding(rule.finding_id, rule.level, _fmt(rule.message, **values), location,
                   rule.statute, rule.link)


def _by_section(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.section, []).append(m)
    return groups


def _label(run: _Run, mentions: list[Mention]) -> str:
    best = max(mentions, key=lambda m: len(m.parts))
    return prose(run.cite_of(best))


def _run_citations(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, CitationsRule)
    return [_finding(rule, run.doc.location(m.start), cite=prose(m.cite))
            for m in _incomplete(run)]


def _run_requires(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, RequiresRule)
    spans = run.matches(rule.patterns, rule.ignore_when)
    if rule.for_each is None:
        return [] if spans else [_finding(rule, None)]
    found_segs = {run.doc.seg_of(s) for s, _ in spans}
    out = []
    for mentions in _by_section(run.select(rule.for_each)).values():
        if not run.window(mentions, rule.window, rule.before) & found_segs:
            out.append(_finding(rule, run.doc.location(mentions[0].start),
                                cite=_label(run, mentions)))
    return out


def _run_forbids(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, ForbidsRule)
    spans = run.matches(rule.patterns, rule.ignore_when)
    selected = run.select(rule.for_each) if rule.for_each else []
    segs = run.window(selected, rule.window, rule.before) if rule.scope == "window" else set()
    out: list[Finding] = []
    used: set[int] = set()
    for start, end in spans:
        seg = run.doc.seg_of(start)
        if seg in used:
            continue
        cite = ""
        if rule.scope == "window" and seg not in segs:
            continue
        if rule.scope == "sentence":
            s_start, s_end = run.doc.sentence_at(start)
            near = [m for m in selected if s_start <= m.start < s_end]
            if not near:
                continue
            cite = _label(run, near)
        elif selected:
            cite = _label(run, selected)
        used.add(seg)
        out.append(_finding(rule, run.doc.location(start), match=_short(
            run.doc.text[start:end]), cite=cite))
        if len(out) >= rule.max_findings:
            break
    return out


def _run_conditional(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, ConditionalRule)
    if not rule.when:
        location = None
        if rule.locate:
            spans = run.trigger_spans(rule.locate)
            location = run.doc.location(spans[0][0]) if spans else None
        return [_finding(rule, location)]
    then = {run.doc.seg_of(s) for s, _ in run.matches(rule.then)} if rule.then else set()
    out = []
    for start, end in run.matches(rule.when):
        seg = run.doc.seg_of(start)
        if rule.then and then & set(range(seg, seg + rule.window + 1)):
            continue
        out.append(_finding(rule, run.doc.location(start),
                            match=_short(run.doc.text[start:end])))
    return out[:3]


def _fits(run: _Run, rule: LabellingRule, m: Mention) -> bool:
    facts = run.facts[id(m)]
    if facts.procedural or any(_under(run.cite_of(m), c) for c in rule.except_cites):
        return False
    if rule.applies_to == "absolute":
        if facts.absolute is None:  # s40(2) and the like: absolute or not by condition
            return _called_absolute(run, m)
        return facts.absolute is True and not facts.defence
    return facts.absolute is False


_CALLED_ABSOLUTE = re.compile(r"\b(?:is|as|being)\s+an?\s+absolute\s+exemption\b", re.I)


def _called_absolute(run: _Run, m: Mention) -> bool:
    """True when the letter itself calls the provision of ``m`` absolute.

    For provisions whose status depends on how they are engaged (s40(2)), "Section 40(2) is an
    absolute exemption" followed by a public interest test is still the defect.
    """
    text = run.doc.text
    for other in run.mentions:
        if run.cite_of(other) == run.cite_of(m):
            start, end = run.doc.sentence_at(other.start)
            if _CALLED_ABSOLUTE.search(text, start, end):
                return True
    return False


def _run_labelling(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, LabellingRule)
    out: list[Finding] = []
    flagged: set[str] = set()
    for start, _ in run.matches(rule.patterns, rule.ignore_when):
        targets = _label_targets(run, rule, start)
        if not targets or not all(_fits(run, rule, m) for m in targets):
            continue
        for section, mentions in _by_section(targets).items():
            if section not in flagged:
                flagged.add(section)
                out.append(_finding(rule, run.doc.location(start),
                                    cite=_label(run, mentions)))
    return out


def _label_targets(run: _Run, rule: LabellingRule, start: int) -> list[Mention]:
    if rule.scope == "sentence":
        s_start, s_end = run.doc.sentence_at(start)
        inside = [m for m in run.mentions if s_start <= m.start < s_end]
        if not inside:
            return []
        before = [m for m in inside if m.start < start]
        anchor = before[-1] if before else inside[0]
        return [m for m in inside if m.group == anchor.group]
    seg = run.doc.seg_of(start)
    earlier = [m for m in run.mentions if m.start < start and seg - m.seg <= rule.window]
    if not earlier:
        return []
    last_seg = earlier[-1].seg
    return [m for m in earlier if m.seg == last_seg]


def _run_repetition(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, RepetitionRule)
    seen: dict[str, list[int]] = {}
    for i, seg in enumerate(run.doc.segments):
        if seg.text.rstrip().endswith("?"):
            continue  # a part of the request repeated before its answer, not reasoning
        key = " ".join(_NON_WORD.sub(" ", seg.text.lower()).split())
        if len(key) >= rule.min_chars:
            seen.setdefault(key, []).append(i)
    out = []
    for indices in seen.values():
        if len(indices) >= rule.min_repeats:
            where = [run.doc.segments[i].location or "?" for i in indices]
            out.append(_finding(rule, where[1], count=str(len(indices)),
                                locations=", ".join(where)))
    return out


def _run_deadline(run: _Run, rule: Rule) -> list[Finding]:
    assert isinstance(rule, DeadlineRule)
    doc = run.doc
    received, _ = _first_date(run, rule.received, None)
    clarified = _first_date(run, rule.clarified, None)[0] if rule.clarified else None
    limit = doc.header_count + rule.letter_date_within
    sent, where = _first_date(run, rule.letter_date, limit)
    if received is None or sent is None:
        return []
    if clarified is not None and clarified > received:
        received = clarified
    if sent <= received or (sent - received).days > 3660:
        return []
    days = rule.working_days.get(run.regime, 20)
    extension = rule.extension_days.get(run.regime, 0)
    if not (rule.extension and run.matches(rule.extension)):
        extension = 0
    from drafter.errors import UserError
    from drafter.law.deadlines import add_working_days, compute_deadline

    key = (received, run.regime, days, extension)
    due = run.checker.due_dates.get(key)
    if due is None:
        try:
            cal = run.checker.calendar(run.regime)
            deadline = compute_deadline(received, regime=run.regime, working_days=days,
                                        cal=cal)
            due = deadline.lenient_due or deadline.due
            if extension:
                due = add_working_days(due, extension, cal)
        except UserError:
            return []
        run.checker.due_dates[key] = due
    if sent <= due:
        return []
    return [_finding(rule, where, sent=_long(sent), received=_long(received), due=_long(due),
                     days=str(days + extension))]


def _first_date(run: _Run, patterns: Sequence[str], limit: int | None
                ) -> tuple[dt.date | None, str | None]:
    """The first date found by the first pattern that finds one (patterns are in priority)."""
    region = set(range(limit)) if limit is not None else None
    for pattern in patterns:
        for start, end in run.matches((pattern,), region=region):
            day = parse_date(run.doc.text[start:end])
            if day is not None:
                return day, run.doc.location(start)
    return None, None


_RUNNERS: dict[type, Callable[[_Run, Rule], list[Finding]]] = {
    CitationsRule: _run_citations,
    RequiresRule: _run_requires,
    ForbidsRule: _run_forbids,
    ConditionalRule: _run_conditional,
    LabellingRule: _run_labelling,
    RepetitionRule: _run_repetition,
    DeadlineRule: _run_deadline,
}


# --------------------------------------------------------------------------- many files


@dataclass
class FileOutcome:
    """One file's result, or why it could not be read."""

    path: Path
    result: CheckResult | None = None
    error: str | None = None


_STATE: dict[str, Any] = {}
PARALLEL_FROM = 32


def _setup(checker: Checker, regime: str | None) -> None:
    _STATE["checker"] = checker
    _STATE["regime"] = regime


def _one(path: Path) -> FileOutcome:
    from drafter.read import read_document

    checker: Checker = _STATE["checker"]
    try:
        notice = read_document(path)
    except DocumentReadError as exc:
        return FileOutcome(path, error=str(exc))
    return FileOutcome(path, result=checker.check(notice, file=str(path),
                                                  regime=_STATE["regime"]))


def iter_check(paths: Sequence[Path], checker: Checker, *, regime: str | None = None,
               jobs: int = 0) -> Iterator[FileOutcome]:
    """Check each file in order, in worker processes when there are many of them."""
    import os

    workers = jobs or (os.cpu_count() or 1)
    _setup(checker, regime)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield _one(path)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_setup, initargs=(checker, regime)) as pool:
        yield from pool.imap(_one, paths, chunksize=16)
