"""The variables a clause text may use, built in one place for the letter and for lint.

A clause text (a provision's ``statement``, a harm, factor or conclusion ``text``) is a small
template. :class:`ClauseContext` holds exactly the variables it may use, with the values a
letter gives them; ``drafter`` builds it when it drafts a letter
(:mod:`drafter.draft.assemble`) and ``drafter clauses lint`` builds it with sample values
(:func:`sample_contexts`), so a text that renders in lint renders in a letter. The table of
variables in ``templates/README.md`` documents the same fields (a test holds them together).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from drafter.law.citations import prose
from drafter.library.model import Provision

__all__ = ["LIKELIHOOD", "VARIABLES", "ClauseAuthority", "ClauseContext", "cite_prose",
           "sample_contexts"]

LIKELIHOOD = {"would": "would", "would_be_likely": "would be likely to"}
"""A case's ``likelihood`` as the words of the prejudice test ("would, or would be likely
to, prejudice")."""

_INFORMATION = "the information requested"
_ACT = {False: "disclosure of the information requested",
        True: "confirmation or denial of whether we hold the information requested"}
_ACTING = {False: "disclosing the information requested",
           True: "confirming or denying whether we hold the information requested"}


def cite_prose(p: Provision) -> str:
    """``section 40(2) by virtue of section 40(3A)(a)``."""
    text = prose(p.cite)
    return f"{text} by virtue of {prose(p.via)}" if p.via else text


@dataclass(frozen=True)
class ClauseAuthority:
    """What every clause of one letter shares: the authority and its cost limit.

    Attributes:
        name: The authority's name as it reads in a sentence ("the Council", "Westshire
            Police").
        cost_limit: The appropriate limit in pounds (450, or 600 for Schedule 1 Part I).
        hourly_rate: The rate staff time is costed at (£25 under the Fees Regulations 2004).
    """

    name: str
    cost_limit: int
    hourly_rate: int


@dataclass(frozen=True)
class ClauseContext:
    """The variables of a clause text. Each field is one variable, under its own name.

    Attributes:
        authority: The authority's name.
        act: "disclosure of the information requested", or in an NCND answer "confirmation
            or denial of whether we hold the information requested".
        acting: "disclosing the information requested" / "confirming or denying whether we
            hold the information requested".
        Acting: ``acting`` with a capital, to start a sentence.
        ncnd: True in a neither-confirm-nor-deny answer.
        cite: The provision in words: "section 43(2)".
        title: The provision's title: "Commercial interests".
        likelihood: "would" or "would be likely to", from the case.
        information: What the exemption covers, from the case, or "the information
            requested".
        cost_limit: "£450" or "£600".
        limit_hours: The hours the cost limit buys: "18" or "24".
    """

    authority: str
    act: str
    acting: str
    Acting: str
    ncnd: bool
    cite: str
    title: str
    likelihood: str
    information: str
    cost_limit: str
    limit_hours: str

    @classmethod
    def build(cls, who: ClauseAuthority, *, cite: str, title: str, ncnd: bool,
              likelihood: str | None = None, information: str | None = None
              ) -> ClauseContext:
        """The context for one provision's wording.

        Args:
            who: The authority and its cost limit.
            cite: The provision in words (:func:`cite_prose`).
            title: The provision's title.
            ncnd: Whether the answer neither confirms nor denies.
            likelihood: The case's ``would`` or ``would_be_likely`` (default ``would``).
            information: What the exemption covers, from the case.
        """
        acting = _ACTING[ncnd]
        return cls(authority=who.name, act=_ACT[ncnd], acting=acting,
                   Acting=acting[0].upper() + acting[1:], ncnd=ncnd, cite=cite, title=title,
                   likelihood=LIKELIHOOD[likelihood or "would"],
                   information=information or _INFORMATION,
                   cost_limit=f"£{who.cost_limit}",
                   limit_hours=str(who.cost_limit // who.hourly_rate))

    @classmethod
    def for_provision(cls, p: Provision, who: ClauseAuthority, *,
                      likelihood: str | None = None, information: str | None = None
                      ) -> ClauseContext:
        """The context for ``p``'s wording in a letter (NCND when ``p`` is an NCND provision)."""
        return cls.build(who, cite=cite_prose(p), title=p.title, ncnd=p.kind == "ncnd",
                         likelihood=likelihood, information=information)

    def as_dict(self) -> dict[str, Any]:
        """The variables as the template engine takes them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


VARIABLES: tuple[str, ...] = tuple(f.name for f in fields(ClauseContext))
"""The names a clause text may use."""

SAMPLE_AUTHORITY = ClauseAuthority("Example Borough Council", 450, 25)


def sample_contexts(p: Provision | None) -> Iterator[ClauseContext]:
    """The contexts lint renders a clause text with: NCND and not, both likelihoods.

    ``p`` is the provision whose statement is rendered, or None for a harm, factor or
    conclusion (which may be used with any provision).
    """
    cite = "section 43(2)" if p is None else cite_prose(p)
    title = "Commercial interests" if p is None else p.title
    for ncnd in (False, True):
        for likelihood in ("would", "would_be_likely"):
            yield ClauseContext.build(SAMPLE_AUTHORITY, cite=cite, title=title, ncnd=ncnd,
                                      likelihood=likelihood)
