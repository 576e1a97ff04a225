"""Render many cases, in worker processes when there are enough of them to pay for it.

Workers load the clause library and templates once, render letters to bytes and send them
back; the parent (the CLI) writes them. Each case succeeds or fails on its own.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from drafter.draft.pipeline import FORMATS
from drafter.errors import DrafterError, InternalError, Problem, UserError
from drafter.infra.parallel import Outcome, fan_out


@dataclass(frozen=True)
class RenderOptions:
    """What ``drafter render`` was asked to do."""

    out_dir: Path
    today: dt.date
    formats: tuple[str, ...] = FORMATS
    library: tuple[Path, ...] = ()
    templates: Path | None = None
    letterhead: Path | None = None
    authority: Path | None = None
    for_publication: bool = False
    force: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Letters:
    """One case's letters, ready to write: what a worker sends back to the parent.

    Not the document tree: sending it back would cost the parent, which writes every
    letter of the batch, as much time again as writing them.
    """

    files: dict[Path, bytes]
    warnings: tuple[Problem, ...] = ()


_STATE: dict[str, object] = {}


def prepare(options: RenderOptions) -> None:
    """Load the library and templates and import the renderers for ``options``, once.

    :func:`iter_render` does this itself when it has not been done; a caller may do it first
    to fail fast on a broken library, or to set the process up before the letters start.

    Raises:
        LibraryError, TemplateError: the library or templates cannot be used at all.
    """
    if _STATE.get("options") is options:
        return  # also a forked worker, which inherits its parent's state
    from drafter.library.load import load_library
    from drafter.library.templating import make_environment

    library = load_library(options.library)
    env = make_environment([options.templates] if options.templates else [])
    # Imported here, not per case, so that forked workers inherit them.
    renderers = {"md": "drafter.render.markdown", "docx": "drafter.render.docx"}
    wanted = (renderers[f] for f in options.formats if f in renderers)
    for module in ("drafter.draft.pipeline", *wanted):
        importlib.import_module(module)
    _STATE["library"] = library
    _STATE["env"] = env
    _STATE["options"] = options


def _one(options: RenderOptions, case: Path) -> Outcome[Letters]:
    from drafter.draft.pipeline import render_case

    prepare(options)  # done already, in this process or the one a worker was forked from
    try:
        rendered = render_case(
            case, lib=_STATE["library"], env=_STATE["env"],  # type: ignore[arg-type]
            out_dir=options.out_dir, formats=options.formats, today=options.today,
            letterhead=options.letterhead, authority=options.authority,
            for_publication=options.for_publication, strict=options.strict)
    except DrafterError as exc:
        return Outcome(case, error=exc if str(case) in str(exc) else _naming(case, exc))
    except Exception as exc:  # one case that trips a bug must not stop the others
        return Outcome(case, error=InternalError(str(case), exc, "drafting it"))
    return Outcome(case, Letters(rendered.files, tuple(rendered.warnings)))


def _naming(case: Path, exc: DrafterError) -> DrafterError:
    """The same error, its message starting with the case file (many run in one batch)."""
    named = UserError(f"{case}: {exc}")
    named.exit_code = exc.exit_code
    return named


def iter_render(cases: Sequence[Path], options: RenderOptions, *, jobs: int = 0
                ) -> Iterator[Outcome[Letters]]:
    """Yield one outcome per case, in the order given, in worker processes when there are many.

    Raises:
        LibraryError, TemplateError: the library or templates cannot be used at all.
    """
    prepare(options)  # fails fast, once, on a broken library
    return fan_out(cases, partial(_one, options), jobs=jobs)
