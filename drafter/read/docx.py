"""Read a .docx letter with zipfile + lxml (23 times faster than python-docx for this job).

Only the parts that hold the letter's words are read: ``word/document.xml`` (body, table
cells, content controls and text boxes), ``word/header*.xml`` and ``word/footer*.xml``, the
hyperlink targets in ``word/_rels/document.xml.rels`` and, only when a paragraph style id is
not recognised by itself, the style names in ``word/styles.xml``.

Before any part is decompressed its declared size and compression ratio are checked, no
part is read beyond :data:`MAX_PART_BYTES` and all the parts together are capped
(:mod:`drafter.infra.zipbudget`), so a zip bomb, or a thousand headers, is refused instead of
filling the memory. XML is parsed without entity expansion or network access.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from drafter.document import (
    Block,
    Heading,
    Inline,
    Link,
    ListBlock,
    Notice,
    Paragraph,
    Quote,
    Text,
)
from drafter.infra.ooxml import MC, PKG_REL, R_ID, W_VAL, W
from drafter.infra.zipbudget import MAX_PART_BYTES, MAX_RATIO, ZipBudget
from drafter.read.common import read_error
from drafter.read.docx_props import classify, first_child, invisible

__all__ = ["MAX_PART_BYTES", "MAX_RATIO", "read_docx"]


_R, _RPR, _PPR = W + "r", W + "rPr", W + "pPr"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (W + t for t in ("p", "tbl", "tr", "tc", "sdt",
                                                          "sdtContent"))
_T, _TAB, _BR, _CR, _HYPERLINK, _TXBX = (W + t for t in ("t", "tab", "br", "cr", "hyperlink",
                                                         "txbxContent"))
_NOBREAK_HYPHEN, _SOFT_HYPHEN = W + "noBreakHyphen", W + "softHyphen"
_SKIP = frozenset({W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText",
                   W + "delText", W + "fldData", MC + "Fallback", W + "footnoteReference",
                   W + "commentReference", W + "sectPr"})
_CONTAINERS = frozenset({W + "customXml", W + "smartTag", W + "ins", W + "moveTo",
                         W + "body", W + "hdr", W + "ftr"})

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                          remove_pis=True, huge_tree=False, load_dtd=False)


@dataclass
class _Context:
    """State shared while one package is read."""

    path: Path
    zf: zipfile.ZipFile
    names: set[str]
    budget: ZipBudget
    links: dict[str, str] | None = None
    style_names: dict[str, str] | None = None
    counter: int = 0
    label: str = "paragraph"

    def style_name(self, style_id: str) -> str:
        """The name of the style ``style_id`` in ``word/styles.xml`` ("" if none)."""
        if self.style_names is None:
            self.style_names = {}
            if "word/styles.xml" in self.names:
                with contextlib.suppress(Exception):
                    self.style_names = _by_content(
                        self.budget.read(self.zf, "word/styles.xml", shared=True), _style_names)
        return self.style_names.get(style_id, "")


def read_docx(path: Path, fh: BinaryIO | None = None) -> Notice:
    """Read a Word .docx file into a :class:`Notice`.

    Raises:
        DocumentReadError: a damaged zip, a zip that is not a Word document, a zip bomb,
            encrypted parts or XML that is not well-formed.
    """
    if fh is None:
        from drafter.read.common import open_letter

        with open_letter(path) as opened:
            return read_docx(path, opened)
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise read_error(path, f"this .docx file is damaged and cannot be opened ({exc})",
                         "open it in Word and save it again, or ask for a fresh copy") from None
    except OSError as exc:
        raise read_error(path, f"cannot read the file ({exc.strerror or exc})") from None
    with zf:
        infos = zf.infolist()
        budget = ZipBudget(lambda message, fix: read_error(path, message, fix),
                           max_part=MAX_PART_BYTES)
        budget.check_members(infos)
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise read_error(path, "this zip file is not a Word document (it has no "
                                   "word/document.xml)",
                             "give the letter as .docx, .md, .txt or .pdf")
        ctx = _Context(path, zf, names, budget)
        body_root = _parse(ctx, "word/document.xml")
        body = body_root.find(W + "body")
        blocks = _blocks(ctx, body if body is not None else body_root)
        header = _side_parts(ctx, "header")
        footer = _side_parts(ctx, "footer")
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    return Notice(blocks=tuple(blocks), title=title, meta={"format": "docx"},
                  header=tuple(header), footer=tuple(footer))


_SIDE_PART = {kind: re.compile(rf"word/{kind}\d*\.xml") for kind in ("header", "footer")}


def _side_parts(ctx: _Context, kind: str) -> list[Block]:
    names = sorted(filter(_SIDE_PART[kind].fullmatch, ctx.names), key=lambda n: (len(n), n))
    out: list[Block] = []
    ctx.label, ctx.counter = f"{kind} paragraph", 0
    for name in names:
        out.extend(_blocks(ctx, _parse(ctx, name)))
    return out


def _read_part(ctx: _Context, name: str) -> bytes:
    return ctx.budget.read(ctx.zf, name)


def _parse(ctx: _Context, name: str) -> etree._Element:
    data = _read_part(ctx, name)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise read_error(ctx.path, f"part {name} is not well-formed XML ({exc})",
                         "open the file in Word and save it again") from None


def _blocks(ctx: _Context, container: etree._Element) -> list[Block]:
    out: list[Block] = []
    items: list[tuple[Inline, ...]] = []
    list_source: str | None = None
    ordered = False

    def flush() -> None:
        nonlocal items, list_source
        if items:
            out.append(ListBlock(items=tuple(items), ordered=ordered, source=list_source))
        items, list_source = [], None

    reader = _Inline(ctx)
    for p in _paragraphs(container):
        content, ppr, boxes = reader.paragraph(p)
        text = content[0].text if len(content) == 1 else "".join(i.text for i in content)
        if text and not text.isspace():
            ctx.counter += 1
            source = f"{ctx.label} {ctx.counter}"
            kind, level, is_ordered = classify(ppr, ctx.style_name)
            if kind == "list":
                if list_source is None:
                    list_source, ordered = source, is_ordered
                items.append(content)
            else:
                flush()
                if kind == "heading":
                    out.append(Heading(level=level, content=content, source=source))
                elif kind == "quote":  # the requester's words, not the authority's
                    out.append(Quote(text=text, source=source))
                else:
                    out.append(Paragraph(content=content, source=source))
        for box in boxes:
            flush()
            out.extend(_blocks(ctx, box))
    flush()
    return out


def _paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Yield the body's paragraphs in reading order, descending into tables and controls."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag in (_TBL, _TR, _TC, _SDT, _SDT_CONTENT) or tag in _CONTAINERS:
            yield from _paragraphs(child)


class _Inline:
    """The inline content of a paragraph, and the text boxes anchored in it.

    Text goes to a sink: ``buf`` (the paragraph's text since its last link) or a link's own.
    """

    __slots__ = ("boxes", "buf", "ctx", "parts")

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.parts: list[Inline] = []
        self.buf: list[str] = []
        self.boxes: list[etree._Element] = []

    def paragraph(self, p: etree._Element) -> tuple[tuple[Inline, ...], etree._Element | None,
                                                    list[etree._Element]]:
        """The content of paragraph ``p``, its (first) ``w:pPr`` and its text boxes."""
        self.parts, self.buf, self.boxes = [], [], []
        buf, ppr = self.buf, None
        for child in p:
            tag = child.tag
            if tag == _R:
                self.run(child, buf)
            elif tag == _PPR:
                ppr = child if ppr is None else ppr
            else:
                self.other(child, tag, buf)
        if buf:
            self.parts.append(Text("".join(buf)))
        return tuple(self.parts), ppr, self.boxes

    def walk(self, el: etree._Element, sink: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self.run(child, sink)
            elif tag == _T:
                sink.append(child.text or "")
            else:
                self.other(child, tag, sink)

    def run(self, r: etree._Element, sink: list[str]) -> None:
        """A run's text, unless the reader of the letter cannot see it.

        Its first ``w:rPr`` says; one is looked for only once the run has more than plain
        text in it, and the plain text taken before a hiding ``w:rPr`` is taken back.
        """
        start, checked = len(sink), False
        for child in r:
            tag = child.tag
            if tag == _T:
                sink.append(child.text or "")
            elif tag == _BR:
                sink.append("\n")
            elif tag == _TAB:
                sink.append("\t")
            elif checked:
                if tag != _RPR:
                    self.other(child, tag, sink)
            else:
                checked = True
                rpr = child if tag == _RPR else first_child(r, _RPR)
                if rpr is not None and invisible(r, rpr):
                    del sink[start:]  # a requester never sees it: it cannot be the statement
                    return
                if tag != _RPR:
                    self.other(child, tag, sink)

    def other(self, child: etree._Element, tag: object, sink: list[str]) -> None:
        if tag == _T:
            sink.append(child.text or "")
        elif tag == _TAB:
            sink.append("\t")
        elif tag in (_BR, _CR):
            sink.append("\n")
        elif tag == _NOBREAK_HYPHEN:
            sink.append("-")
        elif tag == _TXBX:
            self.boxes.append(child)
        elif tag == _R:
            self.run(child, sink)
        elif tag in _SKIP or not isinstance(tag, str):
            return
        elif tag == _HYPERLINK and sink is self.buf:
            self.link(child)
        elif tag != _SOFT_HYPHEN:
            self.walk(child, sink)

    def link(self, link: etree._Element) -> None:
        """A hyperlink in the paragraph's own text (a link inside a link is only text)."""
        link_text: list[str] = []
        self.walk(link, link_text)
        url = _link_target(self.ctx, link)
        buf = self.buf
        if url and "".join(link_text):
            if buf:
                self.parts.append(Text("".join(buf)))
                buf.clear()
            self.parts.append(Link("".join(link_text), url))
        else:
            buf.extend(link_text)


def _link_target(ctx: _Context, link: etree._Element) -> str | None:
    rid = link.get(R_ID)
    if rid is None:
        return None
    if ctx.links is None:
        ctx.links = {}
        name = "word/_rels/document.xml.rels"
        if name in ctx.names:
            with contextlib.suppress(Exception):
                ctx.links = _by_content(ctx.budget.read(ctx.zf, name, shared=True),
                                        _external_links)
    return ctx.links.get(rid)


def _external_links(root: etree._Element) -> dict[str, str]:
    """Relationship id -> target of the external relationships (hyperlinks) under ``root``."""
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root.iter(PKG_REL)
            if rel.get("TargetMode") == "External" and rel.get("Id")}


