"""The engine: one check of one letter, and the :class:`Checker` that runs it for many.

How a letter is read:

1. Its text is indexed as segments (:mod:`drafter.check.text`).
2. The provisions it cites are found and normalised (:mod:`drafter.check.mentions`).
3. Each cited provision is looked up (absolute or qualified, prejudice-based, NCND)
   (:mod:`drafter.law.provisions`: the clause library's provisions of the letter's regime).
4. Triggers are worked out (:mod:`drafter.check.triggers` and the trigger rules), then every
   rule whose trigger holds is run by its kind (:mod:`drafter.check.kinds`).

Searching is what costs time, so a pattern is searched only in the segments that contain one
of its required literals (:func:`drafter.check.patterns.required_literals`), and every search
is remembered for the rest of the check. A check is pure: no files, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from drafter.check import triggers
from drafter.check.kinds import KINDS, ElementRule, Rule, TriggerRule, element
from drafter.check.mentions import Mention, cite_order, find_citations, under
from drafter.check.patterns import (
    compile_caseless,
    further_literals,
    one_of,
    required_literals,
)
from drafter.check.regime import eir_or_foia, foisa_or_not
from drafter.check.results import ELEMENTS, NOT_APPLICABLE, CheckResult, ElementResult, Finding
from drafter.check.ruleset import RuleSet
from drafter.check.text import Doc
from drafter.document import Notice
from drafter.law.citations import normalise
from drafter.law.provisions import (
    ProvisionIndex,
    RegimeRecords,
    records_by_regime,
    regime_index,
)

if TYPE_CHECKING:
    from drafter.check.blocks import Exemption
    from drafter.library.load import Library

__all__ = ["Checker", "Run", "Span", "check_notice"]

Span = tuple[int, int]
"""A ``(start, end)`` range of the letter's text."""


