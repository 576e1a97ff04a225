"""A provision relied on under the wrong law, and which law a letter is checked under.

Environmental information is exempt under FOIA s39 and must be dealt with under the EIR
(EIR reg 5(1); FOIA s39(1)); a refusal of it must rest on an EIR exception (reg 12(4), 12(5),
reg 13), stated under reg 14(3)(a). A response may lawfully answer part of a request under
FOIA and part under the EIR, and a FOIA letter may refuse under s39 and then apply an EIR
exception (ICO guidance "Which regime?"). In Scotland FOISA's Part 2 (ss25-41) has its own
numbering, and environmental information goes to the Environmental Information (Scotland)
Regulations 2004 (FOISA s39(2); EISR reg 10). Each defect has a lawful twin that must pass,
in Markdown, plain text and Word.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import load_rules
from drafter.library.load import load_library
from drafter.read import read_document

CHECKER = Checker(load_rules(), load_library())
FORMATS = ("md", "txt", "docx")

REASONS = (
    "because disclosure would prejudice substantially the commercial interests of the "
    "contractor, Brightclean Ltd, whose unit rates for each site would let its competitors "
    "undercut it when the contract is re-tendered in March 2027.")
PIT = (
    "This {ground} is subject to the public interest test. In favour of disclosure, there is "
    "a public interest in showing how public money is spent on cleaning. Against disclosure, "
    "there is a public interest in a fair tender that gets value for money. On balance we "
    "have concluded that the public interest in maintaining the {ground} outweighs that in "
    "disclosure, because the re-tender is imminent.")
REVIEW = (
    "## Your right to request a review\n\n"
    "If you are unhappy with this response, you may ask us to review it. Write to "
    "foi@example.gov.uk within 40 working days of receiving this letter, explaining why you "
    "are dissatisfied.")
ICO = (
    "## Your right to apply to the Commissioner\n\n"
    "If you remain dissatisfied after our review, you have the right to apply to the "
    "Information Commissioner under {provision}; see ico.org.uk/make-a-complaint.")
SIC = (
    "## Your right to apply to the Commissioner\n\n"
    "If you remain dissatisfied after our review, you have the right to apply to the Scottish "
    "Information Commissioner for a decision under section 47(1) of FOISA, within six months "
    "of receiving our review response. You can apply online at www.foi.scot/appeal.")


def letter(intro: str, refusal: str, *, ground: str = "exemption",
           rights: str = ICO, provision: str = "regulation 18 of the EIR") -> str:
    return "\n\n".join([
        "# Response to your request for information", "Dear Ms Smith,",
        "Thank you for your request dated 1 October 2026 for the current cleaning contract "
        "prices. " + intro, refusal, PIT.format(ground=ground), REVIEW.replace(
            "example.gov.uk", "example.gov.scot") if rights == SIC else REVIEW,
        rights.format(provision=provision), "Yours sincerely,", "Information Officer"]) + "\n"


def write(text: str, folder: Path, fmt: str) -> Path:
    path = folder / f"letter.{fmt}"
    if fmt == "md":
        path.write_text(text, encoding="utf-8")
    elif fmt == "txt":
        path.write_text(text.replace("## ", "").replace("# ", ""), encoding="utf-8")
    else:
        d = docx.Document()
        for para in text.split("\n\n"):
            level = len(para) - len(para.lstrip("#"))
            if level:
                d.add_heading(para.lstrip("# "), level=level)
            else:
                d.add_paragraph(para)
        d.save(str(path))
    return path


def check(text: str, tmp_path: Path, fmt: str) -> CheckResult:
    return CHECKER.check(read_document(write(text, tmp_path, fmt)), file=f"letter.{fmt}")


def ids(result: CheckResult, level: str | None = None) -> set[str]:
    return {f.id for f in result.findings if level is None or f.level == level}


REGIME_IDS = {"foia-exemption-under-eir", "foia-exemption-beside-eir", "regime-mismatch",
              "foia-for-eir-request", "foisa-numbering-under-foia",
              "foia-numbering-under-foisa", "eir-exception-under-foisa"}

# ------------------------------------------------------ EIR letter, FOIA exemption (EIR reg 5)
S43 = f"I am unable to provide the information you asked for. It is exempt under section " \
      f"43(2) of the Freedom of Information Act 2000 {REASONS}"
R125E = f"I am unable to provide the information you asked for. It is excepted from " \
        f"disclosure under regulation 12(5)(e) of the EIR {REASONS}"

EIR_WITH_FOIA_EXEMPTION = {
    # the red-team letter: the request under the EIR, the Commissioner under reg 18
    "request-and-reg-18": letter("Your request was made under the Environmental Information "
                                 "Regulations 2004 (EIR).", S43),
    "handled-under-eir": letter("We have dealt with your request under the Environmental "
                                "Information Regulations 2004.", S43,
                                provision="section 50 of the Freedom of Information Act"),
    "information-is-environmental": letter(
        "The information you asked for is environmental information, so we have considered "
        "your request under the EIR.", S43.replace("43(2)", "43(2) and section 41(1)")),
    "cost-limit-under-eir": letter(
        "We have handled your request under the EIR.",
        "We are refusing your request under section 12(1) of the Freedom of Information Act "
        "2000, because the cost of complying would exceed the appropriate limit of £450.",
        provision="regulation 18"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", EIR_WITH_FOIA_EXEMPTION)
def test_an_eir_letter_relying_on_a_foia_exemption_fails(name: str, fmt: str,
                                                          tmp_path: Path) -> None:
    r = check(EIR_WITH_FOIA_EXEMPTION[name], tmp_path, fmt)
    assert r.regime == "eir", "the declared Act wins over the citation"
    assert not r.ok
    assert "foia-exemption-under-eir" in ids(r, "error"), r.findings
    found = next(f for f in r.findings if f.id == "foia-exemption-under-eir")
    assert "FOIA s39" in found.message


# a negation or contrast in the sentence that is not about the FOIA provision leaves the
# reliance on it standing (EIR reg 5(1), reg 12(1); FOIA s39(1))
NEGATION_ELSEWHERE = {
    "not-available-because": "The prices are not available to you because they are withheld "
                             "under section 43(2) of the Freedom of Information Act 2000 "
                             + REASONS,
    "rather-than-published": "The prices are withheld rather than published, under section "
                             "43(2) of the Freedom of Information Act 2000 " + REASONS,
    "instead-of-released": "Instead of releasing the prices we have withheld them under "
                           "section 43(2) of the Freedom of Information Act 2000 " + REASONS,
    "unlike-last-year": "Unlike last year's prices, which we published, the current prices "
                        "are withheld under section 43(2) of the Freedom of Information Act "
                        "2000 " + REASONS,
}
# the provision itself is what is not applied: no reliance on it
PROVISION_NOT_APPLIED = {
    "not-relevant": "Section 43(2) of the Freedom of Information Act 2000 is not relevant to "
                    "environmental information.",
    "have-not-applied": "We have not applied section 43(2) of the Freedom of Information Act "
                        "2000.",
    "rather-than": "Rather than section 43(2) of the Freedom of Information Act 2000, "
                   "regulation 12(5)(e) of the EIR applies.",
    "instead-of": "We rely on regulation 12(5)(e) of the EIR instead of section 43(2) of FOIA.",
    "unlike": "Unlike section 43(2) of FOIA, regulation 12(5)(e) protects only confidentiality "
              "provided by law.",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NEGATION_ELSEWHERE)
def test_a_negation_not_about_the_foia_provision_keeps_the_reliance(name: str, fmt: str,
                                                                    tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Environmental Information "
                  "Regulations 2004.", NEGATION_ELSEWHERE[name], provision="regulation 18")
    r = check(text, tmp_path, fmt)
    assert r.regime == "eir"
    assert "foia-exemption-under-eir" in ids(r, "error"), r.findings
    assert not r.ok


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PROVISION_NOT_APPLIED)
def test_an_eir_letter_saying_the_foia_provision_is_not_applied_passes(
        name: str, fmt: str, tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Environmental Information "
                  "Regulations 2004. " + PROVISION_NOT_APPLIED[name], R125E,
                  ground="exception", provision="regulation 18")
    r = check(text, tmp_path, fmt)
    assert r.regime == "eir"
    assert r.ok, r.findings
    assert not ids(r) & REGIME_IDS, r.findings


def test_the_finding_names_the_eir_counterpart(tmp_path: Path) -> None:
    r = check(EIR_WITH_FOIA_EXEMPTION["request-and-reg-18"], tmp_path, "md")
    found = next(f for f in r.findings if f.id == "foia-exemption-under-eir")
    assert "section 43(2)" in found.message and "regulation 12(5)(e)" in found.message


LAWFUL_ENVIRONMENTAL = {
    "eir-exception": letter("We have dealt with your request under the Environmental "
                            "Information Regulations 2004.", R125E, ground="exception"),
    # ICO "Which regime?": part under each regime, said so
    "mixed-response": letter(
        "We have considered part 1 of your request, about waste collection, under the EIR "
        "and part 2, about the cleaning contract, under the Freedom of Information Act 2000.",
        R125E.replace("It is", "The information in part 1 is") + " The information in part "
        "2 is exempt under section 43(2) of the Freedom of Information Act 2000 for the same "
        "reason.", provision="regulation 18 of the EIR and section 50 of the Act"),
    # boilerplate naming both laws: no declaration of one against the other
    "both-laws-named": letter(
        "Your request has been processed in accordance with the Freedom of Information Act "
        "2000 and the Environmental Information Regulations 2004.", R125E,
        ground="exception", provision="section 50 of the Freedom of Information Act"),
    # an EIR letter may say why FOIA's cost limit is not used
    "s12-does-not-apply": letter(
        "We have dealt with your request under the EIR. Section 12 of the Freedom of "
        "Information Act does not apply to environmental information.", R125E,
        ground="exception"),
    # FOIA s39 sends environmental information to the EIR; reg 12(5)(e) then applies
    "foia-s39-then-eir": letter(
        "We have dealt with your request under the Freedom of Information Act 2000.",
        "The information you asked for is environmental, so it is exempt under section "
        "39(1) of the Act and we have considered it under the Environmental Information "
        "Regulations 2004. " + R125E.replace("I am unable to provide the information you "
                                             "asked for. ", ""),
        ground="exception", provision="regulation 18 of the EIR"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", LAWFUL_ENVIRONMENTAL)
def test_lawful_environmental_letters_pass(name: str, fmt: str, tmp_path: Path) -> None:
    r = check(LAWFUL_ENVIRONMENTAL[name], tmp_path, fmt)
    assert r.ok, r.findings
    assert not ids(r) & REGIME_IDS, r.findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_foia_exemption_beside_an_eir_exception_is_a_warning(fmt: str,
                                                               tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the EIR.",
                  R125E + " It is also exempt under section 43(2) of the Freedom of "
                  "Information Act 2000.", ground="exception")
    r = check(text, tmp_path, fmt)
    assert ids(r) & REGIME_IDS == {"foia-exemption-beside-eir"}
    assert "foia-exemption-beside-eir" in ids(r, "warning")


# -------------------------------------- a request made under the EIR (the requester's word)
EIR_REQUEST = "Your request was made under the Environmental Information Regulations 2004."


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_eir_request_refused_under_foia_alone_is_a_warning(fmt: str, tmp_path: Path) -> None:
    r = check(letter(EIR_REQUEST, S43, provision="section 50 of the Act"), tmp_path, fmt)
    assert r.regime == "foia"
    assert ids(r) & REGIME_IDS == {"foia-for-eir-request"}
    found = next(f for f in r.findings if f.id == "foia-for-eir-request")
    assert found.level == "warning" and "regulation 12(5)(e)" in found.message


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_eir_request_answered_under_foia_with_the_reason_passes(fmt: str,
                                                                    tmp_path: Path) -> None:
    # the letter says why the EIR do not apply (EIR reg 2(1)), so FOIA is the right law
    intro = EIR_REQUEST + " The prices in a cleaning contract are not environmental " \
        "information within regulation 2(1) of the EIR."
    r = check(letter(intro, S43, provision="section 50 of the Act"), tmp_path, fmt)
    assert r.regime == "foia"
    assert r.ok and not ids(r) & REGIME_IDS, r.findings


# ------------------------------------------- the declared Act against the citations' Act
@pytest.mark.parametrize("fmt", FORMATS)
def test_foia_declared_with_eir_exceptions_only_is_checked_as_eir(fmt: str,
                                                                  tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Freedom of Information Act "
                  "2000.", R125E, ground="exception", provision="section 50 of the Act")
    r = check(text, tmp_path, fmt)
    assert r.regime == "eir"
    assert ids(r) & REGIME_IDS == {"regime-mismatch"}
    assert next(f for f in r.findings if f.id == "regime-mismatch").level == "warning"


@pytest.mark.parametrize("fmt", FORMATS)
def test_uk_act_declared_with_scottish_rights_is_checked_as_foia(fmt: str,
                                                                 tmp_path: Path) -> None:
    # a UK body's FOIA letter with the Scottish Commissioner's paragraph pasted in
    text = letter("We have dealt with your request under the Freedom of Information Act "
                  "2000.", S43, rights=SIC)
    r = check(text, tmp_path, fmt)
    assert r.regime == "foia"
    assert "regime-mixed" in ids(r, "error")
    assert r.elements["ico_right"].status == "missing"
    assert not r.ok


# "the Freedom of Information Act" without "(Scotland)" is the UK Act of 2000: the Scottish
# Act is always named "(Scotland)" or FOISA. FOIA s38(1)(a) (health and safety) is qualified
# (FOIA s2(2)(b), s17(3)); FOISA s38(1)(a) (personal census information) is absolute.
S38 = ("I am unable to provide the information you asked for. It is exempt under section "
       "38(1)(a) of the Act, because disclosure would be likely to endanger the physical "
       "health of the contractor's staff, who have been threatened by local residents.")
PIT_S38 = PIT.replace("exemption", "section 38(1)(a) exemption")


@pytest.mark.parametrize("fmt", FORMATS)
def test_freedom_of_information_act_unqualified_is_the_uk_act(fmt: str, tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Freedom of Information Act.", S38,
                  rights=SIC)
    r = check(text.replace(PIT.format(ground="exemption"), ""), tmp_path, fmt)
    assert r.regime == "foia", "FOIA s38(1)(a) is not FOISA s38(1)(a)"
    assert "regime-mixed" in ids(r, "error"), r.findings
    assert r.elements["public_interest_reasons"].status == "missing"
    assert not r.ok


@pytest.mark.parametrize("fmt", FORMATS)
def test_scottish_act_named_with_scotland_and_the_scottish_commissioner_passes(
        fmt: str, tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Freedom of Information "
                  "(Scotland) Act 2002.", S38.replace("38(1)(a) of the Act", "39(1) of the Act"),
                  rights=SIC)
    r = check(text, tmp_path, fmt)
    assert r.regime == "foisa"
    assert r.ok, r.findings
    assert "regime-mixed" not in ids(r), r.findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_uk_act_unqualified_with_the_information_commissioner_passes(fmt: str,
                                                                      tmp_path: Path) -> None:
    text = letter("We have dealt with your request under the Freedom of Information Act.",
                  S38, provision="section 50 of the Act")
    r = check(text.replace(PIT.format(ground="exemption"), PIT_S38), tmp_path, fmt)
    assert r.regime == "foia"
    assert r.ok, r.findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_uk_act_declared_and_foisa_contrasted_passes(fmt: str, tmp_path: Path) -> None:
    # a UK-wide body working in Scotland says why FOISA does not apply
    text = letter("We have dealt with your request under the Freedom of Information Act "
                  "2000. As a UK-wide authority we are not subject to FOISA.", S43,
                  provision="section 50 of the Act")
    r = check(text, tmp_path, fmt)
    assert r.regime == "foia"
    assert r.ok, r.findings
    assert not ids(r) & (REGIME_IDS | {"regime-mixed"}), r.findings


@pytest.mark.parametrize("fmt", FORMATS)
def test_foia_numbering_with_only_scottish_wording_fails(fmt: str, tmp_path: Path) -> None:
    # no declaration: the Scottish wording makes it FOISA, where s43(2) is no exemption
    text = letter("", S43, rights=SIC)
    r = check(text, tmp_path, fmt)
    assert r.regime == "foisa"
    assert "foia-numbering-under-foisa" in ids(r, "error")
    assert not r.ok


# ------------------------------------------------- FOISA letter, FOIA or EIR numbering
FOISA = "We have dealt with it under the Freedom of Information (Scotland) Act 2002 (FOISA)."
FOISA_WRONG = {
    "s43(2)": (S43.replace("of the Freedom of Information Act 2000", "of FOISA"),
               "foia-numbering-under-foisa", "section 33(1)(b)"),
    "s40(2)": ("I am unable to provide the names you asked for. They are exempt under section "
               "40(2) of FOISA because they are the personal data of the contractor's staff, "
               "and disclosing them would breach the first data protection principle.",
               "foia-numbering-under-foisa", "section 38(1)(b)"),
    "reg12(5)(e)": (R125E.replace("of the EIR", "of the Environmental Information "
                                  "Regulations 2004"),
                    "eir-exception-under-foisa", "regulation 10(5)(e)"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", FOISA_WRONG)
def test_a_foisa_letter_with_another_laws_numbering_fails(name: str, fmt: str,
                                                          tmp_path: Path) -> None:
    refusal, rule_id, fix = FOISA_WRONG[name]
    r = check(letter(FOISA, refusal, rights=SIC), tmp_path, fmt)
    assert r.regime == "foisa"
    assert not r.ok
    found = [f for f in r.findings if f.id == rule_id]
    assert found and found[0].level == "error", r.findings
    assert fix in found[0].message, found[0].message


FOIA_GIVEN_SCOTTISH_NUMBERING = {
    "s25(1)": (letter("We have dealt with your request under the Freedom of Information Act "
                      "2000.", "The information you asked for is exempt under section 25(1) "
                      "of the Act because it is published on our website at "
                      "www.example.gov.uk/contracts.", provision="section 50 of the Act"),
               "section 21(1)"),
    "reg10(5)(e)": (letter("We have dealt with your request under the EIR.",
                           R125E.replace("regulation 12(5)(e)", "regulation 10(5)(e)"),
                           ground="exception"), "regulation 12(5)(e)"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", FOIA_GIVEN_SCOTTISH_NUMBERING)
def test_a_foia_or_eir_letter_with_scottish_numbering_fails(name: str, fmt: str,
                                                            tmp_path: Path) -> None:
    text, fix = FOIA_GIVEN_SCOTTISH_NUMBERING[name]
    r = check(text, tmp_path, fmt)
    assert r.regime in ("foia", "eir") and not r.ok
    found = [f for f in r.findings if f.id == "foisa-numbering-under-foia"]
    assert found and found[0].level == "error" and fix in found[0].message, r.findings


FOISA_LAWFUL = {
    "s33(1)(b)": S43.replace("section 43(2) of the Freedom of Information Act 2000",
                             "section 33(1)(b) of FOISA"),
    "eisr-10(5)(e)": R125E.replace("regulation 12(5)(e) of the EIR", "regulation 10(5)(e) "
                                   "of the Environmental Information (Scotland) Regulations "
                                   "2004"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", FOISA_LAWFUL)
def test_a_foisa_letter_with_its_own_numbering_passes(name: str, fmt: str,
                                                      tmp_path: Path) -> None:
    # "section 21" here is FOISA's review, not FOIA's s21 exemption
    text = letter(FOISA, FOISA_LAWFUL[name], rights=SIC).replace(
        "explaining why you are dissatisfied.", "explaining why you are dissatisfied. We "
        "will reply within 20 working days (section 21 of FOISA).")
    r = check(text, tmp_path, fmt)
    assert r.regime == "foisa"
    assert r.ok, r.findings


# ------------------------------- real and drafted EIR letters, their exception made FOIA's
REAL = Path(__file__).parent / "corpus" / "real"
GOLDEN = Path(__file__).parent / "golden"


def _swap(text: str, limb: str, section: str) -> str:
    """``text`` with every citation of EIR reg 12``limb`` made FOIA's ``section``."""
    pattern = r"\breg(?:ulation)?\.?\s*12\s*" + re.escape(limb).replace(r"\)\(", r"\)\s*\(")
    swapped, n = re.subn(pattern, section, text, flags=re.I)
    assert n, (limb, "not in the letter")
    return swapped


