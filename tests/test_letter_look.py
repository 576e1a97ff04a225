"""A Word letter that looks finished: page line on every page, labels kept with what they
introduce, a gap before "Dear", the public interest test as a heading, every web address a
link. (Looked at as a person would, in LibreOffice; these tests pin what was seen.)"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from drafter.draft.pipeline import render_case
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letter(name: str, tmp_path: Path) -> bytes:
    rendered = render_case(EXAMPLES / f"{name}.yaml", lib=load_library(), env=make_environment(),
                           out_dir=tmp_path, formats=("docx",), today=dt.date(2025, 6, 2))
    (data,) = rendered.files.values()
    return data


def _keeps_with_next(style: Any) -> bool:
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return False


@pytest.mark.parametrize("name", ["police-ncnd-software", "council-contract-part-disclosure"])
def test_every_page_carries_the_reference_and_page_x_of_y(name: str, tmp_path: Path) -> None:
    data = _letter(name, tmp_path)
    doc: Any = docx.Document(io.BytesIO(data))
    reference = doc.core_properties.identifier
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert footers
    for xml in footers:  # every footer the letter can use, first page and the rest
        assert f"Our reference: {reference}    Page " in xml
        assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml


def test_labels_and_lead_ins_are_kept_with_what_follows(tmp_path: Path) -> None:
    doc: Any = docx.Document(io.BytesIO(_letter("police-ncnd-software", tmp_path)))
    paras = doc.paragraphs
    labels = [p for p in paras if p.style.name == "Request Label"]
    assert [p.text for p in labels] == [f"Part {n}" for n in range(1, 7)]
    for i, p in enumerate(paras[:-1]):
        following = paras[i + 1]
        introduces = p.text.rstrip().endswith(":") or following.style.name.startswith("List")
        if p.style.name in ("Body Text", "Lead In") and introduces:
            assert p.style.name == "Lead In", p.text
        if p.style.name in ("Request Label", "Lead In") or p.style.name.startswith("Heading"):
            assert _keeps_with_next(p.style), p.style.name
    assert any(p.text.startswith("Factors in favour of confirming") and p.style.name == "Lead In"
               for p in paras)


def test_salutation_has_space_before_and_pit_is_a_heading(tmp_path: Path) -> None:
    doc: Any = docx.Document(io.BytesIO(_letter("police-ncnd-software", tmp_path)))
    dear = next(p for p in doc.paragraphs if p.text.startswith("Dear "))
    assert dear.style.name == "Salutation"
    assert dear.style.paragraph_format.space_before.pt >= 12
    tests = [p for p in doc.paragraphs if p.text == "The public interest test"]
    assert tests and all(p.style.name == "Heading 4" for p in tests)
    outline = doc.styles["Heading 4"].element.find(f"{W}pPr/{W}outlineLvl")
    assert outline is not None  # in Word's navigation pane


def test_every_web_address_is_a_link(tmp_path: Path) -> None:
    doc: Any = docx.Document(io.BytesIO(_letter("university-s21-published", tmp_path)))
    links = {h.address for p in doc.paragraphs for h in p.hyperlinks}
    assert "https://www.kingsford.ac.example/about/annual-report-2024.pdf" in links  # no "."
    assert "https://www.kingsford.ac.example/about/transparency/senior-expenses" in links
    for p in doc.paragraphs:
        if p.style.name == "Request Quote":
            continue  # the requester's words are quoted as written, not turned into links
        shown = "".join(h.text for h in p.hyperlinks)
        for word in p.text.split():
            if word.startswith("https://"):
                assert word.rstrip(".,;:") in shown, word
