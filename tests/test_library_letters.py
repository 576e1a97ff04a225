"""Every clause library entry, drafted into a letter, passes ``drafter check``.

For each provision in the built-in library this builds the case an officer would write to rely
on it alone (an NCND answer for an NCND subsection, a cost-limit refusal for s12, a vexatious
or repeated request for s14, s21 pointing to where the information is, an exemption with its
likelihood, qualified person, enactment, purpose or publication plan where the provision needs
one), with harm statements, public interest factors and a balancing conclusion chosen from the
entries tagged for it. Harms, factors and conclusions are taken in rotation, so every entry of
the library is printed in at least one letter. Each letter is rendered to DOCX and Markdown
and read back by the checker: it must be a refusal that cites exactly that provision, with no
finding at any level.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import load_rules
from drafter.draft.pipeline import render_case
from drafter.library.load import Library, load_library
from drafter.library.model import Provision
from drafter.library.templating import make_environment
from drafter.read import read_document
from tests.conftest import EXAMPLES

LIB = load_library()
ENV = make_environment()
CHECKER = Checker(load_rules(), load_library())
TODAY = dt.date(2026, 1, 1)
PROVISIONS = sorted(LIB.provisions.values(), key=lambda p: p.id)
USED: Counter[tuple[str, str]] = Counter()


def _cost_limit(cite: str) -> dict[str, Any]:
    """A cost-limit refusal over the limit under every regime, with advice (s16, reg 9, s15)."""
    return {"cite": cite,
            "activities": [{"description": "Read each of about 3,000 paper files in the "
                            "archive to find the relevant letters (10 minutes each)",
                            "hours": 500}],
            "advice": "If you limit your request to 2024, we expect to be able to answer it."}


def _rotate(table: str, ids: Iterable[str], n: int) -> list[str]:
    """At least ``n`` entries of ``ids``: those not printed yet (written for this provision
    before general ones), else the least used."""
    entries = LIB.entries_for(table)
    ordered = sorted(ids, key=lambda i: (USED[(table, i)], "any" in entries[i].tags, i))
    ranked = [i for i in ordered if not USED[(table, i)]][:4] or ordered[:n]
    ranked += [i for i in ordered if i not in ranked][: max(0, n - len(ranked))]
    for i in ranked:
        USED[(table, i)] += 1
    return ranked


def _tagged(lib: Library, table: str, p: Provision, **where: str) -> list[str]:
    tags = lib.tags_of(p)
    return [k for k, v in lib.entries_for(table).items()
            if set(v.tags) & tags and all(getattr(v, a) == b for a, b in where.items())
            and k != AGGREGATE]  # only with two exemptions: test_aggregation_letter


AGGREGATE = "aggregate-exemptions"


def _use(lib: Library, p: Provision) -> dict[str, Any]:
    """The case-file entry that relies on ``p``, with everything the provision requires."""
    use: dict[str, Any] = {"cite": p.cite}
    if p.via:
        use["via"] = p.via
    harms = _tagged(lib, "harms", p)
    if harms:
        use["harm"] = _rotate("harms", harms, 2)
    use["reasons"] = (
        f"The information falls squarely within {p.cite}: it was created for the purpose that "
        "provision protects and it is recent, so the considerations above apply to it in full.")
    if p.test == "prejudice" or "likelihood" in p.requires:
        use["likelihood"] = "would_be_likely"
    requires = set(p.requires)
    if "qualified_person" in requires:
        # s36(5)(a): for a department in the charge of a Minister, any Minister of the Crown.
        use["qualified_person"] = {"name": "Jane Example MP", "title": "Minister of State",
                                   "date": "2025-03-20"}
    if "where" in requires:
        use["where"] = "our annual report, published at https://www.example.gov.uk/annual-report"
    if "enactment" in requires:
        use["enactment"] = "section 18 of the Example Regulation Act 2010"
    if "purpose" in requires:
        use["purpose"] = sorted(p.purposes)[0]
    if "publication" in requires:
        use["publication"] = {"intended_before_request": True, "expected": "June 2025",
                              "how": "on our website with the annual statistics"}
    if "research" in requires:
        use["research"] = ("a continuing study of rural bus use that began in 2022 and will "
                           "report in 2026")
    if p.kind == "ncnd" and len(p.exempts) > 1 and p.prejudice_based:
        # s17(1)(b), (c): an NCND prejudice provision names the interest it protects.
        use["interest"] = [lib.provisions[p.exempts[0]].cite]
    if p.cite == "s43(2)":
        use["commercial_party"] = "ours"  # whose commercial interests (ICO s43 guidance)
    if p.public_interest_defence:
        # s41: absolute, but the law of confidence has its own public interest defence.
        use["public_interest"] = {
            "for_disclosure": _rotate("factors", _tagged(lib, "factors", p,
                                                         side="for_disclosure"), 1),
            "against_disclosure": _rotate("factors", _tagged(lib, "factors", p,
                                                             side="against_disclosure"), 1),
            "conclusion": _rotate("conclusions", _tagged(
                lib, "conclusions", p, use="ncnd" if p.kind == "ncnd" else "withhold"), 1)[0],
        }
    if p.qualified:
        use_kind = "ncnd" if p.kind == "ncnd" else "withhold"
        in_part = _tagged(lib, "conclusions", p, use="disclose_in_part")
        own = [c for c in _tagged(lib, "conclusions", p, use="withhold")
               if not USED[("conclusions", c)] and "any" not in lib.conclusions[c].tags]
        if p.kind != "ncnd" and not own and any(not USED[("conclusions", c)]
                                                for c in in_part):
            use_kind = "disclose_in_part"
        use["public_interest"] = {
            "for_disclosure": _rotate("factors", _tagged(lib, "factors", p,
                                                         side="for_disclosure"), 2),
            "against_disclosure": _rotate("factors", _tagged(lib, "factors", p,
                                                             side="against_disclosure"), 2),
            "conclusion": _rotate("conclusions", _tagged(lib, "conclusions", p,
                                                         use=use_kind), 1)[0],
        }
        # Lewis [2017] EWCA Civ 374: every public interest test has reasons of the case's own.
        for side in ("for_disclosure", "against_disclosure"):
            use["public_interest"][side].append(
                {"text": f"The facts of this request bear on the {side.replace('_', ' ')}: "
                         "the information is recent and concerns a decision still live."})
    return use


# Under FOISA s18(1) the letter names the exemption that would apply beside s18 itself.
S18_BASIS = "foisa-s35-1-a"
AUTHORITY = {"foia": "dept-rural-transport.yaml", "eir": "northbridge-council.yaml",
             "foisa": "glenmorven-council.yaml"}


def _case(lib: Library, p: Provision) -> dict[str, Any]:
    case: dict[str, Any] = {
        "regime": str(p.regime),
        "reference": f"DRAT-LIB-{p.id}",
        "authority": f"authorities/{AUTHORITY[p.regime]}",
        "requester": {"name": "Robin Example", "email": "robin@example.org"},
        "received": "2025-03-03",
        "sent": "2025-03-28",
        "subject": f"Library entry {p.id}",
        "parts": [{"number": 1, "request": "Please send me the information described in the "
                   f"subject line ({p.title})."}],
    }
    if p.id in ("eir-12-4-a", "foisa-s17-1"):
        case["parts"][0].update(outcome="not_held", not_held="We searched the records where "
                                "such information would be kept and found none.")
    elif p.cite == "reg12(4)(b)":
        case["cost_limit"] = {**_cost_limit(p.cite),
                              "public_interest": _use(lib, p)["public_interest"]}
    elif p.section == "12" and p.kind == "procedural":
        case["cost_limit"] = _cost_limit(p.cite)
    elif p.section == "14" and p.kind == "procedural":
        case["vexatious"] = {"cite": p.cite,
                             "reasons": "This is the ninth request on the same closed matter "
                             "in six months, and answering it would add nothing to the "
                             "independent review that has already taken place.",
                             "previous_request": "our reference DRAT-FOI-2025-0101",
                             "complied": "we provided the information on 3 February 2025"}
    else:
        part = case["parts"][0]
        part["outcome"] = ("ncnd" if p.kind == "ncnd" else
                           "accessible" if "where" in p.requires else "refused")
        part["exemptions"] = [_use(lib, p)]
        if p.id == "foisa-s18-1":
            part["exemptions"].append(_use(lib, lib.provisions[S18_BASIS]))
        conclusion = part["exemptions"][0].get("public_interest", {}).get("conclusion")
        if conclusion and lib.conclusions[conclusion].use == "disclose_in_part":
            part["outcome"] = "part_disclosed"
            part["disclosed"] = "the summary figures for each year, enclosed"
    return case


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("library-letters")
    (root / "authorities").mkdir()
    for name in AUTHORITY.values():
        src = EXAMPLES / "authorities" / name
        (root / "authorities" / src.name).write_bytes(src.read_bytes())
    # The department also has the functions s30(1) and s33(1) need, so every FOIA provision
    # can be claimed, and records its qualified persons (s36(5)).
    dept = root / "authorities" / AUTHORITY["foia"]
    dept.write_bytes(dept.read_bytes() + (
        b"functions: [criminal_investigation, prosecution, audit, value_for_money]\n"
        b"qualified_persons: [{name: Jane Example MP, title: Minister of State}]\n"))
    letterhead = EXAMPLES / "authorities" / "northbridge-letterhead.docx"
    (root / "authorities" / letterhead.name).write_bytes(letterhead.read_bytes())
    return root


def _summary(r: CheckResult) -> str:
    return "; ".join([f"{k}={v.status}" for k, v in r.elements.items() if v.status == "missing"]
                     + [f"{f.id}: {f.message}" for f in r.findings])


# Another regime's law in a letter: FOIA's Act, sections or regulator in a FOISA letter; FOIA's
# refusal-notice sections (s17, s2(2)(b), s10(3), s50) in an EIR letter, which rests on reg 14,
# reg 12(1)(b) and reg 18 (whose reference to the Act of 2000's enforcement provisions is right).
FOREIGN_IN_LETTER = {
    "foisa": re.compile(r"Freedom of Information Act 2000|(?<!Scottish )Information "
                        r"Commissioner|ico\.org\.uk|\bICO\b|\bthe Act\b|regulation \d"),
    "eir": re.compile(r"section 17\b|section 2\(2\)\(b\)|section 10\(3\)|section 50\b"
                      r"|section 16 of|\bthe Act\b|\(the Act\)"),
}


@pytest.mark.parametrize("provision", PROVISIONS, ids=[p.id for p in PROVISIONS])
def test_entry_drafted_into_a_letter_passes_check(provision: Provision, folder: Path) -> None:
    path = folder / f"{provision.id}.yaml"
    path.write_text(yaml.safe_dump(_case(LIB, provision), sort_keys=False), encoding="utf-8")
    out = folder / "out" / provision.id
    rendered = render_case(path, lib=LIB, env=ENV, out_dir=out, today=TODAY)
    assert not [w for w in rendered.warnings if w.level == "warning"], rendered.warnings
    out.mkdir(parents=True)
    foreign = FOREIGN_IN_LETTER.get(provision.regime)
    for file, data in rendered.files.items():
        if foreign is not None and file.suffix == ".md":
            m = foreign.search(data.decode("utf-8"))
            assert m is None, f"{file.name}: '{m.group(0) if m else ''}' in a " \
                f"{provision.regime.upper()} letter"
        file.write_bytes(data)
        result = CHECKER.check(read_document(file), file=file.name, regime=provision.regime)
        if provision.id in ("foisa-s17-1", "eir-6-1-b"):
            # A FOISA s17(1) notice that nothing is held, and an EIR reg 6(1)(b) pointer to
            # published information, refuse nothing.
            assert not result.is_refusal and result.findings == [], _summary(result)
            continue
        assert result.is_refusal, file.name
        # An NCND letter also names the exemption whose information it covers (s30(3): s30(1)).
        assert provision.cite in result.exemptions, f"{file.name}: {result.exemptions}"
        assert result.ncnd == (provision.kind == "ncnd" or provision.cite == "s12(2)")
        assert result.findings == [], f"{file.name}: {_summary(result)}"


def test_aggregation_letter_passes_check(folder: Path) -> None:
    """The aggregation conclusion, where the same information engages two qualified
    exemptions (DBT v IC [2025] UKSC 27), drafts a letter that passes check."""
    s31, s43 = LIB.provisions["s31-1-a"], LIB.provisions["s43-2"]
    case = _case(LIB, s31)
    uses = [_use(LIB, s31), _use(LIB, s43)]
    for use in uses:
        use["information"] = "the site security plan"
        use["public_interest"]["conclusion"] = AGGREGATE
    case["parts"][0]["exemptions"] = uses
    path = folder / "aggregate.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    rendered = render_case(path, lib=LIB, env=ENV, out_dir=folder / "out" / "agg", today=TODAY)
    assert not rendered.warnings, rendered.warnings
    USED[("conclusions", AGGREGATE)] += 1
    for file, data in rendered.files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        result = CHECKER.check(read_document(file), file=file.name)
        assert result.findings == [], f"{file.name}: {_summary(result)}"


def test_every_harm_factor_and_conclusion_is_printed_in_some_letter() -> None:
    """Runs after the letters above (pytest keeps file order): nothing in the library is
    left untested because no provision's letter happened to pick it."""
    if len({p for t, p in USED if t == "conclusions"}) == 0:
        pytest.skip("run with the letter tests")
    for table in ("harms", "factors", "conclusions"):
        unused = set(LIB.entries_for(table)) - {i for t, i in USED if t == table}
        assert not unused, f"{table} never printed: {sorted(unused)}"
