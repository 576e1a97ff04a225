"""Command-line entry point: ``drafter`` (see ``docs/cli.md``).

Exit codes: 0 success; 1 the work ran but found errors; 2 could not run. No traceback reaches
the user unless ``--debug`` is given, and tracebacks never print local variables (they may
hold a requester's personal data).
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafter.cli import _startup
from drafter.errors import DrafterError
from drafter.infra.terminal import printable, set_debug

if TYPE_CHECKING:
    from drafter.cli._app import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    # ``app`` (typer, and every command module) is imported on first use, so that ``main``
    # can set the process up before the bulk of the imports.
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load_app(command: str | None = None) -> Any:
    """The typer app, with every command registered (only ``command``, when given)."""
    from drafter.cli._app import app

    _startup.register(command)
    return app


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI and exit with the documented code. ``--debug`` may appear anywhere.

    Without ``argv`` this is the ``drafter`` program, drafter's own process, and it starts the
    fast way (:mod:`drafter.cli._startup`): only the command that runs is registered and the
    garbage collector is kept out of start-up. With ``argv`` (a caller's process, such as a
    test) every command is registered and the collector is left alone. Both go through
    :func:`_run`.
    """
    own_process = argv is None
    if own_process:
        _startup.pause_garbage_collection()
    try:
        _run(sys.argv[1:] if argv is None else list(argv), one_command=own_process)
    finally:
        if own_process:
            _startup.finish()


def _run(args: list[str], *, one_command: bool = False) -> None:
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    _tolerant_streams()
    set_debug(debug)
    previous = _catch_signals()
    try:
        app = _load_app(args[0] if one_command and args else None)
        app(args=args, prog_name="drafter", standalone_mode=True)
    except SystemExit:
        raise
    except Interrupted as exc:
        # Raised by the signal handler wherever the work was; any worker pool was shut down
        # and any temporary file removed on the way out.
        print(f"drafter: {exc}", file=sys.stderr)
        sys.exit(2)
    except DrafterError as exc:
        if debug:
            traceback.print_exc()
            detail = getattr(exc, "detail", None)
            if detail:
                print(detail, file=sys.stderr)
        print(f"drafter: {printable(str(exc))}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("drafter: interrupted", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            print(f"drafter: internal error ({type(exc).__name__}). This is a bug in drafter; "
                  "run the same command with --debug and report what it prints.",
                  file=sys.stderr)
        sys.exit(2)
    finally:
        _restore_signals(previous)


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM.

    A BaseException that click does not catch (it turns KeyboardInterrupt into exit 130 with
    no message), so the documented exit 2 and 'drafter: interrupted' always happen.
    """


def _on_signal(signum: int, frame: object) -> None:
    import signal

    from drafter.infra.files import hold_signal

    interrupted = Interrupted("interrupted" if signum == signal.SIGINT else "terminated")

    def deliver() -> None:
        raise interrupted

    if not hold_signal(deliver):  # a letter being written finishes (or is undone) first
        deliver()


def _catch_signals() -> dict[int, Any]:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` (main thread only); return the old."""
    import signal

    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread
            previous[signum] = signal.signal(signum, _on_signal)
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for signum, handler in previous.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(signum, handler)


def _tolerant_streams() -> None:
    """Never fail to print a file name: bytes that are not UTF-8 are written escaped.

    Python reads such names with ``surrogateescape``; under a UTF-8 locale whose streams are
    strict, printing them would raise UnicodeEncodeError after the work was done.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