def _style_names(root: etree._Element) -> dict[str, str]:
    """Style id -> name in the ``styles.xml`` whose root is ``root``."""
    found = {}
    for st in root.iter(W + "style"):
        name = st.find(W + "name")
        if name is not None and st.get(W + "styleId"):
            found[st.get(W + "styleId", "")] = name.get(W_VAL) or ""
    return found


_Reader = Callable[[etree._Element], dict[str, str]]
_BY_CONTENT: dict[tuple[_Reader, bytes], dict[str, str]] = {}
_BY_CONTENT_KEPT = 8
_BY_CONTENT_MAX_BYTES = 4 * 1024 * 1024


def _by_content(data: bytes, read: _Reader) -> dict[str, str]:
    """``read`` applied to the XML part ``data``; raises on XML that is not well-formed.

    Remembered by content (the bytes themselves are the key), since the letters from one
    template share their styles and links, and a letterhead's styles can take 10 ms to parse.
    The dict returned is shared: never change it.
    """
    found = _BY_CONTENT.get((read, data))
    if found is None:
        found = read(etree.fromstring(data, _PARSER))
        if len(data) <= _BY_CONTENT_MAX_BYTES:
            if len(_BY_CONTENT) >= _BY_CONTENT_KEPT:
                _BY_CONTENT.clear()  # all at once: safe if threads read letters too
            _BY_CONTENT[read, data] = found
    return found
