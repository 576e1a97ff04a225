"""Write letters safely: sanitised names, exclusive creation, all-or-nothing sets.

* Each letter is written to a temporary file in the destination folder (flushed to disk)
  before any final name is touched, so a crash or a full disk never leaves half a letter,
  or a truncated older letter, under the final name.
* Without ``--force`` the final names are created exclusively (a hard link from the
  temporary file, which fails if the name exists), so two runs writing the same reference
  at once can never both report success or replace each other's letters.
* A case's files (DOCX and Markdown) land together or not at all: if one cannot be created,
  the others created by the same call are removed again.
* What is already in the output folder is looked at with ``lstat``: a symbolic link, even a
  dangling one, counts as taken, and a letter replacing one gets an ordinary file's mode.
* Temporary files left by a run that was killed are removed by the next run into the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from drafter.errors import OutputExistsError, UserError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_TMP = re.compile(r"^\.(?P<name>.+)\.drafter-(?P<pid>\d+)-[^.]+\.tmp$")
STALE_AFTER = 60.0
"""Seconds after which a temporary file whose process is gone is removed."""


def safe_stem(reference: str) -> str:
    """A file-name stem made from a case reference: ``FOI 0019/24`` -> ``FOI-0019-24``.

    Path separators, ``..``, control characters and anything outside ``[A-Za-z0-9._-]`` are
    replaced, so a reference can never point outside the output folder. Names Windows keeps
    for devices (``CON``, ``COM1``, also as ``CON.1`` or ``COM1.txt``) are prefixed.
    """
    text = unicodedata.normalize("NFKD", reference).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", text).strip(".-_")
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = re.sub(r"-{2,}", "-", stem)[:120].strip(".-_")
    if not stem or stem.split(".")[0].lower() in _RESERVED:
        stem = f"letter-{stem}" if stem else "letter"
    return stem


def check_free(paths: list[Path], *, force: bool) -> None:
    """Refuse (before any work) if a target exists and ``force`` is not given.

    Even with ``force``, a folder (or anything but a file or a link) in a letter's place is
    refused, before anything is written, so a set of letters is never left half replaced.
    """
    taken: list[Path] = []
    for p in paths:
        try:
            info = p.lstat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UserError(f"cannot write {p}: {exc.strerror}") from None
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            raise UserError(f"{p} is a folder or another special file, not a letter; nothing "
                            "was written. Fix: move it away, or use -o to write elsewhere")
        taken.append(p)
    if taken and not force:
        raise _exists(taken)


def _exists(taken: list[Path]) -> OutputExistsError:
    names = ", ".join(str(p) for p in taken)
    return OutputExistsError(f"{names} already exist{'s' if len(taken) == 1 else ''}; "
                             "nothing was written. Fix: use --force to replace, or -o to "
                             "write somewhere else")


def write_atomic(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write one file through a temporary file (see :func:`write_all`)."""
    write_all({path: data}, force=force)


def write_all(files: Mapping[Path, bytes], *, force: bool) -> None:
    """Write several files as one set: all of them, or none.

    Raises:
        OutputExistsError: a file exists (or was created meanwhile by another run) and
            ``force`` is not given; nothing of the set is left behind.
        UserError: the folder cannot be written.
    """
    paths = list(files)
    check_free(paths, force=force)
    temps: dict[Path, Path] = {}
    moved: set[Path] = set()  # renamed into place: nothing left to remove
    with _signals_held():
        try:
            for path, data in files.items():
                temps[path] = _write_temp(path, data)
            if force:
                for path, tmp in temps.items():
                    _replace(tmp, path)
                    moved.add(tmp)
            else:
                _create_all(temps)
        finally:
            for tmp in temps.values():
                if tmp not in moved:
                    with contextlib.suppress(OSError):
                        tmp.unlink()


_HELD: dict[str, Any] = {"depth": 0, "pending": []}


def hold_signal(deliver: Callable[[], None]) -> bool:
    """For a signal handler: while a set of files is being written, keep the signal for later.

    Returns True if ``deliver`` (which raises the handler's exception) was kept, to be called
    as soon as the set is whole or gone; False if nothing is being written and the handler
    should act now.
    """
    if _HELD["depth"]:
        _HELD["pending"].append(deliver)
        return True
    return False


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a set of files is written, then deliver them.

    The CLI's handler asks :func:`hold_signal`. A signal acted on in the middle (between
    creating a temporary file and recording it, say) would leave a temporary file behind or
    half a set; held, it takes effect a moment later, when the set is whole or gone. Signal
    handlers run in the main thread only, as this does.
    """
    _HELD["depth"] += 1
    try:
        yield
    finally:
        _HELD["depth"] -= 1
        if not _HELD["depth"] and _HELD["pending"]:
            deliver = _HELD["pending"][0]
            _HELD["pending"].clear()
            deliver()


def _write_temp(path: Path, data: bytes) -> Path:
    folder = path.parent
    prefix = f".{path.name}.drafter-{os.getpid()}-"
    try:
        if str(folder) not in _CLEANED:  # the first letter into this folder
            folder.mkdir(parents=True, exist_ok=True)
            _CLEANED.add(str(folder))
            clean_stale(folder)
        try:
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        except FileNotFoundError:  # the folder was removed since: make it again
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"cannot write to {folder}: {exc.strerror}") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a letter gets the mode an ordinary new file
        # would have, or keeps the mode of the letter (not of a link's target) it replaces.
        try:
            info = path.lstat()
            mode = (info.st_mode & 0o777 if stat.S_ISREG(info.st_mode)
                    else 0o666 & ~_umask())
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        tmp.chmod(mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _replace(tmp: Path, path: Path) -> None:
    try:
        tmp.replace(path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None


def _create_all(temps: dict[Path, Path]) -> None:
    """Give each temporary file its final name, exclusively; undo all if one is taken."""
    done: list[tuple[Path, Path]] = []
    try:
        for path, tmp in temps.items():
            _create(tmp, path)
            done.append((path, tmp))
    except BaseException:
        for path, tmp in done:
            with contextlib.suppress(OSError):
                if os.path.samestat(path.lstat(), tmp.lstat()):  # still ours: take it back
                    path.unlink()
        raise


def _create(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path, follow_symlinks=False)
        return
    except FileExistsError:
        raise _exists([path]) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.ENOSYS, errno.EMLINK):
            raise UserError(f"cannot write {path}: {exc.strerror}") from None
    # No hard links on this file system: claim the name first, then rename over the claim.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:
        raise _exists([path]) from None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    os.close(fd)
    _replace(tmp, path)


_CLEANED: set[str] = set()  # folders already cleaned by this process


def clean_stale(folder: Path) -> None:
    """Remove temporary files left in ``folder`` by a run that was killed.

    Only drafter's own (``.NAME.drafter-PID-XXXX.tmp``), only plain files owned by this user,
    and only when that process is gone and the file is more than a minute old.
    """
    try:
        entries = [e for e in os.scandir(folder)
                   if e.name.endswith(".tmp") and ".drafter-" in e.name]
    except OSError:
        return
    now = time.time()
    for entry in entries:
        m = _TMP.match(entry.name)
        if m is None:
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER
                    or (hasattr(os, "getuid") and info.st_uid != os.getuid())
                    or _alive(int(m.group("pid")))):
                continue
            Path(entry.path).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
