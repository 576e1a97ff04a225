"""load_yaml builds the values itself: they must be exactly what PyYAML's safe loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.draft.casefile import load_authority
from drafter.errors import AuthorityError, InputError
from drafter.infra.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent

DOCS = {
    "plain": "a: 1\nb: [x, y]\nc: {d: e}\nf: 1.5\ng: null\nh: true\n",
    "nested": "parts:\n  - number: 1\n    request: |\n      Line one.\n      Line two.\n",
    "dates": "t: 2025-01-02\nu: 2025-01-02T10:20:30\n",
    "merge": "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n",
    "merge list": "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n",
    "alias": "a: &a [1, 2]\nb: *a\nc: &c {k: v}\nd: *c\n",
    "anchored scalar": "a: &x hello\nb: *x\n",
    "binary": "b: !!binary aGVsbG8=\n",
    "keys that are not text": "1: one\ntrue: yes\nnull: x\n2025-01-02: day\n",
    "set": "s: !!set {a, b}\n",
    "omap": "o: !!omap [a: 1, b: 2]\n",
    "pairs": "p: !!pairs [a: 1, a: 2]\n",
    "tags": "a: !!str 123\nb: !!int '7'\nc: !!float '1'\n",
    "list document": "- a\n- {b: c}\n",
    "scalar document": "just text\n",
}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_values_are_pyyamls(name: str) -> None:
    data, _ = load_yaml(DOCS[name], "f.yaml", InputError)
    assert repr(data) == repr(yaml.safe_load(DOCS[name]))


def test_every_yaml_file_of_the_project_reads_as_pyyaml_reads_it() -> None:
    files = [p for folder in ("clauses", "examples", "drafter/_data", "templates")
             for p in sorted((ROOT / folder).rglob("*.yaml"))]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        data, _ = load_yaml(text, str(path), InputError)
        assert repr(data) == repr(yaml.safe_load(text)), path


def test_an_alias_is_the_same_object_as_its_anchor() -> None:
    data, positions = load_yaml("a: &a {k: [1]}\nb: *a\n", "f.yaml", InputError)
    assert data["a"] is data["b"]
    assert positions.lines[("b", "k")] == 1  # the alias's keys are located at the anchor


@pytest.mark.parametrize(("text", "message", "line"), [
    # problems found by the walk are reported before a value PyYAML cannot build
    ("n: 123456789012345678901234567890\nn: 2\n", "duplicate key 'n'", 2),
    ("b: !!binary '%%%'\nd: 2025-02-30\n", "'2025-02-30' is not a real date", 2),
    ("a: {x: 99999999999999999999}\nb: 1\n", "is too large", 1),
    ("a: !foo bar\n", "YAML syntax error", 1),
    ("? [a, b]\n: c\n", "unhashable", 1),
])
def test_what_cannot_be_read_is_located(text: str, message: str, line: int) -> None:
    with pytest.raises(InputError) as exc:
        load_yaml(text, "f.yaml", InputError)
    assert message in str(exc.value.problems[0].message)
    assert exc.value.problems[0].line == line


@pytest.mark.parametrize("text", [
    "request: We want # everything\n",
    "parts:\n  - request: a # b\n",
    "base: &b {request: hi # no\n  }\nthing:\n  <<: *b\n",
    "request: b # c\nother: 1\nother: 2\n",  # reported with the duplicate key
])
def test_a_request_cut_by_a_comment_is_an_error(text: str) -> None:
    with pytest.raises(InputError) as exc:
        load_yaml(text, "f.yaml", InputError, verbatim={"request"})
    assert any("starts a comment" in p.message for p in exc.value.problems)


def test_a_changed_authority_profile_is_read_again(tmp_path: Path) -> None:
    profile = tmp_path / "authority.yaml"
    text = (ROOT / "examples" / "authorities" / "eastfield-nhs.yaml").read_text(encoding="utf-8")
    assert "name: Eastfield" in text
    profile.write_text(text, encoding="utf-8")
    first, _, warnings = load_authority(profile)
    assert first.name.startswith("Eastfield")
    warnings.append(None)  # type: ignore[arg-type]  # the caller's own list
    again, _, warnings = load_authority(profile)
    assert again is first and warnings == []  # parsed once, warnings not shared
    profile.write_text(text.replace("name: Eastfield", "name: Westfield"), encoding="utf-8")
    assert load_authority(profile)[0].name.startswith("Westfield")
    profile.write_text(text.replace("\nemail:", "\nmail:"), encoding="utf-8")
    with pytest.raises(AuthorityError):
        load_authority(profile)
