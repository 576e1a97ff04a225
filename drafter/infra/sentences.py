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

BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(•\-–*A-Z0-9])|(?<=\n)\n*)")
"""Where a sentence may end: punctuation, closing quotes, space, a sentence-like start; or
a run of line breaks. (Both start with one character of ``[.!?\\n]``, which lets the
regular expression engine skip straight to those characters.)"""

_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]$")
_WORD_END = re.compile(r"[A-Za-z.]+\Z")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_REACH = 8
"""How far back from a stop the word before it is looked for."""
_LONGEST = max(map(len, ABBREVIATIONS))


def is_abbreviation(sentence: str) -> bool:
    """True if ``sentence`` (up to and including its final stop) ends in an abbreviation."""
    m = _LAST_WORD.search(sentence.rstrip())
    return m is not None and m.group(1).lower().rstrip(".") in ABBREVIATIONS


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, shifted by ``offset``."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in BOUNDARY.finditer(text):
        stop = m.start()
        if text[stop] != "\n" and _ends_in_abbreviation(text, begin, stop):
            continue
        spans.append((offset + begin, offset + stop + 1))
        begin = m.end()
    spans.append((offset + begin, offset + len(text)))
    return spans


def _ends_in_abbreviation(text: str, begin: int, stop: int) -> bool:
    """``is_abbreviation(text[begin:stop + 1])``, reading only the word before the stop.

    ``text[stop]`` is the stop; the word is the run of letters and dots just before it,
    looked for in the last :data:`_REACH` characters (the whole sentence when it runs on).
    """
    lo = max(begin, stop - _REACH)
    word = _WORD_END.search(text, lo, stop)
    if word is None:
        return False
    if word.start() == lo and lo > begin and text[lo - 1] in _WORD_CHARS:  # it runs on
        if len(text[lo:stop].rstrip(".")) > _LONGEST:  # longer than any abbreviation
            return False
        return is_abbreviation(text[begin:stop + 1])
    return word.group().lower().rstrip(".") in ABBREVIATIONS
