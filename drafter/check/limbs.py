"""Limbs a letter names after the citation: in a quotation of the Act, or in a later sentence.

Officers often cite the subsection and then identify the limbs apart from it:

* by quoting only the limbs relied on: "Section 36(2) - Information ... is exempt if ...
  disclosure— (b) would, or would be likely to, inhibit— (i) the free and frank provision of
  advice, or (ii) ..."; the quotation *selects* (b) (it leaves out (a) and (c)), so the letter
  relies on s36(2)(b)(i) and (ii);
* by naming them in the next sentence or heading: "We rely on section 36(2). Subsections
  (b)(i) and (ii) apply."

Both are read conservatively, because a limb read that the letter did not give would hide a
missing-subsection defect (FOIA s17(1)(b), FOISA s16(1)(c), EIR reg 14(3)(a)):

* a quotation is read only when it follows a lead-in that ends with a dash or a colon right
  after the citation, only limbs below the ones cited, and only when it evidently selects:
  its first limb is not the first of its kind ((a), (1), (i)) or it skips one. A quotation of
  the whole list ((a), (b), (c) ...) names no limb and is not read;
* a later sentence is read only with a word that makes the brackets limbs of the Act
  ("subsection", "paragraph", "limb", "rely on"), within two paragraphs of the citation
  with no other provision cited between, never when the brackets are parts of the request
  ("paragraph (b) of your request"), and only as limbs below the ones cited.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from drafter.law.citations import is_roman, normalise

if TYPE_CHECKING:
    from drafter.check.mentions import Mention
    from drafter.check.text import Doc

__all__ = ["limb_paths", "part_kinds", "read_limbs"]

_PART = r"(?:\d{1,2}[A-Za-z]?|[A-Za-z]{1,2}|[ivxIVX]{1,4})"
_MARK = re.compile(rf"\(\s?({_PART})\s?\)")
_LINE = re.compile(rf"^\W{{0,3}}\(\s?({_PART})\s?\)\s?(?=[A-Za-z])")
_INLINE = re.compile(rf"(?<=[—–:])\s*\(\s?({_PART})\s?\)(?=\s?[A-Za-z])|"
                     rf"(?<=[\s;,])\(\s?({_PART})\s?\)(?=\s?[A-Za-z])")
_LEAD = re.compile(r"—|–|:|\s-|-\s|-(?=[A-Z])")
_LEAD_CHARS = "—–:-"
"""Every match of :data:`_LEAD` holds one of these."""
_LEAD_END = re.compile(r"(?:—|–|:|\s-|-\s)\s*$")
# A lead-in that quotes the Act, and one that introduces a list of the request's parts.
_STATUTE = re.compile(r"\b(?:provides|states|says|reads|exempt|under\s+this\s+Act|prejudice|"
                      r"would|disclosure)", re.IGNORECASE)
_NOT_STATUTE = re.compile(r"\b(?:request(?:ed)?|questions?|asked|parts?|items?|points?|"
                          r"following|below|withheld|redacted)\b", re.IGNORECASE)
_LEAD_MAX = 400
_QUOTE_MAX = 12
"""The most quoted limbs read after one citation."""
# "subsection 2(b)" (a subsection typed without brackets, after the word "subsection" only:
# "paragraph 2" is a paragraph of the letter), or "subsections (b)(i) and (ii)".
_BARE_SUB = r"[1-9](?-i:[A-Z])?(?=\s?\(|\s+(?:of|appl(?:y|ies)|is|are)\b)"
_NAMED = re.compile(
    rf"\b(?:sub-?sections?\s+(?P<bare>{_BARE_SUB})|(?:sub-?sections?|sub-?paragraphs?|"
    r"paragraphs?|limbs?|rel(?:y|ies|ying|ied)\s+(?:up)?on)\s+(?=\())"
    rf"\s?(?P<limbs>(?:\(\s?{_PART}\s?\)){{0,6}}"
    rf"(?:\s*(?:,|\band\b|&|\bor\b)\s*(?:\(\s?{_PART}\s?\)){{1,6}})*)"
    r"(?!\s*(?:above|below|of\s+(?:your|the|this|my)\s+(?:request|letter|e-?mail|questions?|"
    r"enquiry|correspondence|complaint)|(?:of|in|to)\s+your\b))", re.IGNORECASE)
_NAMED_WORDS = ("sub", "paragraph", "limb", "rely", "relie")
"""Every match of :data:`_NAMED` starts with one of these, lower-cased (sub-section,
paragraph, limb, rely, relies): the search starts at the first of them, if any."""
_NAMED_REACH = 2
"""Paragraphs after the citation in which its limbs may be named."""
_RANK = {"number": 0, "letter": 1, "roman": 2}
_FIRST = {"number": "1", "letter": "a", "roman": "i"}


def part_kinds(parts: tuple[str, ...] | list[str], before: str | None = None) -> list[str]:
    """The level of each part: numbers hold letters, letters hold romans ((b) then (i))."""
    out: list[str] = []
    kind = before
    for part in parts:
        if part[:1].isdigit():
            kind = "number"
        elif is_roman(part.lower()) and kind in ("letter", "roman"):
            kind = "roman"
        else:
            kind = "letter"
        out.append(kind)
    return out


def limb_paths(base: tuple[str, ...], marks: list[str]) -> list[tuple[str, ...]] | None:
    """The limbs a run of markers below ``base`` stands for, or None if it does not fit.

    The first marker must be one level below ``base`` ((2) then (b); a number when nothing
    is cited below the section); each marker goes under the last one of a higher level, and
    one of a level already open closes the limb before it ((b)(i) then (ii): siblings).
    """
    base_kinds = part_kinds(base)
    kinds = part_kinds(marks, base_kinds[-1] if base_kinds else None)
    floor = _RANK[base_kinds[-1]] if base_kinds else -1
    if not kinds or _RANK[kinds[0]] != floor + 1:
        return None
    path: list[tuple[str, str]] = []
    out: list[tuple[str, ...]] = []
    for mark, kind in zip(marks, kinds, strict=True):
        if _RANK[kind] <= floor:
            return None
        if path and _RANK[kind] <= _RANK[path[-1][1]]:
            out.append(base + tuple(p for p, _ in path))
            path = [p for p in path if _RANK[p[1]] < _RANK[kind]]
        path.append((mark, kind))
    out.append(base + tuple(p for p, _ in path))
    return out


def _selects(base: tuple[str, ...], marks: list[str]) -> bool:
    """True when a quotation's top-level limbs leave one out: it picks, not copies."""
    base_kinds = part_kinds(base)
    kinds = part_kinds(marks, base_kinds[-1] if base_kinds else None)
    top = [m.lower() for m, k in zip(marks, kinds, strict=True) if k == kinds[0]]
    if top[0] != _FIRST[kinds[0]]:
        return True
    return kinds[0] == "letter" and any(
        len(a) == len(b) == 1 and ord(b) - ord(a) > 1 for a, b in itertools.pairwise(top))


