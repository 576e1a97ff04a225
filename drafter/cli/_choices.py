"""Option values shared by several commands (typer turns each enum into a checked choice)."""

from __future__ import annotations

from enum import StrEnum


class Regime(StrEnum):
    """The access regimes ``--regime`` accepts: FOIA, the EIR, or FOISA (Scotland)."""

    foia = "foia"
    eir = "eir"
    foisa = "foisa"


class OutputFormat(StrEnum):
    """``--format``: text for people, json for scripts."""

    text = "text"
    json = "json"
