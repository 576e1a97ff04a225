"""The cache's folder, checked and held open, and the key that authenticates its entries.

See :mod:`drafter.infra.cache` for why: entries run code when loaded, so every folder from
``/`` down to the cache is checked once per process and held open, and each entry carries a
keyed BLAKE2b MAC under a secret kept in the cache folder (mode 0600).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

__all__ = ["ENV_OFF", "cache_dir", "drop_folder", "entry_mac", "folder_fd", "forget_folders",
           "subfolder"]

ENV_OFF = "DRAFTER_NO_CACHE"
"""Set to 1 (any value but empty or 0) to neither read nor write the cache."""

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
    return None if root is None or folder_fd(root / name) is None else root / name


_FDS: dict[Path, int | None] = {}  # checked folders held open, for this process
_DIR_FLAGS = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
              | getattr(os, "O_CLOEXEC", 0))


def _safe(info: os.stat_result, *, ancestor: bool) -> bool:
    """A folder only this user (or root) controls; an ancestor may be sticky (``/tmp``)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid not in (0, uid)):
        return False
    open_to_others = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if not ancestor:
        return not open_to_others and (uid is None or info.st_uid == uid)
    return not open_to_others or bool(info.st_mode & stat.S_ISVTX)


def folder_fd(folder: Path) -> int | None:
    """An open descriptor of ``folder`` (created 0700), checked with every folder above it."""
    if folder in _FDS:
        return _FDS[folder]
    fd = _open_checked(folder)
    _FDS[folder] = fd
    return fd


def _open_checked(folder: Path) -> int | None:
    root = cache_dir()
    if root is None or not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return None
    if folder != root and root not in folder.parents:
        return None  # only folders inside the cache are ever opened
    try:
        if folder != root:
            parent = folder_fd(folder.parent)
            if parent is None:
                return None
            return _child(parent, folder.name, ancestor=False)
        fd = os.open("/", _DIR_FLAGS)
        parts = Path(os.path.realpath(root)).parts[1:]
        for i, part in enumerate(parts):
            try:
                child = _child(fd, part, ancestor=i < len(parts) - 1)
            finally:
                os.close(fd)
            if child is None:
                return None
            fd = child
        return fd
    except OSError:
        return None


def _child(parent: int, name: str, *, ancestor: bool) -> int | None:
    """Open (creating if need be) folder ``name`` in ``parent``; None if it is not safe."""
    try:
        fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o700, dir_fd=parent)
        fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
    if _safe(os.fstat(fd), ancestor=ancestor):
        return fd
    os.close(fd)
    return None


_KEYS: dict[Path, bytes | None] = {}


def drop_folder(folder: Path) -> None:
    """Close and forget the checked descriptor of ``folder`` (the folder was removed)."""
    fd = _FDS.pop(folder, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def forget_folders() -> None:
    """Close the folders this process checked and forget its keys (the cache moved)."""
    for fd in _FDS.values():
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
    _FDS.clear()
    _KEYS.clear()


def _secret() -> bytes | None:
    """This user's key for authenticating entries (made on first use); None if unusable."""
    root = cache_dir()
    if root is None:
        return None
    if root in _KEYS:
        return _KEYS[root]
    key = None
    fd = folder_fd(root)
    if fd is not None:
        with contextlib.suppress(OSError):
            key = _read_key(fd) or _make_key(fd)
    _KEYS[root] = key
    return key


def _read_key(dir_fd: int) -> bytes | None:
    from drafter.infra.regular import open_fd

    try:
        fd = open_fd("key", dir_fd=dir_fd, nofollow=True)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        data = fh.read(33)
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or len(data) != 32:
        raise PermissionError("the cache key is not this user's own")
    return data


def _make_key(dir_fd: int) -> bytes | None:
    key = os.urandom(32)
    tmp = f".key.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 0o600, dir_fd=dir_fd)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    try:
        os.link(tmp, "key", src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except FileExistsError:  # another process made it first: use theirs
        key = _read_key(dir_fd) or b""
    finally:
        os.unlink(tmp, dir_fd=dir_fd)
    return key or None


def entry_mac(header: bytes, payload: bytes | memoryview) -> bytes | None:
    """The MAC of an entry's ``header`` and ``payload``; None when there is no usable key."""
    key = _secret()
    if key is None:
        return None
    mac = hashlib.blake2b(header, key=key, digest_size=20)
    mac.update(payload)
    return mac.hexdigest().encode()
