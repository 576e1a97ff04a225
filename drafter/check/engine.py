"""The engine: one check of one letter, and the :class:`Checker` that runs it for many.

How a letter is read:

1. Its text is indexed as segments (:mod:`drafter.check.text`).
2. The provisions it cites are found and normalised (:mod:`drafter.check.mentions`).
3. Each cited provision is looked up (absolute or qualified, prejudice-based, NCND)
   (:mod:`drafter.law.provisions`: the clause library's provisions of the letter's regime).
4. Triggers are worked out (:mod:`drafter.check.triggers` and the trigger rules), then every
   rule whose trigger holds is run by its kind (:mod:`drafter.check.kinds`).

Searching is what costs time, so a pattern is searched only in the segments that contain one
of its required literals, and every search over the whole letter is remembered for the rest of
the check (:mod:`drafter.check.search`). A check is pure: no files, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING, Any

from drafter.check import triggers
from drafter.check.kinds import KINDS, ElementRule, Rule, TriggerRule, element
from drafter.check.mentions import Mention, cite_order, find_citations, under
from drafter.check.regime import eir_or_foia, foisa_or_not
from drafter.check.results import ELEMENTS, NOT_APPLICABLE, CheckResult, ElementResult, Finding
from drafter.check.ruleset import RuleSet
from drafter.check.search import LiteralIndex, Span, TextSearch
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

class Run(TextSearch):
    """The state of one check: the letter, its citations and its triggers.

    Its text search (:meth:`matches`, :meth:`first`) is :class:`~drafter.check.search.TextSearch`.
    """

    def __init__(self, notice: Notice, checker: Checker, regime: str | None) -> None:
        self.notice: Notice = notice
        self.rules = checker.rules
        self.checker = checker
        super().__init__(Doc(notice), checker.literal_index)
        self.triggers = checker.triggers
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
            if name in self._trigger_spans:
                return bool(self._trigger_spans[name])
            # its conditions first, as trigger_spans() takes them (the order in which
            # triggers are worked out is what a loop of them resolves by); then whether its
            # wording occurs at all, without every span of it
            rule = self.triggers[name]
            return self.holds(rule) and self._any(rule.patterns, rule.ignore_when)
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
        self._literal_index: LiteralIndex | None = None

    @property
    def literal_index(self) -> LiteralIndex:
        """The literals of the rule set's patterns, to find in a letter in one pass."""
        if self._literal_index is None:
            # the further literals too, but not the shortest: "to" and "in" are in every
            # paragraph, so they would only add hits to the pass (they are cheap to find)
            further = (lit for groups in self.rules.further.values() for group in groups
                       for lit in group if len(lit) >= 4)
            self._literal_index = LiteralIndex(chain(further, (
                lit for literals in self.rules.literals.values() if literals
                for lit in literals)))
        return self._literal_index

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
