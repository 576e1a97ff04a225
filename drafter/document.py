"""The intermediate document tree: one letter, independent of any file format.

``assemble`` builds it from a case; ``render_md`` and ``render_docx`` walk it; the readers in
``drafter.read`` build it from a draft letter so that ``check`` runs the same rules on our
letters and on hand-written ones. Plain frozen dataclasses, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text. Its characters are literal: renderers escape, never interpret."""

    text: str
    strong: bool = False
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink whose visible text is ``text``."""

    text: str
    url: str


Inline = Text | Link


def inline_text(content: tuple[Inline, ...]) -> str:
    """Return the visible text of inline content."""
    return "".join(item.text for item in content)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, level 1 (letter title) to 3."""

    level: int
    content: tuple[Inline, ...]
    source: str | None = None

    @property
    def text(self) -> str:
        """Visible text."""
        return inline_text(self.content)


ParagraphRole = Literal["body", "meta", "small", "salutation", "closing"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph. ``role`` picks a style: body text, reference/date lines, small print."""

    content: tuple[Inline, ...]
    role: ParagraphRole = "body"
    source: str | None = None

    @property
    def text(self) -> str:
        """Visible text."""
        return inline_text(self.content)


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted (or numbered) list; each item is inline content.

    ``markers`` holds each item's bracketed label where the source wrote one ("(b)", "(ii)":
    the limbs of a quoted Act), else is empty; the checker reads limbs from them.
    """

    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False
    source: str | None = None
    markers: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Visible text, one item a line."""
        return "\n".join(inline_text(i) for i in self.items)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words quoted exactly as written (the request). Line breaks and spacing are kept."""

    text: str
    label: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Lines:
    """A block of short lines kept as lines: an address, a signature, a letterhead."""

    lines: tuple[str, ...]
    kind: Literal["recipient", "sender", "signature", "plain"] = "plain"
    source: str | None = None

    @property
    def text(self) -> str:
        """Visible text, one line a line."""
        return "\n".join(self.lines)


Block = Heading | Paragraph | ListBlock | Quote | Lines


@dataclass(frozen=True, slots=True)
class Notice:
    """A whole letter: its blocks in reading order, and facts about it."""

    blocks: tuple[Block, ...]
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    header: tuple[Block, ...] = ()
    footer: tuple[Block, ...] = ()

    @property
    def text(self) -> str:
        """The whole visible text, blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)
