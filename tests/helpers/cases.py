"""Validate a case given as a dictionary, as the case validator's table tests do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from drafter.draft.casefile import load_case
from drafter.draft.validate import ValidatedCase, validate_case
from drafter.library.load import Library


def validate_dict(case: dict[str, Any], folder: Path, lib: Library, *,
                  authority: dict[str, Any], today: dt.date) -> ValidatedCase:
    """Write ``case`` (and ``authority`` beside it) into ``folder`` and validate it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "authority.yaml").write_text(yaml.safe_dump(authority), encoding="utf-8")
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return validate_case(load_case(path), lib, today=today)
