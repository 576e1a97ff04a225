"""headers: a letter's own header and footer parts, related and referenced from w:sectPr."""

from __future__ import annotations

from lxml import etree

from drafter.infra.ooxml import CT_FOOTER, CT_HEADER, R_ID, R_NS, RT_FOOTER, RT_HEADER, W_NS, W
from drafter.render.docx import headers
from drafter.render.docx.letterhead import reference_source
from drafter.render.docx.package import Letter


def sect_pr(children: str) -> etree._Element:
    body = etree.fromstring(f'<w:body xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:sectPr>'
                            f"{children}</w:sectPr></w:body>")
    return body[0]


def local_names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_a_header_and_a_footer_become_parts_of_the_letter() -> None:
    letter = Letter(reference_source())
    props = sect_pr('<w:pgSz w:w="11906"/><w:pgMar w:top="1440"/>')
    header_name, header = headers.add(letter, "header", props)
    footer_name, footer = headers.add(letter, "footer", props)
    assert (header_name, footer_name) == ("/word/header1.xml", "/word/footer1.xml")
    assert (header.tag, footer.tag) == (f"{W}hdr", f"{W}ftr") and not len(header)
    assert letter.added[header_name] == (CT_HEADER, False)
    assert letter.added[footer_name] == (CT_FOOTER, False)
    rels = {rel.target: rel for rel in letter.rels_of(letter.source.document)}
    assert (rels[header_name].reltype, rels[footer_name].reltype) == (RT_HEADER, RT_FOOTER)
    assert (rels[header_name].ref, rels[footer_name].ref) == ("header1.xml", "footer1.xml")
    assert local_names(props) == ["headerReference", "footerReference", "pgSz", "pgMar"]
    refs = props.findall(f"{W}headerReference") + props.findall(f"{W}footerReference")
    assert [(r.get(f"{W}type"), r.get(R_ID)) for r in refs] == [
        ("default", rels[header_name].rid), ("default", rels[footer_name].rid)]


def test_references_go_where_the_schema_puts_them() -> None:
    letter = Letter(reference_source())
    empty = sect_pr("")
    headers.add(letter, "footer", empty)
    assert local_names(empty) == ["footerReference"]
    # After the references already there, before the first of the other properties.
    props = sect_pr('<w:headerReference w:type="first" r:id="rId99"/><w:type w:val="nextPage"/>'
                    '<w:titlePg/><w:docGrid w:linePitch="360"/>')
    headers.add(letter, "header", props)
    assert local_names(props) == ["headerReference", "headerReference", "type", "titlePg",
                                  "docGrid"]
    assert props[1].get(f"{W}type") == "default"


def test_a_second_header_takes_the_next_free_name() -> None:
    letter = Letter(reference_source())
    headers.add(letter, "header", sect_pr(""))
    name, _ = headers.add(letter, "header", sect_pr(""))
    assert name == "/word/header2.xml"


def test_the_part_declares_the_namespaces_word_uses() -> None:
    _, root = headers.add(Letter(reference_source()), "header", sect_pr(""))
    assert root.nsmap["w"] == W_NS and root.nsmap["r"] == R_NS
    assert root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable") == (
        "w14 wp14")
