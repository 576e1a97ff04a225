"""Validated input models: the authority profile and the case file.

All models are frozen and forbid unknown keys, so a misspelt YAML key is an error rather
than a silently ignored field (``docs/case-file.md`` and ``docs/authority.md`` describe them).
"""

# No ``from __future__ import annotations`` here: with real (not string) annotations pydantic
# need not evaluate every field's type again, and the models build ~15% faster, which every
# run of ``drafter render`` pays. Every name an annotation uses is defined above its use.

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from drafter.infra.types import ClauseId, FrozenModel, NonBlank, RequestText, ShortText
from drafter.law.authorities import AuthorityFunction, AuthorityType
from drafter.law.regimes import Regime

# --------------------------------------------------------------------------- authority

class InternalReview(FrozenModel):
    """How to ask for an internal review (s17(7)(a))."""

    contact: NonBlank
    """Who to write to for a review, with an address or email, as printed in the letter."""
    request_within_working_days: int = Field(default=40, ge=1, le=120)
    """Working days the requester has to ask for a review (the section 45 code of practice
    suggests 40)."""
    respond_within_working_days: int = Field(default=20, ge=1, le=60)
    """Working days in which the authority aims to complete a review."""
    provided: bool = True
    """false if the authority has no internal review procedure (the letter then says so)."""


class Signatory(FrozenModel):
    """Who signs the letter."""

    name: ShortText
    """The signatory's name."""
    title: ShortText
    """The signatory's job title."""


class QualifiedPersonProfile(FrozenModel):
    """The authority's qualified person for s36 (s36(5)), as recorded in its profile."""

    name: ShortText
    """The qualified person's name."""
    title: ShortText
    """Their office."""
    authorised: ShortText | None = None
    """Who authorised them, where s36(5) requires it (for example a Minister)."""


class Authority(FrozenModel):
    """The authority profile (``docs/authority.md``).

    ``type`` and ``functions`` say which exemptions the authority can engage at all (s35 only
    for government departments and the Welsh Government, s33 only with audit functions, s30(1)
    only with a duty to investigate or a power to prosecute); ``qualified_persons`` records who
    may give the s36 opinion (s36(5)).
    """

    name: ShortText
    """The authority's name as it heads the letter."""
    name_in_text: ShortText | None = None
    """The name as it reads inside a sentence, for example 'the Office of the Police and
    Crime Commissioner'."""
    type: AuthorityType | None = None
    """What kind of authority this is; it decides which exemptions can apply at all."""
    functions: list[AuthorityFunction] = Field(default_factory=list)
    """Functions beyond those its type implies (criminal_investigation, prosecution,
    audit, value_for_money)."""
    qualified_persons: list[QualifiedPersonProfile] = Field(default_factory=list)
    """Who may give the s36 opinion for this authority (s36(5))."""
    address: list[ShortText] = Field(min_length=1)
    """Postal address, one line per item."""
    email: ShortText
    """The information-rights team's email address."""
    phone: ShortText | None = None
    """Telephone number, if the letter should give one."""
    website: ShortText | None = None
    """The authority's website."""
    cost_limit: Literal[450, 600] = 450
    """The appropriate limit under the Fees Regulations: 600 for bodies in Part I of
    Schedule 1 to FOIA (central government), 450 for everyone else."""
    letterhead: str | None = None
    """Your Word letterhead (.docx), relative to this file: header, footer, logo and styles
    are kept."""
    internal_review: InternalReview
    """How to ask for an internal review (s17(7)(a))."""
    signatory: Signatory
    """Who signs the letter."""
    publication_scheme: ShortText | None = None
    """Where the publication scheme is, if the letter should point to it."""


# --------------------------------------------------------------------------- case file

class Wording(FrozenModel):
    """Case-specific wording given instead of a library id: ``{text: "..."}``."""

    text: NonBlank
    """Wording of the case's own, printed exactly as written."""


ClauseRef = ClauseId | Wording
"""A library id, or wording of the case's own."""


class Requester(FrozenModel):
    """The person who asked. Every field is optional: requests may be anonymous."""

    name: ShortText | None = None
    """The requester's name."""
    email: ShortText | None = None
    """Email address the reply goes to."""
    address: list[ShortText] = Field(default_factory=list)
    """Postal address, one line per item."""
    salutation: ShortText | None = None
    """How the letter greets them, if not by name (for example 'Ms Example')."""


class PublicInterest(FrozenModel):
    """The public interest test for one qualified exemption (s17(3))."""

    for_disclosure: list[ClauseRef] = Field(min_length=1)
    """Factors in favour of disclosure: library ids (drafter clauses list --kind factor) or
    {text: ...}."""
    against_disclosure: list[ClauseRef] = Field(min_length=1)
    """Factors in favour of maintaining the exemption: library ids or {text: ...}."""
    conclusion: ClauseRef
    """Where the balance lies: a library id (drafter clauses list --kind conclusion) or
    {text: ...}."""


