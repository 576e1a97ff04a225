"""Render the document tree to a Word document (DOCX).

The look of a letter lives in named styles, never in direct formatting: every paragraph gets a
paragraph style ("Body Text", "Request Quote", ...) and strong, emphasised and linked text a
character style. The styles come from ``templates/reference.docx`` (built by
``tools/make_reference_docx.py``) or, with a letterhead, from the authority's own document:
its header, footer, logo, page setup and styles are kept, and any of our styles it lacks are
copied in from the reference document.

Speed: python-docx's style-by-name lookup dominates its build time, so styles are set by id,
straight on the XML, after resolving every id once per document; paragraphs are built with
lxml; and the package is written with fixed timestamps, so the same notice always gives the
same bytes.

The reference document and each letterhead are opened with python-docx once, not once per
letter: the package as python-docx would write it (its parts, relationships and resolved
styles) is kept as a :class:`_Source`, in the process and in the user's cache
(:mod:`drafter.infra.cache`, keyed by the document's content and the versions of python-docx, lxml
and drafter). A letter then parses only the parts it changes (the body, the numbering and the
document properties), writes the rest as they are and reuses their compressed bytes, and
never imports python-docx. Only a letter with its own header or footer and no letterhead
still goes through python-docx, which creates the header and footer parts.

Pure apart from reading the reference document and the letterhead: returns bytes.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

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
from drafter.infra.resources import templates_dir

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

# The OPC names python-docx uses (docx.opc.constants), so that a letter needs no python-docx.
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
_CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "dc": "http://purl.org/dc/elements/1.1/"}
# Parts are parsed the way python-docx parses them (docx.oxml.parser), so that they are
# written back byte for byte as python-docx writes them.
_OXML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

# What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): the complement of #x9, #xA,
# #xD, #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF. The case loader removes and reports
# these; this is the last line of defence against writing a corrupt file. (Written as the
# forbidden set because the allowed set's huge ranges take `re` ~10 ms to compile.)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    if letterhead is None and (notice.header or notice.footer):
        return _render_with_python_docx(notice)
    source = _reference_source() if letterhead is None else _letterhead_source(letterhead)
    letter = _Letter(source)
    lists = _Lists(source.styles_ids, letter.numbering, letter.styles_root)
    body = letter.element(source.document).find(f"{W}body")
    assert body is not None  # checked when the source was prepared
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    _Writer(letter.part(source.document), source.styles_ids, lists, title_style=True).blocks(
        body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
    _set_core_properties(letter.element(source.core), notice)
    return letter.write()


def _render_with_python_docx(notice: Notice) -> bytes:
    """The reference document through python-docx: for a letter with a header or footer."""
    from docx import Document

    doc = Document(io.BytesIO(_reference()))
    styles = _resolve_styles(doc.part.styles.element, copy_missing=False)
    lists = _Lists(styles, lambda: _python_docx_numbering(doc.part),
                   lambda mutable: doc.part.styles.element)
    body = doc.element.body
    sect_pr = body[-1] if len(body) and body[-1].tag == W_SECT_PR else None
    if sect_pr is not None:
        body.remove(sect_pr)
    _Writer(doc.part, styles, lists, title_style=True).blocks(body, notice.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
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


def _python_docx_numbering(part: Any) -> etree._Element:
    """The numbering of a python-docx document part, added if it has none."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        numbering = part.part_related_by(RT.NUMBERING)
    except KeyError:  # python-docx cannot create a numbering part itself
        package = part.package
        taken = {str(p.partname) for p in package.iter_parts()}
        numbering = NumberingPart(
            PackURI(_free_partname(taken, "/word/numbering.xml")),
            CT.WML_NUMBERING,
            parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'),
            package,
        )
        part.relate_to(numbering, RT.NUMBERING)
    element: etree._Element = numbering.element
    return element


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


