"""One checker with the built-in rules and library, shared by the checker's test modules.

Building a :class:`~drafter.check.Checker` reads every rule and clause file; the test modules
that check letters written inline share this one instead of each building its own.
"""

from __future__ import annotations

import textwrap

from drafter.check import Checker, CheckResult
from drafter.check.ruleset import load_rules
from drafter.library.load import load_library
from drafter.read.text import parse_text

CHECKER = Checker(load_rules(), load_library())


def check_text(text: str, regime: str | None = None, *, file: str = "letter.txt") -> CheckResult:
    """Check ``text`` (dedented, read as plain text) as the letter ``file``."""
    return CHECKER.check(parse_text(textwrap.dedent(text)), file=file, regime=regime)
