"""One exception hierarchy for drafter; only the CLI turns it into output.

Every error a user can cause carries the file, the line and the key it is about, and a
sentence saying how to fix it. Core code raises; :mod:`drafter.cli` catches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning"]
"""How serious a problem is: an error stops the work; a warning is reported (``--strict``
makes it an error)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file.

    Attributes:
        message: What is wrong, written for the person at the keyboard.
        file: The file it is in, as given by the user.
        line: 1-based line number, where known.
        key: Dotted path of the key, for example ``parts[0].exemptions[1].cite``.
        fix: How to put it right.
        level: ``error`` or ``warning``.
    """

    message: str
    file: str | None = None
    line: int | None = None
    key: str | None = None
    fix: str | None = None
    level: Level = "error"

    def location(self) -> str:
        """Return ``file:line`` (or as much of it as is known)."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""

    def __str__(self) -> str:
        head = self.location()
        parts = [p for p in (head, self.key) if p]
        text = ": ".join([*parts, self.message]) if parts else self.message
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


class DrafterError(Exception):
    """Base of every error drafter raises on purpose. ``exit_code`` is what the CLI returns."""

    exit_code = 2

    def __reduce__(self) -> tuple[object, ...]:
        # Errors come back from worker processes pickled; rebuild them from their message and
        # attributes, not by calling __init__ again with the message as its only argument.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


def _restore(cls: type[DrafterError], message: str, state: dict[str, object]) -> DrafterError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class UserError(DrafterError):
    """An error whose message is printed as it is."""


class InputError(DrafterError):
    """One or more problems in an input file, all reported at once."""

    what = "input"

    def __init__(self, problems: Iterable[Problem], summary: str | None = None) -> None:
        self.problems = list(problems)
        self.summary = summary
        super().__init__(self.render())

    def render(self) -> str:
        """Return one line per problem, headed by a count."""
        n = len(self.problems)
        head = self.summary or f"{n} problem{'s' if n != 1 else ''} in the {self.what}"
        return "\n".join([head + ":", *(f"  {p}" for p in self.problems)])


class CaseError(InputError):
    """The case file cannot be read or is not a valid case."""

    what = "case file"


class AuthorityError(InputError):
    """The authority profile cannot be read or is not valid."""

    what = "authority profile"


class LibraryError(InputError):
    """The clause library (built-in or an override folder) is invalid."""

    what = "clause library"


class TemplateError(InputError):
    """A letter template or clause text failed to compile or render."""

    what = "template"


class RuleError(InputError):
    """A checker rule file is invalid."""

    what = "checker rules"


class LetterheadError(InputError):
    """The letterhead document (``--letterhead``, or the authority profile's) cannot be used.

    Args:
        path: The letterhead, as given.
        problem: What is wrong with it, as the end of a sentence starting "the letterhead".
        fix: How to put it right; by default, save it again from Word or leave it out.
    """

    what = "letterhead"
    FIX = ("open it in Word and save it as a Word Document (.docx) without a password, "
           "or leave out --letterhead")

    def __init__(self, path: Path, problem: str, fix: str | None = None) -> None:
        self.path = path
        super().__init__([Problem(f"the letterhead {problem}", file=str(path),
                                  fix=fix or self.FIX)])


class LegalValidationError(DrafterError):
    """A well-formed case that does not meet the law (s17, s2, s10...). Exit code 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        n = len(self.problems)
        head = f"{file}: " if file else ""
        lines = [f"{head}the case fails {n} legal check{'s' if n != 1 else ''}:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class OutputExistsError(UserError):
    """Rendering would overwrite a file that already exists."""


class DocumentReadError(UserError):
    """A draft letter given to ``drafter check`` cannot be read."""


class InternalError(DrafterError):
    """An unexpected exception while handling one input: reported against that input.

    Raised (or returned) in place of whatever the exception was, so that one file that
    trips a bug is reported by name and the others in the run still go ahead. ``detail`` is
    the formatted traceback (a string, so it can come back from a worker process), printed
    only with ``--debug``; it never includes local variables.
    """

    def __init__(self, file: str, exc: BaseException, doing: str = "reading it") -> None:
        import traceback

        self.file = file
        self.kind = type(exc).__name__
        self.detail = "".join(traceback.format_exception(exc))
        super().__init__(f"{file}: internal error ({self.kind}) while {doing}. This is a bug "
                         "in drafter; run the same command with --debug and report what it "
                         "prints.")
