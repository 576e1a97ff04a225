"""The documentation keeps up with the code (sqlite-utils' test_docs.py is the model).

Each test names the page to change when it fails: a new command, option, checker rule or
case-file key is not finished until it is documented.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main
from pydantic import BaseModel

from drafter.check.ruleset import load_rules
from drafter.cli import _load_app
from drafter.draft.model import Authority, Case

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _commands() -> list[tuple[str, Any]]:
    """Every command as (name, click command), groups expanded (typer vendors click)."""
    root: Any = typer.main.get_command(_load_app())
    found: list[tuple[str, Any]] = []
    for name, cmd in sorted(root.commands.items()):
        if hasattr(cmd, "commands"):
            for sub_name, sub in sorted(cmd.commands.items()):
                found.append((f"{name} {sub_name}", sub))
        else:
            found.append((name, cmd))
    return found


COMMANDS = _commands()


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_option_is_in_docs_cli(name: str, command: Any) -> None:
    docs = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"drafter {name}" in docs, f"document `drafter {name}` in docs/cli.md"
    assert command.help, f"give `drafter {name}` a help text"
    for param in command.params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        long = [o for o in param.opts if o.startswith("--")]
        assert long, f"{name}: {param.name} has no long option"
        assert f"`{long[0]}" in docs, f"document `{long[0]}` of `drafter {name}` in docs/cli.md"
        assert param.help, f"give `{long[0]}` of `drafter {name}` a help text"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in COMMANDS:
        assert f"drafter {name.split()[0]}" in readme, f"mention `drafter {name}` in README.md"


def test_every_checker_rule_is_in_docs_check() -> None:
    docs = (DOCS / "check.md").read_text(encoding="utf-8")
    missing = [r.id for r in load_rules().rules if f"`{r.id}`" not in docs]
    assert not missing, f"document these checker rules in docs/check.md: {missing}"


def _fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        for sub in _models_in(info.annotation):
            names |= _fields(sub, seen)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


@pytest.mark.parametrize(("model", "page"), [(Case, "case-file.md"), (Authority, "authority.md")])
def test_every_key_is_documented(model: type[BaseModel], page: str) -> None:
    docs = (DOCS / page).read_text(encoding="utf-8")
    skip = _fields(Authority) if model is Case else set()  # an inline profile: authority.md
    missing = sorted(n for n in _fields(model) - skip if f"`{n}`" not in docs)
    assert not missing, f"document these keys in docs/{page}: {missing}"


def test_every_docs_page_is_linked_from_the_index() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert f"({page.name})" in index, f"link {page.name} from docs/README.md"
    assert "docs/" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_nothing_points_outside_the_repository() -> None:
    """A user who clones the repository has only what is in it."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    pattern = re.compile(r"(\.\./)?shared/(contracts|domain|style|perf-baseline|letters|"
                         r"reviews|seeds)")
    bad: list[str] = []
    for name in files:
        path = ROOT / name
        if path.suffix in {".docx", ".pdf", ".json"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        bad.extend(f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1)
                   if pattern.search(line))
    assert not bad, f"these lines point at files the repository does not have: {bad}"
