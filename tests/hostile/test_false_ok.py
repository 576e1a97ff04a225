"""Letters damaged in one way each that `drafter check` once passed (a false "ok").

An officer relies on ``drafter check`` before pressing send, so a letter that lacks a
required statement must fail. Each case below is a lawful letter with one defect a hurried
or careless drafter makes; each has a lawful twin that must still pass, so the fix cannot
be "fail everything". Sources: FOIA s17(7)(a) (particulars of the review procedure), s17(7)(b)
and s50 (the right to apply to the Information Commissioner); EIR reg 11, reg 14(5), reg 18;
FOISA s19, s20, s47 (the Scottish Information Commissioner); ICO guidance on refusal notices.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.check import CheckResult
from drafter.read import read_document
from tests.helpers.checking import CHECKER, check_text

REVIEW = (
    "Your right to ask for a review\n\n"
    "If you are not satisfied with how we have dealt with your request, you can ask for an "
    "internal review. Please write to the Information Governance Manager, Civic Centre, "
    "Bridge Street, Northbridge NB1 2CC (foi.review@northbridge.example.gov.uk) within 40 "
    "working days of the date of this letter.")
ICO = (
    "Your right to complain to the Information Commissioner\n\n"
    "If you are still not satisfied after the internal review, you have the right under "
    "section 50 of the Act to apply to the Information Commissioner for a decision. The "
    "Commissioner's office asks that complaints are made within six weeks of our final "
    "response. You can complain online at https://ico.org.uk/make-a-complaint/ or write to "
    "the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.")

LETTER = """\
Our reference: NCC/FOI/25/0142
Date: 9 April 2025

Dear Alex Example,

Thank you for your request, received on 14 March 2025, for a copy of the contract with
Example Systems Ltd. We have dealt with it under the Freedom of Information Act 2000.

We hold the contract. We are withholding schedule 4 (pricing and payment) under section
43(2) of the Act, because its disclosure would be likely to prejudice the commercial
interests of the council and of Example Systems Ltd.

Schedule 4 sets out the supplier's day rates and discounts line by line. The pricing is
being re-tendered this year, and releasing it now would let competing bidders see the rates
they need to beat, which would weaken the council's negotiating position.

Section 43(2) is a qualified exemption. Factors in favour of disclosure: there is a public
interest in transparency about how public money is spent. Factors in favour of maintaining
the exemption: there is a public interest in fair competition for public contracts. Having
weighed them, we have concluded that the public interest in maintaining the exemption
outweighs the public interest in disclosure.

{guidance}

{review}

{ico}

Yours sincerely,

