"""What every reader shares (kept apart from ``drafter.read`` so that no reader imports it)."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import DocumentReadError


def read_error(path: Path, message: str, fix: str | None = None) -> DocumentReadError:
    """Return the error for a draft that cannot be read, naming the file and the fix."""
    text = f"{path}: {message}"
    if fix:
        text += f". Fix: {fix}"
    return DocumentReadError(text)
