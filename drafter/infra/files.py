"""Write letters safely: sanitised names, no overwrite without force, atomic replace.

A letter is written to a temporary file in the destination folder and renamed over the final
name only when complete, so a crash or a full disk never leaves half a letter (or a truncated
older letter) under the final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from drafter.errors import OutputExistsError, UserError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


def safe_stem(reference: str) -> str:
    """A file-name stem made from a case reference: ``FOI 0019/24`` -> ``FOI-0019-24``.

    Path separators, ``..``, control characters and anything outside ``[A-Za-z0-9._-]`` are
    replaced, so a reference can never point outside the output folder.
    """
    text = unicodedata.normalize("NFKD", reference).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", text).strip(".-_")
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = re.sub(r"-{2,}", "-", stem)[:120].strip(".-_")
    if not stem or stem.lower() in _RESERVED:
        stem = f"letter-{stem}" if stem else "letter"
    return stem


def check_free(paths: list[Path], *, force: bool) -> None:
    """Refuse (before any work) if a target exists and ``force`` is not given."""
    if force:
        return
    taken = [p for p in paths if p.exists()]
    if taken:
        names = ", ".join(str(p) for p in taken)
        raise OutputExistsError(f"{names} already exist{'s' if len(taken) == 1 else ''}; "
                                "nothing was written. Fix: use --force to replace, or -o to "
                                "write somewhere else")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write to {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a letter gets the mode an ordinary new file
        # would have, or keeps the mode of the letter it replaces.
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(files: Mapping[Path, bytes], *, force: bool) -> None:
    """Write several files, each atomically, after checking none would be overwritten."""
    check_free(list(files), force=force)
    for path, data in files.items():
        write_atomic(path, data)
