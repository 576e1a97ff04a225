"""``drafter check FILE...``: find every section 17 element in draft letters.

See ``docs/cli.md`` and ``docs/check.md``. Exit codes: 0 every letter is ok; 1 a letter
has an error-level finding (a missing required element included); 2 a file could not be
read (the others are still reported) or the rules are invalid. ``--no-fail`` turns 1 into 0.
"""

from __future__ import annotations

import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from drafter.cli._app import app
from drafter.cli._choices import OutputFormat, Regime
from drafter.cli._startup import collect_garbage_from_here

if TYPE_CHECKING:
    from drafter.infra.parallel import Outcome


class MinLevel(StrEnum):
    """Finding levels ``--min-level`` accepts."""

    error = "error"
    warning = "warning"
    suggestion = "suggestion"


@app.command()
def check(
    # path_type=str: typer would build a pydantic validator for each path (30 ms a thousand)
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Draft letters: .docx, .md, .txt or .pdf, or folders (every "
        "letter directly in each folder is checked).",
        show_default=False, path_type=str)],
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="text for people, json for scripts (docs/check.md).")
    ] = OutputFormat.text,
    regime: Annotated[Regime | None, typer.Option(
        "--regime", help="foia, eir or foisa. Default: worked out from the letter "
                         "(FOISA wording, EIR regulations cited, else FOIA).",
        show_default=False)] = None,
    min_level: Annotated[MinLevel, typer.Option(
        "--min-level", help="Show findings at this level and above. Does not change "
                            "whether a letter passes.")] = MinLevel.suggestion,
    no_fail: Annotated[bool, typer.Option(
        "--no-fail", help="Exit 0 even when letters have errors (2 still means a file "
                          "could not be read).")] = False,
    rules: Annotated[list[Path] | None, typer.Option(
        "--rules", metavar="DIR", help="Folder of house rules (YAML, same format as the "
        "built-in rules); a rule with a built-in rule's id replaces it. Repeatable.",
        show_default=False)] = None,
    library: Annotated[list[Path] | None, typer.Option(
        "--library", metavar="DIR", help="Clause folder searched before the built-in "
        "library when looking up whether a provision is absolute or qualified.",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="Worker processes for many files (0: one per core).")
    ] = 0,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", metavar="DIR", help="Write a copy of each Word draft into DIR with a "
        "comment at each finding, saying what is wrong and the fix. The draft itself is "
        "never changed.", show_default=False)] = None,
) -> None:
    """Check draft refusal notices for the elements FOIA s17 (EIR reg 14, FOISA s16) requires."""
    from drafter.api import make_checker
    from drafter.check import iter_check
    from drafter.infra.terminal import debugging, printable

    for folder in [*(rules or ()), *(library or ())]:
        if not folder.is_dir():
            raise typer.BadParameter(f"{folder} is not a folder",
                                     param_hint="'--rules' / '--library'")
    paths = letters_in([Path(f) for f in files])
    checker = make_checker(rules=rules or (), library=library or ())
    collect_garbage_from_here()
    outcomes: list[Outcome[Any]]
    if output_format is OutputFormat.json and annotate is None:
        # each letter's JSON is written where it is checked (in the workers), then joined
        from drafter.check.batch import iter_report
        from drafter.check.report import join_json

        outcomes = list(iter_report(paths, checker, min_level=min_level.value,
                                    regime=regime.value if regime else None, jobs=jobs))
        sys.stdout.write(join_json(outcomes))
    else:
        outcomes = list(iter_check(paths, checker, regime=regime.value if regime else None,
                                   jobs=jobs))
        if output_format is OutputFormat.json:  # with --annotate, which needs the results
            from drafter.check.report import render_json

            sys.stdout.write(render_json(outcomes, min_level=min_level.value))
        else:
            from drafter.check.report import render_text

            color = sys.stdout.isatty()
            width = shutil.get_terminal_size((110, 24)).columns if color else 110
            sys.stdout.write(render_text(outcomes, min_level=min_level.value, color=color,
                                         width=max(width, 60)))
    for o in outcomes:
        if o.error is not None:
            print(f"drafter: {printable(str(o.error))}", file=sys.stderr)
            detail = getattr(o.error, "detail", None)
            if detail and debugging():
                print(detail, file=sys.stderr)
    if annotate is not None and not _annotate(outcomes, annotate, min_level.value):
        raise typer.Exit(2)
    if any(o.value is None for o in outcomes):
        raise typer.Exit(2)
    if not no_fail and any(o.value is not None and not o.value.ok for o in outcomes):
        raise typer.Exit(1)


LETTER_SUFFIXES = frozenset({".docx", ".md", ".markdown", ".txt", ".pdf"})
"""What ``drafter check FOLDER`` picks up in a folder."""


def letters_in(paths: list[Path]) -> list[Path]:
    """``paths`` with each folder replaced by the letters directly in it, sorted by name.

    Files named on the command line are checked whatever their extension. In a folder, only
    regular files with a letter's extension are taken, leaving out hidden files and the
    ``~$...`` lock files Word keeps beside a document that is open.
    """
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.iterdir()
                       if p.suffix.lower() in LETTER_SUFFIXES and p.is_file()
                       and not p.name.startswith((".", "~$")))
        if not found:
            raise typer.BadParameter(
                f"{path} holds no letters (.docx, .md, .txt or .pdf files)",
                param_hint="FILE...")
        out.extend(found)
    return out


def _annotate(outcomes: list[Any], folder: Path, min_level: str) -> bool:
    """Write the commented copies; report each. False if one could not be written."""
    from drafter.check.annotate import annotate
    from drafter.errors import DrafterError
    from drafter.infra.terminal import printable
    from drafter.read import read_document

    done = True
    for o in outcomes:
        if o.value is None:
            continue
        if o.path.suffix.lower() not in (".docx", ".docm"):
            print(f"drafter: {printable(str(o.path))}: not a Word .docx file, so not annotated",
                  file=sys.stderr)
            continue
        try:
            shown = o.value.shown(min_level)
            target = annotate(o.path, o.path.read_bytes(), read_document(o.path), o.value,
                              shown, folder)
        except (DrafterError, OSError) as exc:
            print(f"drafter: {printable(str(exc))}", file=sys.stderr)
            done = False
            continue
        print(f"wrote {printable(str(target))}: {len(shown)} comment"
              f"{'' if len(shown) == 1 else 's'}", file=sys.stderr)
    return done
