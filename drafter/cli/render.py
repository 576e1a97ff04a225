"""``drafter render`` and ``drafter new``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli._app import app
from drafter.cli._startup import collect_garbage_from_here

SCHEMA_FILE = "case.schema.json"
"""Written beside a new case file; its first line points editors at it."""


def _formats(value: str) -> tuple[str, ...]:
    items = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [v for v in items if v not in ("docx", "md")]
    if bad or not items:
        raise typer.BadParameter(f"unknown format {', '.join(bad) or value!r}; use docx, md "
                                 "or docx,md")
    return items


@app.command()
def render(
    cases: Annotated[list[Path], typer.Argument(help="Case files (YAML).", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write into.")] = Path(),
    fmt: Annotated[str, typer.Option("--format", help="docx, md, or docx,md.")] = "docx,md",
    library: Annotated[list[Path] | None, typer.Option(
        "--library", help="Clause folder searched before the built-in library.")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Template folder searched before the built-in templates.")] = None,
    letterhead: Annotated[Path | None, typer.Option(
        "--letterhead", help="The authority's letterhead .docx (overrides the profile).")] = None,
    authority: Annotated[Path | None, typer.Option(
        "--authority", help="Authority profile to use instead of the case's own.")] = None,
    for_publication: Annotated[bool, typer.Option(
        "--for-publication", help="Write a copy without the requester's name, email and "
        "address, for a disclosure log.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace existing letters.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for many "
                                      "cases (0: one per core).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """Draft refusal notices from case files, as DOCX and Markdown."""
    from drafter.draft.batch import RenderOptions

    options = RenderOptions(
        out_dir=out, formats=_formats(fmt), library=tuple(library or ()),
        templates=templates, letterhead=letterhead, authority=authority,
        for_publication=for_publication, force=force, strict=strict, today=dt.date.today())
    if letterhead is not None and not letterhead.is_file():
        raise typer.BadParameter(f"{letterhead} not found", param_hint="--letterhead")
    code = render_many(cases, options, jobs=jobs, quiet=quiet)
    raise typer.Exit(code)


@app.command()
def new(
    reference: Annotated[str, typer.Argument(help="The request's reference, e.g. FOI-2025-0142.",
                                             show_default=False)],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="File to write (default: "
                                             "<reference>.yaml).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    regime: Annotated[str, typer.Option("--regime", help="foia, eir or foisa: the law the "
                                        "request is answered under.")] = "foia",
) -> None:
    """Write a commented case file to fill in."""
    from drafter.draft.newcase import new_case_text
    from drafter.infra.files import safe_stem, write_all
    from drafter.law.regimes import parse_regime

    law = str(parse_regime(regime))
    if not reference.strip():
        raise typer.BadParameter("give the request's reference, for example FOI-2025-0142",
                                 param_hint="REFERENCE")
    target = out or Path(f"{safe_stem(reference)}.yaml")
    write_all({target: new_case_text(reference, dt.date.today(), law).encode("utf-8")},
              force=force)
    _err(f"wrote {target}: fill it in, then run: drafter render {target}", prefix="")
    schema_file = target.parent / SCHEMA_FILE
    if not schema_file.exists():  # the editor's copy; 'drafter schema case' refreshes it
        import json

        from drafter.draft.schema import case_schema
        from drafter.library.load import load_library

        text = json.dumps(case_schema(load_library()), indent=2, ensure_ascii=False) + "\n"
        write_all({schema_file: text.encode("utf-8")}, force=False)
        _err(f"wrote {schema_file}: your editor completes and checks case files with it",
             prefix="")


def render_many(cases: list[Path], options: object, *, jobs: int, quiet: bool) -> int:
    """Render every case, write its letters, report each; return the exit code."""
    from drafter.draft.batch import RenderOptions, iter_render, prepare
    from drafter.errors import DrafterError, InternalError
    from drafter.infra.files import write_all
    from drafter.infra.terminal import printable

    assert isinstance(options, RenderOptions)
    prepare(options)
    collect_garbage_from_here()
    code = 0
    written: dict[Path, Path] = {}  # letters written by this run, and the case of each
    progress = None
    task = None
    if len(cases) > 1 and sys.stderr.isatty() and not quiet:
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("Drafting", total=len(cases))
    outcomes = iter_render(cases, options, jobs=jobs)
    try:
        for outcome in outcomes:
            if progress is not None and task is not None:
                progress.advance(task)
            if outcome.error is not None:
                code = max(code, outcome.error.exit_code)
                _report(outcome.error)
                continue
            rendered = outcome.value
            assert rendered is not None
            for w in rendered.warnings:
                if not quiet:
                    _err(f"warning: {w}")
            clash = [p for p in rendered.files if p in written]
            if clash:
                code = 2
                _err(f"{outcome.path}: its letter {clash[0]} was already written in this run "
                     f"from {written[clash[0]]}; nothing was written for it. Fix: give the "
                     "two cases references that differ in their letters and digits")
                continue
            written.update((p, outcome.path) for p in rendered.files)
            try:
                write_all(rendered.files, force=options.force)
            except DrafterError as exc:
                code = max(code, exc.exit_code)
                _report(exc)
                continue
            except Exception as exc:  # a bug while writing one case: report it, go on
                code = 2
                _report(InternalError(str(outcome.path), exc, "writing its letters"))
                continue
            if not quiet:
                print(printable("wrote " + ", ".join(str(p) for p in rendered.files)))
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stops the worker pool now, also when interrupted
        if progress is not None:
            progress.stop()
    return code


def _err(message: str, prefix: str = "drafter: ") -> None:
    from drafter.infra.terminal import printable

    print(prefix + printable(message), file=sys.stderr)


def _report(exc: Exception) -> None:
    """Print one case's error; with --debug, the traceback of an internal error too."""
    from drafter.infra.terminal import debugging

    _err(str(exc))
    detail = getattr(exc, "detail", None)
    if detail and debugging():
        print(detail, file=sys.stderr)