Tom Okafor
Information Governance Officer
"""


def letter(review: str = REVIEW, ico: str = ICO, guidance: str = "") -> str:
    return LETTER.format(review=review, ico=ico, guidance=guidance)



def missing(result: CheckResult) -> set[str]:
    return {k for k, v in result.elements.items() if v.status == "missing"}


def test_the_lawful_letter_passes() -> None:
    r = check_text(letter())
    assert r.ok, r.findings
    assert not missing(r)


# ------------------------------------------------------ s17(7)(b), s50: the Commissioner
# Each replaces the Commissioner paragraph with a sentence that names the Commissioner (or
# its web site) without telling the requester they may apply for a decision.
NOT_THE_RIGHT = {
    "guidance-url": "We followed the ICO's guidance on section 43, at https://ico.org.uk/media/"
                    "for-organisations/documents/1178/commercial-interests-section-43.pdf.",
    "referred-to-guidance": "We have referred to the Information Commissioner's guidance on "
                            "commercial interests in reaching this decision.",
    "office-at-its-website": "Guidance published by the Information Commissioner's Office at "
                             "its website explains how section 43 applies.",
    "applying-to-the-icos-view": "In applying the test we have given weight to the ICO's "
                                 "published view on commercial interests.",
    "decisions-under-s50": "The Commissioner's decisions under section 50 of the Act support "
                           "our approach.",
    "cannot-complain": "You cannot complain to the Information Commissioner about this "
                       "decision.",
    "no-right": "There is no right to complain to the Information Commissioner about this "
                "request.",
    "commissioner-has-decided": "Under section 50 of the Act the Commissioner has issued "
                                "decisions upholding this approach.",
    # the authority going to the Commissioner, or talk about complaints in general
    "we-may-refer": "We may need to refer this matter to the ICO.",
    "we-will-write": "We will write to the Information Commissioner to explain our position.",
    "we-are-entitled": "We are entitled to withhold it, and we explained our reasons to the ICO.",
    "copies-go": "Copies of this letter go to the ICO.",
    "appeals-are-rare": "Appeals to the Information Commissioner are rarely successful.",
}


@pytest.mark.parametrize("name", NOT_THE_RIGHT)
def test_a_mention_of_the_commissioner_is_not_the_right_to_complain(name: str) -> None:
    r = check_text(letter(ico=NOT_THE_RIGHT[name]))
    assert not r.ok
    assert missing(r) == {"ico_right"}, (name, r.elements["ico_right"])


@pytest.mark.parametrize("ico", [
    ICO,
    "If you remain dissatisfied you may complain to the ICO at Wycliffe House, Water Lane, "
    "Wilmslow SK9 5AF. The ICO will not usually consider a complaint until you have been "
    "through our internal review.",
    "You may then apply to the Information Commissioner for a decision; the ICO's guidance "
    "on how to complain is at https://ico.org.uk/make-a-complaint/.",
    "You cannot apply to the Information Commissioner until you have asked us for a review; "
    "after that you can apply to the Commissioner for a decision under section 50.",
    "If dissatisfied with the outcome, a complaint may be made to the Information Commissioner.",
    "Complaints to the ICO can be made if you remain unhappy.",
])
def test_the_right_to_complain_in_other_words_still_passes(ico: str) -> None:
    r = check_text(letter(ico=ico, guidance="We have followed the Information Commissioner's "
                                            "guidance on section 43."))
    assert r.ok, r.findings


# ------------------------------------------------------- s17(7)(a): review particulars
NO_PARTICULARS = {
    # only the word: the Commissioner paragraph's "apply to" and ICO address are not ours
    "no-how-or-where": "If you are not satisfied with how we have dealt with your request, "
                      "you can ask for an internal review.",
    # how fast we reply is not how to ask
    "reply-time-only": "You can ask for an internal review. We aim to reply within 20 "
                       "working days.",
    # the Commissioner's six weeks, in a sentence that mentions representations
    "commissioners-time": "You may make representations under regulation 11. The "
                          "Commissioner will usually expect you to have made representations "
                          "to us first, and asks that complaints are made within six weeks.",
}


@pytest.mark.parametrize("name", NO_PARTICULARS)
def test_review_without_particulars_fails(name: str) -> None:
    r = check_text(letter(review=NO_PARTICULARS[name]))
    assert not r.ok
    assert missing(r) == {"internal_review"}, (name, r.elements["internal_review"])


@pytest.mark.parametrize("review", [
    REVIEW,
    "You can ask for an internal review by writing to us at the address above.",
    "You may ask us for an internal review within 40 working days of this letter.",
    "You may ask for an internal review by e-mail to foi@northbridge.example.gov.uk, and if "
    "you are still unhappy you may then complain to the Information Commissioner.",
    "Review\n\nYou are entitled to ask for this decision to be reviewed. To do this, please "
    "write to the Monitoring Officer, Town Hall, Market Street, Northbridge NB1 2CC.",
])
def test_review_particulars_in_other_words_still_pass(review: str) -> None:
    r = check_text(letter(review=review))
    assert r.ok, r.findings


# ------------------------------------------------- the request's words are not the letter's
REQUEST_WITH_RIGHTS = (
    "A copy of the contract. If you refuse, I know that I can ask for an internal review by "
    "writing to foi.review@northbridge.example.gov.uk, and then apply to the Information "
    "Commissioner for a decision under section 50.")


def _docx_letter(path: Path, quote_style: str) -> Path:
    """A Word letter whose request (quoted in ``quote_style``) states both rights."""
    d = docx.Document()
    if quote_style not in [s.name for s in d.styles]:
        d.styles.add_style(quote_style, 1)  # 1: a paragraph style
    body = letter(review="", ico="")
    for i, para in enumerate(p for p in body.split("\n\n") if p.strip()):
        d.add_paragraph(" ".join(para.split()))
        if i == 2:
            d.add_paragraph("You asked for:")
            d.add_paragraph(REQUEST_WITH_RIGHTS, style=quote_style)
    d.save(str(path))
    return path


@pytest.mark.parametrize("style", ["Quote", "Request Quote"])
def test_rights_quoted_from_the_request_in_word_do_not_count(tmp_path: Path,
                                                            style: str) -> None:
    r = CHECKER.check(read_document(_docx_letter(tmp_path / "l.docx", style)), file="l.docx")
    assert {"internal_review", "ico_right"} <= missing(r)
    assert not r.ok


def test_rights_quoted_from_the_request_in_an_email_do_not_count(tmp_path: Path) -> None:
    body = letter(review="", ico="").replace(
        "Dear Alex Example,\n", "Dear Alex Example,\n\nYou wrote:\n\n> "
        + REQUEST_WITH_RIGHTS.replace(". ", ".\n> ") + "\n")
    path = tmp_path / "l.txt"
    path.write_text(body)
    r = CHECKER.check(read_document(path), file="l.txt")
    assert {"internal_review", "ico_right"} <= missing(r)
    # the twin: the same letter with its own rights paragraphs passes
    path.write_text(body.replace("Yours sincerely", REVIEW + "\n\n" + ICO + "\n\nYours sincerely"))
    assert CHECKER.check(read_document(path), file="l.txt").ok


# ------------------------------------------------- s16 / FOISA s15 with the cost limit
COST = """\
Our reference: EF/FOI/2025/0877
Date: 9 July 2025