class QualifiedPerson(FrozenModel):
    """The s36 opinion: who gave it and when (s36(2), s36(5))."""

    name: ShortText
    """The qualified person who gave the opinion."""
    title: ShortText
    """Their office (for example the chief executive)."""
    date: dt.date
    """The date they gave the opinion (YYYY-MM-DD)."""


class Publication(FrozenModel):
    """The s22 intention to publish."""

    intended_before_request: bool
    """Whether the intention to publish was formed before the request arrived (s22(1)(a))."""
    expected: ShortText
    """When publication is expected, in words."""
    how: ShortText | None = None
    """Where or how it will be published."""


Likelihood = Literal["would", "would_be_likely"]


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class ExemptionUse(FrozenModel):
    """One exemption (or NCND provision, or s21) relied on for a part of the request.

    ``interest`` names the limb an NCND prejudice provision protects (s31(3): which s31(1)
    matter; likewise s26(3), s27(4), s36(3), s38(2)), as s17(1)(b) and (c) require.
    """

    cite: NonBlank
    """The provision with its subsection, for example s43(2) (drafter clauses list)."""
    via: str | None = None
    """For s40(2): the condition it applies by virtue of, for example s40(3A)(a)."""
    interest: Annotated[list[NonBlank], BeforeValidator(_as_list)] = Field(default_factory=list)
    """NCND prejudice provisions: the limb the answer protects, for example s31(1)(a)."""
    likelihood: Likelihood | None = None
    """Prejudice-based exemptions: would, or would_be_likely (would be likely to)."""
    harm: list[ClauseRef] = Field(default_factory=list)
    """Harm statements: library ids (drafter clauses list --kind harm) or {text: ...}."""
    reasons: NonBlank | None = None
    """Your own reasons for this case, printed after the library's wording."""
    public_interest: PublicInterest | None = None
    """The public interest test, for qualified exemptions (s17(3))."""
    s17_4: NonBlank | None = None
    """Why the reasons cannot be given without disclosing exempt information (s17(4))."""
    information: NonBlank | None = None
    """What the exemption covers, when it is not all the information requested."""
    where: NonBlank | None = None
    """s21: where the requester can find the information."""
    qualified_person: QualifiedPerson | None = None
    """s36: the qualified person's opinion."""
    enactment: NonBlank | None = None
    """s44: the enactment that prohibits disclosure."""
    purpose: NonBlank | None = None
    """s31(2) and similar: the purpose the exemption protects, for example s31(2)(a)."""
    publication: Publication | None = None
    """s22: the intention to publish."""
    research: NonBlank | None = None
    """s22A: the continuing programme of research."""
    alternative: bool = False
    """Cited in the alternative to another exemption in the part that cannot apply to the
    same information at the same time (s23(1)/s24(1); s30/s31; s35/s36 for departments)."""
    commercial_party: ShortText | None = None
    """s43(2): whose commercial interests would be prejudiced: ours, or a third party's."""
    consulted: dt.date | ShortText | None = None
    """s43(2) for a third party: when it was consulted, or why it could not be."""


Outcome = Literal["disclosed", "part_disclosed", "refused", "ncnd", "not_held", "accessible"]


class Part(FrozenModel):
    """One numbered part of the request and the decision on it."""

    number: int | ShortText
    """The part's number as the requester gave it."""
    request: RequestText
    """The requester's words, quoted exactly as written: write 'request: |' and the words
    on the next lines."""
    outcome: Outcome | None = None
    """disclosed, part_disclosed, refused, ncnd (neither confirm nor deny), not_held or
    accessible (s21)."""
    disclosed: NonBlank | None = None
    """What is being provided (disclosed and part_disclosed)."""
    not_held: NonBlank | None = None
    """What was searched and why the information is not held."""
    exemptions: list[ExemptionUse] = Field(default_factory=list)
    """The exemptions (or NCND provisions, or s21) relied on for this part."""
    emissions: bool | None = None
    """EIR: whether the information is on emissions (reg 12(9) then bars reg 12(5)(d)-(g))."""
    independent_of_ncnd: NonBlank | None = None
    """Why answering this part reveals nothing about a part answered neither confirm nor
    deny."""


class CostActivity(FrozenModel):
    """One activity in an s12 estimate (Fees Regulations 2004 reg 4(3))."""

    description: NonBlank
    """What the activity is (determining, locating, retrieving, extracting)."""
    hours: float = Field(gt=0, le=100_000)
    """The estimated hours it would take."""


class CostLimit(FrozenModel):
    """A whole-request refusal on cost: FOIA or FOISA s12, or EIR reg 12(4)(b) (burden).

    Under the EIR there is no cost limit: the estimate supports a finding that the request is
    manifestly unreasonable, which needs the public interest test (reg 12(1)(b)).
    """

    cite: Literal["s12(1)", "s12(2)", "reg12(4)(b)"] = "s12(1)"
    """s12(1) (complying would exceed the limit), s12(2) (so would confirming or denying), or
    EIR reg12(4)(b) (manifestly unreasonable)."""
    activities: list[CostActivity] = Field(min_length=1)
    """The costed estimate, activity by activity."""
    advice: NonBlank | None = None
    """Advice on narrowing the request so it can be answered (s16)."""
    no_advice_reason: NonBlank | None = None
    """Why no advice on narrowing the request can be given."""
    aggregated: NonBlank | None = None
    """Why requests were aggregated for the estimate (Fees Regulations reg 5)."""
    reasons: NonBlank | None = None
    """EIR reg 12(4)(b): why the burden is out of proportion to the request's value."""
    public_interest: PublicInterest | None = None
    """EIR reg 12(4)(b) only: the public interest test (reg 12(1)(b))."""


