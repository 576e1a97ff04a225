"""Read a case file (and its authority profile) into validated models.

Every problem in the file is reported at once, located by file, line and key. Text is
cleaned of characters that cannot appear in a Word document (XML 1.0 control characters);
each removal is reported as a warning, never done silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.draft.model import Authority, Case
from drafter.draft.newcase import placeholders_left
from drafter.errors import AuthorityError, CaseError, Level, Problem
from drafter.infra.lazyre import LazyPattern
from drafter.infra.modelio import parse_model
from drafter.infra.yamlio import Loc, Positions, format_loc, load_yaml, read_text

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, and U+FFFE/FFFF.
# DEL and the C1 controls (U+007F-U+009F) are allowed by XML but are never text: they come
# from mis-decoded Windows-1252 or are terminal escapes (U+009B is an 8-bit CSI).
_INVALID_XML = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Bidirectional embedding, override and isolate controls can make text display in an order
# other than the one it is stored in; they are kept (the request is quoted exactly) but shown.
_BIDI = LazyPattern("[\u202a-\u202e\u2066-\u2069]")
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
                      "\u202a-\u202e\u2066-\u2069]")
"""Either of the two above: the one search most texts need."""
MAX_FIELD_CHARS = 1_000_000
"""Longest text in one field (about 400 pages); Word's XML parser refuses far longer ones."""

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
                level: Level = "error") -> Problem:
        """A problem located at ``loc`` in the case file."""
        return Problem(message, file=str(self.path), line=self.line(loc),
                       key=format_loc(loc) or None, fix=fix, level=level)


def clean_text(data: Any, positions: Positions, loc: Loc = ()) -> tuple[Any, list[Problem]]:
    """Remove control characters from every string, reporting each place.

    Also reports (as errors) a field longer than :data:`MAX_FIELD_CHARS`, and (as warnings)
    bidirectional control characters. ``!!binary`` values are decoded as UTF-8 text here, so
    they are cleaned like any other text.
    """
    found: list[Problem] = []

    def problem(here: Loc, message: str, fix: str, level: Level = "warning") -> None:
        found.append(Problem(message, file=positions.file, line=positions.line_of(here),
                             key=format_loc(here) or None, level=level, fix=fix))

    def text(value: str, here: Loc) -> str:
        if len(value) > MAX_FIELD_CHARS:
            problem(here, f"this text is {len(value):,} characters long; the limit is "
                    f"{MAX_FIELD_CHARS:,}", "enclose long material instead of quoting it "
                    "in the letter", level="error")
            return ""
        # Line endings are not content: CRLF and CR (from an email) become LF.
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _SUSPECT.search(value) is None:  # nearly every text: nothing to remove or show
            return value
        if _INVALID_XML.search(value):
            count = len(_INVALID_XML.findall(value))
            problem(here, f"removed {count} control character{'s' if count != 1 else ''} "
                    "that cannot appear in a letter", "check the text was pasted correctly")
            value = _INVALID_XML.sub("", value)
        if _BIDI.search(value):
            count = len(_BIDI.findall(value))
            problem(here, f"contains {count} bidirectional control character"
                    f"{'s' if count != 1 else ''} (such as U+202E), which can make text "
                    "display in a different order from the one it was written in",
                    "check the text reads as intended in the letter")
        return value

    def clean(value: Any) -> bool:
        """A text with nothing to change or report: kept as it is, without making its place."""
        return isinstance(value, str) and len(value) <= MAX_FIELD_CHARS and "\r" not in value \
            and _SUSPECT.search(value) is None

    def walk(value: Any, here: Loc) -> Any:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str):
            return text(value, here)
        if isinstance(value, dict):
            return {k: v if clean(v) else walk(v, (*here, str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [v if clean(v) else walk(v, (*here, i)) for i, v in enumerate(value)]
        return value


    return walk(data, loc), found


def _cleaned(data: Any, positions: Positions,
             error: type[CaseError] | type[AuthorityError]) -> tuple[Any, list[Problem]]:
    data, found = clean_text(data, positions)
    errors = [p for p in found if p.level == "error"]
    if errors:
        raise error(errors)
    return data, found


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
    data, warnings = _cleaned(data, positions, CaseError)
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
    authority, letterhead_line, warnings = _parse_authority(
        name, read_text(path, AuthorityError, what="authority profile"))
    letterhead = None
    if authority.letterhead:
        letterhead = _contained(path.parent, authority.letterhead, name, letterhead_line,
                                "letterhead", AuthorityError)
    return authority, letterhead, list(warnings)


@lru_cache(maxsize=16)
def _parse_authority(name: str, text: str) -> tuple[Authority, int | None, tuple[Problem, ...]]:
    """The profile read from ``text``, the line of its letterhead, and its warnings.

    The cases of a batch name a few profiles between them: each text is parsed once per
    process (the file itself is read for every case, so a changed profile is read again).
    The model is frozen and the warnings a tuple, so the cases cannot change what they share.
    """
    data, positions = load_yaml(text, name, AuthorityError)
    if not isinstance(data, dict):
        raise AuthorityError([Problem("an authority profile must be a mapping of keys",
                                      file=name, line=1)])
    data, warnings = _cleaned(data, positions, AuthorityError)
    authority = parse_model(Authority, data, positions, AuthorityError)
    return authority, positions.line_of(("letterhead",)), tuple(warnings)


def _contained(folder: Path, given: str, file: str, line: int | None, key: str,
               error: type[CaseError] | type[AuthorityError]) -> Path:
    target = (folder / given).resolve()
    base = folder.resolve()
    if not target.is_relative_to(base):
        raise error([Problem(f"'{given}' points outside the folder of {Path(file).name}",
                             file=file, line=line, key=key,
                             fix="keep the file in the same folder (or a subfolder), or pass "
                                 "it with --authority on the command line")])
    if not target.exists():
        raise error([Problem(f"'{given}' not found (looked for {target})", file=file, line=line,
                             key=key, fix="check the file name; paths are relative to this file")])
    if not target.is_file():
        raise error([Problem(f"'{given}' is not a regular file (a folder, FIFO or device)",
                             file=file, line=line, key=key, fix="name the file itself")])
    return target