Dear Requester,

We have dealt with your request under the {act}. {numbered}

We are refusing your request under section 12(1) of the {short}, because we estimate that
complying would exceed the appropriate limit. Locating the complaints about discharge would
mean reading about 4,800 complaint files at 30 seconds each: 40 hours, costing £1,000.
{notice}

{advice}

{rights}

Yours sincerely,
"""
FOIA_RIGHTS = (REVIEW + "\n\n" + ICO)
FOISA_RIGHTS = (
    "You have the right under section 20 of FOISA to require us to review our decision. "
    "Please write to foi.review@glenmorven.example.gov.scot within 40 working days of "
    "receiving this letter. If you are not satisfied with our review, you can apply to the "
    "Scottish Information Commissioner for a decision under section 47 of FOISA, within six "
    "months of receiving our review outcome, at https://www.foi.scot/appeal.")
FOIA_ADVICE = ("Under section 16 of the Act we must offer advice and assistance. If you limit "
               "your request to complaints received since April 2022, we expect to be able to "
               "answer it within the cost limit.")


def cost_letter(regime: str = "foia", advice: str = FOIA_ADVICE, numbered: str = "") -> str:
    if regime == "foia":
        return COST.format(act="Freedom of Information Act 2000", short="Act", notice="",
                           advice=advice, rights=FOIA_RIGHTS, numbered=numbered)
    return COST.format(act="Freedom of Information (Scotland) Act 2002 (FOISA)",
                       short="FOISA", notice="This letter is a notice under section 16(4) "
                       "of FOISA.", advice=advice, rights=FOISA_RIGHTS, numbered=numbered)


@pytest.mark.parametrize(("regime", "advice"), [
    ("foia", FOIA_ADVICE),
    ("foisa", FOIA_ADVICE.replace("section 16 of the Act", "section 15 of FOISA")),
    ("foia", "We have considered whether we could provide some of the information within "
             "the limit, but we could not."),
])
def test_cost_limit_letters_with_advice_pass(regime: str, advice: str) -> None:
    r = check_text(cost_letter(regime, advice))
    assert r.ok, r.findings
    assert r.elements["advice_and_assistance"].status == "present"


@pytest.mark.parametrize(("regime", "advice", "numbered"), [
    # "so that we can answer each one" is not advice on bringing the request within the limit
    ("foia", "", "We have numbered the parts of your request so that we can answer each one."),
    # a heading with nothing under it
    ("foia", "Advice and assistance", ""),
    # FOISA's s16(4) notice is not its s15 duty to advise
    ("foisa", "", ""),
    ("foisa", "Advice and assistance", ""),
])
def test_cost_limit_letters_without_advice_fail(regime: str, advice: str,
                                                numbered: str) -> None:
    r = check_text(cost_letter(regime, advice, numbered))
    assert not r.ok
    assert missing(r) == {"advice_and_assistance"}, r.elements["advice_and_assistance"]


# -------------------------------------------- the time allowed to ask (EIR reg 11, FOISA)
EIR = letter().replace("Freedom of Information Act 2000", "Environmental Information "
                       "Regulations 2004").replace("section\n43(2) of the Act", "regulation "
                       "12(5)(e)").replace("Section 43(2) is a qualified exemption",
                       "Regulation 12(5)(e) is subject to the public interest test"
                       ).replace("under section 50 of the Act", "under regulation 18")


def findings(result: CheckResult) -> set[tuple[str, str]]:
    return {(f.id, f.level) for f in result.findings}


def test_eir_letter_base_passes() -> None:
    r = check_text(EIR)
    assert r.regime == "eir" and r.ok, r.findings


@pytest.mark.parametrize(("text", "days"), [
    (EIR, "20 working days"), (EIR, "ten days"), (EIR, "one month"),
    (cost_letter("foisa", FOIA_ADVICE.replace("section 16 of the Act", "section 15 of FOISA")),
     "20 working days"),
])
def test_less_than_40_working_days_to_ask_for_a_review_fails(text: str, days: str) -> None:
    assert "within 40 working days" in text
    r = check_text(text.replace("within 40\nworking days", "within 40 working days")
                   .replace("within 40 working days", "within " + days))
    assert ("review-time-too-short", "error") in findings(r)
    assert not r.ok


def test_foia_review_limit_under_40_days_is_a_warning() -> None:
    r = check_text(letter(review=REVIEW.replace("within 40 working days", "within 10 working "
                                                "days")))
    assert ("review-time-too-short-foia", "warning") in findings(r)
    assert r.ok  # the Code of Practice, not the Act: a warning


@pytest.mark.parametrize("ours", [
    "We will reply to your request for review within 20 working days.",
    "A senior manager who had no part in this response will carry out the review, normally "
    "within 20 working days.",
])
def test_our_own_reply_time_is_not_the_time_to_ask(ours: str) -> None:
    r = check_text(EIR.replace(REVIEW, REVIEW + " " + ours))
    assert r.ok and not r.findings, r.findings


# the review's time is judged in its own clause, not excused because the sentence also names
# the Commissioner (EIR reg 11(2): 40 working days; FOISA s20(5))
REVIEW_SENTENCE = (
    "If you are unhappy with this response you may ask for an internal review within {days} "
    "by writing to foi@northbridge.example.gov.uk, and if you remain dissatisfied after that "
    "you may complain to the Information Commissioner.")


@pytest.mark.parametrize("sentence", [
    REVIEW_SENTENCE.format(days="20 working days"),
    "Before complaining to the ICO, you must ask for an internal review within 20 working "
    "days of the date of this letter.",
    "You may ask for an internal review within 20 working days; after the review you may "
    "apply to the Information Commissioner within six weeks.",
])
def test_a_short_review_time_beside_the_commissioner_fails(sentence: str) -> None:
    r = check_text(EIR.replace(REVIEW, "Your right to ask for a review\n\n" + sentence))
    assert ("review-time-too-short", "error") in findings(r), r.findings
    assert not r.ok


@pytest.mark.parametrize("sentence", [
    REVIEW_SENTENCE.format(days="40 working days"),
    "You may ask for an internal review within 40 working days; after the review you may "
    "apply to the Information Commissioner within six weeks.",
    "If you remain dissatisfied after the review, you may complain to the Information "
    "Commissioner within six weeks of our review response.",
])
def test_the_commissioners_time_beside_a_lawful_review_time_passes(sentence: str) -> None:
    r = check_text(EIR.replace(REVIEW, REVIEW + " " + sentence))
    assert r.ok, r.findings
    assert not {f for f, _ in findings(r)} & {"review-time-too-short"}, r.findings


def test_six_weeks_to_apply_to_the_scottish_commissioner_fails() -> None:
    text = cost_letter("foisa", FOIA_ADVICE.replace("section 16 of the Act",
                                                    "section 15 of FOISA"))
    r = check_text(text.replace("within six\n    months", "within six months")
                   .replace("within six months", "within six weeks"))
    assert ("commissioner-time-too-short", "error") in findings(r)


# ----------------------------------------------- s17(2): the estimated date in a holding letter
HOLDING = """\
Our reference: DRAT/FOI/2025/0456
Date: 26 September 2025

