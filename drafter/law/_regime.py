"""The :class:`Regime` enum on its own; its home is :mod:`drafter.law.regimes`.

Kept apart from the regimes' legal facts (:data:`drafter.law.regimes.REGIME_LAW`, whose
dataclasses take a few milliseconds to build) so that the CLI can offer ``--regime`` without
loading them: ``drafter --help`` registers every command and runs in about 50 ms.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from drafter.errors import UserError

if TYPE_CHECKING:
    from drafter.law.regimes import RegimeLaw

__all__ = ["REGIMES", "Regime", "parse_regime"]


class Regime(StrEnum):
    """An access regime. Members are strings (``Regime.foia == "foia"``).

    The same enum is the ``regime:`` of a case file, the checker's ``--regime`` and the
    ``regimes:`` of a checker rule, so an unknown name is refused in one way everywhere.
    """

    foia = "foia"
    eir = "eir"
    foisa = "foisa"

    @property
    def law(self) -> RegimeLaw:
        """The legal facts of this regime."""
        from drafter.law.regimes import REGIME_LAW

        return REGIME_LAW[self]

    @property
    def display_name(self) -> str:
        """``FOIA (Freedom of Information Act 2000)`` and so on."""
        return self.law.display_name


REGIMES: tuple[Regime, ...] = tuple(Regime)
"""Every regime, in the order they are listed to users."""


def parse_regime(value: str) -> Regime:
    """Return ``value`` as a :class:`Regime`.

    Raises:
        UserError: It is not ``foia``, ``eir`` or ``foisa``.
    """
    try:
        return Regime(value)
    except ValueError:
        raise UserError(f"unknown regime {value!r}: use one of "
                        f"{', '.join(REGIMES)}") from None
