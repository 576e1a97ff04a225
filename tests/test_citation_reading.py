"""Reading citations the way officers write them, and never reading what is not one.

Sentences that must be read (and near-misses that must not) for: a subsection typed without
its brackets ("section 33 1(b)"), a list of provisions each followed by its title in brackets,
and the refusal-notice provisions (FOISA s16(4) and s16(5), FOIA s17(5)), which are read as the
notice of the s12 or s14 claim they go with and never as an exemption of their own.

Sources: FOIA s17(1)(b) and FOISA s16(1)(c) (the notice specifies the exemption); FOIA s17(5)
and FOISA s16(4), s16(5) (the notice that the authority relies on the cost limit or on the
request being vexatious or repeated); the section numbering of FOIA 2000 and FOISA 2002.
Real examples: tests/corpus/real/013 (Police Scotland), 014 (Scottish Government).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import CheckResult
from drafter.document import ListBlock
from drafter.read import read_document
from drafter.read.text import parse_text
from tests.helpers.checking import CHECKER, check_text


def check(text: str, regime: str | None = None) -> CheckResult:
    return check_text(text, regime)


def written(result: CheckResult) -> list[str]:
    return [c for p in result.provisions for c in p.as_written]


# ------------------------------------------------------------ subsection without brackets

@pytest.mark.parametrize(("phrase", "regime", "expected"), [
    # tests/corpus/real/014: "An exemption under section 33 1(b) of FOISA applies"
    ("section 33 1(b) of FOISA", "foisa", ["s33(1)(b)"]),
    ("section 31 1(a) of the Act", "foia", ["s31(1)(a)"]),
    ("section 36 2(b)(ii)", "foia", ["s36(2)(b)(ii)"]),
    ("section 40 2 of the Freedom of Information Act 2000", "foia", ["s40(2)"]),
    ("regulation 12 5(e) of the EIR", "eir", ["reg12(5)(e)"]),
    ("sections 31 1(a) and 43 2 of the Act", "foia", ["s31(1)(a)", "s43(2)"]),
    ("Section 40 2 – Personal information", "foia", ["s40(2)"]),
])
def test_subsection_typed_without_brackets(phrase: str, regime: str,
                                           expected: list[str]) -> None:
    r = check(f"We are withholding the information under {phrase}.", regime)
    assert r.exemptions == expected
    assert r.elements["names_subsection"].status == "present"


@pytest.mark.parametrize(("phrase", "expected"), [
    # A number after a section is a date, a count or a page unless the Act's own bracketed
    # limb or "of the Act" follows it: no subsection is read.
    ("section 40 2 documents", ["s40"]),
    ("section 43 on 2 March 2025", ["s43"]),
    ("section 31 3 times", ["s31"]),
    ("section 40 2, 3 and 4 of the documents", ["s40"]),
    ("section 43 12 of the documents", ["s43"]),
    ("section 43 2 - 4 March", ["s43"]),
    ("section 43 2 – see below", ["s43"]),
])
def test_a_number_after_a_section_is_not_a_subsection(phrase: str,
                                                      expected: list[str]) -> None:
    r = check(f"We are withholding the information under {phrase}.")
    assert r.exemptions == expected
    assert r.elements["names_subsection"].status == "missing"


# ------------------------------------------------------------ lists with titles in brackets

@pytest.mark.parametrize(("phrase", "expected"), [
    ("sections 24(1) (National security) and 31(1)(a) (Law enforcement)",
     ["s24(1)", "s31(1)(a)"]),
    ("sections 40(2) (Personal information), 41(1) (Information provided in confidence) "
     "and 43(2) (Commercial interests)", ["s40(2)", "s41(1)", "s43(2)"]),
    ("section 43(2) (commercial interests) or 41(1) (confidence)", ["s41(1)", "s43(2)"]),
])
def test_list_items_with_titles_in_brackets(phrase: str, expected: list[str]) -> None:
    r = check(f"We are withholding the information under {phrase} of the Act.")
    assert sorted(r.exemptions) == expected


@pytest.mark.parametrize("phrase", [
    "section 43(2) (commercial interests) and 20 working days",
    "section 43(2) (commercial interests) and 12 months",
    "section 43(2) (see page 4) and 2 pages",
])
def test_a_title_in_brackets_does_not_start_a_list_of_numbers(phrase: str) -> None:
    assert check(f"We are withholding the information under {phrase}.").exemptions == \
        ["s43(2)"]


# ------------------------------------------------------------ refusal-notice provisions

FOISA_COST = """
    In accordance with Sections 12(1) (Excessive cost of compliance) and 16(4) (Refusal of
    request) of the Freedom of Information (Scotland) Act 2002 (the Act), this letter
    represents a Refusal Notice. Locating the files would take 3,069 minutes, which at
    £15 an hour is £767, above the £600 limit.
    """


def test_foisa_s16_4_is_read_as_the_notice_of_the_s12_claim() -> None:
    r = check(FOISA_COST, "foisa")
    assert r.exemptions == ["s12(1)"]
    assert written(r) == ["s12(1)", "s16(4)"]
    (provision,) = r.provisions
    assert provision.kind == "procedural"
    assert provision.elements["public_interest_reasons"].status == "not_applicable"


def test_foisa_s16_5_goes_with_s14() -> None:
    r = check("""
        We consider your request vexatious. This is a notice under section 16(5) of FOISA
        that we are relying on section 14(1).
        """, "foisa")
    assert r.exemptions == ["s14(1)"]
    assert written(r) == ["s14(1)", "s16(5)"]  # the notice provision cited first goes with it


@pytest.mark.parametrize(("text", "regime"), [
    # Without s12 or s14 cited, a refusal-notice provision is no provision relied on.
    ("This is a refusal notice under section 16(4) of FOISA.", "foisa"),
    ("This letter is a refusal notice under section 16(1) of FOISA.", "foisa"),
    ("This letter is a refusal notice under section 17(5) of the Act.", "foia"),
    # FOIA s16 is the duty to advise and assist, not a refusal-notice provision.
    ("We rely on section 12(1). Under section 16(4) we offer advice.", "foia"),
])
def test_refusal_notice_provisions_are_never_exemptions(text: str, regime: str) -> None:
    r = check(text, regime)
    assert all(not c.startswith(("s16", "s17")) for c in written(r))


def test_foia_s17_5_goes_with_s12() -> None:
    r = check("""
        We are relying on section 12(1), because complying would exceed the appropriate limit
        of £450. This letter is a notice under section 17(5) of the Act.
        """)
    assert r.exemptions == ["s12(1)"]
    assert written(r) == ["s12(1)", "s17(5)"]


# ------------------------------------------------------------ limbs named after the citation
# tests/corpus/real/003 (DCLG) cites "Section 36(2)" and quotes only limbs (b)(i) and (ii)
# of FOIA s36(2); a notice must specify the exemption (s17(1)(b)), and the limb is part of it
# (ICO, "Refusing a request: writing a refusal notice"). A limb the letter did not give is
# never read: that would hide a missing subsection.

S36_LEAD = ("The exemption is section 36(2) - Information to which this section applies is "
            "exempt information if, in the reasonable opinion of a qualified person, "
            "disclosure of the information under this Act—")


@pytest.mark.parametrize("layout", ["lines", "blank lines", "list"])
def test_a_quotation_that_selects_limbs_names_them(layout: str) -> None:
    limbs = ["(b) would, or would be likely to, inhibit—",
             "(i) the free and frank provision of advice, or",
             "(ii) the free and frank exchange of views for the purposes of deliberation"]
    if layout == "lines":
        limbs = [limb.replace(") ", ")") for limb in limbs]  # "(b)would": no list marker
    sep = "\n\n" if layout == "blank lines" else "\n"
    r = check(S36_LEAD + "\n\n" + sep.join(limbs) + "\n\nI need 20 more working days.\n")
    assert written(r) == ["s36(2)", "s36(2)(b)(i)", "s36(2)(b)(ii)"]
    assert r.elements["names_subsection"].status == "present"
    assert "missing-subsection" not in {f.id for f in r.findings}


def test_a_quotation_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(S36_LEAD + "\n\n(b) would, or would be likely to, inhibit—\n\n"
                    "(ii) the free and frank exchange of views\n", encoding="utf-8")
    r = CHECKER.check(read_document(path), file=path.name)
    assert written(r) == ["s36(2)", "s36(2)(b)(ii)"]


def test_a_quotation_that_skips_a_limb_selects() -> None:
    r = check("We rely on section 31(1), which provides that information is exempt if its "
              "disclosure would, or would be likely to, prejudice—\n\n(a) the prevention or "
              "detection of crime,\n\n(c) the administration of justice\n")
    assert written(r) == ["s31(1)", "s31(1)(a)", "s31(1)(c)"]


def test_an_inline_quotation_that_selects_a_limb() -> None:
    r = check("We rely on section 31(1), under which information is exempt if its disclosure "
              "would, or would be likely to, prejudice: (b) the apprehension or prosecution "
              "of offenders.")
    assert written(r) == ["s31(1)", "s31(1)(b)"]
    assert r.elements["names_subsection"].status == "present"


@pytest.mark.parametrize(("text", "limbs"), [
    ("We rely on section 36(2). Subsections (b)(i) and (ii) apply.",
     ["s36(2)(b)(i)", "s36(2)(b)(ii)"]),
    ("We are withholding the report under section 31(1) of the Act.\n\n"
     "We rely on (a) and (b), because disclosure would help offenders evade detection.",
     ["s31(1)(a)", "s31(1)(b)"]),
    ("We are withholding the report under section 36 of the Act. Subsection (2)(c) is "
     "engaged.", ["s36(2)(c)"]),
    ("We rely on regulation 12(5) of the EIR; paragraph (e) applies to the prices.",
     ["reg12(5)(e)"]),
    # each word that names limbs, in any case (the search skips text holding none of them)
    ("We rely on section 31(1). Limb (a) applies to the plans.", ["s31(1)(a)"]),
    ("We rely on section 36(2). Sub-paragraphs (b)(i) and (ii) apply.",
     ["s36(2)(b)(i)", "s36(2)(b)(ii)"]),
    ("We are withholding the report under section 31(1) of the Act.\n\nThe council relies "
     "upon (a), because disclosure would help offenders evade detection.", ["s31(1)(a)"]),
    ("We are withholding the report under section 31(1) of the Act.\n\nThe council relied "
     "on (b), because disclosure would help offenders evade detection.", ["s31(1)(b)"]),
    ("We are withholding the report under section 36 of the Act. SUBSECTION 2(c) is "
     "engaged.", ["s36(2)(c)"]),
])
def test_limbs_named_in_a_later_sentence(text: str, limbs: list[str]) -> None:
    r = check(text)
    assert written(r)[1:] == limbs
    assert r.elements["names_subsection"].status == "present"


@pytest.mark.parametrize("text", [
    # The whole list quoted: the letter copies the Act and names no limb.
    "We rely on section 31(1), which provides that information is exempt if its disclosure "
    "would, or would be likely to, prejudice—\n\n(a) the prevention or detection of crime,"
    "\n\n(b) the apprehension or prosecution of offenders,\n\n(c) the administration of "
    "justice",
    # Brackets that are parts of the request, or of the letter.
    "We rely on section 31(1). Paragraph (b) of your request asks for officers' names.",
    "We rely on section 31(1). As paragraph (b) above explains, the names are sensitive.",
    "Section 31(1) applies to the following parts of your request:\n\n(b) the names of "
    "officers\n\n(c) their shift patterns",
    "We rely on section 31(1): (b) the names of the officers are withheld.",
    # Named after another provision, or too far away.
    "We rely on section 31(1) and on section 43(2). Subsection (b) is not relevant.",
    "We rely on section 31(1).\n\nThe report is long.\n\nIt has many pages.\n\n"
    "It was written in 2024.\n\nWe rely on paragraph (a).",
    # A lettered limb straight under a FOIA section (FOIA numbers its subsections first).
    "We rely on section 31. Paragraph (a) applies.",
])
def test_near_misses_name_no_limb(text: str) -> None:
    r = check(text + "\n")
    assert r.elements["names_subsection"].status == "missing", written(r)


def test_only_limbs_below_the_cited_one_are_read() -> None:
    assert written(check("We rely on section 43(2). Subsection (3) is also relevant.")) == \
        ["s43(2)"]
    assert written(check("We rely on section 31(1)(a). Sub-paragraph (b) is not.")) == \
        ["s31(1)(a)"]


def test_the_text_reader_keeps_each_list_items_bracketed_label() -> None:
    notice = parse_text("(b) would inhibit—\n(i) advice, or\n(ii) views\n\n- a bullet\n- another\n")
    first, second = notice.blocks
    assert isinstance(first, ListBlock) and first.markers == ("(b)", "(i)", "(ii)")
    assert first.text == "would inhibit—\nadvice, or\nviews"  # the text is as before
    assert isinstance(second, ListBlock) and second.markers == ()


# ------------------------------------------------------------ limbs the Act does not have
# FOIA and the EIR divide each section into numbered subsections first ("section 31(a)" is
# no provision); FOIA s40(3), (4) and (5) were replaced by s40(3A), (3B), (4A), (5A) and
# (5B) on 25 May 2018 (Data Protection Act 2018 Sch 19 para 58(3)-(5)). A notice citing
# either names no subsection in force (FOIA s17(1)(b)), and the checker must say so: an
# element reported missing with no finding would let the letter pass.

REASONS = (" because disclosure would be likely to prejudice the prevention of crime: "
           "offenders could use the patrol times to avoid detection.")


@pytest.mark.parametrize(("text", "regime", "words"), [
    ("We are withholding the report under section 31(a) of the Act" + REASONS, "foia",
     "section 31(a) is not a provision"),
    ("We are withholding the report under regulation 12(e) of the EIR" + REASONS, "eir",
     "regulation 12(e) is not a provision"),
    # (the repealed-law rule reports the 1998 wording of this sentence; no second finding)
    ("We are withholding the names under section 40(2) by virtue of section 40(3)(a)(i).",
     "foia", "40(3)(a)(i)"),
    ("We are withholding the names under sections 40(2)(a)(b) and (3)(a)(i)(ii)(b).",
     "foia", "section 40(3)(a)(i) is no longer law"),
    ("Date: 4 March 2024\n\nWe neither confirm nor deny that we hold it: section 40(5) "
     "applies.", "foia", "section 40(5) is no longer law"),
])
def test_a_limb_the_act_does_not_have_is_reported(text: str, regime: str, words: str) -> None:
    r = check(text, regime)
    assert r.elements["names_subsection"].status == "missing"
    messages = [f.message for f in r.findings if f.id in ("missing-subsection", "repealed-law")]
    assert any(words in m for m in messages), messages
    assert len(messages) == 1, messages
    assert not r.ok


@pytest.mark.parametrize(("text", "regime"), [
    ("We are withholding the names under section 40(2) by virtue of section 40(3A)(a).",
     "foia"),
    ("We neither confirm nor deny that we hold it: section 40(5B)(a)(i) applies.", "foia"),
    # The law when the letter was written: s40(3)(a)(i) was in force until 25 May 2018.
    ("Date: 3 March 2016\n\nWe are withholding the names under section 40(2) by virtue of "
     "section 40(3)(a)(i).", "foia"),
    # FOISA puts lettered paragraphs straight under s30.
    ("We are withholding the minutes under section 30(c) of FOISA" + REASONS, "foisa"),
])
def test_a_limb_in_force_is_not_reported(text: str, regime: str) -> None:
    r = check(text, regime)
    assert r.elements["names_subsection"].status == "present"
    assert "missing-subsection" not in {f.id for f in r.findings}


# ------------------------------------------------------------ NCND under the wrong subsection
# FOIA gives each exemption's neither-confirm-nor-deny rule its own subsection: s30(3) for
# information exempt under s30(1) or (2), s31(3) for s31(1), s24(2) for s24(1) (FOIA s1(1)(a),
# s2(1)); a reply that neither confirms nor denies by virtue of s30(2) cites the wrong one
# (ICO, "When to refuse to confirm or deny"; tests/corpus/real/031, Cheshire Constabulary).

@pytest.mark.parametrize(("text", "ncnd"), [
    ("We can neither confirm nor deny that we hold the information, by virtue of section "
     "30(2) of the Act.", "section 30(3)"),
    ("For question 1 we neither confirm nor deny that we hold the information, by virtue of "
     "the following exemptions:\n\nSection 30(2) Criminal investigations\n\nSection 24(1) "
     "National security\n", "section 30(3)"),
    ("We will not confirm or deny whether the information is held under section 40(2).",
     "section 40(5A) or section 40(5B)"),
])
def test_ncnd_by_virtue_of_an_exemption_names_the_wrong_subsection(text: str,
                                                                   ncnd: str) -> None:
    r = check(text)
    assert r.elements["names_subsection"].status == "missing"
    messages = [f.message for f in r.findings if f.id == "missing-subsection"]
    assert any(f"does not remove the duty to confirm or deny: {ncnd} does" in m
               for m in messages), messages


@pytest.mark.parametrize("text", [
    # The NCND provision is cited; the exemption says what it covers.
    "We neither confirm nor deny that we hold it: section 30(3) applies, as any information "
    "would be exempt under section 30(2).",
    "We neither confirm nor deny whether we hold the information (section 31(3)).\n\n"
    "Section 31(1)(a) would apply to it, because disclosure would help offenders.",
    # A refusal that confirms the information is held, in a letter that neither confirms nor
    # denies another part under its own provision.
    "For question 1 we neither confirm nor deny under section 24(2). For question 2 we hold "
    "the report and withhold it under section 30(2).",
    "We are not relying on a neither confirm nor deny response; section 30(2) applies.",
])
def test_ncnd_near_misses(text: str) -> None:
    r = check(text)
    assert not any("remove the duty" in f.message for f in r.findings), r.findings


# ------------------------------------------------------------ the limb written before the section

@pytest.mark.parametrize(("phrase", "expected"), [
    ("paragraph (b) of section 36(2)", ["s36(2)(b)"]),
    ("paragraphs (b)(i) and (ii) of section 36(2)", ["s36(2)(b)(i)", "s36(2)(b)(ii)"]),
    ("subsection (2) of section 40 of the Act", ["s40(2)"]),
    ("sub-section (1)(a) of section 31", ["s31(1)(a)"]),
])
def test_limb_written_before_the_section(phrase: str, expected: list[str]) -> None:
    r = check(f"We are withholding the information under {phrase}.")
    assert r.exemptions == expected
    assert r.elements["names_subsection"].status == "present"


@pytest.mark.parametrize("phrase", [
    # A paragraph of the letter or the request, or a limb that is not below the one cited.
    "paragraph 4 of section 31",
    "the matters mentioned in paragraph (a) of section 31(1)",
    "paragraph (2) of section 31(1)",
])
def test_no_limb_before_the_section(phrase: str) -> None:
    r = check(f"We are withholding the information under {phrase}.")
    assert r.elements["names_subsection"].status != "present", r.exemptions


def test_a_limb_before_the_section_in_a_reference_is_not_read() -> None:
    # The drafted reg 13 letters say where the test is: "the public interest test in
    # paragraph (1)(b) of regulation 13" (EIR reg 13(1)(b)); the letter relies on reg 13(1).
    r = check("We are withholding it under regulation 13(1) by virtue of regulation 13(2B). "
              "It is subject to the public interest test in paragraph (1)(b) of regulation 13.",
              "eir")
    assert r.exemptions == ["reg13(1)"]
def test_a_date_after_a_list_of_sections_is_not_a_section() -> None:
    r = check("We relied on sections 31(1)(a) (law enforcement) and 24 March 2025 was the date "
              "of our decision.")
    assert r.exemptions == ["s31(1)(a)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("We rely on subsection 2 of section 40 of the Act.", ["s40(2)"]),
    ("We rely on section 36 of the Act. Subsection 2(b)(ii) applies.", ["s36", "s36(2)(b)(ii)"]),
    ("We rely on section 43 of the Act, subsection 2 of which applies.", ["s43", "s43(2)"]),
])
def test_a_bare_subsection_after_the_word_subsection(text: str, expected: list[str]) -> None:
    r = check(text)
    assert written(r) == expected
    assert r.elements["names_subsection"].status == "present"


@pytest.mark.parametrize("text", [
    "We rely on section 40 of the Act. Paragraph 2 of our letter explains why.",
    "We rely on section 40 of the Act. Subsection 2 days later we wrote again.",
    "We rely on paragraph 2 of section 40 of the Act.",
])
def test_a_bare_number_is_no_subsection_without_the_word(text: str) -> None:
    r = check(text)
    assert r.elements["names_subsection"].status == "missing", written(r)


def test_ncnd_in_an_eir_letter_is_left_to_the_eir_rules() -> None:
    # EIR reg 13(5A)/(5B), not FOIA s40(5A)/(5B), remove the duty for personal data there.
    r = check("We neither confirm nor deny that we hold the information under section 40(2).",
              "eir")
    assert not any("remove the duty" in f.message for f in r.findings)


@pytest.mark.parametrize(("phrase", "regime", "expected"), [
    ("section 31(1)(a)/(b)", "foia", ["s31(1)(a)", "s31(1)(b)"]),
    ("section 36(2)(b)(i)/(ii)", "foia", ["s36(2)(b)(i)", "s36(2)(b)(ii)"]),
    ("EIR 12(5)(e)", "eir", ["reg12(5)(e)"]),
    ("EIR 12(4)(b) and 12(5)(f)", "eir", ["reg12(4)(b)", "reg12(5)(f)"]),
])
def test_more_forms_officers_type(phrase: str, regime: str, expected: list[str]) -> None:
    assert check(f"We are withholding the information under {phrase}.", regime).exemptions \
        == expected


def test_a_bare_item_mid_list_after_a_space() -> None:
    r = check("We are withholding it under sections 31(1)(e) 41 and 43(2) of the Act.")
    assert written(r) == ["s31(1)(e)", "s41", "s43(2)"]
    assert r.elements["names_subsection"].status == "missing"


@pytest.mark.parametrize("phrase", ["section 43(2) 30 companies", "section 43(2) 30 and 40 days",
                                    "section 43 30 and 40"])
def test_a_number_after_a_space_is_no_list_item(phrase: str) -> None:
    assert "s30" not in written(check(f"We are withholding it under {phrase}."))


@pytest.mark.parametrize("phrase", [
    "the EIR 2004",
    "the EIR 12 months ago",
    "the EIRs 13 times",
])
def test_the_regulations_name_is_no_citation_without_a_limb(phrase: str) -> None:
    assert check(f"We dealt with your request under {phrase}.", "eir").exemptions == []


# ------------------------------------------------------------ where citations are looked for

@pytest.mark.parametrize("phrase", [
    "section 31(1)(a)", "Sections 24 and 31", "s.40(2)", "S24(1) – National Security",
    "ss.41 and 43(2)", "s40(2) by virtue of s40(3A)(a)", "Sec. 36(2)(b)(ii)", "SEC 42",
    "regulation 12(5)(e)", "Reg. 13", "regs 12(4)(b) and 12(5)(f)", "EIR 12(5)(e)",
    "paragraph (b) of section 36(2)", "subsection (2) of section 40",
])
def test_citations_read_alike_with_and_without_a_case_folded_text(phrase: str) -> None:
    # A letter with a cased letter outside ASCII ("Café") has no case-folded text, and the
    # citations are then searched for everywhere instead of only at the keywords' places.
    letter = f"Dear Ms Smith,\n\nThe information is withheld under {phrase}.\n"
    plain = check(letter)
    accented = check(letter.replace("Ms Smith", "Ms Café"))
    assert plain.exemptions, phrase
    assert (accented.regime, accented.exemptions, written(accented)) == (
        plain.regime, plain.exemptions, written(plain))


@pytest.mark.parametrize("phrase", [
    "section 40 of the Data Protection Act 2018",  # another Act, named after
    "the Data Protection Act 2018, section 40",  # another Act, named before
    "the UK GDPR section 43",
    "the exemptions listed in section 43",  # a reference, not reliance
])
def test_other_acts_and_references_read_alike_with_and_without_a_case_folded_text(
        phrase: str) -> None:
    letter = f"Dear Ms Smith,\n\nThe information is withheld under {phrase}.\n"
    plain = check(letter)
    accented = check(letter.replace("Ms Smith", "Ms Café"))
    assert (accented.regime, accented.exemptions) == (plain.regime, plain.exemptions) == (
        "foia", [])
