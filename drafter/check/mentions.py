"""Finding the provisions a letter cites.

Citations are found in the forms letters use ("section 31(1)(a)", "s.40(2)", "S24(1) –
National Security", "sections 24 and 31", "regulation 12(5)(e)", "s40(2) by virtue of
s40(3A)(a)"); citations of other Acts and of procedural sections (s1, s10, s17, s50...) are
dropped, and each is normalised (``s31(1)(a)``, ``reg12(5)(e)``).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.limbs import limb_paths, part_kinds, read_limbs
from drafter.check.patterns import compile_patterns, required_literals
from drafter.check.text import Doc
from drafter.law.citations import is_roman, normalise
from drafter.law.provisions import under

if TYPE_CHECKING:
    from drafter.check.kinds.citations import CitationsRule, CitationTable

__all__ = ["Mention", "cite_order", "find_citations", "under"]

_PART = r"(?:\d{1,2}[A-Za-z]?|[A-Za-z]{1,2}|[ivxIVX]{1,4})"
_SUBS = rf"(?:\s?\(\s?{_PART}\s?\)){{0,5}}"
# A subsection typed without its brackets, "section 33 1(b)" or "section 40 2 of the Act", as
# officers often type it: one digit, read only before a bracketed limb, "of the Act" or a
# dash and the provision's title ("Section 40 2 – Personal information"); never before a date,
# a count or a page number.
_BARE = (rf"(?:[ \t](?P<bare>[1-9](?-i:[A-Z])?)(?=\s?\(\s?{_PART}\s?\)|[ \t]+(?:of|under)\s+"
         r"(?:the\s+)?(?:Act\b|FOI|Freedom\s+of|Environmental|EIR)|[ \t]+[-–—][ \t]*(?-i:[A-Z])"
         r"(?-i:[a-z]+)))?")
# A title in brackets after an item of a list: "Sections 12(1) (Excessive cost of compliance)
# and 16(4) (Refusal of request)". It is words, never a limb.
_TITLE = r"(?:\s?\((?!\s?" + _PART + r"\s?\))[A-Za-z][^()\n]{1,70}\))?"
_CITE = re.compile(
    r"(?=[sSrReE])(?<![\w'’.])(?P<kw>sections?|secs?\.?|ss?\.|ss?(?=\d)|regulations?|regs?\.?|"
    # "EIR 12(5)(e)": the Regulations' name for "regulation", only before a bracketed limb
    r"EIRs?(?=\s\d{1,2}\s?\())\s*"
    rf"(?P<num>\d{{1,2}}[A-Z]?)(?!\d){_BARE}(?P<subs>{_SUBS})", re.IGNORECASE)
_MORE = re.compile(
    # an item after a space alone: with its limb, or a bare number mid-list ("sections
    # 31(1)(e) 41 and 43(2)"), never a number standing alone after the citation
    _TITLE + r"(?:\s*(?:,|\band\b|&|\bor\b|/)\s*|[ \t]+(?=\d{1,2}[A-Z]?\s?\(|\d{1,2}[A-Z]?"
    r"\s*(?:,|\band\b|&)\s*\d{1,2}[A-Z]?\s?\())"
    r"(?:(?:sections?|ss?\.|s\.?|regulations?|regs?\.?)\s*)?"
    rf"(?P<num>\d{{1,2}}[A-Z]?)(?!\d){_BARE}(?P<subs>{_SUBS})"
    r"(?!\s*(?:working|days?|hours?|minutes?|weeks?|months?|years?|per\s?cent|%|pm|am|"
    r"parts?|pages?|items?|people|staff|officers?|of\s+the\s+request|jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|may\s+\d{4})\b)", re.IGNORECASE)
_MORE_PARTS = re.compile(rf"\s*(?:,|\band\b|&|\bor\b|/)\s*(?P<subs>(?:\(\s?{_PART}\s?\)){{1,6}})"
                         # A run of limbs is read whole (never stopped before another "("),
                         # and is not followed by a lower-case word, as "(b) the" in prose
                         # is, unless the word goes with a citation ("(b) of the Act").
                         r"(?!\s?\()(?!\s*(?-i:(?!(?:of|in|under|to|which|and|or|apply|"
                         r"applies|applied|is|are|because|as)\b)[a-z]))", re.IGNORECASE)
_SUB_PART = re.compile(r"\(\s?([0-9A-Za-z]{1,4})\s?\)")
# The limb written before the section: "paragraph (b) of section 36(2)".
_LEAD = re.compile(
    r"\b(?:sub-?sections?\s+(?P<bare>[1-9](?-i:[A-Z])?)|(?:sub-?sections?|sub-?paragraphs?|"
    rf"paragraphs?|limbs?)\s*(?P<pre>(?:\(\s?{_PART}\s?\)\s?){{1,6}}(?:(?:,|\band\b|&|\bor\b)"
    rf"\s*(?:\(\s?{_PART}\s?\)\s?){{1,6}})*))\s*of\s+(?:the\s+)?\Z", re.IGNORECASE)
_IN = re.compile(r"\b(?:in|within|to)\s*\Z", re.IGNORECASE)
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
        via_start: Where each qualifier is cited.
    """

    cite: str
    section: str
    parts: tuple[str, ...]
    seg: int
    start: int
    end: int
    group: int
    via: list[str] = field(default_factory=list)
    via_start: dict[str, int] = field(default_factory=dict)

    @property
    def regulation(self) -> bool:
        """True for an EIR (or EISR) regulation."""
        return self.section.startswith("reg")


