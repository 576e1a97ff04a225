"""A time and size budget for rendering templates and clause texts.

Templates and clause libraries are local configuration, trusted not to escape the sandbox
(which refuses Python internals), but a mistake in one (a nested loop, ``'x' * 10**10``,
``lipsum(10**7)``, a macro that calls itself) must cost a clear error naming the template,
not a hung batch or an exhausted machine. Within :func:`budget`:

* rendering stops after :data:`MAX_SECONDS` (a timer on the main thread; every loop over
  ``range`` and every call also checks the clock, so other threads are bounded too);
* loops over ``range`` may take :data:`MAX_STEPS` steps in all;
* ``*``, ``**`` and ``+``, the padding filters and method calls may not make a value over
  :data:`MAX_SIZE` characters or items, and ``lipsum`` makes at most 100 paragraphs;
* the rendered text may be at most :data:`MAX_SIZE` characters.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

__all__ = ["MAX_SECONDS", "MAX_SIZE", "MAX_STEPS", "MAX_TEMPLATE_BYTES", "BudgetedEnvironment",
           "OverBudgetError", "RegularFileLoader", "budget"]

MAX_SECONDS = 10.0
MAX_STEPS = 2_000_000
MAX_SIZE = 10_000_000


class OverBudgetError(SecurityError):
    """A template went over its time or size budget."""


_STATE = threading.local()


def _deadline() -> float | None:
    return getattr(_STATE, "deadline", None)


def tick() -> None:
    """Count one step of template work; raise if the budget is spent."""
    deadline = _deadline()
    if deadline is None:
        return
    _STATE.steps += 1
    if _STATE.steps > MAX_STEPS:
        raise OverBudgetError(f"the template does more than {MAX_STEPS:,} loop steps")
    if _STATE.steps % 1024 == 0 and time.monotonic() > deadline:
        raise OverBudgetError(f"the template takes more than {MAX_SECONDS:.0f} seconds")


def _on_alarm(signum: int, frame: object) -> None:
    raise OverBudgetError(f"the template takes more than {MAX_SECONDS:.0f} seconds")


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """Render within the budget (nested uses share the outermost one)."""
    if _deadline() is not None:
        yield
        return
    _STATE.deadline = time.monotonic() + MAX_SECONDS
    _STATE.steps = 0
    previous: Any = None
    timer = threading.current_thread() is threading.main_thread() and hasattr(signal,
                                                                              "setitimer")
    if timer:
        try:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
        except (ValueError, OSError):  # pragma: no cover - signals unavailable here
            timer = False
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _STATE.deadline = None


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise OverBudgetError(f"the template makes a value of {size:,} characters or items "
                              f"(the limit is {MAX_SIZE:,})")


def budgeted_range(*args: int) -> Iterator[int]:
    """``range`` for templates: at most 100,000 items, each a counted step."""
    for i in safe_range(*args):
        tick()
        yield i


def bounded_lipsum(n: int = 5, *args: Any, **kwargs: Any) -> Any:
    """Jinja's ``lipsum``, at most 100 paragraphs."""
    from jinja2.utils import generate_lorem_ipsum

    if not isinstance(n, int) or n > 100:
        raise OverBudgetError("lipsum makes at most 100 paragraphs")
    return generate_lorem_ipsum(n, *args, **kwargs)


def _padding(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and arg > MAX_SIZE:
                raise OverBudgetError(f"'{name}' asked to make {arg:,} characters")
        tick()
        result = original(value, *args, **kwargs)
        _check_size(_size(result))
        return result

    return checked


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with the size checks of this module on operators, calls and filters."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = budgeted_range
        self.globals["lipsum"] = bounded_lipsum
        for name in ("center", "indent", "format", "wordwrap", "truncate", "join", "replace",
                     "batch", "slice"):
            if name in self.filters:
                self.filters[name] = _padding(name, self.filters[name])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, refused if it would make a value over the size limit."""
        tick()
        if operator == "*":
            if isinstance(right, int) and _size(left):
                _check_size(_size(left) * right)
            elif isinstance(left, int) and _size(right):
                _check_size(_size(right) * left)
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 64:
                raise OverBudgetError(f"the template raises a number to the power {right:,}")
        elif operator == "+" and _size(left) and _size(right):
            _check_size(_size(left) + _size(right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` in the sandbox, refusing sizes over the limit."""
        tick()
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and arg > MAX_SIZE:
                raise OverBudgetError(f"the template passes {arg:,} to a function (the "
                                      f"limit is {MAX_SIZE:,})")
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(_size(result))
        return result


def render_within(generate: Iterator[str]) -> str:
    """Join a template's output, refusing more than :data:`MAX_SIZE` characters."""
    out: list[str] = []
    append = out.append
    size = 0
    for chunk in generate:  # a letter is thousands of chunks: the check is inlined
        size += len(chunk)
        if size > MAX_SIZE:
            _check_size(size)
        append(chunk)
    return "".join(out)


MAX_TEMPLATE_BYTES = 1024 * 1024
"""Largest template file read (the whole built-in letter is a few KB)."""


class RegularFileLoader(FileSystemLoader):
    """Jinja's file loader, reading only regular files of at most :data:`MAX_TEMPLATE_BYTES`.

    A FIFO or device in a template folder is passed over (never opened, so it cannot block),
    and an oversized template is an error naming the file instead of minutes of parsing.
    """

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        """The source of ``template``, its file name and an up-to-date check."""
        import os
        import posixpath

        from jinja2.exceptions import TemplateNotFound
        from jinja2.loaders import split_template_path

        from drafter.infra.regular import NotRegularFileError, TooLargeError, read_regular

        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            try:
                data = read_regular(filename, MAX_TEMPLATE_BYTES)
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError,
                    NotRegularFileError):
                continue
            except TooLargeError as exc:
                raise JinjaTemplateError(f"{filename} is {exc.size:,} bytes; a template may be "
                                         f"at most {MAX_TEMPLATE_BYTES:,}") from None
            mtime = Path(filename).stat().st_mtime

            def uptodate(filename: str = filename, mtime: float = mtime) -> bool:
                try:
                    return Path(filename).stat().st_mtime == mtime
                except OSError:
                    return False

            return data.decode(self.encoding), os.path.normpath(filename), uptodate
        raise TemplateNotFound(template)
