"""Case file in, letter bytes out: the library-level entry point behind ``drafter render``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.document import Notice
from drafter.draft.assemble import draft
from drafter.draft.casefile import load_case
from drafter.errors import Problem
from drafter.infra.files import safe_stem
from drafter.library.load import Library

FORMATS = ("docx", "md")


@dataclass
class Rendered:
    """The files drafted for one case, by output path, and the warnings on the way."""

    case: Path
    files: dict[Path, bytes]
    notice: Notice
    warnings: list[Problem] = field(default_factory=list)
    stem: str = ""
    """The file name the letters are written under, without the format's suffix."""


def render_case(path: Path, *, lib: Library, env: ImmutableSandboxedEnvironment, out_dir: Path,
                formats: tuple[str, ...] = FORMATS, today: dt.date,
                letterhead: Path | None = None, authority: Path | None = None,
                for_publication: bool = False, strict: bool = False) -> Rendered:
    """Load, validate, assemble and render one case. Writes nothing.

    Raises:
        CaseError, AuthorityError, TemplateError: the inputs cannot be used (exit 2).
        LegalValidationError: the case fails the law (exit 1).
    """
    loaded = load_case(path, authority_override=authority)
    drafted = draft(loaded, lib, env, today=today, for_publication=for_publication,
                    strict=strict)
    # The s17(2) holding notice and the final notice share a reference: keep both letters.
    stem = safe_stem(loaded.case.reference)
    stem += "-holding" if drafted.validated.stage == "holding" else ""
    stem += "-publication" if for_publication else ""
    files: dict[Path, bytes] = {}
    for fmt in formats:
        if fmt == "md":
            from drafter.render.markdown import render_markdown

            files[out_dir / f"{stem}.md"] = render_markdown(drafted.notice).encode("utf-8")
        elif fmt == "docx":
            from drafter.render.docx import render_docx

            files[out_dir / f"{stem}.docx"] = render_docx(
                drafted.notice, letterhead=letterhead or loaded.letterhead)
    return Rendered(path, files, drafted.notice, drafted.warnings, stem)
