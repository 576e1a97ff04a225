"""Everything drafter does to start quickly, in one place.

Start-up is most of the time of a one-letter ``drafter render`` or ``drafter check``, which is
how officers use drafter most (``bench/run.py`` measures it). Three measures, each with what it
buys (2 cores, medians of 15 interleaved runs of each variant, measured 2026-12-05 on a busy
host, so read the shares, not the milliseconds):

1. **Register only the command that runs** (:func:`register`). typer builds the parameters of
   every registered command on each run; registering one saves the import of the other command
   modules and their option tables: about 3% of ``drafter deadline`` (302 against 312 ms), within
   the noise for ``render``. ``drafter --help`` and anything that is not a command name register
   them all.
2. **Keep the cyclic garbage collector out of start-up** (:func:`pause_garbage_collection`,
   :func:`collect_garbage_from_here`). Start-up makes hundreds of thousands of objects that
   live as long as the process (modules, models, rules, templates); the collector would scan
   them again and again and free nothing. Paused, then frozen once the set-up is loaded: about
   17% of a one-letter ``render`` (788 against 948 ms), 15% of ``deadline``.
3. **Import heavy libraries inside the functions that need them** (python-docx, lxml, jinja2,
   pydantic models, rich, pypdf): ``drafter --help`` never imports them. This is a rule for
   every command module rather than code here.

None of this applies in a caller's process (a test, a script calling :func:`drafter.cli.main`
with arguments): there every command is registered and the collector is left alone.
"""

from __future__ import annotations

import gc
import importlib

MODULES = {
    "check": "drafter.cli.check",
    "clauses": "drafter.cli.clauses",
    "deadline": "drafter.cli.deadline",
    "new": "drafter.cli.render",
    "render": "drafter.cli.render",
    "schema": "drafter.cli.schema",
}
"""Command name -> the module that registers it on the app (one line per command, sorted)."""

_PAUSED = {"gc": False}


def register(command: str | None = None) -> None:
    """Import the command modules: every one, or only ``command``'s when it names a command."""
    modules = [MODULES[command]] if command in MODULES else sorted(set(MODULES.values()))
    for module in modules:
        importlib.import_module(module)


def pause_garbage_collection() -> None:
    """Keep the cyclic garbage collector off while a command starts up (drafter's own process)."""
    gc.disable()
    _PAUSED["gc"] = True


def collect_garbage_from_here() -> None:
    """Turn the collector back on after start-up, leaving out everything made so far.

    A command calls this once its set-up (library, templates, rules) is loaded and before it
    works through the files, whose letters must be collected. Worker processes forked
    afterwards inherit the same state. It does nothing unless
    :func:`pause_garbage_collection` turned the collector off.
    """
    if _PAUSED["gc"]:
        _PAUSED["gc"] = False
        gc.freeze()
        gc.enable()


def finish() -> None:
    """At exit of drafter's own process: everything still alive dies with the process.

    The collection the interpreter runs on exit would only scan it, which takes longer than
    the whole of a small command.
    """
    gc.freeze()
