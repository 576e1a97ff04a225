"""Which module registers each command on the app (a module registers when imported).

One line per command; keep the list sorted.
"""

from __future__ import annotations

import importlib

MODULES = {
    "check": "drafter.cli.check",
    "clauses": "drafter.cli.clauses",
    "deadline": "drafter.cli.deadline",
    "new": "drafter.cli.render",
    "render": "drafter.cli.render",
}
"""Command name -> the module that defines it."""


def register(command: str | None = None) -> None:
    """Import the command modules: every one, or only ``command``'s when it names a command.

    Registering one command saves building the others' parameters, which typer does for every
    registered command on each run; ``drafter --help`` and anything that is not a command name
    register them all.
    """
    modules = [MODULES[command]] if command in MODULES else sorted(set(MODULES.values()))
    for module in modules:
        importlib.import_module(module)
