"""Format check results: a readable table per file (rich), or JSON (``docs/check.md``).

Pure string output; the CLI prints it. ``min_level`` filters which findings are shown, not
whether a letter is ``ok``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from drafter.check import LEVELS, CheckResult
from drafter.check.batch import Reported
from drafter.infra.jsontext import dumps
from drafter.infra.parallel import Outcome
from drafter.law.elements import ELEMENT_LAW, ELEMENTS
from drafter.law.regimes import REGIME_LAW, REGIMES, Regime

__all__ = ["ELEMENT_LAW", "join_json", "render_json", "render_text"]

_STATUS_STYLE = {"present": "green", "missing": "bold red", "not_applicable": "dim"}
_LEVEL_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def render_json(outcomes: Sequence[Outcome[CheckResult]], *,
                min_level: str = "suggestion") -> str:
    """One JSON object for one file, an array for several; unreadable files get ``error``."""
    items: list[dict[str, Any]] = []
    for o in outcomes:
        if o.value is not None:
            items.append(o.value.as_dict(min_level))
        else:
            items.append({"file": str(o.path), "error": str(o.error), "ok": False})
    data: Any = items[0] if len(items) == 1 else items
    return dumps(data) + "\n"  # json.dumps(data, indent=2, ensure_ascii=False), faster


def join_json(outcomes: Sequence[Outcome[Reported]]) -> str:
    """:func:`render_json`'s text, from each letter's JSON object written by the worker.

    The same text: a JSON string holds no raw line break, so indenting each line of an object
    by two spaces nests it in the array exactly as ``json.dumps(indent=2)`` does.
    """
    items = [o.value.json if o.value is not None else
             dumps({"file": str(o.path), "error": str(o.error), "ok": False}) for o in outcomes]
    if len(items) == 1:
        return items[0] + "\n"
    if not items:
        return "[]\n"
    return "[\n  " + ",\n  ".join(item.replace("\n", "\n  ") for item in items) + "\n]\n"


def render_text(outcomes: Sequence[Outcome[CheckResult]], *, min_level: str = "suggestion",
                color: bool = False, width: int = 110) -> str:
    """A table of the elements and a list of findings per file, then a summary."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, soft_wrap=False)
    for n, o in enumerate(outcomes):
        if n:
            console.print()
        if o.value is None:
            console.print(f"[bold red]cannot be read[/]: {_esc(str(o.error or o.path))}")
            continue
        _one(console, o.value, min_level)
    if len(outcomes) > 1:
        console.print()
        console.print(_summary(outcomes))
    return buf.getvalue()


def _esc(text: str) -> str:
    from rich.markup import escape

    from drafter.infra.terminal import printable

    return escape(printable(text))


def _one(console: Any, r: CheckResult, min_level: str) -> None:
    from rich.table import Table

    regime = Regime(r.regime) if r.regime in REGIMES else Regime.foia
    facts = [REGIME_LAW[regime].short]
    facts.append("refusal" if r.is_refusal else "not a refusal")
    if r.ncnd:
        facts.append("neither confirms nor denies")
    if r.exemptions:
        facts.append("cites " + ", ".join(r.exemptions))
    console.print(f"[bold]{_esc(r.file)}[/bold]: {_esc('; '.join(facts))}")
    if r.is_refusal:
        laws = ELEMENT_LAW[regime]
        table = Table(show_edge=False, pad_edge=False, expand=False, box=None,
                      header_style="bold")
        table.add_column("element", no_wrap=True)
        table.add_column("law", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("evidence", overflow="fold", ratio=1)
        table.add_column("location", no_wrap=True)
        for key in ELEMENTS:
            e = r.elements[key]
            status = e.status.replace("_", " ")
            style = _STATUS_STYLE.get(e.status, "")
            evidence = _esc(_clip(e.evidence or "", 120))
            table.add_row(key, laws[key], f"[{style}]{status}[/]", evidence,
                          _esc(e.location or ""))
        console.print(table)
    else:
        console.print("  Nothing is refused, so no section 17 element applies.")
    shown = r.shown(min_level)
    if shown:
        console.print("[bold]findings[/bold]")
        for f in shown:
            where = f" ({_esc(f.location)})" if f.location else ""
            law = f" [dim][{_esc(f.statute)}][/dim]" if f.statute else ""
            console.print(f"  [{_LEVEL_STYLE[f.level]}]{f.level:<10}[/] {f.id}{where}: "
                          f"{_esc(f.message)}{law}")
    console.print(_verdict(r))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _counts(r: CheckResult) -> dict[str, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for f in r.findings:
        counts[f.level] += 1
    return counts


def _verdict(r: CheckResult) -> str:
    c = _counts(r)
    parts = [f"{c[level]} {level}{'s' if c[level] != 1 else ''}"
             for level in reversed(LEVELS) if c[level]]
    head = "[bold green]OK[/]" if r.ok else "[bold red]FAIL[/]"
    return f"{head}: {', '.join(parts) if parts else 'no findings'}"


def _summary(outcomes: Sequence[Outcome[CheckResult]]) -> str:
    ok = sum(1 for o in outcomes if o.value is not None and o.value.ok)
    bad = sum(1 for o in outcomes if o.value is not None and not o.value.ok)
    unread = sum(1 for o in outcomes if o.value is None)
    text = f"{len(outcomes)} files: {ok} ok, {bad} with errors"
    if unread:
        text += f", {unread} could not be read"
    return text
