"""Option values shared by several commands (typer turns each enum into a checked choice)."""

from __future__ import annotations

from enum import StrEnum

from drafter.law._regime import Regime

__all__ = ["OutputFormat", "Regime"]


class OutputFormat(StrEnum):
    """``--format``: text for people, json for scripts."""

    text = "text"
    json = "json"
