r"""Case-insensitive regular expressions, run as case-sensitive ones on lower-cased text.

Python's regex engine matches a case-insensitive pattern by folding every character it
compares, and it cannot skip quickly past the branches of a long alternation, so the big
phrase tables (environmental terms, NCND wording, the checker's rules) cost a few
milliseconds a letter. The same pattern written in lower case and matched case-sensitively
against the lower-cased text runs three to four times faster, and it finds exactly the same
spans when both of these hold:

* the text folds simply (:func:`fold`): it has no cased character outside ASCII. Then
  ``str.lower()`` maps it character for character (so offsets are unchanged), and ``re``'s
  own case folding has nothing lower() lacks (its extra equivalences, such as ``ſ`` ~ ``s``,
  Kelvin ``K`` ~ ``k`` or dotless ``ı`` ~ ``i``, are all between cased characters).
  Typographic quotes, dashes, ``£`` and ``€`` are uncased, so real letters qualify.
* the pattern folds simply (:func:`_folded_pattern`): lower-casing its source changes only
  ASCII letters that stand for themselves (not escapes such as ``\S`` or ``\B``), character
  ranges stay ranges of the same letters, and there are no inline flags. This is checked
  by parsing both sources and comparing them.

Otherwise the pattern runs as it is, case-insensitively, on the text itself. Either way the
answer is the same; only the time differs.

Most patterns start with ``\b`` or a lookbehind (``\bpublic\s+interest``,
``(?<!not\s)\bsubject\s+to``), and then ``re`` cannot skip ahead to where a match may begin:
it tries the whole pattern at every character, twenty times slower than a pattern that starts
with its literal. So the literal words one of which every match starts with (after any
``\b``, ``^`` or lookaround, which consume nothing) are worked out once from the parse of the
pattern (:func:`_starts`), and a search looks for them with ``str.find`` and tries the pattern
only where one occurs (``regex.match`` there: the same match ``search`` would find at that
place, since both see the whole string around it). When those words are so common in the
range that trying each place would cost more, the range is searched as usual.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["Caseless", "Plan", "fold", "remember_plans"]

_ENDPOS = sys.maxsize
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_RANGE = re.compile(r"\[[^\]]*-")  # a character class that may hold a range


def fold(text: str) -> str | None:
    """``text`` lower-cased, if that keeps every offset and agrees with ``re``'s case folding.

    None when the text has a cased character outside ASCII (then match it as it is).
    """
    if not text.isascii():
        for ch in set(text):
            if ch > "\x7f" and (ch.lower() != ch or ch.upper() != ch):
                return None
    return text.lower()


Plan = tuple[str | None, tuple[str, ...] | None]
"""How a pattern is searched: the lower-cased pattern run on folded text (None: the pattern as
it is, case-insensitively) and the words every match starts with (None: unknown)."""

_PLANS: dict[tuple[str, int], Plan] = {}


def remember_plans(plans: Mapping[tuple[str, int], Plan]) -> None:
    """Take the plans of patterns worked out by an earlier process (:attr:`Caseless.plan`).

    Working a plan out parses the pattern three times, which costs twice what compiling it
    does; a caller that keeps them (the checker keeps those of its rules with the cached rule
    set) then only compiles.
    """
    _PLANS.update(plans)


class Caseless:
    """A regex matched without regard to case, quickly when the text allows (see module).

    ``folded`` arguments take ``fold(text)``, worked out once by a caller that searches the
    same text many times; without it the text is folded on each call. Compiling costs about
    what ``re.compile`` of the pattern costs: a pattern written in lower case (most are) is
    compiled once, and the case-insensitive original only if it is needed.
    """

    __slots__ = ("_flags", "_pattern", "_regex", "_starts", "fast")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags | re.IGNORECASE
        self._regex: re.Pattern[str] | None = None
        plain = flags & ~re.IGNORECASE
        known = _PLANS.get((pattern, plain))
        self.fast: re.Pattern[str] | None
        self._starts: tuple[str, ...] | None
        if known is not None:  # worked out by an earlier process: compile only
            self.fast = None if known[0] is None else re.compile(known[0], plain)
            self._starts = known[1]
        else:
            self.fast = _folded_pattern(pattern, plain)
            self._starts = None if self.fast is None else _anchors(self.fast)

    @property
    def plan(self) -> tuple[tuple[str, int], Plan]:
        """``(pattern, flags)`` and how it is searched, to keep for :func:`remember_plans`."""
        return ((self._pattern, self._flags & ~re.IGNORECASE),
                (None if self.fast is None else self.fast.pattern, self._starts))

    @property
    def regex(self) -> re.Pattern[str]:
        """The pattern compiled case-insensitively, as given."""
        if self._regex is None:
            self._regex = re.compile(self._pattern, self._flags)
        return self._regex

    def _subject(self, text: str, folded: str | None) -> tuple[re.Pattern[str], str]:
        if self.fast is not None:
            low = folded if folded is not None else fold(text)
            if low is not None:
                return self.fast, low
        return self.regex, text

    def _first(self, regex: re.Pattern[str], subject: str, pos: int,
               endpos: int) -> re.Match[str] | None:
        starts = self._starts if regex is self.fast else None
        if starts is None:
            return regex.search(subject, pos, endpos)
        end = min(endpos, len(subject))
        places = _places(starts, subject, pos, end)
        if places is None:
            return regex.search(subject, pos, endpos)
        match = regex.match
        for at in places:
            m = match(subject, at, end)
            if m is not None:
                return m
        return None

    def search(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
               folded: str | None = None) -> re.Match[str] | None:
        """Like ``re.Pattern.search``: the first match in ``text[pos:endpos]``, on ``text``."""
        regex, subject = self._subject(text, folded)
        m = self._first(regex, subject, pos, endpos)
        if m is None or subject is text:
            return m
        # the same match, taken on the text itself so that groups show its own case
        return self.regex.match(text, m.start(), endpos)

    def find(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
             folded: str | None = None) -> tuple[int, int] | None:
        """The ``(start, end)`` of :meth:`search`'s match, or None."""
        regex, subject = self._subject(text, folded)
        m = self._first(regex, subject, pos, endpos)
        return None if m is None else m.span()

    def spans(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
              folded: str | None = None) -> Iterator[tuple[int, int]] | list[tuple[int, int]]:
        """The ``(start, end)`` of every match, as ``re.Pattern.finditer`` finds them."""
        regex, subject = self._subject(text, folded)
        starts = self._starts if regex is self.fast else None
        if starts is not None:
            end = min(endpos, len(subject))
            places = _places(starts, subject, pos, end)
            if places is not None:
                return _anchored(regex, places, subject, end)
        return (m.span() for m in regex.finditer(subject, pos, endpos))


