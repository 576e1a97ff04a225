"""Open and read only regular files, never more than a limit.

Every path drafter reads (case files, authority profiles, letterheads, rules, the clause
library, templates, cache entries and the letters given to ``drafter check``) goes through
here. A FIFO, a device or a socket is refused at once: opening a FIFO for reading would wait
for a writer forever, and ``/dev/zero`` never ends. The file is opened with ``O_NONBLOCK``
(so a FIFO does not block the open itself), checked with ``fstat`` on the open descriptor
(so it cannot be swapped between the check and the read), and read to at most ``limit + 1``
bytes whatever its size claims.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotRegularFileError", "TooLargeError", "describe", "open_regular", "read_regular"]

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(
    os, "O_BINARY", 0)


class NotRegularFileError(OSError):
    """The path is a FIFO, a device or a socket, not a file drafter can read."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
        self.kind = kind


class TooLargeError(OSError):
    """The file is larger than the limit it is read with."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it is {size:,} bytes; the limit is {limit:,}",
                         str(path))
        self.size = size
        self.limit = limit


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_fd(path: Path | str, *, dir_fd: int | None = None, nofollow: bool = False) -> int:
    """Open ``path`` for reading and return the descriptor, or raise (see :func:`open_regular`).

    ``nofollow`` refuses a symbolic link in the last component (``O_NOFOLLOW``); ``dir_fd``
    opens ``path`` relative to an open folder.
    """
    flags = _FLAGS | (getattr(os, "O_NOFOLLOW", 0) if nofollow else 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # opening a socket (or a device with nothing behind it)
            raise NotRegularFileError(path, "a socket or a device") from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, _kind(info.st_mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular(path: Path | str, *, limit: int | None = None, dir_fd: int | None = None,
                 nofollow: bool = False) -> BinaryIO:
    """Open a regular file for binary reading.

    Raises:
        FileNotFoundError, IsADirectoryError, PermissionError: as ``open`` would.
        NotRegularFileError: a FIFO, a device or a socket.
        TooLargeError: the file is over ``limit`` bytes.
    """
    fd = open_fd(path, dir_fd=dir_fd, nofollow=nofollow)
    if limit is not None:
        size = os.fstat(fd).st_size
        if size > limit:
            os.close(fd)
            raise TooLargeError(path, size, limit)
    return os.fdopen(fd, "rb")


def read_regular(path: Path | str, limit: int, *, dir_fd: int | None = None,
                 nofollow: bool = False, truncate: bool = False) -> bytes:
    """Read a regular file of at most ``limit`` bytes (the first ``limit`` if ``truncate``).

    Raises:
        as :func:`open_regular`; ``TooLargeError`` also when the file grows past ``limit``
        while it is read.
    """
    cap = limit + (0 if truncate else 1)
    with open_regular(path, limit=None if truncate else limit, dir_fd=dir_fd,
                      nofollow=nofollow) as fh:
        # Ask for what the file holds (plus one byte, to see it end), not for the limit:
        # read(n) allocates n bytes first, which for a 512 MB limit costs more than the read.
        size = os.fstat(fh.fileno()).st_size
        chunks = [fh.read(min(cap, size + 1))]
        total = len(chunks[0])
        while total < cap and chunks[-1]:  # the file grew while it was read
            chunks.append(fh.read(min(cap - total, 1 << 20)))
            total += len(chunks[-1])
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) > limit:
        raise TooLargeError(path, len(data), limit)
    return data


def describe(exc: OSError) -> str:
    """A short reason for a failed read: ``it is a FIFO (named pipe), not a regular file``."""
    if isinstance(exc, (NotRegularFileError, TooLargeError, IsADirectoryError)):
        return str(exc.strerror)
    if isinstance(exc, FileNotFoundError):
        return "not found"
    return str(exc.strerror or exc)
