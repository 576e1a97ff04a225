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
    request_within_working_days: int = Field(default=40, ge=1, le=120)
    respond_within_working_days: int = Field(default=20, ge=1, le=60)
    provided: bool = True


class Signatory(FrozenModel):
    """Who signs the letter."""

    name: ShortText
    title: ShortText


class QualifiedPersonProfile(FrozenModel):
    """The authority's qualified person for s36 (s36(5)), as recorded in its profile."""

    name: ShortText
    title: ShortText
    authorised: ShortText | None = None


class Authority(FrozenModel):
    """The authority profile (``docs/authority.md``).

    ``type`` and ``functions`` say which exemptions the authority can engage at all (s35 only
    for government departments and the Welsh Government, s33 only with audit functions, s30(1)
    only with a duty to investigate or a power to prosecute); ``qualified_persons`` records who
    may give the s36 opinion (s36(5)).
    """

    name: ShortText
    name_in_text: ShortText | None = None
    type: AuthorityType | None = None
    functions: list[AuthorityFunction] = Field(default_factory=list)
    qualified_persons: list[QualifiedPersonProfile] = Field(default_factory=list)
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

class Wording(FrozenModel):
    """Case-specific wording given instead of a library id: ``{text: "..."}``."""

    text: NonBlank


ClauseRef = ClauseId | Wording
"""A library id, or wording of the case's own."""


class Requester(FrozenModel):
    """The person who asked. Every field is optional: requests may be anonymous."""

    name: ShortText | None = None
    email: ShortText | None = None
    address: list[ShortText] = Field(default_factory=list)
    salutation: ShortText | None = None


class PublicInterest(FrozenModel):
    """The public interest test for one qualified exemption (s17(3))."""

    for_disclosure: list[ClauseRef] = Field(min_length=1)
    against_disclosure: list[ClauseRef] = Field(min_length=1)
    conclusion: ClauseRef


class QualifiedPerson(FrozenModel):
    """The s36 opinion: who gave it and when (s36(2), s36(5))."""

    name: ShortText
    title: ShortText
    date: dt.date


class Publication(FrozenModel):
    """The s22 intention to publish."""

    intended_before_request: bool
    expected: ShortText
    how: ShortText | None = None


Likelihood = Literal["would", "would_be_likely"]


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class ExemptionUse(FrozenModel):
    """One exemption (or NCND provision, or s21) relied on for a part of the request.

    ``interest`` names the limb an NCND prejudice provision protects (s31(3): which s31(1)
    matter; likewise s26(3), s27(4), s36(3), s38(2)), as s17(1)(b) and (c) require.
    """

    cite: NonBlank
    via: str | None = None
    interest: Annotated[list[NonBlank], BeforeValidator(_as_list)] = Field(default_factory=list)
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


class Part(FrozenModel):
    """One numbered part of the request and the decision on it."""

    number: int | ShortText
    request: RequestText
    outcome: Outcome | None = None
    disclosed: NonBlank | None = None
    not_held: NonBlank | None = None
    exemptions: list[ExemptionUse] = Field(default_factory=list)


class CostActivity(FrozenModel):
    """One activity in an s12 estimate (Fees Regulations 2004 reg 4(3))."""

    description: NonBlank
    hours: float = Field(gt=0, le=100_000)


class CostLimit(FrozenModel):
    """A whole-request refusal under s12."""

    cite: Literal["s12(1)", "s12(2)"] = "s12(1)"
    activities: list[CostActivity] = Field(min_length=1)
    advice: NonBlank | None = None
    no_advice_reason: NonBlank | None = None
    aggregated: NonBlank | None = None


class Vexatious(FrozenModel):
    """A whole-request refusal under s14(1) (vexatious) or s14(2) (repeated)."""

    cite: Literal["s14(1)", "s14(2)"]
    reasons: NonBlank | None = None
    previous_request: ShortText | None = None
    advice: NonBlank | None = None


class PitExtension(FrozenModel):
    """An s10(3) public-interest extension announced in an s17(2) holding notice.

    Without ``holding_notice_sent`` the case renders the holding notice itself; with it, and
    the public interest decided, it renders the final s17(3) notice that refers back to it.
    """

    decision_by: dt.date
    holding_notice_sent: dt.date | None = None


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
    reply_by: dt.date | None = None
    note: NonBlank | None = None
    not_own_data: NonBlank | None = None


class Case(FrozenModel):
    """One request and the authority's decision (``docs/case-file.md``)."""

    regime: Regime = Regime.foia
    reference: ShortText
    authority: str | Authority
    requester: Requester = Field(default_factory=Requester)
    received: dt.date
    clarified: dt.date | None = None
    sent: dt.date | None = None
    subject: ShortText | None = None
    preamble: RequestText | None = None
    """The requester's words before the numbered parts, quoted exactly as written."""
    parts: list[Part] = Field(min_length=1)
    cost_limit: CostLimit | None = None
    vexatious: Vexatious | None = None
    pit_extension: PitExtension | None = None
    late_apology: NonBlank | None = None
    subject_access: SubjectAccess | None = None
