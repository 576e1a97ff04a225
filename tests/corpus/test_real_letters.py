"""`drafter check` on real refusal notices written by public authorities (tests/corpus/real).

The measure itself lives in ``tools/measure_corpus.py`` (run it with ``--misses`` to see every
disagreement). This test keeps the labels well formed and fails when agreement with them
falls below the floor recorded here; raise the floor when the checker gets better, never
lower it without saying why in the commit.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REAL = Path(__file__).parent / "real"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "measure_corpus.py"

# Floors: share of scored element judgements that agree with the labels, overall and for
# every element, and share of letters whose every cited provision the checker read.
OVERALL_FLOOR = 0.97
ELEMENT_FLOOR = 0.90
CITATIONS_FLOOR = 0.95


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("measure_corpus", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


measure_corpus = _tool()
LABELS = sorted(REAL.glob("[0-9][0-9][0-9].yaml"))
VALUES = {True, False, "not_applicable", "unknown"}


def test_forty_letters_each_with_its_labels_and_source() -> None:
    assert len(LABELS) == 40
    for path in LABELS:
        assert path.with_suffix(".txt").is_file(), path.name
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert str(labels["source_url"]).startswith(("https://", "http://")), path.name
        assert labels["regime"] in {"FOIA", "EIR", "FOISA"}, path.name
        assert set(labels["elements"]) == set(measure_corpus.LABEL_KEYS), path.name
        assert set(labels["elements"].values()) <= VALUES, path.name
        assert labels["exemptions_cited"], path.name


def test_readme_names_every_letter_and_its_source() -> None:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    for path in LABELS:
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert f"| {path.stem} |" in readme
        assert str(labels["source_url"]) in readme


def test_unknown_labels_are_not_scored() -> None:
    letter = next(x for x in measure_corpus.letters() if x.id == "017")
    expected = letter.expected()
    assert "ico_right" not in expected  # cut off before the Commissioner paragraph
    assert expected["states_refusal"] == "present"


@pytest.fixture(scope="module")
def result() -> Any:
    return measure_corpus.measure(measure_corpus.letters())


def test_agreement_with_the_labels(result: Any) -> None:
    report = result.table(misses=True)
    print("\n" + report)
    assert result.overall >= OVERALL_FLOOR, report
    low = {e: result.score(e) for e in measure_corpus.LABEL_KEYS.values()
           if result.score(e) < ELEMENT_FLOOR}
    assert not low, report


def test_section_citations_found(result: Any) -> None:
    assert result.citations >= CITATIONS_FLOOR, result.table(misses=True)
