"""Small pieces of letter wording that depend on the facts: names, plurals, punctuation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from drafter.draft.model import SubjectAccess
from drafter.law.citations import normalise, prose
from drafter.library.load import Library
from drafter.library.model import Provision


def join_and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def paragraphs(text: str | None) -> list[str]:
    """Paragraphs separated by blank lines; single line breaks are the officer's wrapping."""
    if not text:
        return []
    paras = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(line.strip() for line in p.split("\n") if line.strip())
            for p in paras if p.strip()]


def needs_full_stop(text: str | None) -> bool:
    """True when officer's text printed as a sentence lacks closing punctuation."""
    return bool(text) and not (text or "").rstrip().endswith((".", "!", "?", ")"))


_NEEDS_THE = re.compile(r"^(?:Department|Office|Ministry|Home Office|Cabinet Office|Crown|"
                        r"Treasury|Commission|Agency|Board)\b|^\S+(?: \S+)? (?:of|for) ")


def name_in_text(name: str, override: str | None = None) -> str:
    """The authority's name as it reads mid-sentence: "the Department for ...".

    Names such as "Department for Transport" or "University of Kingsford" take "the";
    "Northbridge City Council" does not. ``name_in_text`` in the profile overrides the guess.
    """
    if override:
        return override
    if name.lower().startswith("the ") or not _NEEDS_THE.search(name):
        return name
    return "the " + name


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord",
           "lady", "rev", "revd", "reverend", "cllr", "councillor"}


def salutation_name(name: str, salutation: str | None = None) -> str:
    """``Dr Chukwu`` for "Dr Ifeoma Chukwu"; the full name when it has no title.

    A letter is addressed to the title and surname; without a title the full name is the
    polite form (we do not guess a title). ``salutation`` in the case file overrides both.
    """
    if salutation:
        return salutation
    words = name.split()
    if len(words) >= 3 and words[0].rstrip(".").lower() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return name


def count_references(text: str | None) -> int:
    """How many earlier requests a ``previous_request`` text names (for "request(s)")."""
    if not text:
        return 1
    return 2 if re.search(r"\band\b|,|;|\breferences\b|\brequests\b", text) else 1


def limb_prose(lib: Library, p: Provision, cite: str) -> str:
    """``section 31(1)(a) (prevention or detection of crime)`` for an NCND ``interest``."""
    canon = normalise(cite) or cite
    for pid in p.exempts:
        limb = lib.provisions.get(pid)
        if limb is not None and limb.cite == canon:
            what = limb.title.split(": ", 1)[-1]
            return f"{prose(limb.cite)} ({what[:1].lower()}{what[1:]})"
    return prose(canon)


def subject_access(sa: SubjectAccess | None) -> dict[str, Any] | None:
    """What the letter says about the requester's own personal data (s40(1), UK GDPR Art 15)."""
    if sa is None or sa.not_own_data:
        return None
    numbers = [str(n) for n in sa.parts]
    return {"parts": numbers, "label": (f"{'part' if len(numbers) == 1 else 'parts'} "
                                        f"{join_and(numbers)} of " if numbers else ""),
            "reply_by": sa.reply_by, "note": paragraphs(sa.note)}


def mark_alternatives(exemptions: list[dict[str, Any]], alternative: list[bool]) -> None:
    """Tell each exemption cited in the alternative which others it is an alternative to."""
    cites = [ex["cite"] for ex, alt in zip(exemptions, alternative, strict=True) if alt]
    for ex, alt in zip(exemptions, alternative, strict=True):
        others = [c for c in cites if c != ex["cite"]]
        ex["alternative_to"] = join_and(others) if alt and others else None


def commercial(party: str | None, consulted: dt.date | str | None) -> dict[str, Any]:
    """Whose commercial interests s43(2) protects, and whether they were consulted."""
    if not party:
        return {"commercial_party": None, "consulted_on": None, "consulted": None,
                "consulted_party": None}
    ours = party.strip().casefold() in {"ours", "our own", "us", "we"}
    return {"commercial_party": "our own" if ours else f"those of {party}",
            "consulted_party": party,
            "consulted_on": consulted if isinstance(consulted, dt.date) else None,
            "consulted": consulted if isinstance(consulted, str) else None}
