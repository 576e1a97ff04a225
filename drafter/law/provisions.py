"""What the law says about a cited provision: absolute or qualified, prejudice-based, NCND.

The clause library (``clauses/*.yaml``, validated by :func:`drafter.library.load.load_library`)
is the one source of these facts for every provision it has, in each regime: its
``absolute``, ``test`` and ``kind``. The few facts the checker needs about provisions that are
not library provisions (the Environmental Information (Scotland) Regulations that FOISA
letters cite, and numberings the Data Protection Act 2018 replaced) are held once, in
:mod:`drafter.law.unlisted`. :class:`ProvisionIndex` answers for any citation a letter makes:

* a provision in the library: its record (several, told apart by ``via``, for s40(2));
* a finer limb than the library lists (``s44(1)(a)(ii)``): the limb it belongs to;
* a broader one (a bare ``section 31``, ``section 40``): what all the limbs under it share.
  It is absolute only if every limb is, qualified only if every limb is (else it depends on
  the limb, and is neither), prejudice-based or NCND only if every limb is;
* a condition cited on its own (``s40(4A)``, FOISA ``s38(2A)``): the entries it qualifies
  (s40(2) by virtue of s40(4A));
* a limb of a known section that the library does not list (``s31(5)``): its section's;
* a section the library does not have at all: qualified (below).

Sources: FOIA s2(3) (the absolute exemptions, as amended by the Data Protection Act 2018
Sch 19), FOISA s2(2), EIR reg 12(1)(b): every exemption or exception not made absolute there
is qualified, so one the library does not know is treated as qualified and its public
interest test is asked for. s12 and s14 are not exemptions at all but release the authority
from the duty to comply, so no public interest test applies to them (s2 does not reach them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from drafter.law.citations import normalise

__all__ = ["READS_BESIDE", "LibraryProvision", "ProvisionFacts", "ProvisionIndex",
           "ProvisionRecord", "RegimeRecords", "facts_of", "records_by_regime", "records_of",
           "regime_index", "under"]


def under(cite: str, prefix: str) -> bool:
    """True if ``cite`` is ``prefix`` or a limb of it (``s31(1)(a)`` is under ``s31``)."""
    return cite == prefix or cite.startswith(prefix + "(")


@dataclass(frozen=True, slots=True)
class ProvisionFacts:
    """What is known about one cited provision.

    Attributes:
        absolute: True for an absolute exemption (no public interest test), False for a
            qualified one; None where it depends on the limb or the qualifier relied on
            (s40(2)), or the provision is procedural.
        prejudice_based: Engaged by a prejudice test ("would" or "would be likely to").
        ncnd: Removes the duty to confirm or deny.
        procedural: s12 or s14 (cost limit, vexatious or repeated): not an exemption.
        public_interest_defence: s41: the law of confidence has its own public-interest
            defence, so weighing the public interest is not a defect.
    """

    absolute: bool | None
    prejudice_based: bool
    ncnd: bool
    procedural: bool
    public_interest_defence: bool = False

    @property
    def qualified(self) -> bool:
        """True where the public interest test applies (FOIA s2(1)(b), s2(2)(b))."""
        return self.absolute is False and not self.procedural


class LibraryProvision(Protocol):
    """What the index reads from a clause-library provision.

    :class:`drafter.library.model.Provision` is one (``law`` does not import ``library``).
    """

    @property
    def regime(self) -> str: ...  # noqa: D102

    @property
    def cite(self) -> str: ...  # noqa: D102

    @property
    def via(self) -> str | None: ...  # noqa: D102

    @property
    def absolute(self) -> bool: ...  # noqa: D102

    @property
    def kind(self) -> str: ...  # noqa: D102

    @property
    def ncnd(self) -> str | None: ...  # noqa: D102

    @property
    def prejudice_based(self) -> bool: ...  # noqa: D102

    @property
    def public_interest_defence(self) -> bool: ...  # noqa: D102

    @property
    def title(self) -> str: ...  # noqa: D102


@dataclass(frozen=True, slots=True)
class ProvisionRecord:
    """The legal facts of one library entry, kept by the index, and its short title."""

    via: str | None
    absolute: bool
    prejudice_based: bool
    ncnd: bool
    procedural: bool
    public_interest_defence: bool = False
    title: str = ""

    @classmethod
    def of(cls, provision: LibraryProvision, ncnd: bool = False) -> ProvisionRecord:
        """The record of a library provision.

        ``ncnd``: another provision names it as its neither-confirm-nor-deny provision, as
        s12(1) names s12(2).
        """
        return cls(via=normalise(provision.via) if provision.via else None,
                   absolute=provision.absolute, prejudice_based=provision.prejudice_based,
                   ncnd=provision.kind == "ncnd" or ncnd,
                   procedural=provision.kind == "procedural",
                   public_interest_defence=provision.public_interest_defence,
                   title=provision.title)


def records_of(provisions: Iterable[LibraryProvision]) -> dict[str, tuple[ProvisionRecord, ...]]:
    """The records of one regime's ``provisions``, by canonical citation, in library order.

    A provision is NCND if its kind is ``ncnd`` or another provision names it as the
    neither-confirm-nor-deny provision that goes with it (``ncnd:``): FOIA s12(2), the cost
    of confirming or denying, is procedural and NCND at once.
    """
    provisions = list(provisions)
    named = {p.ncnd for p in provisions if p.ncnd}
    out: dict[str, list[ProvisionRecord]] = {}
    for p in provisions:
        out.setdefault(p.cite, []).append(ProvisionRecord.of(p, p.cite in named))
    return {cite: tuple(records) for cite, records in out.items()}


RegimeRecords = dict[str, dict[str, tuple[ProvisionRecord, ...]]]
"""Records by regime, then by canonical citation (see :func:`records_by_regime`)."""


def records_by_regime(provisions: Iterable[LibraryProvision]) -> RegimeRecords:
    """The records of every regime's provisions (``foia``, ``eir``, ``foisa``)."""
    by: dict[str, list[LibraryProvision]] = {}
    for p in provisions:
        by.setdefault(str(p.regime), []).append(p)
    return {regime: records_of(ps) for regime, ps in by.items()}


