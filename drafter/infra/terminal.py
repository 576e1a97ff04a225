"""Make text safe to print on a terminal: control characters and odd bytes made visible.

Messages quote what users and correspondents wrote: YAML keys, file names, values. Printed
raw, an escape sequence in a file name could clear the screen, set the window title or hide
the rest of a message, and a file name that is not UTF-8 could not be printed at all. Every
message drafter prints goes through :func:`printable`.
"""

from __future__ import annotations

import re

from drafter.infra.lazyre import LazyPattern

__all__ = ["printable"]

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# and the lone surrogates Python uses for bytes of a file name that are not UTF-8.
# Compiled when the first message is printed (not for ``--help``).
_UNSAFE = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi-control and undecodable character shown escaped."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


_DEBUG: list[bool] = [False]


def set_debug(on: bool) -> None:
    """Record whether ``--debug`` was given (tracebacks of internal errors are then shown)."""
    _DEBUG[0] = on


def debugging() -> bool:
    """Whether ``--debug`` was given."""
    return _DEBUG[0]
