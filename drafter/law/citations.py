"""Statutory citations: parse the forms real letters use, normalise, print.

Canonical form (the one the JSON contracts use): ``s40(2)``, ``s31(1)(a)``, ``s36(2)(b)(ii)``,
``s22A(1)``, ``reg12(5)(e)``. Library ids are the same with hyphens: ``s31-1-a``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CITE = re.compile(
    r"""^\s*
    (?P<kind>s|sec|sect|section|ss|sections|r|reg|regulation|regs|regulations)?\s*\.?\s*
    (?P<num>\d{1,2}[A-Za-z]?)
    \s*(?P<subs>(?:\(\s*[0-9A-Za-z]{1,4}\s*\)\s*)*)
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_SUB = re.compile(r"\(\s*([0-9A-Za-z]{1,4})\s*\)")
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed citation: ``section`` ("31", "22A"), its bracketed parts, and the regime."""

    section: str
    parts: tuple[str, ...] = ()
    regulation: bool = False

    @property
    def canonical(self) -> str:
        """``s31(1)(a)`` or ``reg12(5)(e)``."""
        prefix = "reg" if self.regulation else "s"
        return prefix + self.section + "".join(f"({p})" for p in self.parts)

    @property
    def slug(self) -> str:
        """``s31-1-a``: the id stem used by the clause library."""
        prefix = "reg" if self.regulation else "s"
        return "-".join([prefix + self.section.lower(), *(p.lower() for p in self.parts)])

    def prose(self, regime: str = "foia") -> str:
        """``section 31(1)(a)`` or ``regulation 12(5)(e)`` for use in a letter."""
        word = "regulation" if self.regulation else "section"
        return f"{word} {self.section}" + "".join(f"({p})" for p in self.parts)


def _norm_part(part: str) -> str:
    part = part.strip()
    if part.isdigit():
        return part
    if part[:-1].isdigit() and part[-1].isalpha():  # 3A, 5B
        return part[:-1] + part[-1].upper()
    return part.lower()


@lru_cache(maxsize=4096)
def parse_citation(text: str) -> Citation | None:
    """Parse ``s.31(1)(a)``, ``section 40(2)``, ``S24(1)``, ``regulation 12(5)(e)``.

    Returns None where ``text`` is not a citation. Remembered (a letter's few citations are
    parsed dozens of times on the way; a Citation is frozen).
    """
    m = _CITE.match(text)
    if not m:
        return None
    kind = (m.group("kind") or "s").lower()
    num = m.group("num")
    section = num[:-1] + num[-1].upper() if num[-1].isalpha() else num
    parts = tuple(_norm_part(p) for p in _SUB.findall(m.group("subs") or ""))
    return Citation(section=section, parts=parts, regulation=kind.startswith("r"))


def normalise(text: str) -> str | None:
    """Return the canonical form of a citation, or None."""
    c = parse_citation(text)
    return c.canonical if c else None


def prose(canonical: str) -> str:
    """``s31(1)(a)`` -> ``section 31(1)(a)``; anything else is returned unchanged."""
    c = parse_citation(canonical)
    return c.prose() if c else canonical


def is_roman(part: str) -> bool:
    """True for the small roman numerals used as sub-paragraph markers."""
    return bool(_ROMAN.match(part))
