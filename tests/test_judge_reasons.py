"""Judging "why the exemption applies" and "the public interest reasons", per provision.

Each rule has a letter that must fail and a lawful twin that must pass.

* FOIA s17(1)(c) (EIR reg 14(3)(a), FOISA s16(1)(d)): the notice states why the exemption
  applies. The ICO's guidance on refusal notices asks for the reasons in the circumstances of
  the request: a restatement of the exemption, a definition of its terms, a bare conclusion
  ("the contract is exempt under section 43") or the public interest factors are not them.
* FOIA s17(3)(b) (EIR reg 14(3)(b), FOISA s16(2)): the reasons for claiming that the public
  interest in maintaining the exemption outweighs the public interest in disclosure. A
  conclusion that only names the two sides, or a description of the test, gives no reason.
"""

from __future__ import annotations

import pytest

from drafter.check import CheckResult
from drafter.check.reasons import case_words, reason_in
from tests.helpers.checking import check_text

REVIEW = """
If you are unhappy with this response you may ask for an internal review by writing to
foi@example.gov.uk within 40 working days of the date of this letter.

If you remain dissatisfied you may apply to the Information Commissioner under section 50
of the Act: https://ico.org.uk/make-a-complaint/
"""

PIT = """
Section 43(2) is a qualified exemption. Factors in favour of disclosure include transparency
about how the Council spends public money. Factors in favour of maintaining the exemption
include protecting fair competition for council contracts. On balance the public interest
favours withholding the schedule.
"""


def check(text: str) -> CheckResult:
    return check_text(text)


def element(result: CheckResult, cite: str, key: str) -> str:
    found = next(p for p in result.provisions if p.cite == cite)
    return str(found.elements[key].status)


def s43(reasons: str, pit: str = PIT) -> CheckResult:
    return check(f"""
        We hold the pricing schedule of the grounds maintenance contract with Greenway Ltd, but
        we are withholding it under section 43(2) of the Freedom of Information Act 2000.

        {reasons}
        {pit}""" + REVIEW)


REASONS = ("Disclosure would be likely to prejudice Greenway's commercial interests, because "
           "its rivals would see its unit rates before the contract is retendered in May.")


# ------------------------------------------------------------------ s17(1)(c): the reasons
def test_public_interest_factors_are_not_the_reasons() -> None:
    """s17(1)(c) and s17(3) are separate duties: the PI factors do not say why it applies."""
    bare = s43("Disclosure would be likely to prejudice commercial interests.")
    assert element(bare, "s43(2)", "explains_why") == "missing"
    assert "explains_why" in {f.id for f in bare.findings}
    good = s43(REASONS)
    assert element(good, "s43(2)", "explains_why") == "present" and good.ok, good.findings


@pytest.mark.parametrize("conclusion", [
    "The contract with Greenway Ltd is commercially sensitive and is exempt under section 43(2).",
    "The schedule is therefore exempt from disclosure under section 43(2) of the Act.",
    "The schedule is withheld as it falls under section 43(2), which relates to commercial "
    "interests.",
])
def test_a_bare_conclusion_is_not_reasons(conclusion: str) -> None:
    """"X is exempt under section N" states the decision, not why (ICO, refusal notices)."""
    assert element(s43(conclusion), "s43(2)", "explains_why") == "missing"
    assert element(s43(conclusion + " " + REASONS), "s43(2)", "explains_why") == "present"


def test_a_definition_of_the_exemption_is_not_reasons() -> None:
    """Defining "commercial interests" says nothing of whose interests or how they'd suffer."""
    definition = ("Information prejudicing commercial interests - commercial interest relating "
                  "to an organisations commercial activity and may include trading activity "
                  "procurement and relationships with third parties.")
    assert element(s43(definition), "s43(2)", "explains_why") == "missing"
    assert element(s43(definition + " " + REASONS), "s43(2)", "explains_why") == "present"


