"""Where the clause library is read from: its folders, their YAML files and their bytes.

Reading is kept apart from validation (:mod:`drafter.library.load`) so that what is built
from the library can be keyed in the cache by the files' content without importing the
library's models: the built-in ``clauses/`` folder first, then each override folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from drafter.errors import LibraryError, Problem
from drafter.infra import cache
from drafter.infra.resources import clauses_dir
from drafter.infra.yamlio import read_bytes

__all__ = ["BUILT_IN", "Read", "cache_inputs", "read_library", "versions", "yaml_files"]

BUILT_IN = "built-in"
"""The source name of the built-in library (an override folder's is its path)."""

Read = list[tuple[str, list[tuple[Path, bytes | LibraryError]]]]
"""Each source with its files: their bytes, or why a file could not be read."""


def yaml_files(folder: Path) -> list[Path]:
    """The ``.yaml``/``.yml`` files below ``folder``, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def read_library(overrides: Sequence[Path] = ()) -> Read:
    """The bytes of every file of the built-in library, then of each override folder.

    Raises:
        LibraryError: an override folder does not exist.
    """
    folders: list[tuple[str, Path]] = [(BUILT_IN, clauses_dir())]
    for folder in overrides:
        if not folder.is_dir():
            raise LibraryError([Problem("library override folder not found", file=str(folder),
                                        fix="give a folder of .yaml clause files")])
        folders.append((str(folder), folder))
    read: Read = []
    for source, folder in folders:
        files: list[tuple[Path, bytes | LibraryError]] = []
        for path in yaml_files(folder):
            try:
                files.append((path, read_bytes(path, LibraryError, what="clause file")))
            except LibraryError as exc:
                files.append((path, exc))
        read.append((source, files))
    return read


def cache_inputs(read: Sequence[tuple[str, Sequence[tuple[Path, bytes | Exception]]]]
                 ) -> list[tuple[str, bytes]] | None:
    """The cache key's inputs for what is built from ``read``; None if a file was unreadable.

    ``read`` is each folder's name with its files, as read (bytes) or the error reading
    them. What has a file that could not be read is reported, never cached. The checker's
    rule set is keyed the same way.
    """
    inputs: list[tuple[str, bytes]] = []
    for source, files in read:
        inputs.append((f"folder {source}", b""))
        for path, data in files:
            if not isinstance(data, bytes):
                return None
            inputs.append((str(path), data))
    return inputs


def versions() -> list[str]:
    """The versions of the libraries that shape a loaded library (for cache keys)."""
    import pydantic
    import pydantic_core

    return [f"pydantic {pydantic.VERSION} {pydantic_core.__version__} "
            f"{cache.module_stamp('yaml')}"]
