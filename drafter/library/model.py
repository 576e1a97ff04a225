"""Validated models of the clause library: provisions, harms, factors, conclusions, reference.

All models are frozen and forbid unknown keys, so a misspelt YAML key is an error rather
than a silently ignored clause field (``docs/clauses.md`` describes the file format).
"""

# No ``from __future__ import annotations`` here: with real (not string) annotations pydantic
# need not evaluate every field's type again, and the models build ~15% faster, which every
# run of ``drafter render`` pays. Every name an annotation uses is defined above its use.

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from drafter.infra.types import ClauseId, FrozenModel, NonBlank
from drafter.law.authorities import AuthorityFunction, AuthorityType
from drafter.law.regimes import Regime


class _LibraryModel(FrozenModel):
    # The library is usually unpickled from the cache (drafter.library.load), which needs the
    # classes but not their validators: build those on first validation, not at import.
    model_config = ConfigDict(defer_build=True)


# --------------------------------------------------------------------------- clause library

Test = Literal["prejudice", "class", "required_for", "endanger", "qualified_person", "procedural",
               "adverse_effect", "substantial_prejudice"]
"""How a provision is engaged. ``qualified_person`` is s36 (prejudice in the reasonable
opinion of a qualified person); ``procedural`` is s12 and s14 (and FOISA s12, s14, s17, EIR
reg 12(4)(a)); ``adverse_effect`` is the EIR's "would adversely affect" (reg 12(5): "would"
only, more probable than not); ``substantial_prejudice`` is FOISA's "would, or would be likely
to, prejudice substantially"."""

"""The access regime a provision belongs to: the same number means different law in each."""

ProvisionKind = Literal["exemption", "ncnd", "procedural"]

Requirement = Literal[
    "likelihood", "qualified_person", "where", "publication", "enactment", "purpose",
    "research", "certificate",
]
"""What a case must supply when it cites a provision (beyond harm and reasons)."""


class AppliesTo(_LibraryModel):
    """Which authorities may rely on a provision, where the Act limits that.

    ``types`` and ``functions`` are checked against the authority profile (``type`` and
    ``functions``; see ``drafter.law.authorities``): an authority may rely on the provision
    if its type is listed or it has one of the functions. With neither, the note is
    descriptive only. A plain string in a clause file is read as the note.
    """

    types: list[AuthorityType] = Field(default_factory=list)
    functions: list[AuthorityFunction] = Field(default_factory=list)
    note: NonBlank

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        return {"note": data} if isinstance(data, str) else data

    @property
    def enforced(self) -> bool:
        """True where the validator checks the authority against this."""
        return bool(self.types or self.functions)


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
        ncnd: For exemptions, the citation of the NCND provision that goes with it; for s12(1),
            s12(2) (the cost of confirming or denying alone), which is procedural and yet
            removes the duty to confirm or deny, and so is read as NCND by the checker.
        exempts: For NCND entries, the ids of the exemptions whose information it covers.
        requires: Extra facts a case must give when citing it.
        purposes: For s31(1)(g) to (i): the s31(2) purposes, citation to wording.
        public_interest_defence: True for s41, where the law of confidence has its own
            public-interest defence, so public-interest factors are allowed on an absolute
            exemption.
        contested_public_interest: True where the provision is treated as absolute but
            whether a public interest test applies is contested (s40(5A), s40(5B)(a):
            section 2(3) does not list them; Dunhill v IC (FTT, 2025)), so a case may give
            the public interest test in the alternative.
        applies_to: Which authorities may use it, where the Act limits that.
        explanation: One paragraph of plain English saying what the test is.
        statement: Letter wording (a template) saying what the provision exempts and why it
            applies in general terms; harm statements and case reasons follow it.
        ico_guidance: Link to the ICO's guidance on the provision (FOIA and EIR).
        guidance: Link to the Scottish Information Commissioner's guidance (FOISA).
        regime: ``foia``, ``eir`` or ``foisa``: whose law the provision is. FOISA's s38(1)(b)
            (personal information) and FOIA's s38(1)(b) (health and safety) are different
            provisions that share a citation.
    """

    id: ClauseId
    regime: Regime = Regime.foia
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
    contested_public_interest: bool = False
    applies_to: AppliesTo | None = None
    explanation: NonBlank
    statement: NonBlank
    ico_guidance: Annotated[str, Field(pattern=r"^https://ico\.org\.uk/")] | None = None
    guidance: Annotated[str, Field(pattern=r"^https://(?:www\.)?foi\.scot/")] | None = None

    @model_validator(mode="after")
    def _regulator_guidance(self) -> "Provision":
        # Each regime's own regulator: the ICO for FOIA and the EIR, the Scottish Information
        # Commissioner for FOISA. A FOISA clause must not send officers to ICO guidance.
        if self.regime == "foisa":
            if self.guidance is None or self.ico_guidance is not None:
                raise ValueError("a FOISA provision links the Scottish Information "
                                 "Commissioner's guidance as 'guidance: https://www.foi.scot/...'"
                                 " and has no 'ico_guidance'")
        elif self.ico_guidance is None:
            raise ValueError("give 'ico_guidance: https://ico.org.uk/...' for a FOIA or EIR "
                             "provision")
        return self

    @property
    def guidance_url(self) -> str:
        """The regulator's guidance on this provision (ICO, or SIC for FOISA)."""
        return self.guidance or self.ico_guidance or ""

    @property
    def qualified(self) -> bool:
        """True where the public interest test applies (s2(1)(b), s2(2)(b))."""
        return not self.absolute and self.kind != "procedural"

    @property
    def prejudice_based(self) -> bool:
        """True where the case must say "would" or "would be likely to"."""
        return self.test in ("prejudice", "endanger", "qualified_person",
                             "substantial_prejudice")