def _subs(m: re.Match[str]) -> str:
    """The bracketed parts of a citation, with a subsection typed without brackets put in."""
    bare = m.group("bare")
    return (f"({bare})" if bare else "") + m.group("subs")


@lru_cache(maxsize=4096)
def _build(prefix: str, num: str, subs: str) -> tuple[str, str, tuple[str, ...]] | None:
    """The citation, its section and its parts (a pure function of the words: remembered)."""
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
    sections = {s.upper() for s in table.sections}
    regulations = {s.upper() for s in table.regulations}
    qualifiers = frozenset(table.qualifiers)
    out: list[Mention] = []
    pending: list[tuple[Mention, list[str]]] = []
    for canon, section, parts, seg, start, stop, group in _scan(doc, rule):
        mention = Mention(canon, section, parts, seg, start, stop, group)
        notice = next((t for n, t in table.notices.items() if under(canon, n)), None)
        if notice is not None:  # "sections 12(1) and 16(4)": the s12 notice, not a ground
            if not _attach(out, mention, notice):
                pending.append((mention, notice))
            continue
        allowed = regulations if section.startswith("reg") else sections
        if section.removeprefix("reg").removeprefix("s").upper() not in allowed:
            continue
        if not qualifiers.isdisjoint(_heads(canon)):  # under(canon, q) for some qualifier
            _attach(out, mention)
            continue
        out.append(mention)
    for early, targets in pending:  # "This is a section 17(5) notice: section 14(1) applies"
        later = [n for n in out if n.section in targets and n.seg == early.seg
                 and n.start > early.start]
        if later and early.cite not in later[0].via:
            later[0].via.append(early.cite)
            later[0].via_start[early.cite] = early.start
    return read_limbs(doc, out)


def _heads(cite: str) -> list[str]:
    """``cite`` and every provision it is under: ``s40(3A)(a)``, ``s40(3A)``, ``s40``.

    ``under(cite, q)`` holds exactly when ``q`` is one of them, so a table is looked up with a
    few set probes instead of a call of :func:`under` per entry.
    """
    heads = [cite]
    cut = cite.rfind("(")
    while cut >= 0:
        heads.append(cite[:cut])
        cut = cite.rfind("(", 0, cut)
    return heads


_Found = tuple[str, str, tuple[str, ...], int, int, int, int]
"""A citation as found, before any table: canon, section, parts, segment, start, end, group."""


