"""``drafter schema case | authority``: JSON Schema for editors."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli._app import app


class SchemaKind(StrEnum):
    """Which file the schema describes."""

    case = "case"
    authority = "authority"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(
        help="case (a case file) or authority (an authority profile).", show_default=False)],
    library: Annotated[list[Path] | None, typer.Option(
        "--library", metavar="DIR", help="Clause folder searched before the built-in "
        "library: its ids are offered too.", show_default=False)] = None,
) -> None:
    """Print the JSON Schema of a case file or an authority profile, for your editor.

    Save it beside your case files (drafter schema case > case.schema.json); the first line
    drafter new writes points the YAML extension of VS Code and other editors at it.
    """
    from drafter.draft.schema import authority_schema, case_schema

    if kind is SchemaKind.case:
        from drafter.library.load import load_library

        data = case_schema(load_library(tuple(library or ())))
    else:
        data = authority_schema()
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
