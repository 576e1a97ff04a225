"""Letterheads and the reference document: read, validate, relabel a template, prepare once.

A letter is written on the reference document (``templates/reference.docx``) or on an
authority's own letterhead: its header, footer, logo, page setup and styles are kept, its
body is replaced by the letter, and any of our styles it lacks are copied in.

Either document is opened with python-docx once, not once per letter: the package as
python-docx would write it (its parts, relationships and resolved styles) is kept as a
:class:`~drafter.render.docx.package.Source`, in the process and in the user's cache
(:mod:`drafter.infra.cache`, keyed by the document's content and the versions of python-docx,
lxml and drafter). A letter on a prepared source never imports python-docx.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from drafter.errors import LetterheadError
from drafter.infra.lazyre import LazyPattern
from drafter.infra.ooxml import OLE_MAGIC, W_SECT_PR
from drafter.render.docx import zipwriter
from drafter.render.docx.package import Rel, Source, SourcePart
from drafter.render.docx.styles import Styles, reference
from drafter.render.docx.styles import resolve as resolve_styles

__all__ = ["forget_prepared", "letterhead_source", "open_letterhead", "read_letterhead",
           "reference_source", "template_as_document"]

_STREAM_REPR = LazyPattern(r"'?<_io\.BytesIO object at 0x[0-9a-f]+>'?")


class _MacroEnabledError(ValueError):
    pass


def read_letterhead(path: Path) -> bytes:
    """The bytes of the letterhead at ``path``, refused early if it is an encrypted file.

    Only a regular file of at most :data:`~drafter.render.docx.trim.MAX_LETTERHEAD_BYTES`.
    """
    from drafter.infra.regular import describe, read_regular
    from drafter.render.docx.trim import MAX_LETTERHEAD_BYTES

    try:
        data = read_regular(path, MAX_LETTERHEAD_BYTES)
    except OSError as exc:
        fix = "check the path given to --letterhead or in the authority profile"
        raise LetterheadError(path, f"cannot be read ({describe(exc)})", fix) from None
    if data.startswith(OLE_MAGIC):
        raise LetterheadError(path, "is password-protected, or is an old-style .doc file")
    return data


def open_letterhead(path: Path, data: bytes) -> tuple[Any, Styles]:
    """Open letterhead ``data`` with python-docx: its body emptied, our styles resolved."""
    from docx import Document

    from drafter.render.docx.trim import trim_letterhead

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LetterheadError(path, "is not a Word document (.docx)")
    data = trim_letterhead(data, lambda problem, fix: LetterheadError(
        path, problem if problem.startswith(("is ", "has ")) else f"is refused: {problem}",
        fix or None))
    try:
        doc = Document(io.BytesIO(template_as_document(data)))
        body = doc.element.body
        children = list(body)
        if children and children[-1].tag == W_SECT_PR:
            children.pop()  # keep the page setup, header and footer references
        for child in children:
            body.remove(child)
        styles = resolve_styles(doc.part.styles.element, copy_missing=True)
    except _MacroEnabledError as exc:
        raise LetterheadError(path, "is macro-enabled (.docm or .dotm)") from exc
    except Exception as exc:  # any failure to read a foreign file is the file's problem
        detail = _STREAM_REPR.sub("the file", str(exc).split("\n")[0])[:200]
        detail = detail or type(exc).__name__
        raise LetterheadError(path, f"is damaged or not a Word document ({detail})") from exc
    return doc, styles


def template_as_document(data: bytes) -> bytes:
    """Relabel a Word template (.dotx) as a document so that python-docx opens it."""
    template = b"wordprocessingml.template.main+xml"
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        types = src.read("[Content_Types].xml")
        if b"macroEnabled" in types:
            raise _MacroEnabledError
        if template not in types:
            return data
        members = []
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = types.replace(template, b"wordprocessingml.document.main+xml")
            members.append(zipwriter.deflate(info.filename, blob))
    return zipwriter.write(members)


def _snapshot(doc: Any, styles: Styles) -> Source:
    """The prepared python-docx document ``doc`` as a :class:`Source`."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.spec import default_content_types

    package = doc.part.package
    # Asking for the core properties adds the part if there is none, as writing them would.
    doc.core_properties  # noqa: B018
    parts: dict[str, SourcePart] = {}
    for part in package.iter_parts():
        ext = part.partname.ext.lower()
        parts[str(part.partname)] = SourcePart(
            name=str(part.partname), content_type=part.content_type, ext=ext,
            default_type=(ext, part.content_type) in default_content_types, blob=part.blob,
            rels=tuple(_rel(r) for r in part.rels.values()),
            rels_member=part.partname.rels_uri.membername,
            rels_xml=part.rels.xml if len(part.rels) else None)
    return Source(
        parts=parts, package_rels=tuple(_rel(r) for r in package.rels.values()),
        package_rels_xml=package.rels.xml, document=str(doc.part.partname),
        styles=str(doc.part.part_related_by(RT.STYLES).partname),
        core=str(package.part_related_by(RT.CORE_PROPERTIES).partname), styles_ids=styles,
        numbering_default_type=("xml", CT.WML_NUMBERING) in default_content_types)


def _rel(rel: Any) -> Rel:
    target = rel.target_ref if rel.is_external else str(rel.target_part.partname)
    return Rel(rel.rId, rel.reltype, target, rel.is_external, rel.target_ref)


def _prepared(kind: str, data: bytes, build: Callable[[], Source]) -> Source:
    """The source prepared from ``data``, from the user's cache or built (and then kept)."""
    from drafter.infra import cache

    return cache.memoize(
        f"docx-{kind}", name=cache.digest(data), inputs=[(kind, data)],
        versions=[cache.module_stamp("docx"), f"lxml {etree.LXML_VERSION} {etree.LIBXML_VERSION}"],
        build=build, expect=Source)


@cache
def reference_source() -> Source:
    """The reference document, prepared once per process (and kept in the user's cache)."""
    def build() -> Source:
        from docx import Document

        doc = Document(io.BytesIO(reference()))
        return _snapshot(doc, resolve_styles(doc.part.styles.element, copy_missing=False))

    return _prepared("reference", reference(), build)


_LETTERHEADS: dict[bytes, Source] = {}
_LETTERHEADS_KEPT = 8


def letterhead_source(path: Path) -> Source:
    """The prepared letterhead, kept per process by its content (a changed file is new)."""
    import hashlib

    data = read_letterhead(path)
    key = hashlib.blake2b(data, digest_size=32).digest()
    source = _LETTERHEADS.get(key)
    if source is None:
        source = _prepared("letterhead", data, lambda: _snapshot(*open_letterhead(path, data)))
        if len(_LETTERHEADS) >= _LETTERHEADS_KEPT:
            _LETTERHEADS.pop(next(iter(_LETTERHEADS)))
        _LETTERHEADS[key] = source
    return source


def forget_prepared() -> None:
    """Forget the reference document and letterheads prepared in this process.

    The next letter prepares them again (or takes them from the user's cache, whose key
    is their content): for a long-running process whose reference document was replaced.
    """
    reference_source.cache_clear()
    _LETTERHEADS.clear()
