"""The legal facts of the library's provisions, as the checker needs them, kept in the cache.

:func:`provision_records` is what ``drafter check`` reads instead of the whole library: the
facts (:class:`drafter.law.provisions.ProvisionRecord`) of one regime's provisions, built from
the library that :func:`drafter.library.load.load_library` validates, and stored in the user's
cache under the content of every clause file. A later run over the same files takes them
from the cache without importing the library's models; a file that changed, or a library that
does not validate, is loaded (and its problems reported) as ``drafter render`` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from drafter.infra import cache
from drafter.law.provisions import ProvisionRecord, records_of
from drafter.library.sources import cache_inputs, read_library, versions

__all__ = ["ProvisionRecords", "provision_records"]

ProvisionRecords = dict[str, tuple[ProvisionRecord, ...]]
"""Records by canonical citation (see :func:`drafter.law.provisions.records_of`)."""


def provision_records(overrides: Sequence[Path] = (), regime: str = "foia") -> ProvisionRecords:
    """The facts of ``regime``'s provisions in the library (built-in, then ``overrides``).

    Raises:
        LibraryError: the library has problems (every one, located), as ``load_library``.
    """
    read = read_library(overrides)

    def build() -> ProvisionRecords:
        from drafter.library.load import build_library

        return records_of(build_library(read).of_regime(regime))

    inputs = cache_inputs(read)
    if inputs is None:
        return build()  # a file that could not be read: reported, never cached
    return cache.memoize("provisions", name="\0".join([regime, *(s for s, _ in read)]),
                         inputs=inputs, versions=versions(), build=build, expect=dict)