class Run:
    """The state of one check: the letter, its citations and its triggers."""

    def __init__(self, notice: Notice, checker: Checker, regime: str | None) -> None:
        self.notice: Notice = notice
        self.rules = checker.rules
        self.checker = checker
        self.doc = Doc(notice)
        self._matches: dict[tuple[Any, ...], list[Span]] = {}
        self._candidates: dict[str, list[int] | None] = {}
        self._whole_ranges: dict[str, list[Span]] = {}
        self.triggers = checker.triggers
        self._literals: dict[str, list[int]] = {}
        self._excused: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[int, bool]] = {}
        self._trigger_cache: dict[str, bool] = {}
        self._trigger_spans: dict[str, list[Span]] = {}
        cit = self.rules.citations
        self.regime = regime or foisa_or_not(self)
        self.table = cit.tables[self.regime]  # type: ignore[index]
        self.provisions = checker.provisions(self.regime)
        # a provision named in a question is the requester's words, not one relied on
        self.mentions = [m for m in find_citations(self.doc, cit, self.table)
                         if not self._in_question(m)]
        if regime is None and self.regime == "foia":
            self.regime = eir_or_foia(self)
        vias: dict[str, list[str]] = {}
        for m in self.mentions:  # "s40(2) by virtue of s40(3A)(a)" once covers every s40(2)
            bucket = vias.setdefault(self.cite_of(m), [])
            bucket.extend(v for v in m.via if v not in bucket)
        self.facts = {id(m): self.provisions.facts(self.cite_of(m), vias[self.cite_of(m)])
                      for m in self.mentions}
        self.provisions_judged: list[Exemption] = []
        """Each provision relied on and its block, once the elements are judged."""

    def _in_question(self, m: Mention) -> bool:
        start, end = self.doc.sentence_at(m.start)
        return self.doc.text[start:end].rstrip().endswith("?")

    # ---------------------------------------------------------------- text search
    def matches(self, patterns: Sequence[str], ignore_when: Sequence[str] = (),
                region: set[int] | None = None,
                keep_when: Sequence[str] = ()) -> list[Span]:
        """Spans of every match of any of ``patterns``, less those excused by ``ignore_when``.

        A match is excused when its sentence matches ``ignore_when`` and not ``keep_when``.

        Only segments that contain one of a pattern's required literals are searched (see
        :func:`drafter.check.ruleset.required_literals`), and only those in ``region`` when given.
        """
        key = (tuple(patterns), tuple(ignore_when), tuple(sorted(region)) if region is not
               None else None, tuple(keep_when))
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
        key = (tuple(patterns), tuple(ignore_when), tuple(sorted(region)) if region is not
               None else None, tuple(keep_when))
        found = self._matches.get(key)
        if found is not None:
            return found[0] if found else None
        spans = self._raw_spans(patterns, region)
        if not spans or not ignore_when:
            return spans[0] if spans else None
        excused = self._excuser(tuple(ignore_when), tuple(keep_when))
        return next((span for span in spans if not excused(span[0])), None)

    def _any(self, patterns: Sequence[str], ignore_when: Sequence[str]) -> bool:
        """Whether :meth:`matches` would find anything in the letter (one pattern at a time)."""
        key = (tuple(patterns), tuple(ignore_when), None, ())
        found = self._matches.get(key)
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
        """The earliest match of any of ``patterns`` (in ``region``), or None."""
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
                if span is not None and span[1] > span[0]:
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
        segments = doc.segments
        ranges: list[Span] = []
        last = -2
        for seg in indices:  # neighbouring segments are one range: a match may run on
            s = segments[seg]
            if seg == last + 1:
                ranges[-1] = (ranges[-1][0], s.start + len(s.text))
            else:
                ranges.append((s.start, s.start + len(s.text)))
            last = seg
        lowered = doc.lowered
        if candidates is not None and lowered is not None:
            for req in further_literals(pattern):  # a range must also hold one of each
                if len(req) == 1:
                    (lit,) = req
                    ranges = [(a, b) for a, b in ranges if lowered.find(lit, a, b) != -1]
                else:
                    search = one_of(req).search
                    ranges = [(a, b) for a, b in ranges if search(lowered, a, b) is not None]
                if not ranges:
                    break
        return ranges

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
        keep = {c for c in cites if not any(o != c and under(o, c) for o in cites)}
        return sorted(keep, key=cite_order)

    def select(self, selector: str) -> list[Mention]:
        """Mentions matching a ``for_each`` selector."""
        out = []
        for m in self.mentions:
            facts = self.facts[id(m)]
            if facts.procedural and selector != "any" and not under(self.cite_of(m),
                                                                     selector):
                continue
            if (selector == "any"
                    or (selector == "absolute" and facts.absolute is True)
                    or (selector == "qualified" and facts.absolute is False)
                    or (selector == "prejudice" and facts.prejudice_based)
                    or (selector == "ncnd" and facts.ncnd)
                    or (normalise(selector) is not None
                        and under(self.cite_of(m), normalise(selector) or ""))):
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
            return any(under(self.cite_of(m), want) or under(m.cite, want)
                       for m in self.mentions)
        if name in self.triggers:
            if name not in self._trigger_spans:  # most wording is absent: look for it first
                rule = self.triggers[name]
                if not self._any(rule.patterns, rule.ignore_when):
                    return False
            return bool(self.trigger_spans(name))
        return triggers.evaluate(self, name)

    def wording(self, trigger_id: str) -> bool:
        """Whether the trigger rule ``trigger_id`` holds; False when no such rule is in force.

        The engine asks for a few trigger rules by id (``ncnd_wording``, ``refusal_wording``,
        ``s17_4``), which a house rule file may switch off.
        """
        return trigger_id in self.triggers and self.trigger(trigger_id)

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

    def holds(self, rule: Rule) -> bool:
        """Whether ``rule`` runs on this letter (regime, trigger and unless)."""
        if self.regime not in rule.regimes:
            return False
        return all(self.trigger(t) for t in rule.trigger) and \
            not any(self.trigger(t) for t in rule.unless)


