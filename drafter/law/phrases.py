r"""Wording the law forbids in a refusal notice, as one table each, judged sentence by sentence.

Two tables, each with the wording that excuses a sentence:

* :data:`CONFIRMS_HELD`: wording that tells the requester the information exists. In an
  answer that neither confirms nor denies (FOIA s1(1)(a) with the exemption's NCND
  subsection; EIR reg 12(6); FOISA s18) it gives away exactly what the authority decided
  not to say. The ICO's guidance on refusing to confirm or deny asks that the reply read the
  same whether or not anything is held. A sentence that speaks hypothetically ("if any
  information were held", "whether or not it is held", "we can neither confirm nor deny")
  is excused by :data:`CONFIRMS_HELD_EXCUSES`.
* :data:`REPEALED_LAW`: Data Protection Act 1998 wording used for FOIA s40 / EIR reg 13
  after 25 May 2018, when the DPA 2018 and the UK GDPR replaced it (DPA 2018 Sch 19 paras
  56-58): "sensitive personal data", "Schedule 2 condition 6", the first data protection
  principle "in Schedule 1", s40(3)(a)(i), and the Sch 2 para 6(1) formula "unwarranted"
  (the UK GDPR asks whether the legitimate interest is "overridden by the interests or
  fundamental rights and freedoms of the data subject", Art 6(1)(f)). A sentence that says
  the old law was repealed is excused by :data:`REPEALED_LAW_EXCUSES`.

The three places that read wording use these tables and no copy of their own: the case
validator (a case's own NCND reasons), the library linter (clause texts) and the checker,
whose rules name a table as a macro (``patterns: ['{confirms_held}']``, expanded by
:func:`expand_macros`). Patterns are Python regular expressions matched without regard to
case; spaces are written ``\s+`` so that wording broken across lines still matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drafter.infra.caseless import Caseless, fold
from drafter.infra.sentences import sentence_spans

__all__ = [
    "CONFIRMS_HELD",
    "CONFIRMS_HELD_EXCUSES",
    "MACROS",
    "REPEALED_LAW",
    "REPEALED_LAW_EXCUSES",
    "PhraseTable",
    "confirms_held",
    "expand_macros",
    "repealed_law",
]

FLAGS = re.IGNORECASE | re.MULTILINE

CONFIRMS_HELD: tuple[str, ...] = (
    # "We confirm that the information is held", "I can confirm relevant records were held"
    r"\b(?:we|i)\s+(?:can|will|would|do|must|should)?\s*(?:also\s+)?confirm\s+(?:that\s+)?"
    r"(?:the\s+|this\s+|some\s+|relevant\s+|such\s+)?(?:requested\s+)?"
    r"(?:information|data|records?|documents?)\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+held\b",
    # "We can confirm that we hold the information", "I confirm the force has records"
    r"\b(?:we|i)\s+(?:can|will|would|do)?\s*(?:also\s+)?confirm\s+(?:that\s+)?"
    r"(?:we|the\s+\w+|our\s+\w+)\s+(?:do\s+)?(?:holds?|ha(?:s|ve)|keeps?|retains?)\s+"
    r"(?:the\s+|this\s+|some\s+|relevant\s+)?(?:requested\s+)?"
    r"(?:information|data|records?|documents?)\b",
    # "We hold the information", "The force does hold records", "the Council holds a copy"
    # (not "we hold no information", "we hold the view that", "we do not hold")
    r"\b(?:we|the\s+(?:council|force|trust|department|authority|board|service|university|"
    r"college|school|ministry|office|commission|agency|organisation|constabulary|police|"
    r"government|executive))\s+(?:does\s+|do\s+)?(?:still\s+|currently\s+|already\s+)?"
    r"holds?\b(?!\s+(?:no|none|nothing|the\s+view|the\s+opinion|views?|that|ourselves|"
    r"itself|responsib\w*)\b)",
    # "The information is held", "records are still held" (not "no records are held")
    r"\b(?<!no\s)(?:the\s+|this\s+|that\s+|such\s+|some\s+|relevant\s+|requested\s+)?"
    r"(?:information|data|records?|documents?|material|files?|reports?)\s+"
    r"(?:of\s+(?:this|that|the\s+same)\s+(?:kind|type|sort)\s+)?"
    r"(?:is|are|was)\s+(?:still\s+|currently\s+|also\s+)?held\b",
    # "We have the information you asked for", "we keep records of this kind"
    r"\bwe\s+(?:do\s+)?(?:have|possess|keep|retain)\s+(?:(?:the|this|that|some|relevant|such)"
    r"\s+(?:requested\s+)?(?:information|records?|documents?|data|reports?|files?)|records|"
    r"files|documents)\b",
    # "the withheld information", "withheld documents", "the withheld specification"
    r"\bwithheld\s+(?:information|material|documents?|records?|data|passages?|"
    r"specifications?|contracts?|reports?|schedules?|emails?|minutes|files?)\b",
    # "Our records show a contract" (legal review #13, finding 25)
    r"\bour\s+records\s+(?:show|indicate|confirm|record)\b",
    # "The documents we located", "the emails that we found"
    r"\bthe\s+(?:documents?|records?|files?|emails?|reports?|contracts?|specifications?|"
    r"minutes)\s+(?:that\s+)?we\s+(?:located|found|identified|retrieved)\b",
    # "Releasing the contract would reveal" (names a document as if it exists)
    r"\b(?:releasing|disclosing|publishing|release\s+of|disclosure\s+of)\s+(?:the|this|these|"
    r"that|our)\s+(?:contracts?|reports?|documents?|specifications?|records?|emails?|minutes|"
    r"files?)\b",
    # "the information that we hold", "the records the force has withheld"
    r"\b(?:the|this|that)\s+(?:information|material|documents?|records?)\s+(?:that\s+)?"
    r"(?:we|the\s+\w+)\s+(?:hold|holds|have\s+withheld|are\s+withholding|has\s+withheld)\b",
    # "The report you asked for is exempt", "the contract requested was dated 2019"
    r"\bthe\s+(?:report|document|contract|file|records?|emails?|correspondence|minutes|"
    r"policy|information|data)\s+(?:that\s+)?(?:you\s+(?:have\s+)?(?:asked|requested|sought)"
    r"(?:\s+(?:for|about))?|requested)\s+(?:is|are|was|remains?)\s+(?:exempt|withheld|held|"
    r"being\s+withheld|contained|dated|attached|enclosed|published|available)\b",
    r"\bredaction\s+schedule\b",
    # "We have located the file", "having found two reports"
    r"\b(?:has|have|we|i)\s+(?:now\s+)?(?:located|found|identified|retrieved|traced)\s+"
    r"(?:the|a|an|some|several|two|three|four|five|\d+)\s+(?!way)\w+",
    r"\bhaving\s+(?:reviewed|considered|examined|read)\s+(?:these|those|the)\s+"
    r"(?:documents|records|files|reports?|papers|emails?)\b",
    r"\b(?:located|found|identified|retrieved|traced|pulled\s+out|obtained|read)\s+"
    r"(?:the|a|an|some|several|two|three|four|five|\d+)\s+(?:relevant\s+)?"
    r"(?:case\s+|personnel\s+|investigation\s+|disciplinary\s+|complaint\s+)?"
    r"(?:file|files|records?|documents?|reports?|emails?|e-mails?|correspondence|minutes|"
    r"papers|terms\s+of\s+reference|notes)\b",
)
"""Wording that says or implies the requested information exists."""

CONFIRMS_HELD_EXCUSES: tuple[str, ...] = (
    r"\bneither\s+(?:to\s+)?confirm",
    r"\bconfirm(?:s|ed|ing)?\s+or\s+den(?:y|ies|ied|ying)\b",
    r"\bdoes\s+or\s+does\s+not\b",
    r"\bwhether\s+or\s+not\b",
    r"\bwhether\s+(?:we|it|any|the|such|this|that|information|records?|data)\b",
    r"\bif\s+(?:it\s+(?:is|were|was)\s+)?held\b",
    r"\b(?:to|would)\s+(?:itself\s+)?confirm\b",
    r"\bno\s+inference\b",
    r"\bif\s+(?:we|any|it|such|the)\b",
    r"\b(?:when|where)\s+(?:or\s+not\s+)?[^.;]{0,40}?\b(?:is|are|was|were)\s+held\b",
)
"""Wording that makes a sentence hypothetical, so that it confirms nothing."""

REPEALED_LAW: tuple[str, ...] = (
    r"\bData\s+Protection\s+Act\s+1998\b",
    r"\bDPA\s*(?:19)?98\b",
    r"\b(?:section|s\.?)\s?40\s?\(3\)\s?\(a\)\s?\(i\)",
    r"\bfirst\s+data\s+protection\s+principle\b[^.\n]{0,40}\bSchedule\s+1\b",
    r"\bdata\s+protection\s+principles?\b[^.\n]{0,40}\bSchedule\s+1\b",
    r"\bSchedule\s+[23]\s+(?:\(\s*)?conditions?\b",
    r"\bconditions?\s+(?:\d+\s+)?(?:in|of)\s+Schedule\s+[23]\b",
    r"\bsensitive\s+personal\s+data\b",
    r"\bsection\s+33A\b",
    r"\bunwarranted\s+(?:intrusion|interference|by\s+reason\s+of\s+prejudice)\b",
)
"""Data Protection Act 1998 wording that has no place in a notice after 25 May 2018."""

REPEALED_LAW_EXCUSES: tuple[str, ...] = (
    r"\b(?:replaced|repealed|superseded|no\s+longer\s+(?:in\s+force|applies))\b",
)
"""Wording that mentions the old law only to say it no longer applies."""

MACROS: dict[str, tuple[str, ...]] = {
    "confirms_held": CONFIRMS_HELD,
    "confirms_held_excuses": CONFIRMS_HELD_EXCUSES,
    "repealed_law": REPEALED_LAW,
    "repealed_law_excuses": REPEALED_LAW_EXCUSES,
}
"""The tables a checker rule may name in a pattern, e.g. ``'{confirms_held}'``."""

_MACRO = re.compile(r"\{(" + "|".join(MACROS) + r")\}")


def expand_macros(pattern: str) -> str:
    """Replace each ``{table}`` in a pattern by an alternation of the table's patterns."""
    return _MACRO.sub(lambda m: "(?:" + "|".join(f"(?:{p})" for p in MACROS[m.group(1)])
                      + ")", pattern)


