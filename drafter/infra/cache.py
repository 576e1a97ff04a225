"""A per-user cache of work that is slow to redo and safe to throw away.

It holds the validated clause library and rule set, compiled templates and prepared Word
documents. Entries live in ``$XDG_CACHE_HOME/drafter`` (``~/.cache/drafter`` when that is not
set), one file each, written to a temporary file and renamed into place, so a process never
reads half an entry that another is writing. Each entry starts with the key it was built
from: the content of every input file (not its date) and the versions of drafter, Python and
the libraries that shape the result, with the size and date of drafter's own modules. An
entry whose key differs, or whose checksum does not match, is ignored and rebuilt, so a
changed clause, template or rule file, or an upgrade, never brings back old wording.

The cache only saves time: a folder that cannot be created, read or written, or an entry that
cannot be read, is skipped silently. ``DRAFTER_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from drafter._version import __version__

__all__ = ["ENV_OFF", "KEEP", "cache_dir", "digest", "load", "memoize", "module_stamp", "prune",
           "read_entry", "source_stamp", "store", "subfolder", "write_entry"]

T = TypeVar("T")

ENV_OFF = "DRAFTER_NO_CACHE"
"""Set to 1 (any value but empty or 0) to neither read nor write the cache."""

_MAGIC = b"drafter-cache 1\n"
_PACKAGE = Path(__file__).resolve().parent.parent  # the drafter package


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off or there is no home folder."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and Path(base).is_absolute():  # the XDG spec says to ignore a relative path
        return Path(base) / "drafter"
    try:
        return Path.home() / ".cache" / "drafter"
    except (RuntimeError, KeyError):  # no HOME and no password-file entry
        return None


def subfolder(name: str) -> Path | None:
    """``cache_dir() / name``, created private to the user; None if that is not possible."""
    root = cache_dir()
    return None if root is None else _ready(root / name)


@cache
def _ready(folder: Path) -> Path | None:
    """Create ``folder`` (mode 0700) and check that only this user can write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None  # another user's folder: its entries could run code when unpickled
    return folder


def digest(data: bytes | str) -> str:
    """A short hex digest of ``data``, for keys and file names."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


@cache
def source_stamp() -> str:
    """The versions of drafter and Python, and the size and date of drafter's modules.

    A checkout that is edited keeps its version number; its modules' dates still change.
    """
    entries: list[str] = [__version__, sys.version]
    for path in sorted(_PACKAGE.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = path.stat()
            entries.append(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(entries))


def module_stamp(name: str) -> str:
    """Where module ``name`` is installed, with its ``__init__``'s size and date (not imported).

    Reinstalling or upgrading a package rewrites that file, so the stamp changes with it.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is None:
            return f"{name}:-"
        info = origin.stat()
    except (ImportError, ValueError, OSError):
        return f"{name}:-"
    return f"{origin}:{info.st_size}:{info.st_mtime_ns}"


def memoize(kind: str, *, name: str, inputs: Sequence[tuple[str, bytes]],
            versions: Sequence[str], build: Callable[[], T], expect: type[T]) -> T:
    """``build()``, or the copy stored the last time it was built from the same inputs.

    This is the one way code outside this module uses the cache. ``kind`` names what is
    built (``library``, ``rules``...) and ``name`` which one (the folders read, say): together
    they name the entry, and only the :data:`KEEP` most recently used entries of a kind stay.
    The key is the content of every input (a label and its bytes, never a file date), the
    ``versions`` of the libraries that shape the result (see :func:`module_stamp`) and drafter's
    own :func:`source_stamp`. A stored object that is not an ``expect`` is ignored. What
    ``build`` raises propagates and nothing is stored, so a failure is never remembered.
    """
    if cache_dir() is None:
        return build()
    lines = [f"{kind} 2 {source_stamp()}", *versions]
    lines.extend(f"{label}\t{digest(data)}" for label, data in inputs)
    stem, key = f"{kind}-{digest(name)[:16]}", "\n".join(lines)
    found = load(stem, key)
    if isinstance(found, expect):
        return found
    value = build()
    store(stem, key, value)
    return value


def _entry_path(stem: str) -> Path | None:
    folder = subfolder("entries")
    return None if folder is None else folder / f"{stem}.pickle"


def load(stem: str, key: str) -> Any:
    """The object stored as ``stem`` under ``key``, or None (missing, stale or unreadable)."""
    path = _entry_path(stem)
    payload = None if path is None else read_entry(path, key)
    if payload is None:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # a damaged or incompatible entry is a miss, whatever unpickling raised
        return None
    if path is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruning (see store) removes the least recent
    return value


def store(stem: str, key: str, value: object) -> None:
    """Store ``value`` as ``stem`` under ``key`` (silently not, if that fails).

    ``stem`` is ``KIND-`` and 16 characters (a digest of what the entry is for, such as the
    folders read); only the :data:`KEEP` most recently used entries of a kind are kept.
    """
    path = _entry_path(stem)
    if path is None:
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an object that cannot be pickled is simply not cached
        return
    write_entry(path, key, payload)
    kind, _, tail = stem.rpartition("-")
    prune(path.parent, f"{kind}-{'?' * len(tail)}.pickle", KEEP)


KEEP = 8
"""Entries kept per kind: the libraries of the last few override folders, for example."""


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently modified files or folders matching ``pattern``."""
    import shutil

    try:
        found = sorted(((p.stat().st_mtime_ns, p) for p in folder.glob(pattern)), reverse=True)
    except OSError:  # a file removed meanwhile by another process: prune another time
        return
    for _, path in found[keep:]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def read_entry(path: Path, key: str) -> bytes | None:
    """The payload of the entry at ``path`` if it was written under ``key`` and is intact."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(key)
    if not data.startswith(header) or len(data) < len(header) + 40:
        return None
    check = data[len(header):len(header) + 40]
    payload = data[len(header) + 40:]
    return payload if digest(payload).encode() == check else None


def write_entry(path: Path, key: str, payload: bytes) -> None:
    """Write an entry atomically: a temporary file in the same folder, then a rename."""
    import tempfile

    data = _header(key) + digest(payload).encode() + payload
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _header(key: str) -> bytes:
    return _MAGIC + digest(key).encode() + b"\n"