@pytest.mark.parametrize("law", [
    "The Tribunal has said that commercial interests are defined as the ability to participate "
    "competitively in a commercial activity such as buying and selling goods.",
    "(a) the information is held by the public authority with a view to its publication, by the "
    "authority or any other person, at some future date,",
    "Section 43(2) can only be engaged if disclosure would be likely to prejudice the commercial "
    "interests of any person, including the public authority holding it.",
])
def test_the_law_restated_is_not_reasons(law: str) -> None:
    """What a tribunal said, a quoted limb or the test itself: the law, not this case."""
    assert reason_in(law) is None


def test_the_opening_of_the_letter_is_not_reasons() -> None:
    """Thanks and the handling of the request, before the citation, are not reasons."""
    letter = check("""
        Thank-you for your enquiry, which we referred to our external auditors for advice,
        who said it was a matter for our Monitoring Officer and provided guidance at
        https://example.org/guide.pdf.

        The contract is commercially sensitive and is exempt under section 43(2) of the Act.
        """ + PIT + REVIEW)
    assert element(letter, "s43(2)", "explains_why") == "missing"


@pytest.mark.parametrize("sentence", [
    "We neither confirm nor deny whether we hold the information under section 31(3), because "
    "confirming either way would show offenders which tools are in use.",
    "The report is exempt under section 31(1)(a) as it lists the addresses of empty premises.",
    "Release would let burglars find the 14 premises left empty over Christmas.",
    "The review describes camera positions, watchlist sizes and the thresholds used to generate "
    "an alert.",
])
def test_short_genuine_reasons_count(sentence: str) -> None:
    """A short causal clause about this case is reasons, though most of its words are law's."""
    assert reason_in(sentence) is not None


def test_a_reason_joined_to_the_balance_counts() -> None:
    """Clause by clause: "we will publish it on 5 May, and the public interest ..." (s22)."""
    sentence = ("The Council intends to publish the register on its website on 5 February 2026 "
                "and it is deemed that the public interest in disclosure is outweighed.")
    assert reason_in(sentence) is not None
    assert reason_in("It is deemed that the public interest in disclosure is outweighed.") is None


def test_figures_and_names_are_case_words_citations_are_not() -> None:
    words = case_words("Section 43(2) applies to the 2024 rates of Greenway Ltd under s.12(1).")
    assert {"#2024", "greenway"} <= words and not any("43" in w or "12" in w for w in words)


# ------------------------------------------------------------ s17(3): public interest reasons
def test_a_bare_balance_is_not_public_interest_reasons() -> None:
    """Naming the two sides of the balance gives no reason for it (s17(3)(b))."""
    bare = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption. It is deemed on this occasion that the public
        interest in disclosure is outweighed by the public interest in withholding the
        requested information.
        """)
    assert element(bare, "s43(2)", "public_interest_reasons") == "missing"
    assert "public_interest_reasons" in {f.id for f in bare.findings}
    good = s43(REASONS)
    assert element(good, "s43(2)", "public_interest_reasons") == "present" and good.ok


def test_a_description_of_the_test_is_not_public_interest_reasons() -> None:
    described = s43(REASONS, pit="""
        This exemption is subject to the public interest test, which requires us to assess
        whether the public interest in maintaining the exemption outweighs the public interest
        in disclosure. We have done so and the balance favours withholding the schedule.
        """)
    assert element(described, "s43(2)", "public_interest_reasons") == "missing"


def test_one_side_argued_and_the_other_acknowledged_is_reasons() -> None:
    """s17(3)(b) asks for the reasons for the claim: the weight of maintaining it, given."""
    argued = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption; the public interest in withholding information
        must outweigh the public interest in disclosure. The public interest in protecting
        fair competition for the retender of this contract, and so value for council tax
        payers, outweighs it here.
        """)
    assert element(argued, "s43(2)", "public_interest_reasons") == "present"