_COST = 16
"""Trying the pattern at one place costs about as much as scanning this many characters."""


def _places(starts: tuple[str, ...], subject: str, pos: int, end: int) -> list[int] | None:
    """Where in ``subject[pos:end]`` one of ``starts`` occurs, in order; None if too many."""
    pos = max(pos, 0)
    budget = (end - pos) // _COST
    count = 0
    for word in starts:
        count += subject.count(word, pos, end)
        if count > budget:
            return None
    if not count:
        return []
    places: list[int] = []
    for word in starts:
        find = subject.find
        at = find(word, pos, end)
        while at != -1:
            places.append(at)
            at = find(word, at + 1, end)
    if len(starts) > 1:
        places = sorted(set(places))
    return places


def _anchored(regex: re.Pattern[str], places: list[int], subject: str,
              end: int) -> list[tuple[int, int]]:
    """``finditer``'s spans, trying ``regex`` only at ``places`` (every match starts at one).

    ``finditer`` tries each position in turn and, after a match, goes on from its end; every
    match here consumes its first word, so it is never empty.
    """
    out: list[tuple[int, int]] = []
    match = regex.match
    resume = -1
    for at in places:
        if at < resume:
            continue
        m = match(subject, at, end)
        if m is not None:
            span = m.span()
            out.append(span)
            resume = span[1]
    return out