def _read_letterhead(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        fix = "check the path given to --letterhead or in the authority profile"
        raise LetterheadError(path, f"cannot be read ({exc.strerror or exc})", fix) from exc
    if data.startswith(OLE_MAGIC):
        raise LetterheadError(path, "is password-protected, or is an old-style .doc file")
    return data


def _open_letterhead(path: Path, data: bytes) -> tuple[Any, _Styles]:
    """Open letterhead ``data`` with python-docx: its body emptied, our styles resolved."""
    from docx import Document

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


# --- prepared sources: the reference document or a letterhead, as python-docx writes it -------


# Records of a prepared source are named tuples rather than dataclasses: they are made, and
# unpickled, on every run, and a named tuple class costs a sixth of a frozen dataclass to make.


class _Rel(NamedTuple):
    """A relationship: ``target`` is a part name, or the URL of an external target."""

    rid: str
    reltype: str
    target: str
    external: bool
    ref: str  # the Target attribute as python-docx writes it (relative for a part)


class _SourcePart(NamedTuple):
    """One part of a prepared package, with the bytes python-docx writes for it."""

    name: str
    content_type: str
    ext: str
    default_type: bool  # (ext, content type) is one of OPC's default content types
    blob: bytes
    rels: tuple[_Rel, ...]
    rels_member: str
    rels_xml: bytes | None


@dataclass
class _Source:
    """A reference document or letterhead, prepared once: what every letter on it starts from.

    ``parts`` are in the order python-docx writes them. Per process, the styles part is
    parsed once for lookups, and the compressed bytes of each unchanged member are kept.
    """

    parts: dict[str, _SourcePart]
    package_rels: tuple[_Rel, ...]
    package_rels_xml: bytes
    document: str
    styles: str
    core: str
    styles_ids: _Styles
    numbering_default_type: bool
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__dataclass_fields__}
        state["memo"] = {}  # parsed elements and compressed bytes stay in their process
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def styles_root(self) -> etree._Element:
        """The styles part, parsed once and only ever read."""
        root = self.memo.get("styles")
        if root is None:
            root = self.memo["styles"] = etree.fromstring(self.parts[self.styles].blob,
                                                          _OXML_PARSER)
        return root


def _snapshot(doc: Any, styles: _Styles) -> _Source:
    """The prepared python-docx document ``doc`` as a :class:`_Source`."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.spec import default_content_types

    package = doc.part.package
    # Asking for the core properties adds the part if there is none, as writing them would.
    doc.core_properties  # noqa: B018
    parts: dict[str, _SourcePart] = {}
    for part in package.iter_parts():
        ext = part.partname.ext.lower()
        parts[str(part.partname)] = _SourcePart(
            name=str(part.partname), content_type=part.content_type, ext=ext,
            default_type=(ext, part.content_type) in default_content_types, blob=part.blob,
            rels=tuple(_rel(r) for r in part.rels.values()),
            rels_member=part.partname.rels_uri.membername,
            rels_xml=part.rels.xml if len(part.rels) else None)
    return _Source(
        parts=parts, package_rels=tuple(_rel(r) for r in package.rels.values()),
        package_rels_xml=package.rels.xml, document=str(doc.part.partname),
        styles=str(doc.part.part_related_by(RT.STYLES).partname),
        core=str(package.part_related_by(RT.CORE_PROPERTIES).partname), styles_ids=styles,
        numbering_default_type=("xml", CT.WML_NUMBERING) in default_content_types)


def _rel(rel: Any) -> _Rel:
    target = rel.target_ref if rel.is_external else str(rel.target_part.partname)
    return _Rel(rel.rId, rel.reltype, target, rel.is_external, rel.target_ref)


def _source_key(kind: str, data: bytes) -> tuple[str, str]:
    """The user-cache entry name and key of the prepared source made from ``data``."""
    from drafter.infra import cache as user_cache

    content = user_cache.digest(data)
    key = (f"docx-source 1 {kind} {content} {user_cache.source_stamp()} "
           f"{user_cache.module_stamp('docx')} lxml {etree.LXML_VERSION} {etree.LIBXML_VERSION}")
    return f"docx-{kind}-{content[:16]}", key


def _cached_source(kind: str, data: bytes, build: Callable[[], _Source]) -> _Source:
    """The source prepared from ``data``, from the user's cache or built (and then kept)."""
    from drafter.infra import cache as user_cache

    stem, key = _source_key(kind, data)
    found = user_cache.load(stem, key)
    if isinstance(found, _Source):
        return found
    source = build()
    user_cache.store(stem, key, source)
    return source


@cache
def _reference_source() -> _Source:
    def build() -> _Source:
        from docx import Document

        doc = Document(io.BytesIO(_reference()))
        return _snapshot(doc, _resolve_styles(doc.part.styles.element, copy_missing=False))

    return _cached_source("reference", _reference(), build)


_LETTERHEADS: dict[bytes, _Source] = {}
_LETTERHEADS_KEPT = 8


def _letterhead_source(path: Path) -> _Source:
    """The prepared letterhead, kept per process by its content (a changed file is new)."""
    import hashlib

    data = _read_letterhead(path)
    key = hashlib.blake2b(data, digest_size=32).digest()
    source = _LETTERHEADS.get(key)
    if source is None:
        source = _cached_source("letterhead", data,
                                lambda: _snapshot(*_open_letterhead(path, data)))
        if len(_LETTERHEADS) >= _LETTERHEADS_KEPT:
            _LETTERHEADS.pop(next(iter(_LETTERHEADS)))
        _LETTERHEADS[key] = source
    return source


