"""What the law says about a cited provision: absolute or qualified, prejudice-based, NCND.

The clause library (``clauses/*.yaml``, validated by :func:`drafter.library.load.load_library`)
is the source of these facts for every provision it has. :class:`ProvisionIndex` is built from
the library's provisions and answers for any citation a letter makes; for provisions the
library does not have (the finer limbs of a section, EIR regulations, FOISA sections) it falls
back on a :class:`FallbackTable`, which the checker's citation rule supplies per regime.

Sources: FOIA s2(3) (the absolute exemptions, as amended by the Data Protection Act 2018
Sch 19); s12 and s14 are not exemptions at all but release the authority from the duty to
comply, so no public interest test applies to them (s2 does not reach them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from drafter.law.citations import normalise

__all__ = ["FallbackTable", "LibraryProvision", "ProvisionFacts", "ProvisionIndex",
           "ProvisionRecord", "records_of", "under"]


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
    def cite(self) -> str: ...  # noqa: D102

    @property
    def via(self) -> str | None: ...  # noqa: D102

    @property
    def absolute(self) -> bool: ...  # noqa: D102

    @property
    def kind(self) -> str: ...  # noqa: D102

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
    def of(cls, provision: LibraryProvision) -> ProvisionRecord:
        """The record of a library provision."""
        return cls(via=normalise(provision.via) if provision.via else None,
                   absolute=provision.absolute, prejudice_based=provision.prejudice_based,
                   ncnd=provision.kind == "ncnd", procedural=provision.kind == "procedural",
                   public_interest_defence=provision.public_interest_defence,
                   title=provision.title)


def records_of(provisions: Iterable[LibraryProvision]) -> dict[str, tuple[ProvisionRecord, ...]]:
    """The records of ``provisions``, by canonical citation, in library order."""
    out: dict[str, list[ProvisionRecord]] = {}
    for p in provisions:
        out.setdefault(p.cite, []).append(ProvisionRecord.of(p))
    return {cite: tuple(records) for cite, records in out.items()}


@dataclass(frozen=True)
class FallbackTable:
    """Facts for provisions the library does not have, as prefixes of canonical citations.

    Attributes:
        absolute: Absolute provisions; a citation under one of these is absolute.
        depends: Provisions whose absolute/qualified status depends on the limb.
        via_absolute: Qualifiers that make a ``depends`` provision absolute.
        via_qualified: Qualifiers that make it qualified.
        prejudice: Prejudice-based provisions.
        ncnd: Provisions that exclude the duty to confirm or deny.
        procedural: Provisions that are not exemptions (s12, s14).
        all_qualified: Every provision not in ``absolute``/``depends`` is qualified.
    """

    absolute: tuple[str, ...] = ()
    depends: tuple[str, ...] = ()
    via_absolute: tuple[str, ...] = ()
    via_qualified: tuple[str, ...] = ()
    prejudice: tuple[str, ...] = ()
    ncnd: tuple[str, ...] = ()
    procedural: tuple[str, ...] = ()
    all_qualified: bool = True

    def absolute_of(self, cite: str, via: Sequence[str]) -> bool | None:
        """Whether ``cite`` (qualified by ``via``) is absolute; None when it cannot be told."""
        best: str | None = None
        for entry in (*self.absolute, *self.depends):
            if under(cite, entry) and (best is None or len(entry) > len(best)):
                best = entry
        if best is not None:
            if best in self.absolute:
                return True
            if any(under(v, q) for v in via for q in self.via_absolute):
                return True
            if any(under(v, q) for v in via for q in self.via_qualified):
                return False
            return None
        if any(under(entry, cite) for entry in (*self.absolute, *self.depends)):
            return None  # a bare section with absolute limbs: which one is unknown
        return False if self.all_qualified else None


@dataclass
class ProvisionIndex:
    """Looks up cited provisions: the clause library first, then the fallback table.

    Attributes:
        fallback: Facts for provisions the library does not have.
        library: The library's records by canonical citation (see :func:`records_of`).
    """

    fallback: FallbackTable
    library: Mapping[str, Sequence[ProvisionRecord]] = field(default_factory=dict)
    _found: dict[tuple[str, tuple[str, ...]], ProvisionFacts] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_library(cls, provisions: Iterable[LibraryProvision], fallback: FallbackTable
                     ) -> ProvisionIndex:
        """The index of ``provisions`` (one regime's, from a validated library)."""
        return cls(fallback, records_of(provisions))

    def facts(self, cite: str, via: Sequence[str] = ()) -> ProvisionFacts:
        """What is known about ``cite`` (qualified by the provisions in ``via``)."""
        key = (cite, tuple(via))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._facts(cite, tuple(via))
        return found

    def _facts(self, cite: str, via: tuple[str, ...]) -> ProvisionFacts:
        table = self.fallback
        records = list(self.library.get(cite, ()))
        if via and records:
            matching = [r for r in records if r.via and any(under(v, r.via) or under(r.via, v)
                                                            for v in via)]
            records = matching or records
        if records:
            procedural = any(r.procedural for r in records)
        else:
            procedural = any(under(cite, p) for p in table.procedural)
        if procedural:  # no public interest test; its NCND limb (s12(2)) is the table's
            return ProvisionFacts(None, any(under(cite, p) for p in table.prejudice),
                                  any(under(cite, p) for p in table.ncnd), True)
        if not records:
            return ProvisionFacts(table.absolute_of(cite, via),
                                  any(under(cite, p) for p in table.prejudice),
                                  any(under(cite, p) for p in table.ncnd), False)
        values = {r.absolute for r in records}
        absolute = values.pop() if len(values) == 1 else table.absolute_of(cite, via)
        return ProvisionFacts(absolute, any(r.prejudice_based for r in records),
                              any(r.ncnd for r in records), False,
                              any(r.public_interest_defence for r in records))
