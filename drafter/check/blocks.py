"""Read a notice into its blocks and judge each exemption where the law puts it.

A refusal notice is not a bag of words: s17(1)(c) asks why *the* exemption applies, s17(3)
asks for the public interest reasons of *each* qualified exemption, and a prejudice-based
exemption needs its own "would" or "would be likely to" (ICO, the prejudice test). So the
checker first works out, for every provision the letter relies on, the *block* that discusses
it (however the letter lays it out: a headed section, a run of numbered paragraphs, a table
row), and then judges each element inside that block.

How a block is found (every format gives the same segments, so md, docx, txt and pdf agree):

* a provision's block starts at each paragraph that cites it and runs on until a paragraph
  that discusses a *different* provision without naming this one, a heading or opening of
  the review, Commissioner, advice or sign-off paragraphs, or :data:`MAX_BLOCK` paragraphs;
* a heading that cites the provision ("Section 31(1)(a) - Law enforcement") starts its block,
  and so does a paragraph that names several provisions at once only for those it names.

The judgement of each block is in :mod:`drafter.check.judge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.check.engine import Run
    from drafter.check.mentions import Mention

__all__ = ["CROSS_REFERENCE", "MAX_BLOCK", "Exemption", "exemption_blocks", "is_cross_reference"]

MAX_BLOCK = 25
"""The longest run of paragraphs one provision's block may take."""

_FLAGS = re.IGNORECASE
# The paragraphs that end the discussion of the provisions: rights, advice, sign-off.
_CLOSING = re.compile(
    r"^\W{0,3}(?:your\s+right|right\s+(?:of|to)\s+(?:appeal|review|complain|request)|"
    r"rights?\s+of\s+(?:appeal|review|complaint)|internal\s+review|review\s+(?:procedure|"
    r"and\s+appeal)|complaints?\b|how\s+to\s+complain|appeal(?:s|ing)?\b|if\s+you\s+(?:are|remain|"
    r"feel)\s+(?:still\s+)?(?:not|dis|un)|if\s+you\s+(?:wish|want|would\s+like)\s+to\s+"
    r"(?:complain|appeal|request\s+a\s+review|ask\s+for\s+a\s+review)|if\s+you\s+(?:have|are)"
    r"\s+(?:any\s+)?(?:queries|questions)|information\s+commissioner|advice\s+and\s+assistance|"
    r"yours\s+(?:sincerely|faithfully)|kind\s+regards|best\s+wishes|with\s+regards)", _FLAGS)
_NEW_PART = re.compile(r"^\W{0,3}(?:parts?|questions?|requests?|items?)\s+\d+(?:\s*(?:,|and|&|-|–|"
                       r"to)\s*\d+){0,20}\s*(?:[:.\-–—]|$)", re.IGNORECASE)
"""A heading that starts the answer to another part of the request ends the block before."""
_PART_HEADING_MAX = 120
CROSS_REFERENCE = re.compile(
    r"\b(?:as\s+(?:explained|set\s+out|described|given)|for\s+(?:the\s+)?(?:same\s+)?reasons?\s+"
    r"(?:given|set\s+out|explained|described))\s+(?:above|below|in\s+(?:paragraph|section|part)|"
    r"under\s+(?:section|regulation|s\.?\s?\d))", _FLAGS)
# Where a provision's public interest test begins: a heading or lead-in naming the test,
# the factors or the balance, or "Section 24(2) is a qualified provision. We have therefore
# considered ... the public interest".
_PI_START = re.compile(
    r"^\W{0,3}(?:(?:the\s+)?public\s+interest(?:\s+test)?\W*$|(?:the\s+)?public\s+interest\s+"
    r"(?:test|considerations|factors|arguments)\b|(?:factors|arguments|considerations)\s+"
    r"(?:in\s+favour|for|against|favouring)\b|(?:the\s+)?balanc(?:e|ing)\b|"
    r"[^.]{0,80}\bis\s+a\s+qualified\s+(?:exemption|exception|provision)\.\s+We\s+have\s+"
    r"therefore\s+considered)", re.IGNORECASE)
_CROSS_WORDS = ("explain", "set", "describ", "given")
"""Every match of :data:`CROSS_REFERENCE` holds one of these, lower-cased."""
_NONE: frozenset[str] = frozenset()
_BEFORE = 2
"""Paragraphs before a provision's first citation that still belong to its block."""


