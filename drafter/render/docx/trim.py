"""Take from a letterhead only what a letter needs, within the reader's budgets.

A letterhead comes from the authority, but it can be named from inside a case folder that
someone else sent, and whatever python-docx loads from it is copied into every letter (sent
to the requester) and into the user's cache. So before python-docx sees it:

* only the parts a letter on it can use are kept: the main document (its body is replaced
  by the letter), its styles, settings, theme, fonts, numbering and notes, the headers and
  footers the last section uses, and what those reach (a logo); images, embedded files,
  comments, glossaries and thumbnails that only the letterhead's own body or properties
  used are dropped without being decompressed;
* every part kept is read through :class:`drafter.infra.zipbudget.ZipBudget` (declared size,
  compression ratio, a total for the package), so a zip bomb is refused before it costs
  memory.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable

from lxml import etree

from drafter.infra.ooxml import PKG_REL, R_ID, W_SECT_PR, W
from drafter.infra.zipbudget import ZipBudget

__all__ = ["MAX_LETTERHEAD_BYTES", "MAX_LETTERHEAD_PARTS_BYTES", "trim_letterhead"]

MAX_LETTERHEAD_BYTES = 20 * 1024 * 1024
"""Largest letterhead file read (one with a large logo is a few MB)."""
MAX_LETTERHEAD_PARTS_BYTES = 32 * 1024 * 1024
"""Most bytes the parts kept from a letterhead may expand to, all together."""

_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_DOC_KEEP = frozenset({"styles", "stylesWithEffects", "settings", "webSettings", "fontTable",
                       "theme", "numbering", "footnotes", "endnotes"})
_PACKAGE_KEEP = frozenset({"officeDocument", "core-properties", "extended-properties",
                           "custom-properties"})
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _kind(rel: etree._Element) -> str:
    return (rel.get("Type") or "").rsplit("/", 1)[-1]


def _target(source: str, target: str) -> str:
    """The zip member a relationship of part ``source`` points at."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _section_refs(document: bytes, name: str, fail: Callable[[str, str], Exception]) -> set[str]:
    """The relationship ids of the headers and footers the document's last section uses."""
    try:
        root = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise fail(f"has a damaged part {name} ({exc})", "") from None
    body = root.find(W + "body")
    last = body[-1] if body is not None and len(body) else None
    if last is None or last.tag != W_SECT_PR:
        return set()
    return {ref.get(R_ID, "") for ref in last
            if ref.tag in (W + "headerReference", W + "footerReference")}


def trim_letterhead(data: bytes, fail: Callable[[str, str], Exception]) -> bytes:
    """The letterhead package ``data`` with only the parts a letter uses, read in budget.

    Raises:
        whatever ``fail(message, fix)`` returns: a part over a limit, or damaged XML.
    """
    budget = ZipBudget(fail, max_part=MAX_LETTERHEAD_PARTS_BYTES,
                       max_total=MAX_LETTERHEAD_PARTS_BYTES)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise fail(f"is not a Word document (.docx) ({exc})", "") from None
    with zf:
        infos = zf.infolist()
        budget.check_members(infos)
        names = {i.filename for i in infos}

        def xml(name: str) -> etree._Element:
            try:
                return etree.fromstring(budget.read(zf, name), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise fail(f"has a damaged part {name} ({exc})", "") from None

        keep: dict[str, bytes] = {}
        queue: list[str] = []
        main_parts: list[str] = []  # the officeDocument target(s) of the package

        def follow(rels_member: str, source: str, wanted: Callable[[etree._Element], bool]
                   ) -> None:
            root = xml(rels_member)
            for rel in list(root.iter(PKG_REL)):
                if not wanted(rel):
                    root.remove(rel)
                    continue
                if rel.get("TargetMode") == "External":
                    continue
                name = _target(source, rel.get("Target") or "")
                if source == "" and _kind(rel) == "officeDocument":
                    main_parts.append(name)
                if name in names and name not in keep and name not in queue:
                    queue.append(name)
            keep[rels_member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                               standalone=True)

        if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
            raise fail("is not a Word document (.docx)", "")
        follow("_rels/.rels", "", lambda rel: _kind(rel) in _PACKAGE_KEEP)
        main = main_parts[0] if main_parts and main_parts[0] in names else None
        sections: set[str] = set()
        if main is not None:
            keep[main] = budget.read(zf, main)
            sections = _section_refs(keep[main], main, fail)
        while queue:
            part = queue.pop(0)
            if part in keep and part != main:
                continue
            if part != main:
                keep[part] = budget.read(zf, part)
            rels = _rels_name(part)
            if rels in names:
                if part == main:
                    follow(rels, part, lambda rel: _kind(rel) in _DOC_KEEP
                           or (_kind(rel) in ("header", "footer") and rel.get("Id") in sections))
                else:
                    follow(rels, part, lambda rel: True)
        keep["[Content_Types].xml"] = budget.read(zf, "[Content_Types].xml")
        order = [i.filename for i in infos if i.filename in keep]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in order:
                dst.writestr(name, keep[name])
    return out.getvalue()
