"""The three access regimes drafter knows, and the facts that differ between them.

* ``foia``: the Freedom of Information Act 2000 (England, Wales, Northern Ireland and UK-wide
  bodies).
* ``eir``: the Environmental Information Regulations 2004 (environmental information).
* ``foisa``: the Freedom of Information (Scotland) Act 2002 (Scottish public authorities).
"""

from __future__ import annotations

from typing import Literal, get_args

from drafter.errors import UserError

__all__ = ["REGIMES", "REGIME_NAMES", "TIME_LIMIT", "WORKING_DAY_RULE", "Regime", "parse_regime"]

Regime = Literal["foia", "eir", "foisa"]
"""The three access regimes (the same values as ``drafter.draft.model.Regime``)."""

REGIMES: tuple[Regime, ...] = get_args(Regime)

REGIME_NAMES: dict[Regime, str] = {
    "foia": "FOIA (Freedom of Information Act 2000)",
    "eir": "EIR (Environmental Information Regulations 2004)",
    "foisa": "FOISA (Freedom of Information (Scotland) Act 2002)",
}
"""How ``drafter deadline`` names each regime."""

TIME_LIMIT: dict[Regime, str] = {
    "foia": "s10(1)",
    "eir": "reg 5(2)",
    "foisa": "s10(1)",
}
"""The provision that sets the 20 working days."""

WORKING_DAY_RULE: dict[Regime, str] = {
    "foia": ("Working days exclude Saturdays, Sundays, Christmas Day, Good Friday and bank "
             "holidays in any part of the UK (FOIA s10(6))."),
    "eir": ("Working days exclude Saturdays, Sundays, Christmas Day, Good Friday and bank "
            "holidays in any part of the UK (EIR reg 2(1), as FOIA s10(6))."),
    "foisa": ("Working days exclude Saturdays, Sundays, Christmas Day and bank holidays in "
              "Scotland (FOISA s73); holidays elsewhere in the UK are working days."),
}
"""What counts as a working day, in one sentence with its source."""


def parse_regime(regime: str) -> Regime:
    """Return ``regime`` as a :data:`Regime`.

    Raises:
        UserError: It is not one of ``foia``, ``eir`` or ``foisa``.
    """
    for known in REGIMES:
        if regime == known:
            return known
    raise UserError(f"unknown regime {regime!r}: use one of {', '.join(REGIMES)}")
