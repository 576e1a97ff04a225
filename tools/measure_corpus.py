"""Measure how often ``drafter check`` agrees with the labels of the real-letter corpus.

The corpus is ``tests/corpus/real/``: refusal notices written by public authorities (not by
us), each ``NNN.txt`` with its hand labels in ``NNN.yaml`` (see that folder's README). For
every letter the checker's verdict on each of the ten elements is compared with the label;
``unknown`` labels (the stored text stops before the element would appear) are not scored.

It also reports, per letter, whether the checker found the provisions the letter cites
("section citations found"): every labelled citation must be among the citations the checker
read, as the letter wrote them (``provisions[].as_written`` of the JSON).

Usage::

    python tools/measure_corpus.py            # per-element table and overall agreement
    python tools/measure_corpus.py --misses   # also list every disagreement
    python tools/measure_corpus.py --only 001,002 --misses

``tests/corpus/test_real_letters.py`` runs the same measure and fails below its thresholds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "real"

# Label key -> the element name of `drafter check --format json`.
LABEL_KEYS = {
    "states_refusal": "states_refusal",
    "specifies_exemption": "specifies_exemption",
    "names_subsection": "names_subsection",
    "explains_why": "explains_why",
    "public_interest_reasons": "public_interest_reasons",
    "pit_extension_estimate_date": "pit_extension_estimate",
    "internal_review_details": "internal_review",
    "ico_right": "ico_right",
    "advice_and_assistance": "advice_and_assistance",
    "cost_estimate": "cost_estimate",
}
STATUS = {True: "present", False: "missing", "not_applicable": "not_applicable"}


@dataclass
class Letter:
    """One labelled letter."""

    id: str
    path: Path
    labels: dict[str, Any]

    @property
    def regime(self) -> str:
        """``foia``, ``eir`` or ``foisa``, as labelled."""
        return str(self.labels["regime"]).lower()

    def expected(self) -> dict[str, str]:
        """The scored labels, as element statuses (``unknown`` left out)."""
        out = {}
        for key, element in LABEL_KEYS.items():
            value = self.labels["elements"][key]
            if value != "unknown":
                out[element] = STATUS[value]
        return out


@dataclass
class Measure:
    """Agreement per element, overall, and citations found per letter."""

    hits: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    citations_found: dict[str, bool] = field(default_factory=dict)
    citation_misses: list[str] = field(default_factory=list)

    def score(self, element: str) -> float:
        """Share of scored judgements of ``element`` that agree with the labels."""
        return self.hits[element] / self.total[element] if self.total[element] else 1.0

    @property
    def overall(self) -> float:
        """Share of all scored element judgements that agree."""
        total = sum(self.total.values())
        return sum(self.hits.values()) / total if total else 1.0

    @property
    def citations(self) -> float:
        """Share of letters whose every cited provision was found."""
        found = self.citations_found
        return sum(found.values()) / len(found) if found else 1.0

    def table(self, *, misses: bool = False) -> str:
        """A readable report."""
        lines = [f"{'element':<26}{'agree':>7}{'of':>5}{'share':>9}"]
        for element in LABEL_KEYS.values():
            lines.append(f"{element:<26}{self.hits[element]:>7}{self.total[element]:>5}"
                         f"{self.score(element):>9.1%}")
        total = sum(self.total.values())
        lines.append(f"{'overall':<26}{sum(self.hits.values()):>7}{total:>5}"
                     f"{self.overall:>9.1%}")
        n = len(self.citations_found)
        lines.append(f"{'citations found':<26}{sum(self.citations_found.values()):>7}{n:>5}"
                     f"{self.citations:>9.1%}")
        if misses:
            lines += [f"  miss: {m}" for m in self.misses + self.citation_misses]
        return "\n".join(lines)


def letters(folder: Path = CORPUS, only: set[str] | None = None) -> list[Letter]:
    """Every labelled letter in ``folder`` (or those in ``only``), in order."""
    out = []
    for labels_path in sorted(folder.glob("[0-9][0-9][0-9].yaml")):
        if only and labels_path.stem not in only:
            continue
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        out.append(Letter(labels_path.stem, labels_path.with_suffix(".txt"), labels))
    return out


def _covered(label: str, found: set[str]) -> bool:
    """True when the checker read the labelled citation ``label`` (as the letter wrote it)."""
    return label in found


def measure(items: list[Letter], checker: Any = None) -> Measure:
    """Run the checker over ``items`` and compare with their labels."""
    from drafter.check import Checker
    from drafter.check.ruleset import load_rules
    from drafter.library.load import load_library
    from drafter.read import read_document

    checker = checker or Checker(load_rules(), load_library())
    out = Measure()
    for letter in items:
        result = checker.check(read_document(letter.path), file=letter.path.name,
                               regime=letter.regime)
        for element, want in letter.expected().items():
            got = result.elements[element].status
            out.total[element] += 1
            if got == want:
                out.hits[element] += 1
            else:
                out.misses.append(f"{letter.id}: {element}: labelled {want}, checker {got}")
        found = {c for p in result.provisions for c in p.as_written}
        labelled = [str(c) for c in letter.labels["exemptions_cited"]]
        lost = [c for c in labelled if not _covered(c, found)]
        out.citations_found[letter.id] = not lost
        if lost:
            out.citation_misses.append(f"{letter.id}: citations: labelled {labelled}, "
                                       f"checker read {sorted(found)}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--only", default="", help="comma-separated letter ids")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    print(measure(letters(only=only)).table(misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