Dear Requester,

We received your request on 1 September 2025. We hold four submissions to ministers
within the scope of your request, and they fall within section 35(1)(a) of the Freedom of
Information Act 2000, because they relate to the formulation of government policy on the
Fund after March 2026, on which ministers have not yet decided. We are withholding them
while we decide where the public interest lies.

Section 35(1)(a) is a qualified exemption. We have not yet reached a decision on the
balance of the public interest, and we need more time to consider it, as section 10(3) of
the Act allows. {estimate}

Your right to ask for a review

You can ask for an internal review by writing to the Head of Information Rights, 4 Marsh
Street, London SW1P 9ZZ (ir.reviews@drat.example.gov.uk), within 40 working days of our
final response.

{ico}

Yours sincerely,
"""


@pytest.mark.parametrize("estimate", [
    "We will write to you again with our decision as soon as we can.",
    "",
])
def test_holding_letter_without_an_estimated_date_fails(estimate: str) -> None:
    # the date of the request and "4 Marsh Street" (once read as "4 Mar") are not an estimate
    r = check_text(HOLDING.format(estimate=estimate, ico=ICO))
    assert r.kind == "holding"
    assert missing(r) == {"pit_extension_estimate"}, r.elements["pit_extension_estimate"]


@pytest.mark.parametrize("estimate", [
    "We expect to reach a decision by 24 October 2025.",
    "We will write to you again with our decision on or before 24 October 2025.",
])
def test_holding_letter_with_an_estimated_date_passes(estimate: str) -> None:
    r = check_text(HOLDING.format(estimate=estimate, ico=ICO))
    assert r.kind == "holding" and r.ok, r.findings


# ------------------------------------------- the Commissioner of the regime (s50 / s47)
VEXATIOUS = """\
Our reference: NCC/FOI/25/0388
Date: 1 July 2025

