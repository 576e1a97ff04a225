"""Command-line entry point: ``drafter`` (see ``shared/contracts.md`` section 1).

Exit codes: 0 success; 1 the work ran but found errors; 2 could not run. No traceback reaches
the user unless ``--debug`` is given, and tracebacks never print local variables (they may
hold a requester's personal data).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

# Command modules register themselves on ``app`` when imported.
from drafter.cli import commands as _commands  # noqa: F401
from drafter.cli._app import app
from drafter.errors import DrafterError

__all__ = ["app", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI and exit with the documented code. ``--debug`` may appear anywhere."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    try:
        app(args=args, prog_name="drafter", standalone_mode=True)
    except SystemExit:
        raise
    except DrafterError as exc:
        if debug:
            traceback.print_exc()
        print(f"drafter: {exc}", file=sys.stderr)
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
