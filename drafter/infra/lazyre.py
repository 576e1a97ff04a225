"""Regular expressions compiled when first used.

``re.compile`` runs in Python and costs 0.1 to 1 ms a pattern; a one-letter ``drafter render``
imports some forty modules' patterns, many of which only some cases need (an EIR rule, a cost
estimate, an error message). A :class:`LazyPattern` is a pattern like any other to its users
and is compiled the first time it searches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

__all__ = ["LazyPattern"]


class LazyPattern:
    """``re.compile(source, flags)``, done on first use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self.compiled.match(text, pos, endpos)

    def findall(self, text: str) -> list[str]:
        """As ``re.Pattern.findall``."""
        return self.compiled.findall(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self.compiled.finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """As ``re.Pattern.sub``."""
        return self.compiled.sub(repl, text)
