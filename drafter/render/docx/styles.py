"""The letter's styles: which style each role takes, found or copied in, and list numbering.

The look of a letter lives in named styles, never in direct formatting. :data:`STYLES` names
the style of each role the writer uses; :func:`resolve` finds each one in a document (by id,
then by name, as Word stores built-in names in lower case) and, in a letterhead, copies in
from the reference document (``templates/reference.docx``) those it lacks. :class:`Lists`
gives bulleted and numbered paragraphs their Word numbering.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from lxml import etree

from drafter.infra.ooxml import (
    W_ABSTRACT_NUM,
    W_ABSTRACT_NUM_ID,
    W_NAME,
    W_NUM,
    W_NUM_ID,
    W_STYLE,
    W_STYLE_ID,
    W_TYPE,
    W_VAL,
    W,
    val,
)
from drafter.infra.resources import templates_dir

__all__ = ["STYLES", "Lists", "StyleSpec", "Styles", "reference", "reference_parts", "resolve"]


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
    "h4": StyleSpec("Heading 4", "Heading4"),
    "body": StyleSpec("Body Text", "BodyText"),
    "meta": StyleSpec("Notice Meta", "NoticeMeta"),
    "quote": StyleSpec("Request Quote", "RequestQuote"),
    "label": StyleSpec("Request Label", "RequestLabel"),
    "lead": StyleSpec("Lead In", "LeadIn"),
    "salutation": StyleSpec("Salutation", "Salutation"),
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


@cache
def reference() -> bytes:
    """The bytes of the reference document, ``templates/reference.docx``."""
    return (templates_dir() / "reference.docx").read_bytes()


@cache
def reference_parts() -> tuple[etree._Element, etree._Element]:
    """The reference document's styles and numbering, to copy from into a letterhead."""
    with zipfile.ZipFile(io.BytesIO(reference())) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    return styles, numbering


@dataclass(frozen=True, slots=True)
class Styles:
    """The style ids of one document, by role, and which of them we copied in."""

    ids: dict[str, str]
    copied: frozenset[str]

    def __getitem__(self, role: str) -> str:
        return self.ids[role]


def resolve(root: etree._Element, *, copy_missing: bool) -> Styles:
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
    return Styles(resolved, frozenset(copied))


def _copy_style(
    root: etree._Element,
    style_id: str,
    by_id: dict[str, etree._Element],
    by_name: dict[tuple[str, str], str],
    copied: set[str],
) -> str:
    """Copy style ``style_id`` from the reference document into ``root``; return its new id."""
    ref_styles, _ = reference_parts()
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
        elif (kind, _name(base).lower()) in by_name:  # the letterhead's own, under its id
            target = by_name[(kind, _name(base).lower())]
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


def _name(style: etree._Element) -> str:
    name = style.find(W_NAME)
    return name.get(W_VAL, "") if name is not None else ""


class Lists:
    """Word numbering for bulleted and numbered lists.

    Bulleted paragraphs share the bullet definition of the "List Bullet" style. Each numbered
    list gets a numbering instance of its own that restarts at 1.

    Args:
        styles: The document's style ids.
        numbering: Returns the numbering part's XML, adding the part if there is none.
        styles_root: Returns the styles part's XML; with True, one this letter may change.
    """

    def __init__(self, styles: Styles, numbering: Callable[[], etree._Element],
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
        num_id = val(num_pr, W_NUM_ID) if num_pr is not None else None
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
                return val(num, W_ABSTRACT_NUM_ID) or ""
        return ""

    def _copy_abstract(self, numbering: etree._Element, role: str) -> str:
        ref_styles, ref_numbering = reference_parts()
        spec = STYLES[role]
        ref_style = next(s for s in ref_styles.iter(W_STYLE) if s.get(W_STYLE_ID) == spec.style_id)
        ref_num_id = val(ref_style.find(f"{W}pPr/{W}numPr"), W_NUM_ID)
        ref_abstract_id = next(
            val(n, W_ABSTRACT_NUM_ID)
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


def _find_style(root: etree._Element, style_id: str) -> etree._Element | None:
    for style in root.iter(W_STYLE):
        if style.get(W_STYLE_ID) == style_id:
            return style
    return None
