"""The cyclic garbage collector in drafter's own process (the ``drafter`` program)."""

from __future__ import annotations

import gc

_PAUSED = {"gc": False}


def pause_garbage_collection() -> None:
    """Keep the cyclic garbage collector off while a command starts up.

    Start-up makes hundreds of thousands of objects that live as long as the process
    (modules, models, rules, templates); the collector would scan them again and again and
    find nothing to free. Only :func:`drafter.cli.main` calls this, for its own process.
    """
    gc.disable()
    _PAUSED["gc"] = True


def collect_garbage_from_here() -> None:
    """Turn the collector back on after start-up, leaving out everything made so far.

    A command calls this once its set-up (library, templates, rules) is loaded and before it
    works through the files, whose letters (python-docx documents are reference cycles) must
    be collected. Worker processes forked afterwards inherit the same state. It does nothing
    unless :func:`pause_garbage_collection` turned the collector off.
    """
    if _PAUSED["gc"]:
        _PAUSED["gc"] = False
        gc.freeze()
        gc.enable()
