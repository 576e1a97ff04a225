"""The checker: find every section 17 element (and the common defects) in a draft letter.

:func:`check_notice` takes a :class:`~drafter.document.Notice` (from
:func:`drafter.read.read_document`, or built by ``assemble``) and a
:class:`~drafter.check.ruleset.RuleSet`, and returns a :class:`CheckResult`: the regime, whether
the letter refuses anything, the provisions it cites, the ten elements (``docs/check.md``) and
the findings.
:class:`Checker` does the same for many letters with one set-up, and :func:`iter_check` reads
and checks many files.

The package, in the order a letter goes through it:

========================  ===============================================================
``text``                  the letter's searchable text: segments, sentences, evidence
``mentions``              the provisions it cites, found and normalised
``triggers``              the built-in triggers (one table for validation and evaluation)
``engine``                one check of one letter (``Run``) and the ``Checker``
``kinds``                 one module per rule kind: its schema and how it runs
``ruleset``               loading, merging and cross-checking rule files
``patterns``, ``dates``   the regular expressions of rules, written dates
``results``, ``report``   what a check finds, and its text and JSON forms
``batch``                 many files, in worker processes when there are many
========================  ===============================================================
"""

from __future__ import annotations

from drafter.check.batch import iter_check
from drafter.check.dates import parse_date
from drafter.check.engine import Checker, check_notice
from drafter.check.mentions import Mention, find_citations
from drafter.check.results import ELEMENTS, LEVELS, CheckResult, ElementResult, Finding

__all__ = [
    "ELEMENTS",
    "LEVELS",
    "CheckResult",
    "Checker",
    "ElementResult",
    "Finding",
    "Mention",
    "check_notice",
    "find_citations",
    "iter_check",
    "parse_date",
]
