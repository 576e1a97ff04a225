"""The letter's package (OPC): its parts, relationships, content types and core properties.

A :class:`Source` is a reference document or letterhead prepared once (by
:mod:`.letterhead`): its parts in the order python-docx writes them, their bytes and their
relationships. A :class:`Letter` starts from a source, parses only the parts it changes (the
body, the numbering, the styles when a list style needs it, the core properties), adds the
relationships and parts it needs, and writes the package exactly as python-docx's ``save``
would (with fixed timestamps), reusing the compressed bytes of every unchanged member.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from lxml import etree

from drafter.document import Notice
from drafter.infra.ooxml import (
    CORE_NS,
    CT_NUMBERING,
    CT_RELATIONSHIPS,
    CT_XML,
    PR_NS,
    RT_NUMBERING,
    W_NS,
    clean,
    quoteattr,
)
from drafter.render.docx import zipwriter
from drafter.render.docx.styles import Styles

# Parts are parsed the way python-docx parses them (docx.oxml.parser), so that they are
# written back byte for byte as python-docx writes them.
OXML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

__all__ = [
    "OXML_PARSER",
    "Letter",
    "LetterPart",
    "Rel",
    "Source",
    "SourcePart",
    "content_types",
    "free_partname",
    "relative_ref",
    "rels_member",
    "rels_xml",
    "serialize",
    "set_core_properties",
]


# Records of a prepared source are named tuples rather than dataclasses: they are made, and
# unpickled, on every run, and a named tuple class costs a sixth of a frozen dataclass to make.


class Rel(NamedTuple):
    """A relationship: ``target`` is a part name, or the URL of an external target."""

    rid: str
    reltype: str
    target: str
    external: bool
    ref: str  # the Target attribute as python-docx writes it (relative for a part)


class SourcePart(NamedTuple):
    """One part of a prepared package, with the bytes python-docx writes for it."""

    name: str
    content_type: str
    ext: str
    default_type: bool  # (ext, content type) is one of OPC's default content types
    blob: bytes
    rels: tuple[Rel, ...]
    rels_member: str
    rels_xml: bytes | None


@dataclass
class Source:
    """A reference document or letterhead, prepared once: what every letter on it starts from.

    ``parts`` are in the order python-docx writes them. Per process, the styles part is
    parsed once for lookups, and the compressed bytes of each unchanged member are kept.
    """

    parts: dict[str, SourcePart]
    package_rels: tuple[Rel, ...]
    package_rels_xml: bytes
    document: str
    styles: str
    core: str
    styles_ids: Styles
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
                                                          OXML_PARSER)
        return root


class Letter:
    """One letter's package: its source, and the parts and relationships this letter changes."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.elements: dict[str, etree._Element] = {}
        self.rels: dict[str, list[Rel]] = {}
        self.added: dict[str, tuple[str, bool]] = {}  # new part -> (content type, default)

    def part(self, name: str) -> LetterPart:
        """The part ``name``, for the paragraph writer (which only adds hyperlinks to it)."""
        return LetterPart(self, name)

    def element(self, name: str) -> etree._Element:
        """Part ``name``'s XML, parsed for this letter to change (written back changed)."""
        found = self.elements.get(name)
        if found is None:
            memo = self.source.memo
            parsed = memo.get(("element", name))
            if parsed is None:  # parsed once per source; each letter changes its own copy
                parsed = memo[("element", name)] = etree.fromstring(
                    self.source.parts[name].blob, OXML_PARSER)
            found = self.elements[name] = copy.deepcopy(parsed)
        return found

    def styles_root(self, mutable: bool) -> etree._Element:
        """The styles, shared and read-only unless ``mutable`` (then this letter's own)."""
        if mutable or self.source.styles in self.elements:
            return self.element(self.source.styles)
        return self.source.styles_root()

    def rels_of(self, name: str) -> list[Rel] | tuple[Rel, ...]:
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
        ref = target if external else relative_ref(target, posixpath.split(name)[0])
        rels.append(Rel(rid, reltype, target, external, ref))
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
        name = free_partname(set(self.iter_parts()), "/word/numbering.xml")
        root = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}"/>', OXML_PARSER)
        self.add_part(name, CT_NUMBERING, root, default_type=self.source.numbering_default_type)
        self.relate_to(document, name, RT_NUMBERING, False)
        return root

    def add_part(self, name: str, content_type: str, root: etree._Element, *,
                 default_type: bool = False) -> None:
        """Add part ``name`` holding ``root`` (relate it to a part to have it written).

        ``default_type``: (extension, content type) is one of OPC's default content types.
        """
        self.added[name] = (content_type, default_type)
        self.elements[name] = root

    def next_partname(self, template: str) -> str:
        """The first free part name ``template % n``, n = 1, 2, ... (python-docx's way)."""
        taken = set(self.iter_parts())
        return next(name for n in range(1, len(taken) + 2)
                    if (name := template % n) not in taken)

    def iter_parts(self) -> list[str]:
        """Part names in python-docx's order: depth first along the relationships."""
        visited: list[str] = []
        seen: set[str] = set()

        def walk(rels: Iterable[Rel]) -> None:
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
                members.append((name[1:], serialize(element), False))
            else:
                assert part is not None
                members.append((name[1:], part.blob, True))
            rels = self.rels_of(name)
            if rels:
                if name in self.rels or part is None or part.rels_xml is None:
                    members.append((rels_member(name), rels_xml(rels), False))
                else:
                    members.append((part.rels_member, part.rels_xml, True))
        head = [("[Content_Types].xml", content_types(kinds), True),
                ("_rels/.rels", source.package_rels_xml, True)]
        return zipwriter.write([zipwriter.deflate(n, d, memo if keep else None)
                                for n, d, keep in head + members])