def _folded_pattern(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``pattern`` lower-cased and compiled case-sensitively, if that means the same."""
    if _INLINE_FLAGS.search(pattern) or "\\N" in pattern:
        return None
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":  # an escape keeps its letter: \S is not \s
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P", i):  # keep the P of (?P<name>...) and (?P=name)
            out.append("(?P")
            i += 3
        else:
            ch = pattern[i]
            out.append(ch.lower() if ch.isascii() else ch)
            i += 1
    lowered = "".join(out)
    if lowered == pattern and not _RANGE.search(pattern):  # nothing to lower: compile as is
        try:
            return re.compile(lowered, flags)
        except re.error:
            return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        same = _shape(_parser.parse(pattern, flags), True) == _shape(
            _parser.parse(lowered, flags), False)
        return re.compile(lowered, flags) if same else None
    except Exception:  # any doubt: match the pattern as it is
        return None


_MAX_STARTS = 8
"""More alternative first words than this are not worth looking for one by one."""


def _anchors(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words one of which every match of ``regex`` starts with, when worth using.

    None when ``re`` already skips ahead by itself (the pattern starts with its literal), when
    a match could start with something else, or when there are too many alternatives.
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(regex.pattern, regex.flags))
        if not items or items[0][0] is c.LITERAL:
            return None
        found = _starts(items, c)
    except Exception:  # any doubt: search as usual
        return None
    if not found or "" in found or len(found) > _MAX_STARTS:
        return None
    return tuple(sorted(found))


def _starts(items: list[Any], c: Any) -> frozenset[str] | None:
    r"""Literal words one of which every match of the sequence ``items`` starts with.

    Leading zero-width items (``\b``, ``^``, lookarounds) are passed over: they consume
    nothing, and ``regex.match`` at the word's place still checks them. None if unknown.
    """
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))
    for i, (op, av) in enumerate(items):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            word = []
            for op2, av2 in items[i:]:
                if op2 is not c.LITERAL:
                    break
                word.append(chr(av2))
            return frozenset({"".join(word)})
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _starts(list(sub), c)
        if op is c.BRANCH:
            found: set[str] = set()
            for alternative in av[1]:
                words = _starts(list(alternative), c)
                if not words:
                    return None
                found |= words
            return frozenset(found)
        if op in repeats and av[0] >= 1:
            return _starts(list(av[2]), c)
        if op is getattr(c, "ATOMIC_GROUP", None):
            return _starts(list(av), c)
        return None
    return None


def _low(code: int) -> int:
    return code + 32 if 65 <= code <= 90 else code


def _shape(node: Any, lower: bool) -> Any:
    """The parse tree as plain data; with ``lower``, ASCII capitals as small letters.

    A range keeps its shape if it lies wholly within the capitals (``A-Z`` is ``a-z`` once
    folded) or holds every letter; any other range with a capital in it (``[0-_]`` holds
    ``A-Z`` but not ``a-z``) does not compare equal, and the pattern is then run as it is.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    if isinstance(node, tuple) and len(node) == 2 and node[0] in (c.LITERAL, c.NOT_LITERAL):
        return (str(node[0]), _low(node[1]) if lower else node[1])
    if isinstance(node, tuple) and len(node) == 2 and node[0] is c.RANGE:
        lo, hi = node[1]
        if lower and 65 <= lo <= hi <= 90:
            lo, hi = lo + 32, hi + 32
        elif lo <= 90 and hi >= 65 and not (lo <= 65 and hi >= 122):
            return object()  # some capitals without their small letters: never equal
        return ("RANGE", lo, hi)
    if hasattr(node, "data"):  # a SubPattern
        return ("SUB", tuple(_shape(x, lower) for x in node.data))
    if isinstance(node, (list, tuple)):
        return tuple(_shape(x, lower) for x in node)
    if isinstance(node, str):
        return node
    return repr(node) if not isinstance(node, (int, type(None))) else node
