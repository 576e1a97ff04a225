"""``drafter clauses list | show | lint``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from drafter.cli._app import app
from drafter.infra.terminal import printable
from drafter.law._regime import REGIMES

clauses_app = typer.Typer(help="Browse and check the clause library.", no_args_is_help=True,
                          add_completion=False, rich_markup_mode=None)
app.add_typer(clauses_app, name="clauses")

KINDS = {"harm": "harms", "factor": "factors", "conclusion": "conclusions"}
LibraryOpt = Annotated[list[Path] | None, typer.Option(
    "--library", help="Clause folder searched before the built-in library.")]


def _load(library: list[Path] | None) -> Any:
    from drafter.library.load import load_library

    return load_library(tuple(library or ()))


def _source(lib: Any, kind: str, entry_id: str) -> str:
    from drafter.library.load import BUILT_IN

    origin = lib.origin(kind, entry_id)
    return "built-in" if origin.source == BUILT_IN else origin.source


@clauses_app.command("list")
def list_(
    section: Annotated[str | None, typer.Option("--section", help="Only this section, "
                                                "e.g. 31 or 22A.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="harm, factor or conclusion "
                                             "instead of provisions.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    regime: Annotated[str, typer.Option("--regime", help="foia, eir, foisa or all: whose "
                                        "provisions to list (the same number means "
                                        "different law in each).")] = "foia",
    library: LibraryOpt = None,
) -> None:
    """List citable provisions (or harm statements, factors, conclusions)."""
    if fmt not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    if regime not in (*REGIMES, "all"):
        raise typer.BadParameter("use foia, eir, foisa or all", param_hint="--regime")
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter("use harm, factor or conclusion", param_hint="--kind")
    lib = _load(library)
    rows: list[dict[str, Any]] = []
    if kind is None:
        for p in lib.provisions.values():
            if regime != "all" and p.regime != regime:
                continue
            if section and p.section.lower() != section.lower().lstrip("sreg"):
                continue
            row = {"id": p.id, "regime": p.regime, "cite": p.cite, "title": p.title,
                   "absolute": p.absolute,
                   "test": p.test, "ncnd": p.ncnd, "source": _source(lib, "provisions", p.id),
                   "kind": p.kind}
            if p.via:
                row["via"] = p.via
            if lib.origin("provisions", p.id) and ("provisions", p.id) in lib.overridden:
                row["overrides"] = "built-in"
            rows.append(row)
        rows.sort(key=lambda r: _sort_key(r["cite"], r["id"]))
    else:
        table = KINDS[kind]
        for entry in lib.entries_for(table).values():
            if section and f"s{section.lower().lstrip('s')}" not in entry.tags:
                continue
            row = {"id": entry.id, "tags": list(entry.tags), "text": entry.text,
                   "title": entry.title, "source": _source(lib, table, entry.id)}
            if kind == "factor":
                row["side"] = entry.side
            if kind == "conclusion":
                row["use"] = entry.use
            rows.append(row)
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        if kind is None:
            nature = "absolute" if r["absolute"] else ("procedural" if r["test"] == "procedural"
                                                       else "qualified")
            via = f" via {r['via']}" if "via" in r else ""
            ncnd = f"  NCND {r['ncnd']}" if r["ncnd"] else ""
            over = "  [overridden]" if "overrides" in r else ""
            law = f"{r['regime'].upper():<6}" if regime == "all" else ""
            print(f"{law}{r['cite']}{via:<14} {r['id']:<16} {nature:<10} {r['test']:<16} "
                  f"{r['title']}{ncnd}{over}")
        else:
            side = f" ({r.get('side') or r.get('use')})" if r.get("side") or r.get("use") else ""
            print(f"{r['id']:<40}{side} [{', '.join(r['tags'])}] {r['title']}")


def _sort_key(cite: str, ident: str) -> tuple[int, int, str, str]:
    import re

    m = re.match(r"(?:s|reg)(\d+)", cite)
    regime = 1 if ident.startswith("eir-") else 2 if ident.startswith("foisa-") else 0
    return (regime, int(m.group(1)) if m else 999, cite, ident)


@clauses_app.command()
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An id or a citation.",
                                            show_default=False)],
    regime: Annotated[str, typer.Option("--regime", help="foia, eir, foisa or all: whose "
                                        "provision a citation means (default: all, so "
                                        "s38(1)(b) shows FOIA's and FOISA's).")] = "all",
    library: LibraryOpt = None,
) -> None:
    """Show one entry in full: its legal properties and its wording."""
    from drafter.law.citations import normalise

    if regime not in (*REGIMES, "all"):
        raise typer.BadParameter("use foia, eir, foisa or all", param_hint="--regime")
    lib = _load(library)
    found: list[tuple[str, Any]] = []
    for table in ("provisions", "harms", "factors", "conclusions"):
        entry = lib.entries_for(table).get(entry_id)
        if entry is not None:
            found.append((table, entry))
    if not found:
        cite = normalise(entry_id) or entry_id
        found = [("provisions", p) for law in REGIMES
                 if regime in (law, "all") for p in lib.by_cite(cite, law)]
    if not found:
        from drafter.errors import UserError

        raise UserError(f"no entry '{entry_id}' in the clause library. Fix: run 'drafter "
                        "clauses list' (or --kind harm|factor|conclusion) to see the ids")
    for table, entry in found:
        data = entry.model_dump(exclude_defaults=False)
        data["source"] = _source(lib, table, entry.id)
        print(f"# {table[:-1]} {entry.id}")
        for key, value in data.items():
            if value in (None, [], {}):
                continue
            if isinstance(value, str) and len(value) > 70:
                print(f"{key}:")
                for line in _wrap(value):
                    print(f"  {line}")
            else:
                print(f"{key}: {value}")
        print()


def _wrap(text: str) -> list[str]:
    import textwrap

    return [ln for para in text.split("\n\n") for ln in (*textwrap.wrap(para, 90), "")][:-1]


@clauses_app.command()
def lint(library: LibraryOpt = None) -> None:
    """Check the library: ids, tags, references, templates, the law it quotes."""
    from drafter.errors import LibraryError
    from drafter.library.lint import lint_library

    try:
        lib = _load(library)
    except LibraryError as exc:
        print(printable(str(exc)), file=sys.stderr)
        raise typer.Exit(1) from None
    problems = lint_library(lib)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the clause "
              "library:", file=sys.stderr)
        for p in problems:
            print(f"  {printable(str(p))}", file=sys.stderr)
        raise typer.Exit(1)
    counts = (f"{len(lib.provisions)} provisions, {len(lib.harms)} harm statements, "
              f"{sum(f.side == 'for_disclosure' for f in lib.factors.values())} factors for "
              f"and {sum(f.side == 'against_disclosure' for f in lib.factors.values())} "
              f"against disclosure, {len(lib.conclusions)} conclusions")
    print(f"clause library OK: {counts}")