def _scan(doc: Doc, rule: CitationsRule) -> tuple[_Found, ...]:
    """Every citation in the letter, whatever the table: worked out once per letter and rule.

    The checker asks twice (its own table, then the other law's numbering): the search, the
    other-Act and reference checks and the limb splitting do not depend on the table.
    """
    kept = doc.memo.get("citations")
    if kept is not None and kept[0] is rule:
        return kept[1]  # type: ignore[no-any-return]
    found = _scan_text(doc, rule)
    doc.memo["citations"] = (rule, found)
    return found


def _scan_text(doc: Doc, rule: CitationsRule) -> tuple[_Found, ...]:
    after = compile_patterns(tuple(rule.other_act_after))
    before = _Before.of(tuple(rule.other_act_before))
    reference = _Before.of(tuple(rule.ignore_before))
    text = doc.text
    places = _places(doc.folded)
    found: list[_Found] = []
    group = 0
    pos = 0
    while True:
        m = _next_cite(text, places, pos)
        if m is None:
            break
        prefix = "reg" if m.group("kw").lower().startswith(("r", "e")) else "s"
        items = [(m.group("num"), _subs(m), m.start(), m.end())]
        end = m.end()
        while True:
            more = _MORE.match(text, end)
            if more is not None and "\n" not in text[end:more.start("num")]:
                items.append((more.group("num"), _subs(more), more.start("num"), more.end()))
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
        first = m.start()
        lead = _LEAD.search(text[max(0, first - 80):first]) if len(items) == 1 and \
            _ends_with_of(text, first) else None
        if lead is not None and _IN.search(text[max(0, first - len(lead.group()) - 20):
                                                first - len(lead.group())]):
            lead = None  # "the test in paragraph (1)(b) of regulation 13": a reference
        if lead is not None:  # "paragraph (b) of section 36(2)", "subsection (2) of section 40"
            base = tuple(_SUB_PART.findall(items[0][1]))
            marks = [lead.group("bare")] if lead.group("bare") else \
                _SUB_PART.findall(lead.group("pre"))
            paths = limb_paths(base, marks)
            if paths:
                first -= len(lead.group())
                items = [(items[0][0], "".join(f"({p})" for p in path), first, end)
                         for path in paths]
        if _other_act(doc, m.start(), end, after, before):
            continue
        if reference.search(doc, first - 60, first) is not None:
            continue
        group += 1
        for num, subs, start, stop in _siblings(items):
            built = _build(prefix, num, subs)
            if built is not None:
                found.append((*built, doc.seg_of(start), start, stop, group))
    return tuple(found)


# Where a citation may start, in the case-folded text: every keyword of _CITE starts with one of
# these ("sec", "s.", "ss.", "s1", "ss1", "reg", "eir"), not after a letter, an apostrophe or a
# dot. A literal first letter lets the regex engine skip ahead at C speed, where _CITE's own
# search stops at every s, r and e; the look-behind comes after it so as not to hide it.
_PLACES = (re.compile(r"s(?<![\w'’.]s)(?:ec|s?[.\d])"), re.compile(r"reg(?<![\w'’.]reg)"),
           re.compile(r"eir(?<![\w'’.]eir)"))


def _places(folded: str | None) -> list[int] | None:
    """Offsets, in order, where _CITE may match (None without a case-folded text)."""
    if folded is None:  # a cased letter outside ASCII, which ``re`` may fold to s, r or e
        return None
    return sorted(m.start() for pattern in _PLACES for m in pattern.finditer(folded))


def _next_cite(text: str, places: list[int] | None, pos: int) -> re.Match[str] | None:
    """The first match of _CITE at or after ``pos``: tried only at ``places`` when known."""
    if places is None:
        return _CITE.search(text, pos)
    for i in range(bisect_left(places, pos), len(places)):
        m = _CITE.match(text, places[i])
        if m is not None:
            return m
    return None


