"""Split text into sentences, the unit in which a phrase is judged.

A full stop ends a sentence when the next word starts like a sentence (capital, digit,
quote, bullet) or at a line break, unless it ends an abbreviation common in refusal
letters ("s. 40", "reg. 12", "e.g.", "No. 3"). The checker splits a letter's paragraphs
this way; the case validator and the library linter split clause text the same way, so a
phrase gets the same verdict whichever of them reads it.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "BOUNDARY", "is_abbreviation", "sentence_spans"]

ABBREVIATIONS = frozenset({"s", "ss", "reg", "regs", "no", "nos", "para", "paras", "art",
                           "sec", "secs", "e.g", "i.e", "eg", "ie", "etc", "st", "mr", "mrs",
                           "ms", "dr", "cf", "sch", "pt", "vol", "p", "pp", "ref", "tel"})
"""Words whose full stop does not end a sentence."""

BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(•\-–*A-Z0-9])|\n+")
"""Where a sentence may end: punctuation, closing quotes, space, a sentence-like start."""

_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]$")


def is_abbreviation(sentence: str) -> bool:
    """True if ``sentence`` (up to and including its final stop) ends in an abbreviation."""
    m = _LAST_WORD.search(sentence.rstrip())
    return m is not None and m.group(1).lower().rstrip(".") in ABBREVIATIONS


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, shifted by ``offset``."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in BOUNDARY.finditer(text):
        if m.group().strip() and is_abbreviation(text[begin:m.start() + 1]):
            continue
        spans.append((offset + begin, offset + m.start() + 1))
        begin = m.end()
    spans.append((offset + begin, offset + len(text)))
    return spans
