"""Build ``templates/reference.docx``: the styles every DOCX letter is built on.

Run from the repository root after changing a style here, and commit the result::

    .venv/bin/python tools/make_reference_docx.py [OUTPUT]

It starts from python-docx's default template, defines drafter's named styles (the look of a
letter lives only in these styles; ``drafter.render.docx`` never sets fonts or sizes), then trims
the package to what a letter needs: ``styles.xml`` keeps our styles and the defaults they are
based on, and the parts a letter never uses (``stylesWithEffects.xml``, the theme, the font
table, web settings, custom XML, the thumbnail, the app properties) are dropped. The result is
about 4 KB, and the zip is written with fixed timestamps so that running this twice gives the
same bytes.

Legal and communications staff can restyle letters by editing the styles of this file in Word
(Home > Styles > Modify) and saving it, or an authority can pass its own ``--letterhead``.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSDECL = f'xmlns:w="{W_NS}"'
OUTPUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"

# Word's own defaults that everything else is based on; kept even though letters do not name
# them.
DEFAULT_STYLE_IDS = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList")

BULLET_NUM_ID = 1
NUMBER_NUM_ID = 2

DOC_DEFAULTS = f"""
<w:docDefaults {NSDECL}>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>
    <w:sz w:val="22"/><w:szCs w:val="22"/>
    <w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr>
    <w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>"""


def _levels(formats: list[tuple[str, str]]) -> str:
    return "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (i + 2)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(formats)
    )


BULLETS = [("bullet", "\u2022"), ("bullet", "\u25e6"), ("bullet", "\u25aa")]
NUMBERS = [("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3.")]
NUMBERING = f"""<w:numbering {NSDECL}>
  <w:abstractNum w:abstractNumId="1">
    <w:nsid w:val="5D1F0A01"/><w:multiLevelType w:val="hybridMultilevel"/>
    {_levels(BULLETS)}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:nsid w:val="5D1F0A02"/><w:multiLevelType w:val="hybridMultilevel"/>
    {_levels(NUMBERS)}
  </w:abstractNum>
  <w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="{NUMBER_NUM_ID}"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""

SETTINGS = f"""<w:settings {NSDECL}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="720"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"
      w:val="15"/>
  </w:compat>
  <w:decimalSymbol w:val="."/>
  <w:listSeparator w:val=","/>
</w:settings>"""

# A4, 2.54 cm margins.
SECTION = f"""<w:sectPr {NSDECL}>
  <w:pgSz w:w="11906" w:h="16838"/>
  <w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="709"
    w:footer="709" w:gutter="0"/>
  <w:cols w:space="708"/>
  <w:docGrid w:linePitch="360"/>
</w:sectPr>"""

CORE = """<cp:coreProperties
  xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:dcmitype="http://purl.org/dc/dcmitype/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <dc:title/><dc:subject/><dc:creator/><cp:lastModifiedBy/><cp:revision>1</cp:revision>
</cp:coreProperties>"""


def _append_ppr(style: BaseStyle, xml: str) -> None:
    """Append raw ``w:pPr`` children (borders, shading, numbering, outline level)."""
    ppr = style.element.get_or_add_pPr()
    for child in parse_xml(f"<w:pPr {NSDECL}>{xml}</w:pPr>"):
        ppr.append(child)


def _title(s: ParagraphStyle) -> None:
    s.font.bold = True
    s.font.size = Pt(16)
    f = s.paragraph_format
    f.space_before, f.space_after, f.keep_with_next = Pt(12), Pt(12), True


def _heading(size: int, outline: int, *, italic: bool = False) -> Callable[[ParagraphStyle], None]:
    def define(s: ParagraphStyle) -> None:
        s.font.bold = True
        s.font.italic = italic or None
        s.font.size = Pt(size)
        f = s.paragraph_format
        f.space_before, f.space_after = Pt(12 if outline < 2 else 9), Pt(6)
        f.keep_with_next, f.keep_together = True, True
        _append_ppr(s, f'<w:outlineLvl w:val="{outline}"/>')

    return define


def _body(s: ParagraphStyle) -> None:
    s.paragraph_format.space_after = Pt(6)


def _meta(s: ParagraphStyle) -> None:
    s.paragraph_format.space_after = Pt(2)


def _quote(s: ParagraphStyle) -> None:
    f = s.paragraph_format
    f.left_indent, f.right_indent = Pt(24), Pt(24)
    f.space_before, f.space_after = Pt(6), Pt(10)
    _append_ppr(
        s,
        '<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="7F7F7F"/></w:pBdr>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>',
    )


