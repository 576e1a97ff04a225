"""``drafter clauses lint``: checks on the clause library beyond what loading enforces.

Loading already rejects unknown keys, duplicate ids, unknown tags and dangling references.
Lint adds: every text renders with sample cases (NCND and not, both likelihoods); no
public-interest factor is attached to an absolute exemption; prejudice-based statements state
the likelihood; NCND wording never says the information exists; no repealed law is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drafter.errors import Problem, TemplateError
from drafter.law.phrases import confirms_held, repealed_law
from drafter.library.context import sample_contexts
from drafter.library.load import Library
from drafter.library.model import Provision
from drafter.library.templating import Slots, make_environment, render_clause


def lint_library(lib: Library) -> list[Problem]:
    """Return every lint problem in ``lib`` (empty when it is clean)."""
    problems: list[Problem] = []
    env = make_environment()

    def at(kind: str, entry_id: str, key: str, message: str, fix: str) -> Problem:
        o = lib.origin(kind, entry_id)
        return Problem(message, file=o.file, line=o.line, key=f"{entry_id}.{key}", fix=fix)

    absolute_only = _absolute_only_tags(lib)
    for kind in ("provisions", "harms", "factors", "conclusions"):
        for entry in lib.entries_for(kind).values():
            key = "statement" if kind == "provisions" else "text"
            source = getattr(entry, key)
            provision = entry if kind == "provisions" else None
            for ctx in sample_contexts(provision):
                try:
                    render_clause(env, source, ctx.as_dict(), Slots(),
                                  where=at(kind, entry.id, key, "", ""))
                except TemplateError as exc:
                    problems.extend(exc.problems)
                    break
            texts = [source] + ([entry.explanation] if kind == "provisions" else [])
            for text in texts:
                m = repealed_law(text)
                if m:
                    problems.append(at(kind, entry.id, key, f"quotes repealed law: "
                                       f"'{m.group(0)}'", "use the Data Protection Act 2018 / "
                                       "UK GDPR wording (s40(3A), (3B), (4A))"))
            if kind == "factors":
                bad = sorted(set(entry.tags) & absolute_only)
                if bad:
                    problems.append(at(kind, entry.id, "tags", "public-interest factor "
                                       f"attached to an absolute exemption ({', '.join(bad)})",
                                       "absolute exemptions have no public interest test; "
                                       "remove the tag"))
            if kind == "provisions":
                problems.extend(_lint_provision(entry, at))
            elif "ncnd" in entry.tags or (kind == "conclusions" and entry.use == "ncnd"):
                m = confirms_held(source)
                if m:
                    problems.append(at(kind, entry.id, key, f"'{m.group(0)}' says the "
                                       "information exists, in wording used for NCND answers",
                                       "reword it so it holds whether or not it exists"))
    return problems


# Wording that belongs to another regime's letters: a FOISA letter names no FOIA section, the
# ICO or the Act of 2000; an EIR letter has no FOIA refusal-notice wording (reg 14, not s17).
FOREIGN_WORDING = {
    "foisa": re.compile(r"Freedom of Information Act 2000|(?<!Scottish )Information "
                        r"Commissioner|\bICO\b|section 17 of the Act|\bthe Act\b",
                        re.IGNORECASE),
    "eir": re.compile(r"section 17\b|section 2\(2\)\(b\)|Freedom of Information Act"
                      r"|\bthe Act\b", re.IGNORECASE),
}


def _lint_provision(p: Provision, make: Callable[[str, str, str, str, str], Problem]
                    ) -> list[Problem]:
    out: list[Problem] = []
    foreign = FOREIGN_WORDING.get(p.regime)
    m = foreign.search(p.statement) if foreign else None
    if m:
        out.append(make("provisions", p.id, "statement",
                        f"'{m.group(0)}' is another regime's wording in a {p.regime.upper()} "
                        "provision's letter text", f"use {p.regime.upper()}'s own law and "
                        "regulator"))
    if p.prejudice_based and "likelihood" not in p.statement:
        out.append(make("provisions", p.id, "statement",
                        "a prejudice-based provision must state the likelihood",
                        "use {{ likelihood }} in the statement"))
    if p.prejudice_based and "likelihood" not in p.requires:
        out.append(make("provisions", p.id, "requires",
                        "a prejudice-based provision must require a likelihood",
                        "add likelihood to requires"))
    if p.kind == "ncnd":
        m = confirms_held(p.statement)
        if m:
            out.append(make("provisions", p.id, "statement",
                            f"'{m.group(0)}' says the information exists, in an NCND provision",
                            "reword it so it holds whether or not the information exists"))
    return out


def _absolute_only_tags(lib: Library) -> set[str]:
    """Tags (sections and ids) under which every provision is absolute with no PI defence."""
    by_tag: dict[str, list[Provision]] = {}
    for p in lib.provisions.values():
        for tag in (p.id, lib.section_key(p)):
            by_tag.setdefault(tag, []).append(p)
    return {tag for tag, ps in by_tag.items()
            if all(p.absolute and not p.public_interest_defence for p in ps)}
