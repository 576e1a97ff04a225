"""``drafter schema``: the JSON Schema editors use accepts every shipped example and the
file ``drafter new`` writes, and rejects a broken case file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from drafter.library.load import load_library
from tests.conftest import EXAMPLES, CliResult

EXAMPLE_CASES = sorted(EXAMPLES.glob("*.yaml"))
EXAMPLE_AUTHORITIES = sorted((EXAMPLES / "authorities").glob("*.yaml"))


def _as_an_editor_reads(path: Path) -> Any:
    """The YAML as a YAML 1.2 editor sees it: dates are strings, not date objects."""

    def strings(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: strings(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strings(v) for v in value]
        return value

    return strings(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    from drafter.draft.schema import authority_schema, case_schema

    out = {"case": case_schema(load_library()), "authority": authority_schema()}
    for schema in out.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    return out


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=[p.stem for p in EXAMPLE_CASES])
def test_every_example_case_is_valid(path: Path, schemas: dict[str, Any]) -> None:
    jsonschema.validate(_as_an_editor_reads(path), schemas["case"])


@pytest.mark.parametrize("path", EXAMPLE_AUTHORITIES, ids=[p.stem for p in EXAMPLE_AUTHORITIES])
def test_every_example_authority_is_valid(path: Path, schemas: dict[str, Any]) -> None:
    jsonschema.validate(_as_an_editor_reads(path), schemas["authority"])


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("misspelt key", lambda c: c.update(recieved=c.pop("received")), "recieved"),
    ("unknown harm id", lambda c: c["parts"][0]["exemptions"][0]["harm"].append(
        "cyber-security-sytems"), "cyber-security-sytems"),
    ("unknown conclusion", lambda c: c["parts"][0]["exemptions"][0]["public_interest"].update(
        conclusion="maintain-exemptoin"), "maintain-exemptoin"),
    ("bad outcome", lambda c: c["parts"][0].update(outcome="refuse"), "refuse"),
    ("bad likelihood", lambda c: c["parts"][0]["exemptions"][0].update(
        likelihood="would be likely"), "would be likely"),
    ("no parts", lambda c: c.pop("parts"), "parts"),
]


@pytest.mark.parametrize(("name", "breaks", "named"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_case_is_rejected(name: str, breaks: Callable[[dict[str, Any]], None],
                                   named: str, schemas: dict[str, Any]) -> None:
    case = _as_an_editor_reads(EXAMPLES / "council-contract-part-disclosure.yaml")
    jsonschema.validate(case, schemas["case"])
    breaks(case)
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate(case, schemas["case"])
    assert named in str(info.value.message) or named in str(info.value.path)


def test_library_ids_are_enums_and_keys_have_descriptions(schemas: dict[str, Any]) -> None:
    lib = load_library()
    defs = schemas["case"]["$defs"]
    harm = defs["ExemptionUse"]["properties"]["harm"]["items"]["anyOf"]
    assert next(b["enum"] for b in harm if b.get("type") == "string") == sorted(lib.harms)
    assert "Harm statements" in defs["ExemptionUse"]["properties"]["harm"]["description"]
    assert "s43(2)" in defs["ExemptionUse"]["properties"]["cite"]["examples"]
    for name, sub in [("Case", schemas["case"]), *defs.items()]:
        for key, prop in sub.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} has no description"


def test_cli_prints_the_schemas(run_cli: Callable[..., CliResult]) -> None:
    for kind, title in [("case", "drafter case file"), ("authority", "drafter authority "
                                                                      "profile")]:
        result = run_cli("schema", kind)
        assert result.code == 0, result.err
        assert json.loads(result.out)["title"] == title


def test_new_case_points_the_editor_at_the_schema(tmp_path: Path, schemas: dict[str, Any],
                                                  run_cli: Callable[..., CliResult]) -> None:
    target = tmp_path / "FOI-1.yaml"
    assert run_cli("new", "FOI-1", "-o", str(target)).code == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=case.schema.json"
    written = json.loads((tmp_path / "case.schema.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(schemas["case"]))
    jsonschema.validate(_as_an_editor_reads(target), written)
    (tmp_path / "case.schema.json").write_text("{}", encoding="utf-8")
    assert run_cli("new", "FOI-2", "-o", str(tmp_path / "FOI-2.yaml")).code == 0
    assert (tmp_path / "case.schema.json").read_text(encoding="utf-8") == "{}"  # not replaced


@pytest.mark.parametrize("regime", ["eir", "foisa"])
def test_new_case_for_each_regime_is_valid(regime: str, tmp_path: Path,
                                           schemas: dict[str, Any],
                                           run_cli: Callable[..., CliResult]) -> None:
    target = tmp_path / "FOI-1.yaml"
    assert run_cli("new", "FOI-1", "-o", str(target), "--regime", regime).code == 0
    jsonschema.validate(_as_an_editor_reads(target), schemas["case"])


def test_new_refuses_an_empty_reference(tmp_path: Path,
                                        run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("new", "  ", "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2
    assert "give the request's reference" in result.err
    assert not (tmp_path / "x.yaml").exists()
