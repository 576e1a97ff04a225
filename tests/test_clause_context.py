"""library/context.py: one ClauseContext for letters and for lint, as templates/README.md says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from drafter.library.context import (
    VARIABLES,
    ClauseAuthority,
    ClauseContext,
    cite_prose,
    sample_contexts,
)
from drafter.library.lint import lint_library
from drafter.library.load import Library, load_library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def documented_variables() -> list[str]:
    """The names in the first column of the table under 'Variables of clause texts'."""
    text = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Variables of clause texts", 1)[1].split("\n## ", 1)[0]
    names: list[str] = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`(\w+)`", line.split("|")[1])
    return names


def test_the_readme_documents_exactly_the_fields() -> None:
    assert sorted(documented_variables()) == sorted(VARIABLES)


def test_values_in_a_letter(library: Library) -> None:
    who = ClauseAuthority("the Council", 450, 25)
    ctx = ClauseContext.for_provision(library.provisions["s43-2"], who,
                                      likelihood="would_be_likely",
                                      information="schedule 4 (pricing)")
    assert ctx.as_dict() == {
        "authority": "the Council",
        "act": "disclosure of the information requested",
        "acting": "disclosing the information requested",
        "Acting": "Disclosing the information requested",
        "ncnd": False, "cite": "section 43(2)", "title": library.provisions["s43-2"].title,
        "likelihood": "would be likely to", "information": "schedule 4 (pricing)",
        "cost_limit": "£450", "limit_hours": "18",
    }


def test_ncnd_provision_speaks_of_confirming_or_denying(library: Library) -> None:
    ctx = ClauseContext.for_provision(library.provisions["s43-3"],
                                      ClauseAuthority("the Trust", 600, 25))
    assert ctx.ncnd and ctx.act.startswith("confirmation or denial")
    assert ctx.Acting.startswith("Confirming or denying")
    assert (ctx.likelihood, ctx.information) == ("would", "the information requested")
    assert (ctx.cost_limit, ctx.limit_hours) == ("£600", "24")


def test_cite_prose_names_the_limb(library: Library) -> None:
    via = next(p for p in library.provisions.values() if p.via == "s40(3A)(a)")
    assert cite_prose(via) == "section 40(2) by virtue of section 40(3A)(a)"


def test_lint_samples_are_letter_contexts(library: Library) -> None:
    samples = list(sample_contexts(library.provisions["s43-2"]))
    assert {(c.ncnd, c.likelihood) for c in samples} == {
        (False, "would"), (False, "would be likely to"),
        (True, "would"), (True, "would be likely to")}
    # The same values a letter gives, not a shorter stand-in ("disclosure").
    assert samples[0].act == "disclosure of the information requested"
    assert samples[0].cite == "section 43(2)"


def test_lint_rejects_a_variable_the_context_lacks(tmp_path: Path) -> None:
    (tmp_path / "harms.yaml").write_text(yaml.safe_dump({"harms": [{
        "id": "typo-harm", "title": "A harm", "tags": ["s43"],
        "text": "Disclosure {{ likelyhood }} harm {{ authority }}."}]}), encoding="utf-8")
    problems = lint_library(load_library((tmp_path,)))
    assert any("likelyhood" in p.message for p in problems), [p.message for p in problems]
