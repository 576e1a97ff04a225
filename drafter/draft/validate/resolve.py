"""Resolve a case's ``cite`` (and ``via``) to the library provision it means."""

from __future__ import annotations

import difflib

from drafter.draft.model import ExemptionUse
from drafter.law.citations import normalise, parse_citation
from drafter.library.load import Library
from drafter.library.model import Provision


def resolve_use(use: ExemptionUse, lib: Library, regime: str = "foia"
                ) -> tuple[Provision | None, str | None, str | None]:
    """Find the provision of ``regime`` a case's ``cite`` (and ``via``) means.

    Returns ``(provision, message, fix)``; message and fix explain a failure. A provision of
    another regime is never returned: the same number means different law in each (FOISA
    s38(1)(b) is personal information, FOIA s38(1)(b) health and safety).
    """
    from drafter.draft.validate.regime_rules import wrong_regime

    if use.cite in lib.provisions:  # a library id is accepted as well as a citation
        p = lib.provisions[use.cite]
        if p.regime == regime:
            return p, None, None
        return None, (f"'{use.cite}' is a {p.regime.upper()} provision, not "
                      f"{regime.upper()}"), f"cite a {regime.upper()} provision, or set " \
            f"'regime: {p.regime}'"
    canon = normalise(use.cite)
    if canon is None:
        return None, f"'{use.cite}' is not a citation", "write it like s43(2) or s31(1)(a)"
    found = lib.by_cite(canon, regime)
    if use.via is not None:
        via = normalise(use.via) or use.via
        found = [p for p in found if p.via == via]
        if not found:
            vias = [p.via for p in lib.by_cite(canon, regime) if p.via]
            return None, f"'{use.cite}' by virtue of '{use.via}' is not in the library", (
                f"use one of: {', '.join(vias)}" if vias else "remove 'via:'")
    if not found:  # "s21" for "s21(1)": accept a shorter citation when only one entry fits
        found = [p for p in lib.of_regime(regime) if p.cite.startswith(canon + "(")
                 and (use.via is None or p.via == (normalise(use.via) or use.via))]
        if len(found) > 1:
            ids = ", ".join(f"{p.cite}{' via ' + p.via if p.via else ''} ({p.id})"
                            for p in found)
            return None, f"'{use.cite}' could mean several provisions", f"cite one of: {ids}"
    if len(found) == 1:
        return found[0], None, None
    if len(found) > 1:
        choices = "; ".join(f"via: {p.via} ({p.title})" for p in found)
        return None, f"'{use.cite}' is ambiguous", f"add one of {choices}"
    elsewhere = wrong_regime(lib, canon, regime)
    if elsewhere is not None:
        return None, elsewhere[0], elsewhere[1]
    cite = parse_citation(canon)
    own = lib.of_regime(regime)
    near: list[str] = [p.cite for p in own if cite and p.section == cite.section]
    near = near or difflib.get_close_matches(canon, [p.cite for p in own], n=3)
    fix = f"did you mean {', '.join(sorted(set(near))[:6])}?" if near else \
        f"run 'drafter clauses list --regime {regime}' to see every citation"
    return None, f"unknown citation '{use.cite}'", fix