class Harm(_LibraryModel):
    """A reusable harm statement: why disclosure (or confirmation) would cause damage."""

    id: ClauseId
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    text: NonBlank


FactorSide = Literal["for_disclosure", "against_disclosure"]


class Factor(_LibraryModel):
    """A public-interest factor, for disclosure or against it.

    ``prompt`` marks a factor whose weight depends on facts of the case (is the subject in
    public discussion? how many people does it affect?): the library wording states the
    principle, and a case that uses it is asked to give those facts in wording of its own.
    """

    id: ClauseId
    side: FactorSide
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    prompt: NonBlank | None = None
    text: NonBlank


ConclusionUse = Literal["withhold", "ncnd", "disclose_in_part"]


class Conclusion(_LibraryModel):
    """A balancing paragraph that states where the public interest lies."""

    id: ClauseId
    use: ConclusionUse
    title: NonBlank
    tags: list[str] = Field(min_length=1)
    text: NonBlank


class RegulatorName(_LibraryModel):
    """What the FOIA/EIR regulator is called in letters dated from ``since``.

    The Data (Use and Access) Act 2025 ss117-119 abolish the office of Information
    Commissioner and transfer its functions to the Information Commission; SI 2026/386 makes
    the consequential amendments when s119 is fully in force. A letter must name the regulator
    in office on its date (s17(7)(b)). An entry with no ``since`` after the first is announced
    but not yet in force, and is not used.
    """

    name: NonBlank
    short: NonBlank
    office: NonBlank
    postal_name: NonBlank | None = None
    since: dt.date | None = None


class Reference(_LibraryModel):
    """Contact details and figures that change over time, kept in one place with a date."""

    last_verified: dt.date
    regulators: list[RegulatorName] = Field(default_factory=list)
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

    def regulator_on(self, day: dt.date) -> RegulatorName:
        """The FOIA/EIR regulator's name in force on ``day`` (the letter's date)."""
        base = RegulatorName(name="Information Commissioner", short="the Commissioner",
                             office="the Commissioner's office")
        current = self.regulators[0] if self.regulators else base
        for entry in self.regulators[1:]:
            if entry.since is not None and entry.since <= day:
                current = entry
        return current


class LibraryFile(_LibraryModel):
    """What one YAML file under ``clauses/`` may hold. Every key is optional."""

    provisions: list[Provision] = Field(default_factory=list)
    harms: list[Harm] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    conclusions: list[Conclusion] = Field(default_factory=list)
    tags: dict[ClauseId, NonBlank] = Field(default_factory=dict)
    reference: Reference | None = None