SWAPPED = {  # letter, the EIR limb it relies on, its FOIA counterpart, the finding
    "real-040-12(4)(d)": (REAL / "040.txt", "(4)(d)", "section 22(1)",
                          "foia-exemption-under-eir"),
    "real-029-12(4)(b)": (REAL / "029.txt", "(4)(b)", "section 14(1)",
                          "foia-exemption-under-eir"),
    "drafted-12(4)(b)": (GOLDEN / "eir-manifestly-unreasonable.md", "(4)(b)", "section 12(1)",
                         "foia-exemption-under-eir"),
    # its not-held part keeps reg 12(4)(a): an EIR exception is still cited
    "drafted-12(5)(e)": (GOLDEN / "eir-council-waste-contract.md", "(5)(e)", "section 43(2)",
                         "foia-exemption-beside-eir"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SWAPPED)
def test_an_eir_letter_with_its_exception_made_foias_is_reported(name: str, fmt: str,
                                                                 tmp_path: Path) -> None:
    path, limb, section, rule_id = SWAPPED[name]
    original = path.read_text(encoding="utf-8")
    before = check(original, tmp_path, fmt)
    assert before.regime == "eir" and not ids(before) & REGIME_IDS, before.findings
    after = check(_swap(original, limb, section), tmp_path, fmt)
    assert after.regime == "eir", "the letter still says it answers under the EIR"
    assert ids(after) & REGIME_IDS == {rule_id}, after.findings
    if rule_id == "foia-exemption-under-eir":
        assert not after.ok


FOISA_SWAPPED = {  # letter, FOISA citation, the FOIA number put in its place, the fix named
    "real-015-s25(1)": (REAL / "015.txt", "section 25(1)", "section 21(1)", "section 25(1)"),
    "drafted-s33(1)(b)": (GOLDEN / "foisa-council-contract.md", "ection 33(1)(b)",
                          "ection 43(2)", "section 33(1)(b)"),
    "drafted-s38(1)(b)": (GOLDEN / "foisa-council-contract.md", "ection 38(1)(b)",
                          "ection 40(2)", "section 38(1)(b)"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", FOISA_SWAPPED)
def test_a_foisa_letter_given_foia_numbering_is_reported(name: str, fmt: str,
                                                         tmp_path: Path) -> None:
    path, cite, foia, fix = FOISA_SWAPPED[name]
    original = path.read_text(encoding="utf-8")
    assert cite in original
    before = check(original, tmp_path, fmt)
    assert before.regime == "foisa" and not ids(before) & REGIME_IDS, before.findings
    after = check(original.replace(cite, foia), tmp_path, fmt)
    assert after.regime == "foisa" and not after.ok
    found = [f for f in after.findings if f.id == "foia-numbering-under-foisa"]
    assert found and fix in found[0].message, after.findings
