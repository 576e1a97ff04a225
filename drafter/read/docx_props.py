"""What a DOCX paragraph's and run's properties say: the paragraph's kind, the run's visibility.

:func:`classify` tells a heading, a list item, a quote or body text from ``w:pPr`` (its
style's id or name, outline level and numbering); :func:`invisible` tells a run the reader
of the letter cannot see from its ``w:rPr``. Used by :mod:`drafter.read.docx`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lxml import etree

from drafter.infra.ooxml import W_PSTYLE, W_VAL, W

__all__ = ["classify", "first_child", "invisible"]

_BODY_KEYS = ("normal", "body", "clause", "address", "signature", "meta", "small",
              "salutation", "closing", "reference", "date", "footer", "header", "plain",
              "default", "statute", "request", "caption", "tabletext", "nospacing")
_NON_ALNUM = re.compile(r"[^a-z0-9]")
_HEADING_ID = re.compile(r"^(?:heading|berschrift|titre|titolo|kop)(\d)$")


def first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child of ``el`` called ``tag``: ``el.find(tag)`` without its path parser."""
    for child in el.iterchildren(tag):
        return child
    return None


_VANISH, _SPEC_VANISH, _SZ, _COLOR, _HIGHLIGHT = (W + t for t in ("vanish", "specVanish", "sz",
                                                                  "color", "highlight"))
_OFF = frozenset({"0", "false", "off"})


def invisible(run: etree._Element, rpr: etree._Element) -> bool:
    """True for a run (whose first ``w:rPr`` is ``rpr``) the reader of the letter cannot see.

    Hidden text (``w:vanish``), text under 2 points, or white text with nothing dark behind
    it: no highlight, and no fill on the run, its paragraph, its table cell or its table.
    """
    color = highlight = None
    for el in rpr:
        tag = el.tag
        if tag in (_VANISH, _SPEC_VANISH):
            if (el.get(W_VAL) or "").lower() not in _OFF:
                return True
        elif tag == _SZ:
            val = (el.get(W_VAL) or "").lower()
            if val.isdigit() and int(val) < 4:  # half-points
                return True
        elif tag == _COLOR:
            color = el if color is None else color
        elif tag == _HIGHLIGHT:
            highlight = el if highlight is None else highlight
    if color is None or (color.get(W_VAL) or "").upper() != "FFFFFF":
        return False
    if highlight is not None and (highlight.get(W_VAL) or "").lower() not in ("none", "white"):
        return False
    return not (_filled(rpr) or any(_filled(first_child(anc, props)) for anc in run.iterancestors()
                                    for props in _SHADED_PROPS.get(anc.tag, ())))


_SHADED_PROPS = {W + "p": (W + "pPr",), W + "tc": (W + "tcPr",), W + "tbl": (W + "tblPr",)}
_BLANK = frozenset({"", "auto", "ffffff", "white"})


def _filled(props: etree._Element | None) -> bool:
    """True when the properties ``props`` shade their text with anything but white.

    When unsure (a pattern over a coloured ground), it counts as filled: the text is read.
    """
    shd = first_child(props, W + "shd") if props is not None else None
    if shd is None:
        return False
    fill = (shd.get(W + "fill") or "").lower()
    pattern = (shd.get(W_VAL) or "").lower()
    ink = (shd.get(W + "color") or "").lower()
    return fill not in _BLANK or (pattern not in ("", "clear", "nil") and ink not in _BLANK)


def classify(ppr: etree._Element | None, style_name: Callable[[str], str]) -> tuple[str, int, bool]:
    """Return ``(kind, heading level, ordered)`` from a paragraph's properties ``ppr``.

    Kind is heading, list, quote or body; ``style_name(id)`` is the name of the style with
    that id in the package ("" if none), asked only when the id alone does not tell.
    """
    if ppr is None:
        return "body", 0, False
    style_el = outline = num = None  # the first of each, as find() would give
    for el in ppr:
        tag = el.tag
        if tag == W_PSTYLE:
            style_el = el if style_el is None else style_el
        elif tag == _OUTLINE_LVL:
            outline = el if outline is None else outline
        elif tag == _NUM_PR:
            num = el if num is None else num
    style = (style_el.get(W_VAL) or "") if style_el is not None else ""
    kind = _style_kind(style)
    if kind is None and style:
        name = style_name(style)
        kind = _style_kind(name) if name else None
    if kind is not None and kind[0] != "body":
        return kind
    if outline is not None and (outline.get(W_VAL) or "").isdigit():
        return "heading", min(int(outline.get(W_VAL) or "0") + 1, 3), False
    if num is not None:
        num_id = first_child(num, _NUM_ID)
        if num_id is None or num_id.get(W_VAL) != "0":
            return "list", 0, False
    return "body", 0, False


_OUTLINE_LVL, _NUM_PR, _NUM_ID = W + "outlineLvl", W + "numPr", W + "numId"


@lru_cache(maxsize=1024)
def _style_kind(style: str) -> tuple[str, int, bool] | None:
    """Kind of a paragraph style, from its id or name; None when it cannot be told."""
    return _kind_from_key(_NON_ALNUM.sub("", style.lower()))


def _kind_from_key(key: str) -> tuple[str, int, bool] | None:
    if not key:
        return None
    m = _HEADING_ID.match(key) or re.match(r"^heading(\d)", key)
    if m:
        return "heading", min(int(m.group(1)) + 1, 3), False
    if "subtitle" in key or key.startswith("noticeheading"):
        return "heading", 2, False
    if key.endswith("title"):
        return "heading", 1, False
    if key.startswith(("list", "bullet")):
        return "list", 0, "number" in key
    # Word's plain "Quote" and our "Request Quote": words quoted from someone else (the
    # request), which the checker must not take as the authority's own statements. Only these
    # exact names: "Intense Quote" and the like are used for emphasis, often of the decision.
    if key in _QUOTE_KEYS:
        return "quote", 0, False
    if key.startswith(_BODY_KEYS) or key.endswith(("text", "body")):
        return "body", 0, False
    return None


_QUOTE_KEYS = frozenset({"quote", "requestquote"})