class LetterPart:
    """A part of a :class:`Letter`, with the one method the paragraph writer needs."""

    def __init__(self, letter: Letter, name: str) -> None:
        self._letter = letter
        self._name = name

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The rId of a relationship to ``target`` (a URL when ``is_external``)."""
        return self._letter.relate_to(self._name, target, reltype, is_external)


def serialize(element: etree._Element) -> bytes:
    """An XML part as python-docx writes it (``serialize_part_xml``)."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


def relative_ref(partname: str, base: str) -> str:
    """python-docx's ``PackURI.relative_ref``."""
    return partname[1:] if base == "/" else posixpath.relpath(partname, base)


def rels_member(partname: str) -> str:
    """The zip member holding the relationships of ``partname`` (python-docx's ``rels_uri``)."""
    base, filename = posixpath.split(partname)
    return posixpath.join(base, "_rels", f"{filename}.rels")[1:]


def rels_xml(rels: Iterable[Rel]) -> bytes:
    """A ``.rels`` part as python-docx writes it (``CT_Relationships``, element by element)."""
    root = copy.deepcopy(_rels_prototype(""))
    for rel in rels:
        child = copy.deepcopy(_rels_prototype("Relationship"))
        child.set("Id", rel.rid)
        child.set("Type", rel.reltype)
        child.set("Target", rel.ref)
        if rel.external:
            child.set("TargetMode", "External")
        root.append(child)
    return serialize(root)


@cache
def _rels_prototype(tag: str) -> etree._Element:
    """``<Relationships>`` (for ``""``) or one ``<Relationship>``, parsed once and copied.

    The same elements python-docx parses for each relationship.
    """
    return etree.fromstring(f'<{tag or "Relationships"} xmlns="{PR_NS}"/>', OXML_PARSER)


def content_types(parts: Iterable[tuple[str, str, str, bool]]) -> bytes:
    """``[Content_Types].xml`` for parts given as (name, extension, content type, default)."""
    defaults = {"rels": CT_RELATIONSHIPS, "xml": CT_XML}
    overrides: dict[str, str] = {}
    for name, ext, content_type, default in parts:
        if default:
            defaults[ext] = content_type
        else:
            overrides[name] = content_type
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


def set_core_properties(core: etree._Element, notice: Notice) -> None:
    """Set title, subject and author; no dates (the renderer reads no clock), no requester data.

    Written on the core-properties XML as python-docx's setters write it: each property is the
    first child of its name, added at the end when missing.
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
        clark = f"{{{CORE_NS[prefix]}}}{local}"
        element = core.find(clark)
        if element is None:
            element = OXML_PARSER.makeelement(clark, nsmap={prefix: CORE_NS[prefix]})
            core.append(element)
        element.text = value
    for name in ("created", "modified", "lastPrinted"):
        for el in core.findall(f"{{*}}{name}"):
            core.remove(el)


def _prop(value: str) -> str:
    return clean(value)[:255]


def free_partname(taken: set[str], name: str) -> str:
    """``name``, or ``name`` numbered 2, 3, ... if taken (as python-docx names a new part)."""
    stem, n = name[: -len(".xml")], 1
    while name in taken:
        n += 1
        name = f"{stem}{n}.xml"
    return name
