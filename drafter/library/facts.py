"""The legal facts of the library's provisions, as the checker needs them, kept in the cache.

:func:`provision_records` is what ``drafter check`` reads instead of the whole library: the
facts (:class:`drafter.law.provisions.ProvisionRecord`) of every regime's provisions, built
from the library that :func:`drafter.library.load.load_library` validates, and stored in the
user's cache under the content of every clause file. A later run over the same files takes
them from the cache without importing the library's models; a file that changed, or a library
that does not validate, is loaded (and its problems reported) as ``drafter render`` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from drafter.infra import cache
from drafter.law.provisions import RegimeRecords, records_by_regime
from drafter.library.sources import cache_inputs, read_library, versions

__all__ = ["ProvisionRecords", "provision_records"]

ProvisionRecords = RegimeRecords
"""Records by regime, then by canonical citation (see
:func:`drafter.law.provisions.records_by_regime`)."""


def provision_records(overrides: Sequence[Path] = ()) -> ProvisionRecords:
    """The facts of every regime's provisions in the library (built-in, then ``overrides``).

    Raises:
        LibraryError: the library has problems (every one, located), as ``load_library``.
    """
    read = read_library(overrides)

    def build() -> ProvisionRecords:
        from drafter.library.load import build_library

        return records_by_regime(build_library(read).provisions.values())

    inputs = cache_inputs(read)
    if inputs is None:
        return build()  # a file that could not be read: reported, never cached
    return cache.memoize("provision-facts", name="\0".join(s for s, _ in read),
                         inputs=inputs, versions=versions(), build=build, expect=dict)