Dear Requester,

We have dealt with your request under the {act}. We have decided that your request is
vexatious, and we are refusing it under section 14(1) of {short}. This is the twenty-third
request you have made since 2023 about the same closed planning case, which the Ombudsman
reviewed and found no fault; answering it would mean searching the mailboxes of fourteen
officers over six years.

{rights}

Yours sincerely,
"""
TO_THE_SIC = (
    "You can ask us to review our decision by writing to foi.review@council.example.gov.uk "
    "within 40 working days of receiving this letter. If you are still not satisfied after "
    "the review, you can apply to the Scottish Information Commissioner for a decision at "
    "https://www.foi.scot/appeal.")


def test_a_foia_letter_that_sends_the_requester_to_the_scottish_commissioner_fails() -> None:
    r = check_text(VEXATIOUS.format(act="Freedom of Information Act 2000", short="the Act",
                                    rights=TO_THE_SIC))
    assert ("regime-mixed", "error") in findings(r)
    assert not r.ok


@pytest.mark.parametrize(("act", "short", "rights"), [
    ("Freedom of Information (Scotland) Act 2002", "that Act", TO_THE_SIC),
    ("Freedom of Information (Scotland) Act 2002, not the Freedom of Information Act 2000, "
     "which applies to UK-wide bodies", "FOISA", TO_THE_SIC),
    ("Freedom of Information Act 2000", "the Act", REVIEW + "\n\n" + ICO),
])
def test_the_right_commissioner_for_the_regime_passes(act: str, short: str,
                                                      rights: str) -> None:
    r = check_text(VEXATIOUS.format(act=act, short=short, rights=rights))
    assert r.ok, r.findings


# ------------------------------------------------ Word text the requester cannot see
def _word_rights(path: Path, how: str) -> Path:
    """The lawful letter in Word, its two rights paragraphs written ``how``."""
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    for para in (p for p in letter(review="", ico="").split("\n\n") if p.strip()):
        if para.startswith("Yours sincerely"):
            rights = [REVIEW.split("\n\n")[1], ICO.split("\n\n")[1]]
            if how == "table":
                table = d.add_table(rows=2, cols=1)
                for cell, text in zip((table.cell(0, 0), table.cell(1, 0)), rights,
                                      strict=True):
                    cell.text = text
            else:
                for text in rights:
                    run = d.add_paragraph().add_run(text)
                    if how == "hidden":
                        run.font.hidden = True
                    elif how == "white":
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    elif how == "tiny":
                        run.font.size = Pt(1)
        d.add_paragraph(" ".join(para.split()))
    d.save(str(path))
    return path


@pytest.mark.parametrize("how", ["hidden", "white", "tiny"])
def test_rights_the_requester_cannot_see_do_not_count(tmp_path: Path, how: str) -> None:
    r = CHECKER.check(read_document(_word_rights(tmp_path / "l.docx", how)), file="l.docx")
    assert missing(r) == {"internal_review", "ico_right"}


@pytest.mark.parametrize("how", ["visible", "table"])
def test_rights_in_plain_sight_count(tmp_path: Path, how: str) -> None:
    r = CHECKER.check(read_document(_word_rights(tmp_path / "l.docx", how)), file="l.docx")
    assert r.ok, r.findings


# ------------------------------------------- an earlier e-mail quoted below the reply
THREADS = [
    "-----Original Message-----\nFrom: Alex Example\nSent: 10 April 2025 09:12\n",
    "From: FOI Team <foi@northbridge.example.gov.uk>\nSent: 20 March 2025 10:00\n"
    "Subject: Acknowledgement NCC/FOI/25/0142\n",
    "On 20 March 2025, at 10:00, FOI Team <foi@northbridge.example.gov.uk> wrote:\n",
]


def _thread_letter(rights_in_letter: bool, thread: str, headers: bool = False) -> str:
    body = letter() if rights_in_letter else letter(review="", ico="")
    top = ("From: FOI Team <foi@northbridge.example.gov.uk>\nSent: 9 April 2025\n"
           "To: Alex Example\n\n") if headers else ""
    return top + body + "Tom Okafor\n\n" + thread + "\n" + REVIEW + "\n\n" + ICO + "\n"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("thread", THREADS)
def test_rights_in_an_earlier_email_below_the_reply_do_not_count(
        tmp_path: Path, suffix: str, thread: str) -> None:
    path = tmp_path / ("l" + suffix)
    path.write_text(_thread_letter(False, thread))
    r = CHECKER.check(read_document(path), file=path.name)
    assert missing(r) == {"internal_review", "ico_right"}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("headers", [False, True])
def test_a_letter_with_its_own_rights_and_a_thread_below_passes(
        tmp_path: Path, suffix: str, headers: bool) -> None:
    path = tmp_path / ("l" + suffix)
    path.write_text(_thread_letter(True, THREADS[0], headers=headers))
    r = CHECKER.check(read_document(path), file=path.name)
    assert r.ok, r.findings


# ------------------------------------------------ a letter is not a decision notice
@pytest.mark.parametrize("line", [
    "Decision notice",
    "In a similar case the Commissioner's decision is that the council was entitled to rely "
    "on section 43(2).",
    "In that appeal the Tribunal requires the council to take the following steps, which we "
    "have done.",
    "Appellant",
])
def test_a_letter_that_quotes_a_decision_is_still_a_letter(line: str) -> None:
    # without its rights paragraphs, it once passed as "not a letter" with nothing required
    r = check_text(letter(review="", ico="").replace("Dear Alex Example,\n",
                                                      line + "\n\nDear Alex Example,\n"))
    assert r.kind == "refusal"
    assert missing(r) == {"internal_review", "ico_right"}


def test_a_decision_notice_is_still_not_a_letter() -> None:
    r = check_text("""\
        Freedom of Information Act 2000 (FOIA)
        Decision notice
        Date: 3 March 2025
        Public Authority: Northbridge City Council

        The complainant asked the council for its leisure contract. The council withheld it
        under section 43(2) of FOIA. The Commissioner's decision is that the council was
        entitled to rely on section 43(2). The Commissioner does not require any steps.
        """)
    assert r.kind == "not_a_letter" and r.ok


# -------------------------------------------- a refusal in plain words, citing nothing
PLAIN = """\
Our reference: X/1
Date: 9 April 2025