@dataclass
class Exemption:
    """One provision relied on, with its block and its own elements.

    Attributes:
        cite: The citation as the letter gives it, the fullest one (``s31(1)(a)``).
        cites: Every limb of it cited (``s31(1)(a)``, ``s31(1)(b)``).
        key: What groups the limbs: the section (``s31``), or the whole EIR exception.
        mentions: Where it is cited.
        segments: The paragraphs of its block, in order.
        elements: Its own elements: ``names_subsection``, ``explains_why``, ``likelihood``,
            ``public_interest_reasons``, each an ElementResult.
    """

    cite: str
    cites: list[str]
    key: str
    mentions: list[Mention]
    segments: list[int] = field(default_factory=list)
    lead: list[int] = field(default_factory=list)
    public_interest: list[int] = field(default_factory=list)
    """The paragraphs of the block that run the public interest test (not reasons)."""
    elements: dict[str, Any] = field(default_factory=dict)
    kind: str = "exemption"
    absolute: bool | None = None
    prejudice: bool = False

    @property
    def as_written(self) -> list[str]:
        """Each citation as the letter gives it (no subsection supplied), with its qualifiers."""
        out: list[str] = []
        for m in self.mentions:
            for cite in (m.cite, *m.via):
                if cite not in out:
                    out.append(cite)
        return out

    @property
    def reasons(self) -> set[int]:
        """The paragraphs that may give its reasons: the block less its public interest test."""
        return set(self.segments) - set(self.public_interest)

    @property
    def location(self) -> str | None:
        """Where the provision is first cited."""
        return self.elements.get("_location")

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of one provision (see docs/check.md)."""
        return {"cite": self.cite, "cites": list(self.cites), "as_written": self.as_written,
                "kind": self.kind,
                "absolute": self.absolute, "prejudice_based": self.prejudice,
                "location": self.location,
                "elements": {k: v.as_dict() for k, v in self.elements.items()
                             if not k.startswith("_")}}


def _key(run: Run, m: Mention) -> str:
    cite = run.cite_of(m)
    if m.regulation:  # an EIR exception is its paragraph: reg12(4)(b), reg12(5)(e), reg13
        return re.sub(r"^(reg\d+[A-Z]?(?:\(\w+\)){0,2}).*", r"\1", cite)
    return m.section



def exemption_blocks(run: Run) -> list[Exemption]:
    """Every provision relied on, grouped, each with the paragraphs that discuss it."""
    doc = run.doc
    groups: dict[str, Exemption] = {}
    by_seg: dict[int, set[str]] = {}
    for m in run.mentions:
        key = _key(run, m)
        cite = run.cite_of(m)
        ex = groups.get(key)
        if ex is None:  # its cite becomes the fullest one cited, below
            facts = run.facts[id(m)]
            ex = groups[key] = Exemption(cite=cite, cites=[], key=key, mentions=[])
            ex.kind = "procedural" if facts.procedural else "ncnd" if facts.ncnd else "exemption"
        ex.mentions.append(m)
        if cite not in ex.cites:
            ex.cites.append(cite)
        if not is_cross_reference(run, m):  # "as explained above under section 24(2)"
            by_seg.setdefault(m.seg, set()).add(key)
    closing = {i for i, s in enumerate(doc.segments) if i >= doc.header_count and _closes(s.text)}
    n = len(doc.segments)
    for key, ex in groups.items():
        segs: list[int] = []
        for start in sorted({m.seg for m in ex.mentions if key in by_seg.get(m.seg, ())}):
            if start in segs:
                continue
            segs.append(start)
            listing = True  # provisions listed one a line share what follows the list
            for seg in range(start + 1, min(n, start + MAX_BLOCK)):
                others = by_seg.get(seg, _NONE)
                listing = listing and bool(others)
                if seg in closing or (others and key not in others and not listing):
                    break
                segs.append(seg)
        ex.segments = segs
    taken = {seg for ex in groups.values() for seg in ex.segments}
    for ex in groups.values():
        # the paragraphs just before the first citation may say what the information is
        # ("This is because the aggregated costs ... Consequently ... section 12")
        start = min(m.seg for m in ex.mentions)
        for back in range(start - 1, max(doc.header_count, start - 1 - _BEFORE) - 1, -1):
            if back in taken or back in closing:
                break
            ex.lead.append(back)
        ex.segments = sorted(set(ex.segments) | set(ex.lead))
    for ex in groups.values():
        test = False
        for seg in ex.segments:  # the public interest test follows the reasons
            test = test or (seg not in ex.lead and _starts_test(doc.segments[seg].text))
            if test:
                ex.public_interest.append(seg)
        best = max(ex.mentions, key=lambda m: len(m.parts))
        ex.cite = run.cite_of(best)
        all_facts = [run.facts[id(m)] for m in ex.mentions]
        known = {f.absolute for f in all_facts if not f.procedural}
        ex.absolute = known.pop() if len(known) == 1 else None
        ex.prejudice = any(f.prejudice_based for f in all_facts)
    return list(groups.values())


@lru_cache(maxsize=8192)  # templated letters share their paragraphs
def _closes(text: str) -> bool:
    """True for a paragraph that ends the discussion of the provisions (or starts a part)."""
    return _CLOSING.match(text) is not None or (
        len(text) <= _PART_HEADING_MAX and _NEW_PART.match(text) is not None)


@lru_cache(maxsize=8192)
def _starts_test(text: str) -> bool:
    """True for a paragraph that starts a provision's public interest test."""
    return _PI_START.match(text) is not None


def is_cross_reference(run: Run, m: Mention) -> bool:
    """True when ``m`` points back to another provision's reasons instead of relying on it."""
    start, end = run.doc.sentence_at(m.start)
    low = run.doc.folded  # lower-cased as re folds case (see infra.caseless)
    if low is not None and not any(low.find(w, start, end) >= 0 for w in _CROSS_WORDS):
        return False
    ref = CROSS_REFERENCE.search(run.doc.text, start, end)
    return ref is not None and ref.start() < m.start