class Checker:
    """Checks letters against a rule set; build once, use for many letters."""

    def __init__(self, rules: RuleSet, library: Library | RegimeRecords | None = None) -> None:
        """Use ``rules``, and the facts of the provisions of ``library``.

        ``library`` is the validated clause library (:func:`drafter.library.load.load_library`)
        or the facts of its provisions by regime (:func:`drafter.library.facts.provision_records`,
        cached); without one, the built-in library's (read when a letter first needs them).
        """
        self.rules = rules
        self.triggers = rules.triggers  # built once, not per letter
        self._library: RegimeRecords | None = (
            None if library is None else library if isinstance(library, Mapping)
            else records_by_regime(library.provisions.values()))
        self._provisions: dict[str, ProvisionIndex] = {}
        self._calendars: dict[str, Any] = {}
        self.due_dates: dict[tuple[dt.date, str, int, int], dt.date] = {}

    @property
    def library(self) -> RegimeRecords:
        """The facts of the library's provisions, by regime then citation."""
        if self._library is None:
            from drafter.library.facts import provision_records

            self._library = provision_records()
        return self._library

    def provisions(self, regime: str) -> ProvisionIndex:
        """The provision lookup for ``regime`` (built once).

        The library's provisions of that regime, those its letters cite beside them, and the
        law's for provisions the library does not have (:func:`regime_index`).
        """
        found = self._provisions.get(regime)
        if found is None:
            found = self._provisions[regime] = regime_index(regime, self.library)
        return found

    def calendar(self, regime: str) -> Any:
        """The statutory working-day calendar for ``regime`` (built once)."""
        if regime not in self._calendars:
            from drafter.law.calendar import calendar_for

            self._calendars[regime] = calendar_for(regime)
        return self._calendars[regime]

    def check(self, notice: Notice, *, file: str = "", regime: str | None = None
              ) -> CheckResult:
        """Check one letter. ``regime`` forces the regime instead of working it out."""
        run = Run(notice, self, regime)
        is_refusal = run.trigger("refusal")
        elements: dict[str, ElementResult] = dict.fromkeys(ELEMENTS, NOT_APPLICABLE)
        findings: list[Finding] = []
        element_rules = [r for r in self.rules.of(ElementRule)
                         if isinstance(r, ElementRule)]
        if is_refusal:
            element.evaluate(run, element_rules, elements, findings)
        for rule in self.rules.rules:
            if isinstance(rule, (ElementRule, TriggerRule)) or not run.holds(rule):
                continue
            run_rule = KINDS[rule.extends].run
            assert run_rule is not None, rule.extends  # only trigger and element have none
            findings.extend(run_rule(run, rule))
        return CheckResult(file=file, regime=run.regime, is_refusal=is_refusal,
                           exemptions=run.exemptions(), ncnd=run.trigger("ncnd"),
                           elements=elements, findings=findings,
                           provisions=run.provisions_judged if is_refusal else [],
                           kind=_kind(run, is_refusal))


def _kind(run: Run, is_refusal: bool) -> str:
    """What kind of notice this is (docs/check.md, "Kinds of notice")."""
    if run.wording("not_a_letter"):
        return "not_a_letter"
    if not is_refusal:
        return "not_held" if run.wording("not_held_wording") else "disclosure"
    if run.trigger("pitx"):
        return "holding"
    if run.trigger("procedural_only"):
        return "cost_or_burden"
    if run.wording("extension_done"):
        return "final_after_extension"
    return "refusal"


def check_notice(notice: Notice, rules: RuleSet, *, file: str = "",
                 regime: str | None = None,
                 library: Library | RegimeRecords | None = None) -> CheckResult:
    """Check one letter (see :class:`Checker` to check many with one set-up)."""
    return Checker(rules, library).check(notice, file=file, regime=regime)