Dear Requester,

Thank you for your request for the 2024 consultants' report on the leisure centre.

{body}

Yours sincerely,
"""


@pytest.mark.parametrize("body", [
    "We are not able to release the report because it is commercially sensitive.",
    "The report cannot be released, as it contains the operator's prices.",
    "We have decided not to disclose the report, because it contains the operator's prices.",
    "We will not be releasing the report at this time.",
    "We must decline your request, as the report is commercially sensitive.",
    "No information can be released, as it is exempt.",
    # one part not held, another refused in the same sentence: still a refusal (s17(1))
    "We do not hold the panel's minutes, and we are not able to release the evaluation "
    "scores because they are commercially sensitive.",
    "We cannot provide the evaluation scores electronically or in any other form, because "
    "they are commercially sensitive.",
])
def test_a_refusal_that_cites_nothing_is_still_a_refusal(body: str) -> None:
    # once read as a disclosure, so nothing was required and it passed
    r = check_text(PLAIN.format(body=body))
    assert r.is_refusal and r.kind == "refusal"
    assert {"specifies_exemption", "internal_review", "ico_right"} <= missing(r)


@pytest.mark.parametrize("body", [
    "We are unable to provide the report because we do not hold it: none was commissioned.",
    "Please find the report attached. We are unable to provide it in paper form.",
    "Please find the report attached. Nothing has been withheld.",
    "We do not hold the report, so we cannot provide it.",
    "No such report is held, so none can be provided.",
])
def test_not_held_or_the_form_of_a_disclosure_is_not_a_refusal(body: str) -> None:
    r = check_text(PLAIN.format(body=body))
    assert not r.is_refusal and r.ok


# ------------------------------- EIR reg 11 and FOISA s20: a review is the requester's right
NO_REVIEW = ("Review\n\nWe do not have an internal review procedure. If you are not satisfied, "
             "you may apply to the {who} for a decision.")


def test_an_eir_letter_may_not_say_there_is_no_review() -> None:
    r = check_text(EIR.replace(REVIEW, NO_REVIEW.format(who="Information Commissioner")))
    assert ("review-denied", "error") in findings(r) and not r.ok


def test_a_foisa_letter_may_not_say_there_is_no_review() -> None:
    text = cost_letter("foisa", FOIA_ADVICE.replace("section 16 of the Act",
                                                    "section 15 of FOISA"))
    r = check_text(text.replace(FOISA_RIGHTS, NO_REVIEW.format(
        who="Scottish Information Commissioner") + " See https://www.foi.scot/appeal."))
    assert ("review-denied", "error") in findings(r) and not r.ok


def test_a_foia_letter_may_say_there_is_no_review_procedure() -> None:
    # s17(7)(a): "particulars of any procedure ... or state that the authority does not
    # provide such a procedure"
    r = check_text(letter(review=NO_REVIEW.format(who="Information Commissioner")))
    assert r.ok, r.findings


@pytest.mark.parametrize(("sentence", "right"), [
    ("We may need to refer this matter to the Scottish Information Commissioner.", False),
    ("Appeals to the Scottish Information Commissioner are rarely successful.", False),
    ("If you are not satisfied with our review, you can apply to the Scottish Information "
     "Commissioner.", True),
])
def test_the_scottish_commissioner_paragraph_states_the_requesters_right(
        sentence: str, right: bool) -> None:
    text = cost_letter("foisa", FOIA_ADVICE.replace("section 16 of the Act",
                                                    "section 15 of FOISA"))
    review = ("You have the right under section 20 of FOISA to require us to review our "
              "decision. Please write to foi.review@glenmorven.example.gov.scot within 40 "
              "working days of receiving this letter. ")
    r = check_text(text.replace(FOISA_RIGHTS, review + sentence))
    assert r.ok is right and (("ico_right" in missing(r)) is not right), r.findings


@pytest.mark.parametrize(("opening", "seen"), [
    ('<div style="display:none">', False), ("<div hidden>", False), ("<div>", True)])
def test_rights_in_hidden_html_in_markdown_do_not_count(tmp_path: Path, opening: str,
                                                         seen: bool) -> None:
    rights = [REVIEW.split("\n\n")[1], ICO.split("\n\n")[1]]
    html = opening + "\n" + "\n".join(f"<p>{p}</p>" for p in rights) + "\n</div>\n\n"
    path = tmp_path / "l.md"
    path.write_text(letter(review="", ico="").replace("Yours sincerely", html +
                                                      "Yours sincerely"))
    r = CHECKER.check(read_document(path), file="l.md")
    assert r.ok is seen and (missing(r) == set() if seen else
                             missing(r) == {"internal_review", "ico_right"})


# ------------- the reader's skips stay narrow: real letter text is read (review 03:40)
OPENING_THREADS = [
    "On 14 March 2025 you wrote:\n",
    "From: Alex Example\nSent: 14 March 2025\nSubject: FOI - contract\n",
]


def _opening_thread(marker: str, opening: str, rights: bool) -> str:
    """A reply that quotes the request near its top after ``marker``, then refuses."""
    body = letter() if rights else letter(review="", ico="")
    return body.replace("Dear Alex Example,\n", "Dear Alex Example,\n\n" + opening + "\n\n"
                        + marker + "\nPlease send me the contract with Example Systems Ltd.\n")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("marker", OPENING_THREADS)
@pytest.mark.parametrize("opening", ["Many thanks for your request.",
                                     "Please see our response below.\n\nKind regards"])
def test_a_request_quoted_at_the_top_does_not_hide_the_letter(
        tmp_path: Path, suffix: str, marker: str, opening: str) -> None:
    """'Many thanks', or a covering note's closing, is no sign-off ending the letter."""
    path = tmp_path / ("l" + suffix)
    path.write_text(_opening_thread(marker, opening, rights=False))
    r = CHECKER.check(read_document(path), file=path.name)
    assert not r.ok and missing(r) == {"internal_review", "ico_right"}, r.findings
    path.write_text(_opening_thread(marker, opening, rights=True))
    r = CHECKER.check(read_document(path), file=path.name)
    assert r.ok, r.findings