def _address(align: WD_ALIGN_PARAGRAPH | None) -> Callable[[ParagraphStyle], None]:
    def define(s: ParagraphStyle) -> None:
        f = s.paragraph_format
        f.space_after, f.alignment = Pt(12), align

    return define


def _salutation(s: ParagraphStyle) -> None:
    f = s.paragraph_format
    f.space_before, f.space_after = Pt(18), Pt(6)


def _lead_in(s: ParagraphStyle) -> None:
    """A paragraph that introduces what follows ("Factors in favour of ...:"): kept with it."""
    f = s.paragraph_format
    f.space_before, f.space_after, f.keep_with_next = Pt(6), Pt(6), True


def _request_label(s: ParagraphStyle) -> None:
    """"Part 5" above the requester's words: never left alone at the foot of a page."""
    s.font.bold = True
    f = s.paragraph_format
    f.space_before, f.space_after, f.keep_with_next = Pt(6), Pt(0), True


def _signature(s: ParagraphStyle) -> None:
    f = s.paragraph_format
    f.space_before, f.space_after = Pt(30), Pt(12)


def _small(s: ParagraphStyle) -> None:
    s.font.size = Pt(9)
    s.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _list(num_id: int) -> Callable[[ParagraphStyle], None]:
    def define(s: ParagraphStyle) -> None:
        s.paragraph_format.space_after = Pt(3)
        _append_ppr(s, f'<w:numPr><w:numId w:val="{num_id}"/></w:numPr>')

    return define


def _header_footer(size: float, align: WD_ALIGN_PARAGRAPH) -> Callable[[ParagraphStyle], None]:
    def define(s: ParagraphStyle) -> None:
        s.font.size = Pt(size)
        f = s.paragraph_format
        f.space_after, f.alignment = Pt(0), align

    return define


# Paragraph styles that are Body Text with a difference (spacing, keeping with the next).
BASED_ON_BODY = ("Salutation", "Lead In", "Request Label")

# name, next style, definition. All paragraph styles are based on Normal, and none names a
# font: the font comes from the document defaults (or from a letterhead's own Normal).
PARAGRAPH_STYLES: list[tuple[str, str | None, Callable[[ParagraphStyle], None]]] = [
    ("Body Text", None, _body),
    ("Notice Title", "Body Text", _title),
    ("Heading 1", "Body Text", _heading(14, 0)),
    ("Heading 2", "Body Text", _heading(12, 1)),
    ("Heading 3", "Body Text", _heading(11, 2, italic=True)),
    ("Heading 4", "Body Text", _heading(11, 3)),
    ("Salutation", "Body Text", _salutation),
    ("Lead In", "List Bullet", _lead_in),
    ("Request Label", "Request Quote", _request_label),
    ("Notice Meta", None, _meta),
    ("Request Quote", "Body Text", _quote),
    ("Recipient Address", "Notice Meta", _address(None)),
    ("Sender Address", "Recipient Address", _address(WD_ALIGN_PARAGRAPH.RIGHT)),
    ("Signature", "Body Text", _signature),
    ("Small Print", None, _small),
    ("List Bullet", None, _list(BULLET_NUM_ID)),
    ("List Number", None, _list(NUMBER_NUM_ID)),
    ("Header", None, _header_footer(9, WD_ALIGN_PARAGRAPH.RIGHT)),
    ("Footer", None, _header_footer(8, WD_ALIGN_PARAGRAPH.CENTER)),
]


def _strong(s: CharacterStyle) -> None:
    s.font.bold = True


def _emphasis(s: CharacterStyle) -> None:
    s.font.italic = True


def _strong_emphasis(s: CharacterStyle) -> None:
    s.font.bold = s.font.italic = True


def _hyperlink(s: CharacterStyle) -> None:
    s.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    s.font.underline = True


CHARACTER_STYLES: list[tuple[str, Callable[[CharacterStyle], None]]] = [
    ("Strong", _strong),
    ("Emphasis", _emphasis),
    ("Strong Emphasis", _strong_emphasis),
    ("Hyperlink", _hyperlink),
]


def _reset(style: BaseStyle) -> None:
    """Drop everything but the name, so the style has exactly what we define."""
    for child in list(style.element):
        if child.tag != f"{W}name":
            style.element.remove(child)