def test_the_qualified_persons_opinion_is_why_section_36_applies() -> None:
    """s36(2) is engaged "in the reasonable opinion of a qualified person" (FOIA s36(2))."""
    letter = """
        We are withholding the briefing under section 36(2)(b)(ii), because disclosure would
        be likely to inhibit the free and frank exchange of views. {qp}
        Factors in favour of disclosure include openness; factors in favour of maintaining the
        exemption include safe space for debate; on balance the public interest favours
        withholding.
        """ + REVIEW
    bare = check(letter.format(qp=""))
    assert element(bare, "s36(2)(b)(ii)", "explains_why") == "missing"
    given = check(letter.format(qp="The qualified person, the Chief Executive, gave that "
                                   "opinion on 3 March 2025."))
    assert element(given, "s36(2)(b)(ii)", "explains_why") == "present"


@pytest.mark.parametrize("pit", [
    # the sides named in sentences of their own, then a verdict
    """Section 43(2) is a qualified exemption. There is a public interest in disclosure. There
    is also a public interest in maintaining the exemption. On balance we withhold the
    schedule.""",
    # the law's starting point (EIR reg 12(2), and often said of FOIA) is not a factor
    """Section 43(2) is a qualified exemption. The Act carries a presumption in favour of
    disclosure. The public interest in maintaining the exemption outweighs the public interest
    in disclosure.""",
])
def test_naming_the_sides_is_not_a_factor(pit: str) -> None:
    assert element(s43(REASONS, pit=pit), "s43(2)", "public_interest_reasons") == "missing"


