"""infra/caseless: the fast case-insensitive search finds exactly what ``re.IGNORECASE`` finds."""

from __future__ import annotations

import random
import re

import pytest

from drafter.draft.environment import _TERMS
from drafter.infra import caseless as caseless_module
from drafter.infra.caseless import Caseless, _places, fold, remember_plans
from drafter.law.phrases import CONFIRMS_HELD, CONFIRMS_HELD_EXCUSES, REPEALED_LAW

FLAGS = re.IGNORECASE | re.MULTILINE

PATTERNS = [
    *CONFIRMS_HELD, *CONFIRMS_HELD_EXCUSES, *REPEALED_LAW, _TERMS.regex.pattern,
    r"\bSSSIs?\b", r"[A-Z][a-z]+\s+\S+", r"\bs\.?\s?40\s?\(3\)", r"(?P<Word>hold)\s+(?P=Word)",
    r"^Dear\s", r"held$", r"(?<!no\s)records?\b", r"\W+KEEP\B", r"[^A-Z\s]{3}", r"[!-z]{4}",
    r"[0-_]{3}", r"[^@-_]+s",
    # patterns that start with \b or a lookbehind are searched where their first word occurs
    r"\bpublic\s+interest\b", r"(?<!not\s)\bheld\b", r"\b(?:your|the|this)\s+re\w+",
    r"(?:re)+cords?", r"(?<=e)ee", r"^\W*(?:we|no)\s", r"(?=\w)\b(?:held|hold)(?!ing)",
]
TEXTS = [
    "We confirm that the information is held. No records are held.\nWe hold\nno data.",
    "Air Quality and FLOOD RISK reports; the Council holds records of landfill sites.",
    "The DPA 1998 was repealed. Sensitive Personal Data is now special category data.",
    "We can neither confirm nor deny whether information is held (s.40(3)(a)(i)).",
    "Dear Ms Smith,\nYour request’s “records” – £120 – were HELD; keep keep KEEPing.",
    # cased characters outside ASCII: re folds ſ/s, Kelvin K/k, ı/i, İ/i; lower() does not
    "The waſte collections are held; \u212aeep records; fıles held; İnformation is held.",
    "Énergie: ÉMISSIONS and ß; ΣΊΣΥΦΟΣ holds records.",
]


def _variants(text: str, rnd: random.Random) -> list[str]:
    swapped = "".join(c.swapcase() if rnd.random() < 0.3 else c for c in text)
    return [text, text.upper(), swapped]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_spans_and_matches_as_ignorecase(pattern: str) -> None:
    rnd = random.Random(pattern)
    caseless, regex = Caseless(pattern, re.MULTILINE), re.compile(pattern, FLAGS)
    for base in TEXTS:
        for text in _variants(base, rnd):
            folded = fold(text)
            assert list(caseless.spans(text, folded=folded)) == \
                [m.span() for m in regex.finditer(text)]
            for pos, end in ((0, len(text)), (5, len(text) // 2), (len(text) // 3, len(text))):
                want = regex.search(text, pos, end)
                got = caseless.search(text, pos, end)
                assert (got and (got.span(), got.group(0), got.groups())) == \
                    (want and (want.span(), want.group(0), want.groups()))


def test_the_phrase_tables_take_the_fast_path() -> None:
    assert _TERMS.fast is not None
    assert all(Caseless(p, re.MULTILINE).fast is not None for p in CONFIRMS_HELD)


@pytest.mark.parametrize("pattern", [r"(?-i:Hold)", r"(?i)hold", r"[A-z]+", r"[0-Z]", r"[0-_]",
                                     r"[^@-_]",
                                     r"\N{LATIN CAPITAL LETTER A}"])
def test_patterns_whose_meaning_would_change_run_as_they_are(pattern: str) -> None:
    assert Caseless(pattern).fast is None


def test_escapes_keep_their_letter() -> None:
    fast = Caseless(r"\S+\s\W").fast
    assert fast is not None and fast.pattern == r"\S+\s\W"


@pytest.mark.parametrize("text, folded", [
    ("Plain ASCII", "plain ascii"),
    ("Typography ’“–£€ is uncased", "typography ’“–£€ is uncased"),
    ("Café", None), ("waſte", None), ("\u212aelvin", None), ("İstanbul", None),
])
def test_fold_only_when_lower_agrees_with_re(text: str, folded: str | None) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("pattern, starts", [
    (r"\bpublic\s+interest", ("public",)),
    (r"(?<!not\s)(?<!no\s)\bsubject\s+to", ("subject",)),
    (r"\b(?:your|the|this)\s+request", ("the", "this", "your")),
    (r"^\W{0,3}(?:internal\s+review|complaints?)", None),  # \W{0,3} may consume
    (r"\b(?:review|)", None),  # an empty alternative: a match may start anywhere
    (r"public\s+interest", None),  # starts with its word: re skips ahead by itself
    (r"[a-z]+\s+review", None),
    (r"(?i:\bReview)", None),
])
def test_the_words_every_match_starts_with(pattern: str, starts: tuple[str, ...] | None
                                            ) -> None:
    assert Caseless(pattern)._starts == starts


@pytest.mark.parametrize("text", [
    "We considered the public interest. The Public Interest test favours it. " * 3,
    "the " * 400 + "The Public interest",  # too many places: searched as usual
    "eeeeee public ee interest eee",
])
@pytest.mark.parametrize("pattern", [r"\b(?:the|public)\s+\w+", r"(?<=e)ee",
                                     r"(?<!the\s)\bpublic\s+interest\b"])
def test_searching_from_the_first_words_finds_what_finditer_finds(pattern: str,
                                                                   text: str) -> None:
    caseless, regex = Caseless(pattern, re.MULTILINE), re.compile(pattern, FLAGS)
    folded = fold(text)
    assert folded is not None
    for pos, end in ((0, len(text)), (3, len(text) - 5), (10, 40), (40, 10)):
        assert list(caseless.spans(text, pos, end, folded=folded)) == \
            [m.span() for m in regex.finditer(text, pos, end)]
        want = regex.search(text, pos, end)
        assert caseless.find(text, pos, end, folded=folded) == (want and want.span())


def test_only_sparse_words_are_searched_for_one_by_one() -> None:
    text = "the public and the public" + " " * 100
    assert _places(("public",), text, 0, len(text)) == [4, 19]
    assert _places(("public",), text, 5, len(text)) == [19]
    assert _places(("the", "this"), "this is the " * 3, 0, 36) is None
    assert _places(("ee",), "eeee" + " " * 100, 0, 104) == [0, 1, 2]


@pytest.mark.parametrize("pattern", [r"(?<!not\s)\bPublic\s+Interest\b", r"[0-_]{3}",
                                     r"\bs\.?\s?40\s?\(3\)"])
def test_a_remembered_plan_searches_as_the_pattern_worked_out_afresh(
        pattern: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caseless_module, "_PLANS", {})
    fresh = Caseless(pattern, re.MULTILINE)
    remember_plans(dict([fresh.plan]))
    again = Caseless(pattern, re.MULTILINE)
    assert again.plan == fresh.plan
    assert (again.fast and again.fast.pattern) == (fresh.fast and fresh.fast.pattern)
    text = "Not Public Interest; the public interest in s.40(3) and s40 (3); 0_9 ABC."
    assert list(again.spans(text, folded=fold(text))) == list(fresh.spans(text)) == \
        [m.span() for m in re.finditer(pattern, text, FLAGS)]