class Vexatious(FrozenModel):
    """A whole-request refusal under s14(1) (vexatious) or s14(2) (repeated)."""

    cite: Literal["s14(1)", "s14(2)", "reg12(4)(b)"]
    """s14(1) (vexatious), s14(2) (repeated), or EIR reg12(4)(b) (manifestly unreasonable)."""
    reasons: NonBlank | None = None
    """Why the request is vexatious, in this case's own terms."""
    previous_request: ShortText | None = None
    """s14(2): the earlier identical or substantially similar request."""
    complied: NonBlank | None = None
    """s14(2): how the earlier request was complied with (information given, or told it
    is not held)."""
    advice: NonBlank | None = None
    """Any advice and assistance offered (s16)."""
    public_interest: PublicInterest | None = None
    """EIR reg 12(4)(b) only: the public interest test (reg 12(1)(b))."""


class PitExtension(FrozenModel):
    """An s10(3) public-interest extension announced in an s17(2) holding notice.

    Without ``holding_notice_sent`` the case renders the holding notice itself; with it, and
    the public interest decided, it renders the final s17(3) notice that refers back to it.
    """

    decision_by: dt.date
    """When the authority estimates it will reach a decision (YYYY-MM-DD)."""
    holding_notice_sent: dt.date | None = None
    """The date the holding notice was sent; give it to draft the final notice."""


class SubjectAccess(FrozenModel):
    """How a request for the requester's own personal data is being handled.

    Information that is the requester's own personal data is exempt under s40(1), with no
    duty to confirm or deny (s40(5A)); the requester's right to it is under UK GDPR Art 15,
    answered within one month (Art 12(3)) and refused only on Art 12(5) grounds. Refusing
    the FOIA request (even under s12 or s14) does not dispose of the subject access request.
    ``not_own_data`` records why a request that mentions the requester does not ask for
    their own personal data.
    """

    parts: list[int | ShortText] = Field(default_factory=list)
    """The parts that ask for the requester's own personal data (s40(1))."""
    reply_by: dt.date | None = None
    """When the subject access reply is due (one month, UK GDPR Art 12(3))."""
    note: NonBlank | None = None
    """How the subject access request is being handled, in your words."""
    not_own_data: NonBlank | None = None
    """Why a request that mentions the requester does not ask for their own data."""


class ComplexVoluminous(FrozenModel):
    """EIR reg 7(1): the time extended to 40 working days.

    Only for complex and voluminous information, and only when the applicant was told within
    the first 20 working days (reg 7(3)).
    """

    notified: dt.date
    """The date the applicant was told that more time is needed."""
    reasons: NonBlank
    """Why the complexity and volume of the information make 20 working days impracticable."""


class Case(FrozenModel):
    """One request and the authority's decision (``docs/case-file.md``)."""

    regime: Regime = Regime.foia
    """The law the request is under: foia, eir or foisa."""
    reference: ShortText
    """The request's reference; the letter is written to <reference>.docx."""
    authority: str | Authority
    """Your authority profile: a file relative to this one (inside its folder), or the
    profile itself."""
    requester: Requester = Field(default_factory=Requester)
    """Who asked. Every key is optional: a request may be anonymous."""
    received: dt.date
    """The date the request was received (YYYY-MM-DD); the clock starts the next working
    day."""
    clarified: dt.date | None = None
    """The date a clarification arrived, which restarts the clock."""
    sent: dt.date | None = None
    """The letter's date (default: the day it is drafted)."""
    subject: ShortText | None = None
    """A short subject for the letter's heading."""
    preamble: RequestText | None = None
    """The requester's words before the numbered parts, quoted exactly as written: write
    'preamble: |' and the words on the next lines."""
    parts: list[Part] = Field(min_length=1)
    """The request, split into the parts the requester numbered, with the decision on each."""
    cost_limit: CostLimit | None = None
    """A whole-request refusal under s12 (the cost limit)."""
    vexatious: Vexatious | None = None
    """A whole-request refusal under s14 (vexatious or repeated)."""
    pit_extension: PitExtension | None = None
    """A public interest extension under s10(3): the holding notice, then the final
    notice."""
    late_apology: NonBlank | None = None
    """Your own apology for a late reply, instead of the standard sentence."""
    subject_access: SubjectAccess | None = None
    """How a request for the requester's own personal data is handled (UK GDPR Art 15)."""
    extension: ComplexVoluminous | None = None
    """EIR reg 7(1): the extension to 40 working days for complex and voluminous information."""
    not_environmental: NonBlank | None = None
    """Why a FOIA or FOISA request that mentions the environment is not environmental
    information (EIR reg 2(1)); silences the warning that it should go under the EIR."""
