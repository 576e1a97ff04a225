"""Import every command module so that each registers on the app.

One line per command module; keep the list sorted.
"""

from __future__ import annotations

from drafter.cli import check as check
from drafter.cli import clauses as clauses
from drafter.cli import deadline as deadline
from drafter.cli import render as render