@dataclass(frozen=True)
class PhraseTable:
    """Patterns that find a wording, and patterns that excuse the sentence it is in."""

    patterns: tuple[str, ...]
    excuses: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        """Every pattern as one regex."""
        return _compile(self.patterns).regex

    def excused(self, sentence: str, *, folded: str | None = None) -> bool:
        """True if the sentence matches an excuse (``folded``: ``fold(sentence)``, if known)."""
        return bool(self.excuses) and _compile(self.excuses).find(
            sentence, folded=folded) is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in a sentence no excuse covers, or None.

        The match is on ``text`` itself, so ``m.group(0)`` and ``m.start()`` are usable.
        """
        table = _compile(self.patterns)
        folded = fold(text)  # once for every sentence and excuse
        for start, end in sentence_spans(text):
            m = table.search(text, start, end, folded=folded)
            if m is not None and not self.excused(
                    text[start:end], folded=None if folded is None else folded[start:end]):
                return m
        return None

    def findall(self, text: str) -> list[str]:
        """Every match, as written in ``text``, in the sentences no excuse covers."""
        table = _compile(self.patterns)
        folded = fold(text)
        found: list[str] = []
        for start, end in sentence_spans(text):
            spans = list(table.spans(text, start, end, folded=folded))
            if spans and not self.excused(
                    text[start:end], folded=None if folded is None else folded[start:end]):
                found += [text[a:b] for a, b in spans]
        return found


@cache
def _compile(patterns: tuple[str, ...]) -> Caseless:
    return Caseless("|".join(f"(?:{p})" for p in patterns), FLAGS)


CONFIRMS_HELD_TABLE = PhraseTable(CONFIRMS_HELD, CONFIRMS_HELD_EXCUSES)
REPEALED_LAW_TABLE = PhraseTable(REPEALED_LAW, REPEALED_LAW_EXCUSES)


def confirms_held(text: str) -> re.Match[str] | None:
    """Wording in ``text`` that says the information exists, outside hypothetical sentences."""
    return CONFIRMS_HELD_TABLE.search(text)


def repealed_law(text: str) -> re.Match[str] | None:
    """Data Protection Act 1998 wording in ``text``, unless the sentence says it was repealed."""
    return REPEALED_LAW_TABLE.search(text)