def build_reference() -> bytes:
    """Return the bytes of the reference document."""
    doc = Document()
    styles = doc.styles
    names = {s.name for s in styles}
    normal = styles["Normal"]
    default_font = styles["Default Paragraph Font"]
    _reset(normal)
    normal.quick_style = True

    defined: list[tuple[BaseStyle, str | None]] = []
    for name, next_name, define_para in PARAGRAPH_STYLES:
        para = styles[name] if name in names else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(para, ParagraphStyle)
        _reset(para)
        para.base_style = normal
        define_para(para)
        defined.append((para, next_name))
    for name, define_char in CHARACTER_STYLES:
        char = styles[name] if name in names else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        assert isinstance(char, CharacterStyle)
        _reset(char)
        char.base_style = default_font
        define_char(char)
        defined.append((char, None))
    for name in BASED_ON_BODY:  # so that in a letterhead they follow its own Body Text
        styles[name].base_style = styles["Body Text"]
    for style, next_name in defined:
        style.quick_style = True
        style.hidden = False
        if next_name and isinstance(style, ParagraphStyle):
            next_style = styles[next_name]
            assert isinstance(next_style, ParagraphStyle)
            style.next_paragraph_style = next_style

    _trim_styles(doc.styles.element, {s.style_id for s, _ in defined})
    _tidy_properties(doc.styles.element)
    _trim_package(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


# Schema order of the children of w:pPr and w:rPr (ECMA-376 Part 1, 17.3.1.26 and 17.3.2.28):
# Word rejects a file whose properties are out of order.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
# Word's built-in styles must not be marked custom, or Word renames them ("Hyperlink1").
BUILT_IN = {"Hyperlink", "Signature"}


def _tidy_properties(root: etree._Element) -> None:
    """Give bold, italic and size their complex-script twins; put properties in schema order."""
    for rpr in root.iter(f"{W}rPr"):
        for prop, twin in (("b", "bCs"), ("i", "iCs"), ("sz", "szCs")):
            el = rpr.find(f"{W}{prop}")
            if el is not None and rpr.find(f"{W}{twin}") is None:
                new = etree.SubElement(rpr, f"{W}{twin}")
                for key, value in el.attrib.items():
                    new.set(key, value)
    for tag, order in ((f"{W}pPr", PPR_ORDER), (f"{W}rPr", RPR_ORDER)):
        rank = {f"{W}{name}": i for i, name in enumerate(order.split())}
        for props in root.iter(tag):
            children = sorted(props, key=lambda c: rank.get(c.tag, len(rank)))
            for child in children:
                props.append(child)
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if (
            name is not None
            and name.get(f"{W}val") in BUILT_IN
            and f"{W}customStyle" in style.attrib
        ):
            del style.attrib[f"{W}customStyle"]


def _trim_styles(root: etree._Element, used: set[str]) -> None:
    """Keep the styles we use, the styles they are based on, and Word's defaults."""
    by_id = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
    keep = set(DEFAULT_STYLE_IDS)
    todo = list(used)
    while todo:
        style_id = todo.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        based = by_id[style_id].find(f"{W}basedOn")
        if based is not None:
            todo.append(based.get(f"{W}val", ""))
    for child in list(root):
        if child.tag == f"{W}latentStyles" or (
            child.tag == f"{W}style" and child.get(f"{W}styleId") not in keep
        ):
            root.remove(child)
    for el in list(root.iter(f"{W}rsid", f"{W}link")):
        parent = el.getparent()
        assert parent is not None
        parent.remove(el)
    old = root.find(f"{W}docDefaults")
    new = parse_xml(DOC_DEFAULTS)
    if old is not None:
        root.replace(old, new)
    else:
        root.insert(0, new)
    # Reference order: docDefaults, then styles, defaults first.
    ordered = sorted(
        root.findall(f"{W}style"),
        key=lambda s: (s.get(f"{W}styleId") not in DEFAULT_STYLE_IDS, s.get(f"{W}type") or ""),
    )
    for style in ordered:
        root.append(style)


def _trim_package(doc: DocumentObject) -> None:
    """Drop the parts a letter never uses; replace numbering, settings, section and core."""
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype not in {RT.STYLES, RT.NUMBERING, RT.SETTINGS}:
            del part.rels[rel_id]
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype not in {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES}:
            del package_rels[rel_id]

    numbering = part.numbering_part
    numbering._element = parse_xml(NUMBERING)
    settings = part._settings_part
    settings._element = parse_xml(SETTINGS)
    core = part.package._core_properties_part
    core._element = parse_xml(CORE)

    body = doc.element.body
    for child in list(body):
        body.remove(child)
    body.append(parse_xml(SECTION))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so that the same styles give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = copy.copy(info)
            fixed.date_time = (1980, 1, 1, 0, 0, 0)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info), compresslevel=9)
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Write the reference document to ``argv[0]`` (default: ``templates/reference.docx``)."""
    target = Path(argv[0]) if argv else OUTPUT
    data = build_reference()
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
