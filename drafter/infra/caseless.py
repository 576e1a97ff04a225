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
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["Caseless", "fold"]

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


class Caseless:
    """A regex matched without regard to case, quickly when the text allows (see module).

    ``folded`` arguments take ``fold(text)``, worked out once by a caller that searches the
    same text many times; without it the text is folded on each call. Compiling costs about
    what ``re.compile`` of the pattern costs: a pattern written in lower case (most are) is
    compiled once, and the case-insensitive original only if it is needed.
    """

    __slots__ = ("_flags", "_pattern", "_regex", "fast")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags | re.IGNORECASE
        self._regex: re.Pattern[str] | None = None
        self.fast: re.Pattern[str] | None = _folded_pattern(pattern, flags & ~re.IGNORECASE)

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

    def search(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
               folded: str | None = None) -> re.Match[str] | None:
        """Like ``re.Pattern.search``: the first match in ``text[pos:endpos]``, on ``text``."""
        regex, subject = self._subject(text, folded)
        m = regex.search(subject, pos, endpos)
        if m is None or subject is text:
            return m
        # the same match, taken on the text itself so that groups show its own case
        return self.regex.match(text, m.start(), endpos)

    def find(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
             folded: str | None = None) -> tuple[int, int] | None:
        """The ``(start, end)`` of :meth:`search`'s match, or None."""
        regex, subject = self._subject(text, folded)
        m = regex.search(subject, pos, endpos)
        return None if m is None else m.span()

    def spans(self, text: str, pos: int = 0, endpos: int = _ENDPOS, *,
              folded: str | None = None) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` of every match, as ``re.Pattern.finditer`` finds them."""
        regex, subject = self._subject(text, folded)
        return (m.span() for m in regex.finditer(subject, pos, endpos))


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