def _siblings(items: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Split run-together limbs into the provisions they stand for.

    "31(1)(a)(b)" is shorthand for s31(1)(a) and s31(1)(b), and "40(3)(a)(i)(ii)(b)" for
    s40(3)(a)(i), s40(3)(a)(ii) and s40(3)(b): in the Acts a paragraph never sits directly
    inside another of the same kind (numbers hold letters, letters hold romans), so two of a
    kind in a row are siblings, and a letter after a roman goes back up a level.
    """
    out = []
    for num, subs, start, stop in items:
        if subs.count("(") < 2:  # one limb or none: nothing to split
            out.append((num, subs, start, stop))
            continue
        parts = _SUB_PART.findall(subs)
        kinds = part_kinds(parts)
        if not any(a == b and a != "number" for a, b in itertools.pairwise(kinds)):
            out.append((num, subs, start, stop))
            continue
        path: list[tuple[str, str]] = []
        for part, kind in zip(parts, kinds, strict=True):
            levels = [k for _, k in path]
            if kind in levels:  # a sibling (or an uncle): the path so far is one citation
                out.append((num, "".join(f"({p})" for p, _ in path), start, stop))
                path = path[: levels.index(kind)]
            path.append((part, kind))
        out.append((num, "".join(f"({p})" for p, _ in path), start, stop))
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


def _attach(out: list[Mention], qualifier: Mention, targets: list[str] | None = None) -> bool:
    """Attach a qualifier to the citation of its section: in its own paragraph, else before.

    "Section 12 ... Under section 12(4)(b) requests are aggregated" qualifies that s12. A
    refusal-notice provision qualifies the provision it gives notice of (``targets``).
    """
    sections = targets or [qualifier.section]
    same = [prev for prev in out if prev.section in sections]
    here = [prev for prev in same if prev.seg == qualifier.seg]
    target = (here or same)[-1:]
    for prev in target:
        if qualifier.cite not in prev.via:
            prev.via.append(qualifier.cite)
            prev.via_start[qualifier.cite] = qualifier.start
    return bool(target)


def _ends_with_of(text: str, first: int) -> bool:
    """Whether the text before ``first`` ends in "of" or "the" (and spaces), as _LEAD's must."""
    tail = text[max(0, first - 80):first].rstrip()[-3:].lower()
    return tail.endswith("of") or tail == "the"


@dataclass(frozen=True, slots=True)
class _Before:
    """A rule's patterns, searched for in the text just before a citation.

    The window is searched only if it holds one of the patterns' required literals
    (:func:`~drafter.check.patterns.required_literals`), as most windows hold none.
    """

    regex: re.Pattern[str] | None
    literals: re.Pattern[str] | None
    """Finds, in the case-folded text, the literals one of which is in every match (None: not
    known)."""

    @staticmethod
    @cache
    def of(patterns: tuple[str, ...]) -> _Before:
        found: set[str] | None = set()
        for pattern in patterns:
            req = required_literals(pattern)
            found = None if req is None or found is None else found | req
        literals = re.compile("|".join(map(re.escape, sorted(found)))) if found else None
        return _Before(compile_patterns(patterns), literals)

    def search(self, doc: Doc, start: int, end: int) -> re.Match[str] | None:
        """The first match in ``doc.text[start:end]`` (``start`` clipped at 0), in the slice."""
        start = max(0, start)
        folded = doc.folded
        if self.regex is None or (self.literals is not None and folded is not None
                                  and self.literals.search(folded, start, end) is None):
            return None
        return self.regex.search(doc.text[start:end])


def _other_act(doc: Doc, start: int, end: int, after: re.Pattern[str] | None,
               before: _Before) -> bool:
    text = doc.text
    if after is not None and after.match(text[end:end + 160]):
        return True
    m = before.search(doc, start - 90, start)
    if m is None:
        return False
    window = text[max(0, start - 90):start]
    return not _FOI_NAME.search(window[max(0, m.start() - 30):])


def cite_order(cite: str) -> tuple[Any, ...]:
    """Sort key: sections in numeric order, then regulations, limbs in order."""
    m = re.match(r"(reg|s)(\d+)([A-Z]?)(.*)", cite)
    if m is None:
        return (2, 0, cite)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                  for p in _SUB_PART.findall(m.group(4)))
    return (m.group(1) == "reg", int(m.group(2)), m.group(3), parts)