def _shade(props: object, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)  # type: ignore[attr-defined]


def _white_rights(path: Path, how: str) -> Path:
    """The lawful letter in Word, its rights paragraphs in white text on a ground ``how``."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    d = docx.Document()
    for para in (p for p in letter(review="", ico="").split("\n\n") if p.strip()):
        if para.startswith("Yours sincerely"):
            rights = [REVIEW.split("\n\n")[1], ICO.split("\n\n")[1]]
            table = d.add_table(rows=2, cols=1) if how == "cell" else None
            for k, text in enumerate(rights):
                p = table.cell(k, 0).paragraphs[0] if table else d.add_paragraph()
                run = p.add_run(text)
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                if how == "cell" and table:
                    _shade(table.cell(k, 0)._tc.get_or_add_tcPr(), "1F3864")
                elif how in ("paragraph", "white paragraph"):
                    _shade(p._p.get_or_add_pPr(), "FFFFFF" if how.startswith("white") else
                           "1F3864")
                elif how in ("highlight", "white highlight"):
                    run.font.highlight_color = (WD_COLOR_INDEX.WHITE if how.startswith("white")
                                                else WD_COLOR_INDEX.DARK_BLUE)
        d.add_paragraph(" ".join(para.split()))
    d.save(str(path))
    return path


@pytest.mark.parametrize(("how", "seen"), [
    ("paragraph", True), ("cell", True), ("highlight", True),
    ("white paragraph", False), ("white highlight", False)])
def test_white_text_on_a_dark_paragraph_or_cell_is_read(tmp_path: Path, how: str,
                                                        seen: bool) -> None:
    r = CHECKER.check(read_document(_white_rights(tmp_path / "l.docx", how)), file="l.docx")
    assert r.ok is seen and missing(r) == (set() if seen else {"internal_review", "ico_right"})


def test_intense_quote_is_the_letters_own_text(tmp_path: Path) -> None:
    """Word's "Intense Quote" sets off the decision for emphasis: it is not the request."""
    d = docx.Document()
    for para in (p for p in letter().split("\n\n") if p.strip()):
        style = "Intense Quote" if para.startswith("We hold the contract") else None
        d.add_paragraph(" ".join(para.split()), style=style)
    d.save(str(tmp_path / "l.docx"))
    r = CHECKER.check(read_document(tmp_path / "l.docx"), file="l.docx")
    assert r.ok, r.findings
    assert "Intense Quote" in [s.name for s in d.styles]


@pytest.mark.parametrize(("hidden", "seen"), [("ref 2025-101", True), (None, False)])
def test_a_hidden_span_hides_only_its_own_words(tmp_path: Path, hidden: str | None,
                                                seen: bool) -> None:
    rights = [REVIEW.split("\n\n")[1], ICO.split("\n\n")[1]]
    spans = [f'<span style="display:none">{hidden or p}</span>{"" if hidden is None else p}'
             for p in rights]
    html = '<div class="rights">\n' + "\n".join(f"<p>{s}</p>" for s in spans) + "\n</div>\n\n"
    path = tmp_path / "l.md"
    path.write_text(letter(review="", ico="").replace("Yours sincerely",
                                                      html + "Yours sincerely"))
    r = CHECKER.check(read_document(path), file="l.md")
    assert r.ok is seen and missing(r) == (set() if seen else {"internal_review", "ico_right"})
