"""The typer application. Command modules register on ``app``; only ``drafter.cli`` prints.

Heavy libraries (python-docx, jinja2, pydantic models, rich) are imported inside the command
functions, never here, so ``drafter --help`` stays fast.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="drafter",
    help="Draft and check UK Freedom of Information refusal notices (FOIA s17, EIR reg 14).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """Draft and check UK Freedom of Information refusal notices (FOIA s17, EIR reg 14)."""
