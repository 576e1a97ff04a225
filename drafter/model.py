"""Validated input models: the clause library, the authority profile and the case file.

All models are frozen and forbid unknown keys, so a misspelt YAML key is an error rather
than a silently ignored clause field (see ``shared/contracts.md`` for the file formats).
"""

# No ``from __future__ import annotations`` here: with real (not string) annotations pydantic
# need not evaluate every field's type again, and the models build ~15% faster, which every
# run of ``drafter render`` pays. Every name an annotation uses is defined above its use.

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from drafter.types import ClauseId, NonBlank, RequestText, ShortText


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class _LibraryModel(_Model):
    # The library is usually unpickled from the cache (drafter.library), which needs the
    # classes but not their validators: build those on first validation, not at import.
    model_config = ConfigDict(defer_build=True)


# --------------------------------------------------------------------------- clause library

Test = Literal["prejudice", "class", "required_for", "endanger", "qualified_person", "procedural"]
"""How a provision is engaged. ``qualified_person`` is s36 (prejudice in the reasonable
opinion of a qualified person); ``procedural`` is s12 and s14."""

ProvisionKind = Literal["exemption", "ncnd", "procedural"]

Requirement = Literal[
    "likelihood", "qualified_person", "where", "publication", "enactment", "purpose",
    "research", "certificate",
]
"""What a case must supply when it cites a provision (beyond harm and reasons)."""


class Provision(_LibraryModel):
    """One citable provision of the Act: an exemption limb, an NCND subsection, s12 or s14.

    Attributes:
        id: Stable slug, for example ``s31-1-a`` or ``s40-2-first``.
        cite: Canonical citation, for example ``s31(1)(a)``. Several entries may share a
            cite when a qualifier tells them apart (``via``), as s40(2) does.
        via: The qualifying provision printed as "by virtue of", for example ``s40(3A)(a)``.
        section: The section number as printed, for example ``31`` or ``22A``.
        title: Short title used in headings, for example "Law enforcement: prevention or
            detection of crime".
        kind: ``exemption``, ``ncnd`` (removes the duty to confirm or deny) or ``procedural``.
        absolute: True where s2(3) makes it absolute (no public interest test).
        test: How it is engaged.
        ncnd: For exemptions, the citation of the NCND provision that goes with it.
        exempts: For NCND entries, the ids of the exemptions whose information it covers.
        requires: Extra facts a case must give when citing it.
        purposes: For s31(1)(g) to (i): the s31(2) purposes, citation to wording.
        public_interest_defence: True for s41, where the law of confidence has its own
            public-interest defence, so public-interest factors are allowed on an absolute
            exemption.
        applies_to: Which authorities may use it, where the Act limits that.
        explanation: One paragraph of plain English saying what the test is.
        statement: Letter wording (a template) saying what the provision exempts and why it
            applies in general terms; harm statements and case reasons follow it.
        ico_guidance: Link to the ICO's guidance on the provision.
    """

    id: ClauseId
    cite: NonBlank
    via: str | None = None
    section: NonBlank
    title: NonBlank
    kind: ProvisionKind = "exemption"
    absolute: bool
    test: Test
    ncnd: str | None = None
    exempts: list[ClauseId] = Field(default_factory=list)
    requires: list[Requirement] = Field(default_factory=list)
    purposes: dict[str, NonBlank] = Field(default_factory=dict)
    public_interest_defence: bool = False
    applies_to: str | None = None
    explanation: NonBlank
    statement: NonBlank
    ico_guidance: Annotated[str, Field(pattern=r"^https://ico\.org\.uk/")]

    @property
    def qualified(self) -> bool:
        """True where the public interest test applies (s2(1)(b), s2(2)(b))."""
        return not self.absolute and self.kind != "procedural"

    @property
    def prejudice_based(self) -> bool:
        """True where the case must say "would" or "would be likely to"."""
        return self.test in ("prejudice", "endanger", "qualified_person")


class Harm(_LibraryModel):
    """A reusable harm statement: why disclosure (or confirmation) would cause damage."""

    id: ClauseId
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    text: NonBlank


FactorSide = Literal["for_disclosure", "against_disclosure"]


class Factor(_LibraryModel):
    """A public-interest factor, for disclosure or against it."""

    id: ClauseId
    side: FactorSide
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    text: NonBlank


ConclusionUse = Literal["withhold", "ncnd", "disclose_in_part"]


class Conclusion(_LibraryModel):
    """A balancing paragraph that states where the public interest lies."""

    id: ClauseId
    use: ConclusionUse
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    text: NonBlank


class Reference(_LibraryModel):
    """Contact details and figures that change over time, kept in one place with a date."""

    last_verified: dt.date
    ico_name: NonBlank
    ico_address: list[NonBlank] = Field(min_length=2)
    ico_helpline: NonBlank
    ico_complaint_url: Annotated[str, Field(pattern=r"^https://")]
    ico_website: Annotated[str, Field(pattern=r"^https://")]
    complain_within: NonBlank
    hourly_rate: int = 25
    cost_limits: dict[int, NonBlank] = Field(default_factory=dict)
    sic_name: str | None = None
    sic_address: list[str] = Field(default_factory=list)
    sic_website: str | None = None


