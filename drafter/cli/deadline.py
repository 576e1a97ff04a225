"""``drafter deadline DATE``: the time for compliance (``docs/cli.md``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated

import typer

from drafter.cli._app import app
from drafter.cli._choices import OutputFormat, Regime

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(text: str, what: str) -> dt.date:
    """Return the date written ``YYYY-MM-DD``, or raise typer.BadParameter saying so."""
    value = text.strip()
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise typer.BadParameter(f"{text!r} is not a real date ({exc}).",
                                     param_hint=what) from None
    raise typer.BadParameter(f"{text!r} is not a date written YYYY-MM-DD (e.g. 2025-03-14).",
                             param_hint=what)


def _parse_bank_holidays(values: list[str]) -> dict[dt.date, str]:
    """Parse ``--bank-holiday YYYY-MM-DD=Name`` options."""
    extra: dict[dt.date, str] = {}
    for value in values:
        day_text, sep, name = value.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(
                f"{value!r} should be YYYY-MM-DD=Name, e.g. "
                "'2026-06-15=Extra bank holiday'.", param_hint="'--bank-holiday'")
        extra[_parse_date(day_text, "'--bank-holiday'")] = name.strip()
    return extra


@app.command()
def deadline(
    date: Annotated[str, typer.Argument(
        metavar="DATE",
        help="Date of receipt, or of the clarification asked for under s1(3), as YYYY-MM-DD. "
             "Day 1 is the next working day.",
        show_default=False)],
    regime: Annotated[Regime, typer.Option(
        "--regime",
        help="foia and eir skip bank holidays in any part of the UK (FOIA s10(6)); foisa "
             "skips bank holidays in Scotland only (FOISA s73).")] = Regime.foia,
    extension: Annotated[int | None, typer.Option(
        "--extension", metavar="N",
        help="Also show the date N further working days after the due date: FOIA s10(3) "
             "public interest extension (ICO: normally 20 at most) or EIR reg 7(1) (20 gives "
             "the 40th working day). FOISA has no extension.",
        show_default=False)] = None,
    working_days: Annotated[int, typer.Option(
        "--working-days", metavar="N",
        help="The time limit in working days, where regulations vary it (s10(4)).")] = 20,
    bank_holiday: Annotated[list[str] | None, typer.Option(
        "--bank-holiday", metavar="YYYY-MM-DD=NAME",
        help="Add a bank holiday proclaimed under the Banking and Financial Dealings Act 1971 "
             "that is not in the built-in list yet (repeatable). Not for office closures or "
             "privilege days: they are working days under FOIA s10(6) and FOISA s73.",
        show_default=False)] = None,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="text for people, json for scripts.")] = OutputFormat.text,
) -> None:
    """Work out the last day to respond to a request (the 20th working day after receipt)."""
    from drafter.law.calendar import calendar_for
    from drafter.law.deadlines import compute_deadline, format_deadline

    received = _parse_date(date, "'DATE'")
    extra = _parse_bank_holidays(bank_holiday or [])
    cal = calendar_for(regime.value, extra)
    result = compute_deadline(received, regime=regime.value, working_days=working_days,
                              extension=extension, cal=cal)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_deadline(result), nl=False)
