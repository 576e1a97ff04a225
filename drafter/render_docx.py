"""Render the document tree to a Word document (DOCX).

The look of a letter lives in named styles, never in direct formatting: every paragraph gets a
paragraph style ("Body Text", "Request Quote", ...) and strong, emphasised and linked text a
character style. The styles come from ``templates/reference.docx`` (built by
``tools/make_reference_docx.py``) or, with a letterhead, from the authority's own document:
its header, footer, logo, page setup and styles are kept, and any of our styles it lacks are
copied in from the reference document.

Speed: python-docx's style-by-name lookup dominates its build time, so styles are set by id,
straight on the XML, after resolving every id once per document; paragraphs are built with
lxml; and the package is written by :func:`_write_package` with fixed timestamps, so the same
notice always gives the same bytes.

Pure apart from reading the reference document and the letterhead: returns bytes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.spec import default_content_types
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from lxml import etree

from drafter.document import (
    Block,
    Heading,
    Inline,
    Lines,
    Link,
    ListBlock,
    Notice,
    Paragraph,
    Quote,
    Text,
)
from drafter.errors import UserError
from drafter.resources import templates_dir

__all__ = ["STYLES", "LetterheadError", "StyleSpec", "render_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W = f"{{{W_NS}}}"
W_P, W_PPR, W_PSTYLE, W_R, W_RPR, W_RSTYLE = (
    f"{W}{t}" for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle")
)
W_T, W_TAB, W_BR, W_VAL, W_HYPERLINK = (f"{W}{t}" for t in ("t", "tab", "br", "val", "hyperlink"))
W_STYLE, W_STYLE_ID, W_TYPE, W_NAME = (f"{W}{t}" for t in ("style", "styleId", "type", "name"))
W_NUM, W_NUM_ID, W_ABSTRACT_NUM, W_ABSTRACT_NUM_ID = (
    f"{W}{t}" for t in ("num", "numId", "abstractNum", "abstractNumId")
)
W_SECT_PR = f"{W}sectPr"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# What XML 1.0 allows (https://www.w3.org/TR/xml/#charsets). The case loader removes and
# reports anything else; this is the last line of defence against writing a corrupt file.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile(r"(\r\n|[\n\r\t])")
_STREAM_REPR = re.compile(r"'?<_io\.BytesIO object at 0x[0-9a-f]+>'?")


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """One named style a letter uses.

    Attributes:
        name: The name Word shows (and python-docx uses).
        style_id: Its id in ``reference.docx``; a letterhead may use another id for that name.
        kind: ``paragraph`` or ``character``.
    """

    name: str
    style_id: str
    kind: str = "paragraph"


# Logical role -> style. The renderer only ever names roles; ids are resolved per document.
STYLES: Mapping[str, StyleSpec] = {
    "title": StyleSpec("Notice Title", "NoticeTitle"),
    "h1": StyleSpec("Heading 1", "Heading1"),
    "h2": StyleSpec("Heading 2", "Heading2"),
    "h3": StyleSpec("Heading 3", "Heading3"),
    "body": StyleSpec("Body Text", "BodyText"),
    "meta": StyleSpec("Notice Meta", "NoticeMeta"),
    "quote": StyleSpec("Request Quote", "RequestQuote"),
    "recipient": StyleSpec("Recipient Address", "RecipientAddress"),
    "sender": StyleSpec("Sender Address", "SenderAddress"),
    "signature": StyleSpec("Signature", "Signature"),
    "small": StyleSpec("Small Print", "SmallPrint"),
    "bullet": StyleSpec("List Bullet", "ListBullet"),
    "number": StyleSpec("List Number", "ListNumber"),
    "header": StyleSpec("Header", "Header"),
    "footer": StyleSpec("Footer", "Footer"),
    "strong": StyleSpec("Strong", "Strong", "character"),
    "emphasis": StyleSpec("Emphasis", "Emphasis", "character"),
    "strong_emphasis": StyleSpec("Strong Emphasis", "StrongEmphasis", "character"),
    "link": StyleSpec("Hyperlink", "Hyperlink", "character"),
}
# Paragraph.role and Lines.kind -> style role.
_ROLE_STYLE = {"salutation": "body", "closing": "body", "meta": "meta", "small": "small"}
_LINES_STYLE = {"recipient": "recipient", "sender": "sender", "signature": "signature"}

_FIX = (
    "open it in Word and save it as a Word Document (.docx) without a password, "
    "or leave out --letterhead"
)


class LetterheadError(UserError):
    """The letterhead document cannot be used."""

    def __init__(self, path: Path, problem: str, fix: str = _FIX) -> None:
        self.path = path
        super().__init__(f"Letterhead {str(path)!r} {problem}. Fix: {fix}.")


class _MacroEnabledError(ValueError):
    pass


def render_docx(notice: Notice, *, letterhead: Path | None = None) -> bytes:
    """Render ``notice`` as a DOCX file.

    Args:
        notice: The letter.
        letterhead: An authority's own ``.docx`` (or ``.dotx``). Its header, footer, page
            setup and styles are kept and its body is replaced by the letter; our styles that
            it lacks are copied in. ``notice.header`` and ``notice.footer`` are then not used.

    Returns:
        The bytes of the ``.docx`` file.

    Raises:
        LetterheadError: ``letterhead`` is missing, unreadable, encrypted or not a Word document.
    """
    if letterhead is None:
        doc = Document(io.BytesIO(_reference()))
        styles = _resolve_styles(doc.part.styles.element, copy_missing=False)
    else:
        doc, styles = _open_letterhead(letterhead)
    lists = _Lists(doc.part, styles)
    body = doc.element.body
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    _Writer(doc.part, styles, lists, title_style=True).blocks(body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    if letterhead is None:
        section = doc.sections[-1]
        for blocks, part, place in (
            (notice.header, section.header, "header"),
            (notice.footer, section.footer, "footer"),
        ):
            if blocks:
                part.is_linked_to_previous = False
                root = part._element
                for child in list(root):
                    root.remove(child)
                _Writer(part.part, styles, lists, place=place).blocks(root, blocks)
                if not len(root):  # a header or footer must hold a paragraph
                    etree.SubElement(root, W_P)
    _set_properties(doc, notice)
    return _write_package(doc.part.package)


# --- reference document and letterhead -------------------------------------------------------


@cache
def _reference() -> bytes:
    return (templates_dir() / "reference.docx").read_bytes()


@cache
def _reference_parts() -> tuple[etree._Element, etree._Element]:
    """The reference document's styles and numbering, to copy from into a letterhead."""
    with zipfile.ZipFile(io.BytesIO(_reference())) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    return styles, numbering


