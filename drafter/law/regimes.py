"""The three access regimes drafter knows, and the legal facts that differ between them.

One :class:`Regime` enum names them everywhere (case files, ``--regime`` options, the
checker's rules); :data:`REGIME_LAW` says, for each, which instrument applies, who
regulates it, which provision governs the refusal notice, the review, the complaint and
the time limit, and how working days are counted. Every other module asks here rather
than keeping its own copy.

* ``foia``: the Freedom of Information Act 2000, for public authorities in England, Wales
  and Northern Ireland and UK-wide bodies (including those working in Scotland).
* ``eir``: the Environmental Information Regulations 2004, which replace FOIA for
  environmental information (FOIA s39; EIR reg 2(1)). Scottish environmental information
  falls under the Environmental Information (Scotland) Regulations 2004, which drafter does
  not cover.
* ``foisa``: the Freedom of Information (Scotland) Act 2002, for Scottish public
  authorities. Its numbering differs from FOIA's throughout: never map a FOIA section onto
  FOISA.

Sources: the Acts and Regulations on legislation.gov.uk; the ICO's guidance on refusal
notices, internal review and time limits; the Scottish Information Commissioner's guidance
on what a valid FOISA notice must contain; the Cabinet Office's Freedom of Information Code
of Practice (July 2018), issued under FOIA s45.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.law._regime import REGIMES, Regime, parse_regime

__all__ = [
    "REGIMES",
    "REGIME_LAW",
    "Complaint",
    "Extension",
    "Regime",
    "RegimeLaw",
    "Regulator",
    "Review",
    "parse_regime",
]




@dataclass(frozen=True)
class Regulator:
    """The independent regulator a requester complains to.

    Attributes:
        name: The office holder the statute names ("the Information Commissioner").
        office: The office's usual name ("Information Commissioner's Office").
        short: How people refer to it ("ICO").
        website: The regulator's website.
    """

    name: str
    office: str
    short: str
    website: str


@dataclass(frozen=True)
class Review:
    """The internal review (FOIA), reconsideration (EIR) or review (FOISA) of a decision.

    Attributes:
        provision: Where the review comes from.
        statutory: Whether the instrument itself requires it (EIR, FOISA) or only a code of
            practice does (FOIA).
        request_within: Working days the requester has to ask, counted from the response.
        request_basis: The source of ``request_within``.
        respond_within: Working days the authority has to decide the review.
        respond_basis: The source of ``respond_within``.
        note: What an officer should know beyond the numbers.
    """

    provision: str
    statutory: bool
    request_within: int
    request_basis: str
    respond_within: int
    respond_basis: str
    note: str


@dataclass(frozen=True)
class Complaint:
    """The requester's right to go to the regulator, and the appeal beyond it.

    Attributes:
        provision: The provision that confers the right to apply to the regulator.
        within: Any time limit for applying, with its source (None if the law sets none).
        appeal: Where a decision of the regulator can be appealed, with the provision.
    """

    provision: str
    within: str | None
    appeal: str


@dataclass(frozen=True)
class Extension:
    """An extension of the time for compliance.

    Attributes:
        provision: The provision that allows it.
        usual_max_days: Further working days normally allowed after the 20th working day
            (a legal ceiling for the EIR, the ICO's expectation for FOIA s10(3)).
        statutory_max: Whether ``usual_max_days`` is set by law (True) or by guidance.
        condition: When the extension may be used.
    """

    provision: str
    usual_max_days: int
    statutory_max: bool
    condition: str


@dataclass(frozen=True)
class RegimeLaw:
    """What the law of one regime says, for drafting and checking refusal notices.

    Attributes:
        regime: The regime.
        short: The abbreviation used in letters ("FOIA", "EIR", "FOISA").
        title: The instrument's short title ("Freedom of Information Act 2000").
        legislation_url: The instrument on legislation.gov.uk.
        provision_word: How a provision is named in prose ("section", "regulation").
        ground_word: What a ground for withholding is called ("exemption", "exception").
        harm_test: The words of the prejudice test ("prejudice", "adversely affect",
            "prejudice substantially"): FOISA's bar is higher than FOIA's, so harm wording
            written for one regime does not fit another.
        regulator: Who the requester complains to.
        refusal_notice: The provision that says what a refusal notice must contain.
        not_held: The provision an answer that the information is not held rests on.
        ncnd: Where the authority may neither confirm nor deny that it holds information.
        public_interest: The provision that weighs the public interest for qualified
            exemptions (FOIA, FOISA) or for every exception (EIR).
        cost_limit: The provision for refusing a request that would cost too much, or None
            (the EIR have none: such a request may be manifestly unreasonable).
        vexatious: The provision for vexatious or repeated requests.
        advice_and_assistance: The duty to advise and assist requesters.
        time_limit: The provision that sets the time for compliance.
        working_days: The time for compliance in working days.
        extension: How the time may be extended, or None (FOISA has no extension).
        working_day_provision: The provision that defines a working day.
        working_day_rule: That definition, in one sentence with its source.
        bank_holiday_nations: Whose bank holidays are non-working days, as the ``holidays``
            package's subdivision codes (ENG, WLS, SCT, NIR).
        review: The review of a decision.
        complaint: The right to apply to the regulator, and the appeal beyond it.
    """

    regime: Regime
    short: str
    title: str
    legislation_url: str
    provision_word: str
    ground_word: str
    harm_test: str
    regulator: Regulator
    refusal_notice: str
    not_held: str
    ncnd: str
    public_interest: str
    cost_limit: str | None
    vexatious: str
    advice_and_assistance: str
    time_limit: str
    working_days: int
    extension: Extension | None
    working_day_provision: str
    working_day_rule: str
    bank_holiday_nations: frozenset[str]
    review: Review
    complaint: Complaint

    @property
    def display_name(self) -> str:
        """``FOIA (Freedom of Information Act 2000)``: how ``drafter deadline`` names it."""
        return f"{self.short} ({self.title})"


ICO = Regulator(
    name="the Information Commissioner",
    office="Information Commissioner's Office",
    short="ICO",
    website="https://ico.org.uk/",
)
"""The regulator for FOIA (s18, s50) and the EIR (reg 18)."""

SIC = Regulator(
    name="the Scottish Information Commissioner",
    office="Scottish Information Commissioner",
    short="SIC",
    website="https://www.foi.scot/",
)
"""The regulator for FOISA (s42, s47)."""

_UK_NATIONS = frozenset({"ENG", "WLS", "SCT", "NIR"})

REGIME_LAW: dict[Regime, RegimeLaw] = {
    Regime.foia: RegimeLaw(
        regime=Regime.foia,
        short="FOIA",
        title="Freedom of Information Act 2000",
        legislation_url="https://www.legislation.gov.uk/ukpga/2000/36",
        provision_word="section",
        ground_word="exemption",
        harm_test="prejudice",
        regulator=ICO,
        refusal_notice="s17",
        not_held="s1(1)(a)",
        ncnd="the exemption's own subsection (for example s31(3)), where the public "
             "interest in maintaining the exclusion outweighs disclosing it (s2(1)(b))",
        public_interest="s2(2)(b)",
        cost_limit="s12",
        vexatious="s14",
        advice_and_assistance="s16",
        time_limit="s10(1)",
        working_days=20,
        extension=Extension(
            provision="s10(3)",
            usual_max_days=20,
            statutory_max=False,
            condition="only to consider the public interest for a qualified exemption; an "
                      "s17(2) notice naming the exemption and estimating the date of the "
                      "decision must be sent within the 20 working days. The Act sets no "
                      "ceiling; the ICO expects normally no more than 20 further working "
                      "days.",
        ),
        working_day_provision="s10(6)",
        working_day_rule="Working days exclude Saturdays, Sundays, Christmas Day, Good Friday "
                         "and bank holidays in any part of the UK (FOIA s10(6)).",
        bank_holiday_nations=_UK_NATIONS,
        review=Review(
            provision="the s45 Code of Practice (2018), Part 5",
            statutory=False,
            request_within=40,
            request_basis="s45 Code of Practice: an authority may decline a review asked for "
                          "more than 40 working days after the response",
            respond_within=20,
            respond_basis="s45 Code of Practice: 20 working days, 40 in exceptional cases",
            note="FOIA itself requires no review, but s17(7)(a) requires the notice to give "
                 "the authority's complaints procedure (or say it has none), and the ICO "
                 "normally expects a review to be completed before it accepts a complaint.",
        ),
        complaint=Complaint(
            provision="s50",
            within=None,
            appeal="to the First-tier Tribunal (General Regulatory Chamber) under s57",
        ),
    ),
    Regime.eir: RegimeLaw(
        regime=Regime.eir,
        short="EIR",
        title="Environmental Information Regulations 2004",
        legislation_url="https://www.legislation.gov.uk/uksi/2004/3391",
        provision_word="regulation",
        ground_word="exception",
        harm_test="adversely affect",
        regulator=ICO,
        refusal_notice="reg 14",
        not_held="reg 12(4)(a)",
        ncnd="reg 12(6) (a reg 12(5)(a) interest) and reg 13(5A)/(5B) (personal data)",
        public_interest="reg 12(1)(b)",
        cost_limit=None,
        vexatious="reg 12(4)(b)",
        advice_and_assistance="reg 9",
        time_limit="reg 5(2)",
        working_days=20,
        extension=Extension(
            provision="reg 7(1)",
            usual_max_days=20,
            statutory_max=True,
            condition="only where the complexity and volume of the information make it "
                      "impracticable to comply within 20 working days; the applicant must be "
                      "told so within the 20 working days (reg 7(3)).",
        ),
        working_day_provision="reg 2(1)",
        working_day_rule="Working days exclude Saturdays, Sundays, Christmas Day, Good Friday "
                         "and bank holidays in any part of the UK (EIR reg 2(1), as FOIA "
                         "s10(6)).",
        bank_holiday_nations=_UK_NATIONS,
        review=Review(
            provision="reg 11",
            statutory=True,
            request_within=40,
            request_basis="reg 11(2)",
            respond_within=40,
            respond_basis="reg 11(4)",
            note="The refusal notice must tell the applicant of the right to make "
                 "representations under reg 11 (reg 14(5)(a)).",
        ),
        complaint=Complaint(
            provision="reg 18 (applying FOIA s50)",
            within=None,
            appeal="to the First-tier Tribunal (General Regulatory Chamber) under FOIA s57, "
                   "as applied by reg 18",
        ),
    ),
    Regime.foisa: RegimeLaw(
        regime=Regime.foisa,
        short="FOISA",
        title="Freedom of Information (Scotland) Act 2002",
        legislation_url="https://www.legislation.gov.uk/asp/2002/13",
        provision_word="section",
        ground_word="exemption",
        harm_test="prejudice substantially",
        regulator=SIC,
        refusal_notice="s16",
        not_held="s17(1)",
        ncnd="s18 (only for the exemptions it lists)",
        public_interest="s2(1)(b)",
        cost_limit="s12",
        vexatious="s14",
        advice_and_assistance="s15",
        time_limit="s10(1)",
        working_days=20,
        extension=None,
        working_day_provision="s73",
        working_day_rule="Working days exclude Saturdays, Sundays, Christmas Day and bank "
                         "holidays in Scotland (FOISA s73); holidays elsewhere in the UK are "
                         "working days.",
        bank_holiday_nations=frozenset({"SCT"}),
        review=Review(
            provision="s20 and s21",
            statutory=True,
            request_within=40,
            request_basis="s20(5)",
            respond_within=20,
            respond_basis="s21(1)",
            note="The notice must give the authority's complaints procedure and the rights "
                 "to require a review (s20), apply to the Commissioner (s47) and appeal "
                 "(s56) (s19).",
        ),
        complaint=Complaint(
            provision="s47",
            within="six months after the review outcome, or after the time for the review "
                   "ran out (s47)",
            appeal="to the Court of Session on a point of law under s56",
        ),
    ),
}
"""The legal facts of each regime."""
