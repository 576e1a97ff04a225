"""Read a case file (and its authority profile) into validated models.

Every problem in the file is reported at once, located by file, line and key. Text is
cleaned of characters that cannot appear in a Word document (XML 1.0 control characters);
each removal is reported as a warning, never done silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.draft.model import Authority, Case
from drafter.draft.newcase import placeholders_left
from drafter.errors import AuthorityError, CaseError, Problem
from drafter.infra.modelio import parse_model
from drafter.infra.ooxml import XML_INVALID
from drafter.infra.yamlio import Loc, Positions, format_loc, load_yaml, read_text

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, and U+FFFE/FFFF.

VERBATIM_KEYS = frozenset({"request", "preamble"})
"""Keys whose value is the requester's own words, quoted byte for byte in the letter."""


@dataclass
class LoadedCase:
    """A validated case with everything needed to draft it."""

    case: Case
    authority: Authority
    path: Path
    positions: Positions
    authority_path: Path | None = None
    letterhead: Path | None = None
    warnings: list[Problem] = field(default_factory=list)

    def line(self, loc: Loc) -> int | None:
        """Line of a key in the case file."""
        return self.positions.line_of(loc)

    def problem(self, loc: Loc, message: str, fix: str | None = None,
                level: str = "error") -> Problem:
        """A problem located at ``loc`` in the case file."""
        return Problem(message, file=str(self.path), line=self.line(loc),
                       key=format_loc(loc) or None, fix=fix, level=level)


def clean_text(data: Any, positions: Positions, loc: Loc = ()) -> tuple[Any, list[Problem]]:
    """Remove XML-invalid control characters from every string, reporting each place."""
    found: list[Problem] = []

    def walk(value: Any, here: Loc) -> Any:
        if isinstance(value, str):
            # Line endings are not content: CRLF and CR (from an email) become LF.
            value = value.replace("\r\n", "\n").replace("\r", "\n")
            if XML_INVALID.search(value):
                count = len(XML_INVALID.findall(value))
                found.append(Problem(
                    f"removed {count} control character{'s' if count != 1 else ''} that "
                    "cannot appear in a letter", file=positions.file,
                    line=positions.line_of(here), key=format_loc(here) or None,
                    level="warning", fix="check the text was pasted correctly"))
                return XML_INVALID.sub("", value)
            return value
        if isinstance(value, dict):
            return {k: walk(v, (*here, str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*here, i)) for i, v in enumerate(value)]
        return value

    return walk(data, loc), found


def load_case(path: Path, *, authority_override: Path | None = None) -> LoadedCase:
    """Load and validate ``path``; resolve its authority profile and letterhead.

    ``authority:`` and ``letterhead:`` paths are resolved relative to the file that names them
    and must stay inside that file's folder: a case file received from elsewhere cannot make
    drafter read arbitrary files. ``authority_override`` (given on the command line by the
    user) is trusted and replaces the case's own ``authority:``.

    Raises:
        CaseError: every problem in the case file.
        AuthorityError: every problem in the authority profile.
    """
    name = str(path)
    data, positions = load_yaml(read_text(path, CaseError, what="case file"), name, CaseError,
                                verbatim=VERBATIM_KEYS)
    if not isinstance(data, dict):
        raise CaseError([Problem("a case file must be a mapping of keys (reference:, parts:...)",
                                 file=name, line=1, fix="start from 'drafter new REFERENCE'")])
    if "requester" in data and data["requester"] is None:
        data["requester"] = {}  # 'requester:' with every key commented out: anonymous
    data, warnings = clean_text(data, positions)
    warnings.extend(placeholders_left(data, positions))
    authority_path: Path | None = None
    raw_authority = data.get("authority")
    if authority_override is not None:
        authority_path = authority_override
        data["authority"] = str(authority_override)
    elif isinstance(raw_authority, str):
        authority_path = _contained(path.parent, raw_authority, name,
                                    positions.line_of(("authority",)), "authority", CaseError)
    case = parse_model(Case, data, positions, CaseError)
    letterhead: Path | None = None
    if isinstance(case.authority, Authority):
        authority = case.authority
        if authority.letterhead:
            letterhead = _contained(path.parent, authority.letterhead, name,
                                    positions.line_of(("authority", "letterhead")), "letterhead",
                                    CaseError)
    else:
        assert authority_path is not None
        authority, letterhead, more = load_authority(authority_path)
        warnings.extend(more)
    return LoadedCase(case, authority, path, positions, authority_path, letterhead, warnings)


def load_authority(path: Path) -> tuple[Authority, Path | None, list[Problem]]:
    """Load an authority profile; return it, its letterhead path and any warnings."""
    name = str(path)
    data, positions = load_yaml(read_text(path, AuthorityError, what="authority profile"), name,
                                AuthorityError)
    if not isinstance(data, dict):
        raise AuthorityError([Problem("an authority profile must be a mapping of keys",
                                      file=name, line=1)])
    data, warnings = clean_text(data, positions)
    authority = parse_model(Authority, data, positions, AuthorityError)
    letterhead = None
    if authority.letterhead:
        letterhead = _contained(path.parent, authority.letterhead, name,
                                positions.line_of(("letterhead",)), "letterhead", AuthorityError)
    return authority, letterhead, warnings


def _contained(folder: Path, given: str, file: str, line: int | None, key: str,
               error: type[CaseError] | type[AuthorityError]) -> Path:
    target = (folder / given).resolve()
    base = folder.resolve()
    if not target.is_relative_to(base):
        raise error([Problem(f"'{given}' points outside the folder of {Path(file).name}",
                             file=file, line=line, key=key,
                             fix="keep the file in the same folder (or a subfolder), or pass "
                                 "it with --authority on the command line")])
    if not target.is_file():
        raise error([Problem(f"'{given}' not found (looked for {target})", file=file, line=line,
                             key=key, fix="check the file name; paths are relative to this file")])
    return target