def _open_letterhead(path: Path) -> tuple[Any, _Styles]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        fix = "check the path given to --letterhead or in the authority profile"
        raise LetterheadError(path, f"cannot be read ({exc.strerror or exc})", fix) from exc
    if data.startswith(OLE_MAGIC):
        raise LetterheadError(path, "is password-protected, or is an old-style .doc file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LetterheadError(path, "is not a Word document (.docx)")
    try:
        doc = Document(io.BytesIO(_template_as_document(data)))
        body = doc.element.body
        children = list(body)
        if children and children[-1].tag == W_SECT_PR:
            children.pop()  # keep the page setup, header and footer references
        for child in children:
            body.remove(child)
        styles = _resolve_styles(doc.part.styles.element, copy_missing=True)
    except _MacroEnabledError as exc:
        raise LetterheadError(path, "is macro-enabled (.docm or .dotm)") from exc
    except Exception as exc:  # any failure to read a foreign file is the file's problem
        detail = _STREAM_REPR.sub("the file", str(exc).split("\n")[0])[:200]
        detail = detail or type(exc).__name__
        raise LetterheadError(path, f"is damaged or not a Word document ({detail})") from exc
    return doc, styles


def _template_as_document(data: bytes) -> bytes:
    """Relabel a Word template (.dotx) as a document so that python-docx opens it."""
    template = b"wordprocessingml.template.main+xml"
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        types = src.read("[Content_Types].xml")
        if b"macroEnabled" in types:
            raise _MacroEnabledError
        if template not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                blob = src.read(info)
                if info.filename == "[Content_Types].xml":
                    blob = types.replace(template, b"wordprocessingml.document.main+xml")
                dst.writestr(info, blob)
    return out.getvalue()


# --- styles and numbering ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Styles:
    """The style ids of one document, by role, and which of them we copied in."""

    ids: dict[str, str]
    copied: frozenset[str]

    def __getitem__(self, role: str) -> str:
        return self.ids[role]


def _resolve_styles(root: etree._Element, *, copy_missing: bool) -> _Styles:
    """Map each role in :data:`STYLES` to a style id of this document.

    A style is found by id, then by name (Word stores built-in names in lower case, for example
    ``heading 1``). When ``copy_missing``, a style the document lacks is copied in from the
    reference document, with the styles it is based on.
    """
    by_id: dict[str, etree._Element] = {}
    by_name: dict[tuple[str, str], str] = {}
    for style in root.iter(W_STYLE):
        style_id, kind = style.get(W_STYLE_ID), style.get(W_TYPE, "paragraph")
        if style_id is None:
            continue
        by_id[style_id] = style
        name = style.find(W_NAME)
        if name is not None:
            by_name.setdefault((kind, name.get(W_VAL, "").lower()), style_id)
    resolved: dict[str, str] = {}
    copied: set[str] = set()
    for role, spec in STYLES.items():
        found = by_id.get(spec.style_id)
        if found is not None and found.get(W_TYPE, "paragraph") == spec.kind:
            resolved[role] = spec.style_id
        elif (spec.kind, spec.name.lower()) in by_name:
            resolved[role] = by_name[(spec.kind, spec.name.lower())]
        elif copy_missing:
            resolved[role] = _copy_style(root, spec.style_id, by_id, by_name, copied)
        else:
            raise KeyError(f"reference.docx has no style {spec.name!r}")
    return _Styles(resolved, frozenset(copied))


def _copy_style(
    root: etree._Element,
    style_id: str,
    by_id: dict[str, etree._Element],
    by_name: dict[tuple[str, str], str],
    copied: set[str],
) -> str:
    """Copy style ``style_id`` from the reference document into ``root``; return its new id."""
    ref_styles, _ = _reference_parts()
    source = next(s for s in ref_styles.iter(W_STYLE) if s.get(W_STYLE_ID) == style_id)
    style = copy.deepcopy(source)
    kind = style.get(W_TYPE, "paragraph")
    new_id = style_id
    while new_id in by_id:
        new_id += "Drafter"
    style.set(W_STYLE_ID, new_id)
    if f"{W}default" in style.attrib:
        del style.attrib[f"{W}default"]
    based = style.find(f"{W}basedOn")
    if based is not None:
        base_id = based.get(W_VAL, "")
        base = next(s for s in ref_styles.iter(W_STYLE) if s.get(W_STYLE_ID) == base_id)
        if base.get(f"{W}default") == "1":
            # Our styles are based on Word's defaults: use the letterhead's own defaults.
            target = next(
                (
                    s.get(W_STYLE_ID)
                    for s in root.iter(W_STYLE)
                    if s.get(W_TYPE) == kind and s.get(f"{W}default") == "1"
                ),
                None,
            )
        elif base_id in by_id:
            target = base_id
        else:
            target = _copy_style(root, base_id, by_id, by_name, copied)
        if target is None:
            style.remove(based)
        else:
            based.set(W_VAL, target)
    following = style.find(f"{W}next")
    if following is not None and following.get(W_VAL) not in by_id:
        style.remove(following)
    root.append(style)
    by_id[new_id] = style
    name = style.find(W_NAME)
    by_name[(kind, (name.get(W_VAL, "") if name is not None else "").lower())] = new_id
    copied.add(new_id)
    return new_id


class _Lists:
    """Word numbering for bulleted and numbered lists.

    Bulleted paragraphs share the bullet definition of the "List Bullet" style. Each numbered
    list gets a numbering instance of its own that restarts at 1.
    """

    def __init__(self, part: Any, styles: _Styles) -> None:
        self._part = part
        self._styles = styles
        self._numbering: etree._Element | None = None
        self._bullet: str | None = None
        self._number_abstract: str | None = None

    def bullet(self) -> str:
        """The numId for bullet items."""
        if self._bullet is None:
            self._bullet = self._list_num_id("bullet")
        return self._bullet

    def new_numbered(self) -> str:
        """A fresh numId for one numbered list, restarting at 1."""
        if self._number_abstract is None:
            num_id = self._list_num_id("number")
            self._number_abstract = self._abstract_of(num_id)
        numbering = self._root()
        num = self._add_num(numbering, self._number_abstract)
        override = etree.SubElement(num, f"{W}lvlOverride")
        override.set(f"{W}ilvl", "0")
        etree.SubElement(override, f"{W}startOverride").set(W_VAL, "1")
        return num.get(W_NUM_ID, "")

    def _root(self) -> etree._Element:
        if self._numbering is None:
            try:
                part = self._part.part_related_by(RT.NUMBERING)
            except KeyError:  # python-docx cannot create a numbering part itself
                package = self._part.package
                part = NumberingPart(
                    PackURI(_free_partname(package, "/word/numbering.xml")),
                    CT.WML_NUMBERING,
                    parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'),
                    package,
                )
                self._part.relate_to(part, RT.NUMBERING)
            self._numbering = part.element
        assert self._numbering is not None
        return self._numbering

    def _list_num_id(self, role: str) -> str:
        """The numId the list style uses; copied in from the reference document if needed."""
        numbering = self._root()
        style = _find_style(self._part, self._styles[role])
        num_pr = style.find(f"{W}pPr/{W}numPr") if style is not None else None
        num_id = _val(num_pr, W_NUM_ID) if num_pr is not None else None
        copied = self._styles[role] in self._styles.copied
        if num_id is not None and not copied and self._abstract_of(num_id, numbering):
            return num_id
        abstract = self._copy_abstract(numbering, role)
        num_id = self._add_num(numbering, abstract).get(W_NUM_ID, "")
        if copied and num_pr is not None:
            num_pr_id = num_pr.find(W_NUM_ID)
            if num_pr_id is not None:
                num_pr_id.set(W_VAL, num_id)
        return num_id

    def _abstract_of(self, num_id: str, numbering: etree._Element | None = None) -> str:
        root = numbering if numbering is not None else self._root()
        for num in root.iter(W_NUM):
            if num.get(W_NUM_ID) == num_id:
                return _val(num, W_ABSTRACT_NUM_ID) or ""
        return ""

    def _copy_abstract(self, numbering: etree._Element, role: str) -> str:
        ref_styles, ref_numbering = _reference_parts()
        spec = STYLES[role]
        ref_style = next(s for s in ref_styles.iter(W_STYLE) if s.get(W_STYLE_ID) == spec.style_id)
        ref_num_id = _val(ref_style.find(f"{W}pPr/{W}numPr"), W_NUM_ID)
        ref_abstract_id = next(
            _val(n, W_ABSTRACT_NUM_ID)
            for n in ref_numbering.iter(W_NUM)
            if n.get(W_NUM_ID) == ref_num_id
        )
        source = next(
            a
            for a in ref_numbering.iter(W_ABSTRACT_NUM)
            if a.get(f"{W}abstractNumId") == ref_abstract_id
        )
        abstract = copy.deepcopy(source)
        used = [_int(a.get(f"{W}abstractNumId")) for a in numbering.iter(W_ABSTRACT_NUM)]
        new_id = str(max(used, default=-1) + 1)
        abstract.set(f"{W}abstractNumId", new_id)
        # Schema order: every abstractNum comes before the first num.
        first_num = numbering.find(W_NUM)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        return new_id

    @staticmethod
    def _add_num(numbering: etree._Element, abstract_id: str) -> etree._Element:
        used = [_int(n.get(W_NUM_ID)) for n in numbering.iter(W_NUM)]
        num = numbering.makeelement(W_NUM, {W_NUM_ID: str(max(used, default=0) + 1)})
        cleanup = numbering.find(f"{W}numIdMacAtCleanup")
        if cleanup is not None:  # schema order: it must stay last
            cleanup.addprevious(num)
        else:
            numbering.append(num)
        etree.SubElement(num, W_ABSTRACT_NUM_ID).set(W_VAL, abstract_id)
        return num


def _int(value: str | None) -> int:
    try:
        return int(value or "0")
    except ValueError:
        return 0


def _free_partname(package: Any, name: str) -> str:
    taken = {str(p.partname) for p in package.iter_parts()}
    stem, n = name[: -len(".xml")], 1
    while name in taken:
        n += 1
        name = f"{stem}{n}.xml"
    return name


def _find_style(part: Any, style_id: str) -> etree._Element | None:
    root = part.styles.element
    for style in root.iter(W_STYLE):
        if style.get(W_STYLE_ID) == style_id:
            return style  # type: ignore[no-any-return]
    return None


def _val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(tag)
    return None if el is None else el.get(W_VAL)


# --- building paragraphs -----------------------------------------------------------------------


class _Writer:
    """Appends the paragraphs for blocks to a body, header or footer element."""

    def __init__(
        self,
        part: Any,
        styles: _Styles,
        lists: _Lists,
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
        for block in blocks:
            for role, num_id, content in self._paragraphs(block):
                self._paragraph(out, role, num_id, content)
        out.append("</w:body>")
        fragment = etree.fromstring("".join(out).encode())
        parent.extend(list(fragment))

    def _paragraphs(
        self, block: Block
    ) -> Iterator[tuple[str, str | None, tuple[Inline, ...] | str]]:
        """Yield (style role, numId, content) for each paragraph of ``block``."""
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
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
            if block.label:
                yield self._plain("body"), None, block.label
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

    def _link(self, link: Link) -> str:
        url = _clean(link.url).strip()
        text = link.text or link.url
        if not url:
            return _run(text, None)
        rel_id = self._part.relate_to(url, RT.HYPERLINK, is_external=True)
        run = _run(text, self._styles["link"])
        return f'<w:hyperlink r:id="{rel_id}" w:history="1">{run}</w:hyperlink>'


def _run(text: str, style_id: str | None) -> str:
    """One run as XML: tabs become ``w:tab``, line breaks ``w:br``, spaces are kept."""
    text = _clean(text)
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


def _clean(text: str) -> str:
    """Remove characters XML 1.0 cannot hold."""
    return _XML_INVALID.sub("", text)


# --- properties and package --------------------------------------------------------------------


def _set_properties(doc: Any, notice: Notice) -> None:
    """Title, subject and author; no dates (the renderer reads no clock), no requester data."""
    props = doc.core_properties
    meta = notice.meta
    author = _prop(meta.get("author", ""))
    props.title = _prop(notice.title or meta.get("title", ""))
    props.subject = _prop(meta.get("subject", meta.get("reference", "")))
    props.author = author
    props.last_modified_by = author
    props.identifier = _prop(meta.get("reference", ""))
    props.keywords = props.comments = props.category = ""
    props.revision = 1
    element = props._element
    for name in ("created", "modified", "lastPrinted"):
        for el in element.findall(f"{{*}}{name}"):
            element.remove(el)


def _prop(value: str) -> str:
    return _clean(value)[:255]


def _write_package(package: Any) -> bytes:
    """Zip the package like python-docx does, but with fixed timestamps (same input, same bytes)."""
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        write = _zip_writer(z)
        write("[Content_Types].xml", _content_types(parts))
        write("_rels/.rels", package.rels.xml)
        for part in parts:
            write(part.partname.membername, part.blob)
            if len(part.rels):
                write(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def _zip_writer(z: zipfile.ZipFile) -> Callable[[str, bytes], None]:
    def write(name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        z.writestr(info, data)

    return write


def _content_types(parts: list[Any]) -> bytes:
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        ext = part.partname.ext.lower()
        if (ext, part.content_type) in default_content_types:
            defaults[ext] = part.content_type
        else:
            overrides[str(part.partname)] = part.content_type
    items = [
        f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(ct)}/>"
        for ext, ct in sorted(defaults.items())
    ] + [
        f"<Override PartName={quoteattr(name)} ContentType={quoteattr(ct)}/>"
        for name, ct in sorted(overrides.items())
    ]
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(items)
        + "</Types>"
    ).encode()
