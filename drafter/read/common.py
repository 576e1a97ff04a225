"""What every reader shares (kept apart from ``drafter.read`` so that no reader imports it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from drafter.errors import DocumentReadError


def read_error(path: Path, message: str, fix: str | None = None) -> DocumentReadError:
    """Return the error for a draft that cannot be read, naming the file and the fix."""
    text = f"{path}: {message}"
    if fix:
        text += f". Fix: {fix}"
    return DocumentReadError(text)


def open_letter(path: Path) -> BinaryIO:
    """Open the letter at ``path`` for reading: a regular file only (never a FIFO or device).

    Raises:
        DocumentReadError: missing, a folder, not a regular file, or unreadable.
    """
    from drafter.infra.regular import describe, open_regular

    try:
        return open_regular(path)
    except FileNotFoundError:
        raise read_error(path, "file not found", "check the path and the working folder"
                         ) from None
    except IsADirectoryError:
        raise read_error(path, "this is a folder, not a letter", "give the letter's file"
                         ) from None
    except OSError as exc:
        raise read_error(path, f"cannot read the file ({describe(exc)})",
                         "give the letter's file itself") from None


SIGN_OFF = re.compile(r"^\W{0,3}(?:yours\s+(?:sincerely|faithfully|truly)|kind(?:est)?\s+regards|"
                      r"best\s+(?:regards|wishes)|regards)\W{0,3}$", re.IGNORECASE)
"""A letter's closing, alone on its line: what follows it is the signature, then perhaps an
e-mail thread. Not "Many thanks", with which many letters open before quoting the request."""

BODY_WORDS = 40
"""Words a letter has before its closing for the closing to end a body (a closing above them
is a covering note's, and the letter's own text may follow the quoted e-mail)."""

THREAD = re.compile(r"^\W{0,3}(?:-{2,}\s*(?:original\s+message|forwarded\s+message)\s*-{2,}|"
                    r"on\s+.{4,120}\bwrote:\s*$|from:\s+\S.*$)", re.IGNORECASE)
"""The start of an earlier e-mail quoted below a reply ("-----Original Message-----", "On 3
March 2025, FOI Team wrote:", a "From:" header). Its words are not this letter's: the rights
paragraphs of an earlier response quoted below a refusal are not the refusal's."""


def thread_start(lines: Sequence[str]) -> int | None:
    """Index of the line that starts an earlier e-mail quoted below the letter, or None.

    Only after a true closing (:data:`SIGN_OFF`) that ends at least :data:`BODY_WORDS` words
    of the letter's body; when unsure, the whole text is read as the letter's.
    """
    words = 0
    signed = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not signed and SIGN_OFF.match(line):
            signed = words >= BODY_WORDS
        elif signed and THREAD.match(line):
            return i
        if words < BODY_WORDS:  # past it, the count no longer matters
            words += len(line.split())
    return None
