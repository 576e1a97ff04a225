"""Office Open XML names and small helpers: one home for the DOCX writer, reader and test dump.

Namespaces and tag names of WordprocessingML and of the package (OPC) format, the relationship
and content types the writer uses (spelled as python-docx's ``docx.opc.constants`` spells
them, so that a letter needs no python-docx), the characters XML 1.0 cannot hold, and the few
helpers every module that reads or writes a part needs.

It lives in ``infra`` rather than in ``render/docx`` because :mod:`drafter.read.docx` and the
case loader use it too: importing it must not load the writer (``drafter check`` never
writes a letter). It imports nothing but :mod:`re` at run time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# --- namespaces ----------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
           "dc": "http://purl.org/dc/elements/1.1/"}

W = f"{{{W_NS}}}"
MC = f"{{{MC_NS}}}"
R_ID = f"{{{R_NS}}}id"
PKG_REL = f"{{{PR_NS}}}Relationship"

# --- WordprocessingML tag names (Clark notation) -------------------------------------------

W_P, W_PPR, W_PSTYLE, W_R, W_RPR, W_RSTYLE = (
    f"{W}{t}" for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle")
)
W_T, W_TAB, W_BR, W_VAL, W_HYPERLINK = (f"{W}{t}" for t in ("t", "tab", "br", "val", "hyperlink"))
W_STYLE, W_STYLE_ID, W_TYPE, W_NAME = (f"{W}{t}" for t in ("style", "styleId", "type", "name"))
W_NUM, W_NUM_ID, W_ABSTRACT_NUM, W_ABSTRACT_NUM_ID = (
    f"{W}{t}" for t in ("num", "numId", "abstractNum", "abstractNumId")
)
W_BODY, W_SECT_PR = f"{W}body", f"{W}sectPr"

# --- relationship and content types ---------------------------------------------------------

RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_HYPERLINK = f"{RT_BASE}hyperlink"
RT_NUMBERING = f"{RT_BASE}numbering"
RT_HEADER = f"{RT_BASE}header"
RT_FOOTER = f"{RT_BASE}footer"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_NUMBERING = f"{CT_WML}.numbering+xml"
CT_HEADER = f"{CT_WML}.header+xml"
CT_FOOTER = f"{CT_WML}.footer+xml"
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an encrypted Office file or an old ``.doc``."""

# What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): the complement of #x9, #xA,
# #xD, #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF. The case loader removes and reports
# these; this is the last line of defence against writing a corrupt file. (Written as the
# forbidden set because the allowed set's huge ranges take `re` ~10 ms to compile.)
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Remove characters XML 1.0 cannot hold."""
    return XML_INVALID.sub("", text)


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` (``xml.sax.saxutils.escape``, without its ~20 ms import)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """Escape and quote an attribute value exactly as ``xml.sax.saxutils.quoteattr`` does."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def child(parent: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child ``tag`` (a Clark name) of ``parent``, or None."""
    return None if parent is None else parent.find(tag)


def val(parent: etree._Element | None, tag: str) -> str | None:
    """The ``w:val`` of the first child ``tag`` of ``parent``, or None."""
    el = child(parent, tag)
    return None if el is None else el.get(W_VAL)
