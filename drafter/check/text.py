"""The searchable text of a letter: segments, sentences and evidence.

The text of every block except quotations (the request, quoted in a fenced block, is the
requester's words, not the authority's) is indexed as *segments*: one per paragraph, heading
or list item, each with its location, joined into one string with offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from drafter.document import Block, Link, ListBlock, Notice, Quote
from drafter.infra.caseless import fold
from drafter.infra.sentences import sentence_spans

__all__ = ["EVIDENCE_MAX", "Doc", "Segment"]

EVIDENCE_MAX = 300
"""Evidence quoted from a letter is trimmed to this many characters."""

_SPACES = re.compile(r"\s+")
_PARAGRAPH_SOURCE = re.compile(r"^(.*paragraph )(\d+)$")


class Segment(NamedTuple):
    """A paragraph, heading or list item: its text, its location and offset in the index."""

    text: str
    location: str | None
    start: int
    marker: str = ""
    """A list item's bracketed label ("(ii)"), which the list took off its text."""


class Doc:
    """The searchable text of a letter: every segment joined, with offsets."""

    def __init__(self, notice: Notice) -> None:
        segments: list[Segment] = []
        parts: list[str] = []
        starts: list[int] = []
        offset = 0
        self.header_count = 0
        for part, blocks in enumerate((notice.header, notice.blocks, notice.footer)):
            for text, location, marker in _segments(blocks):
                segments.append(Segment(text, location, offset, marker))
                parts.append(text)
                starts.append(offset)
                offset += len(text) + 2
            if part == 0:
                self.header_count = len(segments)
        self.segments = segments
        self.text = "\n\n".join(parts)
        self.starts = starts
        self.folded = fold(self.text)
        """The text for case-insensitive searches (:mod:`drafter.infra.caseless`), or None."""
        lowered = self.folded if self.folded is not None else self.text.lower()  # fold lowers
        self.lowered: str | None = lowered if len(lowered) == len(self.text) else None
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self.memo: dict[str, Any] = {}
        """What other modules work out once per letter (the citations found, the declaration,
        the shared public interest test); a Doc belongs to one check (``Run``)."""

    def seg_of(self, offset: int) -> int:
        """Index of the segment holding ``offset``."""
        seg = bisect_right(self.starts, offset) - 1
        return seg if seg > 0 else 0

    def sentences(self, seg: int) -> list[tuple[int, int]]:
        """Absolute ``(start, end)`` spans of the sentences of segment ``seg``."""
        cached = self._sentences.get(seg)
        if cached is not None:
            return cached
        segment = self.segments[seg]
        at = segment.start
        spans = [(at + start, at + end) for start, end in _spans_of(segment.text)]
        self._sentences[seg] = spans
        return spans

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        seg = self.seg_of(offset)
        for span in self.sentences(seg):
            if span[0] <= offset <= span[1]:
                return span
        segment = self.segments[seg]
        return segment.start, segment.start + len(segment.text)

    def evidence(self, start: int, end: int) -> tuple[str, str | None]:
        """The sentence around a match, trimmed to 300 characters, and its location."""
        s_start, s_end = self.sentence_at(start)
        s_end = max(s_end, min(end, s_start + 2000))
        return (_quote(self.text[s_start:s_end], self.text[s_start:start]),
                self.segments[self.seg_of(start)].location)

    def location(self, offset: int) -> str | None:
        """Location of the segment holding ``offset``."""
        return self.segments[self.seg_of(offset)].location if self.segments else None


@lru_cache(maxsize=4096)  # templated letters share their sentences
def _quote(sentence: str, head: str) -> str:
    """``sentence``, its spaces collapsed, trimmed to 300 characters around the match.

    ``head`` is the letter's text from the start of the sentence to the match.
    """
    text = _SPACES.sub(" ", sentence).strip()
    if len(text) > EVIDENCE_MAX:
        rel = len(_SPACES.sub(" ", head).lstrip())
        lo = max(0, min(rel - 80, len(text) - EVIDENCE_MAX + 2))
        cut = text[lo:lo + EVIDENCE_MAX - 2].strip()
        text = ("…" if lo else "") + cut + ("…" if lo + EVIDENCE_MAX - 2 < len(text) else "")
        text = text[:EVIDENCE_MAX]
    return text


@lru_cache(maxsize=8192)  # templated letters share their paragraphs
def _spans_of(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` of one paragraph, from its start."""
    return tuple(sentence_spans(text))


def _segments(blocks: Iterable[Block]) -> Iterator[tuple[str, str | None, str]]:
    for block in blocks:
        if isinstance(block, Quote):
            continue
        if isinstance(block, ListBlock):
            m = _PARAGRAPH_SOURCE.match(block.source or "")
            for k, item in enumerate(block.items):
                if m:
                    where: str | None = f"{m.group(1)}{int(m.group(2)) + k}"
                else:
                    where = block.source if k == 0 or not block.source \
                        else f"{block.source}, item {k + 1}"
                text = _inline_text(item)
                if text.strip():
                    yield text, where, block.markers[k] if block.markers else ""
            continue
        content = getattr(block, "content", None)
        text = _inline_text(content) if content is not None else block.text
        if text.strip():
            yield text, block.source, ""


def _inline_text(content: Iterable[Any]) -> str:
    out: list[str] = []
    for item in content:
        out.append(item.text)
        if isinstance(item, Link) and item.url and item.url not in item.text:
            out.append(f" <{item.url}>")
    return "".join(out)