def facts_of(records: Sequence[ProvisionRecord]) -> ProvisionFacts:
    """What ``records`` (one provision's, or every limb under a broader citation) share.

    Procedural only if every record is (no public interest test); otherwise the procedural
    ones are set aside. Absolute or qualified only if every record agrees, else None (it
    depends on the limb); prejudice-based, NCND or with a public-interest defence only if
    every record is. A bare "section 27" beside "section 27(1)" in a letter is the same
    provision named twice, and must not ask for the prejudice test of s27(1)'s class-based
    neighbour; a bare "section 31" still asks for it, since every limb of s31 has one.
    """
    if records and all(r.procedural for r in records):
        return ProvisionFacts(None, all(r.prejudice_based for r in records),
                              all(r.ncnd for r in records), True)
    records = [r for r in records if not r.procedural]
    values = {r.absolute for r in records}
    some = bool(records)
    return ProvisionFacts(values.pop() if len(values) == 1 else None,
                          some and all(r.prejudice_based for r in records),
                          some and all(r.ncnd for r in records), False,
                          some and all(r.public_interest_defence for r in records))


UNKNOWN = ProvisionFacts(absolute=False, prejudice_based=False, ncnd=False, procedural=False)
"""A section the library does not have: qualified (FOIA s2(3), FOISA s2(2), EIR reg 12(1)(b)
list every absolute one; the library has them all), so its public interest test is asked for."""


def _parent(cite: str) -> str | None:
    return cite[: cite.rfind("(")] if "(" in cite else None


@dataclass
class ProvisionIndex:
    """Looks up cited provisions in one regime's records (the library's and the law's).

    Attributes:
        library: Records by canonical citation (see :func:`records_of`): the library's, and
            the law's for provisions the library does not have.
        renumbered: Former citations (before the Data Protection Act 2018) and the current
            provisions that replaced them; a former citation has their facts.
    """

    library: Mapping[str, Sequence[ProvisionRecord]] = field(default_factory=dict)
    renumbered: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _found: dict[tuple[str, tuple[str, ...]], ProvisionFacts] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def facts(self, cite: str, via: Sequence[str] = ()) -> ProvisionFacts:
        """What is known about ``cite`` (qualified by the provisions in ``via``)."""
        key = (cite, tuple(via))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._facts(cite, tuple(via))
        return found

    def _targets(self, cite: str) -> tuple[str, ...]:
        for former, current in self.renumbered.items():
            if under(cite, former):
                return current
        return (cite,)

    def records_for(self, cite: str) -> list[ProvisionRecord]:
        """The records that answer for ``cite``: its own, its limb's, or those under it."""
        targets = self._targets(cite)
        if targets != (cite,):  # a former citation: every provision that replaced it
            return [r for t in targets for r in self.records_for(t)]
        own = self.library.get(cite)
        if own:
            return list(own)
        parent = _parent(cite)
        while parent is not None:  # a finer limb than the library lists
            if parent in self.library:
                return list(self.library[parent])
            parent = _parent(parent)
        found = [r for c, rs in self.library.items() if under(c, cite) for r in rs]
        if found:  # a broader citation: every limb under it
            return found
        found = [r for rs in self.library.values() for r in rs
                 if r.via and (under(r.via, cite) or under(cite, r.via))]
        if found:  # a condition cited alone ("section 40(4A)"): the entries it qualifies
            return found
        prefix: str | None = _parent(cite)
        while prefix is not None:  # an unlisted limb of a section: the section's limbs
            found = [r for c, rs in self.library.items() if under(c, prefix) for r in rs]
            if found:
                return found
            prefix = _parent(prefix)
        return []

    def _facts(self, cite: str, via: tuple[str, ...]) -> ProvisionFacts:
        records = self.records_for(cite)
        if not records:
            return UNKNOWN
        if via:  # "s40(2) by virtue of s40(3A)(a)": the entries for that qualifier
            matching = [r for r in records if r.via and any(under(v, r.via) or under(r.via, v)
                                                            for v in via)]
            records = matching or records
        return facts_of(records)


READS_BESIDE: dict[str, tuple[str, ...]] = {"foia": ("eir",), "eir": ("foia",), "foisa": ()}
"""Whose provisions a letter of each regime may also cite: an EIR letter cites FOIA s39 and
s40 beside the regulations, and a FOIA letter may answer part of a request under the EIR.
Sections and regulations never share a citation, so the two never collide."""


def regime_index(regime: str, library: Mapping[str, Mapping[str, Sequence[ProvisionRecord]]]
                 ) -> ProvisionIndex:
    """The index for a letter under ``regime``.

    Its own provisions in ``library`` (records by regime, see :func:`records_by_regime`),
    those it may cite beside them (:data:`READS_BESIDE`), and what
    :mod:`drafter.law.unlisted` holds for it.
    """
    from drafter.law.unlisted import RENUMBERED, UNLISTED

    records: dict[str, Sequence[ProvisionRecord]] = dict(UNLISTED.get(regime, {}))
    for source in (*READS_BESIDE.get(regime, ()), regime):  # its own last: they win
        records.update(library.get(source, {}))
    return ProvisionIndex(records, RENUMBERED.get(regime, {}))