class _Letter:
    """One letter's package: its source, and the parts and relationships this letter changes."""

    def __init__(self, source: _Source) -> None:
        self.source = source
        self.elements: dict[str, etree._Element] = {}
        self.rels: dict[str, list[_Rel]] = {}
        self.added: dict[str, tuple[str, bool]] = {}  # new part -> (content type, default)

    def part(self, name: str) -> _LetterPart:
        """The part ``name``, for :class:`_Writer` (which only adds hyperlinks)."""
        return _LetterPart(self, name)

    def element(self, name: str) -> etree._Element:
        """Part ``name``'s XML, parsed for this letter to change (written back changed)."""
        found = self.elements.get(name)
        if found is None:
            found = self.elements[name] = etree.fromstring(self.source.parts[name].blob,
                                                           _OXML_PARSER)
        return found

    def styles_root(self, mutable: bool) -> etree._Element:
        """The styles, shared and read-only unless ``mutable`` (then this letter's own)."""
        if mutable or self.source.styles in self.elements:
            return self.element(self.source.styles)
        return self.source.styles_root()

    def rels_of(self, name: str) -> list[_Rel] | tuple[_Rel, ...]:
        """The relationships of part ``name``, as this letter has them."""
        if name in self.rels:
            return self.rels[name]
        part = self.source.parts.get(name)
        return part.rels if part is not None else ()

    def relate_to(self, name: str, target: str, reltype: str, external: bool) -> str:
        """The rId of a relationship of part ``name`` to ``target``, added if new.

        As python-docx: an existing relationship of the same type and target is reused,
        and a new one takes the lowest free ``rIdN``.
        """
        rels = self.rels.get(name)
        if rels is None:
            rels = self.rels[name] = list(self.rels_of(name))
        for rel in rels:
            if rel.reltype == reltype and rel.external == external and rel.target == target:
                return rel.rid
        taken = {rel.rid for rel in rels}
        rid = next(f"rId{n}" for n in range(1, len(rels) + 2) if f"rId{n}" not in taken)
        ref = target if external else _relative_ref(target, posixpath.split(name)[0])
        rels.append(_Rel(rid, reltype, target, external, ref))
        return rid

    def numbering(self) -> etree._Element:
        """The numbering part's XML, added (as python-docx would) if there is none."""
        document = self.source.document
        matching = [r for r in self.rels_of(document) if r.reltype == RT_NUMBERING]
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{RT_NUMBERING}' in collection")
        if matching:
            if matching[0].external:
                raise ValueError("target_part property on _Relationship is undefined when "
                                 "target mode is External")
            return self.element(matching[0].target)
        name = _free_partname(set(self.iter_parts()), "/word/numbering.xml")
        self.added[name] = (CT_NUMBERING, self.source.numbering_default_type)
        self.elements[name] = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}"/>',
                                               _OXML_PARSER)
        self.relate_to(document, name, RT_NUMBERING, False)
        return self.elements[name]

    def iter_parts(self) -> list[str]:
        """Part names in python-docx's order: depth first along the relationships."""
        visited: list[str] = []
        seen: set[str] = set()

        def walk(rels: Iterable[_Rel]) -> None:
            for rel in rels:
                if rel.external or rel.target in seen:
                    continue
                seen.add(rel.target)
                visited.append(rel.target)
                walk(self.rels_of(rel.target))

        walk(self.source.package_rels)
        return visited

    def write(self) -> bytes:
        """The package's bytes, as python-docx's save (with fixed timestamps) writes them."""
        source = self.source
        memo: dict[Any, tuple[int, int, bytes]] = source.memo.setdefault("zip", {})
        names = self.iter_parts()
        kinds: list[tuple[str, str, str, bool]] = []
        members: list[tuple[str, bytes, bool]] = []
        for name in names:
            part = source.parts.get(name)
            if part is None:
                content_type, default = self.added[name]
                kinds.append((name, posixpath.splitext(name)[1][1:].lower(), content_type,
                              default))
            else:
                kinds.append((name, part.ext, part.content_type, part.default_type))
            element = self.elements.get(name)
            if element is not None:
                members.append((name[1:], _serialize(element), False))
            else:
                assert part is not None
                members.append((name[1:], part.blob, True))
            rels = self.rels_of(name)
            if rels:
                if name in self.rels or part is None or part.rels_xml is None:
                    members.append((_rels_member(name), _rels_xml(rels), False))
                else:
                    members.append((part.rels_member, part.rels_xml, True))
        head = [("[Content_Types].xml", _content_types(kinds), True),
                ("_rels/.rels", source.package_rels_xml, True)]
        return _zip([_deflated(n, d, memo if keep else None) for n, d, keep in head + members])


