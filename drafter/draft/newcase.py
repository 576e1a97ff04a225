"""The commented case file that ``drafter new`` writes, and the placeholders it leaves."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from drafter.errors import Problem
from drafter.infra.lazyre import LazyPattern
from drafter.infra.resources import templates_dir
from drafter.infra.yamlio import Loc, Positions, format_loc

PLACEHOLDERS: dict[str, str] = {
    "Short subject for the heading": "write the subject of the request, or delete the line",
    "Paste the first part of the request here.":
        "paste the requester's own words for this part",
    "Explain, in your own words, why disclosure would cause this harm in this case.":
        "give your reasons for this case, or delete 'reasons:'",
    "Locate and retrieve the files": "describe the activities your estimate is made of",
    "If you limit your request to 2024 we expect to be able to answer it.":
        "give your own advice on narrowing the request (section 16)",
    "...": "write the text this key needs",
}
"""Example text in ``templates/new-case.yaml`` (some of it commented out there), and how to
replace it. A letter must never go out with it."""


def new_case_text(reference: str, today: dt.date, regime: str = "foia") -> str:
    """Return the starter case file for ``regime`` with ``reference`` and ``today`` filled in.

    The reference is written as a YAML double-quoted string, so any characters in it stay
    data. EIR and FOISA files also state the reply's due date for a request received today,
    worked out as ``drafter deadline --regime`` and the drafted letter work it out.
    """
    name = "new-case.yaml" if regime == "foia" else f"new-case-{regime}.yaml"
    text = (templates_dir() / name).read_text(encoding="utf-8")
    if "__DUE" in text:
        from drafter.law.deadlines import compute_deadline

        due = compute_deadline(today, regime=regime)
        extended = compute_deadline(today, regime=regime, extension=20).extended_due \
            if regime == "eir" else None
        text = text.replace("__DUE40__", f"{extended.day} {extended:%B %Y}" if extended else "")
        text = text.replace("__DUE__", f"{due.due.day} {due.due:%B %Y}")
    return (text.replace("__REFERENCE__", yaml_quoted(reference))
            .replace("__TODAY__", today.isoformat()))


_NOT_PRINTABLE = LazyPattern("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that YAML will read back exactly.

    JSON's escaping covers the C0 controls; DEL, the C1 controls and the other characters
    YAML does not allow raw are escaped too (``drafter new`` must never write a case file
    drafter cannot read).
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def placeholders_left(data: Any, positions: Positions) -> list[Problem]:
    """A warning for every value that still holds example text from ``drafter new``.

    ``drafter render --strict`` turns them into errors, so the letter is not written.
    """
    found: list[Problem] = []
    for loc, value in _suspects(data, ()):
        text = value.strip()
        for placeholder, fix in PLACEHOLDERS.items():
            if text == placeholder or (len(placeholder) > 20 and placeholder in text):
                found.append(Problem(
                    f"still holds the example text from 'drafter new': '{placeholder}'",
                    file=positions.file, line=positions.line_of(loc),
                    key=format_loc(loc) or None, fix=fix, level="warning"))
                break
    return found


_ANY_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
"""Each placeholder as it is written: a text that holds none is neither one nor holds one."""


def _suspects(value: Any, loc: Loc) -> list[tuple[Loc, str]]:
    """Every text in ``value`` that holds a placeholder, with its place, in document order."""
    out: list[tuple[Loc, str]] = []
    search = _ANY_PLACEHOLDER.search

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, str):
                    if search(v) is not None:
                        out.append(((*loc, str(k)), v))
                elif isinstance(v, (dict, list)):
                    walk(v, (*loc, str(k)))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, str):
                    if search(v) is not None:
                        out.append(((*loc, i), v))
                elif isinstance(v, (dict, list)):
                    walk(v, (*loc, i))

    if isinstance(value, str):
        return [(loc, value)] if search(value) is not None else []
    walk(value, loc)
    return out
