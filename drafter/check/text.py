"""The searchable text of a letter: segments, sentences and evidence.

The text of every block except quotations (the request, quoted in a fenced block, is the
requester's words, not the authority's) is indexed as *segments*: one per paragraph, heading
or list item, each with its location, joined into one string with offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from drafter.document import Block, Link, ListBlock, Notice, Quote
from drafter.infra.caseless import fold
from drafter.infra.sentences import sentence_spans

__all__ = ["EVIDENCE_MAX", "Doc", "Segment"]

EVIDENCE_MAX = 300
"""Evidence quoted from a letter is trimmed to this many characters."""

_SPACES = re.compile(r"\s+")
_PARAGRAPH_SOURCE = re.compile(r"^(.*paragraph )(\d+)$")


@dataclass(frozen=True, slots=True)
class Segment:
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
        offset = 0
        header = list(_segments(notice.header))
        body = list(_segments(notice.blocks))
        for text, location, marker in (*header, *body, *_segments(notice.footer)):
            segments.append(Segment(text, location, offset, marker))
            parts.append(text)
            offset += len(text) + 2
        self.segments = segments
        self.text = "\n\n".join(parts)
        self.starts = [s.start for s in segments]
        lowered = self.text.lower()
        self.lowered: str | None = lowered if len(lowered) == len(self.text) else None
        self.folded = fold(self.text)
        """The text for case-insensitive searches (:mod:`drafter.infra.caseless`), or None."""
        self.header_count = len(header)
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self.memo: dict[str, Any] = {}
        """What other modules work out once per letter (the citations found, for one)."""

    def seg_of(self, offset: int) -> int:
        """Index of the segment holding ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def sentences(self, seg: int) -> list[tuple[int, int]]:
        """Absolute ``(start, end)`` spans of the sentences of segment ``seg``."""
        cached = self._sentences.get(seg)
        if cached is not None:
            return cached
        segment = self.segments[seg]
        spans = sentence_spans(segment.text, segment.start)
        self._sentences[seg] = spans
        return spans

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        for start, end in self.sentences(self.seg_of(offset)):
            if start <= offset <= end:
                return start, end
        seg = self.segments[self.seg_of(offset)]
        return seg.start, seg.start + len(seg.text)

    def evidence(self, start: int, end: int) -> tuple[str, str | None]:
        """The sentence around a match, trimmed to 300 characters, and its location."""
        s_start, s_end = self.sentence_at(start)
        s_end = max(s_end, min(end, s_start + 2000))
        text = _SPACES.sub(" ", self.text[s_start:s_end]).strip()
        if len(text) > EVIDENCE_MAX:
            rel = len(_SPACES.sub(" ", self.text[s_start:start]).lstrip())
            lo = max(0, min(rel - 80, len(text) - EVIDENCE_MAX + 2))
            cut = text[lo:lo + EVIDENCE_MAX - 2].strip()
            text = ("…" if lo else "") + cut + ("…" if lo + EVIDENCE_MAX - 2 < len(text) else "")
            text = text[:EVIDENCE_MAX]
        return text, self.segments[self.seg_of(start)].location

    def location(self, offset: int) -> str | None:
        """Location of the segment holding ``offset``."""
        return self.segments[self.seg_of(offset)].location if self.segments else None


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
