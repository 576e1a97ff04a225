"""drafter as a library: what a case-management system or a script calls instead of the CLI.

Every function here is also reachable as ``drafter.<name>`` (imported on first use, so that
``import drafter`` stays cheap). Errors are the CLI's: ``drafter.errors.InputError`` and its
subclasses for unusable input (each carries located ``Problem`` objects with a fix), and
``drafter.errors.LegalValidationError`` for a case that fails the law.

Example::

    import drafter
    lib = drafter.load_library()
    drafted = drafter.draft_case("cases/FOI-2025-0142.yaml", library=lib)
    Path("FOI-2025-0142.docx").write_bytes(drafter.render_docx(drafted.notice))
    result = drafter.check_notice(drafter.read_document(Path("hand-written.docx")))
    print(result.ok, result.as_dict()["elements"]["ico_right"])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.check import Checker, CheckResult
    from drafter.document import Notice
    from drafter.errors import Problem
    from drafter.law.deadlines import Deadline
    from drafter.library.load import Library

__all__ = ["Draft", "check_file", "check_notice", "compute_deadline", "draft_case",
           "load_library", "make_checker", "read_document", "render_docx",
           "render_markdown"]


def load_library(*overrides: Path) -> Library:
    """The clause library: the built-in one, with each override folder searched first.

    Raises:
        LibraryError: every problem in the library, located.
    """
    from drafter.library.load import load_library as load

    return load(tuple(Path(o) for o in overrides))


@dataclass(frozen=True)
class Draft:
    """A drafted letter: the document tree, the file stem it would be written as, warnings."""

    notice: Notice
    stem: str
    warnings: list[Problem]


def draft_case(case: Path | str, *, library: Library | None = None,
               templates: Sequence[Path] = (), today: dt.date | None = None,
               authority: Path | None = None, for_publication: bool = False,
               strict: bool = False) -> Draft:
    """Validate the case file at ``case`` against the law and draft its letter.

    ``today`` is the date used when the case gives no ``sent`` date (default: today).

    Raises:
        CaseError, AuthorityError, TemplateError: the case cannot be used.
        LegalValidationError: the case fails the law (with ``strict``, warnings too).
    """
    from drafter.draft.pipeline import render_case
    from drafter.library.templating import make_environment

    rendered = render_case(Path(case), lib=library or load_library(),
                           env=make_environment(tuple(templates)), out_dir=Path(),
                           formats=(), today=today or dt.date.today(), authority=authority,
                           for_publication=for_publication, strict=strict)
    return Draft(rendered.notice, rendered.stem, list(rendered.warnings))


def render_markdown(notice: Notice) -> str:
    """The letter as Markdown."""
    from drafter.render.markdown import render_markdown as render

    return render(notice)


def render_docx(notice: Notice, *, letterhead: Path | None = None) -> bytes:
    """The letter as a Word document, on ``letterhead`` (a .docx or .dotx) if given."""
    from drafter.render.docx import render_docx as render

    return render(notice, letterhead=letterhead)


def read_document(path: Path | str) -> Notice:
    """Read a draft letter (.docx, .md, .txt or .pdf) into the document tree the checker reads.

    Raises:
        DocumentReadError: the file cannot be read, with the reason.
    """
    from drafter.read import read_document as read

    return read(Path(path))


def make_checker(*, rules: Sequence[Path] = (), library: Sequence[Path] = ()) -> Checker:
    """A checker with the built-in rules and library (and ``rules``/``library`` folders).

    Building one reads every rule and clause file; to check many letters, build it once and
    pass it to :func:`check_notice` or :func:`check_file` as ``checker=``. Build a new one
    after editing a rule or clause file.
    """
    from drafter.check import Checker
    from drafter.check.ruleset import load_rules
    from drafter.library.facts import provision_records

    return Checker(load_rules(tuple(rules)), provision_records(tuple(Path(f) for f in library)))


def check_notice(notice: Notice, *, regime: str | None = None, file: str = "",
                 rules: Sequence[Path] = (), library: Sequence[Path] = (),
                 checker: Checker | None = None) -> CheckResult:
    """Check one letter for every element the law requires; ``result.ok`` is the verdict.

    ``regime`` (``foia``, ``eir``, ``foisa``) forces the law instead of working it out from
    the letter; ``rules`` are folders of house rules; ``library`` clause override folders.
    ``checker`` (from :func:`make_checker`) is used instead of building one, and then
    ``rules`` and ``library`` are not read.
    """
    if checker is None:
        checker = make_checker(rules=rules, library=library)
    return checker.check(notice, file=file, regime=regime)


def check_file(path: Path | str, **options: Any) -> CheckResult:
    """Read and check the letter at ``path`` (the options of :func:`check_notice`)."""
    return check_notice(read_document(path), file=str(path), **options)


def compute_deadline(received: dt.date, *, regime: str = "foia",
                     extension: int | None = None, working_days: int = 20) -> Deadline:
    """The time for compliance for a request received (or clarified) on ``received``.

    Counts working days as the regime's law says (FOIA s10(6), FOISA s73); ``extension`` adds
    a public interest (FOIA s10(3)) or complex-and-voluminous (EIR reg 7) extension.
    """
    from drafter.law.calendar import calendar_for
    from drafter.law.deadlines import compute_deadline as compute

    return compute(received, regime=regime, working_days=working_days, extension=extension,
                   cal=calendar_for(regime))
