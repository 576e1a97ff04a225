"""The regular expressions of rules: the ``{date}`` macro, compiling, and required literals.

Patterns are Python regular expressions, matched without regard to case. They are compiled
once per process; :func:`required_literals` works out, once per pattern, the text any match
must contain, which lets the engine search only the blocks that contain it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from drafter.check.dates import DATE
from drafter.infra.caseless import Caseless, Plan
from drafter.law.phrases import MACROS, expand_macros

__all__ = ["FLAGS", "caseless_plans", "compile_caseless", "compile_patterns", "expand",
           "further_literals", "one_of", "remember_literals", "required_literals",
           "validate_pattern"]

FLAGS = re.IGNORECASE | re.MULTILINE
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")
_MACRO_LIKE = re.compile(r"(?<!\\)\{([A-Za-z_]\w*)\}")
KNOWN_MACROS = ("date", *MACROS)
"""The macros a pattern may name (``{date}``, ``{confirms_held}``...)."""


def expand(pattern: str) -> str:
    """Replace the macros in a pattern: ``{date}``, and the phrase tables of law.phrases.

    ``{confirms_held}`` (NCND wording that says the information exists), its excuses
    ``{confirms_held_excuses}``, ``{repealed_law}`` and ``{repealed_law_excuses}`` stand for
    the tables in :mod:`drafter.law.phrases`, so the checker judges that wording exactly as
    the case validator and the library linter do.
    """
    if "{" not in pattern:
        return pattern
    return expand_macros(pattern.replace("{date}", DATE))


def validate_pattern(value: str) -> str:
    """``value`` if it is a usable pattern (not blank, compiles, no nested unbounded repeat)."""
    if not value.strip():
        raise ValueError("a pattern must not be blank")
    for m in _MACRO_LIKE.finditer(value):
        if m.group(1) not in KNOWN_MACROS:
            # A regex would read '{confirms_hold}' as those letters and never match: a rule
            # that silently finds nothing is worse than one that does not load.
            raise ValueError(f"pattern '{value}' names an unknown macro '{{{m.group(1)}}}': "
                             f"use one of {', '.join('{' + k + '}' for k in KNOWN_MACROS)}, "
                             "or write \\{ for a literal brace")
    if _NESTED.search(value):
        raise ValueError(f"pattern '{value}' repeats without limit a group that itself "
                         "repeats, which can take exponential time; bound the outer "
                         "repetition, for example {0,8}")
    try:
        re.compile(expand(value), FLAGS)  # cached by re: the checker compiles it the same way
    except re.error as exc:
        raise ValueError(f"pattern '{value}' is not a valid regular expression: {exc}"
                         ) from None
    risk = _backtracking_risk(expand(value))
    if risk == "nested":
        raise ValueError(f"pattern '{value}' repeats without limit a group that itself "
                         "repeats, which can take exponential time; bound the outer "
                         "repetition, for example {0,8}")
    if risk == "alternation":
        raise ValueError(f"pattern '{value}' repeats without limit a choice between "
                         "alternatives ('|'), which can take exponential time when they "
                         "overlap; bound the repetition, for example {0,8}, or use a "
                         "character class")
    return value


_BOUND = 50
"""A repetition allowed more times than this counts as unbounded."""


def _backtracking_risk(pattern: str) -> str | None:
    """``nested`` or ``alternation`` if an unbounded repeat holds another or a ``|``.

    Worked out on the parsed pattern (``re``'s own parser), so lookarounds, non-capturing
    groups and ``{n,}`` are all seen. Alternatives of single characters are compiled into a
    character class by ``re`` and are not a risk.
    """
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT)

    def unbounded(high: int) -> bool:
        return bool(high == sre.MAXREPEAT or high > _BOUND)

    def children(op: Any, av: Any) -> list[Any]:
        if op in repeats:
            return [av[2]]
        if op == sre.SUBPATTERN:
            return [av[-1]]
        if op == sre.BRANCH:
            return list(av[1])
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return [av[1]]
        return []

    def inside(items: Any) -> str | None:
        for op, av in items:
            if op == sre.BRANCH:
                return "alternation"
            if op in repeats and unbounded(av[1]):
                return "nested"
            for child in children(op, av):
                found = inside(child)
                if found:
                    return found
        return None

    def walk(items: Any) -> str | None:
        for op, av in items:
            if op in repeats and unbounded(av[1]):
                found = inside(av[2])
                if found:
                    return found
            for child in children(op, av):
                found = walk(child)
                if found:
                    return found
        return None

    try:
        return walk(sre_parse.parse(pattern, FLAGS))
    except (re.error, RecursionError, OverflowError):
        return None


_LITERALS: dict[str, frozenset[str] | None] = {}


_FURTHER: dict[str, tuple[frozenset[str], ...]] = {}


def remember_literals(known: dict[str, frozenset[str] | None],
                      further: dict[str, tuple[frozenset[str], ...]] | None = None) -> None:
    """Take the required literals of patterns worked out earlier (kept with a cached rule set)."""
    _LITERALS.update(known)
    if further:
        _FURTHER.update(further)


_ONE_OF: dict[frozenset[str], re.Pattern[str]] = {}


def one_of(literals: frozenset[str]) -> re.Pattern[str]:
    """A regex that finds any of ``literals`` (one C-level scan instead of a find for each)."""
    found = _ONE_OF.get(literals)
    if found is None:
        found = _ONE_OF[literals] = re.compile(
            "|".join(re.escape(lit) for lit in sorted(literals, key=lambda x: (-len(x), x))))
    return found


def further_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Other sets of lower-case strings, one of each of which any match must also contain.

    :func:`required_literals` gives the best set; a match must hold one of it *and* one of
    each set here (each is an item of the pattern's top-level sequence, or inside one).
    ``part ... under ... the EIR`` needs "part" or "some"... and "eir" or "foia"...: a
    range of the text that holds none of a set cannot hold a match.
    """
    try:
        return _FURTHER[pattern]
    except KeyError:
        return _work_out(pattern)[1]


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which any match of ``pattern`` must contain, if known.

    The checker searches only the blocks that contain one of them, which is what keeps
    ~60 patterns over a long letter to a few milliseconds: most patterns cannot match most
    letters, and a word boundary at the start of a pattern defeats the regex engine's own
    prefix search. None means "no safe literal": search everywhere. Worked out once per
    pattern (and kept with a cached rule set, see :func:`drafter.check.ruleset.load_rules`).
    """
    try:
        return _LITERALS[pattern]
    except KeyError:
        return _work_out(pattern)[0]


def _work_out(pattern: str) -> tuple[frozenset[str] | None, tuple[frozenset[str], ...]]:
    """:func:`required_literals` and :func:`further_literals` of ``pattern``, from one parse."""
    best: frozenset[str] | None = None
    further: tuple[frozenset[str], ...] = ()
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(expand(pattern), re.IGNORECASE | re.MULTILINE)
    except Exception:
        pass  # not a pattern re can parse: no safe literal
    else:
        every: list[frozenset[str]] = []
        best = _required(list(parsed), c, every)
        further = tuple(dict.fromkeys(req for req in every if req != best))
    return _LITERALS.setdefault(pattern, best), _FURTHER.setdefault(pattern, further)


def _required(items: list[Any], c: Any,
              every: list[frozenset[str]] | None = None) -> frozenset[str] | None:
    """The best set of literals one of which a match of ``items`` holds (``every``: all)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def score(req: frozenset[str]) -> tuple[int, int]:
        return min(len(x) for x in req), -len(req)

    def consider(req: frozenset[str] | None) -> None:
        nonlocal best
        if req and every is not None:
            every.append(req)
        if req and (best is None or score(req) > score(best)):
            best = req

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        consider(_literal(run))
        # re's parser moves the letters common to every alternative out in front ("(?:EIR|
        # Environmental)" is E(?:IR|nvironmental)): they belong to each alternative's literal
        prefix = [(c.LITERAL, ord(ch)) for ch in run]
        run = []
        if op is c.SUBPATTERN:
            consider(_required(list(av[-1]), c))
        elif op is c.BRANCH:
            alternatives = [_required(prefix + list(b), c) for b in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in repeats and av[0] >= 1:
            consider(_required(list(av[2]), c))
        elif op is getattr(c, "ATOMIC_GROUP", None):
            consider(_required(list(av), c))
    consider(_literal(run))
    return best


def _literal(run: list[str]) -> frozenset[str] | None:
    text = "".join(run).lower()
    if len(text) >= 2 and any(ch.isalnum() for ch in text):
        return frozenset({text})
    if len(text) == 1 and text in "£§@€%":
        return frozenset({text})
    return None


def caseless_plans(groups: Iterable[tuple[str, ...]]) -> dict[tuple[str, int], Plan]:
    """How :func:`compile_caseless` of each group is searched, to keep with a cached rule set.

    The next process hands them to :func:`~drafter.infra.caseless.remember_plans` (see
    :attr:`~drafter.infra.caseless.Caseless.plan`).
    """
    out: dict[tuple[str, int], Plan] = {}
    for group in groups:
        compiled = compile_caseless(group)
        if compiled is not None:
            key, plan = compiled.plan
            out[key] = plan
    return out


@cache
def compile_caseless(patterns: tuple[str, ...]) -> Caseless | None:
    """:func:`compile_patterns` as a :class:`~drafter.infra.caseless.Caseless`.

    The same matches, found faster in a letter's folded text (``Doc.folded``).
    """
    if not patterns:
        return None
    if len(patterns) == 1:
        return Caseless(expand(patterns[0]), re.MULTILINE)
    return Caseless("|".join(f"(?:{expand(p)})" for p in patterns), re.MULTILINE)


@cache
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive, multi-line regex matching any of ``patterns`` (cached)."""
    if not patterns:
        return None
    if len(patterns) == 1:
        return re.compile(expand(patterns[0]), FLAGS)
    return re.compile("|".join(f"(?:{expand(p)})" for p in patterns), FLAGS)
