"""The commented case file that ``drafter new`` writes."""

from __future__ import annotations

import datetime as dt
import json

from drafter.infra.resources import templates_dir


def new_case_text(reference: str, today: dt.date) -> str:
    """Return the starter case file with ``reference`` and ``today`` filled in.

    The reference is written as a YAML double-quoted string, so any characters in it stay
    data.
    """
    text = (templates_dir() / "new-case.yaml").read_text(encoding="utf-8")
    return (text.replace("__REFERENCE__", json.dumps(reference, ensure_ascii=False))
            .replace("__TODAY__", today.isoformat()))
