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

Entries are pickles and compiled templates, which run code when loaded, so nobody else may
be able to put one there:

* every folder from ``/`` down to the cache is checked once per process (owned by root or
  this user, and writable by no one else unless it is sticky, as ``/tmp`` is), and held open;
  every entry is then opened relative to that checked descriptor with ``O_NOFOLLOW``, so
  swapping a folder for a symbolic link after the check changes nothing;
* each entry is authenticated with a keyed BLAKE2b MAC under a secret key of 32 random bytes
  kept in the cache folder (mode 0600), so an entry written by anyone without the key, or
  damaged, is ignored;
* only regular files are read (a FIFO or device put in the cache is skipped at once).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from drafter._version import __version__
from drafter.infra.cachefolder import (
    ENV_OFF,
    cache_dir,
    drop_folder,
    entry_mac,
    folder_fd,
    forget_folders,
    subfolder,
)

__all__ = ["ENV_OFF", "KEEP", "cache_dir", "digest", "forget_folders", "load", "memoize",
           "module_stamp", "prune", "read_entry", "source_stamp", "store", "subfolder",
           "write_entry"]

T = TypeVar("T")

_MAGIC = b"drafter-cache 1\n"
_PACKAGE = Path(__file__).resolve().parent.parent  # the drafter package


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
    # Strings and os.walk, not Path.rglob: a third of the time, at the start of every command.
    root = str(_PACKAGE)
    found: list[list[str]] = []  # relative paths as their parts, sorted as Paths sort
    for folder, _dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        parts = [] if rel == os.curdir else rel.split(os.sep)  # noqa: PTH206
        found.extend([*parts, name] for name in files if name.endswith(".py"))
    for parts in sorted(found):
        with contextlib.suppress(OSError):
            info = os.stat(os.path.join(root, *parts))  # noqa: PTH116, PTH118
            entries.append(f"{'/'.join(parts)}:{info.st_size}:{info.st_mtime_ns}")
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
    fd = None if path is None else folder_fd(path.parent)
    if path is not None and fd is not None:
        with contextlib.suppress(OSError, NotImplementedError):
            # recently used: pruning (see store) removes the least recent
            os.utime(path.name, dir_fd=fd, follow_symlinks=False)
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
    import fnmatch
    import shutil

    fd = folder_fd(folder)
    if fd is None:
        return
    try:
        found = sorted(((e.stat(follow_symlinks=False).st_mtime_ns, e.name, e.is_dir(
            follow_symlinks=False)) for e in os.scandir(fd) if fnmatch.fnmatch(e.name, pattern)),
            reverse=True)
    except OSError:  # a file removed meanwhile by another process: prune another time
        return
    for _, name, is_dir in found[keep:]:
        if is_dir:
            shutil.rmtree(name, ignore_errors=True, dir_fd=fd)
            drop_folder(folder / name)
        else:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=fd)


MAX_ENTRY_BYTES = 512 * 1024 * 1024
"""Largest entry read (a prepared letterhead is a few MB)."""


def read_entry(path: Path, key: str) -> bytes | None:
    """The payload of the entry at ``path`` if it was written under ``key`` and is intact.

    Intact means authenticated with this user's key: an entry anyone else wrote is ignored.
    """
    from drafter.infra.regular import read_regular

    fd = folder_fd(path.parent)
    if fd is None:
        return None
    try:
        data = read_regular(path.name, MAX_ENTRY_BYTES, dir_fd=fd, nofollow=True)
    except OSError:
        return None
    header = _header(key)
    if not data.startswith(header) or len(data) < len(header) + 40:
        return None
    check = data[len(header):len(header) + 40]
    view = memoryview(data)[len(header) + 40:]
    mac = entry_mac(header, view)
    return view.tobytes() if mac is not None and hmac.compare_digest(mac, check) else None


def write_entry(path: Path, key: str, payload: bytes) -> None:
    """Write an entry atomically: a temporary file in the same folder, then a rename."""
    fd = folder_fd(path.parent)
    if fd is None:
        return
    header = _header(key)
    mac = entry_mac(header, payload)
    if mac is None:
        return
    tmp = f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp"
    try:
        out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                      0o600, dir_fd=fd)
    except OSError:
        return
    try:
        with os.fdopen(out, "wb") as fh:
            fh.write(header + mac + payload)
        os.replace(tmp, path.name, src_dir_fd=fd, dst_dir_fd=fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=fd)
        raise


def _header(key: str) -> bytes:
    return _MAGIC + digest(key).encode() + b"\n"
