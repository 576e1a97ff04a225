"""What every reader shares (kept apart from ``drafter.read`` so that no reader imports it)."""

from __future__ import annotations

import re
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
                      r"best\s+(?:regards|wishes)|many\s+thanks|regards)\b", re.IGNORECASE)
"""A letter's sign-off: what follows it is the signature, then perhaps an e-mail thread."""

THREAD = re.compile(r"^\W{0,3}(?:-{2,}\s*(?:original\s+message|forwarded\s+message)\s*-{2,}|"
                    r"on\s+.{4,120}\bwrote:\s*$|from:\s+\S.*$)", re.IGNORECASE)
"""The start of an earlier e-mail quoted below a reply ("-----Original Message-----", "On 3
March 2025, FOI Team wrote:", a "From:" header). Its words are not this letter's: the rights
paragraphs of an earlier response quoted below a refusal are not the refusal's."""