def test_labelled_factor_lists_count() -> None:
    """ "Factors in favour of disclosure:" heads the factors listed after it."""
    labelled = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption, and we have weighed the public interest.

        Factors in favour of disclosure: how the Council spends money on parks is a matter
        of genuine concern to residents.

        Factors in favour of maintaining the exemption: Greenway bids for other councils'
        work this year.

        Having considered these factors, we have concluded that the public interest in
        maintaining the exemption outweighs that in disclosure.
        """)
    assert element(labelled, "s43(2)", "public_interest_reasons") == "present"


@pytest.mark.parametrize(("sentence", "reasons"), [
    # the statute's harm with a name added says whose interests, not how they would suffer
    ("Disclosure would be likely to prejudice the commercial interests of Greenway Ltd.", False),
    ("Release would have an adverse effect on the Council's contractor.", False),
    ("Disclosure would be likely to prejudice the commercial interests of Greenway Ltd, as "
     "rivals would see its unit rates before the retender.", True),
    ("Floor plans showing the exits and the camera blind spots are what someone planning an "
     "escape would need.", True),
])
def test_the_statutory_harm_restated_is_not_how(sentence: str, reasons: bool) -> None:
    """ICO, the prejudice test: say how disclosure would cause the prejudice, not only that."""
    assert (reason_in(sentence, prejudice=True) is not None) is reasons


@pytest.mark.parametrize(("sentence", "reasons"), [
    # what the authority did with the request is not what the information is (s42, class)
    ("We received your request on 3 March 2025 and have searched the Legal Services files.",
     False),
    ("Our Legal Services team located 14 emails and a memorandum from the Borough Solicitor.",
     False),
    ("The file holds a written opinion from Harwood Lacey LLP dated 3 June 2024 on the lease.",
     True),
    # s36: an opinion not yet given is no reason
    ("The qualified person, the Chief Executive, has not yet given an opinion.", False),
    ("The qualified person, the Chief Executive, gave that opinion on 3 March 2025.", True),
])
def test_handling_and_pending_opinions_are_not_reasons(sentence: str, reasons: bool) -> None:
    assert (reason_in(sentence) is not None) is reasons


@pytest.mark.parametrize(("above", "reasons"), [
    ("You asked for the pricing schedule of the grounds maintenance contract.", False),
    ("Greenway Ltd retenders for three other councils this spring; its rivals would use the "
     "schedule's unit rates to undercut it.", True),
])
def test_a_reference_back_needs_reasons_to_point_at(above: str, reasons: bool) -> None:
    """"For the reasons explained above" is reasons only when the letter gave some above."""
    letter = check(f"""
        Dear Mr Smith,

        {above}

        Background

        We have looked at the contract file.

        Decision

        The schedule is withheld under section 43(2), for the reasons explained above.
        """ + PIT + REVIEW)
    assert element(letter, "s43(2)", "explains_why") == ("present" if reasons else "missing")


def test_a_public_interest_reference_needs_a_test_to_point_at() -> None:
    """"The public interest balance is as set out above" needs a test with factors above."""
    letter = """
        We are withholding the staffing figures under section 31(1)(a), because offenders
        would learn when the Harbour Road station has fewest officers on duty.
        {test}
        We also withhold the contract under section 43(2): {reasons} The public interest
        balance for section 43(2) is as set out above under section 31(1)(a).
        """ + REVIEW
    s31_test = ("Factors in favour of disclosure include openness about policing. Factors "
                "against include protecting the public from crime. On balance the public "
                "interest favours withholding.")
    bare = check(letter.format(test="", reasons=REASONS))
    assert element(bare, "s43(2)", "public_interest_reasons") == "missing"
    given = check(letter.format(test=s31_test, reasons=REASONS))
    assert element(given, "s43(2)", "public_interest_reasons") == "present"


@pytest.mark.parametrize("sentence", [
    # the request, quoted without quotation marks
    "Would you be able to provide details of the cameras mounted on the lighting columns on "
    "Gateford Road, opposite the Royal Oak",
    "How many penalty notices were issued on Beacon Street between 2019 and 2024",
    # the letter about itself
    "I refer to your recent request for information about the 2016 restructure of the ACPOS.",
    "Before I explain the reasons for my decision, I thought it would be helpful to outline "
    "the parameters of the Freedom of Information Act 2000.",
    # a conclusion dressed as a cause
    "Some data has been withheld as it is exempt from disclosure under the 2000 Act.",
])
def test_the_request_and_the_letter_about_itself_are_not_reasons(sentence: str) -> None:
    assert reason_in(sentence) is None


@pytest.mark.parametrize("where", [
    # a link is a pointer, not words: "transparency" in it is no public interest factor
    "our senior staff expenses page, https://www.example.ac.uk/about/transparency/expenses, "
    "where claims are published each quarter",
    # "search for" the reference is how to find it, not a search of our records
    "the contract award notice we published on Contracts Finder, "
    "https://www.contractsfinder.service.gov.uk/ (search for WP-2024-118)",
])
def test_section_21_where_it_is_published_is_the_reason(where: str) -> None:
    """s21: where the information is reasonably accessible is why it applies (s17(1)(c))."""
    letter = check(f"""
        We hold this information, and it is already reasonably accessible to you.

        Section 21(1): Information accessible to the applicant by other means

        You can find the information here: {where}.

        Section 21(1) is an absolute exemption, so we are not required to consider the
        public interest.
        """ + REVIEW)
    assert element(letter, "s21(1)", "explains_why") == "present", letter.findings
    bare = check("""
        The information is exempt under section 21(1), as it is reasonably accessible to you
        by other means.
        """ + REVIEW)
    assert element(bare, "s21(1)", "explains_why") == "missing"


def test_the_question_of_the_test_is_not_the_balance() -> None:
    """s17(3)(b): the reasons for the conclusion. "We have considered whether X outweighs Y",
    with the factors listed but no conclusion, strikes no balance; the same factors with the
    balance struck pass."""
    asked = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption. We have therefore considered whether, in all
        the circumstances, the public interest in maintaining the exemption outweighs the
        public interest in disclosing the information. Factors in favour of disclosure: there
        is a public interest in transparency about how public money is spent. Factors in
        favour of maintaining the exemption: there is a public interest in fair competition
        for public contracts.
        """)
    assert element(asked, "s43(2)", "public_interest_reasons") == "missing"
    assert not asked.ok
    struck = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption. We have considered whether the public interest
        in maintaining the exemption outweighs the public interest in disclosure, and
        concluded that it does. Factors in favour of disclosure: there is a public interest in
        transparency about how public money is spent. Factors in favour of maintaining the
        exemption: there is a public interest in fair competition for public contracts.
        """)
    assert element(struck, "s43(2)", "public_interest_reasons") == "present"


def test_factors_for_disclosure_alone_give_no_reason_for_withholding() -> None:
    """s17(3)(b) asks for the reasons for claiming that the public interest in maintaining
    the exemption outweighs that in disclosure: a letter that lists only what favours
    disclosure and then withholds gives none (ICO, "The public interest test")."""
    one_sided = s43(REASONS, pit="""
        Section 43(2) is a qualified exemption. Factors in favour of disclosure: there is a
        public interest in transparency about how public money is spent. Having weighed them,
        we have concluded that the public interest in maintaining the exemption outweighs the
        public interest in disclosure.
        """)
    assert element(one_sided, "s43(2)", "public_interest_reasons") == "missing"
    assert not one_sided.ok


@pytest.mark.parametrize("maintaining", [
    "Against that, it is important to protect fair competition when the contract is "
    "re-tendered next spring.",
    "The public interest in maintaining the exemption is strong, because disclosure would "
    "weaken the council's negotiating position in next spring's retender.",
])
def test_a_reason_for_maintaining_the_exemption_counts(maintaining: str) -> None:
    """The reason for maintaining it may follow a turn ("Against that, ...") or the side named."""
    argued = s43(REASONS, pit=f"""
        Section 43(2) is a qualified exemption. Factors in favour of disclosure: there is a
        public interest in transparency about how public money is spent. {maintaining} On
        balance, the public interest in maintaining the exemption is the stronger.
        """)
    assert element(argued, "s43(2)", "public_interest_reasons") == "present"
    assert argued.ok, [f.id for f in argued.findings]


EIR_1245B = """
    We have dealt with your request for every planning enforcement complaint since 2010 under
    the Environmental Information Regulations 2004. We are refusing it under regulation
    12(4)(b), because we consider it manifestly unreasonable. {why}

    Regulation 12(4)(b) is subject to the public interest test. Factors in favour of
    disclosure: the public interest in how the council responds to complaints. Factors in
    favour of maintaining the exception: the two officers who would do the work would be taken
    off live enforcement cases for three months. On balance, the public interest in
    maintaining the exception outweighs the public interest in disclosure.
    """


def test_the_definition_of_a_manifestly_unreasonable_request_is_not_why() -> None:
    """EIR reg 14(3)(a): the reasons for refusing. "A request is manifestly unreasonable where
    ..." defines the exception; it says nothing about this request (ICO guidance on reg
    12(4)(b): say what the burden is)."""
    defined = check(EIR_1245B.format(why=(
        "A request is manifestly unreasonable where it is vexatious, or where complying with "
        "it would place a burden on the council that is clearly out of proportion to the "
        "value of the information.")) + REVIEW)
    assert element(defined, "reg12(4)(b)", "explains_why") == "missing"
    assert not defined.ok
    burden = check(EIR_1245B.format(why=(
        "The 4,300 complaint files since 2010 are on paper in two archives; reading each one "
        "would take about 15 minutes, some 1,075 hours of officer time.")) + REVIEW)
    assert element(burden, "reg12(4)(b)", "explains_why") == "present"


@pytest.mark.parametrize(("sentence", "reasons"), [
    ("The schedule is exempt under section 43(2) as disclosure would prejudice the commercial "
     "interests of Greenway Ltd and Northfield Borough Council.", False),
    ("The schedule is exempt under section 43(2) as disclosure would prejudice the council's "
     "chance of a lower price when the waste contract is retendered next spring.", True),
])
def test_whose_interests_are_not_how_they_would_suffer(sentence: str, reasons: bool) -> None:
    """ICO, the prejudice test: whose interests, and how disclosure would harm them."""
    assert (reason_in(sentence, prejudice=True) is not None) is reasons