class _LetterPart:
    """A part of a :class:`_Letter`, with the one method :class:`_Writer` needs."""

    def __init__(self, letter: _Letter, name: str) -> None:
        self._letter = letter
        self._name = name

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The rId of a relationship to ``target`` (a URL when ``is_external``)."""
        return self._letter.relate_to(self._name, target, reltype, is_external)


def _relative_ref(partname: str, base: str) -> str:
    """python-docx's ``PackURI.relative_ref``."""
    return partname[1:] if base == "/" else posixpath.relpath(partname, base)


def _rels_member(partname: str) -> str:
    """The zip member holding the relationships of ``partname`` (python-docx's ``rels_uri``)."""
    base, filename = posixpath.split(partname)
    return posixpath.join(base, "_rels", f"{filename}.rels")[1:]


def _rels_xml(rels: Iterable[_Rel]) -> bytes:
    """A ``.rels`` part as python-docx writes it (``CT_Relationships``, element by element)."""
    root = etree.fromstring(f'<Relationships xmlns="{PR_NS}"/>', _OXML_PARSER)
    for rel in rels:
        child = etree.fromstring(f'<Relationship xmlns="{PR_NS}"/>', _OXML_PARSER)
        child.set("Id", rel.rid)
        child.set("Type", rel.reltype)
        child.set("Target", rel.ref)
        if rel.external:
            child.set("TargetMode", "External")
        root.append(child)
    return _serialize(root)


def _serialize(element: etree._Element) -> bytes:
    """An XML part as python-docx writes it (``serialize_part_xml``)."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


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

    Args:
        styles: The document's style ids.
        numbering: Returns the numbering part's XML, adding the part if there is none.
        styles_root: Returns the styles part's XML; with True, one this letter may change.
    """

    def __init__(self, styles: _Styles, numbering: Callable[[], etree._Element],
                 styles_root: Callable[[bool], etree._Element]) -> None:
        self._styles = styles
        self._get_numbering = numbering
        self._styles_root = styles_root
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
            self._numbering = self._get_numbering()
        return self._numbering

    def _list_num_id(self, role: str) -> str:
        """The numId the list style uses; copied in from the reference document if needed."""
        numbering = self._root()
        style_id = self._styles[role]
        style = _find_style(self._styles_root(False), style_id)
        num_pr = style.find(f"{W}pPr/{W}numPr") if style is not None else None
        num_id = _val(num_pr, W_NUM_ID) if num_pr is not None else None
        copied = style_id in self._styles.copied
        if num_id is not None and not copied and self._abstract_of(num_id, numbering):
            return num_id
        abstract = self._copy_abstract(numbering, role)
        num_id = self._add_num(numbering, abstract).get(W_NUM_ID, "")
        if copied and num_pr is not None and num_pr.find(W_NUM_ID) is not None:
            # The style we copied in points at the numbering we just added.
            style = _find_style(self._styles_root(True), style_id)
            num_pr = style.find(f"{W}pPr/{W}numPr") if style is not None else None
            num_pr_id = num_pr.find(W_NUM_ID) if num_pr is not None else None
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


def _free_partname(taken: set[str], name: str) -> str:
    stem, n = name[: -len(".xml")], 1
    while name in taken:
        n += 1
        name = f"{stem}{n}.xml"
    return name