def _quoted(doc: Doc, m: Mention) -> tuple[list[str], int] | None:
    """The markers of a quotation of the Act right after ``m``, with the offset of the first."""
    seg = doc.segments[m.seg]
    stop = min(seg.start + len(seg.text), m.end + _LEAD_MAX)
    if not any(doc.text.find(c, m.end, stop) >= 0 for c in _LEAD_CHARS):
        return None
    rest = doc.text[m.end:seg.start + len(seg.text)]
    lead = _LEAD.search(rest, 0, _LEAD_MAX)
    if lead is None:
        return None
    marks: list[str] = []
    first = -1
    inline = list(_INLINE.finditer(rest, lead.end()))
    if inline and inline[0].group(1) is None:  # the list starts right after the lead-in
        inline = []
    if inline:
        intro = rest[:inline[0].start()]
        marks = [x.group(1) or x.group(2) for x in inline]
        first = m.end + inline[0].start()
    elif _LEAD_END.search(rest):
        intro = rest
    else:
        return None
    if not _STATUTE.search(intro) or _NOT_STATUTE.search(intro) or len(intro) > _LEAD_MAX:
        return None
    for k in range(m.seg + 1, len(doc.segments)):
        if inline or len(marks) >= _QUOTE_MAX:
            break
        segment = doc.segments[k]
        line = _LINE.match(f"{segment.marker} {segment.text}" if segment.marker
                           else segment.text)
        if line is None:
            break
        if first < 0:
            first = doc.segments[k].start
        marks.append(line.group(1))
    return (marks, first) if marks else None


def _from_quotation(doc: Doc, m: Mention) -> list[tuple[tuple[str, ...], int]]:
    found = _quoted(doc, m)
    if found is None:
        return []
    marks, start = found
    paths = limb_paths(m.parts, marks)
    if not paths or not _selects(m.parts, marks):
        return []
    return [(p, start) for p in paths]


def _from_sentence(doc: Doc, m: Mention, stop: int) -> list[tuple[tuple[str, ...], int]]:
    """Limbs named after ``m`` and before ``stop`` (the next citation)."""
    last = min(len(doc.segments) - 1, m.seg + _NAMED_REACH)
    end = min(stop, doc.segments[last].start + len(doc.segments[last].text))
    start, low = m.end, doc.folded  # lower-cased as re folds case (see infra.caseless)
    if low is not None:
        starts = [at for at in (low.find(w, m.end, end) for w in _NAMED_WORDS) if at >= 0]
        if not starts:
            return []
        start = min(starts)
    named = _NAMED.search(doc.text, start, end)
    if named is None:
        return []
    bare = named.group("bare")
    marks = ([bare] if bare else []) + _MARK.findall(named.group("limbs"))
    paths = limb_paths(m.parts, marks)
    return [(p, named.start()) for p in paths or ()]


def read_limbs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the limbs named after a citation added, in order of position."""
    added: list[Mention] = []
    for i, m in enumerate(mentions):
        stop = mentions[i + 1].start if i + 1 < len(mentions) else len(doc.text)
        limbs = _from_quotation(doc, m) or _from_sentence(doc, m, stop)
        for parts, start in limbs:
            cite = normalise(m.section + "".join(f"({p})" for p in parts))
            if cite is None or cite == m.cite:
                continue
            added.append(replace(m, cite=cite, parts=tuple(_MARK.findall(cite)),
                                 seg=doc.seg_of(start), start=start, end=start + 1, via=[],
                                 via_start={}))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda x: x.start)
