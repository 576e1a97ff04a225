"""Catch environmental information sent down the wrong route.

Environmental information (EIR reg 2(1)): the state of the elements (air, water, soil, land,
landscape, natural sites, biological diversity), factors affecting them (energy, noise,
radiation, waste, emissions, discharges), measures affecting them (policies, plans,
programmes, agreements, legislation, including planning and transport infrastructure), and
reports, analyses and the state of human health and built structures as affected by them.
FOIA s39(1) exempts it from FOIA and the EIR govern the reply; in Scotland FOISA s39(2) sends
it to the Environmental Information (Scotland) Regulations 2004. The ICO (e.g. FER0099394,
East Sussex CC; FS50206320, Nottinghamshire CC / Veolia) treats waste contracts and their
prices as environmental information, so a FOIA notice for them is the wrong notice.

The terms below are phrases, not single words: "planning", "energy", "water", "land" and
"environment" alone appear in ordinary requests (workforce planning, an energy drink, a
water cooler, a working environment) and must not raise the warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.draft.casefile import LoadedCase
from drafter.errors import Problem
from drafter.infra.caseless import Caseless
from drafter.infra.yamlio import Loc

_TERMS = Caseless(r"\b(?:" + "|".join([
    # the state of the elements
    r"air (?:quality|pollution|monitoring)", r"water (?:quality|pollution|abstraction|supply "
    r"network)", r"(?:contaminated|derelict|brownfield|green ?belt) (?:land|sites?)",
    r"land (?:contamination|drainage|use)", r"soil (?:quality|samples?|contamination)",
    r"bio-?diversity", r"(?:natural|wildlife) habitats?", r"nature reserves?",
    r"sites? of special scientific interest", r"\bsssis?\b", r"protected species",
    r"coastal (?:erosion|defences?)", r"flood(?:ing| defences?| risk| alleviation)",
    r"rivers? (?:levels?|pollution|quality)", r"bathing water", r"ground ?water",
    # factors: energy, noise, radiation, waste, emissions, discharges
    r"emissions?", r"pollut(?:ion|ants?|ing)", r"discharges? (?:of|into|to) ",
    r"sewage", r"sewer (?:overflows?|outfalls?)", r"waste (?:collections?|management|disposal|"
    r"contracts?|services?|sites?|transfer|strategy|facilit(?:y|ies)|water)",
    r"(?:bin|refuse|recycling|food waste|garden waste) collections?", r"recycling (?:rates?|"
    r"centres?|contracts?|targets?)", r"landfill", r"fly-?tipping", r"incinerat(?:or|ion)",
    r"energy from waste", r"noise (?:nuisance|complaints?|levels?|pollution|monitoring)",
    r"radiation (?:levels?|monitoring|leaks?)", r"radioactive (?:waste|discharges?|"
    r"contamination)", r"pesticides?", r"glyphosate",
    r"carbon (?:emissions?|footprint|reduction|neutral)", r"greenhouse gas(?:es)?",
    r"net zero", r"climate (?:change|emergency|action)", r"energy (?:consumption|efficiency|"
    r"usage|use of|performance certificates?)", r"renewable energy", r"wind (?:farms?|turbines?)",
    r"solar (?:farms?|panels?)", r"fracking", r"heat networks?",
    # measures affecting them: planning, land, transport infrastructure
    r"planning (?:applications?|permissions?|consents?|enforcement|conditions?|appeals?|"
    r"officers?'? reports?|committees?)", r"local plan", r"section 106 agreements?",
    r"tree preservation orders?", r"conservation areas?", r"environmental impact assessments?",
    r"(?:road|highway|highways) (?:schemes?|improvements?|maintenance|works|resurfacing)",
    r"traffic (?:calming|management|regulation orders?|counts?|surveys?)",
    r"low traffic neighbourhoods?", r"clean air zones?", r"low emission zones?",
    r"cycle (?:lanes?|routes?)", r"bus lanes?", r"potholes?", r"gritting", r"street trees?",
    r"(?:japanese )?knotweed", r"dredging", r"(?:opencast|open-cast|coal) mining",
    r"quarr(?:y|ies)",
    r"environmental (?:information|permits?|health (?:officers? )?(?:noise|nuisance)|impact)",
]) + r")")

_REGIME_ROUTE = {
    "foia": ("FOIA s39(1) exempts it from the Freedom of Information Act, and the reply must be "
             "a refusal notice under the Environmental Information Regulations 2004 (EIR "
             "reg 14)",
             "redraft the case with 'regime: eir': cite the exceptions in reg 12(4) or 12(5) "
             "(each with the public interest test and the presumption in favour of disclosure, "
             "reg 12(1)(b) and 12(2)), reg 6(1)(b) instead of s21, reg 12(4)(a) for information "
             "not held, reg 13 instead of s40(2), and reg 12(4)(b) instead of s12 or s14; the "
             "letter then gives the reg 11 reconsideration and reg 18 rights. If the "
             "information is not environmental, say why under 'not_environmental:'"),
    "foisa": ("FOISA s39(2) exempts it from the Freedom of Information (Scotland) Act, and the "
              "reply must be given under the Environmental Information (Scotland) Regulations "
              "2004, which drafter does not draft",
              "write the reply under the Environmental Information (Scotland) Regulations 2004 "
              "(their own exceptions in regulation 10, the public interest test and a refusal "
              "notice under regulation 13), citing FOISA s39(2) for the FOISA request; if the "
              "information is not environmental, say why under 'not_environmental:'"),
}


def _texts(loaded: LoadedCase) -> Iterator[tuple[Loc, str]]:
    case = loaded.case
    if case.subject:
        yield ("subject",), case.subject
    if case.preamble:
        yield ("preamble",), case.preamble
    for i, part in enumerate(case.parts):
        if any(_routes_to_eir(use.cite) for use in part.exemptions):
            continue  # the officer has already sent this part to the EIR (FOIA s39, FOISA s39(2))
        yield ("parts", i, "request"), part.request
        for key in ("disclosed", "not_held"):
            value = getattr(part, key)
            if value:
                yield ("parts", i, key), value
        for j, use in enumerate(part.exemptions):
            for key in ("information", "reasons"):
                value = getattr(use, key)
                if value:
                    yield ("parts", i, "exemptions", j, key), value
    for which in ("cost_limit", "vexatious"):
        whole = getattr(case, which)
        if whole is not None and whole.reasons:
            yield (which, "reasons"), whole.reasons


def _routes_to_eir(cite: str) -> bool:
    return cite.replace(" ", "").lower().lstrip("section").startswith(("39", "s39"))


def environmental_terms(text: str) -> list[str]:
    """The environmental phrases in ``text``, in order, each once."""
    return list(dict.fromkeys(text[a:b].lower() for a, b in _TERMS.spans(text)))


def environment_warnings(loaded: LoadedCase) -> list[Problem]:
    """A warning (an error under --strict) when a FOIA or FOISA case looks environmental."""
    case = loaded.case
    regime = str(case.regime)
    if regime not in _REGIME_ROUTE or case.not_environmental:
        return []
    found: list[tuple[Loc, list[str]]] = []
    seen: dict[str, list[str]] = {}  # parts that share a YAML anchor share their texts
    for loc, text in _texts(loaded):
        if text not in seen:
            seen[text] = environmental_terms(text)
        terms = seen[text]
        if terms:
            found.append((loc, terms))
    if not found:
        return []
    loc, terms = found[0]
    quoted = ", ".join(f"'{t}'" for t in terms[:3])
    why, fix = _REGIME_ROUTE[regime]
    return [loaded.problem(loc, f"this looks like environmental information (it mentions "
                           f"{quoted}): information on the state of the environment, "
                           "emissions, waste, land, planning, water, air, energy or transport "
                           "infrastructure, or on measures affecting them, is environmental "
                           f"information (EIR reg 2(1)); {why}", fix, level="warning")]