def _find_style(root: etree._Element, style_id: str) -> etree._Element | None:
    for style in root.iter(W_STYLE):
        if style.get(W_STYLE_ID) == style_id:
            return style
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
        rel_id = self._part.relate_to(url, RT_HYPERLINK, is_external=True)
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
            out.append(f'<w:t xml:space="preserve">{_escape(piece)}</w:t>')
        else:
            out.append(f"<w:t>{_escape(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


def _clean(text: str) -> str:
    """Remove characters XML 1.0 cannot hold."""
    return _XML_INVALID.sub("", text)


def _escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` (``xml.sax.saxutils.escape``, without its ~20 ms import)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _quoteattr(text: str) -> str:
    """Escape and quote an attribute value exactly as ``xml.sax.saxutils.quoteattr`` does."""
    text = _escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


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


def _set_core_properties(core: etree._Element, notice: Notice) -> None:
    """:func:`_set_properties` on the core-properties XML, as python-docx's setters do it.

    Each property is the first child of its name, added at the end when missing.
    """
    meta = notice.meta
    author = _prop(meta.get("author", ""))
    for tag, value in (
        ("dc:title", _prop(notice.title or meta.get("title", ""))),
        ("dc:subject", _prop(meta.get("subject", meta.get("reference", "")))),
        ("dc:creator", author),
        ("cp:lastModifiedBy", author),
        ("dc:identifier", _prop(meta.get("reference", ""))),
        ("cp:keywords", ""),
        ("dc:description", ""),
        ("cp:category", ""),
        ("cp:revision", "1"),
    ):
        prefix, local = tag.split(":")
        clark = f"{{{_CORE_NS[prefix]}}}{local}"
        element = core.find(clark)
        if element is None:
            element = _OXML_PARSER.makeelement(clark, nsmap={prefix: _CORE_NS[prefix]})
            core.append(element)
        element.text = value
    for name in ("created", "modified", "lastPrinted"):
        for el in core.findall(f"{{*}}{name}"):
            core.remove(el)


def _prop(value: str) -> str:
    return _clean(value)[:255]


def _write_package(package: Any) -> bytes:
    """Zip a python-docx package as python-docx does, but with fixed timestamps."""
    from docx.opc.spec import default_content_types

    parts = list(package.iter_parts())
    kinds = [(str(p.partname), p.partname.ext.lower(), p.content_type,
              (p.partname.ext.lower(), p.content_type) in default_content_types) for p in parts]
    members = [("[Content_Types].xml", _content_types(kinds)), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return _zip([_deflated(name, data, None) for name, data in members])


def _content_types(parts: Iterable[tuple[str, str, str, bool]]) -> bytes:
    """``[Content_Types].xml`` for parts given as (name, extension, content type, default)."""
    defaults = {"rels": CT_RELATIONSHIPS, "xml": CT_XML}
    overrides: dict[str, str] = {}
    for name, ext, content_type, default in parts:
        if default:
            defaults[ext] = content_type
        else:
            overrides[name] = content_type
    items = [
        f"<Default Extension={_quoteattr(ext)} ContentType={_quoteattr(ct)}/>"
        for ext, ct in sorted(defaults.items())
    ] + [
        f"<Override PartName={_quoteattr(name)} ContentType={_quoteattr(ct)}/>"
        for name, ct in sorted(overrides.items())
    ]
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(items)
        + "</Types>"
    ).encode()


# --- the zip: what zipfile writes for each member, with compressed members reused -----------

_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | (ZIP_TIME[5] // 2)
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_CREATE_SYSTEM = 0 if sys.platform == "win32" else 3  # as zipfile.ZipInfo
_EXTERNAL_ATTR = 0o600 << 16
_ZIP_VERSION = 20  # zipfile's DEFAULT_VERSION
_MAX_MEMBER = 1 << 30  # zipfile switches to ZIP64 near 2 GiB; no letter comes close


def _deflated(name: str, data: bytes, memo: dict[Any, tuple[int, int, bytes]] | None
              ) -> tuple[str, int, int, bytes]:
    """``(name, CRC-32, size, deflated data)``; ``memo`` keeps it for data seen again."""
    if memo is not None:
        found = memo.get((name, data))
        if found is not None:
            return (name, *found)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    entry = (zlib.crc32(data), len(data), packed)
    if memo is not None:
        memo[(name, data)] = entry
    return (name, *entry)


def _zip(members: list[tuple[str, int, int, bytes]]) -> bytes:
    """A zip of deflated members, byte for byte what ``zipfile`` writes for them.

    Each member is written as ``ZipFile.writestr`` writes it to a seekable file: dated
    1980-01-01, mode 0600, no data descriptor, no extra field, no comment.
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, crc, size, data in members:
        if size > _MAX_MEMBER or len(data) > _MAX_MEMBER:
            raise ValueError(f"{name} is too large for a letter")
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), 0x800
        out.append(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _ZIP_VERSION, 0, flags,
                               zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(data), size,
                               len(filename), 0))
        out.append(filename)
        out.append(data)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _ZIP_VERSION,
                                   _CREATE_SYSTEM, _ZIP_VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                   _DOS_TIME, _DOS_DATE, crc, len(data), size, len(filename), 0,
                                   0, 0, 0, _EXTERNAL_ATTR, offset))
        central.append(filename)
        offset += 30 + len(filename) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(directory), offset, 0)
    return b"".join(out) + directory + end
