"""The paragraph writer: document-tree blocks to WordprocessingML paragraphs (``w:p``).

Every paragraph gets a paragraph style and strong, emphasised and linked text a character
style, by id (resolved once per document by :mod:`.styles`); no direct formatting. Paragraphs
are written as XML text and parsed once, which is much faster than building them element by
element.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol

from lxml import etree

from drafter.document import (
    Block,
    Heading,
    Inline,
    Lines,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Text,
)
from drafter.infra.ooxml import R_NS, RT_HYPERLINK, W_NS, clean, escape
from drafter.render.docx.styles import Lists, Styles

__all__ = ["Part", "Writer"]

# Paragraph.role and Lines.kind -> style role.
_ROLE_STYLE = {"salutation": "salutation", "closing": "body", "meta": "meta", "small": "small"}
_LINES_STYLE = {"recipient": "recipient", "sender": "sender", "signature": "signature"}

_BREAKS = re.compile(r"(\r\n|[\n\r\t])")

# A web address in running text becomes a hyperlink (never in the requester's quoted words):
# up to white space, less the punctuation that ends the sentence around it.
_URL = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:!?)\]'\"]*(?:\s|$))")


class Part(Protocol):
    """The part a writer writes into: all it needs is to relate a hyperlink's URL."""

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The rId of a relationship to ``target`` (a URL when ``is_external``)."""
        ...


class Writer:
    """Appends the paragraphs for blocks to a body, header or footer element."""

    def __init__(
        self,
        part: Part,
        styles: Styles,
        lists: Lists,
        *,
        place: str = "body",
        title_style: bool = False,
    ) -> None:
        self._part = part
        self._styles = styles
        self._lists = lists
        self._place = place
        self._title_pending = title_style

    def blocks(self, parent: etree._Element, blocks: Iterable[Block]) -> None:
        """Append the paragraphs of ``blocks`` to ``parent``.

        The paragraphs are written as XML text and parsed once: much faster than building
        them element by element through python-docx's element classes.
        """
        out: list[str] = [f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}">']
        listed = list(blocks)
        for i, block in enumerate(listed):
            following = listed[i + 1] if i + 1 < len(listed) else None
            for role, num_id, content in self._paragraphs(block):
                if role == "body" and self._place == "body" and _leads_in(block, following):
                    role = "lead"
                self._paragraph(out, role, num_id, content)
        out.append("</w:body>")
        fragment = etree.fromstring("".join(out).encode())
        parent.extend(list(fragment))

    def _paragraphs(
        self, block: Block
    ) -> Iterator[tuple[str, str | None, tuple[Inline, ...] | str]]:
        """Yield (style role, numId, content) for each paragraph of ``block``."""
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            role = f"h{level}"
            if level == 1 and self._title_pending:
                # Level 1 is the letter's title (document.Heading); only the first gets the
                # title style.
                role, self._title_pending = "title", False
            yield role, None, block.content
        elif isinstance(block, Paragraph):
            if any(item.text for item in block.content):
                yield self._plain(_ROLE_STYLE.get(block.role, "body")), None, block.content
        elif isinstance(block, ListBlock):
            if block.ordered:
                num_id = self._lists.new_numbered() if block.items else ""
                for item in block.items:
                    yield "number", num_id, item
            else:
                for item in block.items:
                    yield "bullet", self._lists.bullet(), item
        elif isinstance(block, Quote):
            if block.label:  # "Part 5", kept with the words it labels
                yield ("label" if self._place == "body" else self._plain("body")), None, block.label
            yield "quote", None, block.text
        elif isinstance(block, Lines) and block.lines:
            yield self._plain(_LINES_STYLE.get(block.kind, "body")), None, "\n".join(block.lines)

    def _plain(self, role: str) -> str:
        """In a header or footer, body text takes the Header or Footer style."""
        return self._place if role == "body" and self._place != "body" else role

    def _paragraph(
        self,
        out: list[str],
        role: str,
        num_id: str | None,
        content: tuple[Inline, ...] | str,
    ) -> None:
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{self._styles[role]}"/>')
        if num_id:
            out.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        out.append("</w:pPr>")
        if isinstance(content, str):
            out.append(_run(content, None))
        else:
            for item in content:
                if isinstance(item, Link):
                    out.append(self._link(item))
                elif item.text and role != "quote" and self._place == "body" and \
                        "://" in item.text:
                    self._linked_runs(out, item)
                elif item.text:
                    out.append(_run(item.text, self._char_style(item)))
        out.append("</w:p>")

    def _char_style(self, item: Text) -> str | None:
        if item.strong and item.emphasis:
            return self._styles["strong_emphasis"]
        if item.strong:
            return self._styles["strong"]
        if item.emphasis:
            return self._styles["emphasis"]
        return None

    def _linked_runs(self, out: list[str], item: Text) -> None:
        """``item`` as runs, each web address in it a hyperlink to itself."""
        pos = 0
        for m in _URL.finditer(item.text):
            out.append(_run(item.text[pos:m.start()], self._char_style(item)))
            out.append(self._link(Link(m.group(0), m.group(0))))
            pos = m.end()
        out.append(_run(item.text[pos:], self._char_style(item)))

    def _link(self, link: Link) -> str:
        url = clean(link.url).strip()
        text = link.text or link.url
        if not url:
            return _run(text, None)
        rel_id = self._part.relate_to(url, RT_HYPERLINK, is_external=True)
        run = _run(text, self._styles["link"])
        return f'<w:hyperlink r:id="{rel_id}" w:history="1">{run}</w:hyperlink>'


def _run(text: str, style_id: str | None) -> str:
    """One run as XML: tabs become ``w:tab``, line breaks ``w:br``, spaces are kept."""
    text = clean(text)
    if not text:
        return ""
    out = ["<w:r>"]
    if style_id:
        out.append(f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>')
    pieces = _BREAKS.split(text) if ("\n" in text or "\t" in text or "\r" in text) else [text]
    for piece in pieces:
        if not piece:
            continue
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            out.append("<w:br/>")
        elif piece[0] == " " or piece[-1] == " " or "  " in piece:
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
        else:
            out.append(f"<w:t>{escape(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


def _leads_in(block: Block, following: Block | None) -> bool:
    """A body paragraph that introduces a list, or ends with a colon: keep it with what follows."""
    if not isinstance(block, Paragraph) or block.role != "body":
        return False
    return isinstance(following, ListBlock) or block.text.rstrip().endswith(":")