class LibraryFile(_LibraryModel):
    """What one YAML file under ``clauses/`` may hold. Every key is optional."""

    provisions: list[Provision] = Field(default_factory=list)
    harms: list[Harm] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    conclusions: list[Conclusion] = Field(default_factory=list)
    tags: dict[ClauseId, NonBlank] = Field(default_factory=dict)
    reference: Reference | None = None


# --------------------------------------------------------------------------- authority

class InternalReview(_Model):
    """How to ask for an internal review (s17(7)(a))."""

    contact: NonBlank
    request_within_working_days: int = Field(default=40, ge=1, le=120)
    respond_within_working_days: int = Field(default=20, ge=1, le=60)
    provided: bool = True


class Signatory(_Model):
    """Who signs the letter."""

    name: ShortText
    title: ShortText


class Authority(_Model):
    """The authority profile (``shared/contracts.md`` section 3)."""

    name: ShortText
    address: list[ShortText] = Field(min_length=1)
    email: ShortText
    phone: ShortText | None = None
    website: ShortText | None = None
    cost_limit: Literal[450, 600] = 450
    letterhead: str | None = None
    internal_review: InternalReview
    signatory: Signatory
    publication_scheme: ShortText | None = None


# --------------------------------------------------------------------------- case file

class Wording(_Model):
    """Case-specific wording given instead of a library id: ``{text: "..."}``."""

    text: NonBlank


ClauseRef = ClauseId | Wording
"""A library id, or wording of the case's own."""


class Requester(_Model):
    """The person who asked. Every field is optional: requests may be anonymous."""

    name: ShortText | None = None
    email: ShortText | None = None
    address: list[ShortText] = Field(default_factory=list)


class PublicInterest(_Model):
    """The public interest test for one qualified exemption (s17(3))."""

    for_disclosure: list[ClauseRef] = Field(min_length=1)
    against_disclosure: list[ClauseRef] = Field(min_length=1)
    conclusion: ClauseRef


class QualifiedPerson(_Model):
    """The s36 opinion: who gave it and when (s36(2), s36(5))."""

    name: ShortText
    title: ShortText
    date: dt.date


class Publication(_Model):
    """The s22 intention to publish."""

    intended_before_request: bool
    expected: ShortText
    how: ShortText | None = None


Likelihood = Literal["would", "would_be_likely"]


class ExemptionUse(_Model):
    """One exemption (or NCND provision, or s21) relied on for a part of the request."""

    cite: NonBlank
    via: str | None = None
    likelihood: Likelihood | None = None
    harm: list[ClauseRef] = Field(default_factory=list)
    reasons: NonBlank | None = None
    public_interest: PublicInterest | None = None
    s17_4: NonBlank | None = None
    information: NonBlank | None = None
    where: NonBlank | None = None
    qualified_person: QualifiedPerson | None = None
    enactment: NonBlank | None = None
    purpose: NonBlank | None = None
    publication: Publication | None = None
    research: NonBlank | None = None


Outcome = Literal["disclosed", "part_disclosed", "refused", "ncnd", "not_held", "accessible"]


class Part(_Model):
    """One numbered part of the request and the decision on it."""

    number: int | ShortText
    request: RequestText
    outcome: Outcome | None = None
    disclosed: NonBlank | None = None
    not_held: NonBlank | None = None
    exemptions: list[ExemptionUse] = Field(default_factory=list)


class CostActivity(_Model):
    """One activity in an s12 estimate (Fees Regulations 2004 reg 4(3))."""

    description: NonBlank
    hours: float = Field(gt=0, le=100_000)


class CostLimit(_Model):
    """A whole-request refusal under s12."""

    cite: Literal["s12(1)", "s12(2)"] = "s12(1)"
    activities: list[CostActivity] = Field(min_length=1)
    advice: NonBlank | None = None
    no_advice_reason: NonBlank | None = None
    aggregated: NonBlank | None = None


class Vexatious(_Model):
    """A whole-request refusal under s14(1) (vexatious) or s14(2) (repeated)."""

    cite: Literal["s14(1)", "s14(2)"]
    reasons: NonBlank | None = None
    previous_request: ShortText | None = None
    advice: NonBlank | None = None


class PitExtension(_Model):
    """An s10(3) public-interest extension announced in an s17(2) holding notice.

    Without ``holding_notice_sent`` the case renders the holding notice itself; with it, and
    the public interest decided, it renders the final s17(3) notice that refers back to it.
    """

    decision_by: dt.date
    holding_notice_sent: dt.date | None = None


Regime = Literal["foia", "eir", "foisa"]


class Case(_Model):
    """One request and the authority's decision (``shared/contracts.md`` section 2)."""

    regime: Regime = "foia"
    reference: ShortText
    authority: str | Authority
    requester: Requester = Field(default_factory=Requester)
    received: dt.date
    clarified: dt.date | None = None
    sent: dt.date | None = None
    subject: ShortText | None = None
    parts: list[Part] = Field(min_length=1)
    cost_limit: CostLimit | None = None
    vexatious: Vexatious | None = None
    pit_extension: PitExtension | None = None
    late_apology: NonBlank | None = None
