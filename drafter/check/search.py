"""Searching one letter's text for the rules' patterns, quickly (the engine's text search).

Searching is what costs a check its time, so a pattern is searched only in the segments that
contain one of its required literals (:func:`drafter.check.patterns.required_literals`), joined
into ranges where neighbours, and only in the ranges that also hold one of each of its further
literals (:func:`drafter.check.patterns.further_literals`). Every search over the whole letter
is remembered for the rest of the check; one restricted to a region is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from drafter.check.patterns import (
    compile_caseless,
    further_literals,
    one_of,
    required_literals,
)
from drafter.check.text import Doc, Segment

__all__ = ["LiteralIndex", "Span", "TextSearch"]

Span = tuple[int, int]
"""A ``(start, end)`` range of the letter's text."""


class LiteralIndex:
    """Where each of a rule set's literals occurs in a letter, all found in one pass.

    Most of a rule set's few hundred literals are absent from any one letter, and looking for
    each with ``str.find`` scans the whole letter for each. An Aho-Corasick automaton
    (pyahocorasick, in C) finds every occurrence of every literal, overlapping ones too, in one
    scan; built once per rule set. The answer is the same as the finds': for each literal, the
    segments in which an occurrence starts.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        import ahocorasick

        known = sorted({lit for lit in literals if lit and "\n" not in lit})
        self.known = frozenset(known)
        self._automaton = ahocorasick.Automaton()
        for lit in known:
            self._automaton.add_word(lit, lit)
        if known:
            self._automaton.make_automaton()

    def segments(self, lowered: str, starts: list[int]) -> dict[str, list[int]]:
        """Each known literal found in ``lowered``: the segments (by ``starts``) holding it."""
        found: dict[str, list[int]] = {}
        if not self.known:
            return found
        # occurrences come in the order of their ends, and a literal (no newline) ends in
        # the segment it starts in: follow the segments along instead of looking each up
        seg, bounds = 0, [*starts[1:], len(lowered) + 1]
        following = bounds[0]
        for end, lit in self._automaton.iter(lowered):
            while end >= following:
                seg += 1
                following = bounds[seg]
            segs = found.get(lit)
            if segs is None:
                found[lit] = [seg]
            elif segs[-1] != seg:
                segs.append(seg)
        return found


class TextSearch:
    """The text search of one check: patterns over the letter's segments, remembered."""

    def __init__(self, doc: Doc, index: LiteralIndex | None = None) -> None:
        self.doc = doc
        self._index = index
        self._occurs: dict[str, list[int]] | None = None
        self._matches: dict[tuple[Any, ...], list[Span]] = {}
        self._candidates: dict[str, list[int] | None] = {}
        self._whole_ranges: dict[str, list[Span]] = {}
        self._literals: dict[str, list[int]] = {}
        self._excused: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[int, bool]] = {}
        self._groups: dict[frozenset[str], frozenset[int] | None] = {}

    def matches(self, patterns: Sequence[str], ignore_when: Sequence[str] = (),
                region: set[int] | None = None,
                keep_when: Sequence[str] = ()) -> list[Span]:
        """Spans of every match of any of ``patterns``, less those excused by ``ignore_when``.

        A match is excused when its sentence matches ``ignore_when`` and not ``keep_when``.

        Only segments that contain one of a pattern's required literals are searched (see
        :func:`drafter.check.ruleset.required_literals`), and only those in ``region`` when given.
        """
        key = _key(patterns, ignore_when, region, keep_when)
        found = self._matches.get(key)
        if found is not None:
            return found
        spans = self._raw_spans(patterns, region)
        if spans and ignore_when:
            excused = self._excuser(tuple(ignore_when), tuple(keep_when))
            spans = [span for span in spans if not excused(span[0])]
        self._matches[key] = spans
        return spans

    def first_kept(self, patterns: Sequence[str], ignore_when: Sequence[str] = (),
                   region: set[int] | None = None,
                   keep_when: Sequence[str] = ()) -> Span | None:
        """The first span :meth:`matches` would give, or None; sentences tried only until then."""
        found = self._matches.get(_key(patterns, ignore_when, region, keep_when))
        if found is not None:
            return found[0] if found else None
        spans = self._raw_spans(patterns, region)
        if not spans or not ignore_when:
            return spans[0] if spans else None
        excused = self._excuser(tuple(ignore_when), tuple(keep_when))
        return next((span for span in spans if not excused(span[0])), None)

    def _any(self, patterns: Sequence[str], ignore_when: Sequence[str]) -> bool:
        """Whether :meth:`matches` would find anything in the letter (one pattern at a time)."""
        found = self._matches.get(_key(patterns, ignore_when, None, ()))
        if found is not None:
            return bool(found)
        excused = self._excuser(tuple(ignore_when), ()) if ignore_when else None
        for pattern in patterns:
            spans = self._search(pattern, None)
            if spans and (excused is None or not all(excused(s[0]) for s in spans)):
                return True
        return False

    def _raw_spans(self, patterns: Sequence[str], region: set[int] | None) -> list[Span]:
        """Every match of any of ``patterns`` in ``region``, in order."""
        spans: list[Span] = []
        for pattern in patterns:
            spans.extend(self._search(pattern, region))
        if len(patterns) > 1:
            spans = sorted(set(spans))
        return spans

    def _excuser(self, ignore_when: tuple[str, ...], keep_when: tuple[str, ...]
                 ) -> Callable[[int], bool]:
        """Whether the sentence at an offset matches ``ignore_when`` and not ``keep_when``."""
        memo = self._excused.get((ignore_when, keep_when))
        if memo is None:
            memo = self._excused[ignore_when, keep_when] = {}
        excuse = compile_caseless(ignore_when)
        keep = compile_caseless(keep_when) if keep_when else None
        doc = self.doc
        text, folded = doc.text, doc.folded

        def excused(offset: int) -> bool:
            s_start, s_end = doc.sentence_at(offset)
            found = memo.get(s_start)
            if found is None:
                found = memo[s_start] = excuse is not None and excuse.find(
                    text, s_start, s_end, folded=folded) is not None and (
                    keep is None or keep.find(text, s_start, s_end, folded=folded) is None)
            return found

        return excused

    def first(self, patterns: Sequence[str], region: set[int] | None = None) -> Span | None:
        """The earliest match of any of ``patterns`` (in ``region``), or None.

        Like :meth:`matches`, it never gives an empty match, and it finds one exactly when
        :meth:`matches` finds any.
        """
        best: Span | None = None
        text, folded = self.doc.text, self.doc.folded
        for pattern in patterns:
            ranges = self._ranges(pattern, region)
            regex = compile_caseless((pattern,)) if ranges else None  # compiled when needed
            for a, b in ranges:
                if best is not None:
                    b = min(b, best[0])
                if a >= b or regex is None:
                    break
                span = regex.find(text, a, b, folded=folded)
                if span is not None and span[0] == span[1]:  # empty: the first real one
                    span = next((s for s in regex.spans(text, a, b, folded=folded)
                                 if s[1] > s[0]), None)
                if span is not None:
                    best = span
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
        if not indices:
            return []
        runs: list[list[int]] = []  # neighbouring segments are one range: a match may run on
        for seg in indices:
            if runs and runs[-1][1] + 1 == seg:
                runs[-1][1] = seg
            else:
                runs.append([seg, seg])
        segments = doc.segments
        lowered = doc.lowered
        if candidates is not None and lowered is not None:
            for req in further_literals(pattern):  # a range must also hold one of each
                holding = self._group_segments(req, lowered)
                if holding is not None:
                    runs = [r for r in runs if r[0] in holding or (
                        r[1] > r[0] and any(k in holding for k in range(r[0] + 1, r[1] + 1)))]
                else:
                    runs = [r for r in runs if self._holds_one(
                        req, lowered, segments[r[0]].start, _end(segments[r[1]]))]
                if not runs:
                    break
        return [(segments[i].start, _end(segments[j])) for i, j in runs]

    def _group_segments(self, group: frozenset[str], lowered: str) -> frozenset[int] | None:
        """Segments holding one of ``group``, when the literal index knows each (else None)."""
        if group in self._groups:
            return self._groups[group]
        found: frozenset[int] | None = None
        if self._index is not None and group <= self._index.known:
            found = frozenset().union(*(self._literal_segments(lit, lowered) for lit in group))
        self._groups[group] = found
        return found

    @staticmethod
    def _holds_one(group: frozenset[str], lowered: str, a: int, b: int) -> bool:
        """Whether ``lowered[a:b]`` holds one of ``group`` (one scan for two or more)."""
        if len(group) == 1:
            (lit,) = group
            return lowered.find(lit, a, b) != -1
        return one_of(group).search(lowered, a, b) is not None

    def _search(self, pattern: str, region: set[int] | None) -> list[Span]:
        ranges = self._ranges(pattern, region)
        regex = compile_caseless((pattern,)) if ranges else None  # compiled when needed
        if regex is None:
            return []
        text, folded = self.doc.text, self.doc.folded
        return [(start, end) for a, b in ranges
                for start, end in regex.spans(text, a, b, folded=folded) if end > start]

    def _candidate_segments(self, pattern: str) -> list[int] | None:
        """Segments holding one of the pattern's required literals, in order (None: all)."""
        if pattern in self._candidates:
            return self._candidates[pattern]
        literals = required_literals(pattern)
        lowered = self.doc.lowered
        found: list[int] | None = None
        if literals is not None and lowered is not None:
            if len(literals) == 1:
                found = self._literal_segments(next(iter(literals)), lowered)
            else:
                found = sorted(set().union(*(self._literal_segments(lit, lowered)
                                             for lit in literals)))
        self._candidates[pattern] = found
        return found

    def _literal_segments(self, lit: str, lowered: str) -> list[int]:
        """Segments holding ``lit``, in order (it lies in one segment: it has no newline)."""
        found = self._literals.get(lit)
        if found is None and self._index is not None and lit in self._index.known:
            if self._occurs is None:  # every known literal at once, on first need
                self._occurs = self._index.segments(lowered, self.doc.starts)
            found = self._literals[lit] = self._occurs.get(lit) or []
        if found is None:
            found = []
            starts = self.doc.starts
            pos = lowered.find(lit)
            while pos != -1:
                seg = self.doc.seg_of(pos)
                found.append(seg)
                nxt = starts[seg + 1] if seg + 1 < len(starts) else len(lowered)
                pos = lowered.find(lit, nxt)
            self._literals[lit] = found
        return found


def _end(segment: Segment) -> int:
    return segment.start + len(segment.text)


def _key(patterns: Sequence[str], ignore_when: Sequence[str], region: set[int] | None,
         keep_when: Sequence[str]) -> tuple[Any, ...]:
    """What :meth:`TextSearch.matches` remembers a search by."""
    return (tuple(patterns), tuple(ignore_when),
            tuple(sorted(region)) if region is not None else None, tuple(keep_when))
